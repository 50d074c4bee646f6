"""The generic family: configured and discovered entry points, the same engine as every family."""

from pathlib import Path

import pytest
from conftest import run_crawl, stories

from pressbot.pages.gold import word_f1
from pressbot.spiders.generic import EntryPoints

GENERIC_REGISTRY = Path(__file__).parent / "registries" / "fixture_sites_generic.toml"
WINDOW = ("since=2025-11-01", "until=2025-11-13")
API_1 = "index.htm/news/.page?format=json&limit=15&page=1"
FROZEN = "2025-11-12T10:00:00+00:00"  # conftest's FROZEN_NOW, the in-process clock
A_DAY_BEFORE = "2025-11-11T09:59:00+00:00"


def by_url(db, source):
    return {s["url"]: s for s in stories(db, "source = ?", [source])}


def consistency(own: dict, generic: dict) -> dict:
    """Per site: stories each way, same titles, same instants and precisions, body F1."""
    common = own.keys() & generic.keys()
    f1 = [word_f1(generic[u]["body"], own[u]["body"]) for u in common]

    def same(*fields: str) -> int:
        return sum(all(own[u][f] == generic[u][f] for f in fields) for u in common)

    return {
        "own": len(own),
        "generic": len(generic),
        "titles": same("title"),
        "instants": same("published_at", "published_precision"),
        "f1_mean": round(sum(f1) / len(f1), 3) if f1 else 0.0,
        "f1_min": round(min(f1), 3) if f1 else 0.0,
    }


@pytest.mark.parametrize(
    ("key", "args", "own_expect"),
    [
        ("sputnik_uz", (), 0),  # the feed: the generic family does not know daily sitemap URLs
        ("kremlin_news", WINDOW, 0),
        ("government_news", WINDOW, 0),
        # its own family on the HTML tape, the API answering 500: a degraded run, exit 0
        ("mpt_tatarstan", WINDOW, 0),
    ],
)
def test_the_generic_family_stores_what_the_own_family_stores(
    crawl, mirror, mirror_root, tmp_path, key, args, own_expect
):
    (mirror_root / "mpt.tatarstan.ru" / (API_1 + ".http")).write_text("Status: 500\n")
    crawl(key, *args, expect=own_expect)
    generic_db = tmp_path / "generic.db"
    done = run_crawl(key, generic_db, mirror.url, *args, PRESSBOT_SOURCES=str(GENERIC_REGISTRY))
    assert done.returncode == 0, done.log[-3000:]
    figures = consistency(by_url(crawl.db, key), by_url(generic_db, key))
    print(key, figures)  # the report's per-site figures (pytest -s)
    n = figures["own"]
    assert (figures["generic"], figures["titles"], figures["instants"]) == (n, n, n), figures
    assert figures["f1_min"] >= 0.95, figures


# --- in-process: what the family asks for ------------------------------------------------

MIRROR = Path(__file__).parent / "mirror"


def first_requests(spider) -> list:
    import asyncio

    async def collect():
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def response(url: str, path: str):
    from scrapy import Request
    from scrapy.http import HtmlResponse, XmlResponse

    body = (MIRROR / path).read_bytes()
    kind = XmlResponse if body.lstrip().startswith(b"<?xml") else HtmlResponse
    return kind(url=url, body=body, encoding="utf-8", request=Request(url))


@pytest.mark.parametrize(
    ("points", "polled", "backfilled"),
    [
        (EntryPoints(["f"], ["s"], "l"), (["f"], [], ""), (["s"], "")),
        (EntryPoints(["f"], [], "l"), (["f"], [], ""), ([], "l")),
        (EntryPoints([], ["s"], "l"), ([], ["s"], ""), ([], "")),
        (EntryPoints([], [], "l"), ([], [], "l"), ([], "")),
        (EntryPoints(), ([], [], ""), ([], "")),
    ],
)
def test_a_poll_reads_feeds_else_sitemaps_else_the_listing(points, polled, backfilled):
    assert points.polled() == polled
    assert points.backfilled() == backfilled


def test_an_undiscovered_site_starts_with_its_homepage(make_spider):
    (request,) = first_requests(make_spider("mfa_uz"))
    assert request.url == "https://mfa.uz/" and not request.meta.get("entry_point")


def test_what_was_discovered_is_polled_without_discovering_again(make_spider):
    spider = make_spider("mfa_uz")
    spider.archive.save_discovered("mfa_uz", [("feed", "https://mfa.uz/ru/rss")], FROZEN)
    (request,) = first_requests(spider)
    assert (request.url, request.meta["entry_point"]) == ("https://mfa.uz/ru/rss", True)


