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

from scrapy.http import Response

from pressbot.items import Story
from pressbot.utils.css import css
from pressbot.utils.text import clean, drop_credits, has_class, paragraphs, with_class

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
        self.article = css(self.response, "div.article")[:1]

    # text -------------------------------------------------------------------------

    def title(self) -> str:
        title = css(self.article, "h1.article__title, .article__title")
        if title:
            return clean(" ".join(css(title[0], "::text").getall()))
        og = css(self.response, 'meta[property="og:title"]::attr(content)').get("")
        return clean(re.sub(r"\s+-\s+(РИА Новости|Sputnik[^-]*)$", "", og))

    def lead(self) -> str:
        announce = css(self.article, ".article__announce-text")
        return "\n\n".join(paragraphs(announce[0].root, NOISE)) if announce else ""

    @cached_property
    def body_paragraphs(self) -> list[str]:
        """Text and quote blocks only: inserts, banners, photos and galleries are left out."""
        found: list[str] = []
        blocks = css(
            self.article,
            "div.article__body div.article__block[data-type=text], "
            "div.article__body div.article__block[data-type=quote]",
        )
        for block in blocks:
            inner = with_class(block.root, "article__text", "article__quote-text")
            for part in inner or [block.root]:  # some themes put the text straight in the block
                found.extend(paragraphs(part, NOISE))
        return drop_credits(found)

    def body(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    def dateline(self) -> str:
        first = next(iter(self.body_paragraphs), "")
        match = DATELINE.match(first)
        return match.group("place").strip() if match else ""

    # dates: machine-readable first, the visible text as the fallback -------------

    def _itemprop(self, name: str) -> str:
        node = css(self.response, f'[itemprop="{name}"]')[:1]
        if not node:
            return ""
        return clean(
            node.attrib.get("content")
            or node.attrib.get("datetime")
            or " ".join(css(node, "::text").getall())
        )

    def _meta(self, prop: str) -> str:
        return clean(css(self.response, f'meta[property="{prop}"]::attr(content)').get())

    @cached_property
    def _json_ld(self) -> dict:
        for script in css(self.response, 'script[type="application/ld+json"]::text').getall():
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
        info = css(self.article, ".article__info-date")
        return clean(css(info, "a::text").get()) or clean(info.attrib.get("data-unixtime"))

    def updated_raw(self) -> str:
        return (
            self._itemprop("dateModified")
            or self._meta("article:modified_time")
            or clean(self._json_ld.get("dateModified"))
            or clean(" ".join(css(self.article, ".article__info-date-modified ::text").getall()))
        )

    # metadata ---------------------------------------------------------------------

    def tags(self) -> list[str]:
        nodes = css(self.article, ".article__footer li.tag a, .tags li a, .article__tags-item")
        return [t for t in (clean(n.root.text_content()) for n in nodes) if t]

    def authors(self) -> list[str]:
        names = css(self.article, ".article__author-name ::text").getall()
        return [n for n in (clean(n) for n in names) if n]

    def images(self) -> list[dict]:
        """Lead, inline and gallery photos, each with its caption and credit."""
        images = []
        for media in css(self.article, ".media"):
            img = next(media.root.iter("img"), None)
            if img is None or not img.get("src"):
                continue
            credits = with_class(media.root, "media__copyright-item")
            images.append(
                {
                    "url": self.response.urljoin(img.get("src")),
                    "caption": clean(img.get("title") or img.get("alt")),
                    "credit": clean(credits[0].text_content()) if credits else "",
                }
            )
        return images

    def url(self) -> str:
        canonical = css(self.response, 'link[rel="canonical"]::attr(href)').get()
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
            language=clean(css(self.response, "html::attr(lang)").get()),
        )
