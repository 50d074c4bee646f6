"""One `crawl_runs` row per source and run, and one summary line in the log each."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter, is_item
from scrapy import signals
from scrapy.exceptions import NotConfigured

from pressbot.archive.shared import archive_for
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from typing_extensions import Self

    from pressbot.archive.database import Archive
    from pressbot.statscollectors import SourceStatsCollector

logger = logging.getLogger(__name__)

_STATUS = "downloader/response_status_count/"
_DROPPED = "item_dropped_reasons_count/"
_IGNORED = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"
_ROBOTS_STATUS = "robotstxt/response_status_count/"


def source_of(record: logging.LogRecord) -> str | None:
    """The source a log record is about: a family spider's own record, or one naming
    a request (its `meta["source"]`) or an item (its `source`), as Scrapy's do."""
    source = getattr(getattr(record, "spider", None), "source", None)
    if source is not None:
        return source.key
    args = record.args if isinstance(record.args, dict) else {}
    request = args.get("request") or getattr(args.get("response"), "request", None)
    if request is not None:
        return request.meta.get("source")
    if is_item(args.get("item")):
        return ItemAdapter(args["item"]).get("source")
    return None


#: loggers whose ERROR records are counted otherwise: a request that failed after its
#: retries is a failed request and, for a story, an attempt of a pending story
NOT_COUNTED = frozenset({"scrapy.downloadermiddlewares.retry"})


class ErrorCounter(logging.Handler):
    """Counts ERROR records per source; those of no source count for the whole crawl."""

    def __init__(self, stats: SourceStatsCollector) -> None:
        super().__init__(level=logging.ERROR)
        self.stats = stats

    def emit(self, record: logging.LogRecord) -> None:
        if record.name in NOT_COUNTED:
            return
        source = source_of(record)
        if source:
            self.stats.of(source).inc_value("pressbot/errors")
        else:
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
    failed -= stats.get("pressbot/discovery/misses", 0)  # nor an address discovery tried
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
    polled = stats.get("pressbot/entry_points/polled")
    if polled and not listed and not stats.get("pressbot/not_modified"):
        found.append("the feed or listing yielded no stories")
    if stats.get("pressbot/listing/unexpected"):
        found.append(f"{stats['pressbot/listing/unexpected']} listings answered something else")
    if stats.get("pressbot/backfill/days_empty"):
        found.append(
            f"{stats['pressbot/backfill/days_empty']} backfill days listed no stories "
            "(left incomplete)"
        )
    if stats.get("pressbot/stories/given_up"):
        found.append(
            f"{stats['pressbot/stories/given_up']} listed stories given up after repeated "
            "failures (see pending_stories)"
        )
    return found


#: stats of a run that lost nothing for good or recovered: (key, words for its count)
SETBACKS = (
    ("pressbot/fallback/html", "recovered: the JSON API was unusable, the HTML tape was read"),
    ("pressbot/stories/failed", "{} story pages failed (pending: asked again next run)"),
    ("pressbot/failures/oversized", "{} pages over DOWNLOAD_MAXSIZE not read (pending)"),
    ("pressbot/failures/truncated", "{} pages cut off before their end (pending)"),
    (
        "pressbot/retry_after/too_long",
        "{} answers asked to wait past PRESSBOT_RETRY_AFTER_MAX (asked again next run)",
    ),
    ("pressbot/encoding/corrected", "{} pages in another charset than labelled (read as written)"),
    (
        "pressbot/canonical/refused",
        "{} canonical links naming another story ignored (stored under the fetched URL)",
    ),
)
#: drops that are a fault met, not a page without a story: the run is degraded
FAULT_DROPS = ("ForeignUrl", "TruncatedPage", "Undecodable")


def setbacks(stats: dict) -> list[str]:
    """What a run recovered from or left for a later run, in words: it is `degraded`."""
    counts = {key: stats.get(key, 0) for key, _ in SETBACKS}
    counts["pressbot/stories/failed"] -= stats.get(
        "pressbot/stories/withdrawn", 0
    )  # gone, not failed
    found = [words.format(counts[key]) for key, words in SETBACKS if counts[key] > 0]
    for reason in FAULT_DROPS:
        if stats.get(_DROPPED + reason):
            found.append(f"{stats[_DROPPED + reason]} stories dropped: {reason}")
    return found


