"""Conditional requests in-process: the middleware's two hooks called by hand, and the
walk that records an entry point's poll only once it has reached its last page."""

import pytest
from conftest import FROZEN_NOW
from scrapy import Request
from scrapy.http import Response, TextResponse

from pressbot.archive.shared import archive_for
from pressbot.downloadermiddlewares.conditional import (
    ConditionalRequestMiddleware,
    NotModified,
    entry_point_key,
)
from pressbot.pages.feeds import Listed

FEED = "https://uz.sputniknews.ru/export/rss2/archive/index.xml"
ETAG = '"5f1-abc"'
MODIFIED = "Wed, 12 Nov 2025 09:00:00 GMT"


@pytest.fixture
def spider(make_spider):
    return make_spider("sputnik_uz")


@pytest.fixture
def middleware(spider):
    return ConditionalRequestMiddleware.from_crawler(spider.crawler)


def entry_point(url: str = FEED, **headers) -> Request:
    return Request(url, headers=headers, meta={"entry_point": True, "source": "sputnik_uz"})


def conditional_headers(request: Request) -> dict:
    return {
        name: request.headers.get(name).decode()
        for name in ("If-None-Match", "If-Modified-Since")
        if name in request.headers
    }


def polls(spider) -> list[dict]:
    return list(
        archive_for(spider.crawler).db.query(
            "SELECT url, etag, last_modified, polled_at, last_outcome FROM entry_points"
        )
    )


def remember(spider, request: Request, etag: str, modified: str) -> None:
    archive_for(spider.crawler).save_poll(
        {
            "key": entry_point_key(spider.crawler, request),
            "source": "sputnik_uz",
            "url": request.url,
            "etag": etag,
            "last_modified": modified,
        }
    )


@pytest.mark.parametrize(
    ("etag", "modified", "expected"),
    [
        pytest.param(
            ETAG, MODIFIED, {"If-None-Match": ETAG, "If-Modified-Since": MODIFIED}, id="both"
        ),
        pytest.param(ETAG, "", {"If-None-Match": ETAG}, id="etag-only"),
        pytest.param("", MODIFIED, {"If-Modified-Since": MODIFIED}, id="last-modified-only"),
    ],
)
def test_an_entry_point_asks_with_its_stored_validators(
    spider, middleware, etag, modified, expected
):
    remember(spider, entry_point(), etag, modified)
    request = entry_point()
    assert middleware.process_request(request) is None
    assert conditional_headers(request) == expected


def test_an_entry_point_never_seen_asks_plainly(spider, middleware):
    remember(spider, entry_point(FEED + "?page=2"), ETAG, MODIFIED)
    request = entry_point()
    middleware.process_request(request)
    assert conditional_headers(request) == {}


def test_entry_points_differing_in_headers_only_are_two(spider, middleware):
    """One gov.uz list URL, asked for two agencies: each has its own validators."""
    remember(spider, entry_point(code="navoi"), ETAG, "")
    navoi, bukhara = entry_point(code="navoi"), entry_point(code="buxoro")
    middleware.process_request(navoi)
    middleware.process_request(bukhara)
    assert (conditional_headers(navoi), conditional_headers(bukhara)) == (
        {"If-None-Match": ETAG},
        {},
    )


def test_other_requests_are_untouched(spider, middleware):
    remember(spider, entry_point(), ETAG, MODIFIED)
    request = Request(FEED, meta={"story_url": FEED, "source": "sputnik_uz"})
    assert middleware.process_request(request) is None
    assert conditional_headers(request) == {}


def test_a_304_ends_the_request_and_is_counted_and_recorded_as_a_poll(spider, middleware):
    request = entry_point()
    middleware.process_request(request)
    with pytest.raises(NotModified):
        middleware.process_response(request, Response(FEED, status=304))
    assert spider.stats.get_value("pressbot/not_modified") == 1
    assert polls(spider) == [
        {
            "url": FEED,
            "etag": "",
            "last_modified": "",
            "polled_at": FROZEN_NOW,
            "last_outcome": "not modified",
        }
    ]


def test_a_304_on_another_request_passes_through(spider, middleware):
    response = Response(FEED, status=304)
    assert middleware.process_response(Request(FEED), response) is response
    assert spider.stats.get_value("pressbot/not_modified") is None


def answered(middleware, headers: dict) -> TextResponse:
    request = entry_point()
    middleware.process_request(request)
    response = TextResponse(FEED, headers=headers, body=b"", request=request)
    assert middleware.process_response(request, response) is response
    return response


def test_a_200_saves_nothing_until_the_walk_ends(spider, middleware):
    response = answered(middleware, {"ETag": ETAG, "Last-Modified": MODIFIED})
    assert polls(spider) == []
    list(spider.walk(response, [], "feed"))  # a feed: one page, so the walk ends here
    assert polls(spider) == [
        {
            "url": FEED,
            "etag": ETAG,
            "last_modified": MODIFIED,
            "polled_at": FROZEN_NOW,
            "last_outcome": "unchanged",
        }
    ]


def test_a_walk_that_pages_on_records_the_poll_on_its_last_page(spider, middleware):
    response = answered(middleware, {"ETag": ETAG})
    new = [Listed(f"https://uz.sputniknews.ru/2025111{n}/a-{n}.html", "2025-11-12") for n in (1, 2)]
    next_page = Request(FEED + "?page=2", meta={"source": "sputnik_uz"})
    output = list(spider.walk(response, new, "listing", 1, lambda page: next_page))
    assert next_page in output and next_page.meta["poll"]["new"] == 2
    assert polls(spider) == []  # page 2 has not been read: the validators are not saved
    last = TextResponse(next_page.url, body=b"", request=next_page)
    list(spider.walk(last, [], "listing", 2, lambda page: Request(FEED + f"?page={page}")))
    assert [(p["etag"], p["last_outcome"]) for p in polls(spider)] == [(ETAG, "new")]
    [changed] = archive_for(spider.crawler).db.query("SELECT changed_at FROM entry_points")
    assert changed == {"changed_at": FROZEN_NOW}


def test_a_failed_entry_point_records_no_poll(spider, middleware):
    request = entry_point()
    middleware.process_request(request)
    middleware.process_response(request, Response(FEED, status=500))
    assert polls(spider) == []
