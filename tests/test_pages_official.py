"""Page classes of the official sites, each built from a saved mirror file."""

import json
from pathlib import Path

from scrapy.http import HtmlResponse, TextResponse

from pressbot.pages.feeds import Listed, atom_entries
from pressbot.pages.government import GovernmentArticlePage, GovernmentListingPage
from pressbot.pages.govuz import GovUzNewsItem, news_list
from pressbot.pages.jsonapi import UnexpectedResponse
from pressbot.pages.kremlin import KremlinArticlePage, KremlinListingPage
from pressbot.pages.tatarstan import (
    TatarstanApiItem,
    TatarstanArticlePage,
    TatarstanTapePage,
    api_article_item,
    api_list_items,
)

MIRROR = Path(__file__).parent / "mirror"


def response(path: str, url: str, cls=HtmlResponse):
    return cls(url=url, body=(MIRROR / path).read_bytes(), encoding="utf-8")


def test_tatarstan_api_list_and_article():
    page = response(
        "mpt.tatarstan.ru/index.htm/news/.page?format=json&limit=15&page=1",
        "https://mpt.tatarstan.ru/index.htm/news?format=json",
        TextResponse,
    )
    items = api_list_items(page)
    assert len(items) == 4
    story = TatarstanApiItem(items[2], "https://mpt.tatarstan.ru").to_story("mpt_tatarstan")
    assert story.title == "Подведены итоги конкурса «Лучший экспортер Татарстана» — 2025"
    assert story.published_raw == "2025-11-11"
    article = response(
        "mpt.tatarstan.ru/index.htm/news/2543301.htm?format=json",
        "https://mpt.tatarstan.ru/index.htm/news/2543301.htm?format=json",
        TextResponse,
    )
    assert api_article_item(article)["id"] == 2543301


def test_tatarstan_api_answering_html_is_unexpected():
    page = HtmlResponse(url="https://x/", body=b"<html>maintenance</html>")
    try:
        api_list_items(page)
    except UnexpectedResponse as exc:
        assert "not JSON" in str(exc)
    else:
        raise AssertionError("an HTML answer must not pass as the API")


def test_tatarstan_tape_groups_releases_by_day():
    tape = TatarstanTapePage(
        response(
            "mpt.tatarstan.ru/index.htm/news/tape?page=1",
            "https://mpt.tatarstan.ru/index.htm/news/tape?page=1",
        )
    )
    entries = tape.entries()
    assert [(e.published_raw, e.url.rsplit("/", 1)[1]) for e in entries] == [
        ("12 ноября 2025", "2543810.htm"),
        ("12 ноября 2025", "2543799.htm"),
        ("11 ноября 2025", "2543512.htm"),
        ("10 ноября 2025", "2543301.htm"),
    ]
    assert entries[2].title == "Подведены итоги конкурса «Лучший экспортер Татарстана» — 2025"
    assert entries[1].lead == ""


def test_tatarstan_article_page_shows_a_time():
    listed = Listed("https://mpt.tatarstan.ru/index.htm/news/2543810.htm", "12 ноября 2025", "t")
    page = TatarstanArticlePage(
        response("mpt.tatarstan.ru/index.htm/news/2543810.htm", listed.url), listed
    )
    story = page.to_story("mpt_tatarstan")
    assert story.published_raw == "12 ноября 2025, 15:40"
    assert story.body.endswith("«Международная кооперация и экспорт».")
    assert "Фото:" not in story.body


def test_govuz_list_and_detail():
    items, pages = news_list(
        response(
            "api-portal.gov.uz/authorities/news/category?code_name=news&page=1[code=navoi;language=oz]",
            "https://api-portal.gov.uz/authorities/news/category?code_name=news&page=1",
            TextResponse,
        )
    )
    assert (len(items), pages) == (4, 2)
    detail = json.loads(
        (
            MIRROR / "api-portal.gov.uz/authorities/news/view?id=160412[code=navoi;language=oz]"
        ).read_text()
    )["data"]
    story = GovUzNewsItem(detail, "navoi", "oz").to_story("navoi_khokimiyat")
    assert story.url == "https://gov.uz/oz/navoi/news/view/160412"
    assert (story.language, story.release_key) == ("uz-Latn", "gov.uz/navoi/160412")
    assert story.updated_raw == "2025-11-12 18:20:00"
    assert len(story.images) == 4


def test_kremlin_feed_listing_and_article():
    feed = atom_entries(
        response(
            "kremlin.ru/events/president/news/feed",
            "http://kremlin.ru/events/president/news/feed",
            TextResponse,
        )
    )
    assert feed[0].published_raw == "2025-11-12T19:30:00+03:00"
    listing = KremlinListingPage(
        response(
            "kremlin.ru/events/president/news/page/2",
            "http://kremlin.ru/events/president/news/page/2",
        )
    )
    assert [e.published_raw for e in listing.entries()] == ["2025-11-07", "2025-11-05"]
    page = KremlinArticlePage(
        response(
            "kremlin.ru/events/president/news/78362",
            "http://kremlin.ru/events/president/news/78362",
        )
    )
    story = page.to_story("kremlin_news")
    assert story.title == "Указ «О награждении государственными наградами Российской Федерации»"
    assert (story.published_raw, story.tags) == ("2025-11-05", ["Экономика"])


def test_government_listing_and_article():
    listing = GovernmentListingPage(
        response("government.ru/news/.page?page=2", "http://government.ru/news/?page=2")
    )
    assert [e.published_raw for e in listing.entries()] == [
        "2025-11-06T12:15:00+03:00",
        "2025-11-05T16:45:00+03:00",
    ]
    page = GovernmentArticlePage(
        response("government.ru/news/56097/.page", "http://government.ru/news/56097/")
    )
    story = page.to_story("government_news")
    assert story.lead == "В повестке — изменения в бюджет и программа развития электроэнергетики."
    assert story.published_raw == "10 ноября 2025"


def test_tatarstan_item_variants():
    item = {
        "title": "T",
        "url": "https://mpt.tatarstan.ru/index.htm/news/9.htm",
        "news_date": "2025-11-12 15:40",
        "text": "<p>x</p>",
        "photoreport": "/pressa/photoreports/photoreport/1.htm",
    }
    story = TatarstanApiItem(item, "https://mpt.tatarstan.ru").to_story("mpt_tatarstan")
    assert story.url == "https://mpt.tatarstan.ru/index.htm/news/9.htm"
    assert story.photoreport_url == "https://mpt.tatarstan.ru/pressa/photoreports/photoreport/1.htm"
    assert story.published_raw == "2025-11-12 15:40"
