"""The polling engine through real `scrapy crawl` / `crawlall` runs against the mirror:
no story hidden by a 304, a killed run or a completed day; due stories re-read
whether or not a listing shows them; entry points polled on their own rhythm."""

import os
import re
import subprocess
import sys

import pytest
from conftest import ARCHIVE_NOW, REPO, rows, run_crawl, start_crawl, start_mirror, stories

from pressbot.pages.feeds import Listed

SPUTNIK = "uz.sputniknews.ru"
FEED = f"{SPUTNIK}/export/rss2/archive/index.xml"
ENERGY = f"{SPUTNIK}/20251112/minenergo-20-solnechnyh-stantsiy-53415002.html"
AIRPORT = f"{SPUTNIK}/20251112/v-samarkande-otkryli-novyy-terminal-aeroporta-53415010.html"
SITEMAP_11 = f"{SPUTNIK}/sitemap_article.xml?date_end=20251111&date_start=20251111"
BACKFILL = ("since=2025-11-10", "until=2025-11-13")


def stop(server):
    server.process.kill()
    server.process.wait()


def statuses(server, path: str) -> list[str]:
    return [line.split()[0] for line in server.requests() if line.endswith(path)]


def without_item(feed: str, url: str) -> str:
    """The RSS text without the <item> that links to `url`."""
    item = re.compile(rf"<item>(?:(?!</item>).)*?{re.escape(url)}.*?</item>\n", re.DOTALL)
    trimmed, count = item.subn("", feed)
    assert count == 1
    return trimmed


def health(db) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "health", "sputnik_uz", "-s", f"PRESSBOT_DB={db}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout


def test_a_story_that_failed_is_fetched_while_the_feed_answers_304(mirror_root, tmp_path):
    broken = mirror_root / f"{ENERGY}.http"
    broken.write_text("Status: 500\n")
    server = start_mirror(mirror_root, tmp_path / "mirror.log", 0.0, "--conditional")
    db = tmp_path / "pressbot.db"
    try:
        # Scrapy gave up after its retries: the story is pending, the run degraded
        assert run_crawl("sputnik_uz", db, server.url).returncode == 0
        assert len(stories(db)) == 4
        assert rows(db, "SELECT url, attempts, last_error, gave_up_at FROM pending_stories") == [
            {
                "url": f"https://{ENERGY}",
                "attempts": 1,
                "last_error": "HTTP 500",
                "gave_up_at": None,
            }
        ]
        assert "sputnik_uz: 1 listed stories pending (see pending_stories)" in health(db)
        broken.unlink()
        assert run_crawl("sputnik_uz", db, server.url).returncode == 0
    finally:
        stop(server)
    assert statuses(server, FEED) == ["200", "304"]
    assert len(stories(db)) == 5
    assert rows(db, "SELECT count(*) n FROM pending_stories") == [{"n": 0}]


def test_a_story_failing_every_time_is_given_up_and_the_run_says_so(crawl, mirror_root):
    (mirror_root / f"{ENERGY}.http").write_text("Status: 500\n")
    crawl(PRESSBOT_PENDING_ATTEMPTS="2")  # pending: degraded
    result = crawl(expect=1, PRESSBOT_PENDING_ATTEMPTS="2")  # given up: failing
    assert "1 listed stories given up after repeated failures" in result.log
    [pending] = rows(crawl.db, "SELECT attempts, last_error, gave_up_at FROM pending_stories")
    assert pending == {"attempts": 2, "last_error": "HTTP 500", "gave_up_at": ARCHIVE_NOW}
    assert "1 listed stories given up" in health(crawl.db)


