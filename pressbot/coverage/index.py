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
_HIGH, _LOW = np.uint64(32), np.uint64(0xFFFFFFFF)
# The days around a text's own day are searched as one `Block` once they have been
# searched BLOCK_AFTER times unchanged (a day's stories linked one after another):
# making a block costs about what a dozen searches day by day would.
BLOCK_AFTER = 12
BLOCKS_KEPT = 8
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
    """One day's stories and their shingles, sorted for search; `version` counts its
    changes."""

    def __init__(self, stories: list[tuple[tuple, Fingerprint]]) -> None:
        """A day of `stories`: (the FIELDS of a story, its fingerprint)."""
        ids = np.array([row[0] for row, _ in stories], dtype=np.int64)
        stored = [found.stored()[0] for _, found in stories]
        lengths = [len(sequence) // STORED.itemsize for sequence in stored]
        number = np.repeat(np.arange(len(stories), dtype=np.uint64), lengths)
        shingles = np.frombuffer(b"".join(stored), dtype=STORED)
        # each (shingle, story) once, sorted by shingle: the shingle in the high half
        pairs = distinct((shingles.astype(np.uint64) << _HIGH) | number)
        self.keys = pairs >> _HIGH  # 64 bits wide: a `Block` numbers its days above them
        number = (pairs & _LOW).astype(np.intp)
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
        self.version = 0

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            self.remove(entry.id)
        self.entries[entry.id] = entry
        self.of_source.setdefault(entry.source, {})[entry.id] = entry
        keys = entry.fingerprint.shingles.astype(np.uint64)
        at = np.searchsorted(self.keys, keys)  # inserted in place: the day stays sorted
        self.keys = np.insert(self.keys, at, keys)
        self.owners = np.insert(self.owners, at, entry.id)
        self.present[keys >> _PRESENT_SHIFT] = True
        self.version += 1

    def remove(self, story_id: int) -> None:
        """The story's shingles go; their marks in `present` stay (a search finds nothing
        there)."""
        del self.of_source[self.entries.pop(story_id).source][story_id]
        kept = self.owners != story_id
        self.keys, self.owners = self.keys[kept], self.owners[kept]
        self.version += 1


class Block:
    """Days searched as one: each day's shingles with the day's number in the block
    above them, so that the days' postings, one day after the other, are one sorted
    array, and a text's shingles are looked up in all the days at once. A block of one
    day is that day's own arrays; a block of several is made for one `version` of each."""

    def __init__(self, days: list[Day]) -> None:
        self.days = days
        self.versions = [day.version for day in days]
        if len(days) == 1:
            self.keys, self.owners, self.present = days[0].keys, days[0].owners, days[0].present
        else:
            self.keys = np.concatenate(
                [day.keys | (np.uint64(n) << _HIGH) for n, day in enumerate(days)]
            )
            self.owners = np.concatenate([day.owners for day in days])
            self.present = np.logical_or.reduce([day.present for day in days])
        self.numbers = (np.arange(len(days), dtype=np.uint64) << _HIGH)[:, np.newaxis]

    def holds(self, days: list[Day]) -> bool:
        """Whether the block is made of these days as they are now."""
        return len(days) == len(self.days) and all(
            day is mine and day.version == version
            for day, mine, version in zip(days, self.days, self.versions, strict=True)
        )

    def sharing(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(story, shingle, its day's number) for the query's shingles found in these days'
        stories; a shingle more than BOILERPLATE stories of one day share is left out."""
        query = query[self.present[query >> _PRESENT_SHIFT]]
        asked = (self.numbers | query.astype(np.uint64)).ravel()  # day after day, each sorted
        left = np.searchsorted(self.keys, asked, "left")
        counts = np.searchsorted(self.keys, asked, "right") - left
        counts[counts > BOILERPLATE] = 0
        total = int(counts.sum())
        if not total:
            return np.empty(0, np.int64), np.empty(0, np.uint32), np.empty(0, np.intp)
        starts = np.repeat(left - np.cumsum(counts) + counts, counts)
        keys = self.keys[starts + np.arange(total)]
        owners = self.owners[starts + np.arange(total)]
        return owners, (keys & _LOW).astype(np.uint32), (keys >> _HIGH).astype(np.intp)


class ShingleIndex:
    def __init__(self, archive: Archive, days_kept: int = DAYS_KEPT):
        self.archive = archive
        self.days_kept = days_kept
        self.days: OrderedDict[str, Day] = OrderedDict()
        self.blocks: OrderedDict[tuple[str, ...], Block] = OrderedDict()
        # days searched apart lately: how they were (each day and its version), how often
        self.searched: OrderedDict[tuple[str, ...], tuple[tuple, int]] = OrderedDict()

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

    def blocks_of(self, names: tuple[str, ...], own: str | None) -> list[Block]:
        """The days to search, as blocks: the days around a text's `own` day (where the
        stories being linked are stored, so it changes with each) as one block once they
        have been searched BLOCK_AFTER times as they are; otherwise each day alone."""
        others = tuple(name for name in names if name != own)
        days = [self.day(name) for name in others]
        blocks = [Block([self.day(own)])] if own in names else []
        block = self.blocks.get(others)
        if block is not None and block.holds(days):
            self.blocks.move_to_end(others)
            return [block, *blocks]
        stamp = tuple((id(day), day.version) for day in days)
        before, times = self.searched.pop(others, (stamp, 0))
        times = times + 1 if before == stamp else 1
        if times < BLOCK_AFTER or len(days) < 2:
            self.searched[others] = (stamp, times)
            if len(self.searched) > BLOCKS_KEPT:
                self.searched.popitem(last=False)
            return [Block([day]) for day in days] + blocks
        self.blocks[others] = block = Block(days)
        if len(self.blocks) > BLOCKS_KEPT:
            self.blocks.popitem(last=False)
        return [block, *blocks]

    def sharing(self, query: np.ndarray, days: Iterable[str], own: str | None = None) -> Shared:
        """The stories of `days` sharing MIN_SHARED shingles with a text, and which;
        `own` is the text's own day, if among them (see `blocks_of`)."""
        blocks = self.blocks_of(tuple(days), own)
        found = [block.sharing(query) for block in blocks]
        read = [day for block in blocks for day in block.days]
        first = np.cumsum([0] + [len(block.days) for block in blocks])
        owners = np.concatenate([owners for owners, _, _ in found])
        order = np.argsort(owners, kind="stable")  # by story; each story's in query order
        owners, keys = owners[order], np.concatenate([keys for _, keys, _ in found])[order]
        where = np.concatenate([n + first[b] for b, (_, _, n) in enumerate(found)])[order]
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
