"""Article pages read in a worker process, beside the crawl (PRESSBOT_PAGE_PROCESSES).

A crawl is one Python process, and reading a story's page (parsing its HTML,
then its fields, `to_story`) costs about as much CPU as downloading it and
more than storing it. With PRESSBOT_PAGE_PROCESSES at 1 (the default) a
worker process reads the pages while the crawl's own process downloads,
stores and links: a crawl of many new stories uses two cores. The worker is
started at the first page, so a poll that finds nothing new starts none.
With one worker, stories come back in the order their pages arrived; with 0,
pages are read in the crawl's process, as before.

A page class read here takes the response alone (`SputnikArticlePage(response)`)
and uses its URL, status, headers, body and encoding, nothing of its request.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.http import Headers, Response, TextResponse
from twisted.internet import defer, reactor

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler

    from pressbot.items import Story


ORPHAN_CHECK_SECONDS = 0.5


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


def rebuild(fields: dict[str, Any]) -> Response:
    fields = dict(fields)
    cls = fields.pop("cls")
    return cls(headers=Headers(fields.pop("headers")), **fields)


def read_sent(
    page: Callable[[Response], ArticlePage], fields: dict[str, Any], source: str
) -> Story:
    """`read_story` in the worker, of a response sent as its `response_fields`."""
    return read_story(page, rebuild(fields), source)


def _start_worker(crawl: int) -> None:
    """The crawl decides when its worker stops: Ctrl-C reaches the whole process group,
    and a page being read when a graceful shutdown begins is still read. A crawl killed
    outright (SIGKILL) cannot stop it: the worker ends once its crawl is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_end_without, args=(crawl,), daemon=True).start()


def _end_without(crawl: int) -> None:
    while os.getppid() == crawl:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(0)


class PagePool:
    """Reads article pages in `processes` worker processes (0: in this process)."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None

    def read(
        self, page: Callable[[Response], ArticlePage], response: Response, source: str
    ) -> defer.Deferred[Story]:
        """The story `page` reads from `response`; a page's exception fails the Deferred."""
        if not self.processes:
            return defer.maybeDeferred(read_story, page, response, source)
        if self._executor is None:
            # spawn, not fork: a fork would copy the reactor, its threads and the open archive
            self._executor = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        future = self._executor.submit(read_sent, page, response_fields(response), source)
        return _deferred(future)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _deferred(future: Future) -> defer.Deferred:
    """A Deferred fired in the reactor thread when the worker's future is done."""
    result: defer.Deferred = defer.Deferred()

    def done(future: Future) -> None:
        try:
            story = future.result()
        except Exception as error:  # the page's own, or the pool's (cancelled, broken)
            reactor.callFromThread(result.errback, error)
        else:
            reactor.callFromThread(result.callback, story)

    future.add_done_callback(done)
    return result


_OF_CRAWLER: WeakKeyDictionary = WeakKeyDictionary()


def pool_for(crawler: Crawler) -> PagePool:
    """The crawl's page pool, made on first use and closed when its engine stops."""
    if crawler not in _OF_CRAWLER:
        pool = _OF_CRAWLER[crawler] = PagePool(crawler.settings.getint("PRESSBOT_PAGE_PROCESSES"))
        crawler.signals.connect(pool.close, signal=signals.engine_stopped, weak=False)
    return _OF_CRAWLER[crawler]
