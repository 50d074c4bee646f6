"""Canonical URL, clean text, and every time read in the source's own zone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from pressbot.exceptions import UnknownSource
from pressbot.registry import Source, load_registry
from pressbot.utils import timeparse
from pressbot.utils.text import clean, join_paragraphs
from pressbot.utils.url import canonical_url

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler
    from typing_extensions import Self


def _unique(values: Iterable[Any] | None) -> list:
    seen: list = []
    for value in values or []:
        value = clean(value) if isinstance(value, str) else value
        if value and value not in seen:
            seen.append(value)
    return seen


def best_published(
    page: timeparse.Timestamp | None, listed: timeparse.Timestamp | None
) -> timeparse.Timestamp | None:
    """The page's own date, unless the feed knows the time of day the page leaves out."""
    if page is None:
        return listed
    if (
        page.precision == timeparse.DAY
        and listed is not None
        and listed.precision == timeparse.MINUTE
        and listed.day == page.day
    ):
        return listed
    return page


class NormalisePipeline:
    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(load_registry(crawler.settings.get("PRESSBOT_SOURCES")))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        source = self.sources.get(adapter["source"])
        if source is None:
            raise UnknownSource(f"no source {adapter['source']!r} in the registry")
        adapter["url"] = canonical_url(adapter["url"])
        if adapter.get("seen_url"):
            adapter["seen_url"] = canonical_url(adapter["seen_url"])
        for name in ("title", "lead", "dateline"):
            adapter[name] = clean(adapter.get(name))
        adapter["body"] = join_paragraphs((adapter.get("body") or "").split("\n\n"))
        adapter["authors"] = _unique(adapter.get("authors"))
        adapter["tags"] = _unique(adapter.get("tags"))
        adapter["language"] = adapter.get("language") or source.language
        self._times(adapter, source)
        return item

    @staticmethod
    def _times(adapter: ItemAdapter, source: Source) -> None:
        published = best_published(
            timeparse.parse(adapter.get("published_raw"), source.tz),
            timeparse.parse(adapter.get("listed_raw"), source.tz),
        )
        if published is not None:
            adapter["published_at"] = published.at
            adapter["published_local"] = published.local_iso
            adapter["published_precision"] = published.precision
        updated = timeparse.parse(adapter.get("updated_raw"), source.tz)
        if updated is not None:
            adapter["updated_at"] = updated.at
            adapter["updated_local"] = updated.local_iso
