"""URLs: the one a story is stored under, and the one to request."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that track a reader and never select content.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|yclid|ysclid|_openstat|from|ref|rss|share|amp|print|_ga|mc_\w+)$",
    re.IGNORECASE,
)
# Host prefixes of mobile and AMP mirrors of the same pages.
VARIANT_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# Path forms of AMP and print variants: /amp/20251112/x.html, x-print.html, /print/...
_AMP_PATH = re.compile(r"^/(amp|print|m)(?=/)")
_PRINT_SUFFIX = re.compile(r"-print(\.html?)$")


def _canonical_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in VARIANT_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _canonical_path(path: str) -> str:
    path = re.sub(r"/amp/?$", "", path)
    if len(path) > 1:
        path = path.rstrip("/")
    return path or "/"


# A crawl asks for the same URL's forms several times (listing, request, pipeline);
# w3lib's canonicalisation is the costly part, so the answers are cached (bounded).
@lru_cache(maxsize=8192)
def fetch_url(url: str) -> str:
    """The URL to request: tracking parameters, fragments, AMP and print forms dropped.

    Scheme, host and trailing slash stay as the site wrote them, so the request
    meets no redirect (and kremlin.ru stays on the plain HTTP that answers).
    """
    try:
        parts = urlsplit(canonicalize_url(url.strip()))
    except ValueError:  # "http://[": no URL to tidy; kept as given, for validation to refuse
        return url.strip()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(k)
    ]
    path = _PRINT_SUFFIX.sub(r"\1", _AMP_PATH.sub("", parts.path))
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


@lru_cache(maxsize=8192)
def canonical_url(url: str) -> str:
    """The one URL a story is stored under, whatever variant led to it."""
    fetched = fetch_url(url)
    try:
        parts = urlsplit(fetched)
    except ValueError:  # as in fetch_url: kept as given
        return fetched
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    return urlunsplit(
        (scheme, _canonical_host(parts.netloc), _canonical_path(parts.path), parts.query, "")
    )


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL with a host: one a story can be stored under."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def host_of(url: str) -> str:
    """The canonical host of a URL (www./m. variants folded), "" when it has none."""
    parts = canonical_url(url).split("/")
    return parts[2] if len(parts) > 2 and "://" in url else ""
