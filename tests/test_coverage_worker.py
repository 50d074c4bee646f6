"""pressbot.coverage.worker: links decided ahead of their writing equal links made in place."""

import sqlite3
import subprocess
import sys

from conftest import REPO, hand_written_registry, rows
from test_coverage_linker import GOLD, SEED, SEEN

from pressbot.archive.database import Archive
from pressbot.coverage.gold import linker_for, load_gold
from pressbot.coverage.worker import PendingLinker, read_only

# what linking writes, each story named by its URL (ids depend on the order of storing)
LINKED = {
    "coverage": "SELECT r.url release, s.url story, c.* FROM coverage c "
    "JOIN stories r ON r.id = c.release_id JOIN stories s ON s.id = c.story_id",
    "attributions": "SELECT s.url story, a.* FROM attributions a "
    "JOIN stories s ON s.id = a.story_id",
    "linked_stories": "SELECT s.url story, l.* FROM linked_stories l "
    "JOIN stories s ON s.id = l.story_id",
    "fingerprints": "SELECT s.url story, f.* FROM fingerprints f "
    "JOIN stories s ON s.id = f.story_id",
}
IDS = ("id", "story_id", "release_id")


def linked(db):
    """The rows linking wrote, without ids, in a stable order."""
    return {
        table: sorted(
            (tuple((k, v) for k, v in row.items() if k not in IDS) for row in rows(db, sql)),
            key=repr,
        )
        for table, sql in LINKED.items()
    }


def gold_archive(path):
    archive = Archive(path)
    _, gold = load_gold(archive, GOLD, SEEN)
    return archive, linker_for(archive, gold["sources"])


def test_decisions_written_after_all_of_them_are_made_are_the_links_made_in_place(tmp_path):
    archive, linker = gold_archive(tmp_path / "in_place.db")
    # the news stories first, then the releases they re-report: a release relinks them
    ids = [i for (i,) in archive.db.execute("SELECT id FROM stories ORDER BY id DESC")]
    for story_id in ids:
        linker.link(next(archive.db["stories"].rows_where("id = ?", [story_id])), SEEN)
    archive.close()
    archive, writer = gold_archive(tmp_path / "pending.db")
    pending = PendingLinker(read_only(archive.path), writer.names, writer.kinds)
    decisions = pending.decide_all([(story_id, SEEN) for story_id in ids])  # nothing written
    assert pending.decide_all([(ids[0], SEEN)]) == []  # linked already, as far as it knows
    for decision in decisions:
        writer.write(decision)
    archive.close()
    expected = linked(tmp_path / "in_place.db")
    assert expected["coverage"] and expected["attributions"]
    assert linked(tmp_path / "pending.db") == expected


def test_the_worker_never_writes(tmp_path):
    archive, _ = gold_archive(tmp_path / "a.db")
    archive.close()
    reader = read_only(str(tmp_path / "a.db"))
    try:
        reader.db.execute("DELETE FROM stories")
    except sqlite3.OperationalError as error:
        assert "readonly" in str(error)
    else:
        raise AssertionError("a read-only archive wrote")


def test_a_story_decided_names_its_sources_before_it_is_written(tmp_path):
    archive, linker = gold_archive(tmp_path / "a.db")
    seed = next(archive.db["stories"].rows_where("url = ?", [SEED]))
    archive.db.execute(
        "INSERT INTO attributions (story_id, position, phrase, named, source) "
        "VALUES (?, 0, 'по данным Кремля', 'Кремля', 'kremlin_news')",
        [seed["id"]],
    )
    archive.commit()
    pending = PendingLinker(read_only(archive.path), linker.names, linker.kinds)
    days = [seed["published_day"]]
    assert pending.naming("kremlin_news", days) == {seed["id"]}
    assert pending.naming("mpt_tatarstan", days) == set()
    pending.decide(seed, SEEN)
    assert pending.naming("mpt_tatarstan", days) == {seed["id"]}
    assert pending.naming("kremlin_news", days) == set()  # its stored ones are replaced
    assert pending.attributed_sources(seed["id"]) == {"mpt_tatarstan"}
    archive.close()


def crawl_all(db, mirror, **settings):
    """`scrapy crawlall` of the bundled mirror's hand-written families, as a real process."""
    cmd = [sys.executable, "-m", "scrapy", "crawlall"]
    for name, value in {"PRESSBOT_DB": db, "PRESSBOT_MIRROR": mirror.url, **settings}.items():
        cmd += ["-s", f"{name}={value}"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def test_a_crawl_links_with_its_worker_as_without_it(mirror, tmp_path):
    registry = hand_written_registry(tmp_path / "sources.toml")
    crawl_all(tmp_path / "here.db", mirror, PRESSBOT_SOURCES=registry, PRESSBOT_LINK_PROCESSES=0)
    log = crawl_all(
        tmp_path / "worker.db", mirror, PRESSBOT_SOURCES=registry, PRESSBOT_LINK_WORKER_AFTER=0
    )
    expected = linked(tmp_path / "here.db")
    assert expected["coverage"]
    assert linked(tmp_path / "worker.db") == expected
    assert "link worker stopped" not in log
