"""Conditional requests for entry points (feeds, first listing and API pages).

Where a server sent an ETag or Last-Modified, the next run asks with
If-None-Match / If-Modified-Since; a 304 ends the request there, before any
parsing, counted as `pressbot/not_modified`. Only requests with
`meta["entry_point"]` take part, so the table stays one row per entry point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from pressbot.archive.database import Archive


class NotModified(IgnoreRequest):
    """The entry point has not changed since the last run."""


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.now = clock_from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def archive(self) -> Archive:
        return archive_for(self.crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("entry_point"):
            return None
        known = self.archive.validators(request.url)
        if known and known["etag"]:
            request.headers.setdefault("If-None-Match", known["etag"])
        if known and known["last_modified"]:
            request.headers.setdefault("If-Modified-Since", known["last_modified"])
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if not request.meta.get("entry_point"):
            return response
        if response.status == 304:
            self.crawler.stats.inc_value("pressbot/not_modified")
            raise NotModified(f"{request.url} not modified")
        etag = (response.headers.get("ETag") or b"").decode("latin-1")
        modified = (response.headers.get("Last-Modified") or b"").decode("latin-1")
        if response.status == 200 and (etag or modified):
            at = timeparse.iso_utc(self.now())
            self.archive.save_validators(request.url, etag, modified, at)
        return response
