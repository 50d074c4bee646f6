"""The shipped Datasette metadata, tried with Datasette's own test client."""

import asyncio
import importlib.util
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from conftest import rows as query

from pressbot.archive.datasette import database_name, metadata_for

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


def test_a_match_in_the_title_alone_is_highlighted(archive_copy):
    from pressbot.archive.database import Archive

    archive = Archive(archive_copy)
    row = next(archive.db.query("SELECT * FROM stories WHERE url LIKE '%53415010.html'"))
    title = row["title"] + " Заглавнослово"
    archive.save_story({**row, "title": title, "tags": [], "images": []}, "2025-11-13T12:00:00Z")
    archive.close()
    (found,) = rows(archive_copy, "/pressbot/search_with_snippets.json?query=Заглавнослово")
    assert "[Заглавнослово]" in found["snippet"]


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


# --- Releases and their coverage ----------------------------------------------------


def story_id(db: Path, url_end: str) -> int:
    (found,) = query(db, "SELECT id FROM stories WHERE url LIKE ?", ("%" + url_end,))
    return found["id"]


def link(db: Path, release: int, story: int, lag_days: int = 0, lag_seconds=None) -> None:
    """A coverage link made by hand, as the linker writes them."""
    import sqlite_utils

    database = sqlite_utils.Database(db)
    database["coverage"].insert(
        {
            "release_id": release,
            "story_id": story,
            "release_source": database["stories"].get(release)["source"],
            "story_source": database["stories"].get(story)["source"],
            "release_share": 0.5,
            "story_share": 0.25,
            "longest_passage": 20,
            "topic": 0.9,
            "attribution_match": False,
            "score": 1.0,
            "lag_seconds": lag_seconds,
            "lag_days": lag_days,
            "lag_precision": "day" if lag_seconds is None else "minute",
            "method": "by hand",
            "linked_at": "2025-11-13T09:00:00+00:00",
        }
    )
    database.close()


