"""`scrapy crawlall [SOURCE ...]`: crawl many sources in one process.

Every enabled source by default, or the given ones, or one family's. Each
source is its own crawl with its own `crawl_runs` row, so one failing site
never stops the others. Sources that fetch from the same host (the gov.uz
agencies all use api-portal.gov.uz) run one after another, so the per-host
limits hold across them; other sources run side by side. Exit code 1 when
any source's run failed, 0 when all went well (`ExitCode`).
"""

from __future__ import annotations

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from twisted.internet.defer import DeferredList, inlineCallbacks

from pressbot.commands.crawl import check_arguments, exit_code, locked_out
from pressbot.registry import load_registry


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [source ...]"

    def short_desc(self) -> str:
        return "Crawl every enabled source (or the given ones) in one process"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--family", help="only the sources of this spider family")

    def sources(self, args: list[str], family: str | None) -> list[str]:
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

    def by_host(self, keys: list[str]) -> list[list[str]]:
        """Sources grouped by the host they fetch from."""
        loader = self.crawler_process.spider_loader
        groups: dict[str, list[str]] = {}
        for key in keys:
            groups.setdefault(loader.load(key).fetch_host(), []).append(key)
        return list(groups.values())

    @inlineCallbacks
    def crawl_in_turn(self, keys: list[str], spargs: dict):
        for key in keys:
            crawler = self.crawler_process.create_crawler(key)
            self.crawlers.append(crawler)
            yield self.crawler_process.crawl(crawler, **spargs)

    def run(self, args: list[str], opts) -> None:
        groups = self.by_host(self.sources(args, opts.family))
        check_arguments(opts.spargs)
        locked_out(self, lambda: self.crawl(groups, opts.spargs))

    def crawl(self, groups: list[list[str]], spargs: dict) -> None:
        from twisted.internet import reactor

        self.crawlers: list = []
        done = DeferredList([self.crawl_in_turn(g, spargs) for g in groups])
        done.addBoth(lambda _: reactor.stop())
        self.crawler_process.start(stop_after_crawl=False)
        self.exitcode = exit_code(self.crawler_process, self.crawlers)
