"""Why a story was dropped: one DropItem subclass per reason.

Scrapy's CoreStats counts drops under `item_dropped_reasons_count/<ClassName>`,
so each reason is counted in the crawl's stats and in `crawl_runs`.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem


class StoryDropped(DropItem):
    """Base of every pressbot drop reason."""


class MalformedField(StoryDropped):
    """The source gave a field with the wrong type (a number for a title or a date)."""


class UnusableUrl(StoryDropped):
    """The story's URL is no absolute http(s) URL with a host."""


class ForeignUrl(StoryDropped):
    """The story's page, by redirect or canonical link, is on another site than its source's."""


class TruncatedPage(StoryDropped):
    """The page ends before its closing markup: cut off in transit or by the server."""


class Undecodable(StoryDropped):
    """Replacement characters (U+FFFD) in the text: not the encoding the page was read in."""


class MissingTitle(StoryDropped):
    """The page gave no title."""


class UnparseableDate(StoryDropped):
    """No publication date, or none that reads as a date."""


class FutureDate(StoryDropped):
    """Published more than a day after now: a broken clock or a typo on the site."""


class EmptyBody(StoryDropped):
    """The page gave no text."""


class UnknownSource(StoryDropped):
    """The item names a source the registry does not have."""


class DuplicateStory(StoryDropped):
    """Seen already in this run through another URL, feed or listing."""

    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")
