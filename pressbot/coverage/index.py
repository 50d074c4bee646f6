"""Which stories share shingles with a text: an inverted index, one day at a time.

Linking looks only at a few days around a story, so the index holds the
days it was asked for (the most recent DAYS_KEPT of them), each read from
the archive on first use and kept up to date as stories are stored. A story
is measured against the stories that share at least one shingle with it,
found through the index, never against every story of its window.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pressbot.archive.database import Archive
from pressbot.coverage.reuse import Fingerprint

DAYS_KEPT = 32
ENTRY_COLUMNS = (
    "id, source, url, published_at, published_precision, published_day, release_key, "
    "content_hash, title, lead, body"
)


@dataclass(frozen=True)
class Entry:
    """A stored story as linking sees it: when, whose, and its shingles."""

    id: int
    source: str
    url: str
    published_at: str
    published_precision: str
    published_day: str
    release_key: str
    content_hash: str
    shingles: tuple[int, ...]

    def __getitem__(self, name: str):  # read like an archive row
        return getattr(self, name)

    @property
    def size(self) -> int:
        return len(self.shingles)

    @classmethod
    def of(cls, row: Mapping) -> Entry:
        shingles = Fingerprint.of(row["title"], row["lead"], row["body"]).shingles
        return cls(
            id=row["id"],
            source=row["source"],
            url=row["url"],
            published_at=row["published_at"],
            published_precision=row["published_precision"],
            published_day=row["published_day"],
            release_key=row["release_key"] or "",
            content_hash=row["content_hash"],
            shingles=tuple(shingles),
        )


class Day:
    """One day's stories and, for each shingle, the stories that have it."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.postings: dict[int, list[int]] = {}

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            self.remove(entry.id)
        self.entries[entry.id] = entry
        for shingle in entry.shingles:
            self.postings.setdefault(shingle, []).append(entry.id)

    def remove(self, story_id: int) -> None:
        entry = self.entries.pop(story_id)
        for shingle in entry.shingles:
            holders = self.postings[shingle]
            holders.remove(story_id)
            if not holders:
                del self.postings[shingle]


class ShingleIndex:
    def __init__(self, archive: Archive, days_kept: int = DAYS_KEPT):
        self.archive = archive
        self.days_kept = days_kept
        self.days: OrderedDict[str, Day] = OrderedDict()

    def day(self, day: str) -> Day:
        found = self.days.get(day)
        if found is None:
            found = Day()
            rows = self.archive.db.query(
                f"SELECT {ENTRY_COLUMNS} FROM stories WHERE published_day = ?", [day]
            )
            for row in rows:
                found.add(Entry.of(row))
            self.days[day] = found
            if len(self.days) > self.days_kept:
                self.days.popitem(last=False)
        else:
            self.days.move_to_end(day)
        return found

    def add(self, row: Mapping) -> Entry:
        """A story stored or changed: the days already read learn it."""
        entry = Entry.of(row)
        for day in self.days.values():
            if entry.id in day.entries:
                day.remove(entry.id)
        if entry.published_day in self.days:
            self.days[entry.published_day].add(entry)
        return entry

    def entries(self, days: Iterable[str]) -> list[Entry]:
        return [entry for day in days for entry in self.day(day).entries.values()]

    def sharing(self, shingles: frozenset[int], days: Iterable[str]) -> dict[int, set[int]]:
        """The stories of `days` that share shingles with a text, and which shingles."""
        found: dict[int, set[int]] = {}
        for day in days:
            postings = self.day(day).postings
            for shingle in shingles:
                for story_id in postings.get(shingle, ()):
                    found.setdefault(story_id, set()).add(shingle)
        return found

    def entry(self, story_id: int, days: Iterable[str]) -> Entry:
        for day in days:
            found = self.day(day).entries.get(story_id)
            if found is not None:
                return found
        raise KeyError(story_id)
