"""Sites read through a feed plus their article pages, with a paged listing for backfill.

kremlin.ru (Atom) and government.ru (RSS) work this way: every run reads the
feed and fetches the pages it names; `-a since=YYYY-MM-DD` also walks the
HTML listing until it is older than that day. The feed's time of day is kept
where the page prints only the day.
"""

from __future__ import annotations

from typing import ClassVar

import scrapy

from pressbot.pages.feeds import atom_entries, rss_items
from pressbot.pages.government import GovernmentArticlePage, GovernmentListingPage
from pressbot.pages.kremlin import KremlinArticlePage, KremlinListingPage
from pressbot.spiders.base import KNOWN, FamilySpider


class FeedAndListingSpider(FamilySpider):
    feed_path: ClassVar[str]
    read_feed: ClassVar = staticmethod(rss_items)
    listing_page: ClassVar = None
    article_page: ClassVar = None

    async def start(self):
        yield scrapy.Request(
            self.url(self.feed_path), callback=self.parse_feed, meta={"entry_point": True}
        )
        if self.since:
            yield self.listing_request(1)

    def listing_path(self, page: int) -> str:
        raise NotImplementedError

    def parse_feed(self, response):
        entries = self.read_feed(response)
        self.crawler.stats.inc_value("pressbot/listed/feed", len(entries))
        for entry in entries:
            if self.story_state(entry.url, entry.title, entry.modified_raw) != KNOWN:
                yield self.story_request(entry, "feed")

    def listing_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.listing_path(page)), callback=self.parse_listing, cb_kwargs={"page": page}
        )

    def parse_listing(self, response, page: int):
        entries = self.listing_page(response).entries()
        self.crawler.stats.inc_value("pressbot/listed/listing", len(entries))
        states = [self.story_state(e.url, e.title) for e in entries]
        for entry, state in zip(entries, states, strict=True):
            if state != KNOWN:
                yield self.story_request(entry, "listing")
        days = self.days_of(e.published_raw for e in entries)
        if self.more_pages(page, days, states):
            yield self.listing_request(page + 1)

    def parse_article(self, response, listed_raw: str = "", via: str = ""):
        story = self.article_page(response).to_story(self.name)
        story.listed_raw = listed_raw
        story.found_via = via
        story.seen_url = response.url
        yield story


class KremlinSpider(FeedAndListingSpider):
    feed_path = "/events/president/news/feed"
    read_feed = staticmethod(atom_entries)
    listing_page = KremlinListingPage
    article_page = KremlinArticlePage

    def listing_path(self, page: int) -> str:
        return "/events/president/news" + (f"/page/{page}" if page > 1 else "")


class GovernmentSpider(FeedAndListingSpider):
    feed_path = "/rss/news/"
    read_feed = staticmethod(rss_items)
    listing_page = GovernmentListingPage
    article_page = GovernmentArticlePage

    def listing_path(self, page: int) -> str:
        return "/news/" + (f"?page={page}" if page > 1 else "")
