"""pressbot.pages.pool: a page read in the worker process reads as in the crawl's own."""

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import stories
from scrapy.http import HtmlResponse

from pressbot.pages.government import GovernmentArticlePage
from pressbot.pages.kremlin import KremlinArticlePage
from pressbot.pages.pool import PagePool, read_sent, read_story, response_fields
from pressbot.pages.sputnik import SputnikArticlePage

MIRROR = Path(__file__).parent / "mirror"
SPUTNIK = sorted(p.relative_to(MIRROR) for p in (MIRROR / "uz.sputniknews.ru").glob("2025*/*.html"))
PAGES = [
    *((SputnikArticlePage, f"https://{path}", path, "sputnik_uz") for path in SPUTNIK),
    (
        KremlinArticlePage,
        "http://kremlin.ru/events/president/news/78362",
        Path("kremlin.ru/events/president/news/78362"),
        "kremlin_news",
    ),
    (
        GovernmentArticlePage,
        "http://government.ru/news/56097/",
        Path("government.ru/news/56097/.page"),
        "government_news",
    ),
]


def response(url: str, path: Path, **kwargs) -> HtmlResponse:
    return HtmlResponse(url=url, body=(MIRROR / path).read_bytes(), **kwargs)


class BrokenPage:
    def __init__(self, response):
        self.url = response.url

    def to_story(self, source):
        raise ValueError(f"no story at {self.url}")


@pytest.mark.parametrize(("page", "url", "path", "source"), PAGES, ids=lambda v: str(v)[-40:])
def test_a_page_sent_reads_as_the_page_itself(page, url, path, source):
    sent = pickle.loads(pickle.dumps(response_fields(response(url, path))))
    assert read_sent(page, sent, source) == read_story(page, response(url, path), source)


def test_a_page_is_sent_with_the_encoding_the_crawl_read_it_in():
    body = "<html><body><h1>Делегация Татарстана</h1></body></html>".encode("cp1251")
    # labelled utf-8 by its server, read as windows-1251 (the charset middleware's correction)
    crawled = HtmlResponse(
        "https://x/", body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    ).replace(encoding="cp1251")
    sent = pickle.loads(pickle.dumps(response_fields(crawled)))
    assert sent["encoding"] == "cp1251"
    assert read_sent(Headline, sent, "x").title == "Делегация Татарстана"


class Headline:
    def __init__(self, response):
        self.response = response

    def to_story(self, source):
        from pressbot.items import Story

        return Story(source, self.response.url, self.response.css("h1::text").get())


def test_without_processes_a_page_is_read_at_once():
    pool = PagePool(0)
    url, path = PAGES[0][1], PAGES[0][2]
    read = []
    pool.read(SputnikArticlePage, response(url, path), "sputnik_uz").addCallback(read.append)
    assert read == [SputnikArticlePage(response(url, path)).to_story("sputnik_uz")]
    failed = []
    pool.read(BrokenPage, response(url, path), "sputnik_uz").addErrback(failed.append)
    assert failed[0].check(ValueError)
    assert str(failed[0].value) == f"no story at {url}"


@pytest.mark.e2e
def test_the_worker_reads_every_page_as_the_crawl_would():
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as worker:
        for page, url, path, source in PAGES:
            sent = response_fields(response(url, path))
            read = worker.submit(read_sent, page, sent, source).result(timeout=60)
            assert read == read_story(page, response(url, path), source)
        broken = worker.submit(read_sent, BrokenPage, response_fields(response(url, path)), "x")
        with pytest.raises(ValueError, match=f"no story at {url}"):
            broken.result(timeout=60)


def test_pages_are_read_in_a_worker_by_default():
    import pressbot.settings

    assert pressbot.settings.PRESSBOT_PAGE_PROCESSES == 1


def test_a_crawl_stores_the_same_stories_with_and_without_the_worker(crawl, tmp_path):
    crawl(PRESSBOT_PAGE_PROCESSES="0")
    in_process = stories(crawl.db)
    crawl.db.unlink()
    crawl()
    assert stories(crawl.db) == in_process
    assert len(in_process) >= 4
