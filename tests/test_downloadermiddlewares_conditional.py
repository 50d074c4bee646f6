"""Conditional requests in-process: the middleware's two hooks called by hand."""

import pytest
from conftest import FROZEN_NOW
from scrapy import Request, signals
from scrapy.http import Response

from pressbot.archive.shared import archive_for
from pressbot.downloadermiddlewares.conditional import ConditionalRequestMiddleware, NotModified

FEED = "https://uz.sputniknews.ru/export/rss2/archive/index.xml"
ETAG = '"5f1-abc"'
MODIFIED = "Wed, 12 Nov 2025 09:00:00 GMT"


@pytest.fixture
def crawler(make_crawler):
    return make_crawler()


@pytest.fixture
def middleware(crawler):
    return ConditionalRequestMiddleware.from_crawler(crawler)


def entry_point(url: str = FEED) -> Request:
    return Request(url, meta={"entry_point": True})


def conditional_headers(request: Request) -> dict:
    return {
        name: request.headers.get(name).decode()
        for name in ("If-None-Match", "If-Modified-Since")
        if name in request.headers
    }


def stored_validators(crawler) -> list[dict]:
    return list(archive_for(crawler).db.query("SELECT * FROM validators ORDER BY url"))


@pytest.mark.parametrize(
    ("etag", "modified", "expected"),
    [
        pytest.param(
            ETAG,
            MODIFIED,
            {"If-None-Match": ETAG, "If-Modified-Since": MODIFIED},
            id="both",
        ),
        pytest.param(ETAG, "", {"If-None-Match": ETAG}, id="etag-only"),
        pytest.param("", MODIFIED, {"If-Modified-Since": MODIFIED}, id="last-modified-only"),
    ],
)
def test_an_entry_point_asks_with_its_stored_validators(
    crawler, middleware, etag, modified, expected
):
    archive_for(crawler).save_validators(FEED, etag, modified, FROZEN_NOW)
    request = entry_point()
    assert middleware.process_request(request) is None
    assert conditional_headers(request) == expected


def test_an_entry_point_never_seen_asks_plainly(crawler, middleware):
    archive_for(crawler).save_validators(FEED + "?page=2", ETAG, MODIFIED, FROZEN_NOW)
    request = entry_point()
    middleware.process_request(request)
    assert conditional_headers(request) == {}


def test_other_requests_are_untouched(crawler, middleware):
    archive_for(crawler).save_validators(FEED, ETAG, MODIFIED, FROZEN_NOW)
    request = Request(FEED, meta={"story_url": FEED})
    assert middleware.process_request(request) is None
    assert conditional_headers(request) == {}


def test_a_304_on_an_entry_point_ends_the_request_and_is_counted(crawler, middleware):
    with pytest.raises(NotModified):
        middleware.process_response(entry_point(), Response(FEED, status=304))
    assert crawler.stats.get_value("pressbot/not_modified") == 1


def test_a_304_on_another_request_passes_through(crawler, middleware):
    response = Response(FEED, status=304)
    assert middleware.process_response(Request(FEED), response) is response
    assert crawler.stats.get_value("pressbot/not_modified") is None


def test_a_200_with_validators_saves_them(crawler, middleware):
    response = Response(FEED, status=200, headers={"ETag": ETAG, "Last-Modified": MODIFIED})
    assert middleware.process_response(entry_point(), response) is response
    assert stored_validators(crawler) == [
        {"url": FEED, "etag": ETAG, "last_modified": MODIFIED, "checked_at": FROZEN_NOW}
    ]


def test_a_200_with_an_etag_only_saves_it(crawler, middleware):
    middleware.process_response(entry_point(), Response(FEED, headers={"ETag": ETAG}))
    assert stored_validators(crawler) == [
        {"url": FEED, "etag": ETAG, "last_modified": "", "checked_at": FROZEN_NOW}
    ]


@pytest.mark.parametrize(
    ("request_", "status", "headers"),
    [
        pytest.param(entry_point(), 200, {}, id="no-validators"),
        pytest.param(entry_point(), 500, {"ETag": ETAG}, id="error-status"),
        pytest.param(Request(FEED), 200, {"ETag": ETAG}, id="not-an-entry-point"),
    ],
)
def test_nothing_is_saved(crawler, middleware, request_, status, headers):
    response = Response(FEED, status=status, headers=headers)
    assert middleware.process_response(request_, response) is response
    assert stored_validators(crawler) == []


def test_the_next_run_asks_with_what_this_one_was_told(make_crawler):
    crawler = make_crawler()
    first = ConditionalRequestMiddleware.from_crawler(crawler)
    first.process_response(entry_point(), Response(FEED, headers={"ETag": ETAG}))
    crawler.signals.send_catch_log(signals.engine_stopped)  # the archive closes
    second = ConditionalRequestMiddleware.from_crawler(make_crawler())
    request = entry_point()
    second.process_request(request)
    assert conditional_headers(request) == {"If-None-Match": ETAG}
