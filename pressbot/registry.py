"""The source registry: which sites pressbot crawls, read from one TOML file."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from pressbot.utils.url import host_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")

KINDS = frozenset({"news_agency", "ministry", "regional_government", "head_of_state", "government"})


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
    known["languages"] = tuple(known.get("languages", ("ru",)))
    known["names"] = tuple(known.get("names", ()))
    known["hosts"] = tuple(known.get("hosts", ()))
    known["homepage"] = known["homepage"].rstrip("/")
    return Source(key=key, options=options, **known)


def load_registry(path: str | Path | None = None) -> dict[str, Source]:
    """Read the registry file (the bundled one by default) into sources by key."""
    with open(path or DEFAULT_REGISTRY, "rb") as f:
        data = tomllib.load(f)
    return {key: _source(key, entry) for key, entry in data.items()}
