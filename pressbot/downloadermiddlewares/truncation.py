"""A story's page cut off before its end is not read as the whole story.

A server that closes the connection early is caught by Scrapy (the body is
shorter than its Content-Length: DOWNLOAD_FAIL_ON_DATALOSS); one that sends a
complete response of a page cut off mid-body is not. An HTML page that opens
`<html` but never closes its `</body>` or `</html>` is refused here, counted
as `pressbot/failures/truncated` for its source, and its story stays pending,
to be asked for again on the next run.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from pressbot.statscollectors import count

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

logger = logging.getLogger(__name__)

CLOSING = (b"</html>", b"</body>", b"</HTML>", b"</BODY>")


def cut_off(body: bytes) -> bool:
    """Whether an HTML document opens but never reaches its closing markup."""
    opens = b"<html" in body[:4096].lower()
    return opens and not any(tag in body for tag in CLOSING)


class TruncationMiddleware:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        story_page = "story_url" in request.meta and isinstance(response, HtmlResponse)
        if not story_page or response.status != 200 or not cut_off(response.body):
            return response
        count(self.stats, request, "pressbot/failures/truncated")
        logger.warning("%s ends before its closing </html>: cut off, not stored", response.url)
        raise IgnoreRequest(f"truncated page: {response.url} ends before its closing </html>")