def clear_coverage(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM coverage")
    conn.commit()
    conn.close()


SEED = "53411453.html"  # Sputnik's story of the mpt_tatarstan release
MPT_RELEASE = "mpt.tatarstan.ru/index.htm/news/2543810.htm"


def test_coverage_of_one_release_by_id_or_url(archive_copy):
    release = story_id(archive_copy, MPT_RELEASE)
    other = story_id(archive_copy, "rais.tatarstan.ru/index.htm/news/2542950.htm")
    link(archive_copy, other, story_id(archive_copy, "53415010.html"))  # not this release's
    linked = query(archive_copy, "SELECT story_id FROM coverage WHERE release_id = ?", (release,))
    by_id = rows(archive_copy, f"/pressbot/release_coverage.json?release_id={release}")
    assert sorted(r["story_id"] for r in by_id) == sorted(r["story_id"] for r in linked)
    url = "https://" + MPT_RELEASE
    assert rows(archive_copy, f"/pressbot/release_coverage.json?url={url}") == by_id
    seed = next(r for r in by_id if r["url"].endswith(SEED))
    assert seed["outlet"] == "Sputnik Узбекистан"
    assert seed["published"] == "2025-11-12T14:12:00+05:00"
    assert seed["lag"] == "0 d" and seed["attribution_match"] == 1
    assert 0 < seed["release_share"] <= 1 and 0 < seed["story_share"] <= 1


def test_coverage_of_a_release_spans_its_language_versions(archive_copy):
    russian = story_id(archive_copy, "gov.uz/ru/navoi/news/view/160398")
    uzbek = story_id(archive_copy, "gov.uz/oz/navoi/news/view/160398")
    story = story_id(archive_copy, "53415010.html")
    link(archive_copy, uzbek, story, lag_days=0, lag_seconds=5400)
    (found,) = rows(archive_copy, f"/pressbot/release_coverage.json?release_id={russian}")
    assert (found["story_id"], found["release_language"]) == (story, "uz-Latn")
    assert found["lag"] == "1.5 h"


def test_a_story_page_shows_its_release_and_a_release_page_its_coverage(archive_copy):
    release, seed = story_id(archive_copy, MPT_RELEASE), story_id(archive_copy, SEED)
    story_page = get(archive_copy, f"/pressbot/stories/{seed}").text
    assert f'href="/pressbot/coverage?story_id={seed}"' in story_page
    release_page = get(archive_copy, f"/pressbot/stories/{release}").text
    assert f'href="/pressbot/coverage?release_id={release}"' in release_page
    (shown,) = rows(archive_copy, f"/pressbot/coverage.json?story_id={seed}&_labels=on")
    assert shown["release_id"] == {
        "value": release,
        "label": "Делегация Татарстана посетила промышленные парки Бухарской и Навоийской областей",
    }
    (found,) = rows(archive_copy, f"/pressbot/story_releases.json?story_id={seed}")
    assert (found["release_id"], found["url"]) == (release, "https://" + MPT_RELEASE)
    assert found["source"] == "Министерство промышленности и торговли Республики Татарстан"


def test_pickup_per_official_source_and_week(archive_copy):
    """Nearest-rank percentiles: of ten pickups the 5th and the 9th lag; of five, the 3rd
    and the 5th. Language versions of one release are one release."""
    db = archive_copy
    clear_coverage(db)
    release = story_id(db, MPT_RELEASE)
    news = [
        r["id"]
        for r in query(db, "SELECT id FROM stories WHERE source != 'mpt_tatarstan' ORDER BY id")
    ]
    day_lags = [13, 0, 8, 1, 0, 5, 1, 3, 2, 1]
    minute_lags = {0: 7200, 1: 600, 4: 3600, 6: 1200, 8: 300}  # seconds, five of them
    for n, days in enumerate(day_lags):
        link(db, release, news[n], lag_days=days, lag_seconds=minute_lags.get(n))
    story = story_id(db, "53415010.html")
    link(db, story_id(db, "gov.uz/ru/navoi/news/view/160412"), story)
    link(db, story_id(db, "gov.uz/oz/navoi/news/view/160412"), story_id(db, SEED))
    weeks = {
        (r["source"], r["week"]): r for r in rows(db, "/pressbot/official_sources_weekly.json")
    }
    mpt = weeks["mpt_tatarstan", "2025-W45"]
    assert {k: v for k, v in mpt.items() if k not in ("source", "title", "week")} == {
        "releases": 4,
        "picked_up": 1,
        "share_picked_up": 0.25,
        "pickups": 10,
        "median_lag_days": 1,
        "p90_lag_days": 8,
        "median_lag_minutes": 20,
        "p90_lag_minutes": 120,
    }
    navoi = weeks["navoi_khokimiyat", "2025-W45"]
    assert (navoi["releases"], navoi["picked_up"], navoi["pickups"]) == (4, 1, 2)
    assert navoi["median_lag_minutes"] is None
    quiet = weeks["mpt_tatarstan", "2025-W44"]
    assert (quiet["releases"], quiet["picked_up"], quiet["median_lag_days"]) == (2, 0, None)
    assert "sputnik_uz" not in {source for source, _ in weeks}


def test_bodies_the_registry_is_missing(archive_copy):
    import sqlite_utils

    db = sqlite_utils.Database(archive_copy)
    seed, airport = story_id(archive_copy, SEED), story_id(archive_copy, "53415010.html")
    official = story_id(archive_copy, MPT_RELEASE)

    def cites(story: int, named: str, source: str | None = None) -> dict:
        return {"story_id": story, "phrase": f"по данным {named}", "named": named, "source": source}

    db["attributions"].insert_all(
        [
            cites(seed, "Агентства статистики"),
            cites(airport, "Агентства статистики"),
            cites(airport, "Агентства статистики"),
            cites(official, "Союз экспортёров"),
            cites(seed, "Минпромторг РТ", "mpt_tatarstan"),
        ]
    )
    db.close()
    found = {r["body"]: r for r in rows(archive_copy, "/pressbot/unregistered_bodies.json")}
    cited = found["Агентства статистики"]
    assert (cited["stories"], cited["mentions"], cited["outlets"]) == (2, 3, "sputnik_uz")
    assert cited["first_day"] == cited["last_day"] == "2025-11-12"
    assert cited["latest_phrase"] == "по данным Агентства статистики"
    assert "Союз экспортёров" not in found  # an official source's story, not the news
    assert "Минпромторг РТ" not in found  # a registered source
    unregistered = query(
        archive_copy,
        "SELECT DISTINCT a.named FROM attributions a JOIN stories s ON s.id = a.story_id "
        "WHERE a.source IS NULL AND s.source = 'sputnik_uz'",
    )
    assert set(found) == {r["named"] for r in unregistered}


# --- The coverage dashboard (datasette-dashboards) -------------------------------------

DASHBOARD = METADATA["plugins"]["datasette-dashboards"]["coverage"]


def charts_on(db: Path, path: str) -> dict[str, list[dict]]:
    """Load a dashboard page, then each chart's data as the page's script fetches it:
    the chart's query, its filters filled in, from /<db>.json."""
    import json
    import re

    page = get(db, path)
    assert page.status_code == 200, page.text[:500]
    data = {}
    for slug, spec, filters in re.findall(
        r"renderChart\('([^']+)', (\{.*\}), '([^']*)', '[^']*'\)", page.text
    ):
        chart = json.loads(spec)
        if chart["library"] == "markdown":
            continue
        params = {"sql": chart["query"], "_shape": "array"}
        params.update(p.split("=", 1) for p in filters.split("&") if p)
        answer = get(db, f"/{chart['db']}.json?" + urlencode(params))
        assert answer.status_code == 200, (slug, answer.text[:500])
        data[slug] = answer.json()
    return data


def test_the_dashboard_lists_and_draws_its_charts(archive_copy):
    pytest.importorskip("datasette_dashboards")
    listed = get(archive_copy, "/-/dashboards")
    assert listed.status_code == 200 and DASHBOARD["title"] in listed.text
    page = get(archive_copy, "/-/dashboards/coverage").text
    assert all(chart.get("title", "") in page for chart in DASHBOARD["charts"].values())
    assert '<option value="mpt_tatarstan"' in page and 'value="sputnik_uz"' not in page
    assert 'href="/pressbot/official_sources_weekly"' in page  # the note's links
    for slug in DASHBOARD["charts"]:
        assert get(archive_copy, f"/-/dashboards/coverage/{slug}").status_code == 200


def test_every_chart_draws_columns_its_query_returns(archive_copy):
    pytest.importorskip("datasette_dashboards")
    link(
        archive_copy,
        story_id(archive_copy, "gov.uz/ru/navoi/news/view/160398"),
        story_id(archive_copy, "53415010.html"),
        lag_seconds=5400,
    )
    data = charts_on(archive_copy, "/-/dashboards/coverage")
    assert set(data) == {"weekly", "lag-days", "lag-hours"}
    for slug, found in data.items():
        fields = {e["field"] for e in DASHBOARD["charts"][slug]["display"]["encoding"].values()}
        assert found and all(fields <= set(row) for row in found), slug


def test_the_charts_count_releases_and_pickups(archive_copy):
    pytest.importorskip("datasette_dashboards")
    release = story_id(archive_copy, "gov.uz/ru/navoi/news/view/160398")
    link(archive_copy, release, story_id(archive_copy, "53415010.html"), lag_seconds=5400)
    links = query(archive_copy, "SELECT release_source FROM coverage")
    data = charts_on(archive_copy, "/-/dashboards/coverage")
    weekly = {(r["week"], r["series"]): r["stories"] for r in data["weekly"]}
    assert weekly["2025-W45", "releases"] == 9 * 4  # nine official sources, four releases each
    assert sum(n for (_, series), n in weekly.items() if series == "pickups") == len(links)
    assert sum(r["pickups"] for r in data["lag-days"]) == len(links)
    assert data["lag-hours"] == [{"lag_hours": 1, "pickups": 1}]
    one = charts_on(archive_copy, "/-/dashboards/coverage?source=navoi_khokimiyat")
    assert {(r["series"], r["stories"]) for r in one["weekly"] if r["week"] == "2025-W45"} == {
        ("releases", 4),
        ("pickups", 1),
    }
    assert one["lag-days"] == [{"lag_days": 0, "lag_precision": "minute", "pickups": 1}]


def test_the_metadata_renamed_for_another_file_name_leaves_no_trace_of_the_old():
    renamed = metadata_for(METADATA, "archive")
    assert list(renamed["databases"]) == ["archive"]
    assert renamed["databases"]["archive"] == METADATA["databases"]["pressbot"]
    text = yaml.safe_dump(renamed, allow_unicode=True)
    assert "db: pressbot" not in text and "](/pressbot/" not in text
    assert "](/archive/official_sources_weekly)" in text
    assert renamed["title"] == METADATA["title"]


def test_datasette_works_the_same_whatever_the_file_is_called(archive_copy, tmp_path):
    db = tmp_path / "archive.db"
    shutil.copy(archive_copy, db)
    metadata = metadata_for(METADATA, database_name(db))

    def fetch(path):
        async def run():
            return await datasette_app.Datasette([str(db)], metadata=metadata).client.get(path)

        return asyncio.run(run())

    latest = fetch("/archive/latest_stories.json?_shape=array").json()
    assert len(latest) == 61
    assert "One row per story, showing its newest version" in fetch("/archive/stories").text
    facets = fetch("/archive/stories.json").json()["facet_results"]  # the metadata's facets
    assert {"source", "language", "published_precision"} <= set(facets)
    if importlib.util.find_spec("datasette_dashboards"):
        page = fetch("/-/dashboards/coverage").text
        assert '<option value="mpt_tatarstan"' in page
        assert 'href="/archive/official_sources_weekly"' in page
