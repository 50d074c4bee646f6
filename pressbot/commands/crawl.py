"""`scrapy crawl <source>`, with an exit code that says whether the run went well.

The source is polled by the same engine as `scrapy crawlall` polls many
(`pressbot.spiders.poll.PollSpider`), every entry point whether due or not.

The codes are `pressbot.commands.ExitCode`: OK, FAILING (see
`crawl_runs.problems`), USAGE, and LOCKED (another run holds the database,
and this one did nothing).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from pressbot.archive.lock import DatabaseLock, DatabaseLocked
from pressbot.archive.usable import DatabaseUnusable, check_usable
from pressbot.commands import ExitCode
from pressbot.spiders.policy import parse_day

if TYPE_CHECKING:
    from scrapy.commands import ScrapyCommand
    from scrapy.crawler import Crawler, CrawlerProcessBase


def exit_code(process: CrawlerProcessBase, crawler: Crawler) -> ExitCode:
    """FAILING when the crawl could not start or did not close (a forced shutdown: its
    runs are left open, and so abandoned), any source's run failed, or an error was
    logged that concerns no one source; else OK (a degraded run is OK)."""
    if process.bootstrap_failed:
        return ExitCode.FAILING
    if crawler.stats.get_value("finish_reason") is None:  # the spider never closed
        return ExitCode.FAILING
    if crawler.stats.get_value("pressbot/sources_failing"):
        return ExitCode.FAILING
    if crawler.stats.get_value("pressbot/errors"):
        return ExitCode.FAILING
    return ExitCode.OK


def check_arguments(spargs: dict[str, str]) -> None:
    """Refuse a bad `-a since=` / `-a until=` before anything starts."""
    for name in ("since", "until"):
        try:
            parse_day(spargs.get(name), name)
        except ValueError as exc:
            raise UsageError(str(exc)) from None


def locked_out(command: ScrapyCommand, run: Callable[[], None]) -> None:
    """Run `run()` holding the database lock: ExitCode.LOCKED at once if another has it,
    ExitCode.UNUSABLE before anything starts if the database file cannot be used."""
    assert command.settings is not None
    try:
        with DatabaseLock(command.settings["PRESSBOT_DB"]):
            check_usable(command.settings["PRESSBOT_DB"])
            run()
    except DatabaseLocked as exc:
        print(f"pressbot: another run is in progress ({exc}); nothing done", file=sys.stderr)
        command.exitcode = ExitCode.LOCKED
    except DatabaseUnusable as exc:
        print(f"pressbot: {exc}; nothing done", file=sys.stderr)
        command.exitcode = ExitCode.UNUSABLE


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        if len(args) != 1:
            raise UsageError("name one source; 'scrapy crawlall' crawls several")
        if args[0] not in self.crawler_process.spider_loader.list():
            raise UsageError(f"unknown source: {args[0]}; see 'scrapy list'")
        check_arguments(opts.spargs)
        locked_out(self, lambda: self.crawl(args[0], opts.spargs))

    def crawl(self, key: str, spargs: dict[str, str]) -> None:
        """One source, every entry point polled (asked for by name, it is due)."""
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(key)
        self.crawler_process.crawl(crawler, poll="all", **spargs)
        self.crawler_process.start()
        self.exitcode = exit_code(self.crawler_process, crawler)
