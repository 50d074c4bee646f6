"""Synthetic tatarstan.ru ministries for tests and benchmarks: N sites and their registry.

Each site (`m0000.tatarstan.ru`, `m0001.tatarstan.ru`, …) is laid out as the
portal's fixtures in tests/mirror/ are: robots.txt; the JSON API's list pages
(`/index.htm/news?format=json&limit=15&page=N`, releases with their text,
newest first, then an empty page); each release's own `?format=json` and HTML
page; and the HTML tape the family falls back to. `write_registry` registers
the sites as `family = "tatarstan"` sources, for `-s PRESSBOT_SOURCES=...`.

    write_portal_sites(root, 500, failing=[7])  # m0007's API and tape answer 500
    write_registry(root.parent / "sources.toml", 500)
    publish(root, 3, date(2025, 11, 11))        # a new release on m0003

Serve `root` with `python -m pressbot.mirror ROOT --conditional` to have
the API answer 304 to an unchanged poll.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from pressbot.mirror.layout import HTTP_SIDECAR, MirrorEntry, file_for, read_entry, write_entry

PAGE_SIZE = 15  # the limit the family asks the API for
API_LIST = "/index.htm/news?format=json&limit=15&page={page}"
TAPE = "/index.htm/news/tape?page={page}"
ARTICLE = "/index.htm/news/{id}.htm"
ROBOTS = "User-agent: *\nDisallow: /search/\nDisallow: /*print=1\n"
FIRST_ID = 3_000_000  # far from the fixtures' 25xxxxx ids
NEWEST = date(2025, 11, 10)  # the default day of each site's newest release
MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
TOPICS = ["промышленных парков", "экспорта", "подготовки кадров", "цифровизации", "туризма"]


def host(index: int) -> str:
    return f"m{index:04d}.tatarstan.ru"


def source_key(index: int) -> str:
    return f"m{index:04d}_tatarstan"


@dataclass(frozen=True)
class Release:
    """One release as the portal's API lists it."""

    id: int
    day: date
    title: str
    lead: str
    text: str  # HTML paragraphs

    @property
    def path(self) -> str:
        return ARTICLE.format(id=self.id)

    def api_item(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "lead": f"<p>{escape(self.lead)}</p>",
            "url": self.path,
            "news_date": self.day.isoformat(),
            "text": self.text,
            "image_file_big": None,
            "photoreport": None,
        }

    @classmethod
    def from_api_item(cls, item: dict) -> Release:
        lead = item["lead"].removeprefix("<p>").removesuffix("</p>")
        day = date.fromisoformat(item["news_date"])
        return cls(item["id"], day, item["title"], lead, item["text"])


def make_release(index: int, number: int, day: date) -> Release:
    """The `number`th release of site `index`: its own id, title and text."""
    topic = TOPICS[(index + number) % len(TOPICS)]
    title = f"Министерство № {index} провело совещание по вопросам {topic} ({number})"
    lead = f"Совещание № {number} прошло в Казани."
    text = (
        f"<p>Министерство № {index} провело совещание № {number} по вопросам {topic}.</p>"
        f"<p>Участники обсудили планы на {day.year + 1} год и поручили подготовить "
        f"предложения до {day.day} {MONTHS[day.month - 1]}.</p>"
    )
    return Release(FIRST_ID + index * 1000 + number, day, title, lead, text)


def write_portal_sites(
    root: Path,
    n: int,
    *,
    releases: int = 3,
    newest: date = NEWEST,
    failing: Iterable[int] = (),
    failing_status: int = 500,
) -> list[str]:
    """Write sites 0 … n-1 into the mirror folder `root`; their hosts.

    Each has `releases` releases, one a day up to `newest`. The sites in
    `failing` answer `failing_status` on the API's and the tape's first page.
    """
    for index in range(n):
        days = [newest - timedelta(days=back) for back in range(releases)]
        write_site(
            root, index, [make_release(index, releases - 1 - k, d) for k, d in enumerate(days)]
        )
    for index in failing:
        fail(root, index, failing_status)
    return [host(index) for index in range(n)]


