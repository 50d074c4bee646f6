"""Fingerprints kept in the archive: each story's text split and hashed once.

Splitting a text into words and hashing its shingles is most of what linking
costs, and linking reads each release many times: every story looks at a
week of releases, `scrapy link --rebuild` at every story. So the
`fingerprints` table keeps each story's `Fingerprint` beside the text it was
made from (`content_hash`) and the way it was made (`METHOD`); a story edited
since, or a new method, is fingerprinted again when next read. Hashes are 32
bits, stored as little-endian arrays: two different shingles of one week
collide about once in ten thousand stories, and cost that story one
shingle's share.

A reader that may not write (the link worker, on a read-only connection)
registers a `keep_with` collector: the fingerprints it makes go there, for
the crawl to `store` with what it decided.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary

from sqlite_utils import Database

from pressbot.coverage.reuse import Fingerprint, story_text

METHOD = "crc32-shingle5-stem6/1"
TEXT_FIELDS = ("title", "lead", "body")  # what a fingerprint is made of (`story_text`)
_BATCH = 500  # ids in one query: well under SQLite's limit on parameters
# rows made while reading a database, given to its collector instead of stored in it
Keeper = Callable[[list[tuple]], None]
_KEEPERS: WeakKeyDictionary[Database, Keeper] = WeakKeyDictionary()


def joined(columns: str, where: str) -> str:
    """A query of stories `s` (`where`) and their current fingerprints, `shingles` and
    `content` NULL where there is none; its first parameter is METHOD."""
    return (
        f"SELECT {columns}, f.shingles, f.content FROM stories s LEFT JOIN fingerprints f "
        "ON f.story_id = s.id AND f.content_hash = s.content_hash AND f.method = ? "
        f"WHERE {where}"
    )


def read(
    db: Database, columns: str, where: str, params: Sequence
) -> Iterator[tuple[tuple, Fingerprint]]:
    """Stored stories (`columns` of stories `s` where `where`, the first one `s.id`) as
    tuples, with their fingerprints; those without a current one are fingerprinted from
    their text, which is stored."""
    rows = db.execute(joined(columns, where), [METHOD, *params]).fetchall()
    made = make(db, [row[0] for row in rows if row[-2] is None])
    for *row, shingles, content in rows:
        yield tuple(row), made.get(row[0]) or Fingerprint(shingles, content)


def of_story(db: Database, story: Any) -> Fingerprint:
    """A stored story's fingerprint (`story`: an archive row or an index entry, read by
    name): the one stored for its text, or else made and stored, from the title, lead
    and body of a row that carries them, else from those read from the archive."""
    row = db.execute(
        "SELECT shingles, content FROM fingerprints "
        "WHERE story_id = ? AND content_hash = ? AND method = ?",
        [story["id"], story["content_hash"], METHOD],
    ).fetchone()
    if row is not None:
        return Fingerprint(*row)
    if isinstance(story, Mapping) and all(field in story for field in TEXT_FIELDS):
        return _made(db, [story])[story["id"]]
    return make(db, [story["id"]])[story["id"]]


def make(db: Database, ids: Iterable[int]) -> dict[int, Fingerprint]:
    """Fingerprint these stories from their stored text, and store the fingerprints (or
    hand them to the database's `keep_with` collector)."""
    ids = list(ids)
    made: dict[int, Fingerprint] = {}
    for first in range(0, len(ids), _BATCH):
        batch = ids[first : first + _BATCH]
        rows = db.query(
            f"SELECT id, content_hash, {', '.join(TEXT_FIELDS)} FROM stories "
            f"WHERE id IN ({', '.join('?' * len(batch))})",
            batch,
        )
        made.update(_made(db, rows))
    return made


def _made(db: Database, stories: Iterable[Mapping]) -> dict[int, Fingerprint]:
    """Fingerprint these stories (id, content_hash and text), and store the fingerprints."""
    made: dict[int, Fingerprint] = {}
    stored = []
    for story in stories:
        made[story["id"]] = found = Fingerprint.of(story_text(story))
        stored.append((story["id"], story["content_hash"], METHOD, *found.stored()))
    (_KEEPERS.get(db) or partial(store, db))(stored)
    return made


def keep_with(db: Database, keeper: Keeper) -> None:
    """Fingerprints made while reading `db` go to `keeper` (rows for `store`), not into it."""
    _KEEPERS[db] = keeper


def store(db: Database, rows: list[tuple]) -> None:
    """Store fingerprint rows: (story_id, content_hash, method, shingles, content)."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO fingerprints "
        "(story_id, content_hash, method, shingles, content) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
