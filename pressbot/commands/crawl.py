"""`scrapy crawl <source>`, with an exit code that says whether the run went well.

0: the run was healthy; 1: it failed (see `crawl_runs.problems`); 2: bad usage.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

FAILING = 1


def any_failing(crawlers) -> bool:
    return any(c.stats.get_value("pressbot/health") == "failing" for c in crawlers)


class Command(ScrapyCrawlCommand):
    def run(self, args, opts) -> None:
        super().run(args, opts)
        if self.exitcode == 0 and any_failing(self.crawler_process.crawlers):
            self.exitcode = FAILING
