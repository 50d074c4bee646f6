"""The archive's schema: every table, created and migrated here and nowhere else.

Migrations run in order when an Archive opens a file; each runs once
(sqlite-utils records them in `_sqlite_migrations`).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("pressbot")

# Stories with the sources they come from: the one join, for the view and every reader.
STORIES_WITH_SOURCES = "stories s JOIN sources src ON src.key = s.source"


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db.table("sources").create(
        {
            "key": str,
            "title": str,
            "kind": str,
            "country": str,
            "region": str,
            "timezone": str,
            "languages": str,
            "homepage": str,
            "family": str,
            "enabled": bool,
        },
        pk="key",
    )
    db.table("stories").create(
        {
            "id": int,
            "source": str,
            "url": str,
            "title": str,
            "lead": str,
            "body": str,
            "dateline": str,
            "published_at": str,
            "published_local": str,
            "published_precision": str,
            "published_day": str,
            "published_raw": str,
            "updated_at": str,
            "updated_local": str,
            "authors": str,
            "tags": str,
            "images": str,
            "language": str,
            "found_via": str,
            "title_key": str,
            "content_hash": str,
            "first_seen_at": str,
            "last_seen_at": str,
            "revisions": int,
            "withdrawn_at": str,
        },
        pk="id",
        foreign_keys=[("source", "sources", "key")],
        not_null={"source", "url", "title"},
        defaults={"revisions": 0},
    )
    db.table("stories").create_index(["source", "url"], unique=True)
    db.table("stories").create_index(["source", "title_key", "published_day"])
    db.table("stories").create_index(["published_at"])
    db.table("story_aliases").create(
        {"url": str, "story_id": int}, pk="url", foreign_keys=[("story_id", "stories", "id")]
    )
    db.table("story_revisions").create(
        {
            "id": int,
            "story_id": int,
            "seen_at": str,
            "changed": str,
            "previous": str,
            "content_hash": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("story_id", "stories", "id")],
    )
    db.table("story_revisions").create_index(["story_id"])
    db.table("crawl_runs").create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "pid": int,
            "requests": int,
            "responses": str,
            "stories_new": int,
            "stories_updated": int,
            "stories_unchanged": int,
            "stories_dropped": int,
            "dropped_reasons": str,
            "errors": int,
        },
        pk="id",
        foreign_keys=[("source", "sources", "key")],
    )
    db.table("crawl_runs").create_index(["source", "started_at"])
    db.table("stories").enable_fts(["title", "lead", "body"], create_triggers=True)


@MIGRATIONS()
def m002_release_links(db: Database) -> None:
    """Language versions of one release share a key; photo reports are linked."""
    db.table("stories").add_column("release_key", str)
    db.table("stories").add_column("photoreport_url", str)
    db.table("stories").create_index(["release_key"])


@MIGRATIONS()
def m003_run_health(db: Database) -> None:
    """Each run's verdict, and what made it fail."""
    db.table("crawl_runs").add_column("health", str)
    db.table("crawl_runs").add_column("problems", str)


@MIGRATIONS()
def m004_incremental(db: Database) -> None:
    """Conditional requests, resumable backfills, withdrawals and what runs skipped."""
    db.table("validators").create(
        {"url": str, "etag": str, "last_modified": str, "checked_at": str}, pk="url"
    )
    db.table("backfill_days").create(
        {"source": str, "day": str, "completed_at": str}, pk=("source", "day")
    )
    for column in ("stories_withdrawn", "not_modified", "skipped_known"):
        db.table("crawl_runs").add_column(column, int)


