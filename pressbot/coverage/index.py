"""Which stories share shingles with a text: an inverted index, one day at a time.

Linking looks only at a few days around a story, so the index holds the days
it was asked for (the most recent DAYS_KEPT of them), each read from the
archive on first use with its stories' stored fingerprints
(`pressbot.coverage.fingerprints`: no text is split again), and kept up to
date as stories are stored. A day's postings are two sorted NumPy arrays
(shingle, story), a few hundred kilobytes for a busy day, searched for all of
a story's shingles at once. A story is measured only against the stories that
share MIN_SHARED shingles with it, never against every story of its window; a
shingle that most of a day's stories share (boilerplate) finds nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, cast

import numpy as np

from pressbot.archive.database import Archive
from pressbot.coverage import fingerprints
from pressbot.coverage.reuse import STORED, Fingerprint, distinct

DAYS_KEPT = 40  # days: links look 7 days around a story; stories come roughly in time order
MIN_SHARED = 3  # shingles: six shared words are a phrase, not a passage
BOILERPLATE = 25  # stories of one day sharing a shingle, beyond which it says nothing
# A day also marks which of 2**PRESENT_BITS ranges of hashes its shingles fall in, so a
# search skips at once most of a text's shingles (no day holds them): 256 KB a day.
PRESENT_BITS = 18
_PRESENT_SHIFT = np.uint32(32 - PRESENT_BITS)
FIELDS = (
    "id",
    "source",
    "published_at",
    "published_precision",
    "published_day",
    "release_key",
    "content_hash",
)
ENTRY_COLUMNS = ", ".join(FIELDS)


class Row(Protocol):
    """An archive row or an index `Entry`: fields read by name."""

    def __getitem__(self, name: str) -> Any: ...


@dataclass(eq=False, slots=True)
class Entry:
    """A stored story as linking sees it: when, whose, and its fingerprint."""

    id: int
    source: str
    published_at: str
    published_precision: str
    published_day: str
    release_key: str | None
    content_hash: str
    fingerprint: Fingerprint
    size: int  # distinct shingles

    @classmethod
    def of(cls, row: Row, fingerprint: Fingerprint, size: int) -> Entry:
        return cls(**{field: row[field] for field in FIELDS}, fingerprint=fingerprint, size=size)

    @classmethod
    def stored(cls, row: tuple, fingerprint: Fingerprint, size: int) -> Entry:
        """The entry of a story read as a tuple of its FIELDS."""
        story_id, source, at, precision, day, release_key, content_hash = row
        return cls(
            story_id, source, at, precision, day, release_key, content_hash, fingerprint, size
        )

    def __getitem__(self, name: str) -> Any:  # read like an archive row
        return getattr(self, name)


@dataclass(frozen=True)
class Shared:
    """Stories sharing shingles with a text: `entries[which[i]]` shares shingle `keys[i]`."""

    entries: list[Entry]
    which: np.ndarray
    keys: np.ndarray

    def of(self, index: int) -> np.ndarray:
        """The shingles `entries[index]` shares."""
        return self.keys[self.which == index]


_NOTHING = (np.empty(0, dtype=np.intp), np.empty(0, dtype=np.uint32))


class Day:
    """One day's stories and their shingles, sorted for search.

    Each story has a number in its day (its place in `listed`), so the stories
    a search finds are counted with `np.bincount`, not sorted. `present` marks
    the hash ranges of every story's shingles, `candidates_present` those of the
    stories of `candidate` sources alone."""

    def __init__(
        self, stories: list[tuple[tuple, Fingerprint]], candidate: Callable[[str], bool]
    ) -> None:
        """A day of `stories`: (the FIELDS of a story, its fingerprint)."""
        self.candidate = candidate
        stored = [found.stored()[0] for _, found in stories]
        lengths = [len(sequence) // STORED.itemsize for sequence in stored]
        number = np.repeat(np.arange(len(stories), dtype=np.uint64), lengths)
        shingles = np.frombuffer(b"".join(stored), dtype=STORED)
        # each (shingle, story) once, sorted by shingle: the shingle in the high half
        pairs = distinct((shingles.astype(np.uint64) << np.uint64(32)) | number)
        self.keys = (pairs >> np.uint64(32)).astype(np.uint32)
        self.numbers = (pairs & np.uint64(0xFFFFFFFF)).astype(np.intp)
        self.sizes = np.bincount(self.numbers, minlength=len(stories))
        self.present = np.zeros(1 << PRESENT_BITS, dtype=bool)
        self.present[self.keys >> _PRESENT_SHIFT] = True
        of_candidates = np.array([candidate(row[1]) for row, _ in stories], dtype=bool)
        self.candidates_present = np.zeros(1 << PRESENT_BITS, dtype=bool)
        self.candidates_present[self.keys[of_candidates[self.numbers]] >> _PRESENT_SHIFT] = True
        # a story removed leaves None in its place: the numbers of the others hold
        self.listed: list[Entry | None] = [
            Entry.stored(row, found, size)
            for (row, found), size in zip(stories, self.sizes.tolist(), strict=True)
        ]
        self.entries: dict[int, Entry] = {}
        self.number_of: dict[int, int] = {}
        self.of_source: dict[str, dict[int, Entry]] = {}
        for place, entry in enumerate(self.listed):
            self._hold(cast(Entry, entry), place)

    def _hold(self, entry: Entry, number: int) -> None:
        self.entries[entry.id] = entry
        self.number_of[entry.id] = number
        self.of_source.setdefault(entry.source, {})[entry.id] = entry

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            self.remove(entry.id)
        number = len(self.listed)
        self.listed.append(entry)
        self._hold(entry, number)
        self.sizes = np.append(self.sizes, entry.size)
        keys = entry.fingerprint.shingles
        at = np.searchsorted(self.keys, keys)  # inserted in place: the day stays sorted
        self.keys = np.insert(self.keys, at, keys)
        self.numbers = np.insert(self.numbers, at, number)
        self.present[keys >> _PRESENT_SHIFT] = True
        if self.candidate(entry.source):
            self.candidates_present[keys >> _PRESENT_SHIFT] = True

    def remove(self, story_id: int) -> None:
        """The story's shingles go; their marks in `present` stay (a search finds nothing
        there)."""
        del self.of_source[self.entries.pop(story_id).source][story_id]
        number = self.number_of.pop(story_id)
        self.listed[number] = None
        self.sizes[number] = 0
        kept = self.numbers != number
        self.keys, self.numbers = self.keys[kept], self.numbers[kept]

    def sharing(
        self, query: np.ndarray, candidates_only: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """(story number, shingle) pairs for the query's shingles found in this day; with
        `candidates_only`, for those a candidate story may have."""
        present = self.candidates_present if candidates_only else self.present
        query = query[present[query >> _PRESENT_SHIFT]]
        if not query.size:
            return _NOTHING
        left = self.keys.searchsorted(query, "left")
        counts = self.keys.searchsorted(query, "right") - left
        counts[counts > BOILERPLATE] = 0
        total = int(counts.sum())
        if not total:
            return _NOTHING
        starts = np.repeat(left - np.cumsum(counts) + counts, counts)
        return self.numbers[starts + np.arange(total)], np.repeat(query, counts)


def _every_source(source: str) -> bool:
    return True


class ShingleIndex:
    """The days asked for, the most recent DAYS_KEPT of them. `candidate` tells the
    sources whose stories a search may be limited to (`candidates_only`)."""

    def __init__(
        self,
        archive: Archive,
        days_kept: int = DAYS_KEPT,
        candidate: Callable[[str], bool] = _every_source,
    ):
        self.archive = archive
        self.days_kept = days_kept
        self.candidate = candidate
        self.days: OrderedDict[str, Day] = OrderedDict()

    def day(self, day: str) -> Day:
        found = self.days.get(day)
        if found is not None:
            self.days.move_to_end(day)
            return found
        found = Day(
            list(
                fingerprints.read(
                    self.archive.db,
                    ", ".join(f"s.{field}" for field in FIELDS),
                    "s.published_day = ?",
                    [day],
                )
            ),
            self.candidate,
        )
        self.days[day] = found
        if len(self.days) > self.days_kept:
            self.days.popitem(last=False)
        return found

    def add(self, story: Row) -> Entry:
        """A stored story, new or changed since its day was read: its entry, up to date."""
        day = self.day(story["published_day"])
        known = day.entries.get(story["id"])
        if known is not None and all(known[field] == story[field] for field in FIELDS):
            return known
        if known is not None and known.content_hash == story["content_hash"]:
            found = known.fingerprint
        else:
            found = fingerprints.of_story(self.archive.db, story)
        entry = Entry.of(story, found, found.shingles.size)
        for other in self.days.values():
            if entry.id in other.entries:
                other.remove(entry.id)
        day.add(entry)
        return entry

    def entries(self, days: Iterable[str], source: str | None = None) -> list[Entry]:
        """The stories of these days (of one source, with `source`)."""
        if source is None:
            return [entry for day in days for entry in self.day(day).entries.values()]
        return [e for day in days for e in self.day(day).of_source.get(source, {}).values()]

    def found(self, ids: Iterable[int], days: Iterable[str]) -> list[Entry]:
        """The entries of these stories that are stories of these days (each story is in
        one day at most): looked up by id, not by going through every story of the days."""
        read = [self.day(name).entries for name in days]
        entries = (next((day[i] for day in read if i in day), None) for i in ids)
        return [entry for entry in entries if entry is not None]

    def sharing(
        self,
        query: np.ndarray,
        days: Iterable[str],
        fewest: Callable[[np.ndarray], np.ndarray] | None = None,
        candidates_only: bool = False,
    ) -> Shared:
        """The stories of `days` sharing MIN_SHARED shingles with a text, and which.

        With `fewest`, a story must share at least `fewest(sizes)` of them: the
        fewest a story of each size (distinct shingles) can share and matter.
        With `candidates_only`, only shingles some candidate story of their day
        has are looked up: the candidates' answer is whole, another story's may
        lack shingles it shares with no candidate."""
        read = [self.day(name) for name in days]
        found = [day.sharing(query, candidates_only) for day in read]
        sizes = [len(day.listed) for day in read]
        # the window's stories numbered one after the other, day by day
        starts = np.cumsum(sizes) - sizes
        numbers = np.concatenate(
            [n + start for (n, _), start in zip(found, starts.tolist(), strict=True)]
        )
        counts = np.bincount(numbers, minlength=sum(sizes))
        chosen = counts >= MIN_SHARED
        if fewest is not None:
            chosen &= counts >= fewest(np.concatenate([day.sizes for day in read]))
        picked = np.flatnonzero(chosen)
        where = np.searchsorted(starts, picked, "right") - 1  # the day of each
        # a removed story (None) has no shingles left to share
        entries = [
            cast(Entry, read[day].listed[number])
            for day, number in zip(where.tolist(), (picked - starts[where]).tolist(), strict=True)
        ]
        kept = chosen[numbers]
        which = (np.cumsum(chosen) - 1)[numbers[kept]]
        return Shared(entries, which, np.concatenate([keys for _, keys in found])[kept])
