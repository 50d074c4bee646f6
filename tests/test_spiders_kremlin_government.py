"""kremlin.ru (Atom) and government.ru (RSS): the feed's time where the page has a day."""

import json
from pathlib import Path

import pytest
from conftest import stories

EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("key", ["kremlin_news", "government_news"])
def test_backfill_stores_every_release_exactly(crawl, key):
    crawl(key, "since=2025-11-01", "until=2025-11-13")
    expected = json.loads((EXPECTED / key / "backfill_crawl_rows.json").read_text())
    assert stories(crawl.db) == expected


@pytest.mark.parametrize("key", ["kremlin_news", "government_news"])
def test_a_daily_run_reads_the_feed_only(crawl, mirror, key):
    crawl(key)
    assert len(stories(crawl.db)) == 4
    assert not [r for r in mirror.requests() if "page" in r]


def test_the_feed_time_is_kept_where_the_page_gives_a_day(crawl):
    crawl("kremlin_news")
    (call,) = stories(crawl.db, "url = ?", ["https://kremlin.ru/events/president/news/78431"])
    assert call["published_raw"] == "2025-11-12"
    assert (call["published_at"], call["published_local"], call["published_precision"]) == (
        "2025-11-12T16:30:00+00:00",
        "2025-11-12T19:30:00+03:00",
        "minute",
    )


def test_requests_stay_on_the_scheme_and_slash_the_site_uses(crawl, mirror):
    crawl("government_news")
    assert "200 /government.ru/news/56118/" in mirror.requests()
    assert stories(crawl.db, "url = ?", ["https://government.ru/news/56118"])


def test_an_edit_the_atom_feed_shows_is_stored_as_the_update(crawl, mirror_root):
    feed = mirror_root / "kremlin.ru/events/president/news/feed"
    text = feed.read_text()
    published = "<published>2025-11-12T16:05:00+03:00</published>"
    feed.write_text(
        text.replace(
            f"{published}\n<updated>2025-11-12T16:05:00+03:00</updated>",
            f"{published}\n<updated>2025-11-12T18:40:00+03:00</updated>",
        )
    )
    crawl("kremlin_news")
    edited = stories(crawl.db, "updated_at IS NOT NULL")
    assert [(s["updated_at"], s["updated_local"]) for s in edited] == [
        ("2025-11-12T15:40:00+00:00", "2025-11-12T18:40:00+03:00")
    ]
