import pytest
from scrapy.http import HtmlResponse

from pressbot.exceptions import UnknownSource
from pressbot.items import Story
from pressbot.pages.kremlin import KremlinArticlePage
from pressbot.pipelines.normalise import NormalisePipeline
from pressbot.registry import load_registry


@pytest.fixture
def pipeline():
    return NormalisePipeline(load_registry())


def story(**fields) -> Story:
    base = {
        "source": "sputnik_uz",
        "url": "https://uz.sputniknews.ru/1/a-1.html",
        "title": "T",
        "body": "B",
    }
    return Story(**{**base, **fields})


def test_times_in_the_source_zone(pipeline):
    item = pipeline.process_item(
        story(published_raw="14:12 12.11.2025", updated_raw="(обновлено: 14:23 12.11.2025)")
    )
    assert (item.published_at, item.published_local, item.published_precision) == (
        "2025-11-12T09:12:00+00:00",
        "2025-11-12T14:12:00+05:00",
        "minute",
    )
    assert (item.updated_at, item.updated_local) == (
        "2025-11-12T09:23:00+00:00",
        "2025-11-12T14:23:00+05:00",
    )


def test_the_feed_time_completes_a_day_only_page(pipeline):
    item = pipeline.process_item(
        story(published_raw="2025-11-12", listed_raw="Wed, 12 Nov 2025 14:12:00 +0500")
    )
    assert (item.published_at, item.published_precision) == ("2025-11-12T09:12:00+00:00", "minute")


def test_a_feed_time_of_another_day_is_not_taken(pipeline):
    item = pipeline.process_item(
        story(published_raw="2025-11-12", listed_raw="Thu, 13 Nov 2025 14:12:00 +0500")
    )
    assert (item.published_at, item.published_precision) == ("2025-11-12", "day")


def test_url_and_text_are_cleaned(pipeline):
    item = pipeline.process_item(
        story(
            url="http://www.uz.sputniknews.ru/1/a-1.html?utm_source=x",
            title="  Делегация\xa0Татарстана ",
            body="Первый\xa0абзац\n\n\n\n  Второй  ",
            tags=["Татарстан", " Татарстан", ""],
        )
    )
    assert item.url == "https://uz.sputniknews.ru/1/a-1.html"
    assert item.title == "Делегация Татарстана"
    assert item.body == "Первый абзац\n\nВторой"
    assert item.tags == ["Татарстан"]
    assert item.language == "ru"


def test_unknown_source_is_dropped(pipeline):
    with pytest.raises(UnknownSource):
        pipeline.process_item(story(source="nowhere"))


@pytest.mark.parametrize("raw", ["9999-12-31T23:59-1200", "0001-01-01T00:10+0100", "20251112T9999"])
def test_a_moment_out_of_range_is_no_date_not_an_error(pipeline, raw):
    item = pipeline.process_item(story(source="kremlin_news", published_raw=raw, updated_raw=raw))
    assert (item.published_at, item.updated_at) == (None, None)


def test_an_escaped_entity_in_a_title_is_kept_as_the_page_shows_it(pipeline):
    html = "<div class='read'><h1 class='entry-title'>Форум &amp;laquo;Россия&amp;raquo;</h1>"
    page = KremlinArticlePage(HtmlResponse(url="http://kremlin.ru/e/1", body=html.encode()))
    item = pipeline.process_item(page.to_story("kremlin_news"))
    assert item.title == "Форум &laquo;Россия&raquo;"
