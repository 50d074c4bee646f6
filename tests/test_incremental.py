"""Unattended runs: conditional requests, resumable backfills, the lock, honest exits."""

import subprocess
import time

from conftest import REPO, crawl_command, rows, run_crawl, start_crawl, start_mirror, stories

FEED = "uz.sputniknews.ru/export/rss2/archive/index.xml"
BACKFILL = ("since=2025-11-10", "until=2025-11-13")


def stop(server):
    server.process.kill()
    server.process.wait()


def test_an_unchanged_entry_point_answers_304_and_costs_no_parsing(mirror_root, tmp_path):
    server = start_mirror(mirror_root, tmp_path / "c.log", 0.0, "--conditional")
    db = tmp_path / "c.db"
    try:
        assert run_crawl("sputnik_uz", db, server.url).returncode == 0
        assert run_crawl("sputnik_uz", db, server.url).returncode == 0
    finally:
        stop(server)
    feed = [line for line in server.requests() if FEED in line]
    assert [line.split()[0] for line in feed] == ["200", "304"]
    # robots.txt is kept for a day: the unchanged poll is the feed's one request
    assert len([line for line in server.requests() if line.endswith("/robots.txt")]) == 1
    runs = rows(db, "SELECT not_modified, requests, health FROM crawl_runs ORDER BY id")
    assert runs[1] == {"not_modified": 1, "requests": 1, "health": "ok"}


def test_an_interrupted_backfill_resumes_and_ends_with_the_same_rows(mirror_root, tmp_path):
    whole = start_mirror(mirror_root, tmp_path / "whole.log")
    try:
        assert run_crawl("sputnik_uz", tmp_path / "whole.db", whole.url, *BACKFILL).returncode == 0
    finally:
        stop(whole)

    slow = start_mirror(mirror_root, tmp_path / "slow.log", 1.0)
    db = tmp_path / "resumed.db"
    process = start_crawl("sputnik_uz", db, slow.url, *BACKFILL, PRESSBOT_COMMIT_EVERY="1")
    slow.wait_for(3, ".html")
    time.sleep(0.3)
    process.kill()
    process.wait()
    stop(slow)
    first_pass = [r for r in slow.requests() if r.endswith(".html")]
    assert 1 <= len(stories(db)) < 7

    fast = start_mirror(mirror_root, tmp_path / "fast.log")
    try:
        assert run_crawl("sputnik_uz", db, fast.url, *BACKFILL).returncode == 0
        second_pass = [r for r in fast.requests() if r.endswith(".html")]
        served = len(fast.requests())
        assert run_crawl("sputnik_uz", db, fast.url, *BACKFILL).returncode == 0
        third_pass = fast.requests()[served:]
    finally:
        stop(fast)

    # the same rows, but for how each story was first found: a story the killed run
    # listed from a sitemap is asked for again as pending, before the feed is read
    def found(db):
        return [{k: v for k, v in s.items() if k != "found_via"} for s in stories(db)]

    assert found(db) == found(tmp_path / "whole.db")
    stored_before = {s["url"].rsplit("/", 1)[1] for s in stories(db)}
    refetched = [r for r in second_pass if r in first_pass]
    assert len(first_pass) + len(second_pass) - len(refetched) == 7
    assert len(stored_before) == 7
    # the third run skips the past days it completed: only the feed and the `until` day
    sitemaps = [r for r in third_pass if "sitemap_article" in r]
    assert sitemaps == [
        "200 /uz.sputniknews.ru/sitemap_article.xml?date_start=20251113&date_end=20251113"
    ]


