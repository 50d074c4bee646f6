"""What to fetch: when a stored story is due to be read again, how far back to walk.

The spiders ask these pure functions; they hold the rules, the spiders the requests.

A stored story is due to be read again on a decaying schedule after publication.

With the default schedule (1 h, 6 h, 24 h, 72 h) a story is re-read once after
each of those points has passed, so an edit made on the first day becomes a
revision, and a story older than the last point is never fetched again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pressbot.archive.identity import title_key
from pressbot.utils import timeparse

_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def parse_schedule(text: str) -> list[timedelta]:
    """`"1h,6h,24h,72h"` → the points after publication, in order."""
    points = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        number, unit = part[:-1], part[-1]
        if unit not in _UNITS or not number.isdigit():
            raise ValueError(f"bad re-check point {part!r}: use minutes, hours or days, as 6h")
        points.append(timedelta(**{_UNITS[unit]: int(number)}))
    return sorted(points)


def is_due(story: dict, now: datetime, schedule: list[timedelta]) -> bool:
    """True when a point of the schedule has passed since the story was last seen."""
    published = timeparse.instant(story.get("published_local") or story.get("published_at"))
    last_seen = timeparse.instant(story.get("last_seen_at"))
    if published is None:
        return False
    return any(
        published + point <= now and (last_seen is None or last_seen < published + point)
        for point in schedule
    )


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
