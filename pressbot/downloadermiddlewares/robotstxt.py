"""Scrapy's robots.txt middleware, with each host's robots.txt kept in the archive.

A poll every few minutes would otherwise ask every host for robots.txt on
every run. An answer (2xx or 4xx: a missing robots.txt allows everything) is
kept for `PRESSBOT_ROBOTSTXT_MAX_AGE` seconds (a day by default) and read
from the archive until then; a 5xx or a failed fetch is not kept, so the next
run asks again. Pages a source's robots.txt forbids are counted in its stats.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser


class KeptRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.now = clock_from_settings(crawler.settings)
        self.max_age = timedelta(seconds=crawler.settings.getint("PRESSBOT_ROBOTSTXT_MAX_AGE"))

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            kept = archive_for(self.crawler).robots_txt(netloc)
            fresh = timeparse.iso_utc(self.now() - self.max_age)
            if kept and kept["fetched_at"] > fresh:
                self._parsers[netloc] = build_from_crawler(
                    self._parserimpl, self.crawler, kept["body"]
                )
                self.crawler.stats.inc_value("robotstxt/kept")
        return await super().robot_parser(request)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        url = urlparse_cached(request)
        own = request.meta.get("dont_obey_robotstxt") and url.path == "/robots.txt"
        if own and response.status < 500:  # a server error says nothing lasting
            at = timeparse.iso_utc(self.now())
            archive_for(self.crawler).save_robots_txt(
                url.netloc, response.status, response.body, at
            )
        return response

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            if "source" in request.meta:
                source_stats = self.crawler.stats.of(request.meta["source"])  # STATS_CLASS
                source_stats.inc_value("robotstxt/forbidden")
            raise
