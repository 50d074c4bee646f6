"""Article pages of the Sputnik / Rossiya Segodnya platform (uz.sputniknews.ru, ria.ru …).

Markup as the live site serves it: `div.article` holds the header
(`h1.article__title`, `div.article__info-date`), the announce (lead image,
credit, subscribe button, `div.article__announce-text`), the body as
`div.article__block[data-type=…]` blocks, `div.article__meta` with itemprop
dates and the footer tags.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from typing import TYPE_CHECKING, cast

from scrapy.http import Response

from pressbot.items import Story
from pressbot.utils.css import first, select
from pressbot.utils.text import clean, drop_credits, has_class, paragraphs, with_class

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# Credits, captions, buttons and inserts that sit inside text blocks on some themes.
NOISE = has_class(
    "media",
    "media__copyright",
    "media__copyright-item",
    "m-copyright",
    "article__photo-item",
    "article__article",
    "banner",
    "article__google-news",
    "article__subscribe",
    "article__summary",
    "media__description",
)
DATELINE = re.compile(
    r"^(?P<place>[А-ЯЁA-Z][А-ЯЁA-Z\- ]*?),\s*\d{1,2}\s+[а-яёa-z]+\.?\s*[—–-]+\s*"
    r"(?:Sputnik|РИА Новости)\b"
)


def _json_ld_nodes(data: object) -> list:
    """The nodes of a JSON-LD document: a list, a `@graph`, or one object (else none)."""
    if isinstance(data, dict):
        data = data.get("@graph", [data])
    return data if isinstance(data, list) else []


class SputnikArticlePage:
    """One article page of the Sputnik platform, read field by field."""

    def __init__(self, response: Response):
        self.response = response
        self.root = cast("TextResponse", response).selector.root  # an HTML page
        self.article = select(self.root, "div.article")[:1]

    def _in_article(self, query: str) -> list:
        return [found for article in self.article for found in select(article, query)]

    # text -------------------------------------------------------------------------

    def title(self) -> str:
        title = self._in_article("h1.article__title, .article__title")
        if title:
            return clean(" ".join(select(title[0], "::text")))
        og = first(select(self.root, 'meta[property="og:title"]::attr(content)'))
        return clean(re.sub(r"\s+-\s+(РИА Новости|Sputnik[^-]*)$", "", og))

    def lead(self) -> str:
        announce = self._in_article(".article__announce-text")
        return "\n\n".join(paragraphs(announce[0], NOISE)) if announce else ""

    @cached_property
    def body_paragraphs(self) -> list[str]:
        """Text and quote blocks only: inserts, banners, photos and galleries are left out."""
        found: list[str] = []
        blocks = self._in_article(
            "div.article__body div.article__block[data-type=text], "
            "div.article__body div.article__block[data-type=quote]",
        )
        for block in blocks:
            inner = with_class(block, "article__text", "article__quote-text")
            for part in inner or [block]:  # some themes put the text straight in the block
                found.extend(paragraphs(part, NOISE))
        return drop_credits(found)

    def body(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    def dateline(self) -> str:
        first_paragraph = next(iter(self.body_paragraphs), "")
        match = DATELINE.match(first_paragraph)
        return match.group("place").strip() if match else ""

    # dates: machine-readable first, the visible text as the fallback -------------

    def _itemprop(self, name: str) -> str:
        node = select(self.root, f'[itemprop="{name}"]')[:1]
        if not node:
            return ""
        return clean(
            node[0].get("content") or node[0].get("datetime") or " ".join(select(node[0], "::text"))
        )

    def _meta(self, prop: str) -> str:
        return clean(first(select(self.root, f'meta[property="{prop}"]::attr(content)')))

    @cached_property
    def _json_ld(self) -> dict:
        for script in select(self.root, 'script[type="application/ld+json"]::text'):
            try:
                data = json.loads(script)
            except ValueError:
                continue
            for node in _json_ld_nodes(data):
                if isinstance(node, dict) and node.get("@type") in ("NewsArticle", "Article"):
                    return node
        return {}

    def published_raw(self) -> str:
        return (
            self._itemprop("datePublished")
            or self._meta("article:published_time")
            or clean(self._json_ld.get("datePublished"))
            or self._info_date()
        )

    def _info_date(self) -> str:
        """The visible date: its text, else the epoch seconds it carries."""
        info = self._in_article(".article__info-date")
        text = first([found for node in info for found in select(node, "a::text")])
        return clean(text) or clean(info[0].get("data-unixtime") if info else None)

    def updated_raw(self) -> str:
        return (
            self._itemprop("dateModified")
            or self._meta("article:modified_time")
            or clean(self._json_ld.get("dateModified"))
            or clean(" ".join(self._in_article(".article__info-date-modified ::text")))
        )

    # metadata ---------------------------------------------------------------------

    def tags(self) -> list[str]:
        nodes = self._in_article(".article__footer li.tag a, .tags li a, .article__tags-item")
        return [t for t in (clean(n.text_content()) for n in nodes) if t]

    def authors(self) -> list[str]:
        names = self._in_article(".article__author-name ::text")
        return [n for n in (clean(n) for n in names) if n]

    def images(self) -> list[dict]:
        """Lead, inline and gallery photos, each with its caption and credit."""
        images = []
        for media in self._in_article(".media"):
            img = next(media.iter("img"), None)
            if img is None or not img.get("src"):
                continue
            credits = with_class(media, "media__copyright-item")
            images.append(
                {
                    "url": self.response.urljoin(img.get("src")),
                    "caption": clean(img.get("title") or img.get("alt")),
                    "credit": clean(credits[0].text_content()) if credits else "",
                }
            )
        return images

    def url(self) -> str:
        canonical = first(select(self.root, 'link[rel="canonical"]::attr(href)'))
        return self.response.urljoin(canonical) if canonical else self.response.url

    def to_story(self, source: str) -> Story:
        return Story(
            source=source,
            url=self.url(),
            title=self.title(),
            lead=self.lead(),
            body=self.body(),
            dateline=self.dateline(),
            published_raw=self.published_raw(),
            updated_raw=self.updated_raw(),
            authors=self.authors(),
            tags=self.tags(),
            images=self.images(),
            language=clean(first(select(self.root, "html::attr(lang)"))),
        )
