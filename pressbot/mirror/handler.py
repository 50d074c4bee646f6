"""Fetch every http(s) URL from the PRESSBOT_MIRROR server instead of the web.

Only the wire changes: robots.txt, the HTTP cache, callbacks, link resolution
and stored URLs all see the real URL, because the response is handed back
under the URL that was asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


def mirror_url(mirror: str, url: str) -> str:
    """`https://uz.sputniknews.ru/x?y` → `<mirror>/uz.sputniknews.ru/x?y`."""
    parts = urlsplit(url)
    tail = parts.path or "/"
    if parts.query:
        tail += "?" + parts.query
    return f"{mirror.rstrip('/')}/{parts.netloc}{tail}"


class MirrorDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.mirror: str | None = crawler.settings.get("PRESSBOT_MIRROR") or None

    async def download_request(self, request: Request) -> Response:
        if not self.mirror:
            return await super().download_request(request)
        mirrored = request.replace(url=mirror_url(self.mirror, request.url))
        response = await super().download_request(mirrored)
        return response.replace(url=request.url)
