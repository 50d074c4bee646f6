"""`scrapy crawlall [SOURCE ...]`: poll many sources in one crawl.

Every enabled source by default, or the given ones, or one family's. All of
them run in one Scrapy crawler (`pressbot.spiders.poll.PollSpider`): per-host
download slots keep the politeness limits across sources that share a host,
and each source still gets its own `crawl_runs` row, so one failing site
never hides or sinks the others. Only what is due is polled (entry points
whose next poll has come, stories due for a re-check, pending stories);
`--all` polls every entry point. Exit code 1 when any source's run failed,
0 when all went well (`ExitCode`).
"""

from __future__ import annotations

import argparse

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError

from pressbot.commands.crawl import check_arguments, exit_code, locked_out
from pressbot.registry import load_registry
from pressbot.spiders.poll import PollSpider


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [source ...]"

    def short_desc(self) -> str:
        return "Poll every enabled source (or the given ones) in one crawl"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--family", help="only the sources of this spider family")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="poll_all",
            help="poll every entry point, not only the due ones",
        )

    def sources(self, args: list[str], family: str | None) -> list[str]:
        assert self.settings is not None
        registry = load_registry(self.settings.get("PRESSBOT_SOURCES"))
        unknown = [key for key in args if key not in registry]
        if unknown:
            raise UsageError(f"unknown source(s): {', '.join(unknown)}; see 'scrapy list'")
        chosen = args or [key for key, source in registry.items() if source.enabled]
        if family:
            chosen = [key for key in chosen if registry[key].family == family]
        if not chosen:
            raise UsageError("no source to crawl")
        return chosen

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        chosen = self.sources(args, opts.family)
        check_arguments(opts.spargs)
        poll = "all" if opts.poll_all else "due"
        locked_out(self, lambda: self.crawl(chosen, poll, opts.spargs))

    def crawl(self, chosen: list[str], poll: str, spargs: dict[str, str]) -> None:
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(PollSpider)
        self.crawler_process.crawl(crawler, sources=chosen, poll=poll, **spargs)
        self.crawler_process.start()
        self.exitcode = exit_code(self.crawler_process, crawler)
