"""kremlin.ru: the President's news, from its Atom feed, with the HTML listing for backfill."""

from __future__ import annotations

from pressbot.pages.feeds import atom_entries
from pressbot.pages.kremlin import KremlinArticlePage, KremlinListingPage
from pressbot.spiders.base import FeedAndListingSpider


class KremlinSpider(FeedAndListingSpider):
    feed_path = "/events/president/news/feed"
    read_feed = staticmethod(atom_entries)
    listing_page = KremlinListingPage
    article_page = KremlinArticlePage

    def listing_path(self, page: int) -> str:
        return "/events/president/news" + (f"/page/{page}" if page > 1 else "")
