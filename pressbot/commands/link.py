"""`scrapy link`: find attributions and release ↔ coverage links again over the archive.

    scrapy link                       # stories not linked yet, or edited since
    scrapy link --since 2025-11-01    # again, every story published on or after that day
    scrapy link --rebuild             # again, every story in the archive

Crawls link each story as it is stored (with PRESSBOT_LINK_ENABLED); this
links an archive filled before linking existed or with linking off, and
recomputes the links after the registry's names changed. It holds the
database lock like a crawl.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.commands import ArchiveCommand
from pressbot.commands.crawl import locked_out
from pressbot.coverage.linker import Linker, link_unlinked, rebuild
from pressbot.coverage.names import NameIndex
from pressbot.registry import load_registry
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Recompute attributions and release-coverage links over the archive"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--since", help="stories published on or after this day (YYYY-MM-DD)")
        parser.add_argument("--rebuild", action="store_true", help="every story in the archive")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        now = clock_from_settings(self.project_settings)()
        since = self.since(opts)

        def link() -> None:
            links = self.link(since, opts.rebuild, timeparse.iso_utc(now))
            print(f"linked: {links} links between releases and their coverage", file=sys.stderr)

        locked_out(self, link)

    @staticmethod
    def since(opts: argparse.Namespace) -> str | None:
        """The first day to link again; None for none (`scrapy link`) or all (--rebuild)."""
        if not opts.since:
            return None
        try:
            return date.fromisoformat(opts.since).isoformat()
        except ValueError:
            raise UsageError(f"--since {opts.since!r} is not a date (YYYY-MM-DD)") from None

    def link(self, since: str | None, everything: bool, linked_at: str) -> int:
        settings = self.project_settings
        sources = load_registry(settings.get("PRESSBOT_SOURCES"))
        archive = self.open_archive()
        try:
            archive.sync_sources(source.as_row() for source in sources.values())
            linker = Linker(
                archive,
                NameIndex.from_registry(sources),
                {key: source.kind for key, source in sources.items()},
            )
            if since or everything:
                rebuild(linker, linked_at, since, progress=_progress)
            else:
                link_unlinked(linker, linked_at, progress=_progress)
            return archive.db.table("coverage").count
        finally:
            archive.close()


def _progress(doing: str, done: int, total: int) -> None:
    print(f"{doing} {done} of {total} stories", file=sys.stderr, flush=True)
