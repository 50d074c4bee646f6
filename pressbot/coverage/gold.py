"""Measuring the linker on a gold set: releases, stories, and the links and attributions expected.

A gold set is a folder with `releases.json` (and optionally `releases_extra.json`):
releases as stored stories; and `stories.json`: `{"sources": [...], "stories": [...]}`
where each story carries `links` (the release URLs it re-reports) and
`attributions` (`{"named", "source"}` as written in its text). The project's own
set is `tests/gold/coverage/`; `bench/bench_link.py` prints its figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pressbot.archive.database import Archive
from pressbot.coverage.linker import Linker, rebuild
from pressbot.coverage.names import NameIndex
from pressbot.registry import load_registry


@dataclass
class Figures:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldResult:
    links: Figures
    attributions_right: int
    attributions_total: int
    wrong_links: list[tuple[str, str]]
    missed_links: list[tuple[str, str]]
    wrong_attributions: list[tuple[str, str, str | None, str | None]]

    @property
    def attribution_accuracy(self) -> float:
        return self.attributions_right / self.attributions_total if self.attributions_total else 1.0


def read_gold(folder: Path) -> tuple[list[dict], dict]:
    releases = json.loads((folder / "releases.json").read_text())
    extra = folder / "releases_extra.json"
    if extra.exists():
        releases += json.loads(extra.read_text())
    return releases, json.loads((folder / "stories.json").read_text())


def load_gold(archive: Archive, folder: Path, seen_at: str) -> tuple[list[dict], dict]:
    """Store the gold releases and stories (and its outlets as sources) in `archive`."""
    releases, gold = read_gold(folder)
    archive.sync_sources(source_rows(gold))
    for story in releases + gold["stories"]:
        archive.save_story(story, seen_at)
    archive.commit()
    return releases, gold


def source_rows(gold: dict) -> list[dict]:
    """The registry's sources and the gold set's outlets, as `sources` rows."""
    outlets = [
        {"enabled": False, "family": "", "region": "", **s, "languages": s.get("languages", [])}
        for s in gold["sources"]
    ]
    return [s.as_row() for s in load_registry().values()] + outlets


def linker_for(archive: Archive, outlets: list[Mapping]) -> Linker:
    registry = load_registry()
    kinds = {key: source.kind for key, source in registry.items()}
    kinds.update({s["key"]: s["kind"] for s in outlets})
    return Linker(archive, NameIndex.from_registry(registry), kinds)


def evaluate(archive: Archive, folder: Path, at: str = "2025-11-20T00:00:00+00:00") -> GoldResult:
    """Link the gold set in `archive` (a new file) and compare with what is expected."""
    _, gold = load_gold(archive, folder, at)
    linker = linker_for(archive, gold["sources"])
    rebuild(linker, at)
    url_of = {r["id"]: r["url"] for r in archive.db.query("SELECT id, url FROM stories")}
    found = {
        (url_of[row["story_id"]], url_of[row["release_id"]])
        for row in archive.db.query("SELECT story_id, release_id FROM coverage")
    }
    stories = gold["stories"]
    gold_urls = {s["url"] for s in stories}
    found = {pair for pair in found if pair[0] in gold_urls}
    wanted = {(s["url"], release) for s in stories for release in s["links"]}
    right, total, wrong = _attributions(archive, stories)
    return GoldResult(
        links=Figures(len(found & wanted), len(found - wanted), len(wanted - found)),
        attributions_right=right,
        attributions_total=total,
        wrong_links=sorted(found - wanted),
        missed_links=sorted(wanted - found),
        wrong_attributions=wrong,
    )


def _attributions(archive: Archive, stories: list[dict]) -> tuple[int, int, list]:
    right, total, wrong = 0, 0, []
    for story in stories:
        found = list(
            archive.db.query(
                "SELECT a.named, a.source FROM attributions a JOIN stories s ON s.id = a.story_id "
                "WHERE s.url = ? ORDER BY a.position",
                [story["url"]],
            )
        )
        for expected in story["attributions"]:
            total += 1
            match = next((f for f in found if _same_body(f["named"], expected["named"])), None)
            got = match["source"] if match else None
            if match and got == expected["source"]:
                right += 1
            else:
                wrong.append((story["id"], expected["named"], expected["source"], got))
    return right, total, wrong


def _same_body(found: str, expected: str) -> bool:
    a, b = found.lower(), expected.lower()
    return a in b or b in a
