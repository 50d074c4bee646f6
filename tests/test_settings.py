"""pressbot's production settings: polite by default. The tests crawl with tests/settings.py."""

import time
from importlib import import_module

import pytest
from conftest import run_crawl, stories
from scrapy.settings import Settings


def load(module: str) -> Settings:
    settings = Settings()
    settings.setmodule(module, priority="project")
    return settings


def test_production_defaults_are_polite():
    settings = load("pressbot.settings")
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.5
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("RETRY_TIMES") == 2


def test_the_bot_names_itself_with_a_contact_url():
    user_agent = load("pressbot.settings")["USER_AGENT"]
    assert user_agent.startswith("pressbot/")
    assert "(+https://" in user_agent


def test_the_test_settings_differ_only_in_the_politeness_delays():
    production, tests = import_module("pressbot.settings"), import_module("tests.settings")
    names = {name for name in dir(production) + dir(tests) if name.isupper()}
    differing = {n for n in names if getattr(production, n, None) != getattr(tests, n, None)}
    assert differing == {"AUTOTHROTTLE_ENABLED", "DOWNLOAD_DELAY"}


@pytest.mark.e2e
def test_a_crawl_with_the_production_settings_waits_between_requests(mirror, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "pressbot.settings")
    db = tmp_path / "polite.db"
    started = time.monotonic()
    assert run_crawl("sputnik_uz", db, mirror.url).returncode == 0
    elapsed = time.monotonic() - started
    served = mirror.requests()
    assert len(served) == 7 and len(stories(db)) == 5
    # robots.txt, the feed and 5 pages on one host, each at least half of
    # DOWNLOAD_DELAY after the one before (Scrapy randomises it between 0.5× and 1.5×)
    assert elapsed >= (len(served) - 1) * 0.5 * 0.5