def verdict(stats: dict, reason: str) -> tuple[str, list[str]]:
    """`failing`, `degraded` or `ok`, with what went wrong in words."""
    failed, recovered = problems(stats, reason), setbacks(stats)
    health = "failing" if failed else "degraded" if recovered else "ok"
    return health, failed + recovered


def summarise(stats: dict, reason: str, finished: datetime) -> dict:
    """The `crawl_runs` columns for a finished run, from Scrapy's stats."""
    health, found = verdict(stats, reason)
    return {
        "health": health,
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
    """One `crawl_runs` row and one summary line per source the crawl polls."""

    def __init__(
        self,
        archive: Archive,
        stats: SourceStatsCollector,
        now: Callable[[], datetime],
        keep_runs: timedelta,
    ) -> None:
        self.archive = archive
        self.stats = stats
        self.now = now
        self.keep_runs = keep_runs
        #: the run of each source this crawl has asked something for, by source
        self.runs: dict[str, int] = {}
        self.errors = ErrorCounter(stats)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("PRESSBOT_RUNLOG_ENABLED"):
            raise NotConfigured
        runlog = cls(
            archive_for(crawler),
            crawler.stats,  # type: ignore[arg-type]  # STATS_CLASS
            clock_from_settings(crawler.settings),
            timedelta(days=crawler.settings.getint("PRESSBOT_KEEP_RUNS_DAYS")),
        )
        crawler.signals.connect(runlog.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(runlog.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(runlog.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(runlog.spider_closed, signal=signals.spider_closed)
        return runlog

    def spider_opened(self, spider: Spider) -> None:
        logging.getLogger().addHandler(self.errors)
        self.archive.prune_runs(timeparse.iso_utc(self.now() - self.keep_runs))

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """A source's run starts with the first request the crawl makes for it."""
        source = request.meta.get("source")
        if source and source not in self.runs:
            self.runs[source] = self.archive.start_run(source, timeparse.iso_utc(self.now()))

    def item_dropped(self, item: Any, response: Any, exception: Exception, spider: Spider) -> None:
        stats = self.stats.of(ItemAdapter(item).get("source") or "")
        stats.inc_value("item_dropped_count")
        stats.inc_value(f"item_dropped_reasons_count/{type(exception).__name__}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        logging.getLogger().removeHandler(self.errors)
        now = timeparse.iso_utc(self.now())
        for source, stats in self.stats.sources.items():  # errors before any request
            if source not in self.runs and stats.get_value("pressbot/errors"):
                self.runs[source] = self.archive.start_run(source, now)
        failing = 0
        for source, run_id in self.runs.items():
            values = self.finish(source, run_id, reason)
            failing += values["health"] == "failing"
        self.archive.commit()
        self.stats.set_value("pressbot/sources_failing", failing)
        if len(self.runs) > 1 or not self.runs:
            logger.info("pressbot: %d sources polled, %d failing", len(self.runs), failing)

    def finish(self, source: str, run_id: int, reason: str) -> dict:
        stats = self.stats.of(source)
        values = summarise(stats.get_stats(), reason, self.now())
        stats.set_value("pressbot/health", values["health"])
        self.archive.finish_run(run_id, values)
        logger.info(
            "pressbot run %(run)s %(source)s: %(finish_reason)s, %(requests)s requests, "
            "%(stories_new)s new, %(stories_updated)s updated, %(stories_unchanged)s unchanged, "
            "%(stories_withdrawn)s withdrawn, %(stories_dropped)s dropped, "
            "%(skipped_known)s known and skipped, %(not_modified)s not modified, "
            "%(errors)s errors; %(health)s%(why)s",
            {
                **values,
                "run": run_id,
                "source": source,
                "why": "".join(f"; {p}" for p in values["problems"]),
            },
        )
        return values
