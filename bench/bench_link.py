"""Release ↔ coverage linking: quality on the gold set, speed and memory at scale.

    python bench/bench_link.py [--releases 100000] [--stories 2000] [--recent-days 30]
                               [--rebuild-releases 10000] [--per-day 140] [--extra-sources 6]
                               [--minhash-days 30] [--profile] [-v]

1. Links and attributions of the gold set (tests/gold/coverage/) against their goals;
   with -v, the wrong and missed links and the wrong attributions.
2. A synthetic archive of N official releases, ~140 a day across the registered
   official sources and a few synthetic ministries, inserted in one transaction,
   and their fingerprints, made once (as linking them in a crawl leaves them);
   then two sets of M news stories that copy, partly reuse or ignore releases,
   each stored with `Archive.save_story` (the baseline) and linked the way the
   crawl does (`LinkPipeline.process_item`: the stored row, `Linker.link` both
   ways): the crawl's new stories, re-reporting releases of the last
   --recent-days days, then a backfill's, re-reporting releases from anywhere
   in the archive (each story reads days no story before it read). Prints
   stories/s (wall and CPU), peak RSS of each phase, the link/store ratio and
   the planted links found.
3. Candidate search over the last --minhash-days days: the linker's day index
   against datasketch's MinHashLSH on the same shingles (Jaccard 0.5, 0.2, 0.1):
   build and query CPU time, candidates per story, planted links among them, memory.
4. `rebuild()` over the newest --rebuild-releases stories (0: all, which can take
   long), with its progress, rate, and the time the whole archive would take.
5. With --profile, cProfile over linking the first --profile-stories stories
   again with a fresh Linker (cold caches, as in a new crawl process), then the
   same under tracemalloc: which lines hold the memory.
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import gc
import io
import linecache
import math
import pstats
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_press import PLACES, PressWriter, Text

from pressbot.archive.database import Archive
from pressbot.archive.identity import content_hash, published_day, title_key
from pressbot.coverage import fingerprints
from pressbot.coverage.gold import evaluate
from pressbot.coverage.linker import (
    WINDOW_AFTER,
    WINDOW_BEFORE,
    Linker,
    fewest_reusing,
    rebuild,
    window,
)
from pressbot.coverage.names import NameIndex
from pressbot.pipelines.link import LinkPipeline
from pressbot.registry import Source, load_registry
from pressbot.utils.timeparse import DAY, MINUTE

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests/gold/coverage"
END = date(2025, 11, 14)  # the newest day of the synthetic archive
LINKED_AT = "2025-11-15T00:00:00+00:00"
GOALS = {"precision": 0.95, "recall": 0.90, "attributions": 0.95, "rate": 500, "rss_mb": 500}
# a story copies its release, reuses part of it, or is about something else
KINDS = (("copy", 0.40), ("partial", 0.35), ("unrelated", 0.25))
AREAS = [
    "цифрового развития", "сельского хозяйства", "здравоохранения", "народного образования",
    "транспорта", "строительства", "культуры", "энергетики", "туризма", "водного хозяйства",
    "занятости", "экологии",
]  # fmt: skip
OUTLETS = ["Вестник", "Курьер", "Обозреватель", "Экспресс"]


# sources -----------------------------------------------------------------------------------


def synthetic_sources(extra: int) -> dict[str, Source]:
    """Extra official ministries (named like real ones) and a few news outlets."""
    regions = [p for p in PLACES if p[0].endswith(("область", "Татарстан"))]
    sources = {}
    for n in range(extra):
        area, region = AREAS[n % len(AREAS)], regions[n % len(regions)]
        title = f"Министерство {area} {region[1]}"
        sources[f"bench_ministry_{n}"] = Source(
            key=f"bench_ministry_{n}",
            title=title,
            kind="ministry",
            country="UZ",
            timezone="Asia/Tashkent",
            homepage=f"https://ministry-{n}.bench.example",
            family="govuz",
            names=(f"министерство {area} {region[1]}",),
        )
    for n, name in enumerate(OUTLETS):
        sources[f"bench_news_{n}"] = Source(
            key=f"bench_news_{n}",
            title=name,
            kind="news_agency",
            country="RU",
            timezone="Europe/Moscow",
            homepage=f"https://news-{n}.bench.example",
            family="sputnik",
        )
    return sources


def linker_for(archive: Archive, sources: dict[str, Source]) -> Linker:
    """The linker the crawl builds from its registry (here: registry + synthetic sources)."""
    kinds = {key: source.kind for key, source in sources.items()}
    return Linker(archive, NameIndex.from_registry(sources), kinds)


# the synthetic archive ---------------------------------------------------------------------


@dataclass
class Release:
    """A release a story will re-report (kept in memory; the rest are only stored)."""

    source: Source
    url: str
    text: Text
    local: datetime
    precision: str
    number: int  # the n-th release generated: the older, the smaller


def release_row(source: Source, url: str, text: Text, local: datetime, precision: str) -> dict:
    if precision == DAY:
        at = local_iso = local.date().isoformat()
    else:
        at = local.astimezone(timezone.utc).isoformat(timespec="seconds")
        local_iso = local.isoformat(timespec="seconds")
    row = {
        "source": source.key,
        "url": url,
        "title": text.title,
        "lead": text.lead,
        "body": text.body,
        "published_at": at,
        "published_local": local_iso,
        "published_precision": precision,
        "language": "ru",
        "found_via": "sitemap",
        "authors": "[]",
        "tags": "[]",
        "images": "[]",
        "release_key": "",
        "title_key": title_key(text.title),
        "content_hash": content_hash(text.title, text.lead, text.body),
        "first_seen_at": LINKED_AT,
        "last_seen_at": LINKED_AT,
        "changed_at": LINKED_AT,
        "revisions": 0,
    }
    row["published_day"] = published_day(row)
    return row


def generate_releases(
    writer: PressWriter, official: list[Source], count: int, per_day: int, keep: set[int]
) -> Iterator[tuple[dict, Release | None]]:
    """`count` releases, `per_day` a day up to END, each by a random official source."""
    first = END - timedelta(days=math.ceil(count / per_day) - 1)
    for n in range(count):
        source = writer.random.choice(official)
        day = first + timedelta(days=n // per_day)
        minute = writer.random.randint(8 * 60, 20 * 60)
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=source.tz)
        precision = DAY if source.family == "tatarstan" else MINUTE  # as the portals print them
        url = f"{source.homepage}/news/{n}.htm"
        text = writer.release()
        kept = Release(source, url, text, local, precision, n) if n in keep else None
        yield release_row(source, url, text, local, precision), kept


def insert_releases(archive: Archive, rows: Iterator[tuple[dict, Release | None]]) -> list:
    """All rows in one transaction, one prepared statement; returns the releases kept.

    The releases bypass the full-text index (its triggers are dropped for the
    insert and restored after): no linker query reads it, and indexing them
    would double the build. Stories stored later are indexed as in a crawl.
    """
    columns = [c for c in archive.db.table("stories").columns_dict if c != "id"]
    sql = "INSERT INTO stories ({}) VALUES ({})".format(
        ", ".join(columns), ", ".join(f":{c}" for c in columns)
    )
    triggers = archive.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'stories'"
    ).fetchall()
    kept: list[Release] = []

    def full_rows() -> Iterator[dict]:
        for row, release in rows:
            if release:
                kept.append(release)
            yield {c: row.get(c) for c in columns}

    with archive.db.conn:
        for name, _ in triggers:
            archive.db.conn.execute(f"DROP TRIGGER [{name}]")
        archive.db.conn.executemany(sql, full_rows())
        for _, create in triggers:
            archive.db.conn.execute(create)
    return kept


def fingerprint_all(archive: Archive) -> None:
    """Store every release's fingerprint, as the crawl's link pipeline leaves them."""
    ids = [story_id for (story_id,) in archive.db.execute("SELECT id FROM stories")]
    with archive.db.conn:
        for first in range(0, len(ids), 5000):
            fingerprints.make(archive.db, ids[first : first + 5000])


def story_for(
    writer: PressWriter, n: int, release: Release, outlet: Source, official: list[Source]
) -> tuple[dict, str]:
    """A news story published after `release`, and what it is: copy, partial or unrelated."""
    kind = writer.random.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    lag = timedelta(minutes=15 + min(writer.random.expovariate(1 / 360), 3 * 24 * 60))
    if release.precision == DAY:
        lag += timedelta(hours=writer.random.randint(0, 10))
    local = (release.local + lag).astimezone(outlet.tz)
    dateline = writer.dateline(local.day, local.month, outlet.title)
    name = writer.random.choice(release.source.names or (release.source.title,))
    if kind == "copy":
        text = writer.copy(release.text, dateline, name)
    elif kind == "partial":
        text = writer.partial(release.text, dateline, name)
    else:
        other = writer.random.choice(official)
        named = writer.random.choice(other.names) if other.names and n % 2 else None
        text = writer.unrelated(dateline, named)
    story = {
        "source": outlet.key,
        "url": f"{outlet.homepage}/news/{local:%Y/%m/%d}/{n}",
        "title": text.title,
        "lead": text.lead,
        "body": text.body,
        "published_at": local.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "published_local": local.isoformat(timespec="seconds"),
        "published_precision": MINUTE,
        "language": "ru",
        "found_via": "feed",
    }
    return story, kind


# measuring -----------------------------------------------------------------------------------


@dataclass
class Phase:
    wall: float = 0.0
    cpu: float = 0.0
    start_mb: float = 0.0
    peak_mb: float = 0.0

    def rate(self, count: int) -> tuple[float, float]:
        """Items per second, by wall time and by CPU time."""
        return count / self.wall, count / self.cpu


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def _reset_peak() -> None:
    """Start the process's peak RSS afresh (Linux ≥ 4.0), so it is this phase's peak."""
    with suppress(OSError), open("/proc/self/clear_refs", "w") as f:  # else: since start
        f.write("5")


def _release_free_memory() -> None:
    """Hand freed memory back to the system, so RSS at a phase's start is what is held."""
    gc.collect()
    with suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@contextmanager
