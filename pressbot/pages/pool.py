"""Article pages read in a worker process, beside the crawl (PRESSBOT_PAGE_PROCESSES).

A crawl is one Python process, and reading a story's page (parsing its HTML,
then its fields, `to_story`) costs about as much CPU as downloading it and
more than storing it. With PRESSBOT_PAGE_PROCESSES at 1 (the default) a
worker process reads the pages while the crawl's own process downloads,
stores and links: a crawl of many new stories uses two cores. The first
PRESSBOT_PAGE_WORKER_AFTER pages of a crawl are read in its own process and
the worker is started after them, so a poll that finds a few new stories
starts none (a worker costs about 0.35 s of CPU and 60 MB to start). With one worker,
stories come back in the order their pages arrived; with 0, pages are read
in the crawl's process, as before. A worker that dies (killed, out of
memory) is not replaced: its pages, and the rest of the crawl's, are read in
the crawl's process, with a warning.

A page class read here takes the response alone (`SputnikArticlePage(response)`)
and uses its URL, status, headers, body and encoding, nothing of its request.
It must not log: the worker has no Scrapy logging, so a record would not
reach the crawl's log or its error count (the generic family, which logs, is
read in the crawl's process).
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.http import Headers, Response, TextResponse
from twisted.internet import defer
from twisted.python.failure import Failure

from pressbot.utils.workers import deferred_of, reactor_call, spawn_executor

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler

    from pressbot.items import Story


logger = logging.getLogger(__name__)


class ArticlePage(Protocol):
    def to_story(self, source: str) -> Story: ...


def read_story(page: Callable[[Response], ArticlePage], response: Response, source: str) -> Story:
    return page(response).to_story(source)


def response_fields(response: Response) -> dict[str, Any]:
    """What a page class reads of a response, as plain values a worker can be sent."""
    fields: dict[str, Any] = {
        "cls": type(response),
        "url": response.url,
        "status": response.status,
        "headers": dict(response.headers),
        "body": response.body,
    }
    if isinstance(response, TextResponse):
        fields["encoding"] = response.encoding  # as detected (or corrected) by the crawl
    return fields


def response_from(fields: dict[str, Any]) -> Response:
    fields = dict(fields)
    cls = fields.pop("cls")
    return cls(headers=Headers(fields.pop("headers")), **fields)


def read_sent(
    page: Callable[[Response], ArticlePage], fields: dict[str, Any], source: str
) -> Story:
    """`read_story` in the worker, of a response sent as its `response_fields`."""
    return read_story(page, response_from(fields), source)


class PagePool:
    """Reads article pages in `processes` worker processes (0: in this process), once
    `after` pages have been read in this one, `nice` steps below this process's CPU
    priority. `call` runs a function in the reactor's thread (`reactor.callFromThread`),
    where the Deferreds are fired."""

    def __init__(
        self,
        processes: int = 1,
        after: int = 0,
        call: Callable[..., Any] | None = None,
        nice: int = 0,
    ) -> None:
        self.processes = processes
        self.after = after
        self.call = call
        self.nice = nice
        self.read_here = 0
        self._executor: ProcessPoolExecutor | None = None

    def read(
        self, page: Callable[[Response], ArticlePage], response: Response, source: str
    ) -> defer.Deferred[Story]:
        """The story `page` reads from `response`; a page's exception fails the Deferred."""
        if not self.processes or self.read_here < self.after:
            self.read_here += 1
            return defer.maybeDeferred(read_story, page, response, source)
        if self._executor is None:
            self._executor = spawn_executor(self.processes, nice=self.nice)
        try:
            future = self._executor.submit(read_sent, page, response_fields(response), source)
        except BrokenProcessPool:
            return self._read_here_from_now_on(page, response, source)
        reading = deferred_of(future, self.call or reactor_call())
        reading.addErrback(self._unless_broken, page, response, source)
        return reading

    def _unless_broken(
        self,
        failure: Failure,
        page: Callable[[Response], ArticlePage],
        response: Response,
        source: str,
    ) -> Failure | defer.Deferred[Story]:
        if not failure.check(BrokenProcessPool):
            return failure  # the page's own error
        return self._read_here_from_now_on(page, response, source)

    def _read_here_from_now_on(
        self, page: Callable[[Response], ArticlePage], response: Response, source: str
    ) -> defer.Deferred[Story]:
        """The worker died: this page, and every page after it, is read in this process."""
        if self.processes:
            logger.warning("The page worker stopped; the crawl reads its pages itself from now on")
            self.processes = 0
            self.close(wait=False)
        return self.read(page, response, source)

    def close(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


_OF_CRAWLER: WeakKeyDictionary = WeakKeyDictionary()


def pool_for(crawler: Crawler) -> PagePool:
    """The crawl's page pool, made on first use and closed when its engine stops."""
    if crawler not in _OF_CRAWLER:
        pool = _OF_CRAWLER[crawler] = PagePool(
            crawler.settings.getint("PRESSBOT_PAGE_PROCESSES"),
            crawler.settings.getint("PRESSBOT_PAGE_WORKER_AFTER"),
            nice=crawler.settings.getint("PRESSBOT_WORKER_NICE"),
        )
        crawler.signals.connect(pool.close, signal=signals.engine_stopped, weak=False)
    return _OF_CRAWLER[crawler]
