"""`scrapy atom`: an Atom feed of the newest stories, of one source, one kind or all.

scrapy atom -o feeds/all.xml
scrapy atom --source mpt_tatarstan -o feeds/mpt_tatarstan.xml
scrapy atom --kind ministry --limit 100 -o feeds/ministries.xml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.archive.atom import atom_feed
from pressbot.archive.database import Archive
from pressbot.archive.schema import STORIES_WITH_SOURCES
from pressbot.commands import ArchiveCommand

SELECT = (
    f"SELECT s.*, src.title AS source_title, src.homepage FROM {STORIES_WITH_SOURCES} "
    "WHERE {where} ORDER BY s.published_at DESC, s.id DESC LIMIT ?"
)


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Write an Atom feed of the newest stories (one source, one kind, or all)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--source", help="only this source")
        parser.add_argument("--kind", help="only this kind of source (ministry, news_agency, …)")
        parser.add_argument("--limit", type=int, default=50, help="entries (default 50)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if opts.source and opts.kind:
            raise UsageError("give --source or --kind, not both")
        archive = self.open_archive()
        try:
            scope, title, link, where, params = self.scope(archive, opts)
            stories = list(archive.db.query(SELECT.format(where=where), [*params, opts.limit]))
        finally:
            archive.close()
        document = atom_feed(stories, scope, title, link)
        if opts.output:
            Path(opts.output).write_bytes(document)
        else:
            sys.stdout.buffer.write(document)

    @staticmethod
    def scope(archive: Archive, opts: argparse.Namespace) -> tuple[str, str, str, str, list[str]]:
        sources = {row["key"]: row for row in archive.db["sources"].rows}
        if opts.source:
            if opts.source not in sources:
                raise UsageError(f"unknown source: {opts.source}")
            source = sources[opts.source]
            return (opts.source, source["title"], source["homepage"], "s.source = ?", [opts.source])
        if opts.kind:
            if opts.kind not in {s["kind"] for s in sources.values()}:
                raise UsageError(f"unknown kind: {opts.kind}")
            return (
                f"kind/{opts.kind}",
                f"pressbot: {opts.kind}",
                "https://github.com/pressbot/pressbot",
                "src.kind = ?",
                [opts.kind],
            )
        return ("all", "pressbot: all sources", "https://github.com/pressbot/pressbot", "1 = 1", [])