@pytest.mark.parametrize(("found_at", "asked"), [(FROZEN, []), (A_DAY_BEFORE, ["https://mfa.uz/"])])
def test_nothing_found_is_trusted_for_a_day(make_spider, found_at, asked):
    spider = make_spider("mfa_uz")
    spider.archive.save_discovered("mfa_uz", [("none", "")], found_at)
    assert [r.url for r in first_requests(spider)] == asked


def test_the_registry_entry_points_are_polled_and_its_listing_pages_numbered(make_spider):
    spider = make_spider("minpromtorg_ru")
    (first,) = first_requests(spider)
    assert (first.url, first.meta["entry_point"]) == (
        "https://minpromtorg.gov.ru/press-centre/news/",
        True,
    )
    assert (
        spider.listing_request(2).url == "https://minpromtorg.gov.ru/press-centre/news/?PAGEN_1=2"
    )


def test_a_backfill_walks_the_listing_behind_a_feed(make_spider):
    spider = make_spider(
        "kremlin_news", {"since": "2025-11-01"}, PRESSBOT_SOURCES=str(GENERIC_REGISTRY)
    )
    assert [(r.url, r.meta["entry_point"]) for r in first_requests(spider)] == [
        ("http://kremlin.ru/events/president/news/feed", True),
        ("http://kremlin.ru/events/president/news", False),
    ]


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        ({}, ["https://akorda.kz/sitemap-news-2025-11.xml"]),  # not October's
        (
            {"since": "2025-10-01"},
            [
                "https://akorda.kz/sitemap-news-2025-11.xml",
                "https://akorda.kz/sitemap-news-2025-10.xml",
            ],
        ),
        ({"until": "2025-12-31"}, ["https://akorda.kz/sitemap-news-2025-11.xml"]),  # the newest
    ],
)
def test_a_sitemap_index_leads_to_its_sitemaps_of_the_days_wanted(make_spider, args, asked):
    spider = make_spider("akorda_kz", args)
    index = response("https://akorda.kz/sitemap.xml", "akorda.kz/sitemap.xml")
    assert [r.url for r in spider.parse_sitemap(index)] == asked


def test_the_listing_follows_its_next_link(make_spider):
    spider = make_spider("economy_ru")
    spider.points = spider.configured()
    page = response("https://economy.gov.ru/material/news/", "economy.gov.ru/material/news/.page")
    asked = [r.url for r in spider.parse_listing(page, 1)]
    assert asked[-1] == "https://economy.gov.ru/material/news/?page=2"
    assert len(asked) == 3  # the two releases, then the next page


def test_a_feed_that_is_no_feed_makes_the_site_discovered_again(make_spider):
    spider = make_spider("mfa_uz")
    spider.archive.save_discovered("mfa_uz", [("feed", "https://mfa.uz/ru/rss")], FROZEN)
    homepage = response("https://mfa.uz/ru/rss", "mfa.uz/.page")
    assert list(spider.parse_feed(homepage)) == []
    assert spider.archive.discovered("mfa_uz") == []
    assert spider.stats.get_value("pressbot/listing/unexpected") == 1


# --- end to end: discovered once, then polled --------------------------------------------


def test_a_site_is_discovered_once_then_polled_by_its_entry_point(crawl, mirror):
    crawl("mfa_uz")
    first = [r for r in mirror.requests() if "/mfa.uz/" in r]
    assert {"200 /mfa.uz/", "200 /mfa.uz/ru/rss", "404 /mfa.uz/sitemap.xml"} <= set(first)
    assert "404 /mfa.uz/feed/" not in first  # the feed the homepage names is enough
    assert len(stories(crawl.db, "source = 'mfa_uz'")) == 2
    crawl("mfa_uz")
    assert [r for r in mirror.requests() if "/mfa.uz/" in r][len(first) :] == ["200 /mfa.uz/ru/rss"]


def test_a_site_found_through_robots_txt_is_read_from_its_news_sitemap(crawl, mirror):
    crawl("minenergy_uz")
    found = stories(crawl.db, "source = 'minenergy_uz'")
    assert {(s["found_via"], s["published_local"]) for s in found} == {
        ("sitemap", "2025-11-12T10:15:00+05:00"),
        ("sitemap", "2025-11-12T16:40:00+05:00"),
    }
    assert "200 /minenergy.uz/sitemap-news.xml" in mirror.requests()
