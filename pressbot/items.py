"""The one item type pressbot yields: a story as a source published it."""

from __future__ import annotations

from dataclasses import dataclass, field

# The order of the columns in feed exports (`scrapy crawl KEY -O stories.csv`).
EXPORT_FIELDS = [
    "source",
    "url",
    "title",
    "lead",
    "body",
    "dateline",
    "published_at",
    "published_local",
    "published_precision",
    "updated_at",
    "updated_local",
    "authors",
    "tags",
    "images",
    "language",
    "release_key",
]


@dataclass
class Story:
    """One story. Page classes fill the raw fields; the normalise pipeline the rest.

    Times: `*_raw` is the text the source printed (or its machine-readable
    attribute), `*_at` the instant in UTC as ISO 8601 with offset (a bare
    `YYYY-MM-DD` when the source gives only a day), `*_local` the same time in
    the source's time zone with its offset, `published_precision` `minute` or
    `day`.
    """

    source: str
    url: str
    title: str = ""
    lead: str = ""
    #: clean text, paragraphs separated by one blank line
    body: str = ""
    #: the city the text opens with ("ТАШКЕНТ, 12 ноября — Sputnik." gives "ТАШКЕНТ")
    dateline: str = ""
    published_raw: str = ""
    published_at: str | None = None
    published_local: str | None = None
    published_precision: str | None = None
    updated_raw: str = ""
    updated_at: str | None = None
    updated_local: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: dicts with url, caption and credit, credits never in the text
    images: list[dict] = field(default_factory=list)
    language: str = ""
    #: shared by the language versions of one release (gov.uz: "gov.uz/navoi/12345")
    release_key: str = ""
    #: the release's photo report page, where the source links one
    photoreport_url: str = ""
    #: the URL that was fetched, when the page names another as canonical
    seen_url: str = ""
    #: how the story was found: feed, sitemap, listing, api
    found_via: str = ""
    #: a time the feed, sitemap or listing gave for it, used when the page gives less
    listed_raw: str = ""
    #: the URL the story was listed and asked for under (`meta["story_url"]`)
    listed_url: str = ""
    #: fields the source gave with the wrong type ("title is int 777"): the story is dropped
    malformed: list[str] = field(default_factory=list)
