"""`scrapy export`: stories as CSV, filtered, with an incremental mode for cron.

    scrapy export -o stories.csv --source mpt_tatarstan --since 2025-11-01 --bom
    scrapy export -o feed.csv --append --incremental nightly
    scrapy export -o coverage.csv --coverage --source mpt_tatarstan

Exit code 2 with a message for a bad argument; the output file is then left
as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.archive.database import Archive
from pressbot.archive.export import (
    COVERAGE_FIELDS,
    ExportError,
    ExportRequest,
    check,
    render,
    select,
)
from pressbot.commands import ArchiveCommand
from pressbot.items import EXPORT_FIELDS
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings


def _list(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Export stories, or release coverage, as CSV (filters, columns, incremental)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        add = parser.add_argument
        add("-o", "--output", help="file to write (default: standard output)")
        add("--source", action="append", help="only these sources (repeat or comma-separate)")
        add("--kind", action="append", help="only these kinds: ministry, news_agency, …")
        add("--country", action="append", help="only these countries (RU, UZ, …)")
        add("--language", action="append", help="only these languages (ru, uz-Latn, …)")
        add("--since", help="published on or after this day (YYYY-MM-DD, source's calendar)")
        add("--until", help="published on or before this day")
        add("--search", help="full-text query over title, lead and body (FTS5 syntax)")
        add(
            "--columns",
            help=f"comma-separated columns (default: {','.join(EXPORT_FIELDS)}; "
            f"with --coverage: {','.join(COVERAGE_FIELDS)})",
        )
        add("--local-times", action="store_true", help="dates in the source's local time")
        add("--bom", action="store_true", help="start with a UTF-8 BOM, for Excel")
        add(
            "--incremental",
            metavar="NAME",
            help="only stories new or changed since the previous export of this name",
        )
        add("--append", action="store_true", help="append to the file; the header only once")
        add(
            "--coverage",
            action="store_true",
            help="the links between releases and the stories that re-report them, "
            "instead of stories (filters match either side; days are the story's)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        request = ExportRequest(
            sources=_list(opts.source),
            kinds=_list(opts.kind),
            countries=_list(opts.country),
            languages=_list(opts.language),
            since=opts.since,
            until=opts.until,
            search=opts.search,
            local_times=opts.local_times,
            columns=_list([opts.columns]) if opts.columns else [],
            coverage=opts.coverage,
        )
        archive = self.open_archive()
        try:
            self.export(archive, request, opts)
        except ExportError as exc:
            raise UsageError(str(exc)) from None
        finally:
            archive.close()

    def export(self, archive: Archive, request: ExportRequest, opts: argparse.Namespace) -> None:
        if request.coverage and opts.incremental:
            raise ExportError("--incremental exports stories; it does not apply to --coverage")
        check(request, archive)
        watermark = archive.export_watermark(opts.incremental) if opts.incremental else None
        rows = select(archive, request, watermark)
        header = not (opts.append and opts.output and _has_content(opts.output))
        text = render(rows, request, header=header, bom=opts.bom and header)
        _write(opts.output, text, opts.append)
        if opts.incremental:
            newest = max((r["changed_at"] for r in rows), default=watermark)
            now = timeparse.iso_utc(clock_from_settings(self.project_settings)())
            archive.save_export(opts.incremental, now, newest, len(rows))
        print(f"exported {len(rows)} {'links' if request.coverage else 'stories'}", file=sys.stderr)


def _has_content(path: str) -> bool:
    return Path(path).exists() and Path(path).stat().st_size > 0


def _write(path: str | None, text: str, append: bool) -> None:
    """Write atomically: a failed export never leaves a half-written or emptied file."""
    if path is None:
        sys.stdout.write(text)
        return
    target = Path(path)
    old = target.read_text(encoding="utf-8") if append and target.exists() else ""
    handle, temp = tempfile.mkstemp(dir=target.parent.resolve(), prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(old + text)
    os.replace(temp, target)
