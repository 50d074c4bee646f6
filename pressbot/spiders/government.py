"""government.ru: the Government's news, from its RSS feed, with the HTML listing for backfill."""

from __future__ import annotations

from pressbot.pages.feeds import rss_items
from pressbot.pages.government import GovernmentArticlePage, GovernmentListingPage
from pressbot.spiders.base import FeedAndListingSpider


class GovernmentSpider(FeedAndListingSpider):
    feed_path = "/rss/news/"
    read_feed = staticmethod(rss_items)
    listing_page = GovernmentListingPage
    article_page = GovernmentArticlePage

    def listing_path(self, page: int) -> str:
        return "/news/" + (f"?page={page}" if page > 1 else "")
