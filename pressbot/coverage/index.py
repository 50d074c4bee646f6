"""Which stories share shingles with a text: an inverted index, one day at a time.

Linking looks only at a few days around a story, so the index holds the days
it was asked for (the most recent DAYS_KEPT of them), each read from the
archive on first use and kept up to date as stories are stored. A day's
postings are two sorted NumPy arrays (shingle, story), a few hundred kilobytes
for a busy day, searched for all of a story's shingles at once. A story is
measured only against the stories that share MIN_SHARED shingles with it,
never against every story of its window; a shingle that most of a day's
stories share (boilerplate) finds nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from pressbot.archive.database import Archive
from pressbot.coverage.reuse import shingles, story_text, text_words

DAYS_KEPT = 40  # days: links look 7 days around a story; stories come roughly in time order
MIN_SHARED = 3  # shingles: six shared words are a phrase, not a passage
BOILERPLATE = 25  # stories of one day sharing a shingle, beyond which it says nothing
ENTRY_COLUMNS = (
    "id, source, url, published_at, published_precision, published_day, release_key, "
    "content_hash, title, lead, body"
)


@dataclass(frozen=True, eq=False)
class Entry:
    """A stored story as linking sees it: when, whose, and its size in shingles."""

    id: int
    source: str
    url: str
    published_at: str
    published_precision: str
    published_day: str
    release_key: str
    content_hash: str
    size: int  # distinct shingles

    def __getitem__(self, name: str) -> Any:  # read like an archive row
        return getattr(self, name)


def read(row: Mapping) -> tuple[Entry, np.ndarray, list[int]]:
    """The entry for a stored story, its distinct shingles, and its shingles in order."""
    tokens = text_words(story_text(row))
    sequence = shingles(tokens)
    keys = np.unique(np.array(sequence, dtype=np.int64))
    entry = Entry(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        published_at=row["published_at"],
        published_precision=row["published_precision"],
        published_day=row["published_day"],
        release_key=row["release_key"] or "",
        content_hash=row["content_hash"],
        size=len(keys),
    )
    return entry, keys, sequence


class Day:
    """One day's stories and their shingles, sorted for search."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.keys = np.empty(0, dtype=np.int64)
        self.owners = np.empty(0, dtype=np.int64)
        self._added: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, entry: Entry, keys: np.ndarray) -> None:
        if entry.id in self.entries:
            self.remove(entry.id)
        self.entries[entry.id] = entry
        self._added.append((keys, np.full(len(keys), entry.id, dtype=np.int64)))

    def remove(self, story_id: int) -> None:
        del self.entries[story_id]
        self._merge()
        kept = self.owners != story_id
        self.keys, self.owners = self.keys[kept], self.owners[kept]

    def _merge(self) -> None:
        if not self._added:
            return
        keys = np.concatenate([self.keys, *(k for k, _ in self._added)])
        owners = np.concatenate([self.owners, *(o for _, o in self._added)])
        order = np.argsort(keys, kind="stable")
        self.keys, self.owners = keys[order], owners[order]
        self._added = []

    def sharing(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(story, shingle) pairs for the query's shingles found in this day's stories."""
        self._merge()
        left = np.searchsorted(self.keys, query, "left")
        counts = np.searchsorted(self.keys, query, "right") - left
        counts[counts > BOILERPLATE] = 0
        total = int(counts.sum())
        if not total:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
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
        found = Day()
        rows = self.archive.db.query(
            f"SELECT {ENTRY_COLUMNS} FROM stories WHERE published_day = ?", [day]
        )
        for row in rows:
            entry, keys, _ = read(row)
            found.add(entry, keys)
        self.days[day] = found
        if len(self.days) > self.days_kept:
            self.days.popitem(last=False)
        return found

    def add(self, row: Mapping) -> tuple[Entry, np.ndarray, list[int]]:
        """A story stored or changed: the days already read learn it."""
        entry, keys, sequence = read(row)
        for day in self.days.values():
            if entry.id in day.entries:
                day.remove(entry.id)
        if entry.published_day in self.days:
            self.days[entry.published_day].add(entry, keys)
        return entry, keys, sequence

    def entries(self, days: Iterable[str]) -> list[Entry]:
        return [entry for day in days for entry in self.day(day).entries.values()]

    def sharing(self, query: np.ndarray, days: Iterable[str]) -> dict[Entry, set[int]]:
        """The stories of `days` sharing MIN_SHARED shingles with a text, and which."""
        found: dict[Entry, set[int]] = {}
        for name in days:
            day = self.day(name)
            owners, keys = day.sharing(query)
            by_owner: dict[int, set[int]] = {}
            for owner, key in zip(owners.tolist(), keys.tolist(), strict=True):
                by_owner.setdefault(owner, set()).add(key)
            for owner, shared in by_owner.items():
                if len(shared) >= MIN_SHARED:
                    found[day.entries[owner]] = shared
        return found
