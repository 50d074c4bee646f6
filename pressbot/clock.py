"""The time pressbot believes it is: the real UTC clock, or PRESSBOT_NOW when set.

PRESSBOT_NOW freezes a run's clock (tests, replays of recorded mirrors): the
re-check schedule, the future-date check and `*_seen_at` all read it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from pressbot import timeparse


def clock(fixed: str | None = None) -> Callable[[], datetime]:
    if not fixed:
        return timeparse.utc_now
    moment = datetime.fromisoformat(fixed)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return lambda: moment


def clock_from_settings(settings) -> Callable[[], datetime]:
    return clock(settings.get("PRESSBOT_NOW"))
