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

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pressbot.archive.database import Archive
from pressbot.coverage.attributions import Attribution, find_attributions
from pressbot.coverage.names import NameIndex
from pressbot.coverage.reuse import Fingerprint, Reuse, measure
from pressbot.utils import timeparse

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
CACHE = 50_000

STORY_COLUMNS = (
    "id, source, url, title, lead, body, published_at, published_precision, published_day, "
    "release_key, content_hash"
)


@dataclass(frozen=True)
class Link:
    release: Mapping
    story: Mapping
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


def reuses(reuse: Reuse) -> bool:
    """Whether a story takes enough of a release's text to be re-reporting it."""
    return (
        reuse.release_share >= MIN_RELEASE_SHARE
        or reuse.story_share >= MIN_STORY_SHARE
        or reuse.longest >= MIN_PASSAGE
    )


def _minute(row: Mapping) -> datetime | None:
    if row["published_precision"] != timeparse.MINUTE:
        return None
    return timeparse.instant(row["published_at"])


def lag(release: Mapping, story: Mapping) -> tuple[int | None, int | None, str]:
    """Story time − release time, at the precision both give: seconds, or whole days."""
    a, b = _minute(release), _minute(story)
    if a and b:
        seconds = int((b - a).total_seconds())
        return seconds, seconds // 86400, timeparse.MINUTE
    days = (
        date.fromisoformat(story["published_day"]) - date.fromisoformat(release["published_day"])
    ).days
    return None, days, timeparse.DAY


def comes_after(story: Mapping, release: Mapping) -> bool:
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
        self.fingerprints: OrderedDict[int, Fingerprint] = OrderedDict()

    def is_official(self, source: str) -> bool:
        return self.kinds.get(source, "news_agency") not in NEWS_KINDS

    # attributions ------------------------------------------------------------------

    def attributions(self, story: Mapping) -> list[Attribution]:
        text = "\n".join(p for p in (story["lead"], story["body"]) if p)
        return find_attributions(text, self.names, story["source"])

    def attributed_sources(self, story_id: int) -> set[str]:
        rows = self.archive.db.table("attributions").rows_where(
            "story_id = ? AND source IS NOT NULL", [story_id], select="source"
        )
        return {row["source"] for row in rows}

    # candidates ------------------------------------------------------------------------

    def fingerprint(self, row: Mapping) -> Fingerprint:
        found = self.fingerprints.get(row["id"])
        if found is None:
            found = Fingerprint.of(row["title"], row["lead"], row["body"])
            self.fingerprints[row["id"]] = found
            if len(self.fingerprints) > CACHE:
                self.fingerprints.popitem(last=False)
        return found

    def neighbours(self, story: Mapping, before: timedelta, after: timedelta) -> list[dict]:
        day = date.fromisoformat(story["published_day"])
        return list(
            self.archive.db.query(
                f"SELECT {STORY_COLUMNS} FROM stories WHERE published_day BETWEEN ? AND ? "
                "AND source != ? ORDER BY published_day, id",
                [(day - before).isoformat(), (day + after).isoformat(), story["source"]],
            )
        )

    def candidates(self, story: Mapping) -> list[dict]:
        """The releases this story may re-report: other official sources' in the window.

        Another source only: a source's language versions of one release are no
        coverage of each other."""
        return [
            release
            for release in self.neighbours(story, WINDOW_BEFORE, WINDOW_AFTER)
            if self.is_official(release["source"]) and self._follows(story, release)
        ]

    def _follows(self, story: Mapping, release: Mapping) -> bool:
        if not comes_after(story, release):
            return False
        if not self.is_official(story["source"]) or not comes_after(release, story):
            return True
        # two official releases of the same moment: the shorter one repeats the fuller one
        return len(self.fingerprint(story).shingles) < len(self.fingerprint(release).shingles)

    # links -------------------------------------------------------------------------------

    def links(self, story: Mapping) -> list[Link]:
        """The releases the story re-reports.

        Candidates are judged best first, each on the text no better candidate
        explains: releases about one event share sentences, and a story that
        copies one of them does not re-report the others; a story combining
        two releases reuses passages of each. A release of a source the story
        names is linked, the best of that source's, when it shares the story's
        subject although the story paraphrases it.
        """
        story_print = self.fingerprint(story)
        attributed = self.attributed_sources(story["id"])
        measured = sorted(
            ((measure(story_print, self.fingerprint(r)), r) for r in self.candidates(story)),
            key=lambda pair: pair[0].strength,
            reverse=True,
        )
        chosen: list[Link] = []
        explained: frozenset[int] = frozenset()
        for reuse, release in measured:
            release_print = self.fingerprint(release)
            if reuses(measure(story_print, release_print, explained)):
                chosen.append(Link(release, story, reuse, release["source"] in attributed))
                explained |= story_print.shingles & release_print.shingles
        linked = {link.release["source"] for link in chosen}
        for source in attributed - linked:
            of_source = [(reuse, r) for reuse, r in measured if r["source"] == source]
            if of_source:
                reuse, release = max(of_source, key=lambda pair: pair[0].topic)
                if reuse.topic >= MIN_TOPIC_ATTRIBUTED:
                    chosen.append(Link(release, story, reuse, True))
        return _one_version_each(chosen)

    def link(
        self, story: Mapping, linked_at: str, both_ways: bool = True, attributions: bool = True
    ) -> list[Link]:
        """Store the story's attributions and links; with `both_ways`, a release's too.

        A release stored after the stories that re-report it (the news site
        was crawled first) is linked by judging again the later stories that
        reuse it or name its source.
        """
        if attributions:
            self.save_attributions(story)
        links = self._replace_links(story, linked_at)
        self.archive.db.table("linked_stories").insert(
            {
                "story_id": story["id"],
                "content_hash": story["content_hash"],
                "method": METHOD,
                "linked_at": linked_at,
            },
            replace=True,
        )
        if both_ways and self.is_official(story["source"]):
            for later in self._later_coverage(story):
                links += [
                    link
                    for link in self._replace_links(later, linked_at)
                    if link.release["id"] == story["id"]
                ]
        return links

    def is_linked(self, story: Mapping) -> bool:
        """This text of the story was linked already, by this method."""
        state = next(
            self.archive.db.table("linked_stories").rows_where("story_id = ?", [story["id"]]),
            None,
        )
        if state is None:
            return False
        return (state["content_hash"], state["method"]) == (story["content_hash"], METHOD)

    def _replace_links(self, story: Mapping, linked_at: str) -> list[Link]:
        links = self.links(story)
        table = self.archive.db.table("coverage")
        table.delete_where("story_id = ?", [story["id"]])
        table.insert_all((link.row(linked_at) for link in links), replace=True)
        return links

    def _later_coverage(self, release: Mapping) -> list[dict]:
        """Stories stored already that may re-report this release."""
        release_print = self.fingerprint(release)
        found = []
        for story in self.neighbours(release, timedelta(0), WINDOW_BEFORE):
            if not self._follows(story, release):
                continue
            reuse = measure(self.fingerprint(story), release_print)
            if reuses(reuse) or release["source"] in self.attributed_sources(story["id"]):
                found.append(story)
        return found

    def save_attributions(self, story: Mapping) -> list[Attribution]:
        found = self.attributions(story)
        table = self.archive.db.table("attributions")
        table.delete_where("story_id = ?", [story["id"]])
        table.insert_all(
            {
                "story_id": story["id"],
                "position": a.start,
                "phrase": a.phrase,
                "named": a.named,
                "source": a.source,
            }
            for a in found
        )
        return found


