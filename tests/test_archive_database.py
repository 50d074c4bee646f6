import json
import os
import sqlite3
import threading
import time

import pytest

from pressbot.archive.database import MIGRATIONS, NEW, UNCHANGED, UPDATED, Archive


@pytest.fixture
def archive(tmp_path):
    archive = Archive(tmp_path / "a.db", commit_every=2)
    archive.sync_sources(
        [
            {
                "key": "s",
                "title": "S",
                "kind": "news_agency",
                "country": "UZ",
                "region": "",
                "timezone": "Asia/Tashkent",
                "languages": ["ru"],
                "homepage": "https://s",
                "family": "sputnik",
                "enabled": True,
            }
        ]
    )
    yield archive
    archive.close()


def story(**fields) -> dict:
    base = {
        "source": "s",
        "url": "https://s/1",
        "title": "Делегация Татарстана",
        "lead": "L",
        "body": "Текст",
        "published_at": "2025-11-12T09:12:00+00:00",
        "published_local": "2025-11-12T14:12:00+05:00",
        "published_precision": "minute",
        "updated_at": None,
        "tags": ["a"],
    }
    return {**base, **fields}


def count(archive, table):
    return archive.db[table].count


def test_new_then_unchanged_touches_last_seen_only(archive):
    assert archive.save_story(story(), "2025-11-12T10:00:00+00:00") == NEW
    assert archive.save_story(story(), "2025-11-12T11:00:00+00:00") == UNCHANGED
    row = next(archive.db["stories"].rows)
    assert (row["first_seen_at"], row["last_seen_at"]) == (
        "2025-11-12T10:00:00+00:00",
        "2025-11-12T11:00:00+00:00",
    )
    assert count(archive, "story_revisions") == 0


def test_an_edit_is_one_revision_not_a_second_story(archive):
    archive.save_story(story(), "t1")
    edited = story(body="Текст, исправленный", updated_at="2025-11-12T09:23:00+00:00")
    assert archive.save_story(edited, "t2") == UPDATED
    assert count(archive, "stories") == 1
    row = next(archive.db["stories"].rows)
    assert (row["body"], row["revisions"]) == ("Текст, исправленный", 1)
    revision = next(archive.db["story_revisions"].rows)
    assert json.loads(revision["changed"]) == ["body", "updated_at"]
    assert json.loads(revision["previous"]) == {"body": "Текст", "updated_at": None}


def test_an_older_copy_never_rolls_a_story_back(archive):
    archive.save_story(story(body="Новый", updated_at="2025-11-12T09:30:00+00:00"), "t1")
    old = story(body="Старый", updated_at="2025-11-12T09:23:00+00:00")
    assert archive.save_story(old, "t2") == UNCHANGED
    assert next(archive.db["stories"].rows)["body"] == "Новый"


def test_a_url_variant_with_the_same_time_and_title_is_the_same_story(archive):
    archive.save_story(story(), "t1")
    assert archive.save_story(story(url="https://s/other-path"), "t2") == UNCHANGED
    assert count(archive, "stories") == 1
    assert count(archive, "story_aliases") == 1
    assert archive.save_story(story(url="https://s/other-path", body="Правка"), "t3") == UPDATED


def test_same_url_with_a_different_claimed_time_is_the_same_story(archive):
    archive.save_story(story(), "t1")
    later = story(
        published_at="2025-11-12T10:00:00+00:00", published_local="2025-11-12T15:00:00+05:00"
    )
    assert archive.save_story(later, "t2") == UNCHANGED
    assert count(archive, "stories") == 1


def test_two_releases_in_one_minute_stay_two(archive):
    archive.save_story(story(), "t1")
    assert archive.save_story(story(url="https://s/2", title="Другой релиз"), "t1") == NEW
    assert count(archive, "stories") == 2


def test_day_precision_gains_a_time_without_a_second_story(archive):
    archive.save_story(
        story(published_at="2025-11-12", published_local="2025-11-12", published_precision="day"),
        "t1",
    )
    assert archive.save_story(story(url="https://s/x"), "t2") == UNCHANGED
    row = next(archive.db["stories"].rows)
    assert (row["published_at"], row["published_precision"]) == (
        "2025-11-12T09:12:00+00:00",
        "minute",
    )


def test_full_text_search_follows_edits(archive):
    archive.save_story(story(), "t1")
    archive.save_story(story(body="Промпарк в Навои", updated_at="x"), "t2")
    archive.commit()
    hits = archive.db.query("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'Навои'")
    assert len(list(hits)) == 1


def fts_segments(archive) -> int:
    return archive.db.execute("SELECT count(*) FROM stories_fts_data").fetchone()[0]


def test_an_unchanged_sighting_leaves_the_text_index_alone(archive):
    archive.save_story(story(), "t1")
    archive.commit()
    before = fts_segments(archive)
    assert archive.save_story(story(), "t2") == UNCHANGED  # last_seen_at, next check
    archive.commit()
    assert fts_segments(archive) == before
    archive.save_story(story(title="Делегация Татарстана в Навои", updated_at="x"), "t3")
    archive.commit()
    assert fts_segments(archive) > before
    hits = archive.db.query("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'Навои'")
    assert len(list(hits)) == 1
    stale = archive.db.query("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'Текст'")
    assert len(list(stale)) == 1  # the body, unchanged, is still found once


def test_runs_left_open_by_a_dead_process_are_closed(archive):
    archive.db["crawl_runs"].insert({"source": "s", "started_at": "t0", "pid": 2**22 + 12345})
    archive.commit()
    archive.start_run("s", "t1")
    reasons = [r["finish_reason"] for r in archive.db["crawl_runs"].rows]
    assert reasons == ["abandoned", None]


def test_reopening_migrates_nothing_twice(tmp_path):
    Archive(tmp_path / "b.db").close()
    archive = Archive(tmp_path / "b.db")
    names = [m["name"] for m in archive.db["_sqlite_migrations"].rows]
    assert MIGRATIONS.pending(archive.db) == []
    assert len(names) == len(set(names))
    assert archive.db.journal_mode == "wal"
    archive.close()


def hold_write_lock(path, held, seconds: float) -> None:
    """Another connection takes the write lock, says so, holds it, then commits a row."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO exports (name, exported_at) VALUES ('other', 'x')")
    held.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_a_writer_waits_for_another_holding_the_lock_instead_of_failing(archive):
    archive.commit()
    archive.find_story({"source": "s", "url": "https://s/0", "title": "T"})  # a read first
    held = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(archive.path, held, 0.5))
    holder.start()
    held.wait()
    archive.save_story(story(), seen_at="2025-11-12T10:00:00+00:00")  # waits, then writes
    archive.commit()
    holder.join()
    assert [r["name"] for r in archive.db.query("SELECT name FROM exports")] == ["other"]
    assert archive.db.table("stories").count == 1


def test_the_last_run_is_the_latest_over_a_killed_one_is_abandoned(archive):
    runs = archive.db["crawl_runs"]
    runs.insert({"source": "s", "started_at": "t0", "finished_at": "t0", "health": "ok"})
    runs.insert({"source": "s", "started_at": "t1", "pid": 2**22 + 12345})  # killed
    archive.commit()
    assert archive.last_run("s")["finish_reason"] == "abandoned"
    runs.insert({"source": "s", "started_at": "t2", "pid": os.getpid()})  # still going
    archive.commit()
    assert archive.last_run("s")["started_at"] == "t1"
    assert archive.last_run("other") is None
