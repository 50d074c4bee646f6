"""pressbot.pages.pool: a page read in the worker process reads as in the crawl's own."""

import multiprocessing
import os
import pickle
import queue
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import stories
from scrapy.http import HtmlResponse

from pressbot.items import Story
from pressbot.pages.government import GovernmentArticlePage
from pressbot.pages.kremlin import KremlinArticlePage
from pressbot.pages.pool import PagePool, pool_for, read_sent, read_story, response_fields
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


class NicenessPage:
    """A page whose story's title is the niceness of the process that read it."""

    def __init__(self, response):
        self.url = response.url

    def to_story(self, source):
        return Story(source=source, url=self.url, title=str(os.nice(0)))


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


class WorkerKillingPage:
    """Reads a page in the crawl's process; kills the worker that tries to."""

    def __init__(self, response):
        self.response = response

    def to_story(self, source):
        if multiprocessing.parent_process() is not None:
            os._exit(1)  # as the out-of-memory killer would
        return SputnikArticlePage(self.response).to_story(source)


def run_calls(calls: queue.Queue, reading):
    """Run what the worker's futures hand to the reactor's thread, until `reading` fires."""
    done = []
    reading.addBoth(done.append)
    while not done:
        function, *args = calls.get(timeout=60)
        function(*args)
    return done[0]


def test_the_first_pages_are_read_in_the_crawl_process():
    pool = PagePool(1, after=2)
    url, path = PAGES[0][1], PAGES[0][2]
    for _ in range(2):
        read = []
        pool.read(SputnikArticlePage, response(url, path), "sputnik_uz").addCallback(read.append)
        assert read == [SputnikArticlePage(response(url, path)).to_story("sputnik_uz")]
    assert pool._executor is None  # no worker started for them


@pytest.mark.e2e
def test_a_worker_that_dies_leaves_its_pages_to_the_crawl(caplog):
    calls: queue.Queue = queue.Queue()
    pool = PagePool(1, after=0, call=lambda *call: calls.put(call))
    url, path = PAGES[0][1], PAGES[0][2]
    expected = SputnikArticlePage(response(url, path)).to_story("sputnik_uz")
    try:
        story = run_calls(calls, pool.read(WorkerKillingPage, response(url, path), "sputnik_uz"))
        assert story == expected  # read again in the crawl's process
        assert "The page worker stopped" in caplog.text
        assert pool.processes == 0 and pool._executor is None
        later = []
        pool.read(WorkerKillingPage, response(url, path), "sputnik_uz").addCallback(later.append)
        assert later == [expected]  # at once, in this process
    finally:
        pool.close()


@pytest.mark.e2e
def test_a_page_error_in_the_worker_fails_that_page_alone():
    calls: queue.Queue = queue.Queue()
    pool = PagePool(1, after=0, call=lambda *call: calls.put(call))
    url, path = PAGES[0][1], PAGES[0][2]
    try:
        failure = run_calls(calls, pool.read(BrokenPage, response(url, path), "sputnik_uz"))
        assert failure.check(ValueError) and str(failure.value) == f"no story at {url}"
        story = run_calls(calls, pool.read(SputnikArticlePage, response(url, path), "sputnik_uz"))
        assert story == SputnikArticlePage(response(url, path)).to_story("sputnik_uz")
        assert pool.processes == 1  # the worker lives on
    finally:
        pool.close()


@pytest.mark.e2e
def test_the_worker_reads_its_pages_below_the_crawl_s_priority():
    calls: queue.Queue = queue.Queue()
    pool = PagePool(1, after=0, call=lambda *call: calls.put(call), nice=3)
    url, path = PAGES[0][1], PAGES[0][2]
    try:
        story = run_calls(calls, pool.read(NicenessPage, response(url, path), "sputnik_uz"))
        assert int(story.title) == min(os.nice(0) + 3, 19)
    finally:
        pool.close()


def test_a_crawl_s_pool_takes_its_workers_priority_from_the_settings(make_crawler):
    assert pool_for(make_crawler()).nice == 10
    assert pool_for(make_crawler(PRESSBOT_WORKER_NICE=0)).nice == 0


def test_pages_are_read_in_a_worker_by_default():
    import pressbot.settings

    assert pressbot.settings.PRESSBOT_PAGE_PROCESSES == 1


def test_a_crawl_stores_the_same_stories_with_and_without_the_worker(crawl, tmp_path):
    crawl(PRESSBOT_PAGE_PROCESSES="0")
    in_process = stories(crawl.db)
    crawl.db.unlink()
    crawl(PRESSBOT_PAGE_WORKER_AFTER="0")
    assert stories(crawl.db) == in_process
    assert len(in_process) >= 4
