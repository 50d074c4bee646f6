"""Charset labels the bytes refute, in-process: pages read in the encoding they are written in."""

import pytest
from conftest import rows
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from pressbot.downloadermiddlewares.encoding import CharsetMiddleware, actual_encoding
from pressbot.pages.sputnik import SputnikArticlePage

URL = "https://uz.sputniknews.ru/20251112/a-1.html"
TITLE = "Делегация Татарстана посетила промышленные парки в Бухарской и Навоийской областях"
PAGE = (
    '<html lang="ru"><head><meta charset="utf-8"></head><body><div class="article">'
    f'<h1 class="article__title">{TITLE}</h1></div></body></html>'
)


@pytest.fixture
def crawler():
    crawler = get_crawler()
    crawler.stats.open_spider()
    return crawler


@pytest.fixture
def middleware(crawler):
    return CharsetMiddleware.from_crawler(crawler)


def page(body: bytes, charset: str = "utf-8") -> HtmlResponse:
    headers = {"Content-Type": f"text/html; charset={charset}"}
    return HtmlResponse(URL, body=body, headers=headers)


@pytest.mark.parametrize(
    ("encoding", "label", "expected"),
    [
        ("cp1251", "utf-8", "cp1251"),
        ("koi8_r", "utf-8", "koi8_r"),
        ("utf-8", "utf-8", None),
        ("utf-8", "windows-1251", "utf-8"),
        ("cp1251", "windows-1251", None),
    ],
)
def test_actual_encoding(encoding, label, expected):
    assert actual_encoding(PAGE.encode(encoding), label) == expected


def test_bytes_that_are_no_cyrillic_text_are_left_alone():
    assert actual_encoding(bytes(range(128, 256)) * 4, "utf-8") is None
    assert actual_encoding(b"plain ascii", "windows-1251") is None


def test_a_windows_1251_page_labelled_utf8_reads_as_written(middleware, crawler):
    labelled = page(PAGE.encode("cp1251"))
    assert "\ufffd" in labelled.text  # what Scrapy reads from the label alone
    corrected = middleware.process_response(Request(URL), labelled)
    assert SputnikArticlePage(corrected).title() == TITLE
    assert corrected.body == labelled.body
    assert crawler.stats.get_value("pressbot/encoding/corrected") == 1


def test_a_utf8_page_labelled_windows_1251_reads_as_written(middleware):
    corrected = middleware.process_response(Request(URL), page(PAGE.encode(), "windows-1251"))
    assert SputnikArticlePage(corrected).title() == TITLE


def test_a_page_as_labelled_and_other_responses_pass_unchanged(middleware, crawler):
    right = page(PAGE.encode())
    assert middleware.process_response(Request(URL), right) is right
    api = TextResponse(URL, body=b'{"items": []}', headers={"Content-Type": "application/json"})
    assert middleware.process_response(Request(URL), api) is api
    assert crawler.stats.get_value("pressbot/encoding/corrected") is None


SEED = (
    "uz.sputniknews.ru/20251112/"
    "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
)


def test_a_crawl_stores_a_mislabelled_page_as_it_stores_the_right_one(crawl, mirror_root):
    crawl("sputnik_uz")
    right = rows(crawl.db, "SELECT title, lead, body FROM stories WHERE url LIKE '%53411453%'")
    page = mirror_root / SEED  # served as UTF-8, its <meta> says UTF-8, its bytes are cp1251
    page.write_bytes(page.read_text(encoding="utf-8").encode("cp1251"))
    crawl.db.unlink()
    crawl("sputnik_uz")
    assert (
        rows(crawl.db, "SELECT title, lead, body FROM stories WHERE url LIKE '%53411453%'") == right
    )
    (run,) = rows(crawl.db, "SELECT dropped_reasons FROM crawl_runs")
    assert "Undecodable" not in (run["dropped_reasons"] or "")
