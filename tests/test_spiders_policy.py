"""Fetch decisions, table-driven: the pure rules, then a registry spider asking them."""

from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import story_item
from itemadapter import ItemAdapter

from pressbot.archive.identity import title_key
from pressbot.archive.schedule import is_due, parse_schedule
from pressbot.archive.shared import archive_for
from pressbot.spiders.base import DUE, KNOWN, NEW
from pressbot.spiders.policy import listing_differs, parse_day, poll_interval

H = timedelta(hours=1)
SCHEDULE = [1 * H, 6 * H, 24 * H, 72 * H]
PUBLISHED = datetime(2025, 11, 12, 9, 0, tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    return moment.isoformat()


# parse_schedule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1h,6h,24h,72h", SCHEDULE, id="default"),
        pytest.param("24h, 1h", [1 * H, 24 * H], id="sorted-and-spaced"),
        pytest.param("30m,2d", [timedelta(minutes=30), timedelta(days=2)], id="minutes-and-days"),
        pytest.param("1h,,6h,", [1 * H, 6 * H], id="empty-parts-skipped"),
        pytest.param("", [], id="never"),
    ],
)
def test_parse_schedule(text, expected):
    assert parse_schedule(text) == expected


@pytest.mark.parametrize("text", ["6x", "h", "1.5h", "-1h", "6 hours", "1h,6"])
def test_parse_schedule_refuses(text):
    with pytest.raises(ValueError, match="bad re-check point"):
        parse_schedule(text)


# is_due --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "last_seen", "now", "expected"),
    [
        pytest.param(iso(PUBLISHED), iso(PUBLISHED), PUBLISHED + 0.5 * H, False, id="too-soon"),
        pytest.param(iso(PUBLISHED), iso(PUBLISHED), PUBLISHED + 1 * H, True, id="at-1h"),
        pytest.param(iso(PUBLISHED), iso(PUBLISHED), PUBLISHED + 2 * H, True, id="past-1h"),
        pytest.param(
            iso(PUBLISHED), iso(PUBLISHED + 1.5 * H), PUBLISHED + 2 * H, False, id="seen-after-1h"
        ),
        pytest.param(
            iso(PUBLISHED), iso(PUBLISHED + 1.5 * H), PUBLISHED + 7 * H, True, id="past-6h"
        ),
        pytest.param(
            iso(PUBLISHED), iso(PUBLISHED + 73 * H), PUBLISHED + 500 * H, False, id="past-last"
        ),
        pytest.param(
            iso(PUBLISHED), iso(PUBLISHED + 1.5 * H), PUBLISHED + 500 * H, True, id="late-catch-up"
        ),
        pytest.param(iso(PUBLISHED), None, PUBLISHED + 2 * H, True, id="never-seen"),
        pytest.param(None, iso(PUBLISHED), PUBLISHED + 2 * H, False, id="no-date"),
        pytest.param(
            "2025-11-12T14:00:00+05:00",
            iso(PUBLISHED),
            PUBLISHED + 1 * H,
            True,
            id="local-time-with-offset",
        ),
    ],
)
def test_is_due(published, last_seen, now, expected):
    story = {"published_local": published, "last_seen_at": last_seen}
    assert is_due(story, now, SCHEDULE) is expected


def test_is_due_falls_back_on_published_at():
    story = {"published_local": None, "published_at": iso(PUBLISHED), "last_seen_at": None}
    assert is_due(story, PUBLISHED + 2 * H, SCHEDULE)


# listing_differs -----------------------------------------------------------------

TITLE = "Делегация Татарстана"
MINUTE_ROW = {
    "title_key": title_key(TITLE),
    "published_at": "2025-11-12T09:12:00+00:00",
    "updated_at": None,
}
UPDATED_ROW = {**MINUTE_ROW, "updated_at": "2025-11-12T11:00:00+00:00"}
DAY_ROW = {**MINUTE_ROW, "published_at": "2025-11-12"}


