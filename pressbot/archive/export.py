"""CSV exports of the archive that open right the first time.

UTF-8 (a BOM on request, for Excel), one header, RFC 4180 quoting so
multi-line bodies stay in one cell, cells that a spreadsheet would run as a
formula neutralised, dates in ISO 8601 UTC or the source's local time. Every
filter is a query parameter. An incremental export remembers, by name, how
far it got (`pressbot.archive.watermarks`), and next time writes only stories
new or changed since. A coverage
export writes the links between releases and the stories that re-report them,
both sides' titles, URLs and local times on one row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from pressbot.archive.database import Archive
from pressbot.archive.schema import STORIES_WITH_SOURCES
from pressbot.items import EXPORT_FIELDS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXTRA_COLUMNS = (
    "id",
    "kind",
    "country",
    "published_raw",
    "found_via",
    "photoreport_url",
    "first_seen_at",
    "last_seen_at",
    "changed_at",
    "revisions",
    "withdrawn_at",
)
LOCAL_TIMES = {"published_at": "published_local", "updated_at": "updated_local"}
# A coverage export: one row per link, the release, then the story, then the link.
COVERAGE_FIELDS = [
    "release_source",
    "release_title",
    "release_url",
    "release_published_local",
    "release_published_precision",
    "story_source",
    "story_title",
    "story_url",
    "story_published_local",
    "story_published_precision",
    "lag_seconds",
    "lag_days",
    "lag_precision",
    "release_share",
    "story_share",
    "attribution_match",
    "score",
]
COVERAGE_EXTRA_COLUMNS = (
    "release_id",
    "story_id",
    "release_published_at",
    "story_published_at",
    "longest_passage",
    "topic",
    "method",
    "linked_at",
)


class ExportError(ValueError):
    """A bad export argument: an unknown source or column, an impossible date."""


@dataclass
class ExportRequest:
    """What to export. Filters of a coverage export hold when either side matches,
    except the days, which are the story's; no columns means the default ones."""

    sources: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    search: str | None = None
    columns: list[str] = field(default_factory=list)
    local_times: bool = False
    coverage: bool = False

    def __post_init__(self) -> None:
        if not self.columns:
            self.columns = list(COVERAGE_FIELDS if self.coverage else EXPORT_FIELDS)


def _day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExportError(f"--{name} {value!r} is not a date (YYYY-MM-DD)") from None


def check(request: ExportRequest, archive: Archive) -> None:
    """Refuse what cannot be right, before any file is written."""
    known = {row["key"]: row for row in archive.db["sources"].rows}
    for name, wanted, allowed in (
        ("source", request.sources, set(known)),
        ("kind", request.kinds, {s["kind"] for s in known.values()}),
        ("country", request.countries, {s["country"] for s in known.values()}),
    ):
        unknown = sorted(set(wanted) - allowed)
        if unknown:
            known_names = ", ".join(sorted(allowed))
            raise ExportError(f"unknown {name}: {', '.join(unknown)} (known: {known_names})")
    if request.coverage and request.local_times:
        raise ExportError("--local-times: a coverage export has both sides' local times already")
    columns = (
        COVERAGE_FIELDS + list(COVERAGE_EXTRA_COLUMNS)
        if request.coverage
        else EXPORT_FIELDS + list(EXTRA_COLUMNS)
    )
    bad = [c for c in request.columns if c not in columns]
    if bad:
        raise ExportError(f"unknown column: {', '.join(bad)} (known: {', '.join(columns)})")
    since, until = _day(request.since, "since"), _day(request.until, "until")
    if since and until and since > until:
        raise ExportError(f"--since {since} is after --until {until}")


def _in(columns: tuple[str, ...], values: list[str], where: list[str], params: list) -> None:
    """Any of the columns holds one of the values."""
    if values:
        marks = ", ".join("?" for _ in values)
        where.append("(" + " OR ".join(f"{column} IN ({marks})" for column in columns) + ")")
        params.extend(values * len(columns))


