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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

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


class Day:
    """One day's stories and their shingles, sorted for search."""

    def __init__(self, stories: list[tuple[tuple, Fingerprint]]) -> None:
        """A day of `stories`: (the FIELDS of a story, its fingerprint)."""
        ids = np.array([row[0] for row, _ in stories], dtype=np.int64)
        stored = [found.stored()[0] for _, found in stories]
        lengths = [len(sequence) // STORED.itemsize for sequence in stored]
        number = np.repeat(np.arange(len(stories), dtype=np.uint64), lengths)
        shingles = np.frombuffer(b"".join(stored), dtype=STORED)
        # each (shingle, story) once, sorted by shingle: the shingle in the high half
        pairs = distinct((shingles.astype(np.uint64) << np.uint64(32)) | number)
        self.keys = (pairs >> np.uint64(32)).astype(np.uint32)
        number = (pairs & np.uint64(0xFFFFFFFF)).astype(np.intp)
        self.owners = ids[number]
        sizes = np.bincount(number, minlength=len(stories))
        self.present = np.zeros(1 << PRESENT_BITS, dtype=bool)
        self.present[self.keys >> _PRESENT_SHIFT] = True
        self.entries = {
            row[0]: Entry.stored(row, found, size)
            for (row, found), size in zip(stories, sizes.tolist(), strict=True)
        }
        self.of_source: dict[str, dict[int, Entry]] = {}
        for entry in self.entries.values():
            self.of_source.setdefault(entry.source, {})[entry.id] = entry

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            self.remove(entry.id)
        self.entries[entry.id] = entry
        self.of_source.setdefault(entry.source, {})[entry.id] = entry
        keys = entry.fingerprint.shingles
        at = np.searchsorted(self.keys, keys)  # inserted in place: the day stays sorted
        self.keys = np.insert(self.keys, at, keys)
        self.owners = np.insert(self.owners, at, entry.id)
        self.present[keys >> _PRESENT_SHIFT] = True

    def remove(self, story_id: int) -> None:
        """The story's shingles go; their marks in `present` stay (a search finds nothing
        there)."""
        del self.of_source[self.entries.pop(story_id).source][story_id]
        kept = self.owners != story_id
        self.keys, self.owners = self.keys[kept], self.owners[kept]

    def sharing(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(story, shingle) pairs for the query's shingles found in this day's stories."""
        query = query[self.present[query >> _PRESENT_SHIFT]]
        left = np.searchsorted(self.keys, query, "left")
        counts = np.searchsorted(self.keys, query, "right") - left
        counts[counts > BOILERPLATE] = 0
        total = int(counts.sum())
        if not total:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
        starts = np.repeat(left - np.cumsum(counts) + counts, counts)
        positions = starts + np.arange(total)
        return self.owners[positions], np.repeat(query, counts)


class ShingleIndex:
    def __init__(self, archive: Archive, days_kept: int = DAYS_KEPT):
        self.archive = archive
        self.days_kept = days_kept
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
            )
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
            found = fingerprints.of_story(self.archive.db, story["id"], story["content_hash"])
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

    def sharing(self, query: np.ndarray, days: Iterable[str]) -> Shared:
        """The stories of `days` sharing MIN_SHARED shingles with a text, and which."""
        read = [self.day(name) for name in days]
        found = [day.sharing(query) for day in read]
        owners = np.concatenate([owners for owners, _ in found])
        order = np.argsort(owners, kind="stable")  # by story; each story's in query order
        owners, keys = owners[order], np.concatenate([keys for _, keys in found])[order]
        where = np.repeat(np.arange(len(read)), [owners.size for owners, _ in found])[order]
        starts = np.flatnonzero(np.diff(owners, prepend=-1))
        counts = np.diff(starts, append=owners.size)
        group = np.repeat(np.arange(starts.size), counts)
        chosen = counts >= MIN_SHARED
        kept = chosen[group]
        firsts = starts[chosen]
        entries = [
            read[day].entries[story]
            for day, story in zip(where[firsts].tolist(), owners[firsts].tolist(), strict=True)
        ]
        return Shared(entries, (np.cumsum(chosen) - 1)[group[kept]], keys[kept])
