"""Link stories to the official releases they re-report.

Candidates for a story are the releases of *other* official sources published
from WINDOW_BEFORE days before it to WINDOW_AFTER day after it: re-reports
follow a release within hours or days (a weekly round-up at most a week), and
the day after covers clocks that disagree and day-precision dates, where a
release dated «12 ноября» may have gone out at six in the evening, after a
story stamped 14:12. A candidate published later than the story (at the
precision both give) cannot be its source. A pair is linked when the story
reuses the release's text, or names the release's source and shares its
subject (`decide`). Language versions of one release (one `release_key`) are
never coverage of each other, and a story links to one version only.

Linking is symmetric in time: storing a release also links it to stories
stored before it (a news site crawled before the ministry), so the links do
not depend on the order in which sources are crawled.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from pressbot.archive.database import Archive
from pressbot.coverage import fingerprints
from pressbot.coverage.attributions import Attribution, find_attributions
from pressbot.coverage.index import ENTRY_COLUMNS, Entry, Row, ShingleIndex
from pressbot.coverage.names import NameIndex
from pressbot.coverage.reuse import (
    SHINGLE,
    Fingerprint,
    Reuse,
    distinct,
    measure,
    measure_many,
    not_in,
    topic,
    topics,
)
from pressbot.utils import timeparse

if TYPE_CHECKING:
    from typing_extensions import Self

    from pressbot.registry import Source

METHOD = "shingle5-topic-attribution/1"
WINDOW_BEFORE = timedelta(days=7)
WINDOW_AFTER = timedelta(days=1)
CLOCK_SLACK = timedelta(minutes=30)
NEWS_KINDS = frozenset({"news_agency"})
# a release's share the story reuses, the story's share from the release, the longest
# shared passage in words, and the topic overlap needed with a matching attribution
MIN_RELEASE_SHARE = 0.25
MIN_STORY_SHARE = 0.12
MIN_PASSAGE = 13
MIN_TOPIC_ATTRIBUTED = 0.5


STORY_COLUMNS = (
    "id, source, url, title, lead, body, published_at, published_precision, published_day, "
    "release_key, content_hash"
)
BATCH = 500  # stories read at a time by rebuild() and link_unlinked()
PROGRESS_EVERY = 1000  # stories between two calls of a `Progress`
# told what is being done to the stories, how many of them are done, and of how many
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Link:
    release: Row
    story: Row
    reuse: Reuse
    attribution_match: bool

    def row(self, linked_at: str) -> dict:
        lag_seconds, lag_days, precision = lag(self.release, self.story)
        return {
            "release_id": self.release["id"],
            "story_id": self.story["id"],
            "release_source": self.release["source"],
            "story_source": self.story["source"],
            "release_share": round(self.reuse.release_share, 4),
            "story_share": round(self.reuse.story_share, 4),
            "longest_passage": self.reuse.longest,
            "topic": round(self.reuse.topic, 4),
            "attribution_match": self.attribution_match,
            "score": round(self.reuse.strength + (0.5 if self.attribution_match else 0), 4),
            "lag_seconds": lag_seconds,
            "lag_days": lag_days,
            "lag_precision": precision,
            "method": METHOD,
            "linked_at": linked_at,
        }


@dataclass
class Decision:
    """What linking a story decided, as plain rows (`Linker.decide`); `Linker.write` stores
    it. `coverage` holds each story judged, the story first, with the whole of its links:
    its rows replace those stored. `attributions` is None when they were not found again."""

    story_id: int
    content_hash: str
    linked_at: str
    attributions: list[tuple] | None
    coverage: list[tuple[int, list[dict]]]
    links: int  # the story's links and those to it, as `Linker.link` counts them
    fingerprints: list[tuple] = field(default_factory=list)  # made while reading, to store


def reuses(reuse: Reuse) -> bool:
    """Whether a story takes enough of a release's text to be re-reporting it."""
    return bool(reuse_enough(reuse.release_share, reuse.story_share, reuse.longest))


