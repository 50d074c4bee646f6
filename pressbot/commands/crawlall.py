"""`scrapy crawlall [SOURCE ...]`: crawl many sources in one process.

Every enabled source by default, or the given ones, or one family's. Each
source is its own crawl with its own `crawl_runs` row, so one failing site
never stops the others. Sources that fetch from the same host (the gov.uz
agencies all use api-portal.gov.uz) run one after another, so the per-host
limits hold across them; other sources run side by side. Exit code 1 when
any source's run failed, 0 when all went well (`ExitCode`).
"""

from __future__ import annotations

import argparse
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, cast

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from twisted.internet.defer import DeferredList, inlineCallbacks

from pressbot.commands.crawl import check_arguments, exit_code, locked_out
from pressbot.registry import load_registry

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

    from pressbot.spiders.base import FamilySpider


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [source ...]"

    def short_desc(self) -> str:
        return "Crawl every enabled source (or the given ones) in one process"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--family", help="only the sources of this spider family")

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

    def by_host(self, keys: list[str]) -> list[list[str]]:
        """Sources grouped by the host they fetch from."""
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        groups: dict[str, list[str]] = {}
        for key in keys:
            # RegistrySpiderLoader's spiders are all family spiders
            spidercls = cast("type[FamilySpider]", loader.load(key))
            groups.setdefault(spidercls.fetch_host(), []).append(key)
        return list(groups.values())

    @inlineCallbacks
    def crawl_in_turn(
        self, keys: list[str], spargs: dict[str, str]
    ) -> Generator[Deferred[None], Any, None]:
        assert self.crawler_process is not None
        for key in keys:
            crawler = self.crawler_process.create_crawler(key)
            self.crawlers.append(crawler)
            # a Deferred: with the Twisted reactor (TWISTED_REACTOR = None) Scrapy gives
            # commands a CrawlerProcess
            yield cast("Deferred[None]", self.crawler_process.crawl(crawler, **spargs))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        groups = self.by_host(self.sources(args, opts.family))
        check_arguments(opts.spargs)
        locked_out(self, lambda: self.crawl(groups, opts.spargs))

    def crawl(self, groups: list[list[str]], spargs: dict[str, str]) -> None:
        from twisted.internet import reactor

        def stop_reactor(_: object) -> None:
            # The reactor is typed by Twisted's zope interfaces, whose methods take no
            # `self`; mypy reads those only through the mypy-zope plugin.
            reactor.stop()  # type: ignore[misc]

        assert self.crawler_process is not None
        self.crawlers: list[Crawler] = []
        done = DeferredList([self.crawl_in_turn(g, spargs) for g in groups])
        done.addBoth(stop_reactor)
        self.crawler_process.start(stop_after_crawl=False)
        self.exitcode = exit_code(self.crawler_process, self.crawlers)
