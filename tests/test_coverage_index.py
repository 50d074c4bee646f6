"""The shingle index: the stories of a few days that share phrases with a text."""

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from pressbot.archive.database import Archive
from pressbot.coverage import index
from pressbot.coverage.gold import load_gold
from pressbot.coverage.index import BLOCK_AFTER, ShingleIndex
from pressbot.coverage.linker import WINDOW_BEFORE, window
from pressbot.coverage.reuse import Fingerprint, story_text

GOLD = Path(__file__).parent / "gold" / "coverage"
SEEN = "2025-11-20T00:00:00+00:00"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    archive = Archive(tmp_path_factory.mktemp("index") / "a.db")
    load_gold(archive, GOLD, SEEN)
    yield archive
    archive.close()


def stories(archive):
    return list(archive.db.query("SELECT * FROM stories ORDER BY published_at, id"))


def found(shared):
    """What a search found: each story, and the shingles it shares, in order."""
    return [(entry.id, shared.of(n).tolist()) for n, entry in enumerate(shared.entries)]


def searches(archive):
    """Every story's search of its window, from one index."""
    searched = ShingleIndex(archive)
    results = []
    for story in stories(archive):
        days = window(story["published_day"], WINDOW_BEFORE, timedelta(0))
        query = Fingerprint.of(story_text(story)).shingles
        results.append(found(searched.sharing(query, days, story["published_day"])))
    return searched, results


def test_a_block_of_days_finds_what_the_days_searched_one_by_one_find(archive, monkeypatch):
    monkeypatch.setattr(index, "BLOCK_AFTER", len(stories(archive)) + 1)
    alone, each = searches(archive)
    monkeypatch.setattr(index, "BLOCK_AFTER", 1)
    together, blocked = searches(archive)
    assert not alone.blocks and together.blocks
    assert blocked == each
    assert sum(len(result) for result in each) > 100  # the gold set's stories share phrases


def test_a_day_of_a_block_that_changes_is_searched_as_it_is_now(archive):
    story = next(s for s in stories(archive) if s["source"] == "mpt_tatarstan")
    days = window(story["published_day"], WINDOW_BEFORE, timedelta(0))
    searched = ShingleIndex(archive)
    query = Fingerprint.of(story_text(story)).shingles
    today = days[-1]
    for _ in range(BLOCK_AFTER):
        searched.sharing(query, days, today)
    (block,) = searched.blocks.values()
    # the story itself, stored again on a day of the block: found there, not where it was
    moved = {**story, "published_day": days[0], "content_hash": "edited"}
    archive.db.execute(
        "UPDATE stories SET published_day = ?, content_hash = ? WHERE id = ?",
        [days[0], "edited", story["id"]],
    )
    try:
        searched.add(moved)
        shared = searched.sharing(query, days, today)
        assert not block.holds([searched.day(day) for day in days[:-1]])
        (entry,) = [e for e in shared.entries if e.id == story["id"]]
        assert entry.published_day == days[0]
    finally:
        archive.db.conn.rollback()


def test_a_shingle_most_of_a_day_shares_finds_nothing(archive, monkeypatch):
    """Boilerplate is judged day by day, in a block as alone."""
    story = stories(archive)[0]
    days = window(story["published_day"], WINDOW_BEFORE, timedelta(0))
    query = Fingerprint.of(story_text(story)).shingles
    monkeypatch.setattr(index, "BOILERPLATE", 0)
    searched = ShingleIndex(archive)
    for _ in range(BLOCK_AFTER):
        assert searched.sharing(query, days, days[-1]).entries == []
    assert searched.blocks
    assert np.all(searched.sharing(query, days).keys == [])
