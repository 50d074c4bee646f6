"""The archive: one SQLite file (its schema is in `pressbot.archive.schema`).

`Archive.save_story` is where a sighting meets the stories already stored:
it becomes a new story, a revision of one, or just a later `last_seen_at`.
Writes are committed in batches (and at close); WAL mode keeps readers such
as Datasette unblocked and makes a killed crawl lose at most one batch.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from sqlite_utils import Database

from pressbot.archive.identity import (
    content_hash,
    gains_precision,
    match_key,
    published_day,
    same_moment,
    title_key,
)
from pressbot.archive.schedule import next_check, parse_schedule
from pressbot.archive.schema import MIGRATIONS
from pressbot.archive.usable import check_usable

# Fields whose change makes a revision; the rest ride along with one.
REVISED_FIELDS = ("title", "lead", "body", "updated_at")
CARRIED_FIELDS = (
    "dateline",
    "updated_local",
    "authors",
    "tags",
    "images",
    "release_key",
    "photoreport_url",
)

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
# a story by its URL, else by an alias: one statement, which stops at the first row found
_BY_URL = (
    "SELECT * FROM stories WHERE source = ? AND url = ? UNION ALL "
    "SELECT s.* FROM story_aliases a JOIN stories s ON s.id = a.story_id "
    "WHERE a.url = ? AND s.source = ? LIMIT 1"
)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Archive:
    """The pressbot SQLite archive, opened for one crawl or one command."""

    def __init__(
        self,
        path: str | Path,
        commit_every: int = 100,
        recheck_after: str = "1h,6h,24h,72h",
    ):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        check_usable(path)  # one clear error now, not a traceback halfway through
        self.path = str(path)
        self.db = Database(self.path)
        # Writes take the write lock when their transaction starts, waiting up to
        # busy_timeout for another writer: a deferred BEGIN would take a snapshot,
        # then fail at once with "database is locked" on its first write.
        self.db.conn.isolation_level = "IMMEDIATE"
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        MIGRATIONS.apply(self.db)
        self.commit_every = commit_every
        self.recheck_after = parse_schedule(recheck_after)
        self._writes = 0
        #: outcomes of save_story not committed yet, by (source, outcome)
        self._uncommitted: Counter[tuple[str, str]] = Counter()
        self._on_commit: list[Callable[[Counter[tuple[str, str]]], None]] = []
        self._begun = 0.0
        self._columns = list(self.db.table("stories").columns_dict)
        # The insert of a new story is the hot path of a first crawl: one prepared
        # statement instead of sqlite-utils' per-call table introspection (bench/).
        self._insert_sql = "INSERT INTO stories ({}) VALUES ({})".format(
            ", ".join(c for c in self._columns if c != "id"),
            ", ".join(f":{c}" for c in self._columns if c != "id"),
        )

    # transactions -----------------------------------------------------------------

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes >= self.commit_every:
            self.commit()

    def begin(self) -> None:
        """Open a write transaction unless one is open; `commit` ends it."""
        if not self.db.conn.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self._begun = time.monotonic()

    def commit_if_open_for(self, seconds: float) -> None:
        """Commit a write transaction open this long: a crawl waiting on the network
        must not keep other writers (an export, `scrapy link`) out of the database."""
        if self.db.conn.in_transaction and time.monotonic() - self._begun >= seconds:
            self.commit()

    def commit(self) -> None:
        """End the write transaction; then tell the listeners which stories it made durable."""
        made, self._uncommitted = self._uncommitted, Counter()
        self._writes = 0
        self.db.commit()  # on failure (a full disk) the stories are not counted as stored
        for listener in self._on_commit:
            listener(made)

    def on_commit(self, listener: Callable[[Counter[tuple[str, str]]], None]) -> None:
        """Call `listener` after each commit with its stories' outcomes by (source, outcome)."""
        self._on_commit.append(listener)

    def close(self) -> None:
        self.commit()
        self.db.close()

    # sources ----------------------------------------------------------------------

    def sync_sources(self, rows: Iterable[dict]) -> None:
        """Mirror the registry into the `sources` table."""
        self.begin()
        self.db.table("sources").upsert_all(rows, pk="key")
        self.commit()

    # stories ----------------------------------------------------------------------

    def find_story(self, story: Mapping) -> dict | None:
        """The stored story this sighting is (`identity.is_same_story`), or None."""
        by_url = self.story_by_url(story["source"], story["url"])
        if by_url:
            return by_url
        source, key, day = match_key(story)
        candidates = self._rows(
            "SELECT * FROM stories WHERE source = ? AND title_key = ? AND published_day = ?",
            [source, key, day],
        )
        return next((row for row in candidates if same_moment(row, story)), None)

    def _rows(self, sql: str, params: list) -> Iterator[dict]:
        # plain SQL on the per-story paths: sqlite-utils' rows_where and insert look
        # the table up in sqlite_master on every call, and its query() wraps each
        # statement in a savepoint (three statements for one read)
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    def _first(self, sql: str, params: list) -> dict | None:
        return next(self._rows(sql, params), None)

    def save_story(self, item: Mapping, seen_at: str) -> str:
        """Store one sighting; returns NEW, UPDATED or UNCHANGED."""
        story = self._prepare(item)
        self.begin()
        existing = self.find_story(story)
        if existing is None:
            self._insert(story, seen_at)
            outcome = NEW
        else:
            outcome = self._merge(existing, story, seen_at)
        seen_url = item.get("seen_url")
        if seen_url and seen_url != story["url"]:  # so the next run knows the fetched URL too
            stored = existing or self.story_by_url(story["source"], story["url"])
            assert stored is not None  # found, or inserted just now
            self._alias(seen_url, stored["id"])
        self.resolve_pending(story["source"], [story["url"], item.get("listed_url") or ""])
        self._uncommitted[(story["source"], outcome)] += 1
        self._wrote()
        return outcome

    def _alias(self, url: str, story_id: int) -> None:
        self.db.table("story_aliases").insert({"url": url, "story_id": story_id}, replace=True)

    def _prepare(self, item: Mapping) -> dict:
        story = {k: item.get(k) for k in self._columns if k in item}
        for key in ("authors", "tags", "images"):
            story[key] = json.dumps(item.get(key) or [], ensure_ascii=False)
        story["title_key"] = title_key(item["title"])
        story["published_day"] = published_day(item)
        story["content_hash"] = content_hash(item["title"], item.get("lead"), item.get("body"))
        return story

    def _insert(self, story: dict, seen_at: str) -> None:
        row = dict.fromkeys(self._columns)
        row.update(
            story, first_seen_at=seen_at, last_seen_at=seen_at, changed_at=seen_at, revisions=0
        )
        row["next_check_at"] = self._next_check(story, seen_at)
        del row["id"]
        self.db.execute(self._insert_sql, row)

    def _merge(self, row: dict, story: dict, seen_at: str) -> str:
        changes = {"last_seen_at": seen_at, "withdrawn_at": None}  # back, if it was gone
        if story["url"] != row["url"]:
            self._alias(story["url"], row["id"])
        changes.update(self._precision_gain(row, story))
        changes["next_check_at"] = self._next_check({**row, **changes}, seen_at)
        changed = self._revised_fields(row, story)
        if changed:
            self._add_revision(row, story, changed, seen_at)
            changes.update({f: story.get(f) for f in REVISED_FIELDS + CARRIED_FIELDS})
            changes.update(
                content_hash=story["content_hash"],
                revisions=row["revisions"] + 1,
                changed_at=seen_at,
            )
        self._update(row["id"], changes)
        return UPDATED if changed else UNCHANGED

    def _update(self, story_id: int, changes: Mapping) -> None:
        # plain SQL, as in `_rows`: sqlite-utils' update() reads the table's columns and
        # the row back, several statements for the one every sighting of a story needs
        columns = ", ".join(f"[{column}] = ?" for column in changes)
        self.db.conn.execute(
            f"UPDATE stories SET {columns} WHERE id = ?", [*changes.values(), story_id]
        )

    def _next_check(self, story: Mapping, seen_at: str) -> str | None:
        published = story.get("published_local") or story.get("published_at")
        return next_check(published, seen_at, self.recheck_after)

    @staticmethod
    def _precision_gain(row: dict, story: dict) -> dict:
        """A day-precision story learns its time of day without becoming another."""
        if gains_precision(row, story):
            fields = ("published_at", "published_local", "published_precision", "published_raw")
            return {f: story.get(f) for f in fields}
        return {}

    @staticmethod
    def _revised_fields(row: dict, story: dict) -> list[str]:
        new_updated, old_updated = story.get("updated_at") or "", row["updated_at"] or ""
        if new_updated and old_updated and new_updated < old_updated:
            return []  # an older copy (a stale cache or feed) never rolls a story back
        if story["content_hash"] == row["content_hash"] and new_updated <= old_updated:
            return []
        return [f for f in REVISED_FIELDS if (story.get(f) or "") != (row[f] or "")]

    def _add_revision(self, row: dict, story: dict, changed: list[str], seen_at: str) -> None:
        self.db.table("story_revisions").insert(
            {
                "story_id": row["id"],
                "seen_at": seen_at,
                "changed": changed,
                "previous": {f: row[f] for f in changed},
                "content_hash": story["content_hash"],
                "updated_at": story.get("updated_at"),
            }
        )

    def story_by_url(self, source: str, url: str) -> dict | None:
        """The stored story at this canonical URL (or one of its aliases)."""
        return self._first(_BY_URL, [source, url, url, source])

    def mark_withdrawn(self, source: str, url: str, noticed_at: str) -> bool:
        """Note that a stored story's page is gone; the story itself is kept."""
        row = self.story_by_url(source, url)
        if row is None or row["withdrawn_at"]:
            return False
        self.begin()
        self.db.table("stories").update(
            row["id"], {"withdrawn_at": noticed_at, "next_check_at": None}
        )
        self._wrote()
        return True

    # the schedule: entry points, due stories, pending stories, robots.txt ------------

    def entry_point(self, key: str) -> dict | None:
        """An entry point's validators and poll times (`key`: its request fingerprint)."""
        return self._first("SELECT * FROM entry_points WHERE key = ?", [key])

    def save_poll(self, row: dict) -> None:
        """Record one poll of an entry point (the columns of `entry_points`)."""
        self.begin()
        # plain SQL: a poll of thousands of sources writes this thousands of times
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        updates = ", ".join(f"{name} = excluded.{name}" for name in row if name != "key")
        self.db.execute(
            f"INSERT INTO entry_points ({names}) VALUES ({marks}) "
            f"ON CONFLICT(key) DO UPDATE SET {updates}",
            list(row.values()),
        )
        self._wrote()

    def due_stories(self, now: str) -> Iterator[dict]:
        """Stored stories whose re-check time has come, every source's."""
        return self.db.query(
            "SELECT source, url, title, lead, published_raw FROM stories "
            "WHERE next_check_at <= ? AND withdrawn_at IS NULL ORDER BY next_check_at",
            [now],
        )

    def add_pending(self, row: dict) -> None:
        """A listed story about to be fetched: kept until it is stored or given up."""
        self.begin()
        row = {**row, "attempts": 0}
        self.db.execute(
            "INSERT OR IGNORE INTO pending_stories ({}) VALUES ({})".format(
                ", ".join(row), ", ".join(f":{name}" for name in row)
            ),
            row,
        )
        self._wrote()

    def is_pending(self, source: str, url: str) -> bool:
        """Whether a listing named this URL as a story not stored yet (nor given up)."""
        sql = "SELECT 1 FROM pending_stories WHERE source = ? AND url = ? AND gave_up_at IS NULL"
        return self._first(sql, [source, url]) is not None

    def pending_stories(self) -> Iterator[dict]:
        """Listed stories not stored yet and not given up, every source's."""
        return self.db.table("pending_stories").rows_where(
            "gave_up_at IS NULL", order_by="first_listed_at"
        )

    def pending_failed(self, source: str, url: str, error: str, at: str, give_up: int) -> bool:
        """One more failed attempt at a pending story; True when that was the last
        of `give_up` attempts and the story is given up (kept, with its error)."""
        self.begin()
        self.db.execute(
            "UPDATE pending_stories SET attempts = attempts + 1, last_tried_at = ?, "
            "last_error = ?, gave_up_at = CASE WHEN attempts + 1 >= ? THEN ? END "
            "WHERE source = ? AND url = ? AND gave_up_at IS NULL",
            [at, error, give_up, at, source, url],
        )
        self._wrote()
        row = self._first(
            "SELECT gave_up_at FROM pending_stories WHERE source = ? AND url = ?", [source, url]
        )
        return bool(row and row["gave_up_at"] == at)

    def resolve_pending(self, source: str, urls: Iterable[str]) -> None:
        """The story is stored (or gone): no longer pending."""
        urls = [url for url in urls if url]
        if urls:
            self.db.execute(
                "DELETE FROM pending_stories WHERE source = ? AND url IN ({})".format(
                    ", ".join("?" * len(urls))
                ),
                [source, *urls],
            )

    def pending_count(self, source: str) -> tuple[int, int]:
        """How many of a source's listed stories are pending, and how many given up."""
        row = self._first(
            "SELECT count(*) - count(gave_up_at) AS pending, count(gave_up_at) AS given_up "
            "FROM pending_stories WHERE source = ?",
            [source],
        )
        return (row["pending"], row["given_up"]) if row else (0, 0)

    def robots_txt(self, host: str) -> dict | None:
        return next(self.db.table("robots_txt").rows_where("host = ?", [host]), None)

    def save_robots_txt(self, host: str, status: int, body: bytes, at: str) -> None:
        self.begin()
        self.db.table("robots_txt").upsert(
            {"host": host, "status": status, "body": body, "fetched_at": at}, pk="host"
        )
        self._wrote()

    # backfill days ----------------------------------------------------------------

    def completed_days(self, source: str) -> set[str]:
        rows = self.db.table("backfill_days").rows_where("source = ?", [source], select="day")
        return {row["day"] for row in rows}

    def complete_day(self, source: str, day: str, at: str) -> None:
        """A backfilled day whose stories are all stored: later backfills skip it."""
        self.begin()
        self.db.table("backfill_days").upsert(
            {"source": source, "day": day, "completed_at": at}, pk=("source", "day")
        )
        self._wrote()

    # what the generic family discovered -----------------------------------------

    def discovered(self, source: str) -> list[dict]:
        """A source's remembered entry points: kind (feed, sitemap, listing, none), url, when."""
        return list(
            self.db.table("discovered").rows_where("source = ?", [source], order_by="rowid")
        )

    def save_discovered(self, source: str, found: list[tuple[str, str]], at: str) -> None:
        """Replace what was remembered of a source with `found` (kind, url) pairs."""
        self.begin()
        self.db.execute("DELETE FROM discovered WHERE source = ?", [source])
        rows = [{"source": source, "kind": k, "url": u, "found_at": at} for k, u in found]
        self.db.table("discovered").insert_all(rows, pk=("source", "kind", "url"))
        self._wrote()

    # crawl runs -------------------------------------------------------------------

    def prune_runs(self, before: str) -> None:
        """Forget ended runs started at or before `before`: the run log stays bounded.

        Runs still going (this one, or another source's in the same process)
        are kept, whatever their start.
        """
        self.begin()
        self.db.table("crawl_runs").delete_where(
            "started_at <= ? AND finish_reason IS NOT NULL", [before]
        )
        self.commit()

    def start_run(self, source: str, started_at: str) -> int:
        """A run's row, committed at once: a run killed later is found open (abandoned)."""
        self.begin()
        self._close_abandoned_runs(source)
        run = self.db.execute(
            "INSERT INTO crawl_runs (source, started_at, pid) VALUES (?, ?, ?)",
            [source, started_at, os.getpid()],
        )
        self.commit()
        assert run.lastrowid is not None  # set by every insert
        return run.lastrowid

    def _close_abandoned_runs(self, source: str) -> None:
        """Runs left open by a killed process get finish_reason 'abandoned'."""
        open_runs = self.db.execute(
            "SELECT id, pid FROM crawl_runs "
            "WHERE source = ? AND finished_at IS NULL AND finish_reason IS NULL",
            [source],
        ).fetchall()
        for run_id, pid in open_runs:
            if not _pid_alive(pid):
                self.db.execute(
                    "UPDATE crawl_runs SET finish_reason = 'abandoned' WHERE id = ?", [run_id]
                )

    def last_run(self, source: str) -> dict | None:
        """The source's latest run that is over: finished, or abandoned (killed or
        forcibly stopped: its process is gone and its row still open). By id, as runs
        can start in the same second; a run still going is passed over."""
        runs = self.db.table("crawl_runs").rows_where("source = ?", [source], order_by="id DESC")
        for run in runs:
            if run["finished_at"] or run["finish_reason"]:
                return run
            if not _pid_alive(run["pid"]):
                return {**run, "finish_reason": "abandoned"}
        return None

    def published_times(self, source: str, limit: int = 200) -> list[str]:
        """When the source's newest stories were published, newest first."""
        rows = self.db.execute(
            "SELECT published_at FROM stories WHERE source = ? ORDER BY published_at DESC LIMIT ?",
            [source, limit],
        )
        return [published for (published,) in rows]

    def finish_run(self, run_id: int, values: dict) -> None:
        """Close a run's row (committed with the batch: the run log commits at the end)."""
        self.begin()
        columns = {
            name: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
            for name, value in values.items()
        }
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.db.execute(
            f"UPDATE crawl_runs SET {assignments} WHERE id = ?", [*columns.values(), run_id]
        )
        self._wrote()
