"""The spider loader over a small registry of its own, read through the crawler's settings."""

import pytest
from scrapy import Request

from pressbot.spiderloader import RegistrySpiderLoader
from pressbot.spiders.poll import PollSpider
from pressbot.spiders.sputnik import SputnikSpider
from pressbot.spiders.tatarstan import TatarstanSpider

SOURCES = """
[zz_sputnik]
title = "Sputnik Z"
kind = "news_agency"
country = "UZ"
timezone = "Asia/Tashkent"
homepage = "https://uz.sputniknews.ru/"
family = "sputnik"

[aa_ministry]
title = "Министерство А"
kind = "ministry"
country = "RU"
timezone = "Europe/Moscow"
homepage = "https://mpt.tatarstan.ru"
family = "tatarstan"

[mm_ministry]
title = "Министерство М"
kind = "ministry"
country = "RU"
timezone = "Europe/Moscow"
homepage = "https://mpt.tatarstan.ru"
family = "tatarstan"
"""


@pytest.fixture
def loader(make_crawler, tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text(SOURCES, encoding="utf-8")
    return RegistrySpiderLoader.from_settings(make_crawler(PRESSBOT_SOURCES=str(registry)).settings)


def test_list_is_every_key_sorted(loader):
    assert loader.list() == ["aa_ministry", "mm_ministry", "zz_sputnik"]


@pytest.mark.parametrize(
    ("key", "family", "homepage"),
    [
        pytest.param("zz_sputnik", SputnikSpider, "https://uz.sputniknews.ru", id="sputnik"),
        pytest.param("aa_ministry", TatarstanSpider, "https://mpt.tatarstan.ru", id="tatarstan"),
    ],
)
def test_load_is_the_crawl_spider_for_that_source(
    loader, make_crawler, tmp_path, key, family, homepage
):
    spidercls = loader.load(key)
    assert issubclass(spidercls, PollSpider) and spidercls is not PollSpider
    assert (spidercls.name, spidercls.sources) == (key, (key,))
    crawler = make_crawler(spidercls, PRESSBOT_SOURCES=str(tmp_path / "sources.toml"))
    spider = crawler._create_spider()
    [made] = spider.families.values()
    assert type(made) is family
    assert (made.name, made.source.key, made.source.homepage, made.crawler) == (
        key,
        key,
        homepage,
        crawler,
    )


def test_two_sources_of_one_family_are_two_spiders_of_one_class(loader):
    first, second = loader.load("aa_ministry"), loader.load("mm_ministry")
    assert (first.name, second.name) == ("aa_ministry", "mm_ministry")
    assert PollSpider.__dict__.get("name") == "pressbot"  # the crawl's class is left alone


def test_an_unknown_key_is_a_key_error(loader):
    with pytest.raises(KeyError):
        loader.load("sputnik_uz")  # in the bundled registry, not in this one


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://uz.sputniknews.ru/20251112/x.html", ["zz_sputnik"], id="one"),
        pytest.param(
            "https://mpt.tatarstan.ru/index.htm/news/1.htm",
            ["aa_ministry", "mm_ministry"],
            id="a-host-shared",
        ),
        pytest.param("https://kremlin.ru/events/president/news", [], id="none"),
    ],
)
def test_find_by_request_goes_by_host(loader, url, expected):
    assert sorted(loader.find_by_request(Request(url))) == expected
