"""Coverage in a crawled archive, and `scrapy link` recomputing it."""

import sqlite3
import subprocess
import sys

from conftest import REPO, rows

SEED = "%53411453.html"
PAIRS = (
    "SELECT r.source release_source, s.source story_source, s.url story_url, c.lag_days, "
    "c.lag_precision, c.attribution_match FROM coverage c "
    "JOIN stories r ON r.id = c.release_id JOIN stories s ON s.id = c.story_id "
    "ORDER BY s.url, r.url"
)


def link(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "link", *args, "-s", f"PRESSBOT_DB={db}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_crawl_links_the_seed_pair_and_the_representation_to_the_ministry(archive_copy):
    pairs = rows(archive_copy, PAIRS)
    seed = [p for p in pairs if p["story_source"] == "sputnik_uz"]
    assert len(seed) == 1 and seed[0]["story_url"].endswith("53411453.html")
    assert (seed[0]["release_source"], seed[0]["lag_days"], seed[0]["lag_precision"]) == (
        "mpt_tatarstan",
        0,
        "day",
    )
    assert seed[0]["attribution_match"] == 1
    assert ("mpt_tatarstan", "prtuz_tatarstan") in {
        (p["release_source"], p["story_source"]) for p in pairs
    }
    (attribution,) = rows(
        archive_copy,
        "SELECT a.source FROM attributions a JOIN stories s ON s.id = a.story_id "
        "WHERE s.url LIKE ? AND a.named LIKE 'пресс-служба%'",
        [SEED],
    )
    assert attribution["source"] == "mpt_tatarstan"


def test_scrapy_link_rebuilds_the_same_links(archive_copy):
    crawled = rows(archive_copy, PAIRS)
    stored = rows(archive_copy, "SELECT count(*) n FROM stories")[0]["n"]
    with sqlite3.connect(archive_copy) as conn:  # as if linking had been off during the crawl
        conn.execute("DELETE FROM coverage")
        conn.execute("DELETE FROM linked_stories")
    done = link(archive_copy)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"linked: {len(crawled)} links" in done.stderr
    assert rows(archive_copy, PAIRS) == crawled
    again = link(archive_copy, "--rebuild")
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"attributions found in {stored} of {stored} stories" in again.stderr
    assert f"linked {stored} of {stored} stories" in again.stderr
    assert rows(archive_copy, PAIRS) == crawled


def test_a_bad_day_is_a_usage_error(archive_copy):
    done = link(archive_copy, "--since", "12.11.2025")
    assert done.returncode == 2
    assert "is not a date" in done.stderr
