"""The run log in-process: a crawler from Scrapy's test helpers, its signals sent by hand."""

import json
import logging
import os

import pytest
from conftest import FROZEN_NOW, rows, story_item
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from pressbot.extensions.runlog import ErrorCounter, RunLog, problems, verdict

HEALTHY = {
    "pressbot/entry_points/polled": 1,
    "downloader/request_count": 4,
    "downloader/response_status_count/200": 4,
    "pressbot/listed/feed": 3,
    "pressbot/stories/new": 2,
    "pressbot/stories/unchanged": 1,
}


def opened_run(spider):
    """The run log of the family spider's crawler, after the crawl opened and scheduled
    its source's first request."""
    runlog = RunLog.from_crawler(spider.crawler)
    crawl = spider.crawler.spider
    spider.crawler.signals.send_catch_log(signals.spider_opened, spider=crawl)
    first = Request(spider.source.homepage, meta={"source": spider.name})
    spider.crawler.signals.send_catch_log(signals.request_scheduled, request=first, spider=crawl)
    return runlog


def set_stats(spider, values: dict) -> None:
    for key, value in values.items():
        spider.stats.set_value(key, value)


def test_switched_off_it_is_not_configured(make_crawler):
    with pytest.raises(NotConfigured):
        RunLog.from_crawler(make_crawler(PRESSBOT_RUNLOG_ENABLED=False))


def test_spider_opened_inserts_an_open_run(make_spider):
    spider = make_spider()
    runlog = opened_run(spider)
    logging.getLogger().removeHandler(runlog.errors)  # spider_closed would have
    db = spider.settings["PRESSBOT_DB"]
    assert rows(
        db, "SELECT source, started_at, finished_at, finish_reason, pid FROM crawl_runs"
    ) == [
        {
            "source": "sputnik_uz",
            "started_at": FROZEN_NOW,
            "finished_at": None,
            "finish_reason": None,
            "pid": os.getpid(),
        }
    ]


def test_spider_closed_writes_the_counts_from_the_stats(make_spider):
    spider = make_spider(PRESSBOT_NOW="2025-11-12T10:05:00+00:00")
    runlog = opened_run(spider)
    set_stats(
        spider,
        {
            **HEALTHY,
            "item_dropped_count": 1,
            "item_dropped_reasons_count/DuplicateStory": 1,
            "pressbot/stories/updated": 1,
            "pressbot/stories/withdrawn": 1,
            "pressbot/stories/skipped_known": 5,
        },
    )
    runlog.spider_closed(spider, "finished")
    [run] = rows(spider.settings["PRESSBOT_DB"], "SELECT * FROM crawl_runs")
    del run["id"], run["pid"]
    assert run == {
        "source": "sputnik_uz",
        "started_at": "2025-11-12T10:05:00+00:00",
        "finished_at": "2025-11-12T10:05:00+00:00",
        "finish_reason": "finished",
        "requests": 4,
        "responses": '{"200": 4}',
        "stories_new": 2,
        "stories_updated": 1,
        "stories_unchanged": 1,
        "stories_dropped": 1,
        "dropped_reasons": '{"DuplicateStory": 1}',
        "errors": 0,
        "health": "ok",
        "problems": "[]",
        "stories_withdrawn": 1,
        "not_modified": 0,
        "skipped_known": 5,
    }
    assert spider.stats.get_value("pressbot/health") == "ok"


def test_a_failing_run_is_written_with_its_problems(make_spider):
    spider = make_spider()
    runlog = opened_run(spider)
    set_stats(spider, {**HEALTHY, "robotstxt/forbidden": 2})
    runlog.spider_closed(spider, "shutdown")
    [run] = rows(spider.settings["PRESSBOT_DB"], "SELECT health, problems FROM crawl_runs")
    assert run["health"] == "failing"
    assert json.loads(run["problems"]) == [
        "stopped early: shutdown",
        "2 pages forbidden by robots.txt",
    ]
    assert spider.stats.get_value("pressbot/health") == "failing"


def test_the_summary_line(make_spider, caplog):
    spider = make_spider()
    runlog = opened_run(spider)
    set_stats(spider, {**HEALTHY, "pressbot/not_modified": 1})
    with caplog.at_level(logging.INFO, logger="pressbot.extensions.runlog"):
        runlog.spider_closed(spider, "finished")
    assert [r.getMessage() for r in caplog.records if r.name == "pressbot.extensions.runlog"] == [
        "pressbot run 1 sputnik_uz: finished, 4 requests, 2 new, 0 updated, 1 unchanged, "
        "0 withdrawn, 0 dropped, 0 known and skipped, 1 not modified, 0 errors; ok"
    ]


