"""Atom feeds, parsed with a real feed parser."""

import subprocess
import sys

import feedparser
from conftest import REPO

from pressbot.archive.database import Archive


def atom(db, *args):
    cmd = [sys.executable, "-m", "scrapy", "atom", *args, "-s", f"PRESSBOT_DB={db}"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return feedparser.parse(done.stdout)


def test_a_source_feed(archive_copy):
    feed = atom(archive_copy, "--source", "kremlin_news")
    assert not feed.bozo
    assert feed.feed.title == "Президент России: новости"
    assert len(feed.entries) == 4
    newest = feed.entries[0]
    assert newest.title == "Телефонный разговор с Президентом Узбекистана Шавкатом Мирзиёевым"
    assert newest.link == "https://kremlin.ru/events/president/news/78431"
    assert newest.published == "2025-11-12T16:30:00+00:00"  # 19:30 Moscow time
    assert newest.content[0].value.startswith("Обсуждены актуальные вопросы")
    assert newest.id.startswith("tag:pressbot,2025-11-13:story/kremlin_news/")


def test_kind_and_all_feeds(archive_copy):
    ministries = atom(archive_copy, "--kind", "ministry", "--limit", "100")
    assert {e.author for e in ministries.entries} == {
        "Министерство промышленности и торговли Республики Татарстан",
        "Министерство экономики Республики Татарстан",
    }
    assert len(atom(archive_copy, "--limit", "1000").entries) == 61


def test_entry_ids_are_stable_and_updated_follows_revisions(archive_copy):
    before = {e.link: e for e in atom(archive_copy, "--source", "bukhara_khokimiyat").entries}
    archive = Archive(archive_copy)
    row = next(archive.db.query("SELECT * FROM stories WHERE url LIKE '%/158066'"))
    story = {
        **row,
        "body": row["body"] + "\n\nДобавлено позже.",
        "tags": [],
        "images": [],
        "authors": [],
        "url": "https://gov.uz/ru/buxoro/news/view/158066?utm_source=x",
    }
    archive.save_story(story, "2025-11-14T08:00:00+00:00")
    archive.close()
    after = {e.link: e for e in atom(archive_copy, "--source", "bukhara_khokimiyat").entries}
    link = "https://gov.uz/ru/buxoro/news/view/158066"
    assert after[link].id == before[link].id
    assert after[link].updated == "2025-11-14T08:00:00+00:00"
    assert after[link].content[0].value.endswith("Добавлено позже.")
    assert {k: e.id for k, e in after.items()} == {k: e.id for k, e in before.items()}
