"""Page classes of the official sites, each built from a saved mirror file."""

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse

from pressbot.mirror.layout import file_for
from pressbot.pages.feeds import Listed, atom_entries
from pressbot.pages.government import GovernmentArticlePage, GovernmentListingPage
from pressbot.pages.govuz import API, GovUzNewsItem, news_detail, news_list
from pressbot.pages.jsonapi import UnexpectedResponse
from pressbot.pages.kremlin import KremlinArticlePage, KremlinListingPage
from pressbot.pages.tatarstan import (
    TatarstanApiItem,
    TatarstanArticlePage,
    TatarstanTapePage,
    api_article_item,
    api_list_items,
)
from pressbot.registry import load_registry

MIRROR = Path(__file__).parent / "mirror"
EXPECTED = Path(__file__).parent / "expected"
SOURCES = load_registry()


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


# Whole items: each case builds what the spider builds from one saved response
# and compares all of it to tests/expected/<source>/pages/<name>.json.


def saved(url: str, cls=HtmlResponse, **headers: str):
    """The mirror's saved answer to `url` (gov.uz: to these request headers)."""
    return cls(url=url, body=file_for(MIRROR, url, headers).read_bytes(), encoding="utf-8")


def tatarstan_api_list(source: str, page: int, item_id: int) -> dict:
    homepage = SOURCES[source].homepage
    url = f"{homepage}/index.htm/news?format=json&limit=15&page={page}"
    [item] = [i for i in api_list_items(saved(url, TextResponse)) if i["id"] == item_id]
    return asdict(TatarstanApiItem(item, homepage).to_story(source))


def tatarstan_api_article(source: str, item_id: int) -> dict:
    homepage = SOURCES[source].homepage
    url = f"{homepage}/index.htm/news/{item_id}.htm?format=json"
    item = api_article_item(saved(url, TextResponse))
    return asdict(TatarstanApiItem(item, homepage).to_story(source))


def tatarstan_html(source: str, tape_page: int, item_id: int) -> dict:
    """An article page with the tape entry that led to it, as the spider reads it."""
    tape = TatarstanTapePage(
        saved(f"{SOURCES[source].homepage}/index.htm/news/tape?page={tape_page}")
    )
    [listed] = [e for e in tape.entries() if e.url.endswith(f"/{item_id}.htm")]
    return asdict(TatarstanArticlePage(saved(listed.url), listed).to_story(source))


def govuz_detail(source: str, lang: str, item_id: int) -> dict:
    code = SOURCES[source].options["code"]
    url = f"{API}/authorities/news/view?id={item_id}"
    data = news_detail(saved(url, TextResponse, code=code, language=lang))
    return asdict(GovUzNewsItem(data, code, lang).to_story(source))


def govuz_list(source: str, lang: str, page: int) -> dict:
    code = SOURCES[source].options["code"]
    url = f"{API}/authorities/news/category?code_name=news&page={page}"
    items, pages = news_list(saved(url, TextResponse, code=code, language=lang))
    return {"items": items, "total_page": pages}


def article(source: str, page_class, path: str) -> dict:
    page = page_class(saved(SOURCES[source].homepage + path))
    return asdict(page.to_story(source))


def listing(source: str, page_class, path: str) -> list[dict]:
    page = page_class(saved(SOURCES[source].homepage + path))
    return [asdict(entry) for entry in page.entries()]


def case(source: str, name: str, build, *args, wrong: str = ""):
    """One expected file; `wrong` says what the code gets wrong, and the case must fail."""
    marks = [pytest.mark.xfail(strict=True, reason=wrong)] if wrong else []
    return pytest.param(source, name, build, args, id=f"{source}/{name}", marks=marks)