@pytest.mark.parametrize(
    ("row", "title", "modified", "expected"),
    [
        pytest.param(MINUTE_ROW, TITLE, "", False, id="same-title"),
        pytest.param(MINUTE_ROW, "«Делегация татарстана!»", "", False, id="same-title-key"),
        pytest.param(MINUTE_ROW, "Делегация Башкортостана", "", True, id="other-title"),
        pytest.param(MINUTE_ROW, "", "", False, id="no-title"),
        pytest.param(MINUTE_ROW, "", "2025-11-12T09:30:00+00:00", True, id="changed-later"),
        pytest.param(MINUTE_ROW, "", "2025-11-12T14:30:00+05:00", True, id="later-with-offset"),
        pytest.param(MINUTE_ROW, "", "2025-11-12T09:12:40+00:00", False, id="same-minute"),
        pytest.param(MINUTE_ROW, "", "2025-11-12T09:00:00+00:00", False, id="changed-before"),
        pytest.param(MINUTE_ROW, "", "2025-11-13", False, id="modified-day-only"),
        pytest.param(MINUTE_ROW, "", "yesterday-ish", False, id="modified-unreadable"),
        pytest.param(UPDATED_ROW, "", "2025-11-12T10:00:00+00:00", False, id="before-update"),
        pytest.param(UPDATED_ROW, "", "2025-11-12T11:05:00+00:00", True, id="after-update"),
        pytest.param(DAY_ROW, "", "2025-11-12T15:00:00+00:00", False, id="day-row-same-day"),
        pytest.param(DAY_ROW, "", "2025-11-13T08:00:00+00:00", True, id="day-row-later-day"),
    ],
)
def test_listing_differs(row, title, modified, expected):
    assert listing_differs(row, title, modified) is expected