def test_the_summary_line_says_why_a_run_failed(make_spider, caplog):
    spider = make_spider()
    runlog = opened_run(spider)
    set_stats(spider, HEALTHY)
    with caplog.at_level(logging.INFO, logger="pressbot.extensions.runlog"):
        runlog.spider_closed(spider, "closespider_timeout")
    assert (
        caplog.records[-1]
        .getMessage()
        .endswith("0 errors; failing; stopped early: closespider_timeout")
    )


def test_errors_logged_during_the_run_are_counted_then_no_more(make_spider):
    spider = make_spider()
    runlog = opened_run(spider)
    set_stats(spider, HEALTHY)
    logging.getLogger("pressbot.test").error("boom", extra={"spider": spider})
    runlog.spider_closed(spider, "finished")
    logging.getLogger("pressbot.test").error("after the run", extra={"spider": spider})
    [run] = rows(spider.settings["PRESSBOT_DB"], "SELECT errors, health FROM crawl_runs")
    assert run == {"errors": 1, "health": "failing"}
    assert spider.stats.get_value("pressbot/errors") == 1


@pytest.mark.parametrize(
    ("values", "reason", "expected"),
    [
        pytest.param(HEALTHY, "finished", [], id="healthy"),
        pytest.param(HEALTHY, "shutdown", ["stopped early: shutdown"], id="reason-not-finished"),
        pytest.param(
            {**HEALTHY, "pressbot/errors": 3}, "finished", ["3 errors logged"], id="errors"
        ),
        pytest.param(
            {
                **HEALTHY,
                "downloader/response_status_count/200": 2,
                "downloader/response_status_count/404": 1,
                "downloader/response_status_count/503": 1,
            },
            "finished",
            ["2 of 4 requests failed"],
            id="half-the-requests-failed",
        ),
        pytest.param(
            {
                **HEALTHY,
                "downloader/request_count": 5,
                "downloader/response_status_count/200": 3,
                "downloader/response_status_count/500": 2,
            },
            "finished",
            [],
            id="fewer-than-half-failed",
        ),
        pytest.param(
            {**HEALTHY, "downloader/exception_count": 2},
            "finished",
            ["2 of 4 requests failed"],
            id="download-exceptions-fail",
        ),
        pytest.param(
            {
                **{**HEALTHY, "downloader/exception_count": 2},
                "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 2,
            },
            "finished",
            [],
            id="ignored-requests-do-not-fail",
        ),
        pytest.param(
            {
                **HEALTHY,
                "downloader/response_status_count/404": 2,
                "robotstxt/response_status_count/404": 2,
            },
            "finished",
            [],
            id="no-robots-txt-is-fine",
        ),
        pytest.param(
            {**HEALTHY, "downloader/response_status_count/404": 2, "pressbot/stories/withdrawn": 2},
            "finished",
            [],
            id="withdrawn-stories-are-no-failure",
        ),
        pytest.param(
            {**HEALTHY, "item_dropped_reasons_count/MissingTitle": 3},
            "finished",
            ["3 of 6 stories dropped (MissingTitle: 3)"],
            id="drops-equal-kept",
        ),
        pytest.param(
            {
                **HEALTHY,
                "item_dropped_reasons_count/MissingTitle": 3,
                "item_dropped_reasons_count/EmptyBody": 1,
            },
            "finished",
            ["4 of 7 stories dropped (EmptyBody: 1, MissingTitle: 3)"],
            id="drops-exceed-kept",
        ),
        pytest.param(
            {**HEALTHY, "item_dropped_reasons_count/MissingTitle": 2},
            "finished",
            [],
            id="fewer-drops-than-kept",
        ),
        pytest.param(
            {**HEALTHY, "item_dropped_reasons_count/DuplicateStory": 9},
            "finished",
            [],
            id="duplicates-are-no-drop",
        ),
        pytest.param(
            {**HEALTHY, "robotstxt/forbidden": 2},
            "finished",
            ["2 pages forbidden by robots.txt"],
            id="robots-forbidden",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/listed/feed": 0},
            "finished",
            ["the feed or listing yielded no stories"],
            id="nothing-listed",
        ),
        pytest.param(
            {
                "downloader/request_count": 1,
                "downloader/response_status_count/304": 1,
                "pressbot/not_modified": 1,
            },
            "finished",
            [],
            id="304-is-no-problem",
        ),
        pytest.param(
            {
                "pressbot/entry_points/polled": 1,
                "downloader/request_count": 2,
                "downloader/response_status_count/500": 2,
            },
            "finished",
            ["2 of 2 requests failed", "the feed or listing yielded no stories"],
            id="problems-together",
        ),
        pytest.param(
            {"downloader/request_count": 2, "downloader/response_status_count/200": 2},
            "finished",
            [],
            id="only-due-stories-asked-no-entry-point-due",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/listing/unexpected": 1, "pressbot/backfill/days_empty": 2},
            "finished",
            [
                "1 listings answered something else",
                "2 backfill days listed no stories (left incomplete)",
            ],
            id="listings-not-listings",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/stories/given_up": 1},
            "finished",
            ["1 listed stories given up after repeated failures (see pending_stories)"],
            id="given-up",
        ),
    ],
)
def test_problems(values, reason, expected):
    assert problems(values, reason) == expected


