"""Story identity: when two sightings are one story, and when a story changed.

Two sightings are one story when their canonical URLs match, or when one
source published them at the same time (at the precision it gives) under the
same normalised title (`is_same_story`). The in-run dedupe pipeline and the
archive both decide by these functions. The content hash tells an edit from a
re-read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping

from pressbot.utils.timeparse import DAY, MINUTE


def title_key(title: str) -> str:
    """A title with case, quotes, dashes, punctuation and spacing folded away."""
    text = unicodedata.normalize("NFKC", title).casefold().replace("ё", "е")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def content_hash(title: str | None, lead: str | None, body: str | None) -> str:
    """SHA-256 of the text a reader sees; equal hashes mean an unchanged story."""
    text = "\x1f".join(" ".join((part or "").split()) for part in (title, lead, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def published_day(story: Mapping) -> str:
    """The day the story was published, in its source's own calendar."""
    return (story.get("published_local") or story.get("published_at") or "")[:10]


def match_key(story: Mapping) -> tuple[str, str, str]:
    """Where the same story may sit under another URL: its source, title key and day."""
    return story["source"], title_key(story["title"]), published_day(story)


def same_moment(a: Mapping, b: Mapping) -> bool:
    """Published at the same instant, at the precision both give.

    Only the minute counts (sources print no seconds, feeds sometimes invent
    them); when either gives only the day, the day (of `match_key`) is all
    there is to compare.
    """
    if DAY in (a.get("published_precision"), b.get("published_precision")):
        return published_day(a) == published_day(b)
    return (a.get("published_at") or "")[:16] == (b.get("published_at") or "")[:16]


def is_same_story(a: Mapping, b: Mapping) -> bool:
    """The one rule of identity: the same source and canonical URL, or the same
    source, normalised title and moment of publication (at the precision both give).

    So a story reached by feed, sitemap, listing or a URL variant is one story,
    and two releases in the same minute under different titles stay two.
    """
    if a["source"] != b["source"]:
        return False
    return a["url"] == b["url"] or (match_key(a) == match_key(b) and same_moment(a, b))


def gains_precision(known: Mapping, sighting: Mapping) -> bool:
    """The sighting gives the time of day of a story known only by its day."""
    return known.get("published_precision") == DAY and sighting.get("published_precision") == MINUTE


def claims_another(known: Mapping, sighting: Mapping) -> bool:
    """Whether a page fetched at `seen_url` names as canonical the URL of `known`, another
    story (another title or moment): such a canonical link is not trusted, and the
    story keeps the URL it was fetched at."""
    fetched = sighting.get("seen_url")
    if not fetched or fetched == sighting["url"]:
        return False
    return not (match_key(known) == match_key(sighting) and same_moment(known, sighting))
