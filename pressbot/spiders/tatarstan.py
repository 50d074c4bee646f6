"""The tatarstan.ru family: every ministry on the portal's subdomains.

The JSON API first: list pages carry the releases with their text, and the
article's own JSON fills in a release whose text the list leaves out. When
the API fails (an HTTP error, a timeout, or an answer that is not its JSON)
the spider says so in the log and reads the HTML tape and article pages
instead, through the same pipelines.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from pressbot.downloadermiddlewares.conditional import NotModified
from pressbot.downloadermiddlewares.withdrawals import GONE
from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.pages.jsonapi import UnexpectedResponse
from pressbot.pages.tatarstan import (
    TatarstanApiItem,
    TatarstanArticlePage,
    TatarstanTapePage,
    api_article_item,
    api_list_items,
)
from pressbot.spiders.base import FamilySpider
from pressbot.utils.text import html_to_text
from pressbot.utils.url import canonical_url, fetch_url

PAGE_SIZE = 15
API_LIST = "/index.htm/news?format=json&limit={size}&page={page}"
TAPE = "/index.htm/news/tape?page={page}"


class TatarstanSpider(FamilySpider):
    #: set once this run has switched to the HTML tape
    fell_back = False

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.api_page(1)

    # the JSON API ----------------------------------------------------------------

    def api_page(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(API_LIST.format(size=PAGE_SIZE, page=page)),
            callback=self.parse_api_list,
            errback=self.api_failed,
            cb_kwargs={"page": page},
            meta={"entry_point": page == 1},
        )

    def parse_api_list(self, response: Response, page: int) -> Iterator[Story | scrapy.Request]:
        try:
            items = [TatarstanApiItem(i, self.source.homepage) for i in api_list_items(response)]
        except UnexpectedResponse as exc:
            yield from self.fall_back(f"{response.url} answered {exc}")
            return
        entries = [
            Listed(
                url=item.url(),
                title=html_to_text(item.item.get("title")),
                published_raw=item.item.get("news_date") or "",
                payload=item,
            )
            for item in items
        ]
        yield from self.walk(response, entries, "api", page, self.api_page)

    def follow(self, entry: Listed, via: str, state: str) -> Iterator[Story | scrapy.Request]:
        item = entry.payload
        if isinstance(item, TatarstanApiItem) and item.has_text():
            # the list carries the text: no request needed to read it, stored or not
            yield self.story(item.to_story(self.name), "api")
            return
        yield from super().follow(entry, via, state)

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """A release's public page (from the tape, for a re-check, or once the API has
        failed); its article JSON when the API list named it without its text."""
        meta = {"story_url": canonical_url(entry.url), "source": self.name}
        if via == "api" and not self.fell_back:
            return scrapy.Request(
                fetch_url(entry.url) + "?format=json",
                callback=self.parse_api_article,
                errback=self.api_failed,
                meta=meta,
            )
        return scrapy.Request(
            fetch_url(entry.url),
            callback=self.parse_article,
            errback=self.story_failed,
            cb_kwargs={"listed": entry},
            meta=meta,
        )

    def parse_api_article(self, response: Response) -> Iterator[Story | scrapy.Request]:
        try:
            item = api_article_item(response)
        except UnexpectedResponse as exc:
            yield from self.fall_back(f"{response.url} answered {exc}")
            yield self.story_request(Listed(response.meta["story_url"]), "listing")
            return
        yield self.story(TatarstanApiItem(item, self.source.homepage).to_story(self.name), "api")

    def api_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy for errbacks
        if failure.check(NotModified):
            return  # the list has not changed since the last poll: nothing to do
        if isinstance(failure.value, HttpError) and failure.value.response.status in GONE:
            self.story_failed(failure)
            return  # one withdrawn release, not a broken API
        yield from self.fall_back(f"{request.url} failed: {failure.getErrorMessage()}")
        if "story_url" in request.meta:  # the release's own page instead
            yield self.story_request(Listed(request.meta["story_url"]), "listing")

    def fall_back(self, reason: str) -> Iterator[scrapy.Request]:
        """Switch to the HTML tape, once per run."""
        if self.fell_back:
            return
        self.fell_back = True
        self.stats.set_value("pressbot/fallback/html", 1)
        self.logger.warning("JSON API unusable (%s): reading the HTML news tape", reason)
        yield self.tape_page(1)

    # the HTML tape -----------------------------------------------------------------

    def tape_page(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(TAPE.format(page=page)),
            callback=self.parse_tape,
            cb_kwargs={"page": page},
            meta={"entry_point": page == 1},
        )

    def parse_tape(self, response: Response, page: int) -> Iterator[Story | scrapy.Request]:
        entries = TatarstanTapePage(response).entries()
        yield from self.walk(response, entries, "listing", page, self.tape_page)

    def parse_article(self, response: Response, listed: Listed) -> Iterator[Story]:
        yield self.story(TatarstanArticlePage(response, listed).to_story(self.name), "listing")

    @staticmethod
    def story(story: Story, via: str) -> Story:
        story.found_via = via
        return story
