"""Save every response of a crawl into the mirror layout (`-s PRESSBOT_RECORD=DIR`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from pressbot.mirror.layout import MirrorEntry, write_entry

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

logger = logging.getLogger(__name__)

KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Location")


class RecordMiddleware:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        root = crawler.settings.get("PRESSBOT_RECORD")
        if not root:
            raise NotConfigured
        return cls(Path(root))

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        headers = {
            name: value.decode("latin-1")
            for name in KEPT_HEADERS
            if (value := response.headers.get(name))
        }
        try:
            self._save(request, response, headers)
        except (OSError, ValueError) as exc:  # a recording problem never stops the crawl
            logger.warning("Could not record %(url)s: %(exc)s", {"url": response.url, "exc": exc})
        return response

    def _save(self, request: Request, response: Response, headers: dict[str, str]) -> None:
        write_entry(self.root, response.url, MirrorEntry(response.status, headers, response.body))
        for origin in request.meta.get("redirect_urls", []):
            write_entry(self.root, origin, MirrorEntry(301, {"Location": response.url}, b""))
        logger.debug("Recorded %(url)s", {"url": response.url})