def test_the_error_counter_counts_each_error_for_its_source(make_spider):
    spider = make_spider()
    other = spider.crawler.spider.families.setdefault("mpt_tatarstan", make_spider("mpt_tatarstan"))
    counter = ErrorCounter(spider.crawler.stats)
    log = logging.getLogger("pressbot.test.counter")
    log.addHandler(counter)
    request = Request("https://mpt.tatarstan.ru/", meta={"source": "mpt_tatarstan"})
    try:
        log.error("mine", extra={"spider": spider})
        log.critical("mine, worse", extra={"spider": spider})
        log.error("Error downloading %(request)s", {"request": request})  # as Scrapy logs it
        log.error("Error processing %(item)s", {"item": story_item()})
        log.error("nobody's")
        log.warning("mine, not an error", extra={"spider": spider})
    finally:
        log.removeHandler(counter)
    stats = spider.crawler.stats
    assert stats.of("sputnik_uz").get_value("pressbot/errors") == 3
    assert stats.of("mpt_tatarstan").get_value("pressbot/errors") == 1
    assert stats.get_value("pressbot/errors") == 1  # the crawl's own, of no source
    assert other.stats is not stats.of("sputnik_uz")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(HEALTHY, ("ok", []), id="healthy"),
        pytest.param(
            {**HEALTHY, "pressbot/fallback/html": 1},
            ("degraded", ["recovered: the JSON API was unusable, the HTML tape was read"]),
            id="fallback",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/stories/failed": 1, "pressbot/failures/oversized": 1},
            (
                "degraded",
                [
                    "1 story pages failed (pending: asked again next run)",
                    "1 pages over DOWNLOAD_MAXSIZE not read (pending)",
                ],
            ),
            id="pending",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/retry_after/too_long": 2, "pressbot/encoding/corrected": 1},
            (
                "degraded",
                [
                    "2 answers asked to wait past PRESSBOT_RETRY_AFTER_MAX (asked again next run)",
                    "1 pages in another charset than labelled (read as written)",
                ],
            ),
            id="retry-after-and-charset",
        ),
        pytest.param(
            {**HEALTHY, "item_dropped_reasons_count/ForeignUrl": 1},
            ("degraded", ["1 stories dropped: ForeignUrl"]),
            id="foreign",
        ),
        pytest.param(
            {**HEALTHY, "pressbot/fallback/html": 1, "pressbot/errors": 1},
            (
                "failing",
                [
                    "1 errors logged",
                    "recovered: the JSON API was unusable, the HTML tape was read",
                ],
            ),
            id="failing-wins",
        ),
    ],
)
def test_verdict(values, expected):
    assert verdict(values, "finished") == expected


def test_a_request_given_up_after_retries_is_no_error_of_its_own(make_spider):
    spider = make_spider()
    counter = ErrorCounter(spider.crawler.stats)
    record = logging.LogRecord(
        "scrapy.downloadermiddlewares.retry", logging.ERROR, "", 0, "Gave up", None, None
    )
    record.spider = spider
    counter.emit(record)
    assert spider.stats.get_value("pressbot/errors") is None
