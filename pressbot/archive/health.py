"""How each source is doing, judged against its own history.

A source is `failing` when its last run failed, `abandoned` when its last run was
killed or forcibly stopped, `degraded` when its last run recovered from a fault
or left stories for a later run, `silent` when no story has
appeared for longer than is usual *for that source* (learnt from the gaps
between its own past publications, not a fixed number of days), `ok`
otherwise, and `never run` before its first crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from pressbot.utils import timeparse

MIN_GAPS = 5  # fewer past gaps than this and silence is not judged yet
SILENCE_FACTOR = 3  # silent after three times the source's usual longest gap
MIN_SILENCE = timedelta(hours=6)


@dataclass
class SourceHealth:
    source: str
    verdict: str
    last_run: str | None
    problems: list[str]
    last_story: str | None
    stories_7d: int
    silence_limit: timedelta | None
    #: listed stories not stored yet and still tried, and those given up
    pending: int = 0
    given_up: int = 0

    @property
    def notes(self) -> list[str]:
        """What to say beside the verdict: the last run's problems, stories not stored."""
        notes = list(self.problems)
        if self.pending:
            notes.append(f"{self.pending} listed stories pending (see pending_stories)")
        if self.given_up:
            notes.append(f"{self.given_up} listed stories given up (see pending_stories)")
        return notes

    @property
    def failing(self) -> bool:
        return self.verdict in ("failing", "abandoned", "silent")


def silence_limit(published: list[datetime]) -> timedelta | None:
    """How long a quiet spell may last for this source: SILENCE_FACTOR × its 90th-percentile gap."""
    moments = sorted(set(published))
    gaps = sorted(b - a for a, b in pairwise(moments) if b > a)
    if len(gaps) < MIN_GAPS:
        return None
    p90 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.9))]
    return max(p90 * SILENCE_FACTOR, MIN_SILENCE)


ABANDONED = "the last run was killed or forcibly stopped before it finished"


def _problems(last_run: dict | None) -> list[str]:
    if last_run and last_run.get("finish_reason") == "abandoned":
        return [ABANDONED]
    return (last_run or {}).get("problems") or []


def judge(
    source: str,
    last_run: dict | None,
    published: list[str],
    now: datetime,
    pending: tuple[int, int] = (0, 0),
) -> SourceHealth:
    """The verdict on a source; `pending` is how many listed stories are pending and given up."""
    moments = [m for m in (timeparse.instant(p) for p in published) if m]
    limit = silence_limit(moments)
    latest = max(moments, default=None)
    if last_run is None:
        verdict = "never run"
    elif last_run.get("finish_reason") == "abandoned":
        verdict = "abandoned"
    elif last_run.get("health") == "failing":
        verdict = "failing"
    elif limit and latest and now - latest > limit:
        verdict = "silent"
    else:
        verdict = last_run.get("health") or "ok"
    return SourceHealth(
        source=source,
        verdict=verdict,
        last_run=last_run.get("started_at") if last_run else None,
        problems=_problems(last_run),
        last_story=timeparse.iso_utc(latest) if latest else None,
        stories_7d=sum(1 for m in moments if now - m <= timedelta(days=7)),
        silence_limit=limit,
        pending=pending[0],
        given_up=pending[1],
    )
