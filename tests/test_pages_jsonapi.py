"""JSON readers: one item of the wrong shape is that item's problem, never its page's."""

import json

import pytest
from scrapy.http import Request, TextResponse

from pressbot.exceptions import MalformedField
from pressbot.items import Story
from pressbot.pages.govuz import GovUzNewsItem, news_detail, news_list
from pressbot.pages.jsonapi import api_id, checked, malformed, page_count
from pressbot.pages.tatarstan import TatarstanApiItem, api_list_items
from pressbot.pipelines.normalise import NormalisePipeline
from pressbot.pipelines.validate import ValidatePipeline
from pressbot.registry import load_registry

HOMEPAGE = "https://mpt.tatarstan.ru"


def good_item(n: int) -> dict:
    return {
        "id": n,
        "title": f"Релиз {n}",
        "lead": "<p>Анонс</p>",
        "url": f"/index.htm/news/{n}.htm",
        "news_date": "2025-11-12",
        "text": "<p>Текст релиза.</p>",
        "image_file_big": None,
        "photoreport": None,
    }


BAD_VALUES = [
    ("title", 777),
    ("text", 42),
    ("url", 2543799),
    ("news_date", 20251112),
    ("lead", ["a", "list"]),
    ("image_file_big", {"an": "object"}),
]


def json_response(url: str, data: object, **kwargs) -> TextResponse:
    """A JSON answer to a request for `url` (spider callbacks read its request's meta)."""
    kwargs.setdefault("request", Request(url))
    return TextResponse(url=url, body=json.dumps(data).encode(), encoding="utf-8", **kwargs)


def tatarstan_page() -> TextResponse:
    items = [good_item(1)]
    for n, (field, value) in enumerate(BAD_VALUES, start=2):
        items.append({**good_item(n), field: value})
    items.append(good_item(99))
    return json_response(f"{HOMEPAGE}/index.htm/news?format=json&limit=15&page=1", {"items": items})


def through_pipelines(story: Story) -> Story:
    """Normalise then validate, as the crawl's pipeline chain does."""
    normalised = NormalisePipeline(load_registry()).process_item(story)
    return ValidatePipeline().process_item(normalised)


def test_checked_blanks_and_names_a_field_of_the_wrong_type():
    fields = checked({"id": 1, "title": 777, "lead": None, "text": "ok"}, ("title", "lead", "text"))
    assert fields == {"id": 1, "title": "", "lead": None, "text": "ok"}
    assert malformed(fields) == ["title is int 777"]
    assert malformed({"title": 777}) == []  # a plain dict was never checked


@pytest.mark.parametrize(
    ("value", "expected"),
    [(160412, "160412"), ("160412", "160412"), (" 7 ", "7"), (True, ""), (1.5, ""), ("x", "")],
)
def test_api_id(value, expected):
    assert api_id(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(3, 3), ("3", 3), ("three", 0), (None, 0)])
def test_page_count(value, expected):
    assert page_count(value) == expected


def test_a_tatarstan_item_of_the_wrong_type_loses_that_item_only():
    items = [TatarstanApiItem(i, HOMEPAGE) for i in api_list_items(tatarstan_page())]
    assert len(items) == len(BAD_VALUES) + 2
    kept, dropped = [], []
    for item in items:
        assert item.has_text()  # yielded from the list: a malformed one is not fetched again
        try:
            kept.append(through_pipelines(item.to_story("mpt_tatarstan")).title)
        except MalformedField as exc:
            dropped.append(str(exc).split(" is ")[0])
    assert kept == ["Релиз 1", "Релиз 99"]
    assert dropped == [field for field, _ in BAD_VALUES]


def test_the_tatarstan_spider_reads_the_rest_of_a_page_with_a_malformed_item(make_spider):
    spider = make_spider("mpt_tatarstan")
    results = list(spider.parse_api_list(tatarstan_page(), page=1))
    stories = [r for r in results if isinstance(r, Story)]
    assert [s.title for s in stories if not s.malformed] == ["Релиз 1", "Релиз 99"]
    assert len(stories) == len(BAD_VALUES) + 2
    assert not [r for r in results if isinstance(r, Request) and "tape" in r.url]  # no fallback


GOVUZ_LIST = "https://api-portal.gov.uz/authorities/news/category?code_name=news&page=1"
GOVUZ_DETAIL = "https://api-portal.gov.uz/authorities/news/view?id=5"


@pytest.mark.parametrize("total_page", ["many", None, 2.5, [3], {"n": 3}])
def test_a_govuz_page_count_that_is_no_number_means_page_until_empty(total_page):
    data = {
        "data": [{"id": 5, "title": "T", "date": "2025-11-12 10:00:00"}],
        "total_page": total_page,
    }
    items, pages = news_list(json_response(GOVUZ_LIST, data))
    assert (len(items), pages) == (1, 0)


def test_a_govuz_list_item_of_the_wrong_type_is_read_and_one_without_an_id_left_out():
    data = {
        "data": [
            {"id": 5, "title": 12345, "date": 20251112},
            {"id": {"no": "id"}, "title": "T"},
            {"id": "6", "title": "T", "date": "2025-11-12 10:00:00"},
        ],
        "total_page": 1,
    }
    items, _ = news_list(json_response(GOVUZ_LIST, data))
    assert [(i["id"], i["title"], i["date"]) for i in items] == [
        (5, "", ""),
        ("6", "T", "2025-11-12 10:00:00"),
    ]


def test_the_govuz_spider_reads_a_list_with_malformed_items(make_spider):
    spider = make_spider("navoi_khokimiyat")
    data = {"data": [{"id": 5, "title": 1, "date": 2}, {"id": 6, "title": "T"}], "total_page": "x"}
    response = json_response(GOVUZ_LIST, data, request=Request(GOVUZ_LIST))
    requests = list(spider.parse_list(response, lang="ru", page=1))
    assert [r.url for r in requests] == [
        "https://api-portal.gov.uz/authorities/news/view?id=5",
        "https://api-portal.gov.uz/authorities/news/view?id=6",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", 160412), ("body", 7), ("anons", 1.5), ("date", 20251112), ("updated_date", [1])],
)
def test_a_govuz_detail_field_of_the_wrong_type_drops_that_story(field, value):
    detail = {
        "id": 5,
        "title": "Заголовок",
        "anons": "Анонс",
        "body": "<p>Текст</p>",
        "date": "2025-11-12 10:00:00",
        "updated_date": "2025-11-12 10:00:00",
        "body_image": [3, "/img/1.jpg"],
    }
    data = news_detail(json_response(GOVUZ_DETAIL, {"data": {**detail, field: value}}))
    story = GovUzNewsItem(data, "navoi", "ru").to_story("navoi_khokimiyat")
    with pytest.raises(MalformedField, match=f"^{field} is "):
        through_pipelines(story)
    good = GovUzNewsItem(news_detail(json_response(GOVUZ_DETAIL, {"data": detail})), "navoi", "ru")
    assert through_pipelines(good.to_story("navoi_khokimiyat")).title == "Заголовок"
