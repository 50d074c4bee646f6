"""The gov.uz family: header-selected API answers, language versions, updates."""

import json
from pathlib import Path

import pytest
from conftest import rows, stories

EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("key", ["navoi_khokimiyat", "bukhara_khokimiyat"])
def test_api_crawl_stores_every_release_exactly(crawl, key):
    crawl(key)
    assert stories(crawl.db) == json.loads((EXPECTED / key / "api_crawl_rows.json").read_text())


def test_language_versions_are_two_stories_sharing_a_release_key(crawl):
    crawl("navoi_khokimiyat")
    pairs = rows(
        crawl.db,
        "SELECT release_key, group_concat(language, ',') langs, count(*) n FROM "
        "(SELECT * FROM stories ORDER BY language) GROUP BY release_key",
    )
    assert len(pairs) == 6
    assert {(p["langs"], p["n"]) for p in pairs} == {("ru,uz-Latn", 2)}
    (oz,) = stories(crawl.db, "url = ?", ["https://gov.uz/oz/navoi/news/view/160412"])
    assert oz["title"].startswith("Navoiy viloyati hokimi")


def test_times_are_tashkent_and_updates_are_kept(crawl):
    crawl("bukhara_khokimiyat")
    (forum,) = stories(crawl.db, "url = ?", ["https://gov.uz/ru/buxoro/news/view/158101"])
    assert forum["published_local"] == "2025-11-12T09:40:00+05:00"
    assert forum["published_at"] == "2025-11-12T04:40:00+00:00"
    assert forum["updated_at"] == "2025-11-13T05:15:00+00:00"
    (first,) = stories(crawl.db, "url = ?", ["https://gov.uz/ru/buxoro/news/view/158120"])
    assert first["updated_at"] is None  # updated_date equal to date is no update


def test_stored_urls_are_public_pages_and_requests_carry_the_headers(crawl, mirror):
    crawl("bukhara_khokimiyat")
    assert all(
        s["url"].startswith("https://gov.uz/ru/buxoro/news/view/") for s in stories(crawl.db)
    )
    assert all(
        r.startswith("200 ") for r in mirror.requests() if "api-portal" in r and "robots" not in r
    )


def test_an_edit_after_publication_is_one_revision(crawl, mirror_root):
    # 158066 was published at 12:30 UTC; read at 13:00, re-read after the 6 h point
    crawl("bukhara_khokimiyat", PRESSBOT_NOW="2025-11-11T13:00:00+00:00")
    detail = next((mirror_root / "api-portal.gov.uz/authorities/news").glob("view?id=158066*"))
    data = json.loads(detail.read_text())
    data["data"]["body"] += "<p>Поручено завершить ремонт котельных до 1 декабря.</p>"
    data["data"]["updated_date"] = "2025-11-11 23:00:00"
    detail.write_text(json.dumps(data, ensure_ascii=False))
    crawl("bukhara_khokimiyat", PRESSBOT_NOW="2025-11-11T19:00:00+00:00")
    (meeting,) = stories(crawl.db, "url LIKE ?", ["%/158066"])
    assert meeting["body"].endswith("Поручено завершить ремонт котельных до 1 декабря.")
    assert meeting["updated_at"] == "2025-11-11T18:00:00+00:00"
    assert meeting["revisions"] == 1
    assert len(stories(crawl.db)) == 6
