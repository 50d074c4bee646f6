"""The canonical pipeline in-process: a canonical link is not trusted to name another story."""

import pytest
from conftest import story_item

from pressbot.pipelines.canonical import CanonicalPipeline
from pressbot.pipelines.store import StorePipeline

A = "https://uz.sputniknews.ru/20251112/a-1.html"
B = "https://uz.sputniknews.ru/20251112/b-2.html"


@pytest.fixture
def crawler(make_crawler):
    return make_crawler()


@pytest.fixture
def pipeline(crawler):
    return CanonicalPipeline.from_crawler(crawler)


def refused(crawler) -> int:
    return crawler.stats.of("sputnik_uz").get_value("pressbot/canonical/refused", 0)


def test_a_page_naming_another_stored_story_keeps_its_own_url(crawler, pipeline):
    StorePipeline.from_crawler(crawler).process_item(story_item(url=A))
    claimer = story_item(url=A, seen_url=B, title="Совсем другая новость")
    pipeline.process_item(claimer)
    assert (claimer.url, refused(crawler)) == (B, 1)


def test_a_page_naming_another_story_of_this_run_keeps_its_own_url(crawler, pipeline):
    pipeline.process_item(story_item(url=A))
    claimer = story_item(url=A, seen_url=B, title="Совсем другая новость")
    pipeline.process_item(claimer)
    assert (claimer.url, refused(crawler)) == (B, 1)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="the-same-story-under-a-variant-url"),
        pytest.param({"seen_url": A}, id="its-own-url"),
    ],
)
def test_a_canonical_naming_the_same_story_is_trusted(crawler, pipeline, fields):
    pipeline.process_item(story_item(url=A))
    copy = story_item(url=A, **{"seen_url": "https://uz.sputniknews.ru/amp/x", **fields})
    pipeline.process_item(copy)
    assert (copy.url, refused(crawler)) == (A, 0)


def test_an_edited_story_read_at_a_url_it_is_known_by_is_trusted(crawler, pipeline):
    store = StorePipeline.from_crawler(crawler)
    store.process_item(story_item(url=A, seen_url=B))  # B is recorded as an alias of A
    edited = story_item(url=A, seen_url=B, title="Заголовок исправлен")
    pipeline.process_item(edited)
    assert (edited.url, refused(crawler)) == (A, 0)


def test_a_page_naming_a_listed_story_not_read_yet_keeps_its_own_url(crawler, pipeline):
    pipeline.archive.add_pending(
        {"source": "sputnik_uz", "url": A, "fetch_url": A, "listed": "{}", "via": "feed"}
    )
    claimer = story_item(url=A, seen_url=B, title="Совсем другая новость")
    pipeline.process_item(claimer)
    assert (claimer.url, refused(crawler)) == (B, 1)
