"""Links decided in a worker process, beside the crawl (PRESSBOT_LINK_PROCESSES).

Linking a new story (fingerprinting it, finding its attributions, searching
the week's releases) costs the crawl's process about a fifth of its CPU. With
PRESSBOT_LINK_PROCESSES at 1 (the default) a worker process decides the links
and the crawl only writes them: the crawl stays the archive's one writer. The
worker reads the archive through a read-only connection (WAL: it never blocks
the crawl's writes), so it is sent only stories already committed: the stories
of each commit, as one batch, linked in the order they were stored. Its
decisions come back as plain rows (`Decision`) and are written in order.

The crawl writes a decision some time after the worker made it, so the worker
reads the archive through what it decided and the crawl may not have written
yet (`PendingLinker`): each story's attributions, and that it is linked. Its
later decisions are those the crawl's process would make.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, cast

from sqlite_utils import Database
from twisted.internet import defer

from pressbot.coverage import fingerprints
from pressbot.coverage.linker import Decision, Linker, stories_of
from pressbot.utils.workers import deferred_of, reactor_call, spawn_executor

if TYPE_CHECKING:
    from collections.abc import Callable

    from pressbot.archive.database import Archive
    from pressbot.coverage.names import NameIndex
    from pressbot.registry import Source

# a story to link: its id, and the time its links are stamped with
Job = tuple[int, str]


def stamps(jobs: list[Job]) -> dict[int, str]:
    """Each story of these jobs once, in their order, with the time of its first job."""
    first: dict[int, str] = {}
    for story_id, linked_at in jobs:
        first.setdefault(story_id, linked_at)
    return first


class PendingLinker(Linker):
    """A linker whose decisions are written later, by another process: it reads the
    archive as if they were written already."""

    def __init__(self, archive: Archive, names: NameIndex, kinds: Mapping[str, str]):
        super().__init__(archive, names, kinds)
        self.linked: dict[int, str] = {}  # story → the content_hash it was linked with
        self.sources_of: dict[int, set[str]] = {}  # story → the sources it names
        self.named: dict[str, dict[int, str]] = {}  # source → stories naming it → their day
        self.made: list[tuple] = []  # fingerprints made while deciding, not stored
        fingerprints.keep_with(archive.db, self.made.extend)

    def decide_all(self, jobs: list[Job]) -> list[Decision]:
        """The decisions for these stories, in order; a story linked already has none."""
        linked_at = stamps(jobs)
        return [
            self.decide(story, linked_at[story["id"]])
            for story in stories_of(self.archive, list(linked_at))
            if not self.is_linked(story)
        ]

    def decide(
        self, story: Mapping, linked_at: str, both_ways: bool = True, attributions: bool = True
    ) -> Decision:
        decision = super().decide(story, linked_at, both_ways, attributions)
        decision.fingerprints = list(self.made)
        self.made.clear()
        self._remember(decision, story["published_day"])
        return decision

    def _remember(self, decision: Decision, day: str) -> None:
        story_id = decision.story_id
        self.linked[story_id] = decision.content_hash
        if decision.attributions is None:
            return
        for source in self.sources_of.pop(story_id, set()):
            del self.named[source][story_id]
        self.sources_of[story_id] = {row[-1] for row in decision.attributions if row[-1]}
        for source in self.sources_of[story_id]:
            self.named.setdefault(source, {})[story_id] = day

    def is_linked(self, story: Mapping) -> bool:
        if story["id"] in self.linked:
            return self.linked[story["id"]] == story["content_hash"]
        return super().is_linked(story)

    def attributed_sources(self, story_id: int) -> set[str]:
        if story_id in self.sources_of:
            return set(self.sources_of[story_id])
        return super().attributed_sources(story_id)

    def naming(self, source: str, days: list[str]) -> set[int]:
        stored = {i for i in super().naming(source, days) if i not in self.sources_of}
        pending = self.named.get(source, {}).items()
        return stored | {i for i, day in pending if days[0] <= day <= days[-1]}


class _Reader:
    """What linking reads of an archive: its database."""

    def __init__(self, db: Database) -> None:
        self.db = db


def read_only(path: str) -> Archive:
    """The archive at `path` as linking reads it, through a read-only connection."""
    return cast("Archive", _Reader(Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))))


_WORKER: dict[str, PendingLinker] = {}  # the worker process's linker


def _open(path: str, sources: Mapping[str, Source]) -> None:
    _WORKER["linker"] = PendingLinker.for_sources(read_only(path), sources)


def _decide_all(jobs: list[Job]) -> list[Decision]:
    return _WORKER["linker"].decide_all(jobs)


class LinkWorker:
    """Decides the links of batches of committed stories in a worker process, started
    with the first batch, linking for these registered `sources`, `nice` steps below
    this process's CPU priority. `call` runs a function in the reactor's thread."""

    def __init__(
        self,
        path: str,
        sources: Mapping[str, Source],
        call: Callable[..., Any] | None = None,
        nice: int = 0,
    ) -> None:
        self.path = path
        self.sources = dict(sources)
        self.call = call
        self.nice = nice
        self._executor: ProcessPoolExecutor | None = None

    def decide(self, jobs: list[Job]) -> defer.Deferred[list[Decision]]:
        """The decisions for these stories; fails when the worker died."""
        if self._executor is None:
            self._executor = spawn_executor(1, _open, self.path, self.sources, nice=self.nice)
        try:
            future = self._executor.submit(_decide_all, jobs)
        except Exception as error:  # broken already (BrokenProcessPool), or cannot start one
            return defer.fail(error)
        return deferred_of(future, self.call or reactor_call())

    def after(self, seconds: float, function: Callable[[], Any]) -> threading.Timer:
        """Call `function` in the reactor's thread in `seconds`, unless the timer returned
        is cancelled first."""
        timer = threading.Timer(seconds, self.call or reactor_call(), [function])
        timer.daemon = True
        timer.start()
        return timer

    def kill(self) -> None:
        """Kill the worker process at once (it does not answer): its batches fail."""
        if self._executor is not None:
            for process in list((self._executor._processes or {}).values()):  # none public
                process.kill()

    def close(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None
