"""What every family spider shares: its source, the archive it asks, and backfill dates."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, ClassVar, Protocol
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from pressbot.archive.shared import archive_for
from pressbot.items import Story
from pressbot.pages.feeds import Listed, rss_items
from pressbot.pages.simple import SimpleArticlePage
from pressbot.registry import Source
from pressbot.spiders.policy import is_due, listing_differs, parse_day, parse_schedule
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings
from pressbot.utils.url import canonical_url, fetch_url

NEW, DUE, KNOWN = "new", "due", "known"


class FamilySpider(scrapy.Spider):
    """Base of the family spiders. `source` is set by the spider loader.

    Arguments: `-a since=YYYY-MM-DD` walks the archive back to that day;
    `-a until=YYYY-MM-DD` (default: today in the source's zone) is where the walk starts.
    """

    source: ClassVar[Source]

    def __init__(
        self, *args: Any, since: str | None = None, until: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._since = parse_day(since, "since")
        until_day = parse_day(until, "until")
        if isinstance(until_day, int):
            raise ValueError(f"-a until={until!r}: expected a date as YYYY-MM-DD")
        self._until = until_day
        if isinstance(self._since, date) and self._until and self._since > self._until:
            raise ValueError(f"-a since={since} is after until={until}")

    @classmethod
    def fetch_host(cls) -> str:
        """The host this source's requests go to; sources sharing one are crawled in turn."""
        return urlsplit(cls.source.homepage).netloc

    @cached_property
    def now(self) -> Callable[[], datetime]:
        return clock_from_settings(self.settings)

    @property
    def until(self) -> date:
        return self._until or self.now().astimezone(self.source.tz).date()

    @property
    def since(self) -> date | None:
        """The oldest day a backfill reaches (`-a since=7d` counts back from `until`)."""
        if isinstance(self._since, int):
            return self.until - timedelta(days=self._since)
        return self._since

    # what to fetch ----------------------------------------------------------------

    @cached_property
    def recheck_schedule(self) -> list[timedelta]:
        return parse_schedule(self.settings.get("PRESSBOT_RECHECK_AFTER"))

    def story_state(self, url: str, title: str = "", modified: str = "") -> str:
        """NEW (not stored), DUE (stored, to be re-read now) or KNOWN (stored, leave it).

        A stored story is due when its listing shows another title or a later
        change time than the archive has, or when its re-check point has come.
        """
        if not self.settings.getbool("PRESSBOT_INCREMENTAL"):
            return NEW
        row = archive_for(self.crawler).story_by_url(self.name, canonical_url(url))
        if row is None:
            return NEW
        if listing_differs(row, title, modified):
            self.crawler.stats.inc_value("pressbot/stories/changed_in_listing")
            return DUE
        if is_due(row, self.now(), self.recheck_schedule):
            self.crawler.stats.inc_value("pressbot/stories/rechecked")
            return DUE
        self.crawler.stats.inc_value("pressbot/stories/skipped_known")
        return KNOWN

    # how far to page --------------------------------------------------------------

    @staticmethod
    def days_of(dates: Iterable[str | None]) -> list[date]:
        """The days of the dates a listing prints (any form timeparse reads)."""
        stamps = (timeparse.parse(text, "UTC") for text in dates)
        return [stamp.local.date() for stamp in stamps if stamp]

    def more_pages(self, page: int, days: list[date], states: Sequence[str] = ()) -> bool:
        """Whether to read the listing page after `page`, whose stories are of `days`.

        A backfill goes on until the listing is older than `since`. A daily run
        stops at PRESSBOT_MAX_PAGES pages, or once the page ends with
        PRESSBOT_KNOWN_STREAK stories in a row that are stored already (or with
        nothing but stored ones). An empty page ends both.
        """
        if not days:
            return False
        if self.since:
            return min(days) >= self.since
        return page < self.settings.getint("PRESSBOT_MAX_PAGES") and not self._known_streak(states)

    def _known_streak(self, states: Sequence[str]) -> bool:
        streak = 0
        for state in reversed(states):
            if state == NEW:
                break
            streak += 1
        wanted = min(self.settings.getint("PRESSBOT_KNOWN_STREAK"), len(states))
        return bool(states) and streak >= wanted

    def parse_article(self, response: Response, *args: Any, **kwargs: Any) -> Iterator[Story]:
        """The story on an article page, with what its family's listing passed along
        (`story_request` passes `listed_raw` and `via`)."""
        raise NotImplementedError

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """The request for a story's page, to `parse_article(response, listed_raw, via)`."""
        return scrapy.Request(
            fetch_url(entry.url),
            callback=self.parse_article,
            cb_kwargs={"listed_raw": entry.published_raw, "via": via},
            meta={"story_url": canonical_url(entry.url)},
        )

    def url(self, path: str) -> str:
        """An absolute URL on the source's site."""
        return self.source.homepage + path

    def on_site(self, url: str) -> bool:
        """True for the source's own host and its www./m. variants."""
        return canonical_url(url).split("/")[2] == self.source.host


class ListingPage(Protocol):
    """A page class for a paged HTML listing: the stories it names, in its order."""

    def __init__(self, response: Response) -> None: ...

    def entries(self) -> list[Listed]: ...


# Sites read through a feed plus their article pages, with a paged listing for
# backfill (kremlin.ru's Atom, government.ru's RSS): every run reads the feed and
# fetches the pages it names; `-a since=YYYY-MM-DD` also walks the HTML listing
# until it is older than that day. The feed's time of day is kept where the page
# prints only the day.
class FeedAndListingSpider(FamilySpider):
    feed_path: ClassVar[str]
    read_feed: ClassVar[staticmethod[[Response], list[Listed]]] = staticmethod(rss_items)
    listing_page: ClassVar[type[ListingPage]]
    article_page: ClassVar[type[SimpleArticlePage]]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url(self.feed_path), callback=self.parse_feed, meta={"entry_point": True}
        )
        if self.since:
            yield self.listing_request(1)

    def listing_path(self, page: int) -> str:
        raise NotImplementedError

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        entries = self.read_feed(response)
        self.crawler.stats.inc_value("pressbot/listed/feed", len(entries))
        for entry in entries:
            if self.story_state(entry.url, entry.title, entry.modified_raw) != KNOWN:
                yield self.story_request(entry, "feed")

    def listing_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.listing_path(page)), callback=self.parse_listing, cb_kwargs={"page": page}
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        entries = self.listing_page(response).entries()
        self.crawler.stats.inc_value("pressbot/listed/listing", len(entries))
        states = [self.story_state(e.url, e.title) for e in entries]
        for entry, state in zip(entries, states, strict=True):
            if state != KNOWN:
                yield self.story_request(entry, "listing")
        days = self.days_of(e.published_raw for e in entries)
        if self.more_pages(page, days, states):
            yield self.listing_request(page + 1)

    def parse_article(
        self, response: Response, listed_raw: str = "", via: str = ""
    ) -> Iterator[Story]:
        story = self.article_page(response).to_story(self.name)
        story.listed_raw = listed_raw
        story.found_via = via
        story.seen_url = response.url
        yield story
