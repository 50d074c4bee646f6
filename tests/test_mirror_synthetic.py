"""Synthetic tatarstan.ru ministries: what the registry, the mirror and the family's pages read."""

import json
from datetime import date

from scrapy.http import HtmlResponse, Request, TextResponse

from pressbot.mirror.layout import read_entry
from pressbot.mirror.synthetic import (
    publish,
    site_releases,
    write_portal_sites,
    write_registry,
)
from pressbot.pages.tatarstan import (
    TatarstanApiItem,
    TatarstanArticlePage,
    TatarstanTapePage,
    api_article_item,
    api_list_items,
)
from pressbot.registry import load_registry

API_1 = "https://m0001.tatarstan.ru/index.htm/news?format=json&limit=15&page=1"
TAPE_1 = "https://m0001.tatarstan.ru/index.htm/news/tape?page=1"


def fetched(root, url, cls=TextResponse):
    entry = read_entry(root, url)
    response = cls(url, status=entry.status, body=entry.body, encoding="utf-8")
    return entry, response.replace(request=Request(url))


def test_registry_names_every_site_as_a_tatarstan_source(tmp_path):
    keys = write_registry(tmp_path / "sources.toml", 3)
    registry = load_registry(tmp_path / "sources.toml")
    assert list(registry) == keys == ["m0000_tatarstan", "m0001_tatarstan", "m0002_tatarstan"]
    assert [(s.family, s.kind, s.host) for s in registry.values()] == [
        ("tatarstan", "ministry", f"m000{n}.tatarstan.ru") for n in range(3)
    ]


def test_the_api_lists_releases_with_their_text_newest_first(tmp_path):
    hosts = write_portal_sites(tmp_path, 2, releases=2, newest=date(2025, 11, 10))
    assert hosts == ["m0000.tatarstan.ru", "m0001.tatarstan.ru"]
    entry, response = fetched(tmp_path, API_1)
    assert entry.status == 200 and "json" in entry.headers["Content-Type"]
    assert api_list_items(response) == [
        {
            "id": 3001001,
            "title": "Министерство № 1 провело совещание по вопросам подготовки кадров (1)",
            "lead": "<p>Совещание № 1 прошло в Казани.</p>",
            "url": "/index.htm/news/3001001.htm",
            "news_date": "2025-11-10",
            "text": "<p>Министерство № 1 провело совещание № 1 по вопросам подготовки кадров.</p>"
            "<p>Участники обсудили планы на 2026 год и поручили подготовить предложения "
            "до 10 ноября.</p>",
            "image_file_big": None,
            "photoreport": None,
        },
        {
            "id": 3001000,
            "title": "Министерство № 1 провело совещание по вопросам экспорта (0)",
            "lead": "<p>Совещание № 0 прошло в Казани.</p>",
            "url": "/index.htm/news/3001000.htm",
            "news_date": "2025-11-09",
            "text": "<p>Министерство № 1 провело совещание № 0 по вопросам экспорта.</p>"
            "<p>Участники обсудили планы на 2026 год и поручили подготовить предложения "
            "до 9 ноября.</p>",
            "image_file_big": None,
            "photoreport": None,
        },
    ]
    assert api_list_items(fetched(tmp_path, API_1.replace("page=1", "page=2"))[1]) == []
    assert (
        b"Disallow: /search/" in read_entry(tmp_path, "https://m0001.tatarstan.ru/robots.txt").body
    )


def test_articles_and_tape_agree_with_the_api(tmp_path):
    write_portal_sites(tmp_path, 2, releases=3)
    listed = [TatarstanApiItem(i, "https://m0001.tatarstan.ru") for i in site_json(tmp_path)]
    tape = TatarstanTapePage(fetched(tmp_path, TAPE_1, HtmlResponse)[1]).entries()
    assert [e.url for e in tape] == [i.url() for i in listed]
    assert [e.title for e in tape] == [i.item["title"] for i in listed]
    for entry, item in zip(tape, listed, strict=True):
        article = fetched(tmp_path, item.url() + "?format=json")[1]
        assert api_article_item(article) == item.item
        page = TatarstanArticlePage(fetched(tmp_path, item.url(), HtmlResponse)[1], entry)
        from_page, from_api = page.to_story("m0001_tatarstan"), item.to_story("m0001_tatarstan")
        assert (from_page.title, from_page.body) == (from_api.title, from_api.body)


def site_json(root):
    return json.loads(read_entry(root, API_1).body)["items"]


def test_a_failing_site_answers_500_on_api_and_tape(tmp_path):
    write_portal_sites(tmp_path, 3, failing=[1])
    assert read_entry(tmp_path, API_1).status == 500
    assert read_entry(tmp_path, TAPE_1).status == 500
    assert read_entry(tmp_path, API_1.replace("m0001", "m0002")).status == 200


def test_publish_puts_a_new_release_on_top_and_pages_on(tmp_path):
    write_portal_sites(tmp_path, 2, releases=15)
    new = publish(tmp_path, 1, date(2025, 11, 11))
    assert new.id == 3001015 and new.day == date(2025, 11, 11)
    assert [r.id for r in site_releases(tmp_path, 1)] == list(range(3001015, 3000999, -1))
    assert site_json(tmp_path)[0]["url"] == "/index.htm/news/3001015.htm"
    assert (
        len(json.loads(read_entry(tmp_path, API_1.replace("page=1", "page=2")).body)["items"]) == 1
    )
    assert len(site_releases(tmp_path, 0)) == 15  # the other sites are unchanged