def reuse_enough(
    release_share: float | np.ndarray, story_share: float | np.ndarray, longest: int | np.ndarray
) -> bool | np.ndarray:
    """`reuses`, of numbers or of arrays of them (one per release)."""
    return (
        (release_share >= MIN_RELEASE_SHARE)
        | (story_share >= MIN_STORY_SHARE)
        | (longest >= MIN_PASSAGE)
    )


def fewest_reusing(story: Fingerprint) -> Callable[[np.ndarray], np.ndarray]:
    """The fewest shingles a release of each size must share with the story for
    `reuse_enough` to hold: a share of the release, a share of the story, or the
    run of shingles a passage of MIN_PASSAGE words is, distinct unless the story
    repeats itself within such a run. A bound only: sharing it decides nothing."""
    run = MIN_PASSAGE - SHINGLE + 1
    in_order = story.sequence
    if story.shingles.size < in_order.size and any(
        np.any(in_order[distance:] == in_order[:-distance]) for distance in range(1, run)
    ):
        run = 0
    by_story = min(run, math.ceil(MIN_STORY_SHARE * story.shingles.size))

    def fewest(sizes: np.ndarray) -> np.ndarray:
        return np.minimum(by_story, np.ceil(MIN_RELEASE_SHARE * sizes))

    return fewest


def _minute(row: Row) -> datetime | None:
    if row["published_precision"] != timeparse.MINUTE:
        return None
    return _instant(row["published_at"])


@lru_cache(maxsize=65536)
def _instant(text: str) -> datetime | None:
    try:
        found = datetime.fromisoformat(text)  # as the archive stores a time, fifty times faster
    except ValueError:
        return timeparse.instant(text)
    return found if found.tzinfo else timeparse.instant(text)


def lag(release: Row, story: Row) -> tuple[int | None, int | None, str]:
    """Story time − release time, at the precision both give: seconds, or whole days."""
    a, b = _minute(release), _minute(story)
    if a and b:
        seconds = int((b - a).total_seconds())
        return seconds, seconds // 86400, timeparse.MINUTE
    days = (
        date.fromisoformat(story["published_day"]) - date.fromisoformat(release["published_day"])
    ).days
    return None, days, timeparse.DAY


def comes_after(story: Row, release: Row) -> bool:
    """The story was published at or after the release, at the precision both give."""
    a, b = _minute(release), _minute(story)
    if a and b:
        return b >= a - CLOCK_SLACK
    return story["published_day"] >= release["published_day"]


