"""The crawl's one spider: every chosen source's due entry points and stories.

`scrapy crawl KEY` and `scrapy crawlall` both run one `PollSpider` in one
Scrapy crawler, Scrapy's broad-crawl pattern: one engine, per-host download
slots, a downloader-aware queue. For each source it makes the family spider
of its platform (`pressbot.spiders.FAMILIES`), whose entry points it polls
when they are due (or always, with `poll="all"` or a backfill), and it asks
again for the source's stories that are due for a re-check and those
pending from earlier runs, whatever the listings show.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import scrapy
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.utils.misc import load_object

from pressbot.archive.shared import archive_for
from pressbot.downloadermiddlewares.conditional import entry_point_key
from pressbot.exceptions import DuplicateStory
from pressbot.pages.feeds import Listed
from pressbot.registry import Source, load_registry
from pressbot.spiders import FAMILIES
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from pressbot.spiders.base import FamilySpider


LISTED_FIELDS = frozenset(f.name for f in fields(Listed))


def family_spider(source: Source, **kwargs: Any) -> FamilySpider:
    """The family spider of a source's platform, made for that source."""
    family: type[FamilySpider] = load_object(FAMILIES[source.family])
    return family(source, **kwargs)


class PollSpider(scrapy.Spider):
    name = "pressbot"
    #: the sources a spider class is made for (`scrapy crawl KEY`: one)
    sources: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *args: Any,
        sources: list[str] | None = None,
        poll: str = "due",
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.chosen = list(sources or self.sources)
        self.poll_all = poll == "all" or bool(since)
        self.window = {"since": since, "until": until}
        self.families: dict[str, FamilySpider] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        registry = load_registry(crawler.settings.get("PRESSBOT_SOURCES"))
        for key in spider.chosen:
            family = family_spider(registry[key], **spider.window)
            family.bind(crawler)
            spider.families[key] = family
        crawler.signals.connect(spider.item_dropped, signal=signals.item_dropped)
        return spider

    @cached_property
    def now(self) -> Any:
        return clock_from_settings(self.settings)

    # what to fetch ----------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for family in self.families.values():
            try:
                async for request in family.start():
                    request.meta.setdefault("source", family.name)
                    if self.wanted(family, request):
                        yield request
            except Exception:  # one source's broken entry (a missing option): its error alone
                family.logger.exception("%s could not start", family.name)
        for request in self.due_and_pending():
            yield request

    def wanted(self, family: FamilySpider, request: scrapy.Request) -> bool:
        """Whether to send one of a family's start requests: an entry point only when due."""
        if not request.meta.get("entry_point"):
            return True
        row = archive_for(self.crawler).entry_point(entry_point_key(self.crawler, request))
        request.meta["entry_point_row"] = row  # the conditional middleware's, not read twice
        now = timeparse.iso_utc(self.now())
        if self.poll_all or row is None or not row["next_poll_at"] or row["next_poll_at"] <= now:
            family.stats.inc_value("pressbot/entry_points/polled")
            return True
        family.stats.inc_value("pressbot/entry_points/not_due")
        return False

    def due_and_pending(self) -> Iterator[scrapy.Request]:
        """Stories due for a re-check, then stories pending from earlier runs."""
        archive = archive_for(self.crawler)
        for row in list(archive.due_stories(timeparse.iso_utc(self.now()))):
            # what a listing would have said of it: pages that leave out a lead or
            # a time of day (tatarstan.ru's) keep what the archive has
            entry = {k: row[k] or "" for k in ("url", "published_raw", "title", "lead")}
            yield from self.ask_again(row["source"], entry, "recheck", "pressbot/stories/due")
        for row in list(archive.pending_stories()):
            entry = json.loads(row["listed"])
            yield from self.ask_again(row["source"], entry, row["via"], "pressbot/stories/pending")

    def ask_again(
        self, source: str, listed: dict, via: str, counter: str
    ) -> Iterator[scrapy.Request]:
        """A stored or pending story's request; one that cannot be made is its source's
        error alone (a row from another version of pressbot, a URL its family cannot ask)."""
        family = self.families.get(source)
        if family is None:
            return
        family.stats.inc_value(counter)
        try:
            entry = Listed(**{k: v for k, v in listed.items() if k in LISTED_FIELDS})
            yield from family.ask(entry, via)
        except Exception:
            family.logger.exception("could not ask again for %s", listed.get("url"))

    # what became of it -----------------------------------------------------------

    def item_dropped(self, item: Any, response: Any, exception: Exception) -> None:
        """A pending story dropped by a pipeline is one failed attempt (a duplicate is stored)."""
        story = ItemAdapter(item)
        family = self.families.get(story.get("source") or "")
        listed_url = story.get("listed_url")
        if family is None or not listed_url:
            return
        if isinstance(exception, DuplicateStory):
            family.archive.resolve_pending(family.name, [listed_url])
        else:
            family.pending_failed(listed_url, f"{type(exception).__name__}: {exception}")

    def closed(self, reason: str) -> None:
        for family in self.families.values():
            family.closed(reason)
