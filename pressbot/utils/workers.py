"""Worker processes beside the crawl: started, orphaned and answered the same way.

A worker is spawned, not forked (a fork would copy the reactor, its threads
and the open archive). It ignores SIGINT and SIGTERM: the crawl decides when
its workers stop (Ctrl-C reaches the whole process group, and work begun
when a graceful shutdown starts is finished). A crawl killed outright
(SIGKILL) cannot stop them: a worker ends once its crawl is gone. Results
come back as Deferreds fired in the reactor's thread.

A worker runs PRESSBOT_WORKER_NICE steps below the crawl's CPU priority. The
crawl's own thread downloads, stores and hands out the work, so the workers
wait on it: when both want a core, it goes first, and the workers take the
time it leaves. On two cores the crawl's thread of a 2,000-page crawl
(`bench/bench_crawl.py`) waited 2.1–2.4 s for a core with workers at its own
priority, 1.1–1.3 s with them 10 steps below.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from twisted.internet import defer
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from collections.abc import Callable

ORPHAN_CHECK_SECONDS = 0.5


def spawn_executor(
    processes: int, setup: Callable[..., None] | None = None, *args: Any, nice: int = 0
) -> ProcessPoolExecutor:
    """`processes` workers of this crawl, `nice` steps below its CPU priority, each
    running `setup(*args)` once started."""
    return ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(), nice, setup, args),
    )


def _start_worker(crawl: int, nice: int, setup: Callable[..., None] | None, args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if nice > 0:
        os.nice(nice)
    threading.Thread(target=_end_without, args=(crawl,), daemon=True).start()
    if setup is not None:
        setup(*args)


def _end_without(crawl: int) -> None:
    while os.getppid() == crawl:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(0)


def reactor_call() -> Callable[..., Any]:
    from twisted.internet import reactor  # the crawl's, installed by then

    return reactor.callFromThread


def deferred_of(future: Future, call: Callable[..., Any]) -> defer.Deferred:
    """A Deferred fired through `call` (in the reactor thread) when the future is done."""
    result: defer.Deferred = defer.Deferred()

    def done(future: Future) -> None:
        try:
            value = future.result()
        except Exception as error:  # the work's own, or the pool's (cancelled, broken)
            call(result.errback, Failure(error))
        else:
            call(result.callback, value)

    future.add_done_callback(done)
    return result
