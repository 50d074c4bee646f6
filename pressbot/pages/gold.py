"""Measuring the generic page class: on the gold set, and against the hand-written families.

The gold set is `tests/gold/extract/<site>/<page>.html` with `<page>.json` beside
it: `url`, `tz`, `now` (for relative dates, else null), `title`,
`published_at` and `published_precision` (as `Timestamp.at` gives them), `lead`,
`body`. The consistency cases are the article fixtures of the hand-written
families under `tests/mirror/`, read by their own page class and by the
generic one. `bench/bench_extract.py` prints both; the tests hold the goals.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scrapy.http import HtmlResponse

from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.pages.generic import GenericArticlePage
from pressbot.pages.government import GovernmentArticlePage
from pressbot.pages.kremlin import KremlinArticlePage
from pressbot.pages.sputnik import SputnikArticlePage
from pressbot.pages.tatarstan import TatarstanArticlePage, TatarstanTapePage
from pressbot.utils import timeparse
from pressbot.utils.text import clean


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_f1(found: str, wanted: str) -> float:
    """Word-level F1 of two texts, words counted with repeats (bag of words)."""
    got, want = Counter(words(found)), Counter(words(wanted))
    common = sum((got & want).values())
    if not got or not want:
        return float(got == want)
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class GoldPage:
    name: str
    html: bytes
    gold: dict

    def response(self) -> HtmlResponse:
        return HtmlResponse(url=self.gold["url"], body=self.html, encoding="utf-8")

    def now(self) -> datetime | None:
        return datetime.fromisoformat(self.gold["now"]) if self.gold.get("now") else None

    def page(self, extractor: str = "auto") -> GenericArticlePage:
        return GenericArticlePage(
            self.response(), tz=self.gold["tz"], now=self.now(), extractor=extractor
        )


def gold_pages(folder: Path) -> list[GoldPage]:
    return [
        GoldPage(
            f"{path.parent.name}/{path.stem}",
            path.with_suffix(".html").read_bytes(),
            json.loads(path.read_text()),
        )
        for path in sorted(folder.glob("*/*.json"))
    ]


@dataclass(frozen=True)
class Score:
    """How one reading of a page compares with what it should be."""

    title: bool
    date: bool
    day: bool  # the right local day, whatever the precision
    body_f1: float
    lead: bool


def score(gold: dict, title: str, stamp: timeparse.Timestamp | None, body: str, lead="") -> Score:
    wanted = timeparse.parse(gold["published_at"], gold["tz"])
    wanted_day = wanted.day if wanted else gold["published_at"][:10]
    return Score(
        title=clean(title) == gold["title"],
        date=stamp is not None
        and (stamp.at, stamp.precision) == (gold["published_at"], gold["published_precision"]),
        day=stamp is not None and stamp.day == wanted_day,
        body_f1=word_f1(body, gold["body"]),
        lead=clean(lead) == clean(gold["lead"]),
    )


def score_generic(page: GoldPage, extractor: str = "auto") -> Score:
    reader = page.page(extractor)
    return score(page.gold, reader.title(), reader.published[1], reader.body(), reader.lead())


# --- consistency with the hand-written families ------------------------------------------


@dataclass(frozen=True)
class FamilyCase:
    """One fixture article: its family's own reading and the generic one, side by side."""

    site: str
    path: str
    own: Story
    generic: Story
    tz: str

    def same_title(self) -> bool:
        return clean(self.own.title) == clean(self.generic.title)

    def own_stamp(self) -> timeparse.Timestamp | None:
        return timeparse.parse(self.own.published_raw, self.tz)

    def same_instant(self) -> bool:
        own, generic = self.own_stamp(), timeparse.parse(self.generic.published_at, self.tz)
        return (
            own is not None
            and generic is not None
            and (own.at, own.precision) == (generic.at, self.generic.published_precision)
        )

    def body_f1(self) -> float:
        return word_f1(self.generic.body, self.own.body)


def _read(mirror: Path, path: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(mirror / path).read_bytes(), encoding="utf-8")


def _generic(response: HtmlResponse, tz: str) -> Story:
    return GenericArticlePage(response, tz=tz).to_story("generic")


def _tatarstan_listed(mirror: Path) -> dict[str, Listed]:
    host = "mpt.tatarstan.ru"
    listed = {}
    for tape in sorted((mirror / host / "index.htm/news").glob("tape?page=*")):
        url = f"https://{host}/index.htm/news/{tape.name}"
        for entry in TatarstanTapePage(_read(mirror, str(tape.relative_to(mirror)), url)).entries():
            listed[entry.url] = entry
    return listed


def family_cases(mirror: Path) -> Iterator[FamilyCase]:
    """Every HTML article fixture of uz.sputniknews.ru, mpt.tatarstan.ru, kremlin.ru and
    government.ru (the other families read APIs, which a generic page cannot know)."""
    builders: list[tuple[str, str, str, Callable]] = [
        ("uz.sputniknews.ru", "2025*/*.html", "Asia/Tashkent", SputnikArticlePage),
        ("kremlin.ru", "events/president/news/[0-9]*", "Europe/Moscow", KremlinArticlePage),
        ("government.ru", "news/[0-9]*/.page", "Europe/Moscow", GovernmentArticlePage),
    ]
    for host, pattern, tz, page_class in builders:
        scheme = "https" if host == "uz.sputniknews.ru" else "http"
        for file in sorted((mirror / host).glob(pattern)):
            path = str(file.relative_to(mirror))
            url = f"{scheme}://{path.removesuffix('.page')}"
            response = _read(mirror, path, url)
            own = page_class(response).to_story(host)
            yield FamilyCase(host, path, own, _generic(response, tz), tz)
    listed = _tatarstan_listed(mirror)
    for file in sorted((mirror / "mpt.tatarstan.ru/index.htm/news").glob("[0-9]*.htm")):
        path = str(file.relative_to(mirror))
        url = f"https://{path}"
        response = _read(mirror, path, url)
        own = TatarstanArticlePage(response, listed.get(url, Listed(url))).to_story("mpt")
        yield FamilyCase(
            "mpt.tatarstan.ru", path, own, _generic(response, "Europe/Moscow"), "Europe/Moscow"
        )