@MIGRATIONS()
def m005_exports(db: Database) -> None:
    """When each story last changed, incremental exports, and a story view for Datasette."""
    db.table("stories").add_column("changed_at", str)
    db.execute(
        "UPDATE stories SET changed_at = coalesce("
        "(SELECT max(seen_at) FROM story_revisions r WHERE r.story_id = stories.id), "
        "first_seen_at)"
    )
    db.table("stories").create_index(["changed_at"])
    db.table("exports").create(
        {"name": str, "exported_at": str, "watermark": str, "rows": int}, pk="name"
    )
    db.create_view(
        "story_index",
        """
        SELECT s.id, s.source, src.title AS source_title, src.kind, src.country, src.region,
               s.language, s.published_day, s.published_at, s.published_local,
               s.published_precision, s.title, s.lead, s.url, s.revisions, s.withdrawn_at,
               s.first_seen_at, s.changed_at
        FROM """
        + STORIES_WITH_SOURCES,
    )


@MIGRATIONS()
def m006_coverage(db: Database) -> None:
    """Attributions found in stories, and links from releases to the stories that re-report them."""
    db.table("sources").add_column("names", str)
    db.table("stories").create_index(["published_day"])
    db.table("attributions").create(
        {
            "id": int,
            "story_id": int,
            "position": int,
            "phrase": str,
            "named": str,
            "source": str,
        },
        pk="id",
        foreign_keys=[("story_id", "stories", "id")],
    )
    db.table("attributions").create_index(["story_id"])
    db.table("attributions").create_index(["source"])
    db.table("coverage").create(
        {
            "release_id": int,
            "story_id": int,
            "release_source": str,
            "story_source": str,
            "release_share": float,
            "story_share": float,
            "longest_passage": int,
            "topic": float,
            "attribution_match": bool,
            "score": float,
            "lag_seconds": int,
            "lag_days": int,
            "lag_precision": str,
            "method": str,
            "linked_at": str,
        },
        pk=("release_id", "story_id"),
        foreign_keys=[("release_id", "stories", "id"), ("story_id", "stories", "id")],
    )
    db.table("coverage").create_index(["story_id"])
    # which text of each story was linked, and by which method: a story is linked again
    # when its text or the method changes
    db.table("linked_stories").create(
        {"story_id": int, "content_hash": str, "method": str, "linked_at": str},
        pk="story_id",
        foreign_keys=[("story_id", "stories", "id")],
    )


@MIGRATIONS()
def m007_schedule(db: Database) -> None:
    """The polling schedule: entry points, pending stories, re-check times, robots.txt.

    `validators` gives way to `entry_points`, keyed by request (a gov.uz list
    page is one URL asked for many agencies and languages): the first run
    after this migration asks each entry point once unconditionally.
    """
    db.table("entry_points").create(
        {
            "key": str,
            "source": str,
            "url": str,
            "variant": str,
            "etag": str,
            "last_modified": str,
            "polled_at": str,
            "changed_at": str,
            "next_poll_at": str,
            "interval_seconds": int,
            "last_outcome": str,
        },
        pk="key",
    )
    db.table("entry_points").create_index(["source"])
    db.table("validators").drop()
    db.table("pending_stories").create(
        {
            "source": str,
            "url": str,
            "fetch_url": str,
            "listed": str,
            "via": str,
            "first_listed_at": str,
            "attempts": int,
            "last_tried_at": str,
            "last_error": str,
            "gave_up_at": str,
        },
        pk=("source", "url"),
    )
    db.table("stories").add_column("next_check_at", str)
    db.table("stories").create_index(["next_check_at"])
    # a source's latest publications, read after every poll to learn its rhythm
    db.table("stories").create_index(["source", "published_at"])
    db.table("robots_txt").create(
        {"host": str, "status": int, "body": bytes, "fetched_at": str}, pk="host"
    )
    _schedule_stored_stories(db)


def _schedule_stored_stories(db: Database) -> None:
    """Give the stories stored before m007 their next re-check, on the default schedule."""
    from pressbot.archive.schedule import next_check, parse_schedule
    from pressbot.settings import PRESSBOT_RECHECK_AFTER

    schedule = parse_schedule(PRESSBOT_RECHECK_AFTER)
    rows = db.query(
        "SELECT id, coalesce(published_local, published_at) AS published, last_seen_at "
        "FROM stories WHERE withdrawn_at IS NULL"
    )
    due = [(next_check(r["published"], r["last_seen_at"], schedule), r["id"]) for r in rows]
    db.conn.executemany(
        "UPDATE stories SET next_check_at = ? WHERE id = ?", [d for d in due if d[0]]
    )