def _where(
    request: ExportRequest, stories: tuple[str, ...], sources: tuple[str, ...]
) -> tuple[list[str], list]:
    """The request's filters, met when any of the `stories` aliases (or their `sources`)
    matches; --since and --until bound the day of the story aliased `s`."""
    where = ["1 = 1"]
    params: list[str | None] = []
    _in(tuple(f"{s}.source" for s in stories), request.sources, where, params)
    _in(tuple(f"{src}.kind" for src in sources), request.kinds, where, params)
    _in(tuple(f"{src}.country" for src in sources), request.countries, where, params)
    _in(tuple(f"{s}.language" for s in stories), request.languages, where, params)
    if request.since:
        where.append("s.published_day >= ?")
        params.append(_day(request.since, "since"))
    if request.until:
        where.append("s.published_day <= ?")
        params.append(_day(request.until, "until"))
    if request.search:
        matches = "IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"
        where.append("(" + " OR ".join(f"{s}.id {matches}" for s in stories) + ")")
        params.extend([request.search] * len(stories))
    return where, params


def query(request: ExportRequest, mark: int = 0) -> tuple[str, list]:
    """The SELECT for an export of the stories changed after `mark`, with its parameters.

    Each row carries `change_seq`, the mark an incremental export moves to.
    """
    where, params = _where(request, ("s",), ("src",))
    if mark:
        where.append("c.seq > ?")
        params.append(mark)
    sql = (
        f"SELECT s.*, src.kind, src.country, c.seq AS change_seq FROM {STORIES_WITH_SOURCES} "
        "LEFT JOIN story_changes c ON c.story_id = s.id "
        f"WHERE {' AND '.join(where)} ORDER BY s.published_at, s.id"
    )
    return sql, params


def coverage_query(request: ExportRequest) -> tuple[str, list]:
    """The SELECT for a coverage export: the story is `s`, the release it re-reports `r`."""
    where, params = _where(request, ("r", "s"), ("rsrc", "src"))
    sql = f"""
        SELECT r.id AS release_id, r.source AS release_source, r.title AS release_title,
               r.url AS release_url, r.published_at AS release_published_at,
               r.published_local AS release_published_local,
               r.published_precision AS release_published_precision,
               s.id AS story_id, s.source AS story_source, s.title AS story_title,
               s.url AS story_url, s.published_at AS story_published_at,
               s.published_local AS story_published_local,
               s.published_precision AS story_published_precision,
               c.lag_seconds, c.lag_days, c.lag_precision, c.release_share, c.story_share,
               c.longest_passage, c.topic, c.attribution_match, c.score, c.method, c.linked_at
        FROM {STORIES_WITH_SOURCES}
        JOIN coverage c ON c.story_id = s.id
        JOIN stories r ON r.id = c.release_id JOIN sources rsrc ON rsrc.key = r.source
        WHERE {" AND ".join(where)}
        ORDER BY r.published_at, r.id, s.published_at, s.id"""
    return sql, params


def cell(value: object) -> str:
    """One CSV cell: empty for NULL, and never a formula a spreadsheet would run."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render(rows: list[dict], request: ExportRequest, header: bool = True, bom: bool = False) -> str:
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(request.columns)
    for row in rows:
        if request.local_times:
            row = {**row, **{utc: row[local] for utc, local in LOCAL_TIMES.items()}}
        writer.writerow([cell(row[c]) for c in request.columns])
    return out.getvalue()


def select(archive: Archive, request: ExportRequest, mark: int = 0) -> list[dict]:
    sql, params = coverage_query(request) if request.coverage else query(request, mark)
    try:
        return list(archive.db.query(sql, params))
    except Exception as exc:  # sqlite3.OperationalError for a malformed search
        if request.search:
            raise ExportError(f"bad --search {request.search!r}: {exc}") from None
        raise