def measured() -> Iterator[Phase]:
    phase = Phase()
    _release_free_memory()
    _reset_peak()
    phase.start_mb = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    yield phase
    phase.wall, phase.cpu = time.perf_counter() - wall, time.process_time() - cpu
    phase.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Stats:
    """The one stats call LinkPipeline makes."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def link_all(linker: Linker, stories: list[dict]) -> int:
    """Each story through LinkPipeline, as the crawl runs it after the store."""
    stats = _Stats()
    pipeline = LinkPipeline(linker, stats, now=lambda: datetime.fromisoformat(LINKED_AT))
    for story in stories:
        pipeline.process_item(story)
    linker.archive.commit()
    return stats.values.get("pressbot/coverage/links", 0)


# phases -----------------------------------------------------------------------------------


def gold_quality(work: Path, verbose: bool) -> None:
    with closing(Archive(work / "gold.db")) as archive:
        result = evaluate(archive, GOLD)
    links = result.links
    print(f"== quality on the gold set ({GOLD.relative_to(REPO)})")
    print(f"{'':<24}{'value':>8}{'goal':>9}")
    rows = [
        ("links precision", links.precision, GOALS["precision"]),
        ("links recall", links.recall, GOALS["recall"]),
        ("links F1", links.f1, None),
        ("attribution accuracy", result.attribution_accuracy, GOALS["attributions"]),
    ]
    for name, value, goal in rows:
        verdict = "" if goal is None else ("  met" if value >= goal else "  BELOW")
        goal_text = f"≥ {goal:.2f}" if goal is not None else ""
        print(f"{name:<24}{value:>8.3f}{goal_text:>9}{verdict}")
    print(
        f"links: {links.true_positives} right, {links.false_positives} wrong, "
        f"{links.false_negatives} missed; attributions: {result.attributions_right}"
        f"/{result.attributions_total} resolved right"
    )
    if verbose:
        for title, pairs in (("wrong", result.wrong_links), ("missed", result.missed_links)):
            print(f"{title} links (story → release):")
            for story, release in pairs:
                print(f"  {story}\n    → {release}")
        print("wrong attributions (story, named, expected, found):")
        for wrong in result.wrong_attributions:
            print(f"  {wrong}")
    print()


def build(
    archive: Archive, args, sources: dict[str, Source]
) -> tuple[list[dict], list[dict], dict]:
    """The synthetic archive, and the stories to add to it with the link each should get:
    a crawl's (re-reporting the last --recent-days days) and a backfill's (any day)."""
    official = [s for s in sources.values() if s.kind != "news_agency"]
    outlets = [s for s in sources.values() if s.kind == "news_agency"]
    archive.sync_sources([s.as_row() for s in sources.values()])
    writer = PressWriter(args.seed)
    recent = args.releases - min(args.recent_days * args.per_day, args.releases)
    picker = random.Random(args.seed)
    keep = set(
        picker.sample(range(recent, args.releases), min(args.stories, args.releases - recent))
    )
    keep |= set(picker.sample(range(recent), min(args.stories, recent)))
    with measured() as phase:
        kept = insert_releases(
            archive, generate_releases(writer, official, args.releases, args.per_day, keep)
        )
    days = math.ceil(args.releases / args.per_day)
    print(
        f"== synthetic archive: {args.releases:,} releases over {days} days "
        f"({args.per_day}/day) from {len(official)} official sources; "
        f"generated and inserted in {phase.wall:.1f} s"
    )
    with measured() as phase:
        fingerprint_all(archive)
    print(
        f"their fingerprints, made once as linking them in a crawl does: {phase.wall:.1f} s, "
        f"{args.releases / phase.cpu:,.0f} releases per CPU second"
    )
    crawl, backfill, expected = [], [], {}
    for n, release in enumerate(kept):
        story, kind = story_for(writer, n, release, writer.random.choice(outlets), official)
        (crawl if release.number >= recent else backfill).append(story)
        expected[story["url"]] = (kind, release.url)
    for stories in (crawl, backfill):
        stories.sort(key=lambda s: s["published_at"])  # the order a crawl stores them in
    counts = {k: sum(1 for v in expected.values() if v[0] == k) for k, _ in KINDS}
    print(
        f"{len(crawl) + len(backfill):,} news stories from {len(outlets)} outlets "
        f"({len(crawl):,} re-reporting the last {args.recent_days} days, {len(backfill):,} "
        "any day): " + ", ".join(f"{n} {k}" for k, n in counts.items())
    )
    return crawl, backfill, expected


def planted(archive: Archive, expected: dict, stories: list[dict]) -> str:
    """The planted links of these stories found, and the links no story was written to
    make, by story kind."""
    expected = {s["url"]: expected[s["url"]] for s in stories}
    rows = archive.db.query(
        "SELECT s.url AS story, r.url AS release FROM coverage c "
        "JOIN stories s ON s.id = c.story_id JOIN stories r ON r.id = c.release_id"
    )
    found = {(row["story"], row["release"]) for row in rows if row["story"] in expected}
    wanted = {(url, release) for url, (kind, release) in expected.items() if kind != "unrelated"}
    extra = {kind: 0 for kind, _ in KINDS}
    for story, _ in found - wanted:
        extra[expected[story][0]] += 1
    return (
        f"planted links found {len(found & wanted)}/{len(wanted)}; links not planted: "
        + ", ".join(f"{n} from {kind} stories" for kind, n in extra.items())
    )


def window_line(archive: Archive, stories: list[dict], sample: int = 50) -> str:
    """What one story's candidate window holds: the stored stories, and their text."""
    picked = random.Random(1).sample(stories, min(sample, len(stories)))
    rows = text = 0
    for story in picked:
        day = date.fromisoformat(story["published_local"][:10])
        count, length = archive.db.execute(
            "SELECT count(*), sum(length(title) + length(lead) + length(body)) FROM stories "
            "WHERE published_day BETWEEN ? AND ? AND source != ?",
            [(day - WINDOW_BEFORE).isoformat(), (day + WINDOW_AFTER).isoformat(), story["source"]],
        ).fetchone()
        rows, text = rows + count, text + length
    return (
        f"a story's window ({WINDOW_BEFORE.days} days before, {WINDOW_AFTER.days} after) holds "
        f"{rows / len(picked):,.0f} stored stories, {text / len(picked) / 1000:,.0f}k characters"
    )


