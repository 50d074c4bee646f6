"""The store pipeline in-process: items handed to `process_item` by hand."""

import sqlite3

import pytest
from conftest import rows, story_item

from pressbot.pipelines.store import StorePipeline

NOW = "2025-11-12T11:30:00+00:00"


@pytest.fixture
def crawler(make_crawler):
    return make_crawler(PRESSBOT_NOW=NOW)


@pytest.fixture
def pipeline(crawler):
    return StorePipeline.from_crawler(crawler)


def outcomes(crawler) -> dict:
    stats = crawler.stats.of("sputnik_uz").get_stats()
    return {k: v for k, v in stats.items() if k.startswith("pressbot/stories/")}


def test_new_then_unchanged_then_updated(crawler, pipeline):
    first, again = story_item(), story_item()
    edited = story_item(body="Текст, исправленный", updated_at="2025-11-12T10:00:00+00:00")
    assert pipeline.process_item(first) is first
    pipeline.archive.commit()
    assert outcomes(crawler) == {"pressbot/stories/new": 1}
    assert pipeline.process_item(again) is again
    pipeline.archive.commit()
    assert outcomes(crawler) == {"pressbot/stories/new": 1, "pressbot/stories/unchanged": 1}
    assert pipeline.process_item(edited) is edited
    pipeline.archive.commit()
    assert outcomes(crawler) == {
        "pressbot/stories/new": 1,
        "pressbot/stories/unchanged": 1,
        "pressbot/stories/updated": 1,
    }


def test_seen_at_is_the_clock_of_pressbot_now(crawler, pipeline):
    pipeline.process_item(story_item())
    pipeline.close_spider()
    assert rows(
        crawler.settings["PRESSBOT_DB"],
        "SELECT source, url, first_seen_at, last_seen_at, changed_at FROM stories",
    ) == [
        {
            "source": "sputnik_uz",
            "url": story_item().url,
            "first_seen_at": NOW,
            "last_seen_at": NOW,
            "changed_at": NOW,
        }
    ]


def test_close_spider_commits(crawler, pipeline):
    db = crawler.settings["PRESSBOT_DB"]
    pipeline.process_item(story_item())
    assert rows(db, "SELECT url FROM stories") == []  # a batch of 100 is still open
    pipeline.close_spider()
    assert rows(db, "SELECT url FROM stories") == [{"url": story_item().url}]


def test_stories_are_counted_when_their_batch_commits(crawler, pipeline):
    pipeline.process_item(story_item())
    assert outcomes(crawler) == {}  # not durable yet: a full disk or a kill would lose it
    pipeline.close_spider()
    assert outcomes(crawler) == {"pressbot/stories/new": 1}


def test_a_commit_that_fails_counts_nothing(crawler, pipeline, monkeypatch):
    pipeline.process_item(story_item())

    def disk_full():
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(pipeline.archive.db, "commit", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        pipeline.close_spider()
    assert outcomes(crawler) == {}
