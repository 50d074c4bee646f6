"""`scrapy discover URL`: a new site's feeds, sitemaps and listing, and a few releases read.

It runs one small crawl (`pressbot.spiders.discover.DiscoverSpider`) with the
project's politeness settings, robots.txt and `PRESSBOT_MIRROR`, into a
throwaway archive, then prints a ready-to-paste `sources.toml` entry and what
the generic reading made of each sample; `--json` prints the same as data.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pressbot.commands import ExitCode
from pressbot.registry import Source, entry_toml
from pressbot.spiders.discover import DiscoverSpider
from pressbot.spiders.generic import EntryPoints

# Where a site's domain says it is, when --timezone does not.
ZONES = {"uz": "Asia/Tashkent", "kz": "Asia/Almaty", "ru": "Europe/Moscow"}


def guess_source(url: str, timezone: str | None) -> Source:
    """A generic source for the site at `url`: key from its host, zone from its domain."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    country = host.rsplit(".", 1)[-1]
    return Source(
        key=host.replace(".", "_").replace("-", "_"),
        title=host,
        kind="ministry",
        country=country.upper() if country in ZONES else "",
        timezone=timezone or ZONES.get(country, "UTC"),
        homepage=f"{parts.scheme}://{parts.netloc}",
        family="generic",
    )


def registry_entry(source: Source, found: EntryPoints, homepage: dict[str, str]) -> dict:
    """The fields of a ready-to-paste registry entry; addresses on the site as paths."""
    on_site = lambda url: url.removeprefix(source.homepage) or "/"  # noqa: E731
    entry = {**source.as_row(), "title": homepage.get("title") or source.title}
    entry["languages"] = [homepage["lang"][:2]] if homepage.get("lang") else ["ru"]
    del entry["enabled"], entry["names"], entry["key"]
    entry["feeds"] = [on_site(u) for u in found.feeds]
    entry["sitemaps"] = [on_site(u) for u in found.sitemaps]
    entry["listing"] = on_site(found.listing) if found.listing else ""
    return {k: v for k, v in entry.items() if v != [] and (v or k == "region")}


def flat(text: str) -> str:
    """A body's paragraphs on one line, ¶ between them."""
    return text.replace("\n\n", " ¶ ").replace("\n", " ")


def report(key: str, entry: dict, samples: list[dict]) -> str:
    """The text `scrapy discover` prints: the entry, then each sample and its warnings."""
    lines = ["# sources.toml", entry_toml(key, entry), f"# {len(samples)} sample(s)"]
    for sample in samples:
        lines += [
            "",
            sample["url"],
            f"  title:     {sample['title']}",
            f"  published: {sample['published_local']} ({sample['published_precision']})",
            f"  body:      {flat(sample['body_start'])}",
            f"        …    {flat(sample['body_end'])}",
            *[f"  warning:   {w}" for w in sample["warnings"]],
        ]
    return "\n".join(lines)


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] URL"

    def short_desc(self) -> str:
        return "Find a site's feeds, sitemaps and listing, read a few releases, print its entry"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")
        parser.add_argument("--samples", type=int, default=3, help="releases to read (default 3)")
        parser.add_argument("--timezone", help="the site's IANA zone (default: from its domain)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        # a throwaway archive (robots.txt is kept there); nothing stored, no run logged
        self.work = tempfile.mkdtemp(prefix="pressbot-discover-")
        self.settings.set("PRESSBOT_DB", str(Path(self.work) / "discover.db"), "cmdline")
        self.settings.set("ITEM_PIPELINES", {}, "cmdline")
        self.settings.set("EXTENSIONS", {"pressbot.extensions.runlog.RunLog": None}, "cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or not args[0].startswith(("http://", "https://")):
            raise UsageError("give one address: a homepage or a press-release list page")
        try:
            spider = self.discover(guess_source(args[0], opts.timezone), args[0], opts.samples)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        entry = registry_entry(spider.source, spider.found, spider.homepage)
        samples = [asdict(s) for s in spider.samples]
        if opts.json:
            data = {"key": spider.source.key, "entry": entry, "samples": samples}
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(report(spider.source.key, entry, samples))
        self.exitcode = ExitCode.OK if samples else ExitCode.FAILING

    def discover(self, source: Source, url: str, samples: int) -> DiscoverSpider:
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(DiscoverSpider)
        self.crawler_process.crawl(crawler, source, start_url=url, samples=samples)
        self.crawler_process.start()
        assert isinstance(crawler.spider, DiscoverSpider)
        return crawler.spider
