"""Pages whose declared charset is wrong are read in the one they are written in.

A page labelled UTF-8 (by its header, its `<meta>`, or both) whose bytes are
not UTF-8 would be read with U+FFFD in place of every letter; a page labelled
windows-1251 whose bytes are UTF-8 would be read as mojibake. Both happen
on old CMS templates in the region. When the label is refuted by the bytes,
this middleware reads the page as UTF-8 (when it is valid UTF-8) or in the
legacy Cyrillic encoding whose letters read as Russian text; it counts
`pressbot/encoding/corrected` and logs the correction. What it cannot place
is left as it is, and the validate pipeline drops a story whose text is
replacement characters (`Undecodable`).
"""

from __future__ import annotations

import codecs
import logging
from typing import TYPE_CHECKING

from scrapy.http import TextResponse

from pressbot.statscollectors import count

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

logger = logging.getLogger(__name__)

#: the legacy encodings of Cyrillic text, tried when UTF-8 is refuted
LEGACY = ("cp1251", "koi8_r")
#: of the Cyrillic letters of running Russian text, most are lower case
LOWERCASE_SHARE = 0.6


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def legacy_cyrillic(body: bytes) -> str | None:
    """The legacy encoding in which `body` reads as Russian text, or None."""
    for encoding in LEGACY:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_russian(text):
            return encoding
    return None


def _reads_as_russian(text: str) -> bool:
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    lower = sum(c.islower() for c in letters)
    return len(letters) >= 20 and lower >= LOWERCASE_SHARE * len(letters)


def actual_encoding(body: bytes, declared: str) -> str | None:
    """The encoding `body` is written in when it refutes `declared`; None when it does not."""
    declared = _codec(declared)
    utf8 = is_utf8(body)
    if declared == "utf-8":
        return None if utf8 else legacy_cyrillic(body)
    if utf8 and not body.isascii():  # multi-byte UTF-8 by chance in a legacy page: never seen
        return "utf-8"
    return None


class CharsetMiddleware:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if not isinstance(response, TextResponse):
            return response
        actual = actual_encoding(response.body, response.encoding)
        if actual is None:
            return response
        count(self.stats, request, "pressbot/encoding/corrected")
        logger.warning(
            "%s is labelled %s but written in %s: read as %s",
            response.url,
            response.encoding,
            actual,
            actual,
        )
        return response.replace(encoding=actual)
