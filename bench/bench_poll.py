"""Polling N sources: `scrapy crawlall` over N tatarstan.ru ministries, beside bare Scrapy.

    python bench/bench_poll.py [--sizes 100,1000,10000] [--concurrency 64]
                               [--timeout 1200] [--max-rss-mb 4096] [--profile] [--keep]

For each N: writes N synthetic sites and their registry (pressbot.mirror.synthetic)
into a temporary folder and serves them with the mirror server (`--conditional`, so
an unchanged API page answers 304). Then, each as its own timed process:
`scrapy crawlall` into an empty archive (first run), `scrapy crawlall` again with
nothing changed and the clock `--gap` hours on (unchanged run: the cron case), and a
bare Scrapy spider fetching the same entry points (robots.txt and the API's first
page of each site) in one crawler. Prints, per run, wall time, CPU time (user+sys of
the crawl process), CPU per source and per request, requests per source (from the
mirror's log), peak RSS, the most requests in flight to one host and the sources'
run verdicts; then the ratios issue 9 sets goals for. A run past `--timeout` or
`--max-rss-mb` is killed and reported; larger sizes are then skipped.

crawlall is driven only through its command line, so the same benchmark measures
any engine behind it. `--profile` runs both crawlall processes under cProfile
(their figures then include its overhead) and prints the top 20 functions by
cumulative and by own time.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from pressbot.mirror.server import max_in_flight  # noqa: E402
from pressbot.mirror.synthetic import write_portal_sites, write_registry  # noqa: E402

# Releases are dated up to 2025-11-10, so at these clocks none is due a re-check
# (the last point of PRESSBOT_RECHECK_AFTER is 72 h) and an unchanged run polls
# entry points only; the gap is past PRESSBOT_POLL_MAX (6 h), so every one is due.
FIRST_CLOCK = datetime(2025, 11, 14, 9, 0, tzinfo=timezone.utc)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIRROR_OPTIONS = ("--conditional", "--log")  # ETags, 304 to If-None-Match; one line a request


@dataclass
class Run:
    name: str
    wall: float = 0.0
    cpu: float = 0.0
    rss_mb: float = 0.0
    exit: str = ""
    requests: int = 0
    peak_in_flight: int = 0
    mirror_cpu: float = 0.0
    verdicts: dict[str, int] = field(default_factory=dict)
    problems: Counter[str] = field(default_factory=Counter)
    profile: Path | None = None

    @property
    def finished(self) -> bool:
        return self.exit in ("0", "1")  # crawlall's exit 1: some source failed


@dataclass
class Mirror:
    process: subprocess.Popen
    url: str
    log: Path

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def cpu(self) -> float:
        """User+sys seconds of the server so far (it competes for the same cores)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def settle(self) -> list[str]:
        """The log once the server has written its last lines (it logs after answering)."""
        lines = self.lines()
        for _ in range(20):
            time.sleep(0.1)
            if len(again := self.lines()) == len(lines):
                return lines
            lines = again
        return lines


def serve(root: Path, log: Path) -> Mirror:
    command = [sys.executable, "-m", "pressbot.mirror", str(root), "--port", "0"]
    with open(log.with_suffix(".err"), "w") as errors:
        process = subprocess.Popen(
            [*command, *MIRROR_OPTIONS, str(log)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=REPO,
        )
    return Mirror(process, process.stdout.readline().strip(), log)


def settings_args(settings: dict[str, str]) -> list[str]:
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def run_process(
    run: Run, cmd: list[str], cwd: Path, log: Path, timeout: float, max_rss_mb: float
) -> None:
    """Run one crawl process to its end or its limits; add its wall and CPU time to `run`'s,
    and its peak RSS (of it alone) to `run`'s peak."""
    started = time.perf_counter()
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=out, start_new_session=True)
    killed = ""
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if not killed and time.perf_counter() - started > timeout:
            killed = f"timeout {timeout:.0f}s"
        elif not killed and rss_mb(process.pid) > max_rss_mb:
            killed = f"RSS>{max_rss_mb:.0f}MB"
        if killed:
            os.killpg(process.pid, signal.SIGKILL)
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    run.wall += time.perf_counter() - started
    run.cpu += usage.ru_utime + usage.ru_stime
    run.rss_mb = max(run.rss_mb, usage.ru_maxrss / 1024)
    run.exit = killed or str(process.returncode)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(run: Run, mirror: Mirror, start, *args) -> Run:
    """`start(*args)` with the mirror's requests and CPU during it."""
    before, cpu_before = len(mirror.settle()), mirror.cpu()
    start(run, *args)
    lines = mirror.settle()[before:]
    run.mirror_cpu = mirror.cpu() - cpu_before
    run.requests = len(lines)
    run.peak_in_flight = max(max_in_flight(lines).values(), default=0)
    return run