def test_a_second_run_on_a_locked_database_exits_with_the_lock_code(mirror_root, tmp_path):
    # slow enough that the first run is still going however long the second takes to start
    slow = start_mirror(mirror_root, tmp_path / "slow.log", 3.0)
    db = tmp_path / "locked.db"
    try:
        first = subprocess.Popen(
            crawl_command("sputnik_uz", db, slow.url),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        slow.wait_for(1)
        started = time.monotonic()
        second = subprocess.run(
            crawl_command("kremlin_news", db, slow.url),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 3
        assert "another run is in progress" in second.stderr
        assert time.monotonic() - started < 10
        assert first.wait(timeout=60) == 0
    finally:
        stop(slow)
    assert [r["source"] for r in rows(db, "SELECT source FROM crawl_runs")] == ["sputnik_uz"]
    assert not [r for r in slow.requests() if "kremlin" in r]


def test_a_lock_left_by_a_killed_run_does_not_block_the_next(mirror, mirror_root, tmp_path):
    slow = start_mirror(mirror_root, tmp_path / "slow.log", 1.0)
    db = tmp_path / "killed.db"
    try:
        process = start_crawl("sputnik_uz", db, slow.url)
        slow.wait_for(1)
        process.kill()
        process.wait()
    finally:
        stop(slow)
    assert (tmp_path / "killed.db.lock").exists()
    result = run_crawl("sputnik_uz", db, mirror.url)
    assert result.returncode == 0, result.log[-3000:]


def test_a_layout_change_exits_non_zero_with_a_failing_verdict(crawl, mirror_root):
    crawl()
    feed = mirror_root / FEED
    feed.write_text("<html><body><div class='feed-v2'>Новая лента</div></body></html>")
    result = crawl(expect=1)
    assert "failing; the feed or listing yielded no stories" in result.log
    (last,) = rows(crawl.db, "SELECT health, problems FROM crawl_runs ORDER BY id DESC LIMIT 1")
    assert last["health"] == "failing"


def test_a_page_naming_another_canonical_url_is_not_fetched_again(crawl, mirror, mirror_root):
    page = mirror_root / "uz.sputniknews.ru/20251112/minenergo-20-solnechnyh-stantsiy-53415002.html"
    html = page.read_text().replace(
        'href="https://uz.sputniknews.ru/20251112/minenergo-20-solnechnyh-stantsiy-53415002.html"',
        'href="https://uz.sputniknews.ru/20251112/minenergo-solnechnye-stantsii-53415002.html"',
    )
    page.write_text(html)
    crawl()
    served = len(mirror.requests())
    crawl()
    assert [r for r in mirror.requests()[served:] if r.endswith(".html")] == []
    assert len(stories(crawl.db)) == 5


def test_state_does_not_grow_with_runs(crawl):
    def counts():
        tables = (
            "stories",
            "story_revisions",
            "story_aliases",
            "entry_points",
            "pending_stories",
            "robots_txt",
            "backfill_days",
        )
        return {t: rows(crawl.db, f"SELECT count(*) n FROM {t}")[0]["n"] for t in tables}

    crawl("sputnik_uz", "since=2025-11-10", "until=2025-11-13")
    after_first = counts()
    for _ in range(3):
        crawl("sputnik_uz", "since=2025-11-10", "until=2025-11-13")
    assert counts() == after_first
    # the run log is pruned too: a day later, runs older than a day are gone, this one kept
    assert len(rows(crawl.db, "SELECT id FROM crawl_runs")) == 4
    crawl("sputnik_uz", PRESSBOT_KEEP_RUNS_DAYS="1", PRESSBOT_NOW="2025-11-14T09:00:01+00:00")
    assert len(rows(crawl.db, "SELECT id FROM crawl_runs")) == 1


def test_an_old_story_retitled_in_the_feed_is_read_again(crawl, mirror_root):
    """Long past its re-check points, a story whose feed entry changes is still revised."""
    seed = (
        "uz.sputniknews.ru/20251112/"
        "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
    )
    crawl()
    old, new = "в Бухарской и Навоийской областях", "в Бухарской и Навоийской областях Узбекистана"
    for path in (FEED, seed):
        page = mirror_root / path
        page.write_text(page.read_text().replace(old, new))
    crawl()
    (story,) = stories(crawl.db, "url LIKE ?", ["%53411453.html"])
    assert story["title"].endswith(new) and story["revisions"] == 1
    assert len(stories(crawl.db)) == 5


def test_article_pages_redesigned_make_a_failing_run(crawl, mirror_root):
    for page in (mirror_root / "uz.sputniknews.ru").glob("2025*/*.html"):
        page.write_text(page.read_text().replace("article__", "story-"))
    result = crawl(expect=1)
    assert "5 of 5 stories dropped (EmptyBody: 5)" in result.log
