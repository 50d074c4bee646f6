"""`scrapy health` on an archive filled by real crawls of the mirror."""

import subprocess
import sys

import pytest
from conftest import REPO

from pressbot.commands import ExitCode


def health(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "health", *args, "-s", f"PRESSBOT_DB={db}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_health_after_runs_and_after_a_long_silence(crawl):
    crawl("bukhara_khokimiyat", PRESSBOT_NOW="2025-11-12T12:00:00+00:00")
    soon = health(crawl.db, "bukhara_khokimiyat", "--now", "2025-11-13T00:00:00+00:00")
    assert soon.returncode == 0, soon.stdout
    assert "bukhara_khokimiyat  ok" in soon.stdout
    late = health(crawl.db, "bukhara_khokimiyat", "--now", "2026-01-01T00:00:00+00:00")
    assert late.returncode == 1
    assert "bukhara_khokimiyat  silent" in late.stdout


def test_a_failing_run_fails_the_report(crawl, mirror_root):
    (mirror_root / "kremlin.ru/events/president/news/feed").write_text("<html>new design</html>")
    crawl("kremlin_news", expect=1)
    report = health(crawl.db, "kremlin_news")
    assert report.returncode == 1
    assert "kremlin_news  failing" in report.stdout
    assert "kremlin_news: the feed or listing yielded no stories" in report.stdout


@pytest.mark.e2e
def test_a_file_that_is_not_sqlite_is_one_line_and_its_own_exit_code(tmp_path):
    db = tmp_path / "pressbot.db"
    db.write_text("source,title\n")
    report = health(db)
    assert report.returncode == ExitCode.UNUSABLE
    assert report.stderr == f"pressbot: {db} is not an SQLite database; nothing done\n"
    assert db.read_text() == "source,title\n"
