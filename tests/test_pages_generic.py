"""The generic page class: the gold set page by page, the hand-written families' fixtures read
the same way, the date rules, overrides and the text's furniture left out."""

import functools
import os
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from pressbot.pages import maintext
from pressbot.pages.generic import GenericArticlePage, Overrides
from pressbot.pages.gold import family_cases, gold_pages, word_f1
from pressbot.utils.clock import clock
from pressbot.utils.timeparse import parse

GOLD = gold_pages(Path(__file__).parent / "gold" / "extract")
MIRROR = Path(__file__).parent / "mirror"
CASES = list(family_cases(MIRROR))


@functools.cache
def gold_story(name: str):
    return GOLD_BY_NAME[name].page().to_story("gold")


GOLD_BY_NAME = {page.name: page for page in GOLD}


def test_the_gold_set_is_as_the_issue_asks():
    sites = {page.name.split("/")[0] for page in GOLD}
    languages = {page.response().xpath("//html/@lang").get() for page in GOLD}
    assert len(GOLD) >= 40 and len(sites) >= 12
    assert {"uz", "ru"} <= {lang.split("-")[0] for lang in languages if lang}


@pytest.mark.parametrize("page", GOLD, ids=[p.name for p in GOLD])
def test_gold_page(page):
    gold, story = page.gold, gold_story(page.name)
    assert story.title == gold["title"]
    assert (story.published_at, story.published_precision) == (
        gold["published_at"],
        gold["published_precision"],
    )
    assert story.lead == gold["lead"]
    assert story.body.startswith(gold["body_start"])
    assert story.body.endswith(gold["body_end"])
    assert word_f1(story.body, gold["body"]) >= 0.95


FURNITURE = [
    "Версия для слабовидящих",
    "Поделиться",
    "Ulashish",
    "Улашиш",
    "Фото:",
    "©",
    "Просмотров",
    "Кўрилди",
    "Ko‘rishlar",
    "Читайте также",
    "Возврат к списку",
    "Источник:",
    "Другие новости",
    "Гости церемонии",  # a gallery caption
]


@pytest.mark.parametrize("page", GOLD, ids=[p.name for p in GOLD])
def test_no_furniture_in_any_text(page):
    story = gold_story(page.name)
    for furniture in FURNITURE:
        assert furniture not in story.body
        assert furniture not in story.lead


@pytest.mark.parametrize("case", CASES, ids=[c.path for c in CASES])
def test_reads_the_hand_written_families_fixtures_as_they_do(case):
    assert case.same_title(), (case.own.title, case.generic.title)
    assert case.same_instant(), (case.own.published_raw, case.generic.published_local)
    assert case.body_f1() >= 0.95


def test_every_hand_written_html_family_is_compared():
    assert {c.site for c in CASES} == {
        "uz.sputniknews.ru",
        "kremlin.ru",
        "government.ru",
        "mpt.tatarstan.ru",
    }


# --- dates -----------------------------------------------------------------------------


def page(body: str, url="https://example.gov/news/1", tz="Europe/Moscow", **kwargs):
    html = f"<html><head>{kwargs.pop('head', '')}</head><body>{body}</body></html>"
    response = HtmlResponse(url=url, body=html.encode(), encoding="utf-8")
    return GenericArticlePage(response, tz=tz, **kwargs)


TEXT = "".join(
    f"<p>Абзац номер {n} текста пресс-релиза министерства о важном.</p>" for n in range(6)
)


def test_a_relative_date_is_read_on_the_frozen_clock():
    now = clock(os.environ["PRESSBOT_NOW"])()  # the tests' frozen clock, 2025-11-13 09:00 UTC
    reader = page(f'<h1>Заголовок</h1><div class="date">Вчера, 14:30</div>{TEXT}', now=now)
    assert reader.to_story("x").published_local == "2025-11-12T14:30:00+03:00"


def test_a_relative_date_without_a_clock_is_no_date():
    reader = page(f'<h1>Заголовок</h1><div class="date">Вчера, 14:30</div>{TEXT}')
    assert reader.published == ("", None)


def test_a_stated_day_takes_the_time_the_page_shows():
    head = '<meta property="article:published_time" content="2025-11-24">'
    reader = page(f"<h1>Заголовок</h1><div>24 ноября 2025, 11:20</div>{TEXT}", head=head)
    assert reader.to_story("x").published_at == "2025-11-24T08:20:00+00:00"


