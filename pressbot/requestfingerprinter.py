"""Request fingerprints that tell apart requests an API answers by header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.utils.request import fingerprint

if TYPE_CHECKING:
    from scrapy import Request

# gov.uz answers the same URL for every agency and language, chosen by these
VARY_HEADERS = ("code", "language")


class HeaderAwareFingerprinter:
    """Scrapy's fingerprint, plus the headers in VARY_HEADERS where a request sets them."""

    def fingerprint(self, request: Request) -> bytes:
        return fingerprint(request, include_headers=VARY_HEADERS)
