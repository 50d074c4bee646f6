"""Conditional requests for entry points (feeds, first listing and API pages).

Where a server sent an ETag or Last-Modified, the next poll asks with
If-None-Match / If-Modified-Since; a 304 ends the request there, before any
parsing, counted as `pressbot/not_modified` and recorded as the entry point's
poll. A 200 starts the entry point's walk (`meta["poll"]`): the family spider
records the poll, with the new validators, only once the walk has reached its
last page (`FamilySpider.walk`), so validators never vouch for stories that
were not reached. Only requests with `meta["entry_point"]` take part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from pressbot.archive.shared import archive_for

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from pressbot.archive.database import Archive


class NotModified(IgnoreRequest):
    """The entry point has not changed since the last poll."""


def entry_point_key(crawler: Crawler, request: Request) -> str:
    """An entry point's key in the archive: its request fingerprint, headers included
    (one gov.uz list URL is asked for many agencies and languages)."""
    assert crawler.request_fingerprinter is not None  # set when the crawler is built
    return crawler.request_fingerprinter.fingerprint(request).hex()


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def archive(self) -> Archive:
        return archive_for(self.crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("entry_point"):
            return None
        key = entry_point_key(self.crawler, request)
        if "entry_point_row" in request.meta:  # read already, when PollSpider judged it due
            known = request.meta.pop("entry_point_row") or {}
        else:  # an entry point a callback asks for (tatarstan.ru's tape, after its API)
            known = self.archive.entry_point(key) or {}
        request.meta["poll"] = {
            "key": key,
            "url": request.url,
            "variant": request.meta.get("variant", ""),
            "etag": known.get("etag") or "",
            "last_modified": known.get("last_modified") or "",
            "new": 0,
        }
        if known.get("etag"):
            request.headers.setdefault("If-None-Match", known["etag"])
        if known.get("last_modified"):
            request.headers.setdefault("If-Modified-Since", known["last_modified"])
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        poll = request.meta.get("poll")
        if not request.meta.get("entry_point") or poll is None:
            return response
        family = self.crawler.spider.families[request.meta["source"]]  # type: ignore[union-attr]
        if response.status == 304:
            family.stats.inc_value("pressbot/not_modified")
            family.polled(poll, "not modified")
            raise NotModified(f"{request.url} not modified")
        if response.status == 200:
            etag = (response.headers.get("ETag") or b"").decode("latin-1")
            modified = (response.headers.get("Last-Modified") or b"").decode("latin-1")
            poll.update(etag=etag, last_modified=modified)
        return response
