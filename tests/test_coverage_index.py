"""The shingle index: the stories of a few days that share phrases with a text."""

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from pressbot.archive.database import Archive
from pressbot.coverage import index
from pressbot.coverage.gold import load_gold
from pressbot.coverage.index import ShingleIndex
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


def days_of(story):
    return window(story["published_day"], WINDOW_BEFORE, timedelta(0))


def test_a_search_finds_every_story_sharing_three_shingles_and_which(archive):
    """The index's answer, against every story of the window compared one by one."""
    searched = ShingleIndex(archive)
    shingles_of: dict[int, set[int]] = {}  # each story's, made once
    compared = 0
    for story in stories(archive):
        query = Fingerprint.of(story_text(story)).shingles
        shared = searched.sharing(query, days_of(story))
        found = {entry.id: shared.of(n).tolist() for n, entry in enumerate(shared.entries)}
        asked = set(query.tolist())
        for other in searched.entries(days_of(story)):
            if other.id not in shingles_of:
                shingles_of[other.id] = set(other.fingerprint.shingles.tolist())
            both = sorted(asked & shingles_of[other.id])
            if len(both) >= index.MIN_SHARED:
                assert found.pop(other.id) == both
                compared += 1
        assert found == {}  # nothing else
    assert compared > 100  # the gold set's stories share phrases


def test_a_search_with_a_bound_keeps_the_stories_sharing_as_many(archive):
    """`fewest`: per story, by its size; the rest of the answer as without it."""
    searched = ShingleIndex(archive)
    asked = [(Fingerprint.of(story_text(s)).shingles, days_of(s)) for s in stories(archive)]
    query, days = max(asked, key=lambda found: len(searched.sharing(*found).entries))
    every = searched.sharing(query, days)
    fewest: dict[int, int] = {}  # by size: as many as one story of that size shares, or one more
    for n, entry in enumerate(every.entries):
        fewest.setdefault(entry.size, every.of(n).size + n % 2)
    bounded = searched.sharing(
        query, days, lambda sizes: np.array([fewest.get(size, 0) for size in sizes.tolist()])
    )
    expected = {
        entry.id: every.of(n).tolist()
        for n, entry in enumerate(every.entries)
        if every.of(n).size >= fewest[entry.size]
    }
    assert 0 < len(expected) < len(every.entries)
    assert {e.id: bounded.of(n).tolist() for n, e in enumerate(bounded.entries)} == expected


def test_a_search_among_candidates_answers_for_each_candidate_as_a_full_one(archive):
    """`candidates_only`: a candidate's shingles as a full search finds them; a search
    where no source is a candidate finds nothing."""

    def answer(shared, sources=None):
        return {
            entry.id: shared.of(n).tolist()
            for n, entry in enumerate(shared.entries)
            if sources is None or entry.source in sources
        }

    ministries = {s["source"] for s in stories(archive) if s["source"].endswith("_tatarstan")}
    searched = ShingleIndex(archive, candidate=ministries.__contains__)
    nowhere = ShingleIndex(archive, candidate=lambda source: False)
    compared = 0
    for story in stories(archive):
        query, days = Fingerprint.of(story_text(story)).shingles, days_of(story)
        full = answer(searched.sharing(query, days), ministries)
        assert answer(searched.sharing(query, days, candidates_only=True), ministries) == full
        assert nowhere.sharing(query, days, candidates_only=True).entries == []
        compared += len(full)
    assert compared > 50


def test_a_shingle_most_of_a_day_shares_finds_nothing(archive, monkeypatch):
    story = stories(archive)[0]
    query = Fingerprint.of(story_text(story)).shingles
    assert ShingleIndex(archive).sharing(query, days_of(story)).entries
    monkeypatch.setattr(index, "BOILERPLATE", 0)
    assert ShingleIndex(archive).sharing(query, days_of(story)).entries == []


def test_a_day_keeps_its_stories_by_source(archive):
    searched = ShingleIndex(archive)
    story = next(s for s in stories(archive) if s["source"] == "mpt_tatarstan")
    days = days_of(story)
    every = searched.entries(days)
    assert {e.id for e in searched.entries(days, "mpt_tatarstan")} == {
        e.id for e in every if e.source == "mpt_tatarstan"
    }
    assert searched.entries(days, "no_such_source") == []


def test_stories_are_found_by_id_among_the_days_asked(archive):
    searched = ShingleIndex(archive)
    story = stories(archive)[-1]
    days = days_of(story)
    every = {e.id: e for e in searched.entries(days)}
    outside = {s["id"] for s in stories(archive)} - set(every)
    assert outside and len(every) > 3
    asked = [*sorted(every)[:3], *sorted(outside)[:2], -1]
    assert searched.found(asked, days) == [every[i] for i in sorted(every)[:3]]


def test_a_day_is_read_from_the_linking_index_alone(archive):
    """Migration m011's covering index holds every field an entry reads (FIELDS): a day
    is read without the stories' rows, which carry their text."""
    columns = ", ".join(f"s.{field}" for field in index.FIELDS)
    plan = archive.db.execute(
        f"EXPLAIN QUERY PLAN SELECT {columns} FROM stories s WHERE s.published_day = ?",
        ["2025-11-12"],
    ).fetchall()
    assert "USING COVERING INDEX idx_stories_linking" in " ".join(row[-1] for row in plan)
