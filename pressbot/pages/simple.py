"""Article pages whose fields sit in one selector each (kremlin.ru, government.ru)."""

from __future__ import annotations

from typing import ClassVar

from scrapy.http import Response

from pressbot.items import Story
from pressbot.utils.css import css
from pressbot.utils.text import clean, drop_credits, join_paragraphs, paragraphs


class SimpleArticlePage:
    """A page class configured by selectors; subclasses name them for their site."""

    CONTAINER: ClassVar[str]
    TITLE: ClassVar[str]
    LEAD: ClassVar[str]
    BODY: ClassVar[str]
    DATE: ClassVar[str]  # a selector for the date's text or attribute (`::attr(datetime)`)
    TAGS: ClassVar[str | None] = None

    def __init__(self, response: Response):
        self.response = response
        self.article = css(response, self.CONTAINER)[:1] or response

    def _paragraphs(self, selector: str) -> list[str]:
        found = css(self.article, selector)
        return paragraphs(found[0].root) if found else []

    def title(self) -> str:
        found = css(self.article, self.TITLE)
        return clean(found[0].root.text_content()) if found else ""

    def lead(self) -> str:
        return join_paragraphs(self._paragraphs(self.LEAD))

    def body(self) -> str:
        return join_paragraphs(drop_credits(self._paragraphs(self.BODY)))

    def published_raw(self) -> str:
        return clean(" ".join(css(self.article, self.DATE).getall()))

    def tags(self) -> list[str]:
        return [clean(t) for t in css(self.article, self.TAGS).getall()] if self.TAGS else []

    def to_story(self, source: str) -> Story:
        return Story(
            source=source,
            url=self.response.url,
            title=self.title(),
            lead=self.lead(),
            body=self.body(),
            published_raw=self.published_raw(),
            tags=self.tags(),
            language="ru",
        )
