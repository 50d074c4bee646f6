"""`scrapy genspider`, refused: pressbot's spiders come from the source registry.

Scrapy's own genspider writes a spider module that pressbot's spider loader
would never load; this says what to do instead.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

HOW_TO_ADD = """pressbot has no spider per site: every source is an entry in pressbot/sources.toml
crawled by its platform's family spider. To add a site:
  - on a known platform (sputnik, tatarstan, govuz, kremlin, government): add an entry
    [your_key] with title, kind, country, timezone, homepage and family (README, "Adding a
    site on a known platform"), then `scrapy list` shows it and `scrapy crawl your_key` runs it;
  - on a new platform: write a family spider in pressbot/spiders/<family>.py and its page
    classes in pressbot/pages/<family>.py, and name it in pressbot.spiders.FAMILIES."""


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}  # noqa: RUF012 (Scrapy's own attribute)

    def syntax(self) -> str:
        return "<name> <domain>"

    def short_desc(self) -> str:
        return "Refused: add a source to pressbot/sources.toml instead"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        raise UsageError(HOW_TO_ADD, print_help=False)
