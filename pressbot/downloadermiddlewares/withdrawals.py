"""A stored story whose page now answers 404 or 410 is marked withdrawn, never deleted.

Story requests carry `meta["story_url"]`, the canonical URL the story is
stored under (an API request's story is its public page), and `meta["source"]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

GONE = (404, 410)


class WithdrawalMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.now = clock_from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        story_url = request.meta.get("story_url")
        if response.status in GONE and story_url:
            source = request.meta["source"]
            noticed = timeparse.iso_utc(self.now())
            if archive_for(self.crawler).mark_withdrawn(source, story_url, noticed):
                self.crawler.stats.of(source).inc_value(  # STATS_CLASS
                    "pressbot/stories/withdrawn"
                )
        return response
