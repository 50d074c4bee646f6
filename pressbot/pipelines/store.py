"""Merge each story into the archive: new, updated (a revision) or unchanged.

The outcomes are counted when the archive commits them (`Archive.on_commit`),
so `crawl_runs` counts stories that are stored, not ones handed to a batch that
a full disk or a kill then lost. A batch is committed after
PRESSBOT_COMMIT_EVERY writes, and at the latest PRESSBOT_COMMIT_SECONDS after
it began, so a crawl waiting on slow sites never holds the write lock for long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from twisted.internet.task import LoopingCall

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable
    from datetime import datetime

    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from pressbot.archive.database import Archive
    from pressbot.statscollectors import SourceStatsCollector


class StorePipeline:
    def __init__(
        self,
        archive: Archive,
        stats: SourceStatsCollector,
        now: Callable[[], datetime] = timeparse.utc_now,
        commit_seconds: float = 2.0,
    ) -> None:
        self.archive = archive
        self.stats = stats
        self.now = now
        archive.on_commit(self.count)
        self.committer = LoopingCall(archive.commit_if_open_for, commit_seconds)
        self.commit_seconds = commit_seconds

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        stats = crawler.stats  # a SourceStatsCollector (STATS_CLASS)
        return cls(
            archive_for(crawler),
            stats,  # type: ignore[arg-type]
            clock_from_settings(crawler.settings),
            crawler.settings.getfloat("PRESSBOT_COMMIT_SECONDS"),
        )

    def open_spider(self) -> None:
        self.committer.start(self.commit_seconds / 2, now=False)

    def process_item(self, item: Any) -> Any:
        story = ItemAdapter(item)
        self.archive.save_story(story, seen_at=timeparse.iso_utc(self.now()))
        return item

    def count(self, committed: Counter[tuple[str, str]]) -> None:
        for (source, outcome), stories in committed.items():
            self.stats.of(source).inc_value(f"pressbot/stories/{outcome}", stories)

    def close_spider(self) -> None:
        if self.committer.running:
            self.committer.stop()
        self.archive.commit()