def write_site(root: Path, index: int, releases: list[Release]) -> None:
    """Every file of site `index` for these releases, newest first."""
    base = f"https://{host(index)}"
    # the articles first: /index.htm/news is then a folder before its list pages are written
    for release in releases:
        item = json.dumps({"items": release.api_item()}, ensure_ascii=False)
        write_entry(root, base + release.path + "?format=json", _entry(item))
        write_entry(root, base + release.path, _entry(article_html(release)))
    pages = [releases[start : start + PAGE_SIZE] for start in range(0, len(releases), PAGE_SIZE)]
    for number, page in enumerate([*pages, []], start=1):  # an empty page ends the list
        items = json.dumps({"items": [r.api_item() for r in page]}, ensure_ascii=False)
        write_entry(root, base + API_LIST.format(page=number), _entry(items))
        write_entry(root, base + TAPE.format(page=number), _entry(tape_html(page)))
    write_entry(root, base + "/robots.txt", _entry(ROBOTS))


def fail(root: Path, index: int, status: int = 500) -> None:
    """Site `index` answers `status` on the API's and the tape's first page from now on."""
    for path in (API_LIST.format(page=1), TAPE.format(page=1)):
        page = file_for(root, f"https://{host(index)}{path}")
        page.with_name(page.name + HTTP_SIDECAR).write_text(f"Status: {status}\n")


def site_releases(root: Path, index: int) -> list[Release]:
    """The releases site `index` lists now, newest first (read back from its API pages)."""
    found: list[Release] = []
    for number in range(1, 10_000):
        entry = read_entry(root, f"https://{host(index)}{API_LIST.format(page=number)}")
        items = json.loads(entry.body)["items"] if entry.status == 200 else []
        if not items:
            return found
        found += [Release.from_api_item(item) for item in items]
    return found


def publish(root: Path, index: int, day: date) -> Release:
    """Put a new release of `day` at the top of site `index`'s lists."""
    listed = site_releases(root, index)
    number = max((r.id for r in listed), default=FIRST_ID + index * 1000 - 1) + 1
    release = make_release(index, number - FIRST_ID - index * 1000, day)
    write_site(root, index, [release, *listed])
    return release


def write_registry(path: Path, n: int) -> list[str]:
    """A registry of sites 0 … n-1 as tatarstan.ru sources; their keys."""
    entries = [
        f"[{source_key(index)}]\n"
        f'title = "Синтетическое министерство № {index} Республики Татарстан"\n'
        'kind = "ministry"\ncountry = "RU"\nregion = "Республика Татарстан"\n'
        'timezone = "Europe/Moscow"\nlanguages = ["ru"]\n'
        f'homepage = "https://{host(index)}"\nfamily = "tatarstan"\n'
        for index in range(n)
    ]
    path.write_text("\n".join(entries), encoding="utf-8")
    return [source_key(index) for index in range(n)]


def article_html(release: Release) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8">'
        f"<title>{escape(release.title)}</title></head>\n<body>"
        f'<div class="article">\n<h1 class="article__title">{escape(release.title)}</h1>\n'
        f'<div class="article__date">{_day(release.day)}</div>\n'
        f'<div class="wysiwyg">{release.text}</div>\n</div>\n</body></html>\n'
    )


def tape_html(releases: list[Release]) -> str:
    """The HTML tape: one `.row` per day, its releases under it."""
    rows = []
    for day in sorted({r.day for r in releases}, reverse=True):
        items = "".join(
            '<div class="col-md-12"><div class="list__item"><div class="list__title">'
            f'<a href="{r.path}">{escape(r.title)}</a></div>'
            f'<div class="list__text"><p>{escape(r.lead)}</p></div></div></div>\n'
            for r in releases
            if r.day == day
        )
        rows.append(
            '<div class="row">\n<div class="col-md-2"><div class="day-month">'
            f'<div class="day-month__date">{day.day}</div>'
            f'<div class="day-month__row">{MONTHS[day.month - 1]} {day.year}</div></div></div>\n'
            f'<div class="col-md-10"><div class="row">\n{items}</div></div>\n</div>\n'
        )
    return (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>Новости</title>'
        f'</head>\n<body><div class="list">\n{"".join(rows)}</div></body></html>\n'
    )


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _entry(body: str) -> MirrorEntry:
    return MirrorEntry(200, {}, body.encode())
