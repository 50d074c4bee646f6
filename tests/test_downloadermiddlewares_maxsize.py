"""Bodies over DOWNLOAD_MAXSIZE in-process: a named failure, whichever way they are refused."""

import gzip
import logging

import pytest
from conftest import rows
from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from twisted.internet.defer import CancelledError

from pressbot import settings
from pressbot.downloadermiddlewares.maxsize import MaxSizeMiddleware

URL = "https://uz.sputniknews.ru/20251112/a-1.html"


@pytest.fixture
def crawler():
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 10_000, "DOWNLOAD_WARNSIZE": 5_000})
    crawler.stats.open_spider()
    return crawler


@pytest.fixture
def middleware(crawler):
    return MaxSizeMiddleware.from_crawler(crawler)


def gzipped(size: int) -> Response:
    body = gzip.compress(b"<p>" + b"a" * size + b"</p>")
    return Response(URL, body=body, headers={"Content-Encoding": "gzip"})


def test_a_body_that_inflates_past_the_limit_is_refused_and_named(middleware, crawler, caplog):
    with caplog.at_level(logging.WARNING), pytest.raises(IgnoreRequest):
        middleware.process_response(Request(URL), gzipped(50_000))
    assert crawler.stats.get_value("pressbot/failures/oversized") == 1
    assert f"{URL}: its body inflates past DOWNLOAD_MAXSIZE; not read" in caplog.messages


def test_a_body_within_the_limit_is_inflated_as_before(middleware, crawler):
    response = middleware.process_response(Request(URL), gzipped(1_000))
    assert isinstance(response, HtmlResponse) and len(response.body) == 1_007
    assert crawler.stats.get_value("pressbot/failures/oversized") is None


@pytest.mark.parametrize(
    "exception",
    [
        DownloadCancelledError(
            "Expected to receive 9000000 bytes which is larger than download "
            "max size (8388608) in request <GET x>."
        ),
        CancelledError("Received 8400000 bytes which is larger than download max size (8388608)"),
    ],
)
def test_a_download_stopped_for_its_size_is_named(middleware, crawler, caplog, exception):
    with caplog.at_level(logging.WARNING):
        assert middleware.process_exception(Request(URL), exception) is None
    assert crawler.stats.get_value("pressbot/failures/oversized") == 1
    assert f"{URL}: its body is larger than DOWNLOAD_MAXSIZE; not read" in caplog.messages


@pytest.mark.parametrize("exception", [CancelledError(), IgnoreRequest("robots.txt"), OSError()])
def test_other_failures_are_left_alone(middleware, crawler, exception):
    assert middleware.process_exception(Request(URL), exception) is None
    assert crawler.stats.get_value("pressbot/failures/oversized") is None


def test_the_limits_fit_press_pages():
    assert settings.DOWNLOAD_WARNSIZE < settings.DOWNLOAD_MAXSIZE <= 16 * 1024 * 1024
    assert (
        settings.DOWNLOADER_MIDDLEWARES[
            "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"
        ]
        is None
    )


def test_a_crawl_meeting_an_oversized_page_stores_the_rest_and_names_it(crawl, mirror_root):
    page = mirror_root / "uz.sputniknews.ru/20251112/minenergo-20-solnechnyh-stantsiy-53415002.html"
    page.write_bytes(page.read_bytes() + b"<!--" + b"x" * settings.DOWNLOAD_MAXSIZE + b"-->")
    result = crawl("sputnik_uz")  # the story is pending: degraded, exit 0
    assert "minenergo-20-solnechnyh-stantsiy-53415002.html: its body is larger than" in result.log
    urls = [r["url"] for r in rows(crawl.db, "SELECT url FROM stories")]
    assert urls and not [u for u in urls if "53415002" in u]
    (run,) = rows(crawl.db, "SELECT health, problems FROM crawl_runs")
    assert run["health"] == "degraded"
    assert "1 pages over DOWNLOAD_MAXSIZE not read (pending)" in run["problems"]