def test_a_run_killed_after_reading_the_feed_loses_no_story(mirror_root, tmp_path):
    """Validators are saved with the stories' pending rows, in one commit: the next run
    gets a 304 and still fetches every story the killed run had listed."""
    slow = start_mirror(mirror_root, tmp_path / "slow.log", 1.0, "--conditional")
    db = tmp_path / "pressbot.db"
    process = start_crawl("sputnik_uz", db, slow.url, PRESSBOT_COMMIT_EVERY="1")
    try:
        slow.wait_for(1, ".html")
        process.kill()
        process.wait()
    finally:
        stop(slow)
    assert len(stories(db)) < 5
    fast = start_mirror(mirror_root, tmp_path / "fast.log", 0.0, "--conditional")
    try:
        assert run_crawl("sputnik_uz", db, fast.url).returncode == 0
    finally:
        stop(fast)
    assert statuses(fast, FEED) == ["304"]
    assert len(stories(db)) == 5
    assert rows(db, "SELECT count(*) n FROM pending_stories") == [{"n": 0}]


def test_stories_that_left_the_feed_are_read_again_when_due(crawl, mirror_root):
    crawl()
    feed = mirror_root / FEED
    feed.write_text(
        without_item(without_item(feed.read_text(), f"https://{ENERGY}"), f"https://{AIRPORT}")
    )
    energy = mirror_root / ENERGY
    energy.write_text(energy.read_text().replace("20 солнечных электростанций", "25 станций"))
    (mirror_root / AIRPORT).unlink()
    later = "2025-11-16T09:00:00+00:00"  # past the 72 h point of every story
    crawl(PRESSBOT_NOW=later)
    [edited] = stories(crawl.db, "url = ?", [f"https://{ENERGY}"])
    assert "25 станций" in edited["body"] and edited["revisions"] == 1
    [gone] = stories(crawl.db, "url = ?", [f"https://{AIRPORT}"])
    assert gone["withdrawn_at"] == later
    # the schedule is spent, and a withdrawn story is not asked for again
    assert rows(crawl.db, "SELECT count(*) n FROM stories WHERE next_check_at IS NOT NULL") == [
        {"n": 0}
    ]
    crawl(PRESSBOT_NOW="2025-11-16T09:10:00+00:00")
    assert rows(crawl.db, "SELECT stories_withdrawn, requests FROM crawl_runs ORDER BY id")[-1] == {
        "stories_withdrawn": 0,
        "requests": 1,
    }


def test_a_sitemap_answering_an_error_page_leaves_its_day_incomplete(crawl, mirror_root):
    sitemap = mirror_root / SITEMAP_11
    good = sitemap.read_bytes()
    sitemap.write_text("<html><body><h1>Сервис временно недоступен</h1></body></html>")
    result = crawl("sputnik_uz", *BACKFILL, expect=1)
    assert "1 listings answered something else" in result.log
    days = {r["day"] for r in rows(crawl.db, "SELECT day FROM backfill_days")}
    assert "2025-11-11" not in days and "2025-11-10" in days
    sitemap.write_bytes(good)
    crawl("sputnik_uz", *BACKFILL)
    days = {r["day"] for r in rows(crawl.db, "SELECT day FROM backfill_days")}
    assert "2025-11-11" in days
    assert stories(crawl.db, "published_local LIKE '2025-11-11%'")


def test_a_sitemap_listing_nothing_leaves_its_day_incomplete(crawl, mirror_root):
    sitemap = mirror_root / SITEMAP_11
    sitemap.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
    )
    result = crawl("sputnik_uz", *BACKFILL, expect=1)
    assert "1 backfill days listed no stories (left incomplete)" in result.log
    days = {r["day"] for r in rows(crawl.db, "SELECT day FROM backfill_days")}
    assert "2025-11-11" not in days


