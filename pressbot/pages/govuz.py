"""The gov.uz portal of ministries, agencies and khokimiyats.

Its JSON API at api-portal.gov.uz picks the body and the language by the
request headers `code` and `language`: the list
`/authorities/news/category?code_name=news&page=N` gives `{"data": [...],
"total_page", "current_page"}`, the detail `/authorities/news/view?id=N`
gives `{"data": {id, date, updated_date, title, anons, body (HTML), …}}`.
Dates are `YYYY-MM-DD HH:MM:SS` in Tashkent time, without an offset.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy.http import Response

from pressbot.items import Story
from pressbot.pages.jsonapi import (
    UnexpectedResponse,
    api_id,
    checked,
    load_json,
    malformed,
    page_count,
)
from pressbot.pages.tatarstan import inline_images
from pressbot.utils.text import clean, drop_credits, html_to_text, join_paragraphs

API = "https://api-portal.gov.uz"
PUBLIC = "https://gov.uz"
# gov.uz language codes, as language tags
LANGUAGES = {"ru": "ru", "oz": "uz-Latn", "uz": "uz-Cyrl", "en": "en"}
# the fields read as text: any other type makes the item malformed
TEXT_FIELDS = ("title", "anons", "body", "date", "updated_date", "anons_image")

logger = logging.getLogger(__name__)


def news_list(response: Response) -> tuple[list[dict], int]:
    """The list page's items and the number of pages."""
    data = load_json(response, "data")
    if not isinstance(data["data"], list):
        raise UnexpectedResponse("'data' is not a list")
    items = [checked(item, TEXT_FIELDS) for item in data["data"] if isinstance(item, dict)]
    for item in items:
        if not api_id(item.get("id")):  # no detail to ask for, so no story to drop
            logger.warning("%s: a list item without a usable id: %.200r", response.url, item)
    return [item for item in items if api_id(item.get("id"))], page_count(data.get("total_page"))


def news_detail(response: Response) -> dict:
    data = load_json(response, "data")["data"]
    if not isinstance(data, dict) or not api_id(data.get("id")):
        raise UnexpectedResponse("'data' is not a news item")
    return checked(data, TEXT_FIELDS)


def public_url(lang: str, code: str, news_id: int | str) -> str:
    """The page readers see, which is what pressbot stores."""
    return f"{PUBLIC}/{lang}/{code}/news/view/{news_id}"


def parse_public_url(url: str) -> tuple[str, str]:
    """The language and news id of a `public_url`."""
    lang, _code, _news, _view, news_id = url.removeprefix(PUBLIC + "/").split("/")
    return lang, news_id


class GovUzNewsItem:
    """One release in one language, as the detail endpoint gives it."""

    def __init__(self, data: dict, code: str, lang: str):
        self.data = data
        self.code = code
        self.lang = lang

    def images(self) -> list[dict]:
        paths = [self.data.get("anons_image")]
        body_images = self.data.get("body_image") or []
        paths += body_images if isinstance(body_images, list) else [body_images]
        urls = [urljoin(API, p) for p in paths if p and isinstance(p, str)]
        urls += [i["url"] for i in inline_images(self.data.get("body") or "", API)]
        return [{"url": u, "caption": "", "credit": ""} for u in dict.fromkeys(urls)]

    def updated_raw(self) -> str:
        updated = clean(self.data.get("updated_date"))
        return updated if updated and updated != clean(self.data.get("date")) else ""

    def to_story(self, source: str) -> Story:
        body = html_to_text(self.data.get("body"))
        return Story(
            source=source,
            url=public_url(self.lang, self.code, self.data["id"]),
            title=html_to_text(self.data.get("title")),
            lead=html_to_text(self.data.get("anons")),
            body=join_paragraphs(drop_credits(body.split("\n\n"))),
            published_raw=clean(self.data.get("date")),
            updated_raw=self.updated_raw(),
            images=self.images(),
            language=LANGUAGES.get(self.lang, self.lang),
            release_key=f"gov.uz/{self.code}/{self.data['id']}",
            malformed=malformed(self.data),
        )
