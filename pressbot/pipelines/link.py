"""Link each new or edited story to the releases it re-reports (`pressbot.coverage`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from pressbot.archive.shared import archive_for
from pressbot.coverage.linker import Linker
from pressbot.coverage.names import NameIndex
from pressbot.registry import load_registry
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self


class LinkPipeline:
    def __init__(
        self,
        linker: Linker,
        stats: StatsCollector,
        now: Callable[[], datetime] = timeparse.utc_now,
    ) -> None:
        self.linker = linker
        self.stats = stats
        self.now = now

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("PRESSBOT_LINK_ENABLED"):
            raise NotConfigured
        sources = load_registry(crawler.settings.get("PRESSBOT_SOURCES"))
        linker = Linker(
            archive_for(crawler),
            NameIndex.from_registry(sources),
            {key: source.kind for key, source in sources.items()},
        )
        return cls(linker, crawler.stats, clock_from_settings(crawler.settings))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        story = self.linker.archive.story_by_url(adapter["source"], adapter["url"])
        if story is not None and not self.linker.is_linked(story):  # new, or its text changed
            links = self.linker.link(story, timeparse.iso_utc(self.now()))
            self.stats.inc_value("pressbot/coverage/links", len(links))
        return item
