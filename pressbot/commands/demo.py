"""`scrapy demo`: serve the bundled mirror and crawl every source from it, offline."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.commands import ArchiveCommand


class Command(ArchiveCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Crawl every source from the bundled offline mirror into PRESSBOT_DB"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--mirror", default="tests/mirror", help="mirror folder to serve")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        root = Path(opts.mirror)
        if not root.is_dir():
            raise UsageError(f"no mirror folder at {root}")
        server = subprocess.Popen(
            [sys.executable, "-m", "pressbot.mirror", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None  # stdout=PIPE
            url = server.stdout.readline().strip()
            self.exitcode = self.crawl_all(url)
        finally:
            server.terminate()
            server.wait()

    def crawl_all(self, mirror_url: str) -> int:
        db = self.project_settings["PRESSBOT_DB"]
        print(f"crawling every source from the mirror at {mirror_url} into {db}", flush=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawlall",
                "-s",
                f"PRESSBOT_MIRROR={mirror_url}",
                "-s",
                f"PRESSBOT_DB={db}",
                "-s",
                "AUTOTHROTTLE_ENABLED=0",
                "-s",
                "DOWNLOAD_DELAY=0",
            ],
            capture_output=True,
            text=True,
        )
        for line in done.stderr.splitlines():
            if "pressbot run" in line:
                print("  " + line.split("] INFO: ")[-1])
        return done.returncode