# parse_day -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2025-11-10", date(2025, 11, 10), id="date"),
        pytest.param("7d", 7, id="days-back"),
        pytest.param("0d", 0, id="today"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_day(value, expected):
    assert parse_day(value, "since") == expected


@pytest.mark.parametrize("value", ["2025-13-01", "7", "d", "-7d", "week", "10.11.2025"])
def test_parse_day_refuses(value):
    with pytest.raises(ValueError, match=rf"-a until={value!r}: expected YYYY-MM-DD"):
        parse_day(value, "until")


# FamilySpider.story_state --------------------------------------------------------

STORY = story_item()  # published 2025-11-12T09:12 UTC: its 1 h point is 10:12
SEEN = "2025-11-12T09:30:00+00:00"


@pytest.mark.parametrize(
    ("stored", "now", "url", "title", "incremental", "expected", "counted"),
    [
        pytest.param(False, "10:00", STORY.url, TITLE, True, NEW, None, id="not-stored"),
        pytest.param(True, "10:00", STORY.url, TITLE, True, KNOWN, "skipped_known", id="known"),
        pytest.param(True, "10:30", STORY.url, TITLE, True, DUE, "rechecked", id="recheck-due"),
        pytest.param(
            True,
            "10:00",
            STORY.url,
            "Новый заголовок",
            True,
            DUE,
            "changed_in_listing",
            id="listing-shows-another-title",
        ),
        pytest.param(
            True,
            "10:00",
            STORY.url.replace("://", "://www.") + "?utm_source=rss",
            TITLE,
            True,
            KNOWN,
            "skipped_known",
            id="a-variant-of-its-url",
        ),
        pytest.param(True, "10:30", STORY.url, TITLE, False, NEW, None, id="incremental-off"),
    ],
)
def test_story_state(make_spider, stored, now, url, title, incremental, expected, counted):
    spider = make_spider(
        PRESSBOT_NOW=f"2025-11-12T{now}:00+00:00", PRESSBOT_INCREMENTAL=incremental
    )
    if stored:
        archive_for(spider.crawler).save_story(ItemAdapter(STORY), SEEN)
    assert spider.story_state(url, title) == expected
    stats = spider.stats.get_stats()
    assert {k for k in stats if k.startswith("pressbot/stories/")} == (
        {f"pressbot/stories/{counted}"} if counted else set()
    )


# FamilySpider.more_pages ---------------------------------------------------------

D = date(2025, 11, 10)
DAY = timedelta(days=1)
PAGE_OF_NEW = [NEW] * 5


@pytest.mark.parametrize(
    ("page", "days", "states", "expected"),
    [
        pytest.param(1, [D + DAY, D], PAGE_OF_NEW, True, id="still-after-since"),
        pytest.param(1, [D, D - DAY], PAGE_OF_NEW, False, id="reached-before-since"),
        pytest.param(9, [D + DAY], [KNOWN] * 5, True, id="no-page-cap-no-streak"),
        pytest.param(1, [], [], False, id="empty-page"),
    ],
)
def test_more_pages_in_a_backfill(make_spider, page, days, states, expected):
    spider = make_spider(args={"since": D.isoformat()}, PRESSBOT_MAX_PAGES=3)
    assert spider.more_pages(page, days, states) is expected


@pytest.mark.parametrize(
    ("page", "states", "expected"),
    [
        pytest.param(1, PAGE_OF_NEW, True, id="all-new"),
        pytest.param(2, PAGE_OF_NEW, True, id="below-max-pages"),
        pytest.param(3, PAGE_OF_NEW, False, id="at-max-pages"),
        pytest.param(1, [NEW, NEW, KNOWN, KNOWN, KNOWN], False, id="ends-with-known-streak"),
        pytest.param(1, [NEW, KNOWN, DUE, KNOWN], False, id="due-ones-are-stored-too"),
        pytest.param(1, [NEW, NEW, KNOWN, KNOWN], True, id="streak-too-short"),
        pytest.param(1, [KNOWN, KNOWN, KNOWN, NEW], True, id="streak-not-at-the-end"),
        pytest.param(1, [KNOWN, KNOWN], False, id="nothing-but-stored"),
        pytest.param(1, [], True, id="states-not-given"),
    ],
)
def test_more_pages_in_a_daily_run(make_spider, page, states, expected):
    spider = make_spider(PRESSBOT_MAX_PAGES=3, PRESSBOT_KNOWN_STREAK=3)
    assert spider.more_pages(page, [D], states) is expected


def test_an_empty_page_ends_a_daily_run(make_spider):
    assert make_spider().more_pages(1, [], []) is False


@pytest.mark.parametrize(
    ("args", "since", "until"),
    [
        pytest.param({}, None, date(2025, 11, 12), id="daily"),
        pytest.param({"since": "7d"}, date(2025, 11, 5), date(2025, 11, 12), id="days-back"),
        pytest.param(
            {"since": "7d", "until": "2025-11-01"},
            date(2025, 10, 25),
            date(2025, 11, 1),
            id="days-back-from-until",
        ),
        pytest.param(
            {"since": "2025-11-01"}, date(2025, 11, 1), date(2025, 11, 12), id="since-date"
        ),
    ],
)
def test_since_and_until_under_the_frozen_clock(make_spider, args, since, until):
    spider = make_spider(args=args)
    assert (spider.since, spider.until) == (since, until)


def test_until_is_today_in_the_sources_zone(make_spider):
    # 20:00 UTC is already the next day in Tashkent (UTC+5)
    spider = make_spider(PRESSBOT_NOW="2025-11-12T20:00:00+00:00")
    assert spider.until == date(2025, 11, 13)


# poll_interval -------------------------------------------------------------------

MINUTES_5, HOURS_6 = timedelta(minutes=5), timedelta(hours=6)


def every(gap: timedelta, count: int = 10) -> list[str]:
    """Publication times `gap` apart, newest first."""
    last = datetime(2025, 11, 12, 9, 0, tzinfo=timezone.utc)
    return [(last - gap * n).isoformat() for n in range(count)]


@pytest.mark.parametrize(
    ("published", "found_new", "expected"),
    [
        pytest.param(every(timedelta(hours=2)), True, MINUTES_5, id="news-found-poll-soon"),
        pytest.param(every(timedelta(hours=2)), False, timedelta(hours=1), id="half-the-gap"),
        pytest.param(every(timedelta(days=7)), False, HOURS_6, id="weekly-waits-the-longest"),
        pytest.param(every(timedelta(minutes=3)), False, MINUTES_5, id="busy-never-below-min"),
        pytest.param(every(timedelta(hours=2), 1), False, HOURS_6, id="too-few-to-tell"),
        pytest.param([], False, HOURS_6, id="nothing-yet"),
        pytest.param(["2025-11-12", "2025-11-10", "2025-11-08"], False, HOURS_6, id="days"),
    ],
)
def test_poll_interval(published, found_new, expected):
    assert poll_interval(published, found_new, MINUTES_5, HOURS_6) == expected
