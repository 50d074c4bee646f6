"""Other writers beside a crawl, as real processes: they wait for each other, never fail."""

import csv
import subprocess
import sys
import textwrap

from conftest import REPO, run_crawl, start_crawl, start_mirror, stories

from pressbot.archive.database import Archive

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def stop(server):
    server.process.kill()
    server.process.wait()


def test_a_crawl_waits_for_another_writer_instead_of_failing(mirror, tmp_path):
    db = tmp_path / "pressbot.db"
    Archive(db).close()  # the schema, so the holder has a database to lock
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), "5"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    result = run_crawl("sputnik_uz", db, mirror.url)  # starts writing while the lock is held
    assert holder.wait(timeout=30) == 0
    assert result.returncode == 0, result.log[-2000:]
    assert "database is locked" not in result.log
    assert len(stories(db)) == 5


def export(db, out, *args):
    cmd = [sys.executable, "-m", "scrapy", "export", "--incremental", "desk", "--append"]
    cmd += ["--columns", "url,title", "-o", str(out), *args, "-s", f"PRESSBOT_DB={db}"]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)


def test_an_export_during_a_crawl_is_exact(mirror_root, tmp_path):
    """A slow crawl commits its batch within PRESSBOT_COMMIT_SECONDS: an export made
    meanwhile gets the lock (with the setting at 600 it fails, "database is locked"),
    and with the one made after, holds every story once."""
    # 6 s a response: the crawl's last stories come more than busy_timeout (10 s) after
    # the export starts
    slow = start_mirror(mirror_root, tmp_path / "slow.log", 6.0)
    db, out = tmp_path / "pressbot.db", tmp_path / "desk.csv"
    crawl = start_crawl("sputnik_uz", db, slow.url)
    try:
        slow.wait_for(2, ".html")  # stories are being stored, the crawl is still going
        during = export(db, out)
        assert crawl.wait(timeout=120) == 0
    finally:
        stop(slow)
    assert during.returncode == 0, during.stderr[-2000:]
    after = export(db, out)
    assert after.returncode == 0, after.stderr[-2000:]
    with open(out, newline="", encoding="utf-8") as f:
        exported = [row["url"] for row in csv.DictReader(f)]
    assert sorted(exported) == sorted(s["url"] for s in stories(db))
    assert len(exported) == len(set(exported)) == 5
