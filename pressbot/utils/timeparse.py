"""Read the dates sources print, in the source's time zone.

Every form seen on the target sites is handled explicitly (ISO 8601 and its
compact `20251112T1412+0500` form, RFC 822 feed dates, `14:12 12.11.2025`,
`12.11.2025`, epoch seconds, month names in Russian, Uzbek Latin and Uzbek
Cyrillic in either order: `24 ноября 2025 г.`, `2025 йил 24 ноябрь`,
`24-noyabr, 2025`); anything else goes to dateparser. Relative days («Вчера,
14:30», «bugun») and dates without a year are read only against a given `now`.
A time of day is never invented: text without one gives a `day`-precision
timestamp.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

MINUTE = "minute"
DAY = "day"

_ISO = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?"
)
_TIME_FIRST = re.compile(r"(\d{1,2}):(\d{2})\s*,?\s+(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATE_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*,?\s*(\d{1,2}):(\d{2}))?")
_EPOCH = re.compile(r"\d{9,11}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_CLOCK = re.compile(r"(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?!\d)")

# Month names as Russian (any case, short forms), Uzbek Latin, Uzbek Cyrillic (with the
# locative and genitive endings: «noyabrda», «ноябрнинг») and English print them.
_MONTH_FORMS = (
    r"январ[ьяе]?|янв|yanvar|jan(?:uary)?",
    r"феврал[ьяе]?|фев|fevral|feb(?:ruary)?",
    r"марта?|мар|mart|mar(?:ch)?",
    r"апрел[ьяе]?|апр|aprel|apr(?:il)?",
    r"ма[йяе]|may",
    r"июн[ьяе]?|iyun|june?",
    r"июл[ьяе]?|iyul|july?",
    r"августа?|авг|avgust|aug(?:ust)?",
    r"сентябр[ьяе]?|сент?|sent?y?abr|sep(?:t(?:ember)?)?",
    r"октябр[ьяе]?|окт|okt?y?abr|oct(?:ober)?",
    r"ноябр[ьяе]?|нояб?|noyabr|nov(?:ember)?",
    r"декабр[ьяе]?|дек|dekabr|dec(?:ember)?",
)
_MONTHS = tuple(
    re.compile(rf"(?:{forms})(?:da|dagi|ning|ga|dan|да|даги|нинг|га|дан)?\.?")
    for forms in _MONTH_FORMS
)
_WORD = r"([^\W\d_]{3,})"
_YEAR_WORD = r"(?:\s*-?\s*(?:йил|yil|г\.?|года?)\b\.?)?"
_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})(?:-?(?:chi|чи))?[\s-]*" + _WORD + r"[\s,.]*(\d{4})?(?!\d)"
)
_YEAR_DAY_MONTH = re.compile(r"(?<!\d)(\d{4})" + _YEAR_WORD + r"[\s,.-]*(\d{1,2})[\s-]*" + _WORD)
# Days before `now`, as printed: Russian, Uzbek Latin, Uzbek Cyrillic.
_RELATIVE_DAYS = {
    "сегодня": 0,
    "bugun": 0,
    "бугун": 0,
    "вчера": 1,
    "kecha": 1,
    "кеча": 1,
    "позавчера": 2,
}


@dataclass(frozen=True)
class Timestamp:
    """A moment as a source gave it: wall-clock time in its zone, and how precise."""

    local: datetime
    precision: str

    @property
    def at(self) -> str:
        """UTC, ISO 8601 with offset; the local day alone for day precision."""
        if self.precision == DAY:
            return self.day
        return self.local.astimezone(timezone.utc).isoformat(timespec="seconds")

    @property
    def local_iso(self) -> str:
        if self.precision == DAY:
            return self.day
        return self.local.isoformat(timespec="seconds")

    @property
    def day(self) -> str:
        return self.local.date().isoformat()

    def is_after(self, moment: datetime, slack: timedelta) -> bool:
        """True when this lies more than `slack` after `moment` (an aware datetime)."""
        if self.precision == DAY:
            return self.local.date() > (moment.astimezone(self.local.tzinfo) + slack).date()
        return self.local > moment + slack


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(tz: ZoneInfo, y, mo, d, h=None, mi=None, s=None, offset=None) -> Timestamp:
    precision = DAY if h is None else MINUTE
    naive = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    if offset is not None:
        return Timestamp(naive.replace(tzinfo=offset).astimezone(tz), precision)
    return Timestamp(naive.replace(tzinfo=tz), precision)


def _parse_iso(text: str, tz: ZoneInfo) -> Timestamp | None:
    m = _ISO.fullmatch(text)
    if not m:
        return None
    y, mo, d, h, mi, s, off = m.groups()
    return _build(tz, y, mo, d, h, mi, s, _offset(off) if h is not None else None)


def _parse_rfc822(text: str, tz: ZoneInfo) -> Timestamp | None:
    if not re.match(r"[A-Za-z]{3},?\s+\d", text):
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
    return Timestamp(aware.astimezone(tz), MINUTE)


def _parse_dotted(text: str, tz: ZoneInfo) -> Timestamp | None:
    m = _TIME_FIRST.search(text)
    if m:
        h, mi, d, mo, y = m.groups()
        return _build(tz, y, mo, d, h, mi)
    m = _DATE_FIRST.search(text)
    if m:
        d, mo, y, h, mi = m.groups()
        return _build(tz, y, mo, d, h, mi)
    return None


def _parse_epoch(text: str, tz: ZoneInfo) -> Timestamp | None:
    if not _EPOCH.fullmatch(text):
        return None
    return Timestamp(datetime.fromtimestamp(int(text), tz), MINUTE)


def month_number(word: str) -> int | None:
    """The month a printed month name means («ноября», «noyabr», «Nov»), None for other words."""
    word = word.lower()
    return next((n for n, form in enumerate(_MONTHS, start=1) if form.fullmatch(word)), None)


def _clock(text: str) -> tuple[int | None, int | None]:
    m = _CLOCK.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def _parse_month_name(text: str, tz: ZoneInfo, now: datetime | None = None) -> Timestamp | None:
    """Day, month name and year in either order; the year may be left out only given `now`."""
    m = _YEAR_DAY_MONTH.search(text)
    if m and month_number(m.group(3)):
        y, d, mo = int(m.group(1)), m.group(2), month_number(m.group(3))
        return _build(tz, y, mo, d, *_clock(text[m.end() :] or text[: m.start()]))
    for m in _DAY_MONTH.finditer(text):
        mo = month_number(m.group(2))
        if mo is None or (m.group(3) is None and now is None):
            continue
        rest = text[: m.start()] + " " + text[m.end() :]
        if m.group(3) is not None:
            return _build(tz, m.group(3), mo, m.group(1), *_clock(rest))
        return _in_last_year(tz, now, mo, int(m.group(1)), *_clock(rest))
    return None


def _in_last_year(tz: ZoneInfo, now, mo: int, d: int, h, mi) -> Timestamp:
    """A day and month without a year: the latest such day not after `now`."""
    local_now = now.astimezone(tz)
    stamp = _build(tz, local_now.year, mo, d, h, mi)
    if stamp.local.date() > local_now.date():
        stamp = _build(tz, local_now.year - 1, mo, d, h, mi)
    return stamp


def _parse_relative(text: str, tz: ZoneInfo, now: datetime) -> Timestamp | None:
    """«Вчера, 14:30», «Сегодня в 9:05», «bugun»: a day counted back from `now`."""
    first = re.match(r"[^\W\d_]+", text)
    back = _RELATIVE_DAYS.get(first.group(0).lower()) if first else None
    if back is None:
        return None
    day = now.astimezone(tz).date() - timedelta(days=back)
    return _build(tz, day.year, day.month, day.day, *_clock(text))


def _parse_human(text: str, tz: ZoneInfo) -> Timestamp | None:
    import dateparser  # slow to import; only free-text dates need it

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],  # no "вчера", no "5 минут назад"
    }
    parsed = dateparser.parse(text, languages=["ru", "uz", "en"], settings=settings)
    if parsed is None:
        return None
    if _HAS_TIME.search(text):
        return Timestamp(parsed.replace(second=0, microsecond=0, tzinfo=tz), MINUTE)
    return Timestamp(datetime(parsed.year, parsed.month, parsed.day, tzinfo=tz), DAY)


_PARSERS = (_parse_iso, _parse_epoch, _parse_rfc822, _parse_dotted, _parse_month_name)


def parse(
    text: str | None, tz: ZoneInfo | str, now: datetime | None = None, free_text: bool = True
) -> Timestamp | None:
    """Parse `text` as printed by a source in zone `tz`; None when it is no date.

    Given `now` (aware), relative days («Вчера, 14:30») and dates without a year
    («24 ноября, 14:30») are read too; without it they are no date. `free_text`
    False leaves out dateparser, the slow last resort, for scanning many texts.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    cleaned = " ".join(text.replace("\xa0", " ").split())
    parsers: list = list(_PARSERS)
    if now is not None:
        parsers += [partial(_parse_month_name, now=now), partial(_parse_relative, now=now)]
    for parser in [*parsers, _parse_human] if free_text else parsers:
        try:
            found = parser(cleaned, zone)
            if found is not None:
                found.at  # noqa: B018  # year 9999 at -12:00 is no moment in UTC
        except OverflowError:  # a moment past year 9999 (or before 1) in UTC or the zone
            return None
        except (ValueError, OSError):  # a month 13 or a day 32: not a date, try the next form
            found = None
        if found is not None:
            return found
    return None


def instant(text: str | None) -> datetime | None:
    """The moment a stored or given time names, as an aware UTC datetime (UTC if no offset)."""
    stamp = parse(text, "UTC")
    return stamp.local.astimezone(timezone.utc) if stamp else None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def days_back(until: date, since: date) -> list[date]:
    """Every day from `until` back to `since`, newest first."""
    return [until - timedelta(days=n) for n in range((until - since).days + 1)]
