"""Killed runs: SIGKILL at seeded moments, and a forced shutdown (SIGTERM twice).

The SIGKILL loop kills `scrapy crawl` after a seeded number of requests the
mirror has served (plus a seeded fraction of its delay), ten times in a
backfill and ten times in a daily run of a conditional feed, each kill
followed by the next run; a last run completes. Every story is then stored
once, the database is intact and nothing is left pending. The two scenarios run
side by side, each run stopping at its kill: about 75 s on two shared cores.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import REPO, rows, run_crawl, start_crawl, start_mirror

KILLS = 10  # per scenario: twenty in all
DELAY = 0.05  # the mirror's wait before each answer
ARGS = {
    "backfill": ("since=2025-11-10", "until=2025-11-13"),
    "conditional-daily": (),
}
STORIES = {"backfill": 7, "conditional-daily": 5}


def kill_after(process: subprocess.Popen, mirror, served: int, pause: float) -> None:
    """SIGKILL once the mirror has served `served` requests in all (and `pause` more
    seconds), or leave a run that ended first alone."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if len(mirror.requests()) >= served:
            time.sleep(pause)
            break
        time.sleep(0.01)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def kill_loop(root, tmp_path, scenario: str):
    """KILLS runs of the scenario killed at seeded moments, then one let finish; its database."""
    options = ("--conditional",) if scenario == "conditional-daily" else ()
    mirror = start_mirror(root, tmp_path / f"{scenario}.log", DELAY, *options)
    db = tmp_path / f"{scenario}.db"
    chance = random.Random(f"pressbot-{scenario}")
    try:
        for _ in range(KILLS):
            args = ARGS[scenario]
            process = start_crawl("sputnik_uz", db, mirror.url, *args, PRESSBOT_COMMIT_EVERY="1")
            served = len(mirror.requests()) + chance.randint(1, 8)
            kill_after(process, mirror, served, chance.random() * DELAY)
        assert run_crawl("sputnik_uz", db, mirror.url, *ARGS[scenario]).returncode == 0
    finally:
        mirror.process.kill()
        mirror.process.wait()
    return db


@pytest.mark.e2e
def test_twenty_kills_lose_nothing_and_store_each_story_once(mirror_root, tmp_path):
    # the two scenarios side by side (each its own mirror and database): the loop
    # spends its time starting processes, so two at once keep it near a minute
    with ThreadPoolExecutor(2) as pool:
        dbs = dict(
            zip(ARGS, pool.map(lambda s: kill_loop(mirror_root, tmp_path, s), ARGS), strict=True)
        )
    for scenario, db in dbs.items():
        assert rows(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        stored = rows(db, "SELECT url, title_key, published_day FROM stories")
        assert len(stored) == STORIES[scenario]
        identities = {(s["title_key"], s["published_day"]) for s in stored}
        assert len({s["url"] for s in stored}) == len(identities) == len(stored)
        assert rows(db, "SELECT url FROM pending_stories") == []
        [last] = rows(db, "SELECT finish_reason, health FROM crawl_runs ORDER BY id DESC LIMIT 1")
        assert last == {"finish_reason": "finished", "health": "ok"}
        killed = rows(db, "SELECT count(*) n FROM crawl_runs WHERE finish_reason = 'abandoned'")
        assert 1 <= killed[0]["n"] <= KILLS


def health(db, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "health", *args, "-s", f"PRESSBOT_DB={db}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.e2e
def test_a_forced_shutdown_fails_and_health_says_abandoned(mirror_root, tmp_path):
    mirror = start_mirror(mirror_root, tmp_path / "slow.log", 2.0)
    db = tmp_path / "pressbot.db"
    try:
        process = start_crawl("sputnik_uz", db, mirror.url)
        mirror.wait_for(1)  # robots.txt served: the run's row is open
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # the first asks for a graceful stop; the second forces it
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) != 0
    finally:
        mirror.process.kill()
        mirror.process.wait()
    report = health(db, "sputnik_uz")
    assert report.returncode == 1
    assert re.search(r"^sputnik_uz +abandoned", report.stdout, re.MULTILINE), report.stdout
    assert "the last run was killed or forcibly stopped before it finished" in report.stdout