def speed(
    archive: Archive, args, sources: dict, stories: list[dict], expected: dict, case: str
) -> None:
    with measured() as store:
        for story in stories:
            archive.save_story(story, LINKED_AT)
        archive.commit()
    linker = linker_for(archive, sources)
    with measured() as link:
        links = link_all(linker, stories)
    count = len(stories)
    print(f"\n== linking {count:,} {case} (LinkPipeline path, both ways), one core")
    print(f"{'phase':<34}{'stories/s':>10}{'CPU/s':>9}{'ms/story':>10}{'peak RSS MB':>13}")
    for name, phase in (("store (save_story): baseline", store), ("link (LinkPipeline)", link)):
        wall_rate, cpu_rate = phase.rate(count)
        print(
            f"{name:<34}{wall_rate:>10.1f}{cpu_rate:>9.1f}{1000 / cpu_rate:>10.2f}"
            f"{phase.peak_mb:>13.1f}"
        )
    rate = f"{'met' if count / link.cpu >= GOALS['rate'] else 'BELOW'}"
    if not case.startswith("new"):  # issue 12's goal is set for a crawl's new stories
        rate = f"{'met' if count / link.cpu >= GOALS['rate'] else 'not met'}, set for new stories"
    print(
        f"ratio link/store, CPU per story: {link.cpu / store.cpu:.1f}  "
        f"(link rate goal ≥ {GOALS['rate']}/s: {rate}; "
        f"peak RSS goal ≤ {GOALS['rss_mb']} MB: "
        f"{'met' if link.peak_mb <= GOALS['rss_mb'] else 'ABOVE'})"
    )
    print(f"link phase: RSS {link.start_mb:.0f} MB at start, peak {link.peak_mb:.0f} MB")
    print(window_line(archive, stories))
    print(f"links stored: {links}; {planted(archive, expected, stories)}")
    if args.profile and case.startswith("new"):
        profile(archive, sources, stories[: args.profile_stories])
        memory_profile(archive, sources, stories[: args.profile_stories])


