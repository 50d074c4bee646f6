"""The tatarstan.ru government portal: one CMS on every ministry's subdomain.

JSON API: `/index.htm/news?format=json&limit=N&page=P`
gives `{"items": [...]}`, each with `title`, HTML `lead`, relative `url`,
`news_date` (a day, no time), HTML `text`, `image_file_big` and `photoreport`;
`<article>.htm?format=json` gives the same fields with `items` an object.
HTML: the tape `/index.htm/news/tape?page=N` groups `.list__item`s
under one `.row` per day (`.day-month__date` «12» + `.day-month__row` «ноября
2025»); the article page has `.article` with its text in `.wysiwyg`.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urljoin

from scrapy.http import Response

from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.pages.jsonapi import UnexpectedResponse, checked, load_json, malformed
from pressbot.utils.css import css
from pressbot.utils.text import (
    clean,
    credit_lines,
    drop_credits,
    fragment_root,
    html_to_text,
    join_paragraphs,
    paragraphs,
)

# the API item's fields read as text: any other type makes the item malformed
TEXT_FIELDS = ("title", "lead", "url", "news_date", "text", "image_file_big")


def api_list_items(response: Response) -> list[dict]:
    """The items of a list page; UnexpectedResponse when it is not the portal's JSON."""
    items = load_json(response, "items")["items"]
    if not isinstance(items, list):
        raise UnexpectedResponse("'items' is not a list")
    return [checked(item, TEXT_FIELDS) for item in items if isinstance(item, dict)]


def api_article_item(response: Response) -> dict:
    """The item of an article's `?format=json`, where `items` is an object."""
    item = load_json(response, "items")["items"]
    if not isinstance(item, dict):
        raise UnexpectedResponse("'items' is not an object")
    return checked(item, TEXT_FIELDS)


def inline_images(fragment: str, base: str) -> list[dict]:
    if not fragment or "<img" not in fragment:
        return []
    root = fragment_root(fragment)
    return [
        {"url": urljoin(base, img.get("src")), "caption": clean(img.get("alt")), "credit": ""}
        for img in root.iter("img")
        if img.get("src")
    ]


def credited_once(found: list[dict], credits: list[str]) -> list[dict]:
    """Each picture once, in order: the same picture shown as the lead photo and in the
    text keeps a caption either gives; each is credited as the text credits them."""
    images: dict[str, dict] = {}
    for image in found:
        kept = images.setdefault(image["url"], image)
        kept["caption"] = kept["caption"] or image["caption"]
    for image in images.values():
        image["credit"] = image["credit"] or "; ".join(credits)
    return list(images.values())


class TatarstanApiItem:
    """One release as the portal's JSON API gives it."""

    def __init__(self, item: dict, homepage: str):
        self.item = item
        self.homepage = homepage

    def url(self) -> str:
        return urljoin(self.homepage + "/", self.item.get("url") or "")

    def has_text(self) -> bool:
        """Whether the list gives all there is to store: its text, or a fault to drop it for.

        A malformed item is not fetched again: its own JSON is at an address it
        may not have given, and it is dropped with its reason either way.
        """
        return bool(malformed(self.item) or html_to_text(self.item.get("text")))

    def images(self) -> list[dict]:
        """The big image and the text's inline ones, credited as the text credits them."""
        text = self.item.get("text") or ""
        found = inline_images(text, self.homepage + "/")
        if self.item.get("image_file_big"):
            big = urljoin(self.homepage + "/", self.item["image_file_big"])
            found.insert(0, {"url": big, "caption": "", "credit": ""})
        return credited_once(found, credit_lines(html_to_text(text).split("\n\n")))

    def photoreport_url(self) -> str:
        report = self.item.get("photoreport")
        if isinstance(report, dict):
            report = report.get("url")
        return urljoin(self.homepage + "/", report) if isinstance(report, str) and report else ""

    def to_story(self, source: str) -> Story:
        return Story(
            source=source,
            url=self.url(),
            title=html_to_text(self.item.get("title")),
            lead=html_to_text(self.item.get("lead")),
            body=join_paragraphs(drop_credits(html_to_text(self.item.get("text")).split("\n\n"))),
            published_raw=clean(self.item.get("news_date")),
            images=self.images(),
            photoreport_url=self.photoreport_url(),
            language="ru",
            malformed=malformed(self.item),
        )


class TatarstanTapePage:
    """The HTML news tape: releases grouped under one heading per day."""

    def __init__(self, response: Response):
        self.response = response

    def entries(self) -> list[Listed]:
        entries = []
        for day in css(self.response, ".list > .row"):
            date = clean(
                f"{css(day, '.day-month__date::text').get('')} "
                f"{css(day, '.day-month__row::text').get('')}"
            )
            for item in css(day, ".list__item"):
                link = css(item, ".list__title a")
                if not link.attrib.get("href"):
                    continue
                entries.append(
                    Listed(
                        url=self.response.urljoin(link.attrib["href"]),
                        published_raw=date,
                        title=clean(link[0].root.text_content()),
                        lead=join_paragraphs(
                            p.root.text_content() for p in css(item, ".list__text")
                        ),
                    )
                )
        return entries


class TatarstanArticlePage:
    """An article page; what it lacks (title, lead, day) comes from its tape entry."""

    def __init__(self, response: Response, listed: Listed):
        self.response = response
        self.listed = listed
        self.article = css(response, ".article")[:1]

    def title(self) -> str:
        h1 = css(self.article, "h1") or css(self.response, "h1.article__title")
        return clean(h1[0].root.text_content()) if h1 else self.listed.title

    @cached_property
    def _paragraphs(self) -> list[str]:
        """The text's paragraphs, photo credits among them."""
        text = css(self.article, ".wysiwyg")
        if text:
            return paragraphs(text[0].root)
        # older pages: paragraphs straight under .article
        return [clean(p.root.text_content()) for p in self.article.xpath("./p")]

    def body(self) -> str:
        return join_paragraphs(drop_credits(self._paragraphs))

    def published_raw(self) -> str:
        """The page's own date where it prints one (with a time, it is more precise)."""
        shown = css(self.article, ".article__date, .date, time")
        text = clean(shown[0].root.text_content()) if shown else ""
        return text or self.listed.published_raw

    def images(self) -> list[dict]:
        """The lead photo and the text's, as the API item gives them (`credited_once`)."""
        found = [
            {
                "url": self.response.urljoin(src),
                "caption": clean(img.attrib.get("alt")),
                "credit": "",
            }
            for img in css(self.article, ".article__photo img, .wysiwyg img")
            if (src := img.attrib.get("src"))
        ]
        return credited_once(found, credit_lines(self._paragraphs))

    def to_story(self, source: str) -> Story:
        return Story(
            source=source,
            url=self.response.url,
            title=self.title(),
            lead=self.listed.lead,
            body=self.body(),
            published_raw=self.published_raw(),
            listed_raw=self.listed.published_raw,
            images=self.images(),
            language="ru",
        )
