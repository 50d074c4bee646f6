"""The generic family: any official site, by configuration or by discovery.

A source names where its releases are listed (`feeds`, `sitemaps`, `listing`
with `{page}` or a next link) and, optionally, `selectors` for the fields the
automatic reading gets wrong; the pages are read by `GenericArticlePage`.
A source that names none is discovered once: `<link rel="alternate">` feeds
and common feed paths, sitemaps from robots.txt (news sitemaps first) and
common sitemap paths, and, failing both, the news section its homepage links
to. What was found is remembered in the archive (`discovered`), so a poll
is one request per entry point; an entry point that stops answering as one
is forgotten and the next run discovers again. Nothing found is remembered
for a day, so a site with no visible listing is not probed on every run.

A poll reads the feeds, else the sitemaps, else the listing's first pages;
`-a since=` also walks the sitemaps (else the listing) back to that day.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from pressbot.items import Story
from pressbot.pages import discovery
from pressbot.pages.feeds import Listed, NotASitemap, feed_entries, sitemap_children, sitemap_urls
from pressbot.pages.generic import GenericArticlePage, Overrides
from pressbot.pages.listing import GenericListingPage
from pressbot.spiders.base import FamilySpider
from pressbot.utils import timeparse

# A remembered "nothing found" is trusted this long before the site is probed again.
REDISCOVER_NOTHING = timedelta(days=1)
NEVER = datetime.min.replace(tzinfo=timezone.utc)  # an undated sitemap is the oldest
# Days back a poll reads a sitemap: a ministry that publishes weekly still shows a story,
# and a first poll of a sitemap of years is not a backfill.
SITEMAP_POLL_DAYS = 7
# A listing is the site's list of releases when it names at least this many.
LISTING_MIN = 2


@dataclass
class EntryPoints:
    """Where a site lists its releases: found by discovery or named in the registry."""

    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    listing: str = ""
    listing_pages: str = ""

    def pairs(self) -> list[tuple[str, str]]:
        """(kind, url) rows to remember; ("none", "") when nothing was found."""
        found = [("feed", u) for u in self.feeds] + [("sitemap", u) for u in self.sitemaps]
        found += [("listing", self.listing)] if self.listing else []
        return found or [("none", "")]

    @classmethod
    def from_rows(cls, rows: list[dict]) -> EntryPoints:
        kinds: dict[str, list[str]] = {"feed": [], "sitemap": [], "listing": []}
        for row in rows:
            kinds.get(row["kind"], []).append(row["url"])
        listing = kinds["listing"][0] if kinds["listing"] else ""
        return cls(kinds["feed"], kinds["sitemap"], listing)

    def polled(self) -> tuple[list[str], list[str], str]:
        """What a poll reads: the feeds, else the sitemaps, else the listing."""
        if self.feeds:
            return self.feeds, [], ""
        if self.sitemaps:
            return [], self.sitemaps, ""
        return [], [], self.listing

    def backfilled(self) -> tuple[list[str], str]:
        """What a backfill walks besides the poll: the sitemaps, else the listing."""
        _, sitemaps, listing = self.polled()
        if self.sitemaps:
            return ([] if sitemaps else self.sitemaps), ""
        return [], ("" if listing else self.listing)


@dataclass
class Discovery:
    """One discovery in progress: the addresses still to try, and what was found."""

    homepage: str
    candidates: list[tuple[str, str]] = field(default_factory=list)
    found: EntryPoints = field(default_factory=EntryPoints)
    tried: set[str] = field(default_factory=set)


class GenericSpider(FamilySpider):
    #: what this run polls (set by `entry_requests`)
    points = EntryPoints()

    # configuration ----------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return urljoin(self.source.homepage + "/", url)

    def configured(self) -> EntryPoints | None:
        """The entry points the registry names, or None when it names none."""
        options = self.source.options
        if not any(options.get(k) for k in ("feeds", "sitemaps", "listing")):
            return None
        return EntryPoints(
            [self.absolute(u) for u in options.get("feeds", [])],
            [self.absolute(u) for u in options.get("sitemaps", [])],
            self.absolute(options["listing"]) if options.get("listing") else "",
            self.absolute(options["listing_pages"]) if options.get("listing_pages") else "",
        )

    def remembered(self) -> EntryPoints | None:
        """What an earlier discovery found, unless it found nothing over a day ago."""
        rows = self.archive.discovered(self.name)
        if not rows:
            return None
        if rows[0]["kind"] == "none":
            stale = timeparse.iso_utc(self.now() - REDISCOVER_NOTHING)
            return EntryPoints() if rows[0]["found_at"] > stale else None
        return EntryPoints.from_rows(rows)

    @property
    def overrides(self) -> Overrides:
        selectors = self.source.options.get("selectors", {})
        return Overrides(**{k: v for k, v in selectors.items() if k != "links"})

    # entry points -----------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        points = self.configured() or self.remembered()
        if points is None:
            yield self.probe(Discovery(self.source.homepage + "/"), "homepage", "")
            return
        if not points.pairs()[0][1]:
            self.stats.inc_value("pressbot/discovery/nothing_remembered")
            self.logger.warning("%s: no feed, sitemap or listing was found", self.name)
        for request in self.entry_requests(points):
            yield request

    def entry_requests(self, points: EntryPoints) -> Iterator[scrapy.Request]:
        self.points = points
        feeds, sitemaps, listing = points.polled()
        for url in feeds:
            yield self.request(url, self.parse_feed, entry_point=True)
        for url in sitemaps:
            yield self.request(url, self.parse_sitemap, entry_point=True)
        if listing:
            yield self.listing_request(1, entry_point=True)
        if self.since:
            more_sitemaps, more_listing = points.backfilled()
            for url in more_sitemaps:
                yield self.request(url, self.parse_sitemap)
            if more_listing:
                yield self.listing_request(1)

    def request(self, url: str, callback, entry_point: bool = False, **kwargs) -> scrapy.Request:
        meta = {"entry_point": entry_point, "source": self.name}
        return scrapy.Request(
            url, callback=callback, errback=self.entry_failed, meta=meta, cb_kwargs=kwargs
        )

    def listing_request(self, page: int, entry_point: bool = False) -> scrapy.Request:
        points = self.points
        template = points.listing_pages or points.listing
        url = points.listing if page == 1 or "{page}" not in template else template
        return self.request(
            url.format(page=page), self.parse_listing, entry_point=entry_point, page=page
        )

    # feeds, sitemaps, listings -------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Story | scrapy.Request]:
        if not discovery.is_feed(response):
            yield from self.not_an_entry_point(response, "no feed")
            return
        entries = [e for e in feed_entries(response) if self.on_site(e.url)]
        yield from self.walk(response, entries, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[Story | scrapy.Request]:
        """A sitemap's stories of the days wanted, or an index's sitemaps of those days."""
        try:
            children = sitemap_children(response)
            entries = [] if children else sitemap_urls(response)
        except NotASitemap as exc:
            yield from self.not_an_entry_point(response, str(exc))
            return
        for child in discovery.news_first([c.url for c in self.children_wanted(children)]):
            request = self.request(child, self.parse_sitemap)
            request.meta["poll"] = response.meta.get("poll")
            yield request
        if not children:
            on_site = [e for e in self.in_window(entries) if self.on_site(e.url)]
            yield from self.walk(response, on_site, "sitemap")

    def in_window(self, entries: list[Listed]) -> list[Listed]:
        """Entries dated from `since` (a poll: SITEMAP_POLL_DAYS back) to `until`; undated too."""
        first = self.since or self.until - timedelta(days=SITEMAP_POLL_DAYS)
        return [e for e in entries if self._day_in(e.published_raw, first, self.until)]

    def children_wanted(self, children: list[Listed]) -> list[Listed]:
        """An index's sitemaps of the days wanted; else its newest, where the latest are."""
        wanted = self.in_window(children)
        if wanted or not children:
            return wanted
        return [max(children, key=lambda c: timeparse.instant(c.published_raw) or NEVER)]

    @staticmethod
    def _day_in(raw: str, first: date, last: date) -> bool:
        stamp = timeparse.parse(raw, "UTC") if raw else None
        return stamp is None or first <= stamp.local.date() <= last

    def parse_listing(self, response: Response, page: int) -> Iterator[Story | scrapy.Request]:
        if not isinstance(response, TextResponse):
            yield from self.not_an_entry_point(response, "no page")
            return
        links = self.source.options.get("selectors", {}).get("links", "")
        listing = GenericListingPage(response, links)
        next_page = self.next_listing(listing, page)
        yield from self.walk(response, listing.entries(), "listing", page, next_page)

    def next_listing(self, listing: GenericListingPage, page: int):
        if "{page}" in (self.points.listing_pages or self.points.listing):
            return self.listing_request
        url = listing.next_page_url()
        return (lambda n: self.request(url, self.parse_listing, page=n)) if url else None

    def not_an_entry_point(self, response: Response, reason: str) -> Iterator[scrapy.Request]:
        """An entry point that answers something else: forget what discovery found."""
        self.stats.inc_value("pressbot/listing/unexpected")
        self.logger.warning("%s answered %s: not an entry point any more", response.url, reason)
        self.forget()
        return iter(())

    def entry_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy for errbacks
        self.logger.warning("%s failed: %s", request.url, failure.getErrorMessage())
        if request.meta.get("entry_point"):
            self.forget()

    def forget(self) -> None:
        """Forget what discovery found (the next run discovers again); the registry's stays."""
        if self.configured() is None:
            self.archive.save_discovered(self.name, [], timeparse.iso_utc(self.now()))

    # discovery ----------------------------------------------------------------------

    def probe(self, state: Discovery, kind: str, url: str) -> scrapy.Request:
        """Ask one address discovery wants to try (`kind`: homepage, feed, robots, sitemap,
        listing); its answer is read by `probed`, a failure skips to the next address."""
        target = url or state.homepage
        state.tried.add(target)
        return scrapy.Request(
            target,
            callback=self.probed,
            errback=self.probe_failed,
            cb_kwargs={"state": state, "kind": kind},
            meta={"source": self.name},
            dont_filter=True,
        )

    def probed(self, response: Response, state: Discovery, kind: str) -> Iterator:
        self.stats.inc_value("pressbot/discovery/requests")
        getattr(self, f"_read_{kind}")(response, state)
        yield from self.next_probe(state)

    def probe_failed(self, failure: Failure) -> Iterator:
        """An address that failed: the next one; no homepage or robots.txt reads as empty."""
        self.stats.inc_value("pressbot/discovery/requests")
        if failure.check(HttpError):  # an address the site does not have: no failure
            self.stats.inc_value("pressbot/discovery/misses")
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]  # set for errbacks
        if kwargs["kind"] in ("homepage", "robots"):
            getattr(self, f"_read_{kwargs['kind']}")(None, kwargs["state"])
        yield from self.next_probe(kwargs["state"])

    def next_probe(self, state: Discovery) -> Iterator:
        while state.candidates:
            kind, url = state.candidates.pop(0)
            if self.wanted_probe(state, kind) and url not in state.tried:
                yield self.probe(state, kind, url)
                return
        yield from self.discovered(state.found)

    @staticmethod
    def wanted_probe(state: Discovery, kind: str) -> bool:
        """The first feed, the first sitemap, and a listing only where neither was found."""
        found = state.found
        if kind == "feed":
            return not found.feeds
        if kind == "sitemap":
            return not found.sitemaps
        if kind == "listing":
            return not (found.feeds or found.sitemaps or found.listing)
        return True

    def _read_homepage(self, response: Response | None, state: Discovery) -> None:
        page = response if isinstance(response, TextResponse) else None
        feeds = discovery.feed_links(page) if page else []
        listings = [page.url, *discovery.news_section_links(page)] if page else []
        state.candidates = [("feed", u) for u in feeds]
        state.candidates += [("feed", u) for u in discovery.feed_candidates(state.homepage)]
        state.candidates += [("robots", urljoin(state.homepage, "/robots.txt"))]
        state.candidates += [("listing", u) for u in listings]
        state.tried.discard(state.homepage)

    def _read_feed(self, response: Response, state: Discovery) -> None:
        if discovery.is_feed(response) and feed_entries(response):
            state.found.feeds.append(response.url)

    def _read_robots(self, response: Response | None, state: Discovery) -> None:
        named = discovery.robots_sitemaps(response.body, state.homepage) if response else []
        tries = named or discovery.sitemap_candidates(state.homepage)
        kinds = [kind for kind, _ in state.candidates]
        at = kinds.index("listing") if "listing" in kinds else len(kinds)
        state.candidates[at:at] = [("sitemap", u) for u in tries]

    def _read_sitemap(self, response: Response, state: Discovery) -> None:
        if discovery.is_sitemap(response):
            state.found.sitemaps.append(response.url)

    def _read_listing(self, response: Response, state: Discovery) -> None:
        page = response if isinstance(response, TextResponse) else None
        if page and len(GenericListingPage(page).entries()) >= LISTING_MIN:
            state.found.listing = response.url

    def discovered(self, found: EntryPoints) -> Iterator[scrapy.Request]:
        """Remember what discovery found, then poll it as if the registry had named it."""
        self.remember(found)
        self.logger.info("%s: discovered %s", self.name, found.pairs())
        requests = list(self.entry_requests(found))
        self.stats.inc_value(
            "pressbot/entry_points/polled", sum(bool(r.meta["entry_point"]) for r in requests)
        )
        if not requests:
            self.logger.error("%s: no feed, sitemap or listing was found", self.name)
        yield from requests

    def remember(self, found: EntryPoints) -> None:
        self.archive.save_discovered(self.name, found.pairs(), timeparse.iso_utc(self.now()))

    # a story's page -----------------------------------------------------------------

    def article_page(self, response: Response) -> GenericArticlePage:
        html = response  # an article page is HTML, a TextResponse
        return GenericArticlePage(html, self.overrides, self.source.tz, self.now())  # type: ignore[arg-type]

    def parse_article(
        self, response: Response, listed_raw: str = "", via: str = ""
    ) -> Iterator[Story]:
        story = self.article_page(response).to_story(self.name)
        story.listed_raw = listed_raw
        story.found_via = via
        story.seen_url = response.url
        yield story
