"""The Sputnik / Rossiya Segodnya family: uz.sputniknews.ru, ria.ru and their sisters.

Every run reads the RSS feed, whose items carry no text, and fetches the
pages. `-a since=YYYY-MM-DD` also walks the daily article sitemaps from
`until` back to that day.
"""

from __future__ import annotations

import scrapy

from pressbot.fingerprints import fetch_url
from pressbot.pages.feeds import Listed, rss_items, sitemap_urls
from pressbot.pages.sputnik import SputnikArticlePage
from pressbot.spiders.base import FamilySpider
from pressbot.timeparse import days_back

FEED_PATH = "/export/rss2/archive/index.xml"
SITEMAP_PATH = "/sitemap_article.xml?date_start={day}&date_end={day}"


class SputnikSpider(FamilySpider):
    async def start(self):
        yield scrapy.Request(
            self.url(FEED_PATH), callback=self.parse_listing, cb_kwargs={"via": "feed"}
        )
        if self.since:
            for day in days_back(self.until, self.since):
                path = SITEMAP_PATH.format(day=day.strftime("%Y%m%d"))
                yield scrapy.Request(
                    self.url(path), callback=self.parse_listing, cb_kwargs={"via": "sitemap"}
                )

    def parse_listing(self, response, via: str):
        entries = rss_items(response) if via == "feed" else sitemap_urls(response)
        self.crawler.stats.inc_value(f"pressbot/listed/{via}", len(entries))
        for entry in entries:
            if self.on_site(entry.url):
                yield self.article_request(entry, via)

    def article_request(self, entry: Listed, via: str) -> scrapy.Request:
        return scrapy.Request(
            fetch_url(entry.url),
            callback=self.parse_article,
            cb_kwargs={"listed_raw": entry.published_raw, "via": via},
        )

    def parse_article(self, response, listed_raw: str = "", via: str = ""):
        story = SputnikArticlePage(response).to_story(self.name)
        story.listed_raw = listed_raw
        story.found_via = via
        yield story
