"""What every family spider shares: its source, the archive it asks, and backfill dates."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property
from typing import ClassVar
from urllib.parse import urlsplit

import scrapy

from pressbot import timeparse
from pressbot.archive import archive_for
from pressbot.clock import clock_from_settings
from pressbot.fingerprints import canonical_url, fetch_url, title_key
from pressbot.pages.feeds import Listed
from pressbot.recheck import is_due, parse_schedule
from pressbot.registry import Source

NEW, DUE, KNOWN = "new", "due", "known"


def listing_differs(row: dict, title: str, modified: str) -> bool:
    """The listing names this stored story with another title, or as changed since."""
    if title and title_key(title) != row["title_key"]:
        return True
    changed = timeparse.parse(modified, "UTC")
    if changed is None or changed.precision != timeparse.MINUTE:
        return False
    known = row["updated_at"] or row["published_at"] or ""
    if len(known) == len("YYYY-MM-DD"):  # a day-precision story: only a later day counts
        return changed.at[:10] > known
    return changed.at[:16] > known[:16]


def parse_day(value: str | None, name: str) -> date | int | None:
    """A day as YYYY-MM-DD, or a number of days back as `7d` (counted from `until`)."""
    if value in (None, ""):
        return None
    if value.endswith("d") and value[:-1].isdigit():
        return int(value[:-1])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value!r}: expected YYYY-MM-DD or days back as 7d") from None


class FamilySpider(scrapy.Spider):
    """Base of the family spiders. `source` is set by the spider loader.

    Arguments: `-a since=YYYY-MM-DD` walks the archive back to that day;
    `-a until=YYYY-MM-DD` (default: today in the source's zone) is where the walk starts.
    """

    source: ClassVar[Source]

    def __init__(self, *args, since: str | None = None, until: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._since = parse_day(since, "since")
        self._until = parse_day(until, "until")
        if isinstance(self._until, int):
            raise ValueError(f"-a until={until!r}: expected a date as YYYY-MM-DD")
        if isinstance(self._since, date) and self._until and self._since > self._until:
            raise ValueError(f"-a since={since} is after until={until}")

    @classmethod
    def fetch_host(cls) -> str:
        """The host this source's requests go to; sources sharing one are crawled in turn."""
        return urlsplit(cls.source.homepage).netloc

    @cached_property
    def now(self):
        return clock_from_settings(self.settings)

    @property
    def until(self) -> date:
        return self._until or self.now().astimezone(self.source.tz).date()

    @property
    def since(self) -> date | None:
        """The oldest day a backfill reaches (`-a since=7d` counts back from `until`)."""
        if isinstance(self._since, int):
            return self.until - timedelta(days=self._since)
        return self._since

    # what to fetch ----------------------------------------------------------------

    @cached_property
    def recheck_schedule(self):
        return parse_schedule(self.settings.get("PRESSBOT_RECHECK_AFTER"))

    def story_state(self, url: str, title: str = "", modified: str = "") -> str:
        """NEW (not stored), DUE (stored, to be re-read now) or KNOWN (stored, leave it).

        A stored story is due when its listing shows another title or a later
        change time than the archive has, or when its re-check point has come.
        """
        if not self.settings.getbool("PRESSBOT_INCREMENTAL"):
            return NEW
        row = archive_for(self.crawler).story_by_url(self.name, canonical_url(url))
        if row is None:
            return NEW
        if listing_differs(row, title, modified):
            self.crawler.stats.inc_value("pressbot/stories/changed_in_listing")
            return DUE
        if is_due(row, self.now(), self.recheck_schedule):
            self.crawler.stats.inc_value("pressbot/stories/rechecked")
            return DUE
        self.crawler.stats.inc_value("pressbot/stories/skipped_known")
        return KNOWN

    # how far to page --------------------------------------------------------------

    @staticmethod
    def days_of(dates) -> list[date]:
        """The days of the dates a listing prints (any form timeparse reads)."""
        stamps = (timeparse.parse(text, "UTC") for text in dates)
        return [stamp.local.date() for stamp in stamps if stamp]

    def more_pages(self, page: int, days: list[date], states: list[str] = ()) -> bool:
        """Whether to read the listing page after `page`, whose stories are of `days`.

        A backfill goes on until the listing is older than `since`. A daily run
        stops at PRESSBOT_MAX_PAGES pages, or once the page ends with
        PRESSBOT_KNOWN_STREAK stories in a row that are stored already (or with
        nothing but stored ones). An empty page ends both.
        """
        if not days:
            return False
        if self.since:
            return min(days) >= self.since
        return page < self.settings.getint("PRESSBOT_MAX_PAGES") and not self._known_streak(states)

    def _known_streak(self, states: list[str]) -> bool:
        streak = 0
        for state in reversed(states):
            if state == NEW:
                break
            streak += 1
        wanted = min(self.settings.getint("PRESSBOT_KNOWN_STREAK"), len(states))
        return bool(states) and streak >= wanted

    def story_request(self, entry: Listed, via: str) -> scrapy.Request:
        """The request for a story's page, to `parse_article(response, listed_raw, via)`."""
        return scrapy.Request(
            fetch_url(entry.url),
            callback=self.parse_article,
            cb_kwargs={"listed_raw": entry.published_raw, "via": via},
            meta={"story_url": canonical_url(entry.url)},
        )

    def url(self, path: str) -> str:
        """An absolute URL on the source's site."""
        return self.source.homepage + path

    def on_site(self, url: str) -> bool:
        """True for the source's own host and its www./m. variants."""
        return canonical_url(url).split("/")[2] == self.source.host
