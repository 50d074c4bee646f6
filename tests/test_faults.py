"""The fault suite: one real `scrapy crawl` per fault kind the mirror can inject.

Each test breaks one story page of sputnik_uz's feed (the mirror's sidecar
options, README "The local mirror") and asserts what is stored, the run's
verdict and its problem in words; where the story is left pending, a rerun
against the mended page stores it, so no story is lost.
"""

from __future__ import annotations

import json

import pytest
from conftest import rows

PAGE = "uz.sputniknews.ru/20251112/minenergo-20-solnechnyh-stantsiy-53415002.html"
URL = "https://" + PAGE
OTHER = (
    "https://uz.sputniknews.ru/20251112/v-samarkande-otkryli-novyy-terminal-aeroporta-53415010.html"
)
FEED_STORIES = 5
LOOP = "uz.sputniknews.ru/20251112/loop.html"


def sidecar(root, path: str, *lines: str) -> None:
    (root / (path + ".http")).write_text("\n".join(lines) + "\n", encoding="utf-8")


def urls(db) -> list[str]:
    return [r["url"] for r in rows(db, "SELECT url FROM stories ORDER BY url")]


def last_run(db) -> dict:
    [run] = rows(
        db, "SELECT health, problems, dropped_reasons FROM crawl_runs ORDER BY id DESC LIMIT 1"
    )
    return {**run, "problems": json.loads(run["problems"])}


def pending(db) -> list[dict]:
    return rows(
        db, "SELECT url, attempts, last_error FROM pending_stories WHERE gave_up_at IS NULL"
    )


def assert_pending_then_stored(crawl, mirror_root, expected_problem: str, error: str, mend=None):
    """The page's story is pending after the faulty run (degraded, exit 0), and stored
    once the page is mended (its sidecar removed, or `mend()`): nothing is lost."""
    assert URL not in urls(crawl.db)
    assert len(urls(crawl.db)) == FEED_STORIES - 1
    run = last_run(crawl.db)
    assert run["health"] == "degraded"
    assert expected_problem in run["problems"]
    [left] = pending(crawl.db)
    assert left["url"] == URL and error in left["last_error"]
    (mirror_root / (PAGE + ".http")).unlink(missing_ok=True)
    if mend is not None:
        mend()
    crawl()
    assert URL in urls(crawl.db) and len(urls(crawl.db)) == FEED_STORIES
    assert pending(crawl.db) == []


def test_the_untouched_feed_stores_every_story_and_is_ok(crawl):
    crawl()
    assert len(urls(crawl.db)) == FEED_STORIES
    assert last_run(crawl.db)["health"] == "ok"


@pytest.mark.parametrize(
    ("lines", "settings", "error"),
    [
        pytest.param(["Fault: reset"], {}, "ConnectionLost", id="connection-reset"),
        pytest.param(["Fault: truncate"], {}, "ResponseDataLoss", id="truncated-body"),
        pytest.param(
            ["Slow: 1"],
            {"DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "0"},
            "TimeoutError",
            id="slow-body",
        ),
        pytest.param(
            ["Status: 301", f"Location: https://{LOOP}"], {}, "max redirections", id="redirect-loop"
        ),
    ],
)
def test_a_page_that_fails_in_transit_stays_pending(crawl, mirror_root, lines, settings, error):
    sidecar(mirror_root, PAGE, *lines)
    if "Status: 301" in lines:  # and back again
        sidecar(mirror_root, LOOP, "Status: 302", f"Location: {URL}")
    crawl(**settings)
    problem = "1 story pages failed (pending: asked again next run)"
    assert_pending_then_stored(crawl, mirror_root, problem, error)


def test_a_page_cut_off_mid_body_stays_pending(crawl, mirror_root):
    page = mirror_root / PAGE
    html = page.read_bytes()
    text = html.index(b'article__text">') + len(b'article__text">')
    page.write_bytes(html[: text + 40])  # cut in the middle of the first paragraph
    crawl()
    problem = "1 pages cut off before their end (pending)"
    mend = lambda: page.write_bytes(html)  # noqa: E731
    assert_pending_then_stored(crawl, mirror_root, problem, "truncated page", mend)


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        pytest.param(["Repeat: 3000"], "larger than download max size", id="oversized"),
        pytest.param(
            ["Repeat: 3000", "Encode: gzip"], "exceeded DOWNLOAD_MAXSIZE", id="gzip-inflates-past"
        ),
    ],
)
def test_an_oversized_body_is_named_and_stays_pending(crawl, mirror_root, lines, error):
    sidecar(mirror_root, PAGE, *lines)
    crawl()
    problem = "1 pages over DOWNLOAD_MAXSIZE not read (pending)"
    assert_pending_then_stored(crawl, mirror_root, problem, error)


