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
from pressbot.archive.watermarks import append_bytes, last_mark, save_mark, write_marked, write_temp
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
        target = Path(opts.output) if opts.output else None
        mark = last_mark(archive, opts.incremental, target) if opts.incremental else 0
        rows = select(archive, request, mark)
        header = not (opts.append and target and _has_content(target))
        data = render(rows, request, header=header, bom=opts.bom and header).encode("utf-8")
        if opts.incremental:
            done = self.done(rows, mark)
            if target is None:
                sys.stdout.buffer.write(data)
                save_mark(archive, opts.incremental, done)
            else:
                write_marked(archive, opts.incremental, target, data, opts.append, done)
        else:
            _write(target, data, opts.append)
        print(f"exported {len(rows)} {'links' if request.coverage else 'stories'}", file=sys.stderr)

    def done(self, rows: list[dict], mark: int) -> dict:
        """What the exports row says once this run's rows are written."""
        newest = max(rows, key=lambda r: r["change_seq"] or 0, default=None)
        now = timeparse.iso_utc(clock_from_settings(self.project_settings)())
        values = {"exported_at": now, "rows": len(rows), "seq": mark}
        if newest is not None:
            values.update(seq=max(mark, newest["change_seq"] or 0), watermark=newest["changed_at"])
        return values


def _has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _write(target: Path | None, data: bytes, append: bool) -> None:
    """Append the bytes, or replace the file whole: never a half-written or emptied file."""
    if target is None:
        sys.stdout.buffer.write(data)
    elif append:
        append_bytes(target, data)
    else:
        os.replace(write_temp(target, data), target)
