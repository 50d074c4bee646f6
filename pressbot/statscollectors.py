"""Scrapy's stats for the whole crawl, plus one set per source.

One crawl polls many sources (`scrapy crawlall`), and each source's run is
judged and logged on its own (`crawl_runs`): pressbot's components count
what happens to a source's requests and stories in `stats.of(source)`.
Scrapy's own counters stay crawl-wide, as Scrapy keeps them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.statscollectors import MemoryStatsCollector

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class SourceStats:
    """The counters of one source in this crawl (the StatsCollector value methods)."""

    def __init__(self) -> None:
        self._stats: dict[str, Any] = {}

    def get_value(self, key: str, default: Any = None) -> Any:
        return self._stats.get(key, default)

    def get_stats(self) -> dict[str, Any]:
        return self._stats

    def set_value(self, key: str, value: Any) -> None:
        self._stats[key] = value

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self._stats[key] = self._stats.get(key, start) + count

    def max_value(self, key: str, value: Any) -> None:
        self._stats[key] = max(self._stats.get(key, value), value)


class SourceStatsCollector(MemoryStatsCollector):
    """`STATS_CLASS`: the crawl's stats, and `of(source)` for each source's own."""

    # Scrapy 2.19's collector looks every attribute up through a __getattribute__ that
    # wraps its methods to warn of a deprecated `spider` argument: about 2.5 µs a count
    # (6.5 µs for a source's), and a crawl counts some twenty times a page. The
    # methods are the same without the wrapper, which only warns.
    __getattribute__ = object.__getattribute__

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.sources: dict[str, SourceStats] = {}

    def of(self, source: str) -> SourceStats:
        if source not in self.sources:
            self.sources[source] = SourceStats()
        return self.sources[source]


def count(stats: Any, request: Any, key: str, value: int = 1) -> None:
    """Count `key` for the crawl and, for a request of a source (`meta["source"]`),
    for that source too, so the source's run is judged by it."""
    stats.inc_value(key, value)
    source = request.meta.get("source")
    if source and isinstance(stats, SourceStatsCollector):
        stats.of(source).inc_value(key, value)
