import email.utils
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pressbot.utils.timeparse import DAY, MINUTE, days_back, instant, parse

TASHKENT = "Asia/Tashkent"


@pytest.mark.parametrize(
    "text",
    [
        "14:12 12.11.2025",
        "(обновлено: 14:12 12.11.2025)",
        "2025-11-12T14:12+0500",
        "2025-11-12T14:12:00+05:00",
        "20251112T1412",
        "20251112T1412+0500",
        "2025-11-12T09:12:00Z",
        "Wed, 12 Nov 2025 14:12:00 +0500",
        "Wed, 12 Nov 2025 12:12:00 +0300",
        "1762938720",
        "12 ноября 2025 14:12",
        "2025-11-12 14:12:00",
        "12.11.2025 14:12",
    ],
)
def test_every_form_gives_the_same_instant(text):
    stamp = parse(text, TASHKENT)
    assert (stamp.at, stamp.local_iso, stamp.precision) == (
        "2025-11-12T09:12:00+00:00",
        "2025-11-12T14:12:00+05:00",
        MINUTE,
    )


@pytest.mark.parametrize("text", ["2025-11-12", "12.11.2025", "12 ноября 2025", "20251112"])
def test_a_date_alone_is_day_precision_without_an_invented_time(text):
    stamp = parse(text, "Europe/Moscow")
    assert (stamp.at, stamp.local_iso, stamp.precision) == ("2025-11-12", "2025-11-12", DAY)


def test_naive_times_are_read_in_the_source_zone():
    assert parse("2026-05-05 14:25:00", TASHKENT).at == "2026-05-05T09:25:00+00:00"
    assert parse("2026-05-05 14:25:00", "Europe/Moscow").at == "2026-05-05T11:25:00+00:00"


def test_an_offset_in_the_text_wins_over_the_zone():
    stamp = parse("Fri, 03 Apr 2026 21:57:07 +0300", TASHKENT)
    assert stamp.at == "2026-04-03T18:57:07+00:00"
    assert stamp.local_iso == "2026-04-03T23:57:07+05:00"


@pytest.mark.parametrize(
    "text", ["", None, "   ", "nonsense", "2025-13-45", "31.02.2025", "вчера", "5 минут назад"]
)
def test_what_is_no_date_gives_none(text):
    assert parse(text, TASHKENT) is None


def test_is_after_with_slack():
    now = datetime(2025, 11, 12, 9, 0, tzinfo=timezone.utc)
    assert parse("2025-11-13T10:01+0000", TASHKENT).is_after(now, timedelta(days=1))
    assert not parse("2025-11-13T08:59+0000", TASHKENT).is_after(now, timedelta(days=1))
    assert not parse("2025-11-13", TASHKENT).is_after(now, timedelta(days=1))
    assert parse("2025-11-15", TASHKENT).is_after(now, timedelta(days=1))


def test_days_back_walks_newest_first():
    assert days_back(date(2025, 11, 13), date(2025, 11, 11)) == [
        date(2025, 11, 13),
        date(2025, 11, 12),
        date(2025, 11, 11),
    ]


@pytest.mark.parametrize("text", ["9999-12-31T23:59-1200", "0001-01-01T00:10+0100", 20251112, 1.5])
def test_what_is_out_of_range_or_no_string_gives_none(text):
    assert parse(text, TASHKENT) is None


# Properties: any text, any zone -------------------------------------------------------

ZONES = ["UTC", TASHKENT, "Europe/Moscow", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12"]
zones = st.sampled_from(ZONES)
# whole minutes and offsets of whole minutes, as sources print them
moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
).map(lambda d: d.replace(second=0, microsecond=0))
printable = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
datelike = st.from_regex(
    r"\A[0-9]{1,4}[-. :T/+]?[0-9]{1,2}[-. :T/+]?[0-9]{1,4}([ T][0-9]{1,2}:[0-9]{2})?"
    r"([+-][0-9]{2}:?[0-9]{2}|Z)?\Z"
)


@given(text=st.one_of(printable, datelike), zone=zones)
@example(text="9999-12-31T23:59-1200", zone="Europe/Moscow")
@example(text="0001-01-01 00:00+0100", zone=TASHKENT)
@settings(max_examples=150)
def test_parse_never_raises_and_what_it_gives_has_a_utc_form(text, zone):
    stamp = parse(text, zone)
    if stamp is not None:
        assert instant(stamp.at) is not None
        assert stamp.precision in (MINUTE, DAY)


