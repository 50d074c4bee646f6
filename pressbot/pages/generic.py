"""Article and listing pages of any official site, read without site-specific selectors.

Best evidence first: what the page states in machine-readable form (JSON-LD,
OpenGraph and `article:*` meta, itemprop, `<time datetime>`), then what it
shows (the `<h1>`, the date line nearest the title, the announce), then
extractors made for unknown markup (trafilatura for the text, htmldate for the
date). A source's per-field overrides (CSS, or XPath when they start with `/`
or `(`) win over all of these where they match: they are set because the
automatic reading was wrong for that site.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from parsel import SelectorList
from scrapy.http import TextResponse

from pressbot.items import Story
from pressbot.pages import metadata
from pressbot.pages.maintext import class_words, is_elsewhere, main_text, sparing_main, walk
from pressbot.utils import timeparse
from pressbot.utils.css import css
from pressbot.utils.text import clean, join_paragraphs, paragraphs

# Class words of an announce (lead) element.
LEAD_WORDS = frozenset(
    {
        "lead",
        "announce",
        "anons",
        "annotation",
        "summary",
        "excerpt",
        "intro",
        "standfirst",
        "preview",
        "subtitle",
    }
)
# A short text that may be a date line: a dotted or ISO date, a day and a word, a year word,
# or a relative day.
LOOKS_LIKE_DATE = re.compile(
    r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[\s-]+[^\W\d_]{3,}|\d{4}\s*-?\s*(?:йил|yil)"
    r"|вчера|сегодня|kecha|bugun|кеча|бугун",
    re.IGNORECASE,
)
UPDATED_WORDS = re.compile(
    r"обновлен|изменен|updated|modified|yangilan|янгилан|tahrir", re.IGNORECASE
)
# Class words of elements that hold a date, for dateparser's slower free-text reading.
DATE_WORDS = frozenset(
    {"date", "time", "datetime", "data", "pubdate", "published", "posted", "created", "sana"}
)
DATE_LINE_MAX = 100
LEAD_MIN_WORDS = 6
DATE_LINES_READ = 12
# What separates a story's title from the site's name in `<title>`.
TITLE_SEPARATORS = re.compile(r"\s+(?:[|•/]|::|[-–—]{1,2})\s+")
SITE_HEADER_WORDS = frozenset({"header", "topbar"})
# Elements that may be date lines, found by libxml2 at C speed: short texts with a digit.
SHORT_WITH_DIGITS = (
    f"//body//*[string-length(normalize-space()) <= {DATE_LINE_MAX}]"
    "[contains(translate(., '0123456789', '##########'), '#') or self::time[@datetime]]"
)
# A link of more words than this is a story's title, not a date or a rubric.
TITLE_WORDS = 4
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
URL_DATE = re.compile(r"(?<!\d)(20\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A stated time of exactly midnight: a CMS filling in the time of a date-only field.
MIDNIGHT = re.compile(r"[T ]00:00(?::00)?(?:\.0+)?(?:Z|[+-]\d\d:?\d\d)?$")
SUBHEADINGS = frozenset({"h2", "h3"})
# Descriptions that describe the site, not the story.
SITE_WIDE = re.compile(
    r"официальн\w* (?:сайт|портал|интернет)|rasmiy (?:veb-)?sayt|расмий (?:веб-)?сайт"
    r"|official (?:web)?site",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateLine:
    """A date the page shows: the element, its text, how it reads, and whether it is an update."""

    el: Any
    text: str
    stamp: timeparse.Timestamp
    updated: bool


@dataclass(frozen=True)
class Overrides:
    """Per-source selectors, CSS or XPath, for the fields the automatic reading gets wrong."""

    title: str = ""
    date: str = ""
    lead: str = ""
    body: str = ""


def select(response: TextResponse, query: str) -> SelectorList:
    """CSS, or XPath when the query starts like one."""
    return response.xpath(query) if query.startswith(("/", "(")) else css(response, query)


def spaced_text(el) -> str:
    """An element's text with its children's texts apart («24 ноября 2025» «17:20»)."""
    return clean(" ".join(el.itertext()))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def overlap(part: str, whole: str) -> float:
    """The share of `part`'s words that occur in `whole`."""
    found, present = words(part), set(words(whole))
    return sum(w in present for w in found) / len(found) if found else 0.0