def crawlall(db, server, now: str, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "scrapy", "crawlall", *args]
    for name, value in {"PRESSBOT_DB": db, "PRESSBOT_MIRROR": server.url}.items():
        cmd += ["-s", f"{name}={value}"]
    env = {**os.environ, "PRESSBOT_NOW": now}
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_each_entry_point_is_polled_on_its_own_rhythm(mirror, tmp_path, mirror_root):
    db = tmp_path / "pressbot.db"
    crawlall(db, mirror, "2025-11-13T09:00:00+00:00")  # every source finds new stories
    served = len(mirror.requests())
    # ten minutes on, everything is due again (5 minutes after a poll with news);
    # Sputnik has a new story, the others nothing
    feed = mirror_root / FEED
    first_item = feed.read_text().index("<item>")
    new = "https://uz.sputniknews.ru/20251113/novyy-material-53429999.html"
    (mirror_root / new.removeprefix("https://")).write_bytes((mirror_root / ENERGY).read_bytes())
    item = f"<item>\n<title>Новый материал</title>\n<link>{new}</link>\n</item>\n"
    feed.write_text(feed.read_text()[:first_item] + item + feed.read_text()[first_item:])
    crawlall(db, mirror, "2025-11-13T09:10:00+00:00")
    polled_second = mirror.requests()[served:]
    served = len(mirror.requests())
    assert any(line.endswith("kremlin.ru/events/president/news/feed") for line in polled_second)
    # ten minutes later again: Sputnik, which just had news, is due; the quiet
    # sources wait as long as their own rhythm says
    crawlall(db, mirror, "2025-11-13T09:20:00+00:00")
    third = mirror.requests()[served:]
    assert any(line.endswith(FEED) for line in third)
    assert not any(line.endswith("kremlin.ru/events/president/news/feed") for line in third)
    polls = {
        r["source"]: r
        for r in rows(db, "SELECT source, interval_seconds, last_outcome FROM entry_points")
    }
    # nothing new at 09:20: each waits as its own rhythm says, within the bounds
    assert polls["sputnik_uz"]["last_outcome"] == "unchanged"
    assert 300 < polls["sputnik_uz"]["interval_seconds"] <= 6 * 3600
    assert 600 < polls["kremlin_news"]["interval_seconds"] <= 6 * 3600
    # --all polls every entry point whether due or not
    served = len(mirror.requests())
    crawlall(db, mirror, "2025-11-13T09:21:00+00:00", "--all")
    assert any(
        line.endswith("kremlin.ru/events/president/news/feed")
        for line in mirror.requests()[served:]
    )


# in-process: what PollSpider asks for, on a crawler from Scrapy's test helpers --------

STORED = "2025-11-12T09:30:00+00:00"


def poll_spider(make_crawler, **kwargs):
    from pressbot.spiders.poll import PollSpider

    crawler = make_crawler(PollSpider)
    crawler.spider = crawler._create_spider(sources=["sputnik_uz", "kremlin_news"], **kwargs)
    return crawler.spider


async def start_requests(spider) -> list:
    return [request async for request in spider.start()]


def test_only_due_entry_points_are_polled_unless_all_are_asked_for(make_crawler):
    import asyncio

    from pressbot.archive.shared import archive_for
    from pressbot.downloadermiddlewares.conditional import entry_point_key

    spider = poll_spider(make_crawler)
    feeds = asyncio.run(start_requests(spider))
    assert [r.url for r in feeds] == [
        "https://uz.sputniknews.ru/export/rss2/archive/index.xml",
        "http://kremlin.ru/events/president/news/feed",
    ]
    archive = archive_for(spider.crawler)
    for request, next_poll in zip(
        feeds, ["2025-11-12T09:59:00+00:00", "2025-11-12T10:01:00+00:00"], strict=True
    ):
        key = entry_point_key(spider.crawler, request)
        archive.save_poll({"key": key, "source": request.meta["source"], "next_poll_at": next_poll})
    assert [r.meta["source"] for r in asyncio.run(start_requests(spider))] == ["sputnik_uz"]
    every = poll_spider(make_crawler, poll="all")
    assert len(asyncio.run(start_requests(every))) == 2


