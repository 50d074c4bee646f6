"""The shipped Datasette metadata, tried with Datasette's own test client."""

import asyncio
from pathlib import Path

import pytest
import yaml

datasette_app = pytest.importorskip("datasette.app")

METADATA = yaml.safe_load((Path(__file__).parent.parent / "datasette/metadata.yml").read_text())


def get(db: Path, path: str):
    async def fetch():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA)
        return await ds.client.get(path)

    return asyncio.run(fetch())


def rows(db: Path, path: str) -> list[dict]:
    response = get(db, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_latest_stories(archive_copy):
    latest = rows(archive_copy, "/pressbot/latest_stories.json")
    assert len(latest) == 61
    assert latest[0]["title"] == "Как выглядит промпарк в Навои изнутри: фоторепортаж"
    assert latest[0]["source"] == "Sputnik Узбекистан"


def test_stories_of_one_source_between_two_dates(archive_copy):
    found = rows(
        archive_copy,
        "/pressbot/source_between_dates.json?source=mpt_tatarstan"
        "&since=2025-11-10&until=2025-11-11",
    )
    assert [r["published_local"] for r in found] == ["2025-11-10", "2025-11-11"]


def test_full_text_search_with_snippets(archive_copy):
    found = rows(archive_copy, "/pressbot/search_with_snippets.json?query=Турсунов*")
    assert {r["source"] for r in found} == {
        "sputnik_uz",
        "mpt_tatarstan",
        "prtuz_tatarstan",
        "navoi_khokimiyat",
    }
    assert all("[Турсунов" in r["snippet"] for r in found)


def test_revisions_of_a_story(archive_copy):
    from pressbot.archive.database import Archive

    archive = Archive(archive_copy)
    row = next(archive.db.query("SELECT * FROM stories WHERE url LIKE '%53415010.html'"))
    archive.save_story(
        {**row, "title": row["title"] + " «Самарканд»", "tags": [], "images": [], "authors": []},
        "2025-11-13T12:00:00+00:00",
    )
    archive.close()
    (revision,) = rows(archive_copy, f"/pressbot/story_revisions_changes.json?story_id={row['id']}")
    assert revision["changed"] == '["title"]'
    assert revision["current_title"].endswith("«Самарканд»")


def test_duplicates_per_source_and_day(archive_copy):
    found = rows(archive_copy, "/pressbot/duplicates_per_source_day.json")
    assert {r["source"] for r in found} >= {"sputnik_uz", "navoi_khokimiyat"}
    assert all(r["day"] == "2025-11-13" for r in found)


def test_failing_or_silent_sources(archive_copy):
    import sqlite3

    conn = sqlite3.connect(archive_copy)
    conn.execute(
        "UPDATE crawl_runs SET health = 'failing', problems = '[\"5 errors logged\"]' "
        "WHERE source = 'kremlin_news'"
    )
    conn.commit()
    conn.close()
    failing = rows(archive_copy, "/pressbot/failing_or_silent_sources.json?days=100000")
    assert [r["source"] for r in failing] == ["kremlin_news"]
    everything_quiet = rows(archive_copy, "/pressbot/failing_or_silent_sources.json?days=0")
    assert len(everything_quiet) == 10


def test_releases_per_ministry_per_week(archive_copy):
    weeks = rows(archive_copy, "/pressbot/releases_per_ministry_week.json")
    assert {(r["source"], r["week"], r["releases"]) for r in weeks} == {
        ("mert_tatarstan", "2025-W45", 4),
        ("mert_tatarstan", "2025-W44", 2),
        ("mpt_tatarstan", "2025-W45", 4),
        ("mpt_tatarstan", "2025-W44", 2),
    }


def test_search_box_facets_and_source_titles(archive_copy):
    searched = get(archive_copy, "/pressbot/story_index?_search=Навои&_facet=kind&_facet=country")
    assert searched.status_code == 200
    assert "news_agency" in searched.text and "regional_government" in searched.text
    listed = get(archive_copy, "/pressbot/stories?source=sputnik_uz")
    assert "Sputnik Узбекистан" in listed.text  # the foreign key shows the source's title
    page = get(archive_copy, "/pressbot/stories")
    assert "One row per story" in page.text and 'name="_search"' in page.text
