"""A body over DOWNLOAD_MAXSIZE is a named failure, not a warning in passing.

Scrapy already stops such a download (by its Content-Length, or once the
bytes received pass the limit) and refuses a compressed body that would
inflate past it, but says so only in a WARNING, or not at all for the
compressed one. This middleware takes HttpCompressionMiddleware's place
(590) and, for both, counts `pressbot/failures/oversized` (for the source too) and logs a warning,
so the run that met one is degraded, its reason in words (the story stays pending).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from twisted.internet.defer import CancelledError

from pressbot.statscollectors import count

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response

logger = logging.getLogger(__name__)

#: what Scrapy's messages say when a body passes DOWNLOAD_MAXSIZE
MAXSIZE_WORDS = ("download max size", "DOWNLOAD_MAXSIZE")


def over_maxsize(exception: BaseException) -> bool:
    """Whether Scrapy gave up on a download because its body passed DOWNLOAD_MAXSIZE."""
    cancelled = isinstance(exception, (DownloadCancelledError, CancelledError, IgnoreRequest))
    return cancelled and any(words in str(exception) for words in MAXSIZE_WORDS)


class MaxSizeMiddleware(HttpCompressionMiddleware):
    """HttpCompressionMiddleware, naming every body it or the download handler refused."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if over_maxsize(exc):
                self.oversized(request, "inflates past DOWNLOAD_MAXSIZE")
            raise

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        if over_maxsize(exception):
            self.oversized(request, "is larger than DOWNLOAD_MAXSIZE")

    def oversized(self, request: Request, why: str) -> None:
        if self.stats is not None:
            count(self.stats, request, "pressbot/failures/oversized")
        # the request among the arguments, as Scrapy's own records have it: the run log
        # counts the error for the request's source
        args = {"request": request, "url": request.url, "why": why}
        logger.warning("%(url)s: its body %(why)s; not read", args)