def test_due_and_pending_stories_are_asked_for_once_whatever_the_listings(make_crawler):
    import asyncio
    import json

    from conftest import story_item
    from itemadapter import ItemAdapter

    from pressbot.archive.shared import archive_for

    spider = poll_spider(make_crawler, poll="all")
    archive = archive_for(spider.crawler)
    due = story_item()  # published 09:12, seen 09:30: its 1 h point, 10:12, is to come
    archive.save_story(ItemAdapter(due), STORED)
    archive.db.execute("UPDATE stories SET next_check_at = '2025-11-12T09:59:00+00:00'")
    listed = {"url": "https://kremlin.ru/events/president/news/78500", "published_raw": "x"}
    archive.add_pending(
        {
            "source": "kremlin_news",
            "url": listed["url"],
            "fetch_url": listed["url"],
            "listed": json.dumps(listed),
            "via": "feed",
            "first_listed_at": STORED,
        }
    )
    requests = asyncio.run(start_requests(spider))[2:]  # after the two feeds
    assert [(r.url, r.meta["source"], r.cb_kwargs["via"]) for r in requests] == [
        (due.url, "sputnik_uz", "recheck"),
        (listed["url"], "kremlin_news", "feed"),
    ]
    # the listing shows the due story too: it is not asked for twice
    family = spider.families["sputnik_uz"]
    from pressbot.pages.feeds import Listed

    assert list(family.follow(Listed(due.url), "feed", "due")) == []


def test_robots_txt_is_asked_for_at_most_once_a_day_per_host(crawl, mirror):
    robots = f"/{SPUTNIK}/robots.txt"
    crawl(PRESSBOT_NOW="2025-11-13T09:00:00+00:00")
    crawl(PRESSBOT_NOW="2025-11-13T21:00:00+00:00")
    assert [r for r in mirror.requests() if r.endswith(robots)] == [f"200 {robots}"]
    crawl(PRESSBOT_NOW="2025-11-14T09:30:00+00:00")  # more than a day on: asked again
    assert len([r for r in mirror.requests() if r.endswith(robots)]) == 2


@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("sputnik_uz", "https://uz.sputniknews.ru/20251112/a-1.html"),
        ("mpt_tatarstan", "https://mpt.tatarstan.ru/index.htm/news/2543301.htm"),
        ("navoi_khokimiyat", "https://gov.uz/ru/navoi/news/view/12345"),
        ("kremlin_news", "http://kremlin.ru/events/president/news/78000"),
    ],
)
def test_story_requests_of_every_family_pass_the_duplicate_filter(make_spider, key, url):
    """So a redirect loop ends in the errback (a pending attempt), not in silence."""
    family = make_spider(key)
    [request] = family.ask(Listed(url), "listing")
    assert request.dont_filter
    assert list(family.ask(Listed(url), "listing")) == []  # still asked once per run


def test_a_pending_row_that_cannot_be_asked_for_is_its_sources_error_alone(make_crawler, caplog):
    """A row written by another version (an unknown field) is read; one whose URL its
    family cannot ask for is logged for that source, and the other rows still go."""
    import asyncio
    import json

    from pressbot.archive.shared import archive_for

    spider = poll_spider(make_crawler, poll="all")
    archive = archive_for(spider.crawler)
    rows_ = [
        ("kremlin_news", "http://kremlin.ru/events/president/news/78500", {"extra": 1}),
        ("sputnik_uz", "", {}),  # no URL: no request can be made of it
        ("kremlin_news", "http://kremlin.ru/events/president/news/78501", {}),
    ]
    for number, (source, url, more) in enumerate(rows_):
        archive.add_pending(
            {
                "source": source,
                "url": url or f"broken-{number}",
                "fetch_url": url,
                "listed": json.dumps({"url": url, **more}),
                "via": "feed",
                "first_listed_at": f"2025-11-12T09:0{number}:00+00:00",
            }
        )
    requests = asyncio.run(start_requests(spider))[2:]
    assert [r.url for r in requests] == [rows_[0][1], rows_[2][1]]
    [error] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert error.spider is spider.families["sputnik_uz"]  # counted for its source
    assert error.getMessage() == "could not ask again for "
