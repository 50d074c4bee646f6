"""What every family spider shares: its source, and the dates of a backfill."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from urllib.parse import urlsplit

import scrapy

from pressbot.fingerprints import canonical_url
from pressbot.registry import Source


def parse_day(value: str | None, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value!r}: expected a date as YYYY-MM-DD") from None


class FamilySpider(scrapy.Spider):
    """Base of the family spiders. `source` is set by the spider loader.

    Arguments: `-a since=YYYY-MM-DD` walks the archive back to that day;
    `-a until=YYYY-MM-DD` (default: today in the source's zone) is where the walk starts.
    """

    source: ClassVar[Source]

    def __init__(self, *args, since: str | None = None, until: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.since = parse_day(since, "since")
        self.until = parse_day(until, "until") or datetime.now(self.source.tz).date()
        if self.since and self.since > self.until:
            raise ValueError(f"-a since={since} is after until={self.until}")

    @classmethod
    def fetch_host(cls) -> str:
        """The host this source's requests go to; sources sharing one are crawled in turn."""
        return urlsplit(cls.source.homepage).netloc

    @property
    def max_pages(self) -> int:
        return self.settings.getint("PRESSBOT_MAX_PAGES")

    def more_pages(self, page: int, days: list[date]) -> bool:
        """Whether to read the listing page after `page`, whose stories are of `days`.

        A backfill goes on until the listing is older than `since`; a daily run
        reads at most PRESSBOT_MAX_PAGES pages. An empty page ends both.
        """
        if not days:
            return False
        if self.since:
            return min(days) >= self.since
        return page < self.max_pages

    def url(self, path: str) -> str:
        """An absolute URL on the source's site."""
        return self.source.homepage + path

    def on_site(self, url: str) -> bool:
        """True for the source's own host and its www./m. variants."""
        return canonical_url(url).split("/")[2] == self.source.host
