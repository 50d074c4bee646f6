"""Withdrawals in-process: responses handed to the middleware by hand."""

import pytest
from conftest import FROZEN_NOW, story_item
from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.http import Response

from pressbot.archive.shared import archive_for
from pressbot.downloadermiddlewares.withdrawals import WithdrawalMiddleware

STORY = story_item().url
UNKNOWN = "https://uz.sputniknews.ru/20251112/nikogda-ne-bylo.html"


@pytest.fixture
def crawler(make_spider):
    crawler = make_spider().crawler
    archive_for(crawler).save_story(ItemAdapter(story_item()), "2025-11-12T09:30:00+00:00")
    return crawler


@pytest.fixture
def middleware(crawler):
    return WithdrawalMiddleware.from_crawler(crawler)


def answer(middleware, status: int, story_url: str | None = STORY) -> None:
    meta = {"story_url": story_url, "source": "sputnik_uz"} if story_url else {}
    request = Request(story_url or STORY, meta=meta)
    response = Response(request.url, status=status)
    assert middleware.process_response(request, response) is response


def withdrawn_at(crawler, url: str = STORY) -> str | None:
    return archive_for(crawler).story_by_url("sputnik_uz", url)["withdrawn_at"]


def withdrawn_count(crawler) -> int | None:
    return crawler.stats.of("sputnik_uz").get_value("pressbot/stories/withdrawn")


@pytest.mark.parametrize("status", [404, 410])
def test_a_stored_story_that_is_gone_is_marked_withdrawn(crawler, middleware, status):
    answer(middleware, status)
    assert withdrawn_at(crawler) == FROZEN_NOW
    assert withdrawn_count(crawler) == 1
    assert archive_for(crawler).story_by_url("sputnik_uz", STORY)["next_check_at"] is None


@pytest.mark.parametrize(
    ("status", "story_url"),
    [
        pytest.param(404, UNKNOWN, id="unknown-story"),
        pytest.param(200, STORY, id="still-there"),
        pytest.param(500, STORY, id="server-error"),
        pytest.param(404, None, id="no-story-url"),
    ],
)
def test_nothing_is_withdrawn(crawler, middleware, status, story_url):
    answer(middleware, status, story_url)
    assert withdrawn_at(crawler) is None
    assert withdrawn_count(crawler) is None


def test_a_story_already_withdrawn_is_counted_once(crawler, middleware):
    answer(middleware, 404)
    answer(middleware, 410)
    assert withdrawn_count(crawler) == 1


def test_the_story_is_kept(crawler, middleware):
    answer(middleware, 404)
    assert archive_for(crawler).story_by_url("sputnik_uz", STORY)["title"] == story_item().title
