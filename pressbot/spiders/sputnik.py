"""The Sputnik / Rossiya Segodnya family: uz.sputniknews.ru, ria.ru and their sisters.

Every run reads the RSS feed, whose items carry no text, and fetches the
pages of stories not stored yet (or due for a re-check). `-a since=YYYY-MM-DD`
also walks the daily article sitemaps from `until` back to that day; a past
day whose stories are all stored is marked complete and skipped by later
backfills, so an interrupted backfill resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from functools import cached_property

import scrapy
from scrapy.http import Response

from pressbot.archive.shared import archive_for
from pressbot.items import Story
from pressbot.pages.feeds import rss_items, sitemap_urls
from pressbot.pages.sputnik import SputnikArticlePage
from pressbot.spiders.base import KNOWN, FamilySpider
from pressbot.utils import timeparse
from pressbot.utils.timeparse import days_back
from pressbot.utils.url import canonical_url

FEED_PATH = "/export/rss2/archive/index.xml"
SITEMAP_PATH = "/sitemap_article.xml?date_start={day}&date_end={day}"


class SputnikSpider(FamilySpider):
    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url(FEED_PATH),
            callback=self.parse_listing,
            cb_kwargs={"via": "feed"},
            meta={"entry_point": True},
        )
        if self.since:
            done = archive_for(self.crawler).completed_days(self.name)
            for day in days_back(self.until, self.since):
                if day.isoformat() in done:
                    self.crawler.stats.inc_value("pressbot/backfill/days_skipped")
                    continue
                path = SITEMAP_PATH.format(day=day.strftime("%Y%m%d"))
                yield scrapy.Request(
                    self.url(path),
                    callback=self.parse_listing,
                    cb_kwargs={"via": "sitemap", "day": day.isoformat()},
                )

    def parse_listing(
        self, response: Response, via: str, day: str | None = None
    ) -> Iterator[scrapy.Request]:
        entries = rss_items(response) if via == "feed" else sitemap_urls(response)
        entries = [e for e in entries if self.on_site(e.url)]
        self.crawler.stats.inc_value(f"pressbot/listed/{via}", len(entries))
        states = [self.story_state(e.url, e.title, e.modified_raw) for e in entries]
        for entry, state in zip(entries, states, strict=True):
            if state != KNOWN:
                yield self.story_request(entry, via)
        if day and day < self.until.isoformat():
            self.backfilled[day] = [canonical_url(entry.url) for entry in entries]

    @cached_property
    def backfilled(self) -> dict[str, list[str]]:
        """This run's past sitemap days and the stories they list."""
        return {}

    def closed(self, reason: str) -> None:
        """Mark the past days whose stories are now all stored; later backfills skip them."""
        archive = archive_for(self.crawler)
        at = timeparse.iso_utc(self.now())
        for day, urls in self.backfilled.items():
            if all(archive.story_by_url(self.name, url) for url in urls):
                archive.complete_day(self.name, day, at)

    def parse_article(
        self, response: Response, listed_raw: str = "", via: str = ""
    ) -> Iterator[Story]:
        story = SputnikArticlePage(response).to_story(self.name)
        story.listed_raw = listed_raw
        story.found_via = via
        story.seen_url = response.url
        yield story
