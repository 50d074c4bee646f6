"""The source registry: which sites pressbot crawls, read from one TOML file."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pressbot.utils.url import host_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")

KINDS = frozenset({"news_agency", "ministry", "regional_government", "head_of_state", "government"})


# The generic family's options (`family = "generic"`): where the site lists its releases,
# and selectors (CSS, or XPath starting with "/" or "(") for what the automatic reading misses.
GENERIC_OPTIONS = frozenset({"feeds", "sitemaps", "listing", "listing_pages", "selectors"})
GENERIC_SELECTORS = frozenset({"title", "date", "lead", "body", "links"})


class RegistryError(ValueError):
    """The registry file names an unknown kind, time zone or family, or misses a field."""


@dataclass(frozen=True)
class Source:
    """One crawled site: what it is, where it is and how to crawl it."""

    key: str
    title: str
    kind: str
    country: str
    timezone: str
    homepage: str
    family: str
    languages: tuple[str, ...] = ("ru",)
    region: str = ""
    enabled: bool = True
    #: how the press names the source besides its title («Минпромторг РТ»), for attributions
    names: tuple[str, ...] = ()
    #: other hosts the source publishes its stories on (besides its homepage's)
    hosts: tuple[str, ...] = ()
    options: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def host(self) -> str:
        """The canonical host, as in stored story URLs."""
        return host_of(self.homepage)

    def on_site(self, url: str) -> bool:
        """Whether `url` is on the source's site: its host (and the www./m. variants),
        or one of the other hosts the registry names for it."""
        host = host_of(url)
        return host == self.host or host in self.other_hosts

    @cached_property
    def other_hosts(self) -> frozenset[str]:
        return frozenset(host_of(f"https://{host}") for host in self.hosts)

    @property
    def language(self) -> str:
        return self.languages[0]

    def as_row(self) -> dict:
        """The row mirrored into the `sources` table."""
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "country": self.country,
            "region": self.region,
            "timezone": self.timezone,
            "languages": list(self.languages),
            "homepage": self.homepage,
            "family": self.family,
            "enabled": self.enabled,
            "names": list(self.names),
        }


_KNOWN = {
    "title",
    "kind",
    "country",
    "timezone",
    "homepage",
    "family",
    "languages",
    "region",
    "enabled",
    "names",
    "hosts",
}


def _source(key: str, entry: dict) -> Source:
    missing = {"title", "kind", "country", "timezone", "homepage", "family"} - entry.keys()
    if missing:
        raise RegistryError(f"source {key!r} misses {', '.join(sorted(missing))}")
    if entry["kind"] not in KINDS:
        raise RegistryError(f"source {key!r} has unknown kind {entry['kind']!r}")
    try:
        ZoneInfo(entry["timezone"])
    except Exception as exc:
        raise RegistryError(f"source {key!r} has unknown time zone {entry['timezone']!r}") from exc
    known = {k: v for k, v in entry.items() if k in _KNOWN}
    options = {k: v for k, v in entry.items() if k not in _KNOWN}
    if entry["family"] == "generic":
        _check_generic(key, options)
    known["languages"] = tuple(known.get("languages", ("ru",)))
    known["names"] = tuple(known.get("names", ()))
    known["hosts"] = tuple(known.get("hosts", ()))
    known["homepage"] = known["homepage"].rstrip("/")
    return Source(key=key, options=options, **known)


def _check_generic(key: str, options: dict) -> None:
    """A generic source names only options the family reads: a typo is an error, not a no-op."""
    unknown = options.keys() - GENERIC_OPTIONS
    unknown |= {f"selectors.{k}" for k in options.get("selectors", {}).keys() - GENERIC_SELECTORS}
    if unknown:
        raise RegistryError(f"source {key!r} has unknown option(s) {', '.join(sorted(unknown))}")
    for name in ("feeds", "sitemaps"):
        if not isinstance(options.get(name, []), list):
            raise RegistryError(f"source {key!r}: {name} must be a list of addresses")
    if "listing_pages" in options and "{page}" not in options["listing_pages"]:
        raise RegistryError(f"source {key!r}: listing_pages needs a {{page}} placeholder")


def load_registry(path: str | Path | None = None) -> dict[str, Source]:
    """Read the registry file (the bundled one by default) into sources by key.

    Parsed once per process while the file is unchanged: a crawl's components
    each ask, and a registry of thousands of sources takes a while to parse.
    """
    file = Path(path or DEFAULT_REGISTRY).resolve()
    stat = file.stat()
    return dict(_parsed(file, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _parsed(file: Path, mtime_ns: int, size: int) -> dict[str, Source]:
    with open(file, "rb") as f:
        data = tomllib.load(f)
    return {key: _source(key, entry) for key, entry in data.items()}


def entry_toml(key: str, fields: dict) -> str:
    """A registry entry as TOML text: strings, lists of strings and booleans."""
    lines = [f"[{key}]"]
    for name, value in fields.items():
        lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
