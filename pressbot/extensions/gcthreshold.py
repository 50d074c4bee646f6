"""The garbage collector's first threshold while a crawl runs (PRESSBOT_GC_THRESHOLD).

Python collects its youngest generation after every 700 allocations of
container objects, and every hundredth collection walks every object the
process holds. A crawl allocates millions (requests, responses, Deferreds,
items) and holds many at once (the scheduler's queue, the registry, its
modules): in a crawl of 2,000 new stories (`bench/bench_crawl.py`) its process
spent 1.0 s collecting, about 7 % of its CPU, most of it walking the same
long-lived objects again. With a threshold of 10,000 it spends 0.18 s.
Nothing else changes: objects freed by reference counting (nearly all) go at
once, and a cycle waits a few thousand allocations longer. The threshold
Python had is restored when the engine stops.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self


class GcThreshold:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.before: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        threshold = crawler.settings.getint("PRESSBOT_GC_THRESHOLD")
        if threshold <= 0:
            raise NotConfigured
        extension = cls(threshold)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        self.before = gc.get_threshold()
        gc.set_threshold(self.threshold, *self.before[1:])

    def engine_stopped(self) -> None:
        if self.before is not None and gc.get_threshold()[0] == self.threshold:
            gc.set_threshold(*self.before)  # unless something changed it since
        self.before = None
