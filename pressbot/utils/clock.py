"""The time pressbot believes it is: the real UTC clock, or PRESSBOT_NOW when set.

PRESSBOT_NOW freezes a run's clock (tests, replays of recorded mirrors): the
re-check schedule, the future-date check and `*_seen_at` all read it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pressbot.utils import timeparse


def clock(fixed: str | None = None) -> Callable[[], datetime]:
    """The real clock, or one stopped at `fixed` (ISO 8601; UTC when it has no offset)."""
    if not fixed:
        return timeparse.utc_now
    moment = timeparse.instant(fixed)
    if moment is None:
        raise ValueError(f"PRESSBOT_NOW={fixed!r} is not an ISO 8601 time")
    return lambda: moment


def clock_from_settings(settings) -> Callable[[], datetime]:
    return clock(settings.get("PRESSBOT_NOW"))