def test_a_gzip_encoded_page_and_a_redirect_chain_are_read_as_usual(crawl, mirror_root):
    sidecar(mirror_root, PAGE, "Encode: gzip")
    first_hop = "uz.sputniknews.ru/20251112/old-address.html"
    sidecar(mirror_root, first_hop, "Status: 301", f"Location: https://m.{PAGE}")
    feed = mirror_root / "uz.sputniknews.ru/export/rss2/archive/index.xml"
    feed.write_text(feed.read_text().replace(URL, "https://" + first_hop))
    (mirror_root / "m.uz.sputniknews.ru/20251112").mkdir(parents=True)
    sidecar(mirror_root, "m." + PAGE, "Status: 302", f"Location: {URL}")
    crawl()
    assert URL in urls(crawl.db) and len(urls(crawl.db)) == FEED_STORIES
    assert last_run(crawl.db)["health"] == "ok"


def test_a_page_in_another_charset_than_labelled_is_read_as_written(crawl, mirror_root):
    page = mirror_root / PAGE
    page.write_bytes(page.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    sidecar(mirror_root, PAGE, "Content-Type: text/html; charset=utf-8")
    crawl()
    [title] = rows(crawl.db, "SELECT title FROM stories WHERE url = ?", [URL])
    assert "\ufffd" not in title["title"] and "Минэнерго" in title["title"]
    run = last_run(crawl.db)
    assert run["health"] == "degraded"
    assert "1 pages in another charset than labelled (read as written)" in run["problems"]


FOREIGN = "https://evil.example.com/fake.html"


@pytest.mark.parametrize("how", ["redirect", "canonical", "redirect-with-canonical-back"])
def test_a_page_of_another_site_is_never_stored(crawl, mirror_root, how):
    html = (mirror_root / PAGE).read_text(encoding="utf-8").replace("Минэнерго", "Фальшивка")
    evil = mirror_root / "evil.example.com"
    evil.mkdir()
    if how == "canonical":
        (mirror_root / PAGE).write_text(html.replace(URL, FOREIGN), encoding="utf-8")
    else:
        (evil / "fake.html").write_text(html if how != "redirect" else html.replace(URL, FOREIGN))
        sidecar(mirror_root, PAGE, "Status: 301", f"Location: {FOREIGN}")
    crawl()
    stored = rows(crawl.db, "SELECT url, title FROM stories")
    assert len(stored) == FEED_STORIES - 1
    assert not [s for s in stored if "evil" in s["url"] or "Фальшивка" in s["title"]]
    run = last_run(crawl.db)
    assert run["health"] == "degraded"
    assert "1 stories dropped: ForeignUrl" in run["problems"]
    assert json.loads(run["dropped_reasons"]) == {"ForeignUrl": 1}


def test_a_canonical_link_naming_another_stored_story_is_not_trusted(crawl, mirror_root):
    page = mirror_root / PAGE
    html = page.read_text(encoding="utf-8")
    page.unlink()
    crawl()  # every other story stored; this one pending (404)
    page.write_text(
        html.replace(f'rel="canonical" href="{URL}"', f'rel="canonical" href="{OTHER}"')
    )
    crawl()
    stored = rows(crawl.db, "SELECT url, title FROM stories ORDER BY url")
    assert len(stored) == FEED_STORIES
    assert [s["url"] for s in stored if "Минэнерго" in s["title"]] == [URL]
    other = rows(crawl.db, "SELECT title FROM stories WHERE url = ?", [OTHER])[0]["title"]
    assert "Самарканд" in other  # the other story keeps its own URL and title
    run = last_run(crawl.db)
    assert run["health"] == "degraded"
    assert (
        "1 canonical links naming another story ignored (stored under the fetched URL)"
        in run["problems"]
    )
