"""`scrapy crawl sputnik_uz` as a real process against the mirror, into a real SQLite file."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, rows, run_crawl, start_crawl, start_mirror, stories

EXPECTED = Path(__file__).parent / "expected" / "sputnik_uz" / "feed_crawl_rows.json"
SEED_URL = (
    "https://uz.sputniknews.ru/20251112/"
    "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
)
SEED_FILE = "uz.sputniknews.ru/20251112/" + SEED_URL.rsplit("/", 1)[1]


def add_feed_item(root: Path, url: str, pub_date: str | None = "Wed, 12 Nov 2025 20:00:00 +0500"):
    feed = root / "uz.sputniknews.ru/export/rss2/archive/index.xml"
    when = f"<pubDate>{pub_date}</pubDate>" if pub_date else ""
    item = f"<item><title>x</title><link>{url}</link><guid>{url}</guid>{when}</item>\n</channel>"
    feed.write_text(feed.read_text().replace("</channel>", item))


def test_crawl_stores_every_feed_story_exactly(crawl):
    crawl()
    assert stories(crawl.db) == json.loads(EXPECTED.read_text())


def test_the_seed_story_once_with_its_times_and_clean_text(crawl):
    crawl()
    (seed,) = stories(crawl.db, "url = ?", [SEED_URL])
    assert seed["published_at"] == "2025-11-12T09:12:00+00:00"
    assert seed["published_local"] == "2025-11-12T14:12:00+05:00"
    assert seed["updated_at"] == "2025-11-12T09:23:00+00:00"
    assert seed["dateline"] == "ТАШКЕНТ"
    assert seed["body"].startswith("ТАШКЕНТ, 12 ноября — Sputnik.")
    assert seed["body"].endswith("«Международная кооперация и экспорт».")
    for noise in ("©", "Подписаться", "Флаги Узбекистана", "подписали соглашения", "Реклама"):
        assert noise not in seed["body"]


def test_two_releases_in_the_same_minute_stay_two(crawl):
    crawl()
    same_minute = stories(crawl.db, "published_at = ?", ["2025-11-12T11:40:00+00:00"])
    assert len(same_minute) == 2


def test_a_second_crawl_adds_no_story_and_fetches_no_page(crawl, mirror):
    crawl()
    first = len(mirror.requests())
    crawl()
    assert len(stories(crawl.db)) == 5
    assert rows(crawl.db, "SELECT count(*) n FROM story_revisions") == [{"n": 0}]
    second = mirror.requests()[first:]
    # robots.txt is kept in the archive for a day: the feed is the run's one request
    assert second == ["200 /uz.sputniknews.ru/export/rss2/archive/index.xml"]
    runs = rows(crawl.db, "SELECT stories_new, skipped_known, health FROM crawl_runs ORDER BY id")
    assert runs == [
        {"stories_new": 5, "skipped_known": 0, "health": "ok"},
        {"stories_new": 0, "skipped_known": 5, "health": "ok"},
    ]


def test_a_story_added_to_the_feed_appears_on_the_next_run(crawl, mirror_root):
    crawl()
    archived = "20251111/v-tashkente-otkrylas-vystavka-stroitelnyh-materialov-53398120.html"
    add_feed_item(
        mirror_root, "https://uz.sputniknews.ru/" + archived, "Tue, 11 Nov 2025 10:05:00 +0500"
    )
    crawl()
    assert len(stories(crawl.db)) == 6
    assert stories(crawl.db, "url LIKE ?", ["%53398120.html"])


def test_an_edit_after_publication_is_exactly_one_revision(crawl, mirror_root):
    # published 09:12 UTC; read at 09:30, edited, re-read after the 1 h re-check point
    crawl(PRESSBOT_NOW="2025-11-12T09:30:00+00:00")
    page = mirror_root / SEED_FILE
    html = page.read_text()
    html = html.replace("осмотрели промышленные парки", "осмотрели два промышленных парка")
    html = html.replace("2025-11-12T14:23+0500", "2025-11-12T15:05+0500")
    page.write_text(html)
    crawl(PRESSBOT_NOW="2025-11-12T10:30:00+00:00")
    crawl(PRESSBOT_NOW="2025-11-12T10:45:00+00:00")  # not due again: no fetch, no revision
    (seed,) = stories(crawl.db, "url = ?", [SEED_URL])
    assert "осмотрели два промышленных парка" in seed["body"]
    assert seed["updated_at"] == "2025-11-12T10:05:00+00:00"
    assert seed["revisions"] == 1
    (revision,) = rows(crawl.db, "SELECT changed, previous FROM story_revisions")
    assert json.loads(revision["changed"]) == ["body", "updated_at"]
    assert "осмотрели промышленные парки" in json.loads(revision["previous"])["body"]
    assert len(stories(crawl.db)) == 5


def test_a_page_gone_404_marks_its_story_withdrawn(crawl, mirror_root):
    crawl(PRESSBOT_NOW="2025-11-12T09:30:00+00:00")
    (mirror_root / SEED_FILE).unlink()
    crawl(PRESSBOT_NOW="2025-11-12T16:00:00+00:00")  # past the 6 h re-check
    (seed,) = stories(crawl.db, "url = ?", [SEED_URL])
    assert seed["withdrawn_at"] == "2025-11-12T16:00:00+00:00"
    assert seed["body"].startswith("ТАШКЕНТ, 12 ноября — Sputnik.")  # kept, never deleted
    runs = rows(crawl.db, "SELECT stories_withdrawn, health FROM crawl_runs ORDER BY id")
    assert runs[-1] == {"stories_withdrawn": 1, "health": "ok"}


def test_backfill_walks_the_sitemaps_to_the_sitemap_only_stories(crawl, mirror):
    crawl("sputnik_uz", "since=2025-11-10", "until=2025-11-13")
    urls = [s["url"] for s in stories(crawl.db)]
    assert len(urls) == 7
    assert any("53380001" in u for u in urls) and any("53398120" in u for u in urls)
    sitemaps = sorted(r for r in mirror.requests() if "sitemap_article" in r)
    assert len(sitemaps) == 4


def test_url_variants_from_the_feed_are_one_story(crawl, mirror, mirror_root):
    amp = SEED_URL.replace("ru/2025", "ru/amp/2025")
    for variant in (
        SEED_URL + "?utm_source=rss&utm_medium=feed",
        amp,
        SEED_URL.replace("https://", "http://www."),
    ):
        add_feed_item(mirror_root, variant)
    crawl()
    assert len(stories(crawl.db)) == 5
    assert not [r for r in mirror.requests() if "utm_" in r or "/amp/" in r]


def test_bad_pages_are_dropped_with_reasons_and_the_rest_is_stored(crawl, mirror_root):
    site = mirror_root / "uz.sputniknews.ru" / "20251112"
    seed_html = (mirror_root / SEED_FILE).read_text()
    broken = {
        "no-title-1.html": seed_html.replace("article__title", "x").replace("og:title", "x"),
        "future-2.html": seed_html.replace("2025-11-12T14:12+0500", "2099-01-01T10:00+0500"),
        "no-text-3.html": seed_html.split('<div class="article__body')[0] + "</div></body>",
        "no-date-4.html": "<html><body><div class='article'><h1 class='article__title'>Ok"
        "</h1><div class='article__body'><div class='article__block' "
        "data-type='text'><div class='article__text'>Текст</div></div></div>"
        "</div></body></html>",
        "truncated-5.html": seed_html[:900],
    }
    for name, html in broken.items():
        url = f"https://uz.sputniknews.ru/20251112/{name}"
        (site / name).write_text(html.replace(SEED_URL, url))
        # a feed date stands in for a page without one, so the dateless page has none
        add_feed_item(
            mirror_root,
            url,
            None if name.startswith("no-date") else "Wed, 12 Nov 2025 20:00:00 +0500",
        )
    add_feed_item(mirror_root, "https://uz.sputniknews.ru/20251112/missing-6.html")
    (site / "error-7.html.http").write_text("Status: 500\n")
    add_feed_item(mirror_root, "https://uz.sputniknews.ru/20251112/error-7.html")

    # the 500 (after retries) and the page cut off are left pending: degraded, exit 0
    result = crawl()
    assert len(stories(crawl.db)) == 5
    (run,) = rows(crawl.db, "SELECT dropped_reasons, responses, health, problems FROM crawl_runs")
    assert run["health"] == "degraded"
    assert json.loads(run["problems"]) == [
        "3 story pages failed (pending: asked again next run)",
        "1 pages cut off before their end (pending)",
    ]
    assert json.loads(run["dropped_reasons"]) == {
        "MissingTitle": 1,
        "FutureDate": 1,
        "EmptyBody": 1,
        "UnparseableDate": 1,
    }
    assert json.loads(run["responses"])["404"] == 1
    assert "Dropped FutureDate" in result.log
    assert rows(crawl.db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_a_killed_crawl_leaves_a_sound_database_and_the_next_run_completes(mirror_root, tmp_path):
    slow = start_mirror(mirror_root, tmp_path / "slow.log", delay=1.0)
    db = tmp_path / "killed.db"
    args = ("since=2025-11-10", "until=2025-11-13")
    try:
        process = start_crawl("sputnik_uz", db, slow.url, *args, PRESSBOT_COMMIT_EVERY="1")
        slow.wait_for(3, ".html")  # kill once three of seven pages were served
        time.sleep(0.3)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert rows(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        assert 1 <= rows(db, "SELECT count(*) n FROM stories")[0]["n"] < 7
    finally:
        slow.process.kill()
        slow.process.wait()
    fast = start_mirror(mirror_root, tmp_path / "fast.log")
    try:
        assert run_crawl("sputnik_uz", db, fast.url, *args).returncode == 0
    finally:
        fast.process.kill()
        fast.process.wait()
    assert len(stories(db)) == 7
    assert len({s["url"] for s in stories(db)}) == 7
    runs = rows(db, "SELECT finish_reason FROM crawl_runs ORDER BY id")
    assert runs == [{"finish_reason": "abandoned"}, {"finish_reason": "finished"}]


def test_recorded_crawl_replays_to_the_same_rows(crawl, tmp_path):
    recorded = tmp_path / "recorded"
    crawl("sputnik_uz", PRESSBOT_RECORD=str(recorded))
    assert (recorded / SEED_FILE).is_file()
    replay = start_mirror(recorded, tmp_path / "replay.log")
    try:
        db = tmp_path / "replayed.db"
        assert run_crawl("sputnik_uz", db, replay.url).returncode == 0
    finally:
        replay.process.kill()
        replay.process.wait()
    assert stories(db) == stories(crawl.db)


def test_feed_export_has_the_documented_columns(crawl, tmp_path):
    out = tmp_path / "stories.csv"
    subprocess_result = crawl("sputnik_uz", FEEDS=json.dumps({str(out): {"format": "csv"}}))
    assert subprocess_result.returncode == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    from pressbot.items import EXPORT_FIELDS

    assert header == ",".join(EXPORT_FIELDS)


@pytest.mark.e2e
def test_scrapy_list_shows_every_registered_source():
    from pressbot.registry import load_registry

    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True
    )
    assert listed.stdout.split() == sorted(load_registry())
