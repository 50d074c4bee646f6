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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from sqlite_utils import Database

from pressbot.coverage.reuse import Fingerprint, story_text

METHOD = "crc32-shingle5-stem6/1"
_STORED = "<u4"
_BATCH = 500  # ids in one query: well under SQLite's limit on parameters


def pack(values: np.ndarray) -> bytes:
    return values.astype(_STORED).tobytes()


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=_STORED).astype(np.uint32, copy=False)


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
) -> Iterator[tuple[dict, Fingerprint]]:
    """Stored stories (`columns` of stories `s` where `where`) with their fingerprints;
    those without a current one are fingerprinted from their text, which is stored."""
    rows = list(db.query(joined(columns, where), [METHOD, *params]))
    made = make(db, [row["id"] for row in rows if row["shingles"] is None])
    for row in rows:
        found = made.get(row["id"])
        if found is None:
            found = Fingerprint(unpack(row["shingles"]), unpack(row["content"]))
        yield row, found


def of_story(db: Database, story_id: int, content_hash: str) -> Fingerprint:
    """A stored story's fingerprint: the one stored for this text, or else made and stored."""
    row = next(
        db.query(
            "SELECT shingles, content FROM fingerprints "
            "WHERE story_id = ? AND content_hash = ? AND method = ?",
            [story_id, content_hash, METHOD],
        ),
        None,
    )
    if row is not None:
        return Fingerprint(unpack(row["shingles"]), unpack(row["content"]))
    return make(db, [story_id])[story_id]


def make(db: Database, ids: Iterable[int]) -> dict[int, Fingerprint]:
    """Fingerprint these stories from their stored text, and store the fingerprints."""
    ids = list(ids)
    made: dict[int, Fingerprint] = {}
    for first in range(0, len(ids), _BATCH):
        batch = ids[first : first + _BATCH]
        rows = db.query(
            "SELECT id, content_hash, title, lead, body FROM stories "
            f"WHERE id IN ({', '.join('?' * len(batch))})",
            batch,
        )
        stored = []
        for row in rows:
            made[row["id"]] = found = Fingerprint.of(story_text(row))
            stored.append(
                (row["id"], row["content_hash"], METHOD, pack(found.sequence), pack(found.content))
            )
        db.conn.executemany(
            "INSERT OR REPLACE INTO fingerprints "
            "(story_id, content_hash, method, shingles, content) VALUES (?, ?, ?, ?, ?)",
            stored,
        )
    return made
