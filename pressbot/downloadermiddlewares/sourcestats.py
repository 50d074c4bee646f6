"""Each source's own download counts, as Scrapy's DownloaderStats keeps the crawl's.

Requests carry `meta["source"]` (robots.txt requests, which serve a host, carry
none and are not counted); the counts go to `crawler.stats.of(source)` under
Scrapy's own names, so a source's run is judged as a crawl of its own would be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.utils.python import global_object_name

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from pressbot.statscollectors import SourceStatsCollector


class SourceStatsMiddleware:
    def __init__(self, stats: SourceStatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)  # type: ignore[arg-type]  # STATS_CLASS

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if "source" in request.meta:
            self.stats.of(request.meta["source"]).inc_value("downloader/request_count")

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if "source" in request.meta:
            key = f"downloader/response_status_count/{response.status}"
            self.stats.of(request.meta["source"]).inc_value(key)
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        if "source" in request.meta:
            stats = self.stats.of(request.meta["source"])
            stats.inc_value("downloader/exception_count")
            stats.inc_value(
                f"downloader/exception_type_count/{global_object_name(type(exception))}"
            )
