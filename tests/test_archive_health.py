from datetime import datetime, timedelta, timezone

from pressbot.archive.health import judge, silence_limit

NOW = datetime(2025, 11, 20, 12, 0, tzinfo=timezone.utc)


def every(hours: float, count: int, end: datetime) -> list[str]:
    return [(end - timedelta(hours=hours * n)).isoformat() for n in range(count)]


def test_the_silence_limit_is_learnt_from_each_sources_own_rhythm():
    hourly = [datetime.fromisoformat(t) for t in every(1, 50, NOW)]
    weekly = [datetime.fromisoformat(t) for t in every(24 * 7, 10, NOW)]
    assert silence_limit(hourly) == timedelta(hours=6)  # the floor
    assert silence_limit(weekly) == timedelta(days=21)
    assert silence_limit(hourly[:4]) is None  # too little history to judge


def test_a_daily_source_quiet_for_four_days_is_silent_a_weekly_one_is_not():
    ran = {"started_at": "2025-11-20T11:00:00+00:00", "health": "ok", "problems": []}
    daily = every(24, 30, NOW - timedelta(days=4))
    weekly = every(24 * 7, 10, NOW - timedelta(days=4))
    assert judge("daily", ran, daily, NOW).verdict == "silent"
    assert judge("weekly", ran, weekly, NOW).verdict == "ok"


def test_a_failing_last_run_and_a_source_never_run():
    failed = {"started_at": "x", "health": "failing", "problems": ["3 errors logged"]}
    report = judge("s", failed, every(1, 50, NOW), NOW)
    assert (report.verdict, report.problems, report.failing) == (
        "failing",
        ["3 errors logged"],
        True,
    )
    assert judge("new", None, [], NOW).verdict == "never run"


def test_stories_of_the_last_seven_days_are_counted():
    assert judge("s", None, every(24, 30, NOW), NOW).stories_7d == 8


def test_run_problems_count_failures_but_not_a_missing_robots_txt():
    from pressbot.extensions.runlog import problems

    base = {
        "pressbot/entry_points/polled": 1,
        "pressbot/listed/api": 4,
        "downloader/request_count": 2,
        "downloader/response_status_count/404": 1,
        "downloader/response_status_count/200": 1,
        "robotstxt/response_status_count/404": 1,
    }
    assert problems(base, "finished") == []
    broken = {**base, "downloader/request_count": 4, "downloader/response_status_count/500": 2}
    assert problems(broken, "finished") == ["2 of 4 requests failed"]
    assert problems({**base, "pressbot/listed/api": 0}, "finished") == [
        "the feed or listing yielded no stories"
    ]
    assert (
        problems({**base, "pressbot/listed/api": 0, "pressbot/not_modified": 1}, "finished") == []
    )


def test_a_run_dropping_most_stories_fails():
    from pressbot.extensions.runlog import problems

    stats = {
        "pressbot/listed/feed": 5,
        "downloader/request_count": 6,
        "downloader/response_status_count/200": 6,
        "pressbot/stories/new": 1,
        "item_dropped_reasons_count/MissingTitle": 4,
        "item_dropped_reasons_count/DuplicateStory": 3,
    }
    assert problems(stats, "finished") == ["4 of 5 stories dropped (MissingTitle: 4)"]
    healthy = {**stats, "pressbot/stories/new": 9}
    assert problems(healthy, "finished") == []


def test_a_degraded_run_is_said_but_not_failing_an_abandoned_one_is():
    degraded = {"started_at": "x", "health": "degraded", "problems": ["1 story pages failed"]}
    report = judge("s", degraded, every(1, 50, NOW), NOW)
    assert (report.verdict, report.problems, report.failing) == (
        "degraded",
        ["1 story pages failed"],
        False,
    )
    killed = {"started_at": "x", "health": None, "problems": None, "finish_reason": "abandoned"}
    report = judge("s", killed, every(1, 50, NOW), NOW)
    assert (report.verdict, report.problems, report.failing) == (
        "abandoned",
        ["the last run was killed or forcibly stopped before it finished"],
        True,
    )
