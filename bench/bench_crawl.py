"""Crawl throughput: a bare Scrapy spider against `scrapy crawl sputnik_uz`, same mirror.

    python bench/bench_crawl.py [--articles 5000] [--pairs 3]

Builds a synthetic uz.sputniknews.ru mirror (feed, sitemaps, N article pages in
the fixtures' markup), serves it with the pressbot mirror server, then crawls it
in one invocation with both spiders under the same concurrency settings, in
`--pairs` pairs (bare, then full, each full run into a new archive). Prints
pages per second, CPU seconds per 1,000 pages and peak memory of every run, the
ratios of each pair, and their medians: on a shared 2-core VM the speed of the
same code drifts by a third within a minute, and pairs taken in turn see the
same drift.

The full run's CPU includes its page and link workers (PRESSBOT_PAGE_PROCESSES,
PRESSBOT_LINK_PROCESSES: children the crawl waits for); its peak memory is the
largest of its processes', not their sum.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
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
    parser.add_argument("--pairs", type=int, default=3, help="bare and full runs, in turn")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pressbot-bench-"))
    try:
        build_mirror(work / "mirror", args.articles)
        server, mirror = serve(work / "mirror")
        outside = work / "bare"  # outside the project: Scrapy's defaults, no pipelines
        outside.mkdir()
        pairs = []
        try:
            for pair in range(1, args.pairs + 1):
                bare = run_bare(mirror, outside, work)
                database = work / f"bench-{pair}.db"
                full = run_full(mirror, database, work)
                full["stored"] = stored(database)
                pairs.append((bare, full))
                report_pair(pair, args.articles, bare, full)
        finally:
            server.terminate()
            server.wait()
        report(args.articles, pairs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_bare(mirror: str, outside: Path, logs: Path) -> dict:
    feed = f"{mirror}/uz.sputniknews.ru/export/rss2/archive/index.xml"
    spider = str(REPO / "bench/bare_spider.py")
    command = [sys.executable, "-m", "scrapy", "runspider", spider, "-a", f"feed={feed}"]
    return run([*command, *settings_args({})], outside, logs)


def run_full(mirror: str, database: Path, logs: Path) -> dict:
    extra = {"PRESSBOT_MIRROR": mirror, "PRESSBOT_DB": str(database)}
    command = [sys.executable, "-m", "scrapy", "crawl", "sputnik_uz"]
    return run([*command, *settings_args(extra)], REPO, logs)


def stored(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        return db.execute("SELECT count(*) FROM stories").fetchone()[0]


def rate(pages: int, r: dict) -> float:
    return pages / r["wall"]


def cpu_per_k(pages: int, r: dict) -> float:
    return 1000 * r["cpu"] / pages


def report_pair(pair: int, pages: int, bare: dict, full: dict) -> None:
    if pair == 1:
        print(f"pages: {pages} articles + 1 feed")
        print(
            f"{'pair':<6}{'run':<26}{'pages/s':>10}{'CPU s/1000 pages':>18}"
            f"{'peak RSS MB':>13}{'ratio':>7}"
        )
    for name, r in (("bare Scrapy spider", bare), ("scrapy crawl sputnik_uz", full)):
        ratio = f"{rate(pages, full) / rate(pages, bare):>7.2f}" if r is full else ""
        print(
            f"{pair:<6}{name:<26}{rate(pages, r):>10.1f}{cpu_per_k(pages, r):>18.2f}"
            f"{r['rss_mb']:>13.1f}{ratio}"
        )
    if full["stored"] != pages:
        print(f"      the full run stored {full['stored']} stories of {pages}")


def report(pages: int, pairs: list[tuple[dict, dict]]) -> None:
    def median(values):
        return statistics.median(values)

    speed = [rate(pages, full) / rate(pages, bare) for bare, full in pairs]
    cpu = [cpu_per_k(pages, full) / cpu_per_k(pages, bare) for bare, full in pairs]
    print(
        f"median pages/s: bare {median([rate(pages, b) for b, _ in pairs]):.1f}, "
        f"full {median([rate(pages, f) for _, f in pairs]):.1f}"
    )
    print(
        f"ratio full/bare, pages/s: median {median(speed):.2f} of {len(pairs)} pairs "
        f"({min(speed):.2f}–{max(speed):.2f})  (goal: 0.80 or better)"
    )
    print(f"ratio full/bare, CPU per page: median {median(cpu):.2f}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    main()
