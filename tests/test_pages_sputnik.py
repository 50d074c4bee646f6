import dataclasses
import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from pressbot.pages.sputnik import SputnikArticlePage
from pressbot.utils import timeparse

SITE = Path(__file__).parent / "mirror" / "uz.sputniknews.ru"
EXPECTED = Path(__file__).parent / "expected" / "sputnik_uz"
SEED = "20251112/delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
ARTICLES = sorted(str(p.relative_to(SITE)) for p in SITE.glob("2025*/*.html"))


def page(path: str, body: bytes | None = None) -> SputnikArticlePage:
    url = f"https://uz.sputniknews.ru/{path}"
    return SputnikArticlePage(HtmlResponse(url=url, body=body or (SITE / path).read_bytes()))


@pytest.mark.parametrize("path", ARTICLES)
def test_whole_story_matches_expected(path):
    story = dataclasses.asdict(page(path).to_story("sputnik_uz"))
    expected = json.loads((EXPECTED / (Path(path).stem + ".json")).read_text())
    assert story == expected


@pytest.mark.parametrize("path", ARTICLES)
def test_no_noise_in_any_body(path):
    story = page(path).to_story("sputnik_uz")
    for noise in ("©", "Подписаться", "Реклама", "Sputnik Узбекистан, 1920"):
        assert noise not in story.body
        assert noise not in story.lead


def test_seed_title_and_lead():
    seed = page(SEED)
    assert seed.title() == (
        "Делегация Татарстана посетила промышленные парки в Бухарской и Навоийской областях"
    )
    assert seed.lead().startswith("Делегация, которую возглавил министр")


def test_seed_body_opens_with_dateline_and_ends_with_the_release():
    seed = page(SEED)
    body = seed.body()
    assert body.startswith("ТАШКЕНТ, 12 ноября — Sputnik. Делегация Татарстана")
    assert body.endswith("«Международная кооперация и экспорт».")
    assert body.count("\n\n") == 6  # seven paragraphs
    assert seed.dateline() == "ТАШКЕНТ"


def test_seed_body_leaves_out_captions_and_inserts():
    body = page(SEED).body()
    assert "Флаги Узбекистана и Татарстана" not in body
    assert "посетила промышленные парки в Узбекистане\n" not in body
    assert "подписали соглашения" not in body  # the related-article insert


def test_seed_images_keep_credits_apart():
    images = page(SEED).images()
    assert images[0] == {
        "url": "https://cdn1.img.sputniknews.uz/img/07e9/0b/0c/"
        "53411280_0:0:1280:720_1920x0_80_0_0_4be0a3c1f2f0d9a0c63e5b07d5e1a2f4.jpg",
        "caption": "Флаги Узбекистана и Татарстана",
        "credit": "© Sputnik / Сгенерировано ИИ",
    }
    assert images[1]["credit"] == "© Минпромторг Татарстана"


def test_every_date_on_the_seed_page_is_the_same_instant():
    seed = page(SEED)
    response = seed.response
    forms = [
        seed._itemprop("datePublished"),
        seed._meta("article:published_time"),
        seed._json_ld["datePublished"],
        response.css(".article__info-date a::text").get(),
        response.css(".article__info-date::attr(data-unixtime)").get(),
        "Wed, 12 Nov 2025 14:12:00 +0500",  # the RSS pubDate
    ]
    instants = {timeparse.parse(f, "Asia/Tashkent").at for f in forms}
    assert instants == {"2025-11-12T09:12:00+00:00"}


def test_visible_date_is_the_fallback():
    html = (SITE / SEED).read_text()
    for cut in ('<div itemprop="datePublished">2025-11-12T14:12+0500</div>',):
        html = html.replace(cut, "")
    html = html.replace('property="article:published_time"', 'property="x"')
    html = html.replace('"datePublished":"2025-11-12T14:12:00+05:00",', "")
    assert page(SEED, html.encode()).published_raw() == "14:12 12.11.2025"


def test_the_epoch_seconds_of_the_visible_date_are_the_last_fallback():
    html = (
        '<html><body><div class="article"><h1 class="article__title">T</h1>'
        '<div class="article__info-date" data-unixtime="1762938720"></div></div></body></html>'
    )
    assert page("1/a.html", html.encode()).published_raw() == "1762938720"


def test_the_og_title_without_the_outlet_is_the_title_when_the_heading_is_missing():
    html = (
        '<html><head><meta property="og:title" content="Курс доллара на 13 ноября - '
        'Sputnik Узбекистан"></head><body><div class="article"></div></body></html>'
    )
    assert page("1/a.html", html.encode()).title() == "Курс доллара на 13 ноября"


def test_no_lead_and_an_author():
    story = page("20251112/kurs-dollara-v-uzbekistane-na-13-noyabrya-53417733.html").to_story("x")
    assert story.lead == ""
    assert story.authors == ["Алия Каримова"]


def test_quote_block_is_body_text():
    body = page("20251112/minenergo-20-solnechnyh-stantsiy-53415002.html").body()
    assert "Доля возобновляемых источников" in body.split("\n\n")[1]


def test_gallery_photos_are_images_not_text():
    story = page("20251113/prompark-v-navoi-fotoreportazh-53420115.html").to_story("x")
    assert [i["caption"] for i in story.images] == [
        "Производственный корпус промпарка",
        "Цех по выпуску бытовой техники",
        "Подъездная дорога к промпарку",
    ]
    assert "Цех по выпуску" not in story.body


def test_a_page_without_article_markup_gives_an_empty_story():
    story = page(SEED, b"<html><body><h2>502 Bad Gateway</h2></body></html>").to_story("x")
    assert (story.title, story.body, story.published_raw) == ("", "", "")


def test_text_straight_in_the_block_is_body_text():
    html = (
        (SITE / SEED)
        .read_text()
        .replace(
            '<div class="article__block" data-type="text"><div class="article__text">'
            "По информации ведомства,",
            '<div class="article__block" data-type="text">По информации ведомства,',
        )
    )
    body = page(SEED, html.encode()).body()
    assert "\n\nПо информации ведомства, представители делегации" in body


@pytest.mark.parametrize(
    "json_ld",
    ['"just a string"', "42", '{"@graph": 7}', '{"@type": "NewsArticle", "datePublished": [1]}'],
)
def test_json_ld_of_another_shape_is_no_date_not_an_error(json_ld):
    html = (
        '<html><body><div class="article"><h1 class="article__title">T</h1></div>'
        f'<script type="application/ld+json">{json_ld}</script></body></html>'
    )
    response = HtmlResponse(url="https://uz.sputniknews.ru/1/a.html", body=html.encode())
    assert SputnikArticlePage(response).published_raw() == ""