def test_a_stated_midnight_is_a_day():
    head = '<meta property="article:published_time" content="2025-11-24T00:00:00+03:00">'
    story = page(f"<h1>Заголовок</h1>{TEXT}", head=head, tz="Asia/Tashkent").to_story("x")
    assert (story.published_at, story.published_precision) == ("2025-11-24", "day")


def test_a_stated_time_without_offset_is_read_in_the_source_zone():
    head = '<meta property="article:published_time" content="2025-11-24T14:12:00">'
    story = page(f"<h1>Заголовок</h1>{TEXT}", head=head, tz="Asia/Tashkent").to_story("x")
    assert story.published_at == "2025-11-24T09:12:00+00:00"


def test_the_date_line_nearest_the_title_wins_over_other_stories_dates():
    body = (
        '<div class="news-list"><span>20.11.2025</span> <a href="/n/2">Другая новость</a></div>'
        f'<h1>Заголовок</h1><span class="date">24.11.2025</span>{TEXT}'
        '<div class="item"><span>21.11.2025</span> <a href="/n/3">Ещё одна новость</a></div>'
    )
    assert page(body).to_story("x").published_at == "2025-11-24"


def test_the_url_date_when_the_page_shows_none():
    reader = page(f"<h1>Заголовок</h1>{TEXT}", url="https://example.gov/press/2025/11/24/news.html")
    assert reader.to_story("x").published_at == "2025-11-24"


def test_an_updated_line_is_the_update_not_the_publication():
    body = (
        f"<h1>Заголовок</h1><span>24.11.2025</span> <span>Обновлено: 25.11.2025 09:10</span>{TEXT}"
    )
    story = page(body).to_story("x")
    assert (story.published_at, story.updated_local) == ("2025-11-24", "2025-11-25T09:10:00+03:00")


# --- overrides -------------------------------------------------------------------------

ODD = (
    '<div class="hdr">Сайт министерства</div><div class="ttl">Настоящий заголовок релиза</div>'
    '<div class="when">Опубликовано 24.11.2025</div><div class="intro">Короткий анонс релиза</div>'
    f'<div class="txt">{TEXT}</div><div class="more">Список других материалов сайта</div>'
)


@pytest.mark.parametrize(
    "overrides",
    [
        Overrides(title="div.ttl", date=".when::text", lead="div.intro", body="div.txt"),
        Overrides(
            title="//div[@class='ttl']",
            date="//div[@class='when']/text()",
            lead="//div[@class='intro']",
            body="//div[@class='txt']",
        ),
    ],
    ids=["css", "xpath"],
)
def test_overrides_in_css_or_xpath_win(overrides):
    story = page(ODD, overrides=overrides).to_story("x")
    assert story.title == "Настоящий заголовок релиза"
    assert story.published_at == "2025-11-24"
    assert story.lead == "Короткий анонс релиза"
    assert story.body.startswith("Абзац номер 0") and story.body.endswith("о важном.")
    assert "Список других" not in story.body


def test_an_override_that_matches_nothing_falls_back_to_the_page():
    story = page(f"<h1>Заголовок</h1>{TEXT}", overrides=Overrides(title="h5.none")).to_story("x")
    assert story.title == "Заголовок"


# --- title and lead --------------------------------------------------------------------


def test_an_h1_naming_the_site_loses_to_the_stated_headline():
    body = '<header><h1>Министерство финансов</h1></header><h2 itemprop="headline">Релиз</h2>'
    assert page(body + TEXT).title() == "Релиз"


def test_a_site_wide_description_is_no_lead():
    head = '<meta name="description" content="Официальный сайт Министерства о важном">'
    assert page(f"<h1>Заголовок</h1>{TEXT}", head=head).lead() == ""


def test_the_announce_is_the_lead_and_not_in_the_text():
    body = f'<h1>Заголовок</h1><div class="news-anons">Анонс: главное о релизе коротко.</div>{TEXT}'
    story = page(body).to_story("x")
    assert story.lead == "Анонс: главное о релизе коротко."
    assert "Анонс" not in story.body


# --- the text extractor ----------------------------------------------------------------


def test_readability_steps_in_when_trafilatura_finds_too_little(monkeypatch):
    monkeypatch.setattr(maintext, "trafilatura_paragraphs", lambda tree: ["Мало."])
    assert page(f"<h1>Заголовок</h1>{TEXT}").body().startswith("Абзац номер 0")


