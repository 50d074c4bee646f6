"""The Sputnik / Rossiya Segodnya family: uz.sputniknews.ru, ria.ru and their sisters.

Every run reads the RSS feed, whose items carry no text, and fetches the
pages of stories not stored yet (or due for a re-check). `-a since=YYYY-MM-DD`
also walks the daily article sitemaps from `until` back to that day; a past
day whose sitemap listed stories that are now all stored is marked complete
and skipped by later backfills, so an interrupted backfill resumes where it
stopped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from functools import cached_property

import scrapy
from scrapy.http import Response

from pressbot.items import Story
from pressbot.pages.feeds import NotASitemap, rss_items, sitemap_urls
from pressbot.pages.sputnik import SputnikArticlePage
from pressbot.spiders.base import FamilySpider
from pressbot.utils import timeparse
from pressbot.utils.timeparse import days_back
from pressbot.utils.url import canonical_url

FEED_PATH = "/export/rss2/archive/index.xml"
SITEMAP_PATH = "/sitemap_article.xml?date_start={day}&date_end={day}"


class SputnikSpider(FamilySpider):
    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url(FEED_PATH), callback=self.parse_feed, meta={"entry_point": True}
        )
        if self.since:
            done = self.archive.completed_days(self.name)
            for day in days_back(self.until, self.since):
                if day.isoformat() in done:
                    self.stats.inc_value("pressbot/backfill/days_skipped")
                    continue
                path = SITEMAP_PATH.format(day=day.strftime("%Y%m%d"))
                yield scrapy.Request(
                    self.url(path), callback=self.parse_sitemap, cb_kwargs={"day": day.isoformat()}
                )

    def parse_feed(self, response: Response) -> Iterator[Story | scrapy.Request]:
        entries = [e for e in rss_items(response) if self.on_site(e.url)]
        yield from self.walk(response, entries, "feed")

    def parse_sitemap(self, response: Response, day: str) -> Iterator[Story | scrapy.Request]:
        """A day's sitemap; a past day is complete once all it lists is stored (`closed`).

        A sitemap that is not one (an error page) or lists nothing never
        completes its day, and the run says so.
        """
        try:
            entries = [e for e in sitemap_urls(response) if self.on_site(e.url)]
        except NotASitemap as exc:
            self.stats.inc_value("pressbot/listing/unexpected")
            self.logger.warning("%s answered %s: %s stays incomplete", response.url, exc, day)
            return
        if not entries:
            self.stats.inc_value("pressbot/backfill/days_empty")
            self.logger.warning("%s lists no stories: %s stays incomplete", response.url, day)
            return
        yield from self.walk(response, entries, "sitemap")
        if day < self.until.isoformat():
            self.backfilled[day] = [canonical_url(entry.url) for entry in entries]

    @cached_property
    def backfilled(self) -> dict[str, list[str]]:
        """This run's past sitemap days and the stories they list."""
        return {}

    def closed(self, reason: str) -> None:
        """Mark the past days whose stories are now all stored; later backfills skip them."""
        at = timeparse.iso_utc(self.now())
        for day, urls in self.backfilled.items():
            if all(self.archive.story_by_url(self.name, url) for url in urls):
                self.archive.complete_day(self.name, day, at)

    async def parse_article(
        self, response: Response, listed_raw: str = "", via: str = ""
    ) -> AsyncIterator[Story]:
        story = await self.read_story(SputnikArticlePage, response)
        story.listed_raw = listed_raw
        story.found_via = via
        story.seen_url = response.url
        yield story
