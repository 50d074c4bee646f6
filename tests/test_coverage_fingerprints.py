"""Fingerprints: the same in every process, stored once, made again for an edited text."""

import subprocess
import sys

import numpy as np
import pytest

from pressbot.archive.database import Archive
from pressbot.coverage import fingerprints
from pressbot.coverage.reuse import Fingerprint

SEEN = "2025-11-20T00:00:00+00:00"
TEXT = "Делегация Республики Татарстан посетила промышленные парки Навоийской области"
STORY = {
    "source": "sputnik_uz",
    "url": "https://uz.sputniknews.ru/20251112/a-1.html",
    "title": "Делегация",
    "body": TEXT,
    "published_at": "2025-11-12T09:12:00+00:00",
    "published_local": "2025-11-12T14:12:00+05:00",
    "published_precision": "minute",
}


@pytest.mark.e2e
def test_a_fingerprint_is_the_same_in_another_process():
    # str hashes change from process to process (PYTHONHASHSEED); stored hashes may not
    code = (
        "from pressbot.coverage.reuse import Fingerprint; "
        f"print(list(Fingerprint.of({TEXT!r}).sequence))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert other.strip() == str(list(Fingerprint.of(TEXT).sequence))


@pytest.fixture
def archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.sync_sources([{"key": "sputnik_uz", "title": "Sputnik"}])
    archive.save_story(STORY, SEEN)
    yield archive
    archive.close()


def stored(archive):
    return list(archive.db.query("SELECT story_id, content_hash FROM fingerprints"))


def test_a_fingerprint_is_stored_once_and_read_back(archive):
    story = next(archive.db["stories"].rows)
    made = fingerprints.of_story(archive.db, story)
    assert stored(archive) == [{"story_id": story["id"], "content_hash": story["content_hash"]}]
    archive.db.execute("UPDATE stories SET body = 'changed behind its back'")
    read = fingerprints.of_story(archive.db, story)
    assert np.array_equal(read.sequence, made.sequence)
    assert np.array_equal(read.content, made.content)


def test_a_story_without_its_text_is_fingerprinted_from_the_archive(archive):
    story = next(archive.db["stories"].rows)
    made = fingerprints.of_story(
        archive.db, {"id": story["id"], "content_hash": story["content_hash"]}
    )
    assert np.array_equal(made.sequence, Fingerprint.of("Делегация\n" + TEXT).sequence)
    assert stored(archive) == [{"story_id": story["id"], "content_hash": story["content_hash"]}]


def test_a_story_with_its_text_is_fingerprinted_from_that_text(archive):
    story = next(archive.db["stories"].rows)
    archive.db.execute("UPDATE stories SET body = 'changed behind its back'")
    made = fingerprints.of_story(archive.db, story)  # the text read with the story
    assert np.array_equal(made.sequence, Fingerprint.of("Делегация\n" + TEXT).sequence)


def test_an_edited_story_is_fingerprinted_again(archive):
    story = next(archive.db["stories"].rows)
    fingerprints.of_story(archive.db, story)
    archive.save_story({**STORY, "body": TEXT + " и Бухарской области"}, SEEN)
    edited = next(archive.db["stories"].rows)
    ((_, found),) = fingerprints.read(archive.db, "s.id", "s.id = ?", [story["id"]])
    assert np.array_equal(found.sequence, Fingerprint.of("Делегация\n" + edited["body"]).sequence)
    assert stored(archive) == [{"story_id": story["id"], "content_hash": edited["content_hash"]}]