def verdicts(db: Path, after_id: int) -> tuple[dict[str, int], Counter[str]]:
    """Runs recorded in crawl_runs since row `after_id` counted by health, and the
    problems of those not ok counted by kind (their figures taken out)."""
    if not db.exists():
        return {}, Counter()
    try:
        with sqlite3.connect(db) as conn:
            found = conn.execute(
                "SELECT coalesce(health, '?'), problems FROM crawl_runs WHERE id > ?",
                (after_id,),
            ).fetchall()
    except sqlite3.Error:
        return {}, Counter()
    health = Counter(verdict for verdict, _ in found)
    problems: Counter[str] = Counter()
    for verdict, listed in found:
        if verdict != "ok" and listed:
            problems.update(re.sub(r"\d+", "N", p) for p in json.loads(listed))
    return dict(health), problems


def last_run_id(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT coalesce(max(id), 0) FROM crawl_runs").fetchone()[0]
    except sqlite3.Error:
        return 0


def crawlall_settings(args, work: Path, mirror: Mirror, clock: datetime) -> dict[str, str]:
    return {
        "PRESSBOT_SOURCES": str(work / "sources.toml"),
        "PRESSBOT_DB": str(work / "pressbot.db"),
        "PRESSBOT_MIRROR": mirror.url,
        "PRESSBOT_NOW": clock.isoformat(),
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "0",
        "CONCURRENT_REQUESTS": str(args.concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.per_host),
        "LOG_LEVEL": "INFO",
    }


def crawlall(
    run: Run, args, work: Path, mirror: Mirror, clock: datetime, batches: list[list[str]]
) -> None:
    """`scrapy crawlall` once per batch of source keys (`[[]]`: once, every source)."""
    db = work / "pressbot.db"
    after = last_run_id(db)
    name = run.name.replace(" ", "-").replace(",", "")
    python = [sys.executable]
    if args.profile and batches == [[]]:
        run.profile = work / f"{name}.prof"
        python += ["-m", "cProfile", "-o", str(run.profile)]
    settings = crawlall_settings(args, work, mirror, clock)
    for number, keys in enumerate(batches):
        cmd = [*python, "-m", "scrapy", "crawlall", *settings_args(settings), *keys]
        run_process(run, cmd, REPO, work / f"{name}-{number}.log", args.timeout, args.max_rss_mb)
        if not run.finished:
            break
    run.verdicts, run.problems = verdicts(db, after)


def bare(run: Run, args, work: Path, mirror: Mirror) -> None:
    outside = work / "bare"  # outside the project: Scrapy's defaults, no pressbot
    outside.mkdir(exist_ok=True)
    settings = {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "0",
        "CONCURRENT_REQUESTS": str(args.concurrency),
        # one host (the mirror's) for all its requests: the global cap is the limit
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.concurrency),
        "ROBOTSTXT_OBEY": "0",  # it fetches each site's robots.txt itself
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": "0",
        # pressbot runs on Twisted's default reactor (epoll on Linux); the baseline too
        "TWISTED_REACTOR": "twisted.internet.epollreactor.EPollReactor",
    }
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench/bare_poll_spider.py")]
    cmd += ["-a", f"mirror={mirror.url}", "-a", f"hosts={work / 'hosts.txt'}"]
    cmd += settings_args(settings)
    run_process(run, cmd, outside, work / "bare.log", args.timeout, args.max_rss_mb)


def bench_size(n: int, args, work: Path) -> list[Run]:
    started = time.perf_counter()
    hosts = write_portal_sites(work / "mirror", n, releases=args.releases)
    keys = write_registry(work / "sources.toml", n)
    size = args.first_batch or n
    batches = [keys[start : start + size] for start in range(0, n, size)] if size < n else [[]]
    (work / "hosts.txt").write_text("\n".join(hosts) + "\n")
    print(f"\nN = {n:,} sources: {n:,} sites written in {time.perf_counter() - started:.1f} s")
    mirror = serve(work / "mirror", work / "mirror.log")
    second_clock = FIRST_CLOCK + timedelta(hours=args.gap)
    runs = []
    try:
        first = Run("crawlall, first")
        if len(batches) > 1:
            print(f"the first run is {len(batches)} crawlall processes of ≤ {size:,} sources")
        runs.append(measure(first, mirror, crawlall, args, work, mirror, FIRST_CLOCK, batches))
        if first.finished:
            unchanged = Run("crawlall, unchanged")
            runs.append(
                measure(unchanged, mirror, crawlall, args, work, mirror, second_clock, [[]])
            )
        runs.append(measure(Run("bare Scrapy spider"), mirror, bare, args, work, mirror))
    finally:
        mirror.process.terminate()
        mirror.process.wait()
    report(n, runs, work)
    return runs


