"""The generic family: configured and discovered entry points, the same engine as every family."""

from pathlib import Path

import pytest
from conftest import run_crawl, stories

from pressbot.pages.gold import word_f1

GENERIC_REGISTRY = Path(__file__).parent / "registries" / "fixture_sites_generic.toml"
WINDOW = ("since=2025-11-01", "until=2025-11-13")
API_1 = "index.htm/news/.page?format=json&limit=15&page=1"


def by_url(db, source):
    return {s["url"]: s for s in stories(db, "source = ?", [source])}


def consistency(own: dict, generic: dict) -> dict:
    """Per site: stories each way, same titles, same instants and precisions, body F1."""
    common = own.keys() & generic.keys()
    f1 = [word_f1(generic[u]["body"], own[u]["body"]) for u in common]
    same = lambda *fields: sum(all(own[u][f] == generic[u][f] for f in fields) for u in common)  # noqa: E731
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
        ("mpt_tatarstan", WINDOW, 1),  # its own family on the HTML tape: the API answers 500
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
