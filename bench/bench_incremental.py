"""Requests of incremental runs: a first run, a run with nothing new, a run with 1% new.

    python bench/bench_incremental.py [--per-source 1000] [--sources 3]

Builds a synthetic mirror of several Sputnik editions (registered for the
run in a temporary registry), crawls them all with `scrapy crawlall`, crawls
again with nothing changed, then adds 1% new stories to the feeds and crawls
once more. Prints the requests of each run, their ratio to the first, and
the peak memory of each run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_crawl import REPO, SAME, build_mirror, serve

HOSTS = ["uz.sputniknews.ru", "ru.sputnik.kg", "tj.sputniknews.ru", "sputnik.by", "ria.ru"]


def registry(path: Path, hosts: list[str]) -> None:
    entries = [
        f'[bench_{i}]\ntitle = "{host}"\nkind = "news_agency"\ncountry = "UZ"\n'
        f'timezone = "Asia/Tashkent"\nhomepage = "https://{host}"\nfamily = "sputnik"\n'
        for i, host in enumerate(hosts)
    ]
    path.write_text("\n".join(entries))


def crawlall(env: dict, registry_path: Path, log: Path) -> dict:
    cmd = [sys.executable, "-m", "scrapy", "crawlall", "-s", f"PRESSBOT_SOURCES={registry_path}"]
    for name, value in SAME.items():
        cmd += ["-s", f"{name}={value}"]
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"crawlall failed ({status}); see {log}")
    requests = 0
    for line in log.read_text().splitlines():
        if "pressbot run" in line:
            requests += int(line.split(" requests,")[0].rsplit(" ", 1)[1])
    return {
        "requests": requests,
        "wall": time.perf_counter() - started,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-source", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=3)
    args = parser.parse_args()
    hosts = HOSTS[: args.sources]
    work = Path(tempfile.mkdtemp(prefix="pressbot-incr-"))
    try:
        for n, host in enumerate(hosts):
            build_mirror(work / "mirror", args.per_source, host, first_id=n * 100000)
        registry(work / "sources.toml", hosts)
        server, mirror = serve(work / "mirror")
        # a frozen clock keeps the re-check schedule out of this measurement
        env = {
            **os.environ,
            "PRESSBOT_DB": str(work / "bench.db"),
            "PRESSBOT_MIRROR": mirror,
            "PRESSBOT_NOW": "2025-11-12T12:00:00+00:00",
        }
        sources = work / "sources.toml"
        try:
            first = crawlall(env, sources, work / "run1.log")
            second = crawlall(env, sources, work / "run2.log")
            new = max(1, args.per_source // 100)
            for n, host in enumerate(hosts):  # 1% new: newer stories at the top of each feed
                build_mirror(work / "fresh", args.per_source + new, host, first_id=n * 100000)
                shutil.copytree(work / "fresh" / host, work / "mirror" / host, dirs_exist_ok=True)
            third = crawlall(env, sources, work / "run3.log")
        finally:
            server.terminate()
            server.wait()
        report(len(hosts) * args.per_source, len(hosts), first, second, third)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(stories: int, sources: int, first: dict, second: dict, third: dict) -> None:
    print(f"{stories} stories over {sources} sources")
    print(f"{'run':<34}{'requests':>10}{'ratio':>8}{'seconds':>9}{'peak RSS MB':>13}")
    for name, run in (
        ("first run", first),
        ("second run, nothing new", second),
        ("third run, 1% new stories", third),
    ):
        ratio = run["requests"] / first["requests"]
        print(
            f"{name:<34}{run['requests']:>10}{ratio:>8.3f}{run['wall']:>9.1f}{run['rss_mb']:>13.1f}"
        )


if __name__ == "__main__":
    main()
