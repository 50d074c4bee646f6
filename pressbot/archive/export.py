"""CSV exports of the archive that open right the first time.

UTF-8 (a BOM on request, for Excel), one header, RFC 4180 quoting so
multi-line bodies stay in one cell, cells that a spreadsheet would run as a
formula neutralised, dates in ISO 8601 UTC or the source's local time. Every
filter is a query parameter. An incremental export remembers, by name, how
far it got, and next time writes only stories new or changed since.
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


class ExportError(ValueError):
    """A bad export argument: an unknown source or column, an impossible date."""


@dataclass
class ExportRequest:
    sources: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    search: str | None = None
    columns: list[str] = field(default_factory=lambda: list(EXPORT_FIELDS))
    local_times: bool = False


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
    columns = EXPORT_FIELDS + list(EXTRA_COLUMNS)
    bad = [c for c in request.columns if c not in columns]
    if bad:
        raise ExportError(f"unknown column: {', '.join(bad)} (known: {', '.join(columns)})")
    since, until = _day(request.since, "since"), _day(request.until, "until")
    if since and until and since > until:
        raise ExportError(f"--since {since} is after --until {until}")


def _in(column: str, values: list[str], where: list[str], params: list) -> None:
    if values:
        where.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)


def query(request: ExportRequest, watermark: str | None = None) -> tuple[str, list]:
    """The SELECT for an export, with its parameters."""
    where = ["1 = 1"]
    params: list[str | None] = []
    _in("s.source", request.sources, where, params)
    _in("src.kind", request.kinds, where, params)
    _in("src.country", request.countries, where, params)
    _in("s.language", request.languages, where, params)
    if request.since:
        where.append("s.published_day >= ?")
        params.append(_day(request.since, "since"))
    if request.until:
        where.append("s.published_day <= ?")
        params.append(_day(request.until, "until"))
    if request.search:
        where.append("s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)")
        params.append(request.search)
    if watermark:
        where.append("s.changed_at > ?")
        params.append(watermark)
    sql = (
        f"SELECT s.*, src.kind, src.country FROM {STORIES_WITH_SOURCES} "
        f"WHERE {' AND '.join(where)} ORDER BY s.published_at, s.id"
    )
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


def select(archive: Archive, request: ExportRequest, watermark: str | None = None) -> list[dict]:
    sql, params = query(request, watermark)
    try:
        return list(archive.db.query(sql, params))
    except Exception as exc:  # sqlite3.OperationalError for a malformed search
        if request.search:
            raise ExportError(f"bad --search {request.search!r}: {exc}") from None
        raise