def profile(archive: Archive, sources: dict, stories: list[dict]) -> None:
    """cProfile over linking `stories` again: the stored row, `Linker.link` both ways."""
    linker = linker_for(archive, sources)
    rows = [archive.story_by_url(s["source"], s["url"]) for s in stories]
    profiler = cProfile.Profile()
    profiler.enable()
    for row in rows:
        linker.link(row, LINKED_AT)  # as LinkPipeline does (it skips stories linked already)
    archive.commit()
    profiler.disable()
    for order, top in (("cumulative", 15), ("tottime", 10)):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print(
            f"\n== profile: linking the first {len(stories):,} stories again with a fresh "
            f"Linker, top {top} by {order}"
        )
        print("\n".join(line for line in lines[start:] if line.strip()))


def memory_profile(archive: Archive, sources: dict, stories: list[dict], top: int = 8) -> None:
    """tracemalloc over the same pass: the lines whose allocations are still held after it."""
    rows = [archive.story_by_url(s["source"], s["url"]) for s in stories]
    _release_free_memory()
    tracemalloc.start()
    linker = linker_for(archive, sources)
    for row in rows:
        linker.link(row, LINKED_AT)
    archive.commit()
    snapshot = tracemalloc.take_snapshot()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\n== memory: the same {len(rows):,} stories under tracemalloc (fresh Linker): "
        f"Python allocations held after {held / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB; "
        f"top {top} lines by what they hold"
    )
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        code = linecache.getline(frame.filename, frame.lineno).strip()
        print(f"{stat.size / 2**20:>9.1f} MB {stat.count:>10,} blocks  {where:<18} {code[:60]}")
    del linker