class Linker:
    """Finds attributions and coverage links for stories in one archive."""

    def __init__(self, archive: Archive, names: NameIndex, kinds: Mapping[str, str]):
        self.archive = archive
        self.names = names
        self.kinds = kinds
        self.index = self._new_index()

    @classmethod
    def for_sources(cls, archive: Archive, sources: Mapping[str, Source]) -> Self:
        """The linker of these registered sources: their names, and which are official."""
        kinds = {key: source.kind for key, source in sources.items()}
        return cls(archive, NameIndex.from_registry(sources), kinds)

    def _new_index(self) -> ShingleIndex:
        return ShingleIndex(self.archive, candidate=self.is_official)

    def forget(self) -> None:
        """Read the archive's days again: stories were linked elsewhere (the link worker)."""
        self.index = self._new_index()

    def is_official(self, source: str) -> bool:
        return self.kinds.get(source, "news_agency") not in NEWS_KINDS

    # attributions ------------------------------------------------------------------

    def attributions(self, story: Mapping) -> list[Attribution]:
        text = "\n".join(p for p in (story["lead"], story["body"]) if p)
        return find_attributions(text, self.names, story["source"])

    def attributed_sources(self, story_id: int) -> set[str]:
        rows = self.archive.db.execute(
            "SELECT source FROM attributions WHERE story_id = ? AND source IS NOT NULL",
            [story_id],
        )
        return {source for (source,) in rows}

    # candidates ------------------------------------------------------------------------

    def _follows(self, story: Entry, release: Entry) -> bool:
        if not comes_after(story, release):
            return False
        if not self.is_official(story.source) or not comes_after(release, story):
            return True
        # two official releases of the same moment: the shorter one repeats the fuller one
        return story.size < release.size

    def _is_candidate(self, story: Entry, release: Entry) -> bool:
        """A release the story may re-report: another official source's, not later.

        Another source only: a source's language versions of one release are no
        coverage of each other."""
        return (
            release.source != story.source
            and self.is_official(release.source)
            and self._follows(story, release)
        )

    # links -------------------------------------------------------------------------------

    def links(self, story: Row, attributed: set[str] | None = None) -> list[Link]:
        """The releases the story re-reports.

        Candidates are judged best first, each on the text no better candidate
        explains: releases about one event share sentences, and a story that
        copies one of them does not re-report the others; a story combining
        two releases reuses passages of each. A release of a source the story
        names is linked, the best of that source's, when it shares the story's
        subject although the story paraphrases it.
        """
        entry = self.index.add(story)
        days = window(entry.published_day, WINDOW_BEFORE, timedelta(0))
        measured = sorted(
            self._reusing(entry, days),
            key=lambda found: (-found[0].strength, found[1].id),  # ties: the earlier stored
        )
        if attributed is None:  # the sources the story's stored attributions name
            attributed = self.attributed_sources(entry.id)
        chosen: list[Link] = []
        explained = np.empty(0, dtype=np.uint32)
        for reuse, release, shared in measured:
            fresh = not_in(shared, explained)
            if not explained.size or reuses(measure(entry.fingerprint, fresh, release.size)):
                chosen.append(self._link(release, entry, reuse, attributed))
                explained = distinct(np.concatenate([explained, shared]))
        linked = {link.release["source"] for link in chosen}
        for source in sorted(attributed - linked):
            best = self._best_on_subject(entry, source, days)
            if best is not None:
                chosen.append(best)
        return _one_version_each(chosen)

    def _reusing(self, story: Entry, days: list[str]) -> Iterator[tuple[Reuse, Entry, np.ndarray]]:
        """The candidates whose text the story reuses, with their reuse and shared shingles
        (measured all at once; only a few of the stories sharing a phrase reuse a text)."""
        shared = self.index.sharing(
            story.fingerprint.shingles,
            days,
            fewest_reusing(story.fingerprint),
            candidates_only=True,  # releases of official sources
        )
        if not shared.entries:
            return
        counts, longest = measure_many(
            story.fingerprint.sequence, shared.which, shared.keys, len(shared.entries)
        )
        sizes = np.array([release.size for release in shared.entries], dtype=np.int64)
        release_shares = counts / np.maximum(sizes, 1)
        story_shares = counts / (story.size or 1)
        for number in np.flatnonzero(reuse_enough(release_shares, story_shares, longest)).tolist():
            release = shared.entries[number]
            if self._is_candidate(story, release):
                reuse = Reuse(
                    float(release_shares[number]), float(story_shares[number]), int(longest[number])
                )
                yield reuse, release, shared.of(number)

    def _link(self, release: Entry, story: Entry, reuse: Reuse, attributed: set[str]) -> Link:
        subject = topic(story.fingerprint.content, release.fingerprint.content)
        return Link(release, story, replace(reuse, topic=subject), release.source in attributed)

    def _best_on_subject(self, story: Entry, source: str, days: list[str]) -> Link | None:
        """The release of an attributed source closest to the story's subject, if close."""
        releases = [r for r in self.index.entries(days, source) if self._is_candidate(story, r)]
        if not releases:  # a source not watched, or silent that week
            return None
        subjects = topics(story.fingerprint.content, [r.fingerprint.content for r in releases])
        scored = list(zip(subjects.tolist(), releases, strict=True))
        subject, release = max(
            scored, key=lambda found: (found[0], -found[1].id), default=(0.0, None)
        )
        if release is None or subject < MIN_TOPIC_ATTRIBUTED:
            return None
        return Link(release, story, Reuse(0.0, 0.0, 0, subject), True)

    def link(
        self, story: Mapping, linked_at: str, both_ways: bool = True, attributions: bool = True
    ) -> list[Link]:
        """Store the story's attributions and links (`decide`, then `write`)."""
        decision, links = self._judge(story, linked_at, both_ways, attributions)
        self.write(decision)
        return links

    def decide(
        self, story: Mapping, linked_at: str, both_ways: bool = True, attributions: bool = True
    ) -> Decision:
        """The story's attributions and links, as rows to store; with `both_ways`, a
        release's too. Reads the archive only (fingerprints made meanwhile are stored
        unless the database has a `fingerprints.keep_with` collector).

        A release stored after the stories that re-report it (the news site
        was crawled first) is linked by judging again the later stories that
        reuse it or name its source.
        """
        return self._judge(story, linked_at, both_ways, attributions)[0]

    def _judge(
        self, story: Mapping, linked_at: str, both_ways: bool, attributions: bool
    ) -> tuple[Decision, list[Link]]:
        rows, attributed = None, None
        if attributions:
            rows = self.attribution_rows(story)
            attributed = {row[-1] for row in rows if row[-1]}
        links = self.links(story, attributed)
        judged = [(story["id"], links)]
        if both_ways and self.is_official(story["source"]):
            for later in self._later_coverage(story):
                theirs = self.links(later)
                judged.append((later.id, theirs))
                links = links + [link for link in theirs if link.release["id"] == story["id"]]
        coverage = [(i, [link.row(linked_at) for link in theirs]) for i, theirs in judged]
        decision = Decision(
            story["id"], story["content_hash"], linked_at, rows, coverage, len(links)
        )
        return decision, links

    def write(self, decision: Decision) -> None:
        """Store what `decide` decided, in the archive's open batch (or a new one)."""
        self.archive.begin()
        fingerprints.store(self.archive.db, decision.fingerprints)
        if decision.attributions is not None:
            self._store_attributions(decision.story_id, decision.attributions)
        for story_id, rows in decision.coverage:
            self._store_links(story_id, rows)
        self.archive.db.execute(
            "INSERT OR REPLACE INTO linked_stories (story_id, content_hash, method, linked_at) "
            "VALUES (?, ?, ?, ?)",
            [decision.story_id, decision.content_hash, METHOD, decision.linked_at],
        )

    def is_linked(self, story: Mapping) -> bool:
        """This text of the story was linked already, by this method."""
        state = self.archive.db.execute(
            "SELECT content_hash, method FROM linked_stories WHERE story_id = ?", [story["id"]]
        ).fetchone()
        return state == (story["content_hash"], METHOD)

    def _store_links(self, story_id: int, rows: list[dict]) -> None:
        self.archive.db.execute("DELETE FROM coverage WHERE story_id = ?", [story_id])
        if rows:
            self.archive.db.conn.executemany(
                "INSERT OR REPLACE INTO coverage ({}) VALUES ({})".format(
                    ", ".join(rows[0]), ", ".join(f":{column}" for column in rows[0])
                ),
                rows,
            )

    def _later_coverage(self, release: Mapping) -> list[Entry]:
        """Stories stored already that may re-report this release: they share its
        text or name its source."""
        entry = self.index.add(release)
        days = window(entry.published_day, timedelta(0), WINDOW_BEFORE)
        ids = {story.id for story in self.index.sharing(entry.fingerprint.shingles, days).entries}
        ids |= self.naming(entry.source, days)
        ids.discard(entry.id)
        later = self.index.found(ids, days)
        return [
            story
            for story in sorted(later, key=lambda story: story.id)
            if story.source != entry.source and self._follows(story, entry)
        ]

    def naming(self, source: str, days: list[str]) -> set[int]:
        """The stories of these days whose stored attributions name this source."""
        return {
            story_id
            for (story_id,) in self.archive.db.execute(
                "SELECT a.story_id FROM attributions a JOIN stories s ON s.id = a.story_id "
                "WHERE a.source = ? AND s.published_day BETWEEN ? AND ?",
                [source, days[0], days[-1]],
            )
        }

    def attribution_rows(self, story: Mapping) -> list[tuple]:
        """The story's attributions as `attributions` rows, the source last."""
        return [
            (story["id"], a.start, a.phrase, a.named, a.source) for a in self.attributions(story)
        ]

    def save_attributions(self, story: Mapping) -> None:
        self._store_attributions(story["id"], self.attribution_rows(story))

    def _store_attributions(self, story_id: int, rows: list[tuple]) -> None:
        self.archive.db.execute("DELETE FROM attributions WHERE story_id = ?", [story_id])
        self.archive.db.conn.executemany(
            "INSERT INTO attributions (story_id, position, phrase, named, source) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def window(day: str, before: timedelta, after: timedelta) -> list[str]:
    """The days from `before` ahead of `day` to `after` it."""
    first = date.fromisoformat(day) - before
    return [(first + timedelta(days=n)).isoformat() for n in range((before + after).days + 1)]


def rebuild(
    linker: Linker,
    linked_at: str,
    since: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Recompute attributions and links for every story (published on or after `since`).

    Attributions first, for every story, then each story's links as coverage
    only: with every story stored, that finds each pair once. Stories are read
    BATCH at a time, the text only for attributions (links read fingerprints).
    Returns the number of links.
    """
    archive = linker.archive
    where, params = ("published_day >= ?", [since]) if since else ("1 = 1", [])
    ids = [
        story_id
        for (story_id,) in archive.db.execute(
            f"SELECT id FROM stories WHERE {where} ORDER BY published_at, id", params
        )
    ]
    archive.begin()
    for done, story in enumerate(stories_of(archive, ids), 1):
        linker.save_attributions(story)
        _report(progress, "attributions found in", done, len(ids))
    links = 0
    for done, story in enumerate(stories_of(archive, ids, ENTRY_COLUMNS), 1):
        links += len(linker.link(story, linked_at, both_ways=False, attributions=False))
        _report(progress, "linked", done, len(ids))
    archive.commit()
    return links


def link_unlinked(linker: Linker, linked_at: str, progress: Progress | None = None) -> int:
    """Link the stories not linked yet, or whose text or linking method changed since."""
    archive = linker.archive
    ids = [
        story["id"]
        for story in archive.db.query(
            "SELECT id, content_hash FROM stories ORDER BY published_at, id"
        )
        if not linker.is_linked(story)
    ]
    archive.begin()
    links = 0
    for done, story in enumerate(stories_of(archive, ids), 1):
        links += len(linker.link(story, linked_at))
        _report(progress, "linked", done, len(ids))
    archive.commit()
    return links


def _report(progress: Progress | None, doing: str, done: int, total: int) -> None:
    if progress and (done % PROGRESS_EVERY == 0 or done == total):
        progress(doing, done, total)


def stories_of(
    archive: Archive, ids: Sequence[int], columns: str = STORY_COLUMNS
) -> Iterator[dict]:
    """The stories of these ids, in this order, read BATCH at a time (an id no story
    has is passed over)."""
    for first in range(0, len(ids), BATCH):
        batch = ids[first : first + BATCH]
        rows = archive.db.query(
            f"SELECT {columns} FROM stories WHERE id IN ({', '.join('?' * len(batch))})",
            batch,
        )
        by_id = {row["id"]: row for row in rows}
        yield from (by_id[story_id] for story_id in batch if story_id in by_id)


def _one_version_each(links: list[Link]) -> list[Link]:
    """Of the language versions of one release a story matches, the best one."""
    best: dict[tuple, Link] = {}
    for link in links:
        key = (link.story["id"], link.release["release_key"] or link.release["id"])
        if key not in best or link.reuse.strength > best[key].reuse.strength:
            best[key] = link
    return list(best.values())
