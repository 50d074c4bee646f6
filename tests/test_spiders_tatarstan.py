"""The tatarstan.ru family through real `scrapy crawl` runs against the mirror."""

import json
from pathlib import Path

import pytest
from conftest import rows, stories

EXPECTED = Path(__file__).parent / "expected"
TATARSTAN = [
    "mpt_tatarstan",
    "rais_tatarstan",
    "prav_tatarstan",
    "mert_tatarstan",
    "prtuz_tatarstan",
]
API_PAGE_1 = "mpt.tatarstan.ru/index.htm/news/.page?format=json&limit=15&page=1"
DELEGATION = "https://mpt.tatarstan.ru/index.htm/news/2543810.htm"


@pytest.mark.parametrize("key", TATARSTAN)
def test_api_crawl_stores_every_release_exactly(crawl, key):
    crawl(key)
    assert stories(crawl.db) == json.loads((EXPECTED / key / "api_crawl_rows.json").read_text())


def test_day_precision_never_invents_a_time(crawl):
    crawl("mpt_tatarstan")
    for story in stories(crawl.db):
        assert story["published_precision"] == "day"
        assert story["published_at"] == story["published_local"] == story["published_raw"]


def test_two_releases_of_one_day_stay_two_and_titles_are_clean(crawl):
    crawl("mpt_tatarstan")
    same_day = stories(crawl.db, "published_at = ?", ["2025-11-12"])
    assert len(same_day) == 2
    (entities,) = stories(crawl.db, "title LIKE ?", ["Подведены итоги%"])
    assert entities["title"] == "Подведены итоги конкурса «Лучший экспортер Татарстана» — 2025"


def test_photo_report_and_empty_lead(crawl):
    crawl("mpt_tatarstan")
    (delegation,) = stories(crawl.db, "url = ?", [DELEGATION])
    assert delegation["photoreport_url"] == (
        "https://mpt.tatarstan.ru/pressa/photoreports/photoreport/31245.htm"
    )
    assert "Фото:" not in delegation["body"]
    assert json.loads(delegation["images"])[0]["credit"] == "Фото: пресс-служба Минпромторга РТ"
    assert stories(crawl.db, "lead = ''")[0]["title"].startswith("Олег Коробченко встретился")


def test_the_article_json_fills_in_a_release_the_list_gives_no_text(crawl, mirror):
    crawl("mpt_tatarstan")
    (story,) = stories(crawl.db, "url LIKE ?", ["%/2543301.htm"])
    assert story["body"].startswith("Заседание совета по развитию промышленных парков")
    assert "200 /mpt.tatarstan.ru/index.htm/news/2543301.htm?format=json" in mirror.requests()


@pytest.mark.parametrize(
    "broken_api",
    [
        "Status: 503\n",  # an HTTP error
        "Content-Type: text/html\n",  # a maintenance page answered with 200
    ],
)
def test_html_fallback_gives_the_same_stories(crawl, mirror, mirror_root, broken_api):
    page_1 = mirror_root / API_PAGE_1
    if "503" in broken_api:
        page_1.with_name(page_1.name + ".http").write_text(broken_api)
    else:
        page_1.write_text("<html><body><h1>Технические работы</h1></body></html>")
    # an API answering 503 and one answering HTML: the same recovery, the same verdict
    result = crawl("mpt_tatarstan")
    [run] = rows(crawl.db, "SELECT health, problems FROM crawl_runs")
    assert run["health"] == "degraded"
    assert "recovered: the JSON API was unusable, the HTML tape was read" in run["problems"]
    assert "JSON API unusable" in result.log and "reading the HTML news tape" in result.log
    assert any("/index.htm/news/tape?page=1" in r for r in mirror.requests())
    expected = json.loads((EXPECTED / "mpt_tatarstan" / "api_crawl_rows.json").read_text())
    got = stories(crawl.db)
    assert [
        (s["url"], s["title"], s["lead"], s["body"]) for s in got if s["url"] != DELEGATION
    ] == [(s["url"], s["title"], s["lead"], s["body"]) for s in expected if s["url"] != DELEGATION]


def test_a_time_shown_later_gives_minute_precision_without_a_second_story(crawl, mirror_root):
    crawl("mpt_tatarstan", PRESSBOT_NOW="2025-11-12T08:00:00+00:00")
    page_1 = mirror_root / API_PAGE_1
    page_1.with_name(page_1.name + ".http").write_text("Status: 500\n")
    # a day after the release the 24 h re-check reads its page, which shows the time
    crawl("mpt_tatarstan", PRESSBOT_NOW="2025-11-13T01:00:00+00:00")  # recovered: degraded
    assert len(stories(crawl.db)) == 6
    (delegation,) = stories(crawl.db, "url = ?", [DELEGATION])
    assert delegation["published_precision"] == "minute"
    assert delegation["published_at"] == "2025-11-12T12:40:00+00:00"
    assert delegation["published_local"] == "2025-11-12T15:40:00+03:00"
    assert rows(crawl.db, "SELECT count(*) n FROM story_revisions") == [{"n": 0}]
