"""`scrapy datasette`: the Datasette metadata for the archive PRESSBOT_DB names.

scrapy datasette -o data/metadata.yml -s PRESSBOT_DB=/srv/press/archive.db
datasette /srv/press/archive.db --metadata data/metadata.yml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.archive.datasette import TEMPLATE, database_name, metadata_for
from pressbot.commands import ArchiveCommand


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Write datasette/metadata.yml for the archive PRESSBOT_DB names, under its name"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            import yaml  # comes with Datasette, which is what reads the result
        except ImportError:
            raise UsageError("PyYAML is missing: pip install datasette") from None
        template = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
        name = database_name(self.project_settings["PRESSBOT_DB"])
        text = yaml.safe_dump(metadata_for(template, name), allow_unicode=True, sort_keys=False)
        if opts.output:
            Path(opts.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
