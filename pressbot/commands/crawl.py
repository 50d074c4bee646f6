"""`scrapy crawl <source>`, with an exit code that says whether the run went well.

0: the run was healthy; 1: it failed (see `crawl_runs.problems`); 2: bad usage.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

FAILING = 1


def any_failing(crawlers) -> bool:
    return any(c.stats.get_value("pressbot/health") == "failing" for c in crawlers)


class Command(ScrapyCrawlCommand):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("name one source; 'scrapy crawlall' crawls several")
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif any_failing([crawler]):
            self.exitcode = FAILING
