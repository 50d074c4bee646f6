"""When a stored story is due to be read again: a decaying schedule after publication.

With the default schedule (1 h, 6 h, 24 h, 72 h) a story is re-read once after
each of those points has passed, so an edit made on the first day becomes a
revision, and a story older than the last point is never fetched again. The
archive keeps each story's next point in `stories.next_check_at`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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


def next_check(
    published_at: str | None, last_seen_at: str | None, schedule: list[timedelta]
) -> str | None:
    """When a story is next due to be read again: the first point of the schedule
    after it was last seen (UTC ISO 8601), or None once the schedule is spent."""
    published = timeparse.instant(published_at)
    if published is None:
        return None
    last_seen = timeparse.instant(last_seen_at)
    for point in schedule:
        if last_seen is None or last_seen < published + point:
            return timeparse.iso_utc(published + point)
    return None


def is_due(story: dict, now: datetime, schedule: list[timedelta]) -> bool:
    """True when a point of the schedule has passed since the story was last seen."""
    due = next_check(
        story.get("published_local") or story.get("published_at"),
        story.get("last_seen_at"),
        schedule,
    )
    return due is not None and timeparse.instant(due) <= now  # type: ignore[operator]
