"""What every family spider shares: its source, the archive it asks, the one listing loop.

A family spider is one class per platform and one instance per source. The
crawl runs one Scrapy spider, `pressbot.spiders.poll.PollSpider`, which makes
a family spider for each source it polls and binds it to the crawler; the
family spider's methods are the callbacks of its source's requests, and it
counts what happens in its source's own stats (`crawler.stats.of(source)`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.python.failure import Failure

from pressbot.archive.shared import archive_for
from pressbot.items import Story
from pressbot.pages.feeds import Listed, rss_items
from pressbot.pages.pool import ArticlePage, pool_for
from pressbot.pages.simple import SimpleArticlePage
from pressbot.registry import Source
from pressbot.spiders.policy import listing_differs, parse_day, poll_interval
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings
from pressbot.utils.url import canonical_url, fetch_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from pressbot.archive.database import Archive
    from pressbot.statscollectors import SourceStats

NEW, DUE, KNOWN = "new", "due", "known"


class FamilySpider(scrapy.Spider):
    """Base of the family spiders, made for one source by `PollSpider`.

    Arguments: `-a since=YYYY-MM-DD` walks the archive back to that day;
    `-a until=YYYY-MM-DD` (default: today in the source's zone) is where the walk starts.
    """

    def __init__(
        self,
        source: Source,
        *args: Any,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(source.key, *args, **kwargs)
        self.source = source
        self._since = parse_day(since, "since")
        until_day = parse_day(until, "until")
        if isinstance(until_day, int):
            raise ValueError(f"-a until={until!r}: expected a date as YYYY-MM-DD")
        self._until = until_day
        if isinstance(self._since, date) and self._until and self._since > self._until:
            raise ValueError(f"-a since={since} is after until={until}")

    def bind(self, crawler: Crawler) -> None:
        """Attach to the crawl that runs this source (not a crawler of its own)."""
        self.crawler = crawler
        self.settings = crawler.settings

    @cached_property
    def stats(self) -> SourceStats:
        """This source's counters in the crawl (`crawl_runs` is made of them)."""
        return self.crawler.stats.of(self.name)

    @cached_property
    def archive(self) -> Archive:
        return archive_for(self.crawler)

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

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """The source's entry points (`meta["entry_point"]`), and its backfill's listings."""
        return
        yield

    # what to fetch ----------------------------------------------------------------

    def story_state(self, url: str, title: str = "", modified: str = "") -> str:
        """NEW (not stored), DUE (stored, to be re-read now) or KNOWN (stored, leave it).

        A stored story is due when its listing shows another title or a later
        change time than the archive has, or when its re-check time has come.
        """
        if not self.settings.getbool("PRESSBOT_INCREMENTAL"):
            return NEW
        row = self.archive.story_by_url(self.name, canonical_url(url))
        if row is None:
            return NEW
        if listing_differs(row, title, modified):
            self.stats.inc_value("pressbot/stories/changed_in_listing")
            return DUE
        due = row["next_check_at"]
        if due and due <= timeparse.iso_utc(self.now()):
            self.stats.inc_value("pressbot/stories/rechecked")
            return DUE
        self.stats.inc_value("pressbot/stories/skipped_known")
        return KNOWN

    # the listing loop ---------------------------------------------------------------

    def walk(
        self,
        response: Response,
        entries: list[Listed],
        via: str,
        page: int = 1,
        next_page: Callable[[int], scrapy.Request] | None = None,
    ) -> Iterator[Story | scrapy.Request]:
        """The one listing loop: what a feed, sitemap, API or listing page names.

        Each story not stored, or due, is fetched (a new one is pending until it
        is stored); then the next page, while `more_pages` says so. An entry
        point's walk ends on its last page, and only then is the poll recorded
        with the validators its first page answered with: a 304 can never hide
        a story the walk did not reach.
        """
        self.stats.inc_value(f"pressbot/listed/{via}", len(entries))
        states = [self.story_state(e.url, e.title, e.modified_raw) for e in entries]
        for entry, state in zip(entries, states, strict=True):
            yield from self.follow(entry, via, state)
        poll = response.meta.get("poll")
        if poll is not None:
            poll["new"] += states.count(NEW)
        days = self.days_of(e.published_raw for e in entries)
        if next_page is not None and self.more_pages(page, days, states):
            request = next_page(page + 1)
            request.meta["poll"] = poll
            yield request
        elif poll is not None:
            self.polled(poll, "new" if poll["new"] else "unchanged")

    def follow(self, entry: Listed, via: str, state: str) -> Iterator[Story | scrapy.Request]:
        """What a listed story needs: nothing when KNOWN, else its page."""
        if state == KNOWN:
            return
        if state == NEW:
            self.add_pending(entry, via)
        yield from self.ask(entry, via)

    def ask(self, entry: Listed, via: str) -> Iterator[scrapy.Request]:
        """A story's request, once per run whichever way it came up (listed, due, pending)."""
        url = canonical_url(entry.url)
        if url not in self.asked:
            self.asked.add(url)
            request = self.story_request(entry, via)
            # asked once per run already: unfiltered, a redirect loop ends after
            # REDIRECT_MAX_TIMES in the errback (a pending attempt), not in the
            # duplicate filter's silence
            request.dont_filter = True
            yield request

    @cached_property
    def asked(self) -> set[str]:
        """The stories this run has asked for, by canonical URL."""
        return set()

    def add_pending(self, entry: Listed, via: str) -> None:
        listed = {k: v for k, v in asdict(entry).items() if k != "payload"}
        self.archive.add_pending(
            {
                "source": self.name,
                "url": canonical_url(entry.url),
                "fetch_url": fetch_url(entry.url),
                "listed": json.dumps(listed, ensure_ascii=False),
                "via": via,
                "first_listed_at": timeparse.iso_utc(self.now()),
            }
        )

    def polled(self, poll: dict, outcome: str) -> None:
        """Record an entry point's poll: its validators, and when to poll it next."""
        now = self.now()
        wait = poll_interval(
            self.archive.published_times(self.name, limit=20),
            outcome == "new",
            timedelta(seconds=self.settings.getint("PRESSBOT_POLL_MIN")),
            timedelta(seconds=self.settings.getint("PRESSBOT_POLL_MAX")),
        )
        row = {k: poll[k] for k in ("key", "url", "variant", "etag", "last_modified")}
        row.update(
            source=self.name,
            polled_at=timeparse.iso_utc(now),
            next_poll_at=timeparse.iso_utc(now + wait),
            interval_seconds=int(wait.total_seconds()),
            last_outcome=outcome,
        )
        if outcome == "new":
            row["changed_at"] = row["polled_at"]  # kept as it was by polls that find nothing
        self.archive.save_poll(row)

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

    # a story's page -----------------------------------------------------------------

    def parse_article(
        self, response: Response, *args: Any, **kwargs: Any
    ) -> Iterator[Story] | AsyncIterator[Story]:
        """The story on an article page, with what its family's listing passed along
        (`story_request` passes `listed_raw` and `via`)."""
        raise NotImplementedError

    async def read_story(
        self, page: Callable[[Response], ArticlePage], response: Response
    ) -> Story:
        """The story a page class reads from a response, in the crawl's worker process
        (`pressbot.pages.pool`, PRESSBOT_PAGE_PROCESSES)."""
        reading = pool_for(self.crawler).read(page, response, self.name)
        return await maybe_deferred_to_future(reading)

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """The request for a story's page, whether a listing names it, it is pending
        from an earlier run, or it is due for a re-check (`via="recheck"`)."""
        return scrapy.Request(
            fetch_url(entry.url),
            callback=self.parse_article,
            errback=self.story_failed,
            cb_kwargs={"listed_raw": entry.published_raw, "via": via},
            meta={"story_url": canonical_url(entry.url), "source": self.name},
        )

    def story_failed(self, failure: Failure) -> None:
        """A story's page could not be read: one more attempt of a pending story."""
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy for errbacks
        if isinstance(failure.value, HttpError):
            error = f"HTTP {failure.value.response.status}"
        else:
            error = f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
        self.stats.inc_value("pressbot/stories/failed")
        self.pending_failed(request.meta["story_url"], error)

    def pending_failed(self, url: str, error: str) -> None:
        give_up = self.settings.getint("PRESSBOT_PENDING_ATTEMPTS")
        at = timeparse.iso_utc(self.now())
        if self.archive.pending_failed(self.name, url, error, at, give_up):
            self.stats.inc_value("pressbot/stories/given_up")
            self.logger.warning("gave up on %s after %d attempts: %s", url, give_up, error)

    def closed(self, reason: str) -> None:
        """Called when the crawl ends (a family may finish its bookkeeping)."""

    def url(self, path: str) -> str:
        """An absolute URL on the source's site."""
        return self.source.homepage + path

    def on_site(self, url: str) -> bool:
        """True for the source's own host and its www./m. variants (`Source.on_site`)."""
        return self.source.on_site(url)


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

    def parse_feed(self, response: Response) -> Iterator[Story | scrapy.Request]:
        yield from self.walk(response, self.read_feed(response), "feed")

    def listing_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.listing_path(page)), callback=self.parse_listing, cb_kwargs={"page": page}
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[Story | scrapy.Request]:
        entries = self.listing_page(response).entries()
        yield from self.walk(response, entries, "listing", page, self.listing_request)

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """The page, with the feed's change time: kremlin.ru's Atom `<updated>`."""
        request = super().story_request(entry, via)
        request.cb_kwargs["listed_updated"] = entry.edited_raw
        return request

    async def parse_article(
        self, response: Response, listed_raw: str = "", via: str = "", listed_updated: str = ""
    ) -> AsyncIterator[Story]:
        story = await self.read_story(self.article_page, response)
        story.listed_raw = listed_raw
        story.updated_raw = story.updated_raw or listed_updated
        story.found_via = via
        story.seen_url = response.url
        yield story