def minhash_phase(
    archive: Archive, sources: dict, stories: list[dict], expected: dict, days: int
) -> None:
    """Candidate search for the stories of the last `days`: the day index the linker uses
    against datasketch's MinHashLSH over the same shingles, at a few Jaccard thresholds.

    Both see the same stored fingerprints. A planted link is found when its release is
    among the story's candidates; candidates are those of the story's window (LSH has no
    time: its answers are filtered to the window afterwards)."""
    from datasketch import MinHash, MinHashLSH  # the dev extra: only this phase needs it

    first = (END - timedelta(days=days - 1)).isoformat()
    official = {key for key, source in sources.items() if source.kind != "news_agency"}
    releases = [
        (row, found)
        for row, found in fingerprints.read(
            archive.db, "s.id, s.url, s.source, s.published_day", "s.published_day >= ?", [first]
        )
        if row[2] in official
    ]
    url_of = {row[0]: row[1] for row, _ in releases}
    day_of = {row[0]: row[3] for row, _ in releases}
    picked = [s for s in stories if s["published_local"][:10] >= first]
    stored = {s["url"]: archive.story_by_url(s["source"], s["url"]) for s in picked}
    wanted = {
        (url, release)
        for url, (kind, release) in expected.items()
        if kind != "unrelated" and url in stored and release in set(url_of.values())
    }
    print(
        f"\n== candidate search, the last {days} days: {len(releases):,} releases, "
        f"{len(picked):,} stories, {len(wanted):,} planted links"
    )
    print(
        f"{'method':<30}{'build ms/release':>17}{'query ms/story':>15}{'candidates':>11}"
        f"{'links found':>12}{'MB':>7}"
    )

    def report(name, build, query, candidates, found, megabytes):
        print(
            f"{name:<30}{build * 1000 / len(releases):>17.3f}{query * 1000 / len(picked):>15.3f}"
            f"{candidates / len(picked):>11.1f}{f'{len(found & wanted)}/{len(wanted)}':>12}"
            f"{megabytes:>7.0f}"
        )

    linker = linker_for(archive, sources)

    def search(name: str, build, candidates_of) -> None:
        """Build an index with `build()` under tracemalloc, then ask it for every story's
        candidates (`candidates_of(index, entry)`: the URLs of those in its window)."""
        tracemalloc.start()
        started = time.process_time()
        index = build()
        built = time.process_time() - started
        held = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        found, candidates, started = set(), 0, time.process_time()
        for story in picked:
            entry = linker.index.add(stored[story["url"]])
            hits = candidates_of(index, entry)
            candidates += len(hits)
            found |= {(story["url"], url) for url in hits}
        report(name, built, time.process_time() - started, candidates, found, held)

    def read_days() -> None:
        for day in sorted(set(day_of.values())):
            linker.index.day(day)

    def in_window(entry) -> list[str]:
        return window(entry.published_day, WINDOW_BEFORE, timedelta(0))

    search(
        "day index, 3 shingles shared",
        read_days,
        lambda _, entry: [
            url_of.get(release.id, "")  # a news story among them: no release
            for release in linker.index.sharing(
                entry.fingerprint.shingles, in_window(entry)
            ).entries
        ],
    )
    search(  # as `Linker.links` asks: official releases, sharing enough to be reused
        "day index, as linking asks",
        read_days,
        lambda _, entry: [
            url_of.get(release.id, "")
            for release in linker.index.sharing(
                entry.fingerprint.shingles,
                in_window(entry),
                fewest_reusing(entry.fingerprint),
                candidates_only=True,
            ).entries
        ],
    )
    template = MinHash(num_perm=128, seed=1)  # its permutations, made once for all

    def minhash(shingles: np.ndarray) -> MinHash:
        sketch = MinHash(
            num_perm=128,
            hashfunc=int,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        sketch.update_batch(shingles.tolist())
        return sketch

    def lsh_of(threshold: float) -> MinHashLSH:
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        for row, found in releases:
            lsh.insert(row[0], minhash(found.shingles))
        return lsh

    for threshold in (0.5, 0.2, 0.1):
        search(
            f"MinHashLSH Jaccard ≥ {threshold}",
            lambda threshold=threshold: lsh_of(threshold),
            lambda lsh, entry: [
                url_of[key]
                for key in lsh.query(minhash(entry.fingerprint.shingles))
                if day_of[key] in in_window(entry)  # LSH knows no time: the window after
            ],
        )


def rebuild_phase(archive: Archive, sources: dict, count: int, total: int) -> None:
    row = next(
        archive.db.query(
            "SELECT published_day FROM stories ORDER BY published_day DESC LIMIT 1 OFFSET ?",
            [max(count - 1, 0)],
        ),
        None,
    )
    since = row["published_day"] if row and count < total else None
    stories = archive.db.execute(
        "SELECT count(*) FROM stories WHERE published_day >= ?", [since or ""]
    ).fetchone()[0]
    scope = f"stories published on or after {since}" if since else "the whole archive"
    print(f"\n== rebuild(): {stories:,} stories ({scope}; archive holds {total:,})")
    linker = linker_for(archive, sources)
    started = time.perf_counter()

    def progress(doing: str, done: int, of: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"  {doing} {done:,}/{of:,}  {elapsed:.1f} s", flush=True)

    with measured() as phase:
        links = rebuild(linker, LINKED_AT, since=since, progress=progress)
    wall_rate, cpu_rate = phase.rate(stories)
    print(
        f"rebuild: {links:,} links, {phase.wall:.1f} s, {wall_rate:.1f} stories/s "
        f"({cpu_rate:.1f}/CPU s), RSS {phase.start_mb:.0f} MB at start, peak "
        f"{phase.peak_mb:.0f} MB; whole archive at this "
        f"rate: {total / cpu_rate / 60:.1f} CPU min"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--per-day", type=int, default=140, help="releases a day")
    parser.add_argument(
        "--recent-days",
        type=int,
        default=30,
        help="the crawl's new stories re-report releases of this many last days",
    )
    parser.add_argument("--extra-sources", type=int, default=6, help="synthetic ministries")
    parser.add_argument(
        "--rebuild-releases",
        type=int,
        default=10_000,
        help="rebuild() the newest this many stories (0: the whole archive)",
    )
    parser.add_argument("--profile-stories", type=int, default=300, help="stories to profile")
    parser.add_argument(
        "--minhash-days",
        type=int,
        default=30,
        help="compare candidate search with datasketch's MinHashLSH over this many days (0: no)",
    )
    parser.add_argument("--seed", type=int, default=20251112)
    parser.add_argument("--profile", action="store_true", help="cProfile the linking phase")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong/missed links")
    args = parser.parse_args()
    if args.stories > args.releases:
        parser.error("--stories may not exceed --releases (each re-reports a release)")
    work = Path(tempfile.mkdtemp(prefix="pressbot-link-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # still remove `work`
    try:
        gold_quality(work, args.verbose)
        sources = {**load_registry(), **synthetic_sources(args.extra_sources)}
        # closed before the folder goes: SQLite would write its -wal file back into it
        with closing(Archive(work / "bench.db")) as archive:
            crawl, backfill, expected = build(archive, args, sources)
            case = f"new stories re-reporting releases of the last {args.recent_days} days"
            speed(archive, args, sources, crawl, expected, case)
            case = "backfill stories re-reporting releases from any day of the archive"
            speed(archive, args, sources, backfill, expected, case)
            if args.minhash_days:
                minhash_phase(archive, sources, crawl, expected, args.minhash_days)
            total = args.releases + len(crawl) + len(backfill)
            rebuild_phase(archive, sources, args.rebuild_releases or total, total)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
