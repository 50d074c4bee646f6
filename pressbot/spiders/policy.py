"""What to fetch: whether a listing shows a stored story changed, how far back to walk,
how often to poll an entry point.

The spiders ask these pure functions; they hold the rules, the spiders the requests.
When a stored story is due to be read again is `pressbot.archive.schedule`'s rule.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from pressbot.archive.identity import title_key
from pressbot.utils import timeparse


def listing_differs(row: dict, title: str, modified: str) -> bool:
    """The listing names this stored story with another title, or as changed since."""
    if title and title_key(title) != row["title_key"]:
        return True
    changed = timeparse.parse(modified, "UTC")
    if changed is None or changed.precision != timeparse.MINUTE:
        return False
    known = row["updated_at"] or row["published_at"] or ""
    if len(known) == len("YYYY-MM-DD"):  # a day-precision story: only a later day counts
        return changed.at[:10] > known
    return changed.at[:16] > known[:16]


def parse_day(value: str | None, name: str) -> date | int | None:
    """A day as YYYY-MM-DD, or a number of days back as `7d` (counted from `until`)."""
    if value in (None, ""):
        return None
    if value.endswith("d") and value[:-1].isdigit():
        return int(value[:-1])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value!r}: expected YYYY-MM-DD or days back as 7d") from None


def poll_interval(
    published: list[str], found_new: bool, shortest: timedelta, longest: timedelta
) -> timedelta:
    """How long an entry point waits before its next poll, learnt from its source's rhythm.

    After a poll that found new stories, the shortest wait: releases come in
    bursts. Otherwise half the median gap between the source's latest
    publications (`published`, newest first), within [shortest, longest]; the
    longest when there are too few to tell.
    """
    if found_new:
        return shortest
    moments = sorted((m for m in map(timeparse.instant, published) if m), reverse=True)
    gaps = sorted(newer - older for newer, older in itertools.pairwise(moments))
    if not gaps:
        return longest
    return min(max(gaps[len(gaps) // 2] / 2, shortest), longest)