def rebuild(
    linker: Linker,
    linked_at: str,
    since: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute attributions and links for every story (published on or after `since`).

    Attributions first, for every story, then each story's links as coverage
    only: with every story stored, that finds each pair once. Returns the
    number of links.
    """
    archive = linker.archive
    where, params = ("published_day >= ?", [since]) if since else ("1 = 1", [])
    stories = list(
        archive.db.query(
            f"SELECT {STORY_COLUMNS} FROM stories WHERE {where} ORDER BY published_at, id", params
        )
    )
    archive.begin()
    for story in stories:
        linker.save_attributions(story)
    links = 0
    for done, story in enumerate(stories, 1):
        links += len(linker.link(story, linked_at, both_ways=False, attributions=False))
        if progress and (done % 1000 == 0 or done == len(stories)):
            progress(done, len(stories))
    archive.commit()
    return links


def link_unlinked(
    linker: Linker, linked_at: str, progress: Callable[[int, int], None] | None = None
) -> int:
    """Link the stories not linked yet, or whose text or linking method changed since."""
    archive = linker.archive
    stories = [
        story
        for story in archive.db.query(
            f"SELECT {STORY_COLUMNS} FROM stories ORDER BY published_at, id"
        )
        if not linker.is_linked(story)
    ]
    archive.begin()
    links = 0
    for done, story in enumerate(stories, 1):
        links += len(linker.link(story, linked_at))
        if progress and (done % 1000 == 0 or done == len(stories)):
            progress(done, len(stories))
    archive.commit()
    return links


def _one_version_each(links: list[Link]) -> list[Link]:
    """Of the language versions of one release a story matches, the best one."""
    best: dict[tuple, Link] = {}
    for link in links:
        key = (link.story["id"], link.release["release_key"] or link.release["id"])
        if key not in best or link.reuse.strength > best[key].reuse.strength:
            best[key] = link
    return list(best.values())
