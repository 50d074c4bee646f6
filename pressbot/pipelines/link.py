"""Link each new or edited story to the releases it re-reports (`pressbot.coverage`).

The first PRESSBOT_LINK_WORKER_AFTER stories of a crawl are linked at once,
in the crawl's process; after them, with PRESSBOT_LINK_PROCESSES at 1, the
stories of each commit go to the link worker as one batch
(`pressbot.coverage.worker`) and its decisions are written as they come back,
in order. When the spider closes, every batch is linked and written before
the archive closes, waiting PRESSBOT_LINK_WORKER_PATIENCE seconds at most
for the worker: one that has not answered by then is killed. A worker that
dies is not replaced: its batches, and the rest of the crawl's stories, are
linked in the crawl's process, with a warning. A crawl killed outright may
have committed stories without their links: each crawl first links the
stories changed in the last CATCH_UP that have none.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import defer
from twisted.python.failure import Failure

from pressbot.archive.shared import archive_for
from pressbot.coverage.linker import METHOD, Decision, Linker, stories_of
from pressbot.coverage.worker import Job, LinkWorker, stamps
from pressbot.registry import load_registry
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

logger = logging.getLogger(__name__)

# Stories changed this recently without links are linked when a crawl opens: a crawl
# killed between committing stories and writing their links loses no links, and an
# archive linked by nothing for months does not make one crawl link all of it.
CATCH_UP = timedelta(days=7)
# in the order they changed: the index on changed_at serves both the range and the order
UNLINKED = (
    "SELECT s.* FROM stories s LEFT JOIN linked_stories l ON l.story_id = s.id "
    "AND l.content_hash = s.content_hash AND l.method = ? "
    "WHERE s.changed_at >= ? AND l.story_id IS NULL ORDER BY s.changed_at, s.id"
)


@dataclass(eq=False)
class Batch:
    """The stories of one commit, sent to the worker; `here`: to link in this process."""

    jobs: list[Job]
    decisions: list[Decision] | None = None
    here: bool = False

    def ready(self) -> bool:
        return self.here or self.decisions is not None


class LinkPipeline:
    def __init__(
        self,
        linker: Linker,
        stats: StatsCollector,
        now: Callable[[], datetime] = timeparse.utc_now,
        worker: LinkWorker | None = None,
        after: int = 0,
        patience: float = 300.0,
    ) -> None:
        self.linker = linker
        self.stats = stats
        self.now = now
        self.worker = worker
        self.after = after
        self.patience = patience  # seconds a closing crawl waits for the worker's answers
        self._impatient: threading.Timer | None = None
        self.linked_here = 0
        self.unsent: list[Job] = []  # stored since the last commit, for the worker
        self.sent: deque[Batch] = deque()  # in the order sent, which is the order written
        self._writing = False
        self._written: list[defer.Deferred[None]] = []
        if worker is not None:
            linker.archive.on_commit(self.send)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("PRESSBOT_LINK_ENABLED"):
            raise NotConfigured
        sources = load_registry(settings.get("PRESSBOT_SOURCES"))
        archive = archive_for(crawler)
        worker = None
        if settings.getint("PRESSBOT_LINK_PROCESSES"):
            worker = LinkWorker(archive.path, sources, nice=settings.getint("PRESSBOT_WORKER_NICE"))
            crawler.signals.connect(worker.close, signal=signals.engine_stopped, weak=False)
        return cls(
            Linker.for_sources(archive, sources),
            crawler.stats,
            clock_from_settings(crawler.settings),
            worker,
            settings.getint("PRESSBOT_LINK_WORKER_AFTER"),
            settings.getfloat("PRESSBOT_LINK_WORKER_PATIENCE"),
        )

    def open_spider(self) -> None:
        """Link the recent stories a crawl killed earlier left without links."""
        since = timeparse.iso_utc(self.now() - CATCH_UP)
        for story in list(self.linker.archive.db.query(UNLINKED, [METHOD, since])):
            self._take(story)
        # the worker reads what was linked here, so it is committed before the rest is sent
        self.linker.archive.commit()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        story = self.linker.archive.story_by_url(adapter["source"], adapter["url"])
        if story is not None:
            self._take(story)
        return item

    def _take(self, story: dict) -> None:
        if self.linker.is_linked(story):  # unchanged since it was linked
            return
        linked_at = timeparse.iso_utc(self.now())
        if self.worker is not None and self.linked_here >= self.after:
            self.unsent.append((story["id"], linked_at))
        else:
            self.linked_here += 1
            self._count(len(self.linker.link(story, linked_at)))

    def _count(self, links: int) -> None:
        self.stats.inc_value("pressbot/coverage/links", links)

    def send(self, committed: Any = None) -> None:
        """Send the worker the stories stored since the last commit (`Archive.on_commit`)."""
        if not self.unsent or self.worker is None:
            return
        batch = Batch(self.unsent)
        self.unsent = []
        self.sent.append(batch)
        self.worker.decide(batch.jobs).addCallbacks(
            self._arrived, self._worker_failed, callbackArgs=(batch,)
        )

    def _arrived(self, decisions: list[Decision], batch: Batch) -> None:
        batch.decisions = decisions
        self._write_ready()

    def _worker_failed(self, failure: Failure) -> None:
        """The worker died (or failed): what it was sent, and what it would have been,
        is linked here."""
        if self.worker is None:
            return
        logger.warning(
            "The link worker stopped (%s); the crawl links its stories itself from now on",
            repr(failure.value),
        )
        self.worker.close(wait=False)
        self.worker = None
        self.linker.forget()  # its days lack the stories the worker linked
        self.sent.append(Batch(self.unsent))
        self.unsent = []
        for batch in self.sent:
            batch.here = True
        self._write_ready()

    def _write_ready(self) -> None:
        """Write the batches that are ready, in the order they were sent."""
        if self._writing:  # a write's commit sent a batch: written in its turn
            return
        self._writing = True
        try:
            while self.sent and self.sent[0].ready():
                self._write(self.sent.popleft())
        finally:
            self._writing = False
        if not self.sent:
            waiting, self._written = self._written, []
            for written in waiting:
                written.callback(None)

    def _write(self, batch: Batch) -> None:
        if batch.here:
            linked_at = stamps(batch.jobs)
            for story in stories_of(self.linker.archive, list(linked_at)):
                if not self.linker.is_linked(story):
                    self._count(len(self.linker.link(story, linked_at[story["id"]])))
            return
        for decision in batch.decisions or []:
            self.linker.write(decision)
            self._count(decision.links)

    def close_spider(self) -> defer.Deferred[None]:
        """Commit the last stories, link them and every batch still out, write their links."""
        self.linker.archive.commit()  # sends the last batch
        written: defer.Deferred[None] = defer.Deferred()
        self._written.append(written)
        self._write_ready()
        if self.sent and self.worker is not None:
            self._impatient = self.worker.after(self.patience, self._worker_hung)
        return written.addCallback(self._close)

    def _worker_hung(self) -> None:
        """The worker has not answered in `patience` seconds (stopped, or stuck): it is
        killed, and its stories are linked here."""
        if self.sent and self.worker is not None:
            self.worker.kill()
            self._worker_failed(Failure(TimeoutError(f"no answer in {self.patience:g} s")))

    def _close(self, _: None) -> None:
        if self._impatient is not None:
            self._impatient.cancel()
        self.linker.archive.commit()
        if self.worker is not None:
            self.worker.close()
