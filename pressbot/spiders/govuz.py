"""The gov.uz family: ministries, agencies and regional khokimiyats on the portal.

The registry gives each source its portal `code` (`navoi`) and its
`languages`; every language is crawled, and the versions of one release
share a `release_key` while staying separate stories.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.pages.govuz import (
    API,
    GovUzNewsItem,
    news_detail,
    news_list,
    parse_public_url,
    public_url,
)
from pressbot.pages.jsonapi import UnexpectedResponse
from pressbot.spiders.base import FamilySpider
from pressbot.utils.text import html_to_text
from pressbot.utils.url import canonical_url

LIST = API + "/authorities/news/category?code_name=news&page={page}"
DETAIL = API + "/authorities/news/view?id={id}"


class GovUzSpider(FamilySpider):
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for lang in self.source.languages:
            yield self.list_page(lang, 1)

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
        meta = {"entry_point": page == 1, "variant": f"{self.code} {lang}"}
        return self.api_request(LIST.format(page=page), lang, self.parse_list, meta, page=page)

    def parse_list(
        self, response: Response, lang: str, page: int
    ) -> Iterator[Story | scrapy.Request]:
        try:
            items, total_pages = news_list(response)
        except UnexpectedResponse as exc:
            self.logger.error("%s (%s) answered %s", response.url, lang, exc)
            self.stats.inc_value("pressbot/listing/unexpected")
            return
        entries = [
            Listed(
                url=public_url(lang, self.code, item["id"]),
                title=html_to_text(item.get("title")),
                published_raw=item.get("date") or "",
            )
            for item in items
        ]
        # without a page count in the answer, page on until a page comes back empty
        last = bool(total_pages) and page >= total_pages
        next_page = None if last else (lambda n: self.list_page(lang, n))
        yield from self.walk(response, entries, "api", page, next_page)

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """A release's detail from the API, for its public page's language and id."""
        lang, news_id = parse_public_url(entry.url)
        meta = {"story_url": canonical_url(entry.url), "source": self.name}
        request = self.api_request(DETAIL.format(id=news_id), lang, self.parse_detail, meta)
        request.errback = self.story_failed
        return request

    def parse_detail(self, response: Response, lang: str) -> Iterator[Story]:
        try:
            data = news_detail(response)
        except UnexpectedResponse as exc:
            self.logger.error("%s (%s) answered %s", response.url, lang, exc)
            self.stats.inc_value("pressbot/detail/unexpected")
            return
        story = GovUzNewsItem(data, self.code, lang).to_story(self.name)
        story.found_via = "api"
        yield story
