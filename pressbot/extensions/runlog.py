"""One `crawl_runs` row per run, and one summary line in the log."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from pressbot.archive.database import Archive

logger = logging.getLogger(__name__)

_STATUS = "downloader/response_status_count/"
_DROPPED = "item_dropped_reasons_count/"
_IGNORED = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"
_ROBOTS_STATUS = "robotstxt/response_status_count/"


class SpiderErrorCounter(logging.Handler):
    """Counts this spider's ERROR records: Scrapy's log_count/ERROR counts every crawler's."""

    def __init__(self, spider: Spider, stats: StatsCollector) -> None:
        super().__init__(level=logging.ERROR)
        self.spider = spider
        self.stats = stats

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "spider", None) is self.spider:
            self.stats.inc_value("pressbot/errors")


def _failed(stats: dict, prefix: str) -> int:
    """Responses with a 4xx or 5xx status among the counts under `prefix`."""
    return sum(v for k, v in stats.items() if k.startswith(prefix) and k[len(prefix)] in "45")


def problems(stats: dict, reason: str) -> list[str]:
    """What went wrong in a run, in words; empty for a healthy run."""
    found = []
    if reason != "finished":
        found.append(f"stopped early: {reason}")
    if stats.get("pressbot/errors"):
        found.append(f"{stats['pressbot/errors']} errors logged")
    requests = stats.get("downloader/request_count", 0)
    failed = _failed(stats, _STATUS) - _failed(stats, _ROBOTS_STATUS)  # no robots.txt is fine
    failed += stats.get("downloader/exception_count", 0) - stats.get(_IGNORED, 0)
    failed -= stats.get("pressbot/stories/withdrawn", 0)  # a withdrawn story is no failure
    if requests and failed * 2 >= requests:
        found.append(f"{failed} of {requests} requests failed")
    dropped = {k[len(_DROPPED) :]: v for k, v in stats.items() if k.startswith(_DROPPED)}
    dropped.pop("DuplicateStory", None)  # a duplicate caught is the pipeline working
    kept = sum(stats.get(f"pressbot/stories/{o}", 0) for o in ("new", "updated", "unchanged"))
    if dropped and sum(dropped.values()) >= kept:  # article pages changed their layout?
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(dropped.items()))
        found.append(
            f"{sum(dropped.values())} of {kept + sum(dropped.values())} stories dropped ({reasons})"
        )
    if stats.get("robotstxt/forbidden"):
        found.append(f"{stats['robotstxt/forbidden']} pages forbidden by robots.txt")
    listed = sum(v for k, v in stats.items() if k.startswith("pressbot/listed/"))
    if not listed and not stats.get("pressbot/not_modified"):
        found.append("the feed or listing yielded no stories")
    return found


def summarise(stats: dict, reason: str, finished: datetime) -> dict:
    """The `crawl_runs` columns for a finished run, from Scrapy's stats."""
    found = problems(stats, reason)
    return {
        "health": "failing" if found else "ok",
        "problems": found,
        "finished_at": timeparse.iso_utc(finished),
        "finish_reason": reason,
        "requests": stats.get("downloader/request_count", 0),
        "responses": {k[len(_STATUS) :]: v for k, v in stats.items() if k.startswith(_STATUS)},
        "stories_new": stats.get("pressbot/stories/new", 0),
        "stories_updated": stats.get("pressbot/stories/updated", 0),
        "stories_unchanged": stats.get("pressbot/stories/unchanged", 0),
        "stories_dropped": stats.get("item_dropped_count", 0),
        "stories_withdrawn": stats.get("pressbot/stories/withdrawn", 0),
        "skipped_known": stats.get("pressbot/stories/skipped_known", 0),
        "not_modified": stats.get("pressbot/not_modified", 0),
        "dropped_reasons": {
            k[len(_DROPPED) :]: v for k, v in stats.items() if k.startswith(_DROPPED)
        },
        "errors": stats.get("pressbot/errors", 0),
    }


class RunLog:
    def __init__(
        self,
        archive: Archive,
        stats: StatsCollector,
        now: Callable[[], datetime],
        keep_runs: timedelta,
    ) -> None:
        self.archive = archive
        self.stats = stats
        self.now = now
        self.keep_runs = keep_runs
        self.run_id: int | None = None
        self.errors: SpiderErrorCounter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("PRESSBOT_RUNLOG_ENABLED"):
            raise NotConfigured
        runlog = cls(
            archive_for(crawler),
            crawler.stats,
            clock_from_settings(crawler.settings),
            timedelta(days=crawler.settings.getint("PRESSBOT_KEEP_RUNS_DAYS")),
        )
        crawler.signals.connect(runlog.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(runlog.spider_closed, signal=signals.spider_closed)
        return runlog

    def spider_opened(self, spider: Spider) -> None:
        self.errors = SpiderErrorCounter(spider, self.stats)
        logging.getLogger().addHandler(self.errors)
        now = self.now()
        self.archive.prune_runs(timeparse.iso_utc(now - self.keep_runs))
        self.run_id = self.archive.start_run(spider.name, timeparse.iso_utc(now))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.run_id is not None and self.errors is not None  # set when the spider opened
        logging.getLogger().removeHandler(self.errors)
        values = summarise(self.stats.get_stats(), reason, self.now())
        self.stats.set_value("pressbot/health", values["health"])
        self.archive.finish_run(self.run_id, values)
        logger.info(
            "pressbot run %(run)s %(source)s: %(finish_reason)s, %(requests)s requests, "
            "%(stories_new)s new, %(stories_updated)s updated, %(stories_unchanged)s unchanged, "
            "%(stories_withdrawn)s withdrawn, %(stories_dropped)s dropped, "
            "%(skipped_known)s known and skipped, %(not_modified)s not modified, "
            "%(errors)s errors; %(health)s%(why)s",
            {
                **values,
                "run": self.run_id,
                "source": spider.name,
                "why": "".join(f"; {p}" for p in values["problems"]),
            },
        )
