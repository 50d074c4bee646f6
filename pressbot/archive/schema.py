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
def m008_fingerprints(db: Database) -> None:
    """Each story's shingles and content words as hashes (`pressbot.coverage.fingerprints`),
    so that linking splits a stored text once, not every time it reads it."""
    db.table("fingerprints").create(
        {"story_id": int, "content_hash": str, "method": str, "shingles": bytes, "content": bytes},
        pk="story_id",
        foreign_keys=[("story_id", "stories", "id")],
    )
