"""Trust a page's canonical link only when it does not claim another story's URL.

A page fetched at one URL may name another as canonical (an AMP or print copy
names its article). A page that names the URL of *another* story, stored or
seen earlier in this run (another title or moment, `identity.claims_another`),
or listed as a story of its own and not read yet (pending), would take that
story's place and have it dropped as a duplicate: it keeps the URL it was
fetched at instead, counted as `pressbot/canonical/refused`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from pressbot.archive.identity import claims_another
from pressbot.archive.shared import archive_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from pressbot.archive.database import Archive
    from pressbot.statscollectors import SourceStatsCollector

logger = logging.getLogger(__name__)

CLAIM_FIELDS = ("source", "url", "title", "published_at", "published_local", "published_precision")


class CanonicalPipeline:
    def __init__(self, archive: Archive, stats: SourceStatsCollector) -> None:
        self.archive = archive
        self.stats = stats
        #: the stories this run has passed on, by (source, url)
        self.passed: dict[tuple[str, str], dict] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(archive_for(crawler), crawler.stats)  # type: ignore[arg-type]  # STATS_CLASS

    def process_item(self, item: Any) -> Any:
        story = ItemAdapter(item)
        if self.claims_another(story):
            self.refuse(story)
        self.passed.setdefault((story["source"], story["url"]), self.identity(story))
        return item

    def claims_another(self, story: ItemAdapter) -> bool:
        """Whether the page's canonical link names a URL that is another story's."""
        fetched = story.get("seen_url")
        if not fetched or fetched == story["url"]:
            return False
        known = self.known(story["source"], story["url"])
        if known is None:  # listed on its own and not read yet: not this page's to take
            return self.archive.is_pending(story["source"], story["url"])
        return claims_another(known, story) and not self.alias(story, known)

    def known(self, source: str, url: str) -> dict | None:
        """The story already under `url`: seen in this run, or stored."""
        return self.passed.get((source, url)) or self.archive.story_by_url(source, url)

    def alias(self, story: ItemAdapter, known: dict) -> bool:
        """Whether the fetched URL is known as the same story's (an edited title, say)."""
        fetched = self.known(story["source"], story["seen_url"])
        return fetched is not None and fetched["url"] == known["url"]

    def refuse(self, story: ItemAdapter) -> None:
        logger.warning(
            "%s names %s as canonical, the URL of another story: kept under %s",
            story["seen_url"],
            story["url"],
            story["seen_url"],
        )
        self.stats.of(story["source"]).inc_value("pressbot/canonical/refused")
        story["url"] = story["seen_url"]

    @staticmethod
    def identity(story: ItemAdapter) -> dict:
        return {name: story.get(name) for name in CLAIM_FIELDS}