def report(n: int, runs: list[Run], work: Path) -> None:
    print(
        f"{'run':<21}{'wall s':>8}{'CPU s':>8}{'CPU/src ms':>11}{'CPU/req ms':>11}"
        f"{'req/src':>8}{'RSS MB':>8}{'in flight':>10}{'mirror CPU s':>13}  exit  runs"
    )
    for r in runs:
        per_request = 1000 * r.cpu / r.requests if r.requests else float("nan")
        runs_text = " ".join(f"{k} {v}" for k, v in sorted(r.verdicts.items()))
        print(
            f"{r.name:<21}{r.wall:>8.1f}{r.cpu:>8.1f}{1000 * r.cpu / n:>11.1f}{per_request:>11.2f}"
            f"{r.requests / n:>8.2f}{r.rss_mb:>8.0f}{r.peak_in_flight:>10}{r.mirror_cpu:>13.1f}"
            f"  {r.exit:<5} {runs_text}"
        )
        if not r.finished:
            print(f"  {r.name} did not finish ({r.exit}); its log is in {work}")
        for problem, count in r.problems.most_common(5):
            print(f"  {count} runs not ok: {problem}")
    for r in runs:
        if r.profile and r.profile.exists():
            print_profile(r)


def print_profile(run: Run) -> None:
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(str(run.profile), stream=out).sort_stats(order).print_stats(20)
        text = out.getvalue().replace(sysconfig.get_paths()["purelib"] + "/", "")
        text = text.replace(str(REPO) + "/", "").replace(sysconfig.get_paths()["stdlib"] + "/", "")
        table = text[text.index("   ncalls") :].rstrip()
        print(f"\n{run.name}: top 20 by {order} (cProfile, main thread)\n{table}")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if a and b else "n/a"


def summary(results: dict[int, list[Run]]) -> None:
    """The ratios issue 9 names, with its goals beside them."""
    done = {
        n: {r.name: r for r in runs if r.finished and r.requests} for n, runs in results.items()
    }
    sizes = [n for n in done if "crawlall, unchanged" in done[n]]
    print("\nGoals of issue 9 (unchanged run unless said; noisy on a shared machine):")
    if not sizes:
        print("  no size finished both crawlall runs")
        return
    base, top = min(sizes), max(sizes)
    cpu_per_source = {n: done[n]["crawlall, unchanged"].cpu / n for n in sizes}
    for n in [n for n in sizes if n != base]:
        print(
            f"  CPU per source at {n:,} vs at {base:,}: "
            f"{ratio(cpu_per_source[n], cpu_per_source[base])}  (goal at 10,000 vs 100: ≤ 1.3x)"
        )
    print(
        f"  CPU of the unchanged run at {top:,}: {done[top]['crawlall, unchanged'].cpu:.1f} s"
        "  (goal at 10,000: ≤ 75 s)"
    )
    # the bare spider fetches the entry points and stores nothing: the unchanged poll does
    # the same work, a first run also reads, stores and links each source's stories
    goals = {
        "crawlall, first": "(goal: ≤ 1.5x; this run also stores and links the stories)",
        "crawlall, unchanged": "(goal: ≤ 1.5x)",
    }
    for n in sizes:
        bare_run = done[n].get("bare Scrapy spider")
        for name, goal in goals.items():
            own = done[n][name]
            theirs = bare_run.cpu / bare_run.requests if bare_run else 0
            print(
                f"  CPU per request, {name} vs bare, at {n:,}: "
                f"{ratio(own.cpu / own.requests, theirs)}  {goal}"
            )
    peak = max(r.rss_mb for r in done[top].values() if r.name.startswith("crawlall"))
    print(f"  peak memory of crawlall at {top:,}: {peak:.0f} MB  (goal at 10,000: ≤ 400 MB)")
    in_flight = max(
        r.peak_in_flight for n in sizes for r in done[n].values() if r.name != "bare Scrapy spider"
    )
    print(f"  most requests in flight to one host, crawlall: {in_flight}  (goal: ≤ --per-host)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="source counts, e.g. 100,300")
    parser.add_argument("--concurrency", type=int, default=64, help="CONCURRENT_REQUESTS")
    parser.add_argument("--per-host", type=int, default=2, help="CONCURRENT_REQUESTS_PER_DOMAIN")
    parser.add_argument("--releases", type=int, default=3, help="releases on each site")
    parser.add_argument("--gap", type=float, default=7, help="hours between the two crawlall runs")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds a run may take")
    parser.add_argument("--max-rss-mb", type=float, default=4096, help="RSS a run may reach")
    parser.add_argument(
        "--first-batch",
        type=int,
        help="fill the archive with crawlall runs of this many sources each (an engine that "
        "cannot take every source at once still gets an unchanged run of all of them)",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the crawlall runs")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, dbs)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    print(
        f"crawlall: -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=0 "
        f"-s CONCURRENT_REQUESTS={args.concurrency} "
        f"-s CONCURRENT_REQUESTS_PER_DOMAIN={args.per_host}; clock {FIRST_CLOCK:%Y-%m-%dT%H:%M}Z, "
        f"then {args.gap:g} h later; {args.releases} releases a site; bare: same concurrency"
    )
    results: dict[int, list[Run]] = {}
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"pressbot-poll-{n}-"))
        try:
            results[n] = runs = bench_size(n, args, work)
        finally:
            if args.keep:
                print(f"kept: {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        if not all(r.finished for r in runs):
            print(f"a run at {n:,} did not finish: larger sizes skipped")
            break
    summary(results)


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a socket per connection
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    main()
