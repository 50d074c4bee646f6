"""A press-release list page of a site pressbot has no family for: which links are releases.

Release links on one site share a shape (`/press/news/18734/`,
`/2025/11/24/slug/`, `/news/view/161201`): the page's own links are grouped by
the shape of their address, and the group with the most links with title-long
texts, outside menus, footers and pagination, is the list. A source's `links`
override (CSS or XPath selecting the `<a>` elements) replaces the guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from scrapy.http import TextResponse

from pressbot.pages.feeds import Listed
from pressbot.pages.generic import LOOKS_LIKE_DATE, select
from pressbot.pages.maintext import class_words, walk
from pressbot.utils import timeparse
from pressbot.utils.text import clean

# Parts of a page whose links are never the list: menus, footers, breadcrumbs, pagination.
CHROME_WORDS = frozenset(
    {
        "menu",
        "nav",
        "navbar",
        "navigation",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "pagination",
        "pager",
        "paging",
        "logo",
        "lang",
        "languages",
        "header",
        "social",
        "share",
    }
)
CHROME_TAGS = frozenset({"nav", "header", "footer"})
SLUG = re.compile(r"[^\W_]+(?:[-_][^\W_]+)+", re.UNICODE)
# Only whether a text reads as a date is asked, so any clock will do.
ANY_NOW = datetime(2000, 1, 1, tzinfo=timezone.utc)
# Texts of a pagination link to the next page.
NEXT_TEXT = re.compile(
    r"^(?:›|»|→|>|>>|следующая|следующая страница|далее|вперед|вперёд|next|keyingi|кейинги)"
    r"\s*[›»→>]*$",
    re.IGNORECASE,
)
# Ancestors climbed from a link to find its item's date (a day heading over a group of
# items, as on tatarstan.ru's tape, is six levels up).
ITEM_DEPTH = 6


def reads_as_date(text: str) -> bool:
    """Text that is a date in some zone, relative days («Вчера, 14:30») included."""
    return bool(LOOKS_LIKE_DATE.search(text)) and timeparse.parse(text, "UTC", ANY_NOW) is not None


def is_chrome(el) -> bool:
    return isinstance(el.tag, str) and (
        el.tag in CHROME_TAGS or bool(class_words(el) & CHROME_WORDS)
    )


def segment_shape(segment: str) -> str:
    """`2543810.htm` → `<n>.htm`; `delegatsiya-tatarstana-53411453.html` → `<slug>.html`."""
    stem, dot, ext = segment.partition(".")
    if stem.isdigit():
        shape = "<n>"
    elif SLUG.fullmatch(stem) and len(stem) >= 12:
        shape = "<slug>"
    else:
        shape = re.sub(r"\d+", "<n>", stem)
    return shape + dot + re.sub(r"\d+", "<n>", ext)


def url_shape(url: str) -> tuple[str, ...]:
    """The shape of an address: host, generalised path segments and query names."""
    parts = urlsplit(url)
    path = tuple(segment_shape(s) for s in parts.path.split("/") if s)
    query = tuple(sorted(f"{k}={segment_shape(v)}" for k, v in parse_qsl(parts.query)))
    return (parts.netloc, *path, *query)


def names_a_story(shape: tuple[str, ...]) -> bool:
    """An address that identifies one item: a number or a slug in its path or query."""
    return any("<n>" in part or "<slug>" in part for part in shape[1:])


class GenericListingPage:
    """The release links of a list page, in page order, each with its title and shown date."""

    def __init__(self, response: TextResponse, links: str = ""):
        self.response = response
        self.links_override = links

    def _anchors(self) -> list:
        if self.links_override:
            return [node.root for node in select(self.response, self.links_override)]
        root = self.response.selector.root
        return [el for el in walk(root, is_chrome) if el.tag == "a" and el.get("href")]

    def _groups(self) -> dict[tuple, list]:
        host = urlsplit(self.response.url).netloc
        own = url_shape(self.response.url)
        groups: dict[tuple, list] = defaultdict(list)
        for anchor in self._anchors():
            url = self.response.urljoin(anchor.get("href")).split("#")[0]
            shape = url_shape(url)
            if urlsplit(url).netloc == host and shape != own and names_a_story(shape):
                groups[shape].append((url, anchor))
        return groups

    @staticmethod
    def _weight(members: list) -> float:
        """More distinct links, with longer texts (titles, not «подробнее»), weigh more."""
        texts: dict[str, int] = defaultdict(int)
        for url, anchor in members:
            texts[url] = max(texts[url], len(clean(anchor.text_content())))
        return len(texts) * min(sorted(texts.values())[len(texts) // 2], 120)

    @staticmethod
    def _item_date(anchor) -> str:
        """The shortest date text in the link's item, climbing at most ITEM_DEPTH levels."""
        node = anchor
        for _ in range(ITEM_DEPTH):
            node = node.getparent()
            if node is None:
                break
            texts = [
                clean(" ".join(el.itertext()))
                for el in node.iter()
                if el is not anchor and anchor not in el.iterancestors()
            ]
            dates = [t for t in texts if len(t) <= 60 and reads_as_date(t)]
            if dates:
                return min(dates, key=len)
        return ""

    def _members(self) -> list[tuple[str, Any]]:
        if self.links_override:
            return [
                (self.response.urljoin(a.get("href")), a) for a in self._anchors() if a.get("href")
            ]
        groups = self._groups()
        return max(groups.values(), key=self._weight) if groups else []

    def entries(self) -> list[Listed]:
        members = self._members()
        found: dict[str, Listed] = {}
        for url, anchor in members:
            title = clean(anchor.text_content())
            known = found.get(url)
            if known is None or len(title) > len(known.title):
                found[url] = Listed(
                    url, (known.published_raw if known else "") or self._item_date(anchor), title
                )
        return list(found.values())

    def next_page_url(self) -> str:
        """The next list page: `<link rel="next">`, `<a rel="next">`, or a «›»/«Далее» link."""
        rel = self.response.xpath(
            '//link[@rel="next"]/@href | //a[contains(concat(" ", @rel, " "), " next ")]/@href'
        ).get()
        if rel:
            return self.response.urljoin(rel)
        for anchor in self.response.xpath("//body//a[@href]"):
            if NEXT_TEXT.match(clean(anchor.xpath("string()").get())):
                return self.response.urljoin(anchor.attrib["href"])
        return ""