KREMLIN = "/events/president/news"
WHOLE = [
    case("mpt_tatarstan", "api-list-2543810", tatarstan_api_list, 1, 2543810),
    case("mpt_tatarstan", "api-list-2543799", tatarstan_api_list, 1, 2543799),
    case("mpt_tatarstan", "api-list-2543512", tatarstan_api_list, 1, 2543512),
    case("mpt_tatarstan", "api-article-2543301", tatarstan_api_article, 2543301),
    case("prtuz_tatarstan", "api-list-2543822", tatarstan_api_list, 1, 2543822),
    case("prtuz_tatarstan", "api-list-2542511", tatarstan_api_list, 2, 2542511),
    case("prav_tatarstan", "api-list-2543290", tatarstan_api_list, 1, 2543290),
    case("mert_tatarstan", "api-list-2542940", tatarstan_api_list, 2, 2542940),
    case("rais_tatarstan", "api-list-2542602", tatarstan_api_list, 2, 2542602),
    case("mpt_tatarstan", "html-2543810", tatarstan_html, 1, 2543810),
    case("mpt_tatarstan", "html-2543799", tatarstan_html, 1, 2543799),
    case("mpt_tatarstan", "html-2543512", tatarstan_html, 1, 2543512),
    case("mpt_tatarstan", "html-2542640", tatarstan_html, 2, 2542640),
    case("mpt_tatarstan", "tape-1", listing, TatarstanTapePage, "/index.htm/news/tape?page=1"),
    case("mpt_tatarstan", "tape-2", listing, TatarstanTapePage, "/index.htm/news/tape?page=2"),
    case("mpt_tatarstan", "tape-3", listing, TatarstanTapePage, "/index.htm/news/tape?page=3"),
    case("navoi_khokimiyat", "160412-ru", govuz_detail, "ru", 160412),
    case("navoi_khokimiyat", "160412-oz", govuz_detail, "oz", 160412),
    case("navoi_khokimiyat", "160355-ru", govuz_detail, "ru", 160355),
    case("navoi_khokimiyat", "160398-oz", govuz_detail, "oz", 160398),
    case("bukhara_khokimiyat", "158120-ru", govuz_detail, "ru", 158120),
    case("bukhara_khokimiyat", "158101-ru", govuz_detail, "ru", 158101),
    case("bukhara_khokimiyat", "158066-ru", govuz_detail, "ru", 158066),
    case("navoi_khokimiyat", "list-ru-1", govuz_list, "ru", 1),
    case("navoi_khokimiyat", "list-oz-1", govuz_list, "oz", 1),
    case("bukhara_khokimiyat", "list-ru-2", govuz_list, "ru", 2),
    case("bukhara_khokimiyat", "list-ru-3", govuz_list, "ru", 3),
    case("kremlin_news", "78362", article, KremlinArticlePage, f"{KREMLIN}/78362"),
    case("kremlin_news", "78380", article, KremlinArticlePage, f"{KREMLIN}/78380"),
    case("kremlin_news", "78431", article, KremlinArticlePage, f"{KREMLIN}/78431"),
    case("kremlin_news", "listing-1", listing, KremlinListingPage, KREMLIN),
    case("kremlin_news", "listing-2", listing, KremlinListingPage, f"{KREMLIN}/page/2"),
    case("kremlin_news", "listing-3", listing, KremlinListingPage, f"{KREMLIN}/page/3"),
    case("government_news", "56097", article, GovernmentArticlePage, "/news/56097/"),
    case("government_news", "56070", article, GovernmentArticlePage, "/news/56070/"),
    case("government_news", "56112", article, GovernmentArticlePage, "/news/56112/"),
    case("government_news", "56118", article, GovernmentArticlePage, "/news/56118/"),
    case("government_news", "listing-1", listing, GovernmentListingPage, "/news/"),
    case("government_news", "listing-2", listing, GovernmentListingPage, "/news/?page=2"),
    case("government_news", "listing-3", listing, GovernmentListingPage, "/news/?page=3"),
]


@pytest.mark.parametrize(("source", "name", "build", "args"), WHOLE)
def test_whole_item_matches_expected(source, name, build, args):
    expected = json.loads((EXPECTED / source / "pages" / f"{name}.json").read_text())
    assert build(source, *args) == expected


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<entry><id>http://kremlin.ru/events/president/news/1</id>
  <published>2025-11-12T16:05:00+03:00</published><updated>2025-11-12T18:40:00+03:00</updated>
</entry>
<entry><id>http://kremlin.ru/events/president/news/2</id>
  <published>2025-11-12T16:05:00+03:00</published><updated>2025-11-12T16:05:00+03:00</updated>
</entry>
<entry><id>http://kremlin.ru/events/president/news/3</id>
  <published>2025-11-12T16:05:00+03:00</published><updated>2025-11-12T13:05:00Z</updated>
</entry>
</feed>"""


def test_an_atom_entry_updated_after_publication_shows_its_edit():
    feed = TextResponse(url="http://kremlin.ru/feed", body=ATOM.encode(), encoding="utf-8")
    assert [e.edited_raw for e in atom_entries(feed)] == ["2025-11-12T18:40:00+03:00", "", ""]