@MIGRATIONS()
def m009_story_changes(db: Database) -> None:
    """Changes in commit order, so an incremental export never skips or repeats a row.

    `changed_at` is a second, set when a crawl saw the change, and a crawl commits
    in batches: a row can be committed after an export has read newer ones, and
    many rows share a second. `story_changes.seq` is allocated inside the writing
    transaction, and SQLite has one writer at a time, so every seq committed after
    an export read is higher than all it read. AUTOINCREMENT: a seq is never reused.
    """
    db.execute(
        "CREATE TABLE story_changes ("
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, story_id INTEGER NOT NULL UNIQUE)"
    )
    db.execute(
        "INSERT INTO story_changes (story_id) SELECT id FROM stories ORDER BY changed_at, id"
    )
    for event in ("INSERT", "UPDATE OF changed_at"):
        name = "story_changes_" + event.split()[0].lower()
        db.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON stories BEGIN "
            "INSERT OR REPLACE INTO story_changes (story_id) VALUES (NEW.id); END"
        )
    db.table("exports").add_column("seq", int)
    # what an export is writing, until it has: read back when the next one starts
    db.table("exports").add_column("pending", str)
    db.execute(
        "UPDATE exports SET seq = (SELECT max(c.seq) FROM story_changes c "
        "JOIN stories s ON s.id = c.story_id WHERE s.changed_at <= exports.watermark)"
    )


@MIGRATIONS()
def m008_fingerprints(db: Database) -> None:
    """Each story's shingles and content words as hashes (`pressbot.coverage.fingerprints`),
    so that linking splits a stored text once, not every time it reads it."""
    db.table("fingerprints").create(
        {"story_id": int, "content_hash": str, "method": str, "shingles": bytes, "content": bytes},
        pk="story_id",
        foreign_keys=[("story_id", "stories", "id")],
    )


@MIGRATIONS()
def m010_discovered(db: Database) -> None:
    """Where the generic family found a source's feeds, sitemaps and listing, so a poll
    asks its entry points and does not discover them again (`kind` "none": nothing found)."""
    db.table("discovered").create(
        {"source": str, "kind": str, "url": str, "found_at": str}, pk=("source", "kind", "url")
    )


@MIGRATIONS()
def m011_linking_index(db: Database) -> None:
    """An index holding what linking reads of a day's stories (`coverage.index.FIELDS`),
    so a day is read from the index alone, not from rows that carry each story's text;
    it serves every query the index on `published_day` served, which it replaces."""
    db.execute("DROP INDEX IF EXISTS idx_stories_published_day")
    db.table("stories").create_index(
        [
            "published_day",
            "id",
            "source",
            "published_at",
            "published_precision",
            "release_key",
            "content_hash",
        ],
        index_name="idx_stories_linking",
    )


@MIGRATIONS()
def m012_fts_on_text_changes(db: Database) -> None:
    """Index a story's text again only when its text changes: sqlite-utils' update
    trigger fires on every update, so each sighting of an unchanged story (its
    `last_seen_at`, its next re-check) deleted its text from the index and added it back."""
    db.execute("DROP TRIGGER IF EXISTS stories_au")
    db.execute(
        'CREATE TRIGGER "stories_au" AFTER UPDATE OF "title", "lead", "body" ON "stories" BEGIN '
        'INSERT INTO "stories_fts" ("stories_fts", rowid, "title", "lead", "body") '
        'VALUES(\'delete\', old.rowid, old."title", old."lead", old."body"); '
        'INSERT INTO "stories_fts" (rowid, "title", "lead", "body") '
        'VALUES (new.rowid, new."title", new."lead", new."body"); END'
    )
