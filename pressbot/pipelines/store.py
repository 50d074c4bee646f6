"""Merge each story into the archive: new, updated (a revision) or unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from pressbot.archive.database import Archive


class StorePipeline:
    def __init__(
        self,
        archive: Archive,
        stats: StatsCollector,
        now: Callable[[], datetime] = timeparse.utc_now,
    ) -> None:
        self.archive = archive
        self.stats = stats
        self.now = now

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(archive_for(crawler), crawler.stats, clock_from_settings(crawler.settings))

    def process_item(self, item: Any) -> Any:
        outcome = self.archive.save_story(ItemAdapter(item), seen_at=timeparse.iso_utc(self.now()))
        self.stats.inc_value(f"pressbot/stories/{outcome}")
        return item

    def close_spider(self) -> None:
        self.archive.commit()