def test_trafilaturas_text_is_kept_when_it_is_enough(monkeypatch):
    monkeypatch.setattr(maintext, "readability_paragraphs", lambda tree: ["Не то."])
    assert page(f"<h1>Заголовок</h1>{TEXT}").body().startswith("Абзац номер 0")


def test_the_response_tree_is_left_as_it_was():
    reader = page(f'<h1>Заголовок</h1><div class="share">Поделиться</div>{TEXT}')
    reader.body()
    assert reader.response.css("div.share") and reader.response.css("h1")


def test_a_time_element_nearest_the_title_gives_its_datetime():
    body = (
        '<h1>Заголовок</h1><time class="entry-date" datetime="2025-11-24T14:30:00+03:00">'
        f"24 ноября 2025</time>{TEXT}"
    )
    assert page(body).to_story("x").published_at == "2025-11-24T11:30:00+00:00"


def test_dateparser_reads_a_date_element_the_project_parsers_do_not():
    body = f'<h1>Заголовок</h1><span class="post-date">Monday, 24th of November 2025</span>{TEXT}'
    assert page(body).to_story("x").published_at == "2025-11-24"


def test_an_h1_worded_like_the_stated_title_is_the_title():
    head = '<meta property="og:title" content="Минфин: бюджет исполнен на 101,3% - Минфин">'
    assert page(f"<h1>Минфин: бюджет исполнен на 101,3%</h1>{TEXT}", head=head).title() == (
        "Минфин: бюджет исполнен на 101,3%"
    )


def test_a_day_in_the_address_wins_over_other_stories_dates():
    body = (
        f"<h1>Заголовок</h1>{TEXT}"
        '<div class="col"><div><span>01.10.2025</span> <a href="/n/9">Другая новость ведомства '
        "под номером девять</a></div></div>"
    )
    reader = page(body, url="https://example.gov/press/2025/11/24/news.html")
    assert reader.to_story("x").published_at == "2025-11-24"


def test_a_date_beside_another_storys_title_is_not_the_pages():
    body = (
        f"<h1>Заголовок</h1>{TEXT}"
        '<div class="col"><div><span>01.10.2025</span> <a href="/n/9">Другая новость ведомства '
        "под номером девять</a></div></div>"
    )
    assert page(body).published[1] is None or page(body).published[1].day != "2025-10-01"


def test_the_time_in_its_own_element_beside_the_day():
    body = f"<h1>Заголовок</h1><div><span>24 ноября 2025</span><span>17:20</span></div>{TEXT}"
    assert page(body).to_story("x").published_local == "2025-11-24T17:20:00+03:00"


@pytest.mark.parametrize("page", GOLD, ids=[p.name for p in GOLD])
def test_the_raw_date_reads_the_same_in_the_normalise_pipeline(page):
    """The pipeline parses published_raw again, without a clock: it must agree with the page,
    or read nothing (a relative date) and keep what the page decided."""
    story = gold_story(page.name)
    again = parse(story.published_raw, page.gold["tz"])
    if page.gold.get("now"):
        assert again is None or (again.at, again.precision) == (
            story.published_at,
            story.published_precision,
        )
    else:
        assert (again.at, again.precision) == (story.published_at, story.published_precision)


def test_todays_date_in_the_site_header_is_not_the_storys():
    body = (
        '<div class="header"><span>Сегодня: 26 ноября 2025</span></div>'
        f"<h1>Заголовок</h1>{TEXT}<p>Опубликовано 24.11.2025</p>"
    )
    assert page(body).to_story("x").published_at == "2025-11-24"


def test_a_page_of_text_and_line_breaks_only():
    """An old home-made site: no headings, no metadata, the title in bold, a «Дата:» line."""
    html = (
        "<html><head><title>Итоги совещания | Министерство</title></head><body>"
        '<div id="content"><b>Итоги совещания по подготовке к зиме</b><br>Дата: 24.11.2025<br><br>'
        "В министерстве прошло совещание по подготовке к отопительному сезону.<br><br>"
        "Готовность котельных составляет 98 процентов, запасы топлива сформированы.<br><br>"
        "Министр поручил завершить ремонт тепловых сетей до 1 декабря.</div></body></html>"
    )
    response = HtmlResponse(
        url="https://min.example/n.php?id=5", body=html.encode(), encoding="utf-8"
    )
    story = GenericArticlePage(response, tz="Europe/Moscow").to_story("x")
    assert (story.title, story.published_at) == ("Итоги совещания", "2025-11-24")
    assert story.body.startswith("В министерстве прошло совещание")
    assert story.body.endswith("до 1 декабря.")
