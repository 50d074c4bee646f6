"""The gov.uz family: ministries, agencies and regional khokimiyats on the portal.

The registry gives each source its portal `code` (`navoi`) and its
`languages`; every language is crawled, and the versions of one release
share a `release_key` while staying separate stories.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from pressbot.items import Story
from pressbot.pages.govuz import API, GovUzNewsItem, news_detail, news_list, public_url
from pressbot.pages.jsonapi import UnexpectedResponse
from pressbot.spiders.base import KNOWN, FamilySpider
from pressbot.utils.text import html_to_text

LIST = API + "/authorities/news/category?code_name=news&page={page}"
DETAIL = API + "/authorities/news/view?id={id}"


class GovUzSpider(FamilySpider):
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for lang in self.source.languages:
            yield self.list_page(lang, 1)

    @classmethod
    def fetch_host(cls) -> str:
        return urlsplit(API).netloc

    @property
    def code(self) -> str:
        return self.source.options["code"]

    def api_request(
        self,
        url: str,
        lang: str,
        callback: Callable[..., Any],
        meta: dict[str, Any],
        **kwargs: Any,
    ) -> scrapy.Request:
        # the body depends on these headers, and so does the request fingerprint
        headers = {"code": self.code, "language": lang, "Accept": "application/json"}
        return scrapy.Request(
            url, headers=headers, callback=callback, cb_kwargs={"lang": lang, **kwargs}, meta=meta
        )

    def list_page(self, lang: str, page: int) -> scrapy.Request:
        meta = {"entry_point": page == 1}
        return self.api_request(LIST.format(page=page), lang, self.parse_list, meta, page=page)

    def parse_list(self, response: Response, lang: str, page: int) -> Iterator[scrapy.Request]:
        try:
            items, total_pages = news_list(response)
        except UnexpectedResponse as exc:
            self.logger.error("%s (%s) answered %s", response.url, lang, exc)
            self.crawler.stats.inc_value("pressbot/listing/unexpected")
            return
        self.crawler.stats.inc_value("pressbot/listed/api", len(items))
        story_urls = [public_url(lang, self.code, item["id"]) for item in items]
        titles = [html_to_text(item.get("title")) for item in items]
        states = [self.story_state(u, t) for u, t in zip(story_urls, titles, strict=True)]
        for item, url, state in zip(items, story_urls, states, strict=True):
            if state != KNOWN:
                meta = {"story_url": url}
                yield self.api_request(DETAIL.format(id=item["id"]), lang, self.parse_detail, meta)
        days = self.days_of(i.get("date") for i in items)
        # without a page count in the answer, page on until a page comes back empty
        if (not total_pages or page < total_pages) and self.more_pages(page, days, states):
            yield self.list_page(lang, page + 1)

    def parse_detail(self, response: Response, lang: str) -> Iterator[Story]:
        try:
            data = news_detail(response)
        except UnexpectedResponse as exc:
            self.logger.error("%s (%s) answered %s", response.url, lang, exc)
            self.crawler.stats.inc_value("pressbot/detail/unexpected")
            return
        story = GovUzNewsItem(data, self.code, lang).to_story(self.name)
        story.found_via = "api"
        yield story
