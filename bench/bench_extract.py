"""Generic extraction on the gold set, beside trafilatura and htmldate alone, and beside the
hand-written families on their own fixtures.

    python bench/bench_extract.py            # figures
    python bench/bench_extract.py -v         # and every page that misses

Prints, for the generic page class (body by trafilatura with readability as
fallback, and each of the two alone), for trafilatura alone (its own title,
date and text) and htmldate alone (extensive mode): title accuracy, date
accuracy (the exact instant at the right precision), right local day, body
word F1 (mean and worst five), lead accuracy, and pages per CPU-second on one
core. Then the consistency figures per hand-written family (issue 11, point 4).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import trafilatura
from htmldate import find_date

from pressbot.pages.gold import GoldPage, Score, family_cases, gold_pages, score, score_generic
from pressbot.utils import timeparse

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "extract"
MIRROR = REPO / "tests" / "mirror"


def trafilatura_alone(page: GoldPage) -> Score:
    doc = trafilatura.bare_extraction(page.html.decode(), url=page.gold["url"], with_metadata=True)
    title, date, text = (doc.title, doc.date, doc.text) if doc else ("", None, "")
    stamp = timeparse.parse(date, page.gold["tz"])
    return score(page.gold, title or "", stamp, text or "")


def htmldate_alone(page: GoldPage) -> Score:
    found = find_date(
        page.html.decode(), extensive_search=True, original_date=True, url=page.gold["url"]
    )
    return score(page.gold, "", timeparse.parse(found, page.gold["tz"]), "")


# What real pages carry besides the story (about 120 KB): a mega-menu, a column of other
# stories with their dates, and inline scripts; the gold pages are 3-8 KB.
CHROME = (
    '<div class="mega-menu"><ul>'
    + "".join(f'<li><a href="/section/{n}/">Раздел сайта номер {n}</a></li>' for n in range(300))
    + '</ul></div><div class="col-news">'
    + "".join(
        f'<div class="item"><span>{n % 28 + 1:02d}.10.2025</span> '
        f'<a href="/news/{9000 + n}/">Другая новость ведомства под номером {n}</a></div>'
        for n in range(80)
    )
    + "</div><script>"
    + "window.__STATE__ = {};" * 4000
    + "</script>"
)


def padded(page: GoldPage) -> GoldPage:
    html = page.html.decode().replace("</body>", CHROME + "</body>", 1)
    return GoldPage(page.name, html.encode(), page.gold)


def timed(pages: list[GoldPage], run, rounds: int) -> tuple[list[Score], float]:
    """Scores of one round, and pages per CPU-second over `rounds` rounds."""
    scores = [run(page) for page in pages]  # also warms imports and caches
    start = time.process_time()
    for _ in range(rounds):
        for page in pages:
            run(page)
    return scores, rounds * len(pages) / (time.process_time() - start)


def row(name: str, scores: list[Score], rate: float, title=True, body=True, lead=True) -> str:
    n = len(scores)
    f1s = sorted(s.body_f1 for s in scores)
    cells = [
        f"{sum(s.title for s in scores) / n:.3f}" if title else "  -  ",
        f"{sum(s.date for s in scores) / n:.3f}",
        f"{sum(s.day for s in scores) / n:.3f}",
        f"{statistics.mean(f1s):.3f}" if body else "  -  ",
        " ".join(f"{f:.2f}" for f in f1s[:5]) if body else "          -             ",
        f"{sum(s.lead for s in scores) / n:.3f}" if lead else "  -  ",
        f"{rate:7.1f}",
    ]
    return f"{name:<28} " + "  ".join(cells)


def misses(pages: list[GoldPage], scores: list[Score]) -> None:
    for page, s in zip(pages, scores, strict=True):
        wrong = [k for k in ("title", "date", "lead") if not getattr(s, k)]
        if wrong or s.body_f1 < 0.95:
            print(f"  {page.name}: {', '.join(wrong)} body F1 {s.body_f1:.3f}")


def consistency() -> bool:
    by_site = defaultdict(list)
    for case in family_cases(MIRROR):
        by_site[case.site].append(case)
    print("\nGeneric vs the hand-written family on its own fixtures (issue 11, point 4)")
    print(f"{'site':<20} pages  same title  same instant  body F1 mean  min")
    ok = True
    for site, cases in by_site.items():
        f1s = [c.body_f1() for c in cases]
        titles, instants = sum(c.same_title() for c in cases), sum(c.same_instant() for c in cases)
        ok &= titles == instants == len(cases) and min(f1s) >= 0.95
        print(
            f"{site:<20} {len(cases):5}  {titles:10}  {instants:12}  {statistics.mean(f1s):12.3f}"
            f"  {min(f1s):.3f}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pages that miss")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the gold set")
    args = parser.parse_args()
    pages = gold_pages(GOLD)
    sites = len({p.name.split("/")[0] for p in pages})
    print(f"Gold set: {len(pages)} pages from {sites} sites ({GOLD.relative_to(REPO)})\n")
    print(
        f"{'reader':<28} title  date   day    body F1  worst five F1            lead   pages/s/core"
    )
    runs = [
        ("generic (trafilatura+readability)", lambda p: score_generic(p, "auto"), {}),
        ("generic, trafilatura body", lambda p: score_generic(p, "trafilatura"), {}),
        ("generic, readability body", lambda p: score_generic(p, "readability"), {}),
        ("trafilatura alone", trafilatura_alone, {"lead": False}),
        (
            "htmldate alone (extensive)",
            htmldate_alone,
            {"title": False, "body": False, "lead": False},
        ),
    ]
    results = {}
    for name, run, shown in runs:
        scores, rate = timed(pages, run, args.rounds)
        results[name] = scores
        print(row(name[:28], scores, rate, **shown))
    heavy = [padded(page) for page in pages]
    scores, rate = timed(heavy, lambda p: score_generic(p, "auto"), args.rounds)
    print(row("generic, pages + 120 KB chrome", scores, rate))
    if args.verbose:
        print("\nMisses of the generic reader:")
        misses(pages, results[runs[0][0]])
    return 0 if consistency() else 1


if __name__ == "__main__":
    sys.exit(main())
