"""`scrapy demo`: serve the bundled mirror and crawl it, with no internet at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.registry import load_registry


class Command(ScrapyCommand):
    requires_project = True
    default_settings: ClassVar[dict] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Crawl every source from the bundled offline mirror into PRESSBOT_DB"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--mirror", default="tests/mirror", help="mirror folder to serve")

    def run(self, args: list[str], opts) -> None:
        root = Path(opts.mirror)
        if not root.is_dir():
            raise UsageError(f"no mirror folder at {root}")
        server = subprocess.Popen(
            [sys.executable, "-m", "pressbot.mirror", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            url = server.stdout.readline().strip()
            self.exitcode = self._crawl_all(url, root)
        finally:
            server.terminate()
            server.wait()

    def _crawl_all(self, mirror_url: str, root: Path) -> int:
        worst = 0
        db = self.settings["PRESSBOT_DB"]
        for source in load_registry(self.settings.get("PRESSBOT_SOURCES")).values():
            host = source.homepage.split("/")[2]
            if not (root / host).is_dir():
                continue
            print(f"crawling {source.key} from the mirror of {host} into {db}", flush=True)
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "crawl",
                    source.key,
                    "-s",
                    f"PRESSBOT_MIRROR={mirror_url}",
                    "-s",
                    f"PRESSBOT_DB={db}",
                    "-s",
                    "AUTOTHROTTLE_ENABLED=0",
                    "-s",
                    "DOWNLOAD_DELAY=0",
                    "-s",
                    "LOG_LEVEL=INFO",
                ],
                capture_output=True,
                text=True,
            )
            summary = [line for line in done.stderr.splitlines() if "pressbot run" in line]
            print("  " + (summary[-1].split("] INFO: ")[-1] if summary else done.stderr[-500:]))
            worst = max(worst, done.returncode)
        return worst