class GenericArticlePage:
    """One article page of a site pressbot has no family for.

    `tz` is the source's zone (times printed without an offset are read in it);
    `now` (aware) reads relative dates such as «Вчера, 14:30».
    """

    def __init__(
        self,
        response: TextResponse,
        overrides: Overrides | None = None,
        tz: ZoneInfo | str = "UTC",
        now: datetime | None = None,
        extractor: str = "auto",
    ):
        self.response = response
        self.overrides = overrides or Overrides()
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.now = now
        self.extractor = extractor
        self.root = response.selector.root
        self.ld = metadata.json_ld_article(response)

    def _override(self, query: str) -> list[str]:
        found = select(self.response, query) if query else []
        return [p for node in found for p in paragraphs(node.root)] if found else []

    # title --------------------------------------------------------------------------

    @cached_property
    def _order(self) -> list:
        """The page's elements in document order, menus, sidebars and other stories left out."""
        return list(walk(self.root, sparing_main(is_elsewhere, self.root)))

    @cached_property
    def _h1(self):
        return next((el for el in self._order if el.tag == "h1" and clean(el.text_content())), None)

    @cached_property
    def _heading(self):
        """Without an `<h1>`: the first `<h2>`/`<h3>` of the page that is no link."""
        for el in self._order:
            long_enough = el.tag in SUBHEADINGS and len(clean(el.text_content())) >= 15
            if long_enough and not any(el.iter("a")):
                return el
        return None

    @cached_property
    def _title_element(self):
        """The element showing the title: the `<h1>`, else the heading that reads as it."""
        title = self.title()
        for el in (self._h1, self._heading):
            if el is not None and clean(el.text_content()) == title:
                return el
        return None

    def title(self) -> str:
        return self._title

    @cached_property
    def _title(self) -> str:
        if self.overrides.title and self._override(self.overrides.title):
            return clean(" ".join(self._override(self.overrides.title)))
        stated = (
            metadata.ld_text(self.ld, "headline")
            or metadata.meta(self.response, "og:title", "twitter:title")
            or metadata.itemprop(self.response, "headline")
        )
        shown = clean(self._h1.text_content()) if self._h1 is not None else ""
        head = clean(self.response.xpath("//title/text()").get())
        if shown and (not stated or overlap(shown, stated) >= 0.8 or shown in head):
            return shown
        if stated:
            return stated
        heading = clean(self._heading.text_content()) if self._heading is not None else ""
        return shown or heading or self._head_title(head)

    def _head_title(self, head: str) -> str:
        """The part of the `<title>` that names the story («Итоги совещания | Министерство»):
        the longest part the page also shows, else the longest."""
        parts = [part for part in TITLE_SEPARATORS.split(head) if part]
        body = self.root.find("body")
        text = clean(body.text_content()) if body is not None else ""
        return max([p for p in parts if p in text] or parts, key=len, default="")

    # lead ---------------------------------------------------------------------------

    @cached_property
    def _announce(self):
        """The innermost element marked as an announce, outside the boilerplate."""
        marked = [
            el
            for el in self._order
            if class_words(el) & LEAD_WORDS or el.get("itemprop") == "description"
        ]
        leaves = [el for el in marked if not any(m in marked for m in el.iterdescendants())]
        for el in leaves:
            text = join_paragraphs(paragraphs(el))
            if 30 <= len(text) <= 1000 and text != self.title():
                return el
        return None

    def lead(self) -> str:
        if self.overrides.lead and self._override(self.overrides.lead):
            return join_paragraphs(self._override(self.overrides.lead))
        if self._announce is not None:
            return join_paragraphs(paragraphs(self._announce))
        stated = metadata.ld_text(self.ld, "description") or metadata.meta(
            self.response, "og:description", "twitter:description"
        )
        described = metadata.meta(self.response, "description")
        # a site's own description («Официальный сайт …») shares few words with the text
        if not stated and described and overlap(described.rstrip("…."), self.body()) >= 0.6:
            stated = described
        # a lead is a sentence; a site's description is a name («Министерство торговли»)
        if len(words(stated)) < LEAD_MIN_WORDS or SITE_WIDE.search(stated):
            return ""
        return stated if stated != self.title() else ""

    # body ---------------------------------------------------------------------------

    @cached_property
    def body_paragraphs(self) -> list[str]:
        if self.overrides.body and self._override(self.overrides.body):
            return self._override(self.overrides.body)
        also = [
            el for el in (self._title_element, self._announce, self._date_line) if el is not None
        ]
        found = main_text(self.root, also, self.extractor)
        if found and self._is_title_line(found[0]):
            found = found[1:]
        return [p for p in found if not self._is_date_line(p)]

    def _is_title_line(self, paragraph: str) -> bool:
        """A first line that is the title set as text (a bold line, no sentence)."""
        title = self.title()
        return paragraph == title or (
            bool(title)
            and paragraph.startswith(title)
            and len(paragraph) <= 2 * len(title) + 40
            and not paragraph.endswith((".", "!", "?", "»", "…"))
        )

    def _is_date_line(self, paragraph: str) -> bool:
        """A paragraph that is only a date with a label («Дата: 24.11.2025»)."""
        return (
            len(paragraph) <= DATE_LINE_MAX
            and len(LETTER_WORD.findall(paragraph)) <= 3
            and timeparse.parse(paragraph, self.tz, self.now, free_text=False) is not None
        )

    def body(self) -> str:
        return join_paragraphs(self.body_paragraphs)

    # dates --------------------------------------------------------------------------

    def _parse(self, text: str | None) -> timeparse.Timestamp | None:
        return timeparse.parse(text, self.tz, self.now)

    def _date_line_at(self, el, free_text: bool) -> DateLine | None:
        """The element as a date line: a `<time datetime>`, or a short text that is a date."""
        text = clean(el.get("datetime") if el.tag == "time" and el.get("datetime") else None)
        if not text and len(el.text_content()) > 3 * DATE_LINE_MAX:  # cheap: a container
            return None
        text = text or spaced_text(el)
        if len(text) > DATE_LINE_MAX or not (free_text or LOOKS_LIKE_DATE.search(text)):
            return None
        stamp = timeparse.parse(text, self.tz, self.now, free_text=free_text)
        if stamp is None:
            return None
        label = f"{text} {' '.join(class_words(el))}"
        return DateLine(el, text, stamp, bool(UPDATED_WORDS.search(label)))

    @cached_property
    def _date_scan(self) -> tuple[list[DateLine], set[str]]:
        """Date lines nearest the title first (those the project's parsers read, else, slower,
        what dateparser makes of elements named as dates), and the days of other stories.
        Only the DATE_LINES_READ nearest are read: a sidebar of a hundred dates is not."""
        anchor = self._order.index(self._h1) if self._h1 is not None else 0
        short = set(self.root.xpath(SHORT_WITH_DIGITS)) - self._in_site_header
        nearest = sorted(
            (abs(position - anchor), -position, el)
            for position, el in enumerate(self._order)
            if el in short
        )
        others: set[str] = set()
        for free_text in (False, True):
            found: dict = {}
            for distance, position, el in nearest:
                if free_text and not class_words(el) & DATE_WORDS:
                    continue
                line = self._date_line_at(el, free_text)
                if line is not None:
                    found[el] = (distance, position, line)
                    if len(found) >= DATE_LINES_READ:
                        break
            # the innermost reading: a header holding the date line is not itself one
            inner = [
                row
                for el, row in found.items()
                if not any(map(found.__contains__, el.iterdescendants()))
            ]
            mine = [row for row in inner if not self._lists_another_story(row[2].el)]
            others |= {row[2].stamp.day for row in inner if row not in mine}
            if mine:
                return [row[2] for row in sorted(mine, key=lambda row: row[:2])], others
        return [], others

    @property
    def _date_lines(self) -> list[DateLine]:
        return self._date_scan[0]

    @cached_property
    def _in_site_header(self) -> set:
        """What the site's header holds (today's date, a clock): not the story's date."""
        headers = [
            el
            for el in self.root.iter("header", "div", "table")
            if (el.tag == "header" or class_words(el) & SITE_HEADER_WORDS)
            and (self._h1 is None or self._h1 not in el.iterdescendants())
        ]
        return {d for header in headers for d in header.iter()}

    def _block(self, el):
        """The short block a date line sits in (with a rubric, views), never the title."""
        title = self._title_element
        for parent in el.iterancestors():
            raw = parent.text_content()
            too_long = len(raw) > 3 * DATE_LINE_MAX or len(clean(raw)) > DATE_LINE_MAX
            if too_long or (
                title is not None and (parent is title or title in parent.iterdescendants())
            ):
                break
            el = parent
        return el

    def _lists_another_story(self, el) -> bool:
        """A date beside a link with a title: an item of a list of other stories."""
        links = self._block(el).iter("a")
        return any(len(LETTER_WORD.findall(link.text_content())) > TITLE_WORDS for link in links)

    @cached_property
    def _date_line(self):
        line = next((row.el for row in self._date_lines if not row.updated), None)
        return self._block(line) if line is not None else None

    def _shown(self) -> tuple[str, timeparse.Timestamp | None]:
        row = next((r for r in self._date_lines if not r.updated), None)
        if row is None:
            return "", None
        if row.stamp.precision == timeparse.DAY and self._date_line is not row.el:
            # the time in an element of its own beside the day («24 ноября 2025» «17:20»)
            block = spaced_text(self._date_line)
            stamp = timeparse.parse(block, self.tz, self.now, free_text=False)
            if (
                stamp is not None
                and stamp.precision == timeparse.MINUTE
                and stamp.day == row.stamp.day
                and not UPDATED_WORDS.search(block)
            ):
                return block, stamp
        return row.text, row.stamp

    def _url_day(self) -> tuple[str, timeparse.Timestamp | None]:
        found = URL_DATE.search(urlsplit(self.response.url).path)
        day = "-".join(found.groups()) if found else ""
        return day, self._parse(day)

    def _stated(self) -> tuple[str, timeparse.Timestamp | None]:
        for text in metadata.published_candidates(self.response, self.ld):
            stamp = self._parse(text)
            if stamp is not None:
                return text, stamp
        return "", None

    @cached_property
    def published(self) -> tuple[str, timeparse.Timestamp | None]:
        """The printed or stated publication time and how it reads."""
        if self.overrides.date:
            text = clean(" ".join(select(self.response, self.overrides.date).getall()))
            if self._parse(text):
                return text, self._parse(text)
        stated, shown = self._stated(), self._shown()
        if stated[1] is not None:
            return self._refine(stated, shown)
        # a day in the address is the CMS's own record; a shown date on another day is
        # some other story's
        url_day = self._url_day()
        if shown[1] is not None and (url_day[1] is None or url_day[1].day == shown[1].day):
            return shown
        return url_day if url_day[1] is not None else self._htmldate()

    def _refine(self, stated, shown):
        """A stated day (or a stated midnight) takes the time the page shows for that day."""
        text, stamp = stated
        midnight = MIDNIGHT.search(text)
        if stamp.precision == timeparse.DAY or midnight:
            if midnight:  # the raw text says the day alone, as the pipeline will read it
                text = text[: midnight.start()]
            day = self._parse(text) or stamp
            if (
                shown[1] is not None
                and shown[1].precision == timeparse.MINUTE
                and shown[1].day == day.day
            ):
                return shown
            return text, day
        return stated

    def _htmldate(self) -> tuple[str, timeparse.Timestamp | None]:
        from htmldate import find_date

        # htmldate prunes the tree it is given: a copy, so the text is read from the whole page
        found = find_date(
            copy.deepcopy(self.root),
            extensive_search=True,
            original_date=True,
            url=self.response.url,
        )
        stamp = self._parse(found)
        if stamp is None or stamp.day in self._date_scan[1]:  # another story's day: none
            return "", None
        return found or "", stamp

    @cached_property
    def updated(self) -> tuple[str, timeparse.Timestamp | None]:
        for text in metadata.modified_candidates(self.response, self.ld):
            if self._parse(text):
                return text, self._parse(text)
        row = next((r for r in self._date_lines if r.updated), None)
        return (row.text, row.stamp) if row else ("", None)

    # the item -----------------------------------------------------------------------

    def url(self) -> str:
        canonical = self.response.xpath('//link[@rel="canonical"]/@href').get()
        return self.response.urljoin(canonical) if canonical else self.response.url

    def to_story(self, source: str) -> Story:
        published_raw, published = self.published
        updated_raw, updated = self.updated
        return Story(
            source=source,
            url=self.url(),
            seen_url=self.response.url if self.url() != self.response.url else "",
            title=self.title(),
            lead=self.lead(),
            body=self.body(),
            published_raw=published_raw,
            published_at=published.at if published else None,
            published_local=published.local_iso if published else None,
            published_precision=published.precision if published else None,
            updated_raw=updated_raw,
            updated_at=updated.at if updated else None,
            updated_local=updated.local_iso if updated else None,
            language=clean(self.response.xpath("//html/@lang").get()),
        )
