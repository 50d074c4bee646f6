"""`scrapy health`: per source, the last run and its verdict, the last story, silences.

Exit code 1 when any source is failing or silent (so cron or a monitor can
alert), 0 when all are well.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta

from scrapy.commands import ScrapyCommand

from pressbot.archive.database import Archive
from pressbot.archive.health import SourceHealth, judge
from pressbot.commands import ArchiveCommand, ExitCode
from pressbot.registry import load_registry
from pressbot.utils.clock import clock

COLUMNS = ("source", "verdict", "last run", "last story", "7 days", "silent after")


def _hours(delta: timedelta | None) -> str:
    return f"{delta.total_seconds() / 3600:.0f} h" if delta else "learning"


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Report, per source, the last run, the last story and any silence"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--now", help="judge as of this ISO 8601 time (default: now)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        now = clock(opts.now or self.project_settings.get("PRESSBOT_NOW"))()
        archive = self.open_archive()
        try:
            report = [self.judge_source(archive, key, now) for key in self.sources(args)]
        finally:
            archive.close()
        self.print_table(report)
        self.exitcode = ExitCode.FAILING if any(h.failing for h in report) else ExitCode.OK

    def sources(self, args: list[str]) -> list[str]:
        return args or list(load_registry(self.project_settings.get("PRESSBOT_SOURCES")))

    @staticmethod
    def judge_source(archive: Archive, key: str, now: datetime) -> SourceHealth:
        last_run = archive.last_run(key)
        if last_run:
            last_run["problems"] = json.loads(last_run["problems"] or "[]")
        return judge(key, last_run, archive.published_times(key), now, archive.pending_count(key))

    @staticmethod
    def print_table(report: list[SourceHealth]) -> None:
        rows = [COLUMNS] + [
            (
                h.source,
                h.verdict,
                h.last_run or "-",
                h.last_story or "-",
                str(h.stories_7d),
                _hours(h.silence_limit),
            )
            for h in report
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
        for row in rows:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        for h in report:
            for note in h.notes:
                print(f"{h.source}: {note}")