@given(moment=moments, zone=zones)
def test_a_stored_utc_time_reads_back_as_itself(moment, zone):
    stored = parse(moment.isoformat(), zone).at
    assert stored == moment.isoformat()
    assert parse(stored, zone).at == stored  # idempotent: re-reading what is stored
    assert instant(stored) == moment


@given(moment=moments, zone=zones)
def test_local_time_and_utc_name_the_same_instant(moment, zone):
    local = moment.astimezone(ZoneInfo(zone))
    stamp = parse(local.isoformat(), zone)
    assert stamp.local_iso == local.isoformat()
    assert stamp.at == moment.isoformat()
    assert parse(stamp.local_iso, zone).local_iso == stamp.local_iso


@given(moment=moments, zone=zones)
def test_rfc822_feed_dates_round_trip(moment, zone):
    assert parse(email.utils.format_datetime(moment), zone).at == moment.isoformat()


@given(moment=moments, zone=zones)
def test_dotted_local_times_are_wall_clock_in_the_zone(moment, zone):
    local = moment.astimezone(ZoneInfo(zone))
    stamp = parse(local.strftime("%H:%M %d.%m.%Y"), zone)
    assert stamp.local.replace(tzinfo=None) == local.replace(tzinfo=None)
    assert stamp.precision == MINUTE


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)), zone=zones)
def test_a_day_stays_that_day(day, zone):
    stamp = parse(day.isoformat(), zone)
    assert (stamp.at, stamp.local_iso, stamp.precision) == (day.isoformat(),) * 2 + (DAY,)


# --- month names in Russian and Uzbek, relative days (the generic page class reads these) ---

FROZEN = datetime(2025, 11, 25, 9, 0, tzinfo=timezone.utc)  # 14:00 in Tashkent


@pytest.mark.parametrize(
    "text, local",
    [
        ("24 ноября 2025 г.", "2025-11-24"),
        ("24 ноябрь 2025 йил", "2025-11-24"),
        ("2025 йил 24 ноябрь", "2025-11-24"),
        ("2025-yil 24-noyabr", "2025-11-24"),
        ("24-noyabr, 2025", "2025-11-24"),
        ("24 noyabr 2025", "2025-11-24"),
        ("Опубликовано: 24 ноября 2025 года", "2025-11-24"),
        ("2 мая 2025", "2025-05-02"),
        ("1 марта 2025", "2025-03-01"),
        ("2025 йил 24 ноябрь, 10:05", "2025-11-24T10:05:00+05:00"),
        ("24 ноября 2025 года в 14:30", "2025-11-24T14:30:00+05:00"),
        ("24 noyabr 2025 yil 16:40", "2025-11-24T16:40:00+05:00"),
    ],
)
def test_month_names_in_russian_and_uzbek(text, local):
    assert parse(text, TASHKENT).local_iso == local


@pytest.mark.parametrize(
    "text, local",
    [
        ("Вчера, 14:30", "2025-11-24T14:30:00+05:00"),
        ("Сегодня в 09:15", "2025-11-25T09:15:00+05:00"),
        ("позавчера", "2025-11-23"),
        ("Kecha, 18:00", "2025-11-24T18:00:00+05:00"),
        ("Бугун 08:10", "2025-11-25T08:10:00+05:00"),
        ("24 ноября, 14:30", "2025-11-24T14:30:00+05:00"),
        ("28 декабря, 10:00", "2024-12-28T10:00:00+05:00"),  # no year, later than now: last year
    ],
)
def test_relative_days_and_yearless_dates_read_against_now(text, local):
    assert parse(text, TASHKENT, now=FROZEN).local_iso == local
    assert parse(text, TASHKENT) is None  # without a clock they are no date


def test_relative_days_count_in_the_source_zone():
    # 21:30 UTC on the 24th is already the 25th in Tashkent: «Вчера» is the 24th there
    late = datetime(2025, 11, 24, 21, 30, tzinfo=timezone.utc)
    assert parse("Вчера, 10:00", TASHKENT, now=late).local_iso == "2025-11-24T10:00:00+05:00"
    assert parse("Вчера, 10:00", "Europe/London", now=late).day == "2025-11-23"


@pytest.mark.parametrize("text", ["24 Ташкент 2025", "2025 год 24 человека", "12 марафонцев"])
def test_words_that_are_no_month_give_no_date(text):
    assert parse(text, TASHKENT, now=FROZEN) is None


def test_free_text_false_leaves_dateparser_out():
    assert parse("Monday, 24th of November 2025", TASHKENT).day == "2025-11-24"
    assert parse("Monday, 24th of November 2025", TASHKENT, free_text=False) is None
    assert parse("24 ноября 2025", TASHKENT, free_text=False).day == "2025-11-24"
