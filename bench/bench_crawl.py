"""Crawl throughput: a bare Scrapy spider against `scrapy crawl sputnik_uz`, same mirror.

    python bench/bench_crawl.py [--articles 5000]

Builds a synthetic uz.sputniknews.ru mirror (feed, sitemaps, N article pages in
the fixtures' markup), serves it with the pressbot mirror server, then crawls it
in one invocation with both spiders under the same concurrency settings. Prints
pages per second, CPU seconds per 1,000 pages, peak memory, and the ratios.

The full run's CPU includes its page and link workers (PRESSBOT_PAGE_PROCESSES,
PRESSBOT_LINK_PROCESSES: children the crawl waits for); its peak memory is the
largest of its processes', not their sum.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests/mirror/uz.sputniknews.ru/20251112"
SEED_PAGE = SEED / "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
SAME = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "1",
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": "0",
    # pressbot runs on Twisted's default reactor (epoll on Linux); the baseline too
    "TWISTED_REACTOR": "twisted.internet.epollreactor.EPollReactor",
}


def build_mirror(root: Path, count: int, host: str = "uz.sputniknews.ru", first_id: int = 0):
    """N pages made from the seed article, each with its own id, title, time and text."""
    template = SEED_PAGE.read_text()
    site = root / host
    start = datetime(2025, 11, 12, 14, 12)
    urls, items = [], []
    for n in range(count):
        moment = start - timedelta(minutes=7 * n)
        day, article_id = moment.strftime("%Y%m%d"), 60000000 + first_id + n
        path = f"{day}/synthetic-story-{article_id}.html"
        html = (
            template.replace("53411453", str(article_id))
            .replace(
                "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi",
                "synthetic-story",
            )
            .replace("20251112", day)
            .replace("uz.sputniknews.ru", host)
            .replace("2025-11-12T14:12+0500", moment.strftime("%Y-%m-%dT%H:%M+0500"))
            .replace("Бухарской и Навоийской областях", f"областях, сообщение {n}")
            .replace("осмотрели промышленные парки", f"осмотрели {n} промышленных парков")
        )
        (site / day).mkdir(parents=True, exist_ok=True)
        (site / path).write_text(html)
        url = f"https://{host}/{path}"
        urls.append(url)
        pub = moment.strftime("%a, %d %b %Y %H:%M:00 +0500")
        title = f"Делегация Татарстана посетила промышленные парки в областях, сообщение {n}"
        items.append(
            f"<item><title>{title}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{pub}</pubDate></item>"
        )
    feed = site / "export/rss2/archive/index.xml"
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        + "\n".join(items)
        + "</channel></rss>"
    )
    return urls


def serve(root: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "pressbot.mirror", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    return server, server.stdout.readline().strip()


def run(cmd: list[str], cwd: Path, logs: Path) -> dict:
    """Run one crawl process; wall time, CPU time and peak RSS of that process alone."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr_path = logs / f"log-{process.pid}.txt"
    with open(stderr_path, "wb") as log:
        shutil.copyfileobj(process.stderr, log)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        sys.exit(f"crawl failed ({status}): {' '.join(cmd)}\n{stderr_path.read_text()[-2000:]}")
    return {
        "wall": elapsed,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def settings_args(extra: dict) -> list[str]:
    args = []
    for name, value in {**SAME, **extra}.items():
        args += ["-s", f"{name}={value}"]
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pressbot-bench-"))
    try:
        build_mirror(work / "mirror", args.articles)
        server, mirror = serve(work / "mirror")
        try:
            outside = work / "bare"  # outside the project: Scrapy's defaults, no pipelines
            outside.mkdir()
            bare = run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "runspider",
                    str(REPO / "bench/bare_spider.py"),
                    "-a",
                    f"feed={mirror}/uz.sputniknews.ru/export/rss2/archive/index.xml",
                    *settings_args({}),
                ],
                outside,
                work,
            )
            full = run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "crawl",
                    "sputnik_uz",
                    *settings_args(
                        {"PRESSBOT_MIRROR": mirror, "PRESSBOT_DB": str(work / "bench.db")}
                    ),
                ],
                REPO,
                work,
            )
        finally:
            server.terminate()
            server.wait()
        stored = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sqlite3,sys; print(sqlite3.connect(sys.argv[1])"
                ".execute('select count(*) from stories').fetchone()[0])",
                str(work / "bench.db"),
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        report(args.articles, bare, full, stored)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(pages: int, bare: dict, full: dict, stored: str) -> None:
    def rate(r):
        return pages / r["wall"]

    def cpu_per_k(r):
        return 1000 * r["cpu"] / pages

    print(f"pages: {pages} articles + 1 feed; stories stored by the full run: {stored}")
    print(f"{'run':<28}{'pages/s':>10}{'CPU s/1000 pages':>18}{'peak RSS MB':>13}")
    for name, r in (("bare Scrapy spider", bare), ("scrapy crawl sputnik_uz", full)):
        print(f"{name:<28}{rate(r):>10.1f}{cpu_per_k(r):>18.2f}{r['rss_mb']:>13.1f}")
    print(f"ratio full/bare, pages/s: {rate(full) / rate(bare):.2f}  (goal: 0.80 or better)")
    print(f"ratio full/bare, CPU per page: {cpu_per_k(full) / cpu_per_k(bare):.2f}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    main()
