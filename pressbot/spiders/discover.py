"""`scrapy discover`'s spider: the generic family's discovery, then a few sample releases.

It runs the generic family's own discovery from the address given (a homepage
or a list page), so what it reports is what a `family = "generic"` entry
without options would find; then it reads the first few releases the entry
points list with `GenericArticlePage` and keeps what it found instead of
storing it. Nothing is remembered or marked pending in the archive.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

from pressbot.pages.feeds import Listed
from pressbot.pages.gold import words
from pressbot.spiders.generic import Discovery, EntryPoints, GenericSpider
from pressbot.utils.text import clean
from pressbot.utils.url import canonical_url

# Fewer characters than this in a body: probably not the whole text.
BODY_MIN = 200
EDGE = 150


@dataclass
class Sample:
    """What the generic reading made of one release page, and what it doubts."""

    url: str
    title: str
    published_local: str
    published_precision: str
    lead: str
    body_start: str
    body_end: str
    warnings: list[str] = field(default_factory=list)


def doubts(story: Any, listed_title: str) -> list[str]:
    """A warning for each field the page did not give with confidence."""
    found = []
    if not story.title:
        found.append("no title found")
    elif listed_title and not set(words(listed_title)) <= set(words(story.title)):
        found.append(f"title differs from the listing's «{listed_title}»")
    if not story.published_at:
        found.append("no date found")
    elif story.published_precision == "day":
        found.append("only a day, no time of day")
    if not story.lead:
        found.append("no lead found")
    if len(story.body or "") < BODY_MIN:
        found.append(f"body under {BODY_MIN} characters")
    return found


class DiscoverSpider(GenericSpider):
    """Discovery from `start_url`, then up to `samples` releases read, none stored."""

    def __init__(self, *args: Any, start_url: str, samples: int = 3, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_url = start_url
        self.wanted_samples = samples
        self.found = EntryPoints()
        self.homepage: dict[str, str] = {}
        self.samples: list[Sample] = []
        self.listed_titles: dict[str, str] = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.probe(Discovery(self.start_url), "homepage", "")

    def _read_homepage(self, response: Response | None, state: Discovery) -> None:
        if isinstance(response, TextResponse):
            title = response.xpath("//title/text()").get()
            self.homepage = {
                "title": clean(title),
                "lang": clean(response.xpath("//html/@lang").get()),
            }
        super()._read_homepage(response, state)

    def remember(self, found: EntryPoints) -> None:
        self.found = found

    def forget(self) -> None:
        """Nothing is remembered, so nothing to forget."""

    def request(
        self, url: str, callback: Callable, entry_point: bool = False, **kwargs: Any
    ) -> scrapy.Request:
        # not an entry point: no poll is recorded
        return super().request(url, callback, False, **kwargs)

    def walk(
        self, response: Response, entries: list[Listed], via: str, *args: Any
    ) -> Iterator[scrapy.Request]:
        """The first releases listed, until enough samples are asked for."""
        for entry in entries:
            if len(self.asked) >= self.wanted_samples:
                return
            self.listed_titles[canonical_url(entry.url)] = entry.title
            yield from self.ask(entry, via)

    def story_failed(self, failure: Any) -> None:
        self.logger.warning("sample %s failed: %s", failure.request.url, failure.getErrorMessage())

    def parse_article(
        self, response: Response, listed_raw: str = "", via: str = ""
    ) -> Iterator[Any]:
        story = self.article_page(response).to_story(self.name)
        body = story.body or ""
        self.samples.append(
            Sample(
                url=response.url,
                title=story.title or "",
                published_local=story.published_local or "",
                published_precision=story.published_precision or "",
                lead=story.lead or "",
                body_start=body[:EDGE],
                body_end=body[-EDGE:] if len(body) > EDGE else "",
                warnings=doubts(story, self.listed_titles.get(response.meta["story_url"], "")),
            )
        )
        return iter(())
