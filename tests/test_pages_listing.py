"""Release links on a list page found by the shape of their addresses, as the hand-written
families find them on their own fixtures."""

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from pressbot.pages.government import GovernmentListingPage
from pressbot.pages.kremlin import KremlinListingPage
from pressbot.pages.listing import GenericListingPage, url_shape
from pressbot.pages.tatarstan import TatarstanTapePage

MIRROR = Path(__file__).parent / "mirror"


def saved(path: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(MIRROR / path).read_bytes(), encoding="utf-8")


@pytest.mark.parametrize(
    "path, url, family_page",
    [
        (
            "kremlin.ru/events/president/news/.page",
            "http://kremlin.ru/events/president/news",
            KremlinListingPage,
        ),
        (
            "kremlin.ru/events/president/news/page/2",
            "http://kremlin.ru/events/president/news/page/2",
            KremlinListingPage,
        ),
        ("government.ru/news/.page", "http://government.ru/news/", GovernmentListingPage),
        (
            "government.ru/news/.page?page=2",
            "http://government.ru/news/?page=2",
            GovernmentListingPage,
        ),
        (
            "mpt.tatarstan.ru/index.htm/news/tape?page=1",
            "https://mpt.tatarstan.ru/index.htm/news/tape?page=1",
            TatarstanTapePage,
        ),
        (
            "mpt.tatarstan.ru/index.htm/news/tape?page=2",
            "https://mpt.tatarstan.ru/index.htm/news/tape?page=2",
            TatarstanTapePage,
        ),
    ],
)
def test_finds_the_links_the_family_finds(path, url, family_page):
    response = saved(path, url)
    own = [(e.url, e.title) for e in family_page(response).entries()]
    assert [(e.url, e.title) for e in GenericListingPage(response).entries()] == own


def test_each_link_keeps_its_items_date():
    response = saved("government.ru/news/.page", "http://government.ru/news/")
    assert [e.published_raw for e in GenericListingPage(response).entries()][-1] == (
        "10 ноября 2025, 13:00"
    )


LISTING = """<html><body>
<nav><a href="/press/news/9001/">Пункт меню с длинным названием раздела сайта</a></nav>
<div class="news-list">
 <div class="item"><span>Вчера, 14:30</span><a href="/press/news/18752/"><img src="a.jpg"></a>
  <a href="/press/news/18752/">Совещание по импортозамещению прошло в министерстве</a></div>
 <div class="item"><span>24.11.2025</span>
  <a href="/press/news/18741/">Подведены итоги конкурса «Экспортёр года»</a>
  <a href="/press/news/18741/">Подробнее</a></div>
 <div class="item"><span>23.11.2025</span>
  <a href="/press/news/18734/">Делегация Узбекистана посетила предприятия</a></div>
</div>
<div class="pagination"><a href="/press/news/?PAGEN_1=2">2</a>
 <a href="/press/news/?PAGEN_1=3">3</a></div>
<div class="docs"><a href="/docs/">Документы</a><a href="https://other.example/x/1">Партнёр</a></div>
<footer><a href="/press/news/1/">Политика конфиденциальности персональных данных сайта</a></footer>
</body></html>"""


def listing(links: str = "") -> list:
    response = HtmlResponse(
        url="https://minprom.example/press/news/", body=LISTING.encode(), encoding="utf-8"
    )
    return GenericListingPage(response, links).entries()


def test_release_links_without_menus_pagination_or_other_hosts():
    assert [(e.url.rsplit("/", 2)[1], e.published_raw, e.title) for e in listing()] == [
        ("18752", "Вчера, 14:30", "Совещание по импортозамещению прошло в министерстве"),
        ("18741", "24.11.2025", "Подведены итоги конкурса «Экспортёр года»"),
        ("18734", "23.11.2025", "Делегация Узбекистана посетила предприятия"),
    ]


def test_a_links_override_replaces_the_guess():
    assert [e.url for e in listing("div.docs a")] == [
        "https://minprom.example/docs/",
        "https://other.example/x/1",
    ]


def test_url_shapes_generalise_ids_and_slugs():
    assert url_shape("https://a.uz/20251112/delegatsiya-tatarstana-posetila-53411453.html") == (
        url_shape("https://a.uz/20251110/tatarstan-i-uzbekistan-obsudili-53380001.html")
    )
    assert url_shape("https://g.uz/oz/navoiy/news/view/161201") == (
        "g.uz",
        "oz",
        "navoiy",
        "news",
        "view",
        "<n>",
    )
    assert url_shape("https://m.ru/news/?PAGEN_1=2") != url_shape("https://m.ru/news/18741/")
