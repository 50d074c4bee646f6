"""Retry-After in-process: a crawler from Scrapy's test helpers, time on a Twisted test clock."""

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred
from twisted.internet.task import Clock

from pressbot.downloadermiddlewares.retryafter import RetryAfterMiddleware, retry_after

URL = "https://api-portal.gov.uz/authorities/news/category?code_name=news&page=1"
SENT = "Wed, 12 Nov 2025 09:00:00 GMT"


@pytest.fixture
def crawler():
    crawler = get_crawler(settings_dict={"PRESSBOT_RETRY_AFTER_MAX": 120})
    crawler.stats.open_spider()
    return crawler


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def middleware(crawler, clock):
    built = RetryAfterMiddleware.from_crawler(crawler)
    built.clock = clock  # the test's clock instead of the reactor's
    return built


def answer(status: int, **headers: str) -> Response:
    return Response(URL, status=status, headers={"Date": SENT, **headers})


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "30"}, 30),
        ({"Retry-After": " 0 "}, 0),
        ({"Retry-After": "Wed, 12 Nov 2025 09:01:30 GMT"}, 90),
        ({"Retry-After": "Wed, 12 Nov 2025 08:59:00 GMT"}, 0),  # past: at once
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "-5"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_seconds_and_dates(headers, seconds):
    assert retry_after(answer(429, **headers)) == seconds


def test_a_429_is_handed_on_after_the_wait_asked_for(middleware, crawler, clock):
    response = answer(429, **{"Retry-After": "30"})
    held = middleware.process_response(Request(URL), response)
    assert isinstance(held, Deferred)
    handed = []
    held.addCallback(handed.append)
    clock.advance(29)
    assert handed == []
    clock.advance(1)
    assert handed == [response]
    assert crawler.stats.get_value("pressbot/retry_after/waited") == 1
    assert crawler.stats.get_value("pressbot/retry_after/seconds") == 30


def test_a_wait_past_the_cap_is_not_made_and_not_retried(middleware, crawler):
    request = Request(URL)
    response = answer(429, **{"Retry-After": "3600"})
    assert middleware.process_response(request, response) is response
    assert request.meta["dont_retry"] is True
    assert RetryMiddleware.from_crawler(crawler).process_response(request, response) is response
    assert crawler.stats.get_value("pressbot/retry_after/too_long") == 1


@pytest.mark.parametrize(
    ("status", "headers", "meta"),
    [
        (200, {"Retry-After": "30"}, {}),
        (500, {"Retry-After": "30"}, {}),
        (429, {}, {}),
        (429, {"Retry-After": "30"}, {"dont_retry": True}),
    ],
)
def test_other_answers_pass_at_once(middleware, status, headers, meta):
    response = answer(status, **headers)
    assert middleware.process_response(Request(URL, meta=meta), response) is response


def test_a_503_with_retry_after_waits_too(middleware, clock):
    held = middleware.process_response(Request(URL), answer(503, **{"Retry-After": "5"}))
    handed = []
    held.addCallback(handed.append)
    clock.advance(5)
    assert len(handed) == 1


def test_a_cap_of_zero_switches_it_off():
    with pytest.raises(NotConfigured):
        RetryAfterMiddleware.from_crawler(
            get_crawler(settings_dict={"PRESSBOT_RETRY_AFTER_MAX": 0})
        )


def test_it_hands_its_responses_straight_to_the_retry_middleware():
    from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE

    from pressbot import settings

    order = {**DOWNLOADER_MIDDLEWARES_BASE, **settings.DOWNLOADER_MIDDLEWARES}
    # process_response runs from the highest number down
    below = sorted((v, k) for k, v in order.items() if v is not None and v < 555)
    assert order["pressbot.downloadermiddlewares.retryafter.RetryAfterMiddleware"] == 555
    assert below[-1][1] == "scrapy.downloadermiddlewares.retry.RetryMiddleware"
