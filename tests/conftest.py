"""Shared fixtures: the mirror server as a real process, and real `scrapy crawl` runs.

Every test runs on a frozen clock and with the test settings module unless it
says otherwise; a test that starts a process is marked `e2e`, so
`python -m pytest -m "not e2e"` is the fast loop.
"""

from __future__ import annotations

import multiprocessing.process
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
MIRROR = REPO / "tests" / "mirror"
# The clock every test runs on unless it sets PRESSBOT_NOW itself (a test about
# time passing gives each run its own): the morning after the mirror's last story.
ARCHIVE_NOW = "2025-11-13T09:00:00+00:00"
TEST_ENVIRONMENT = {"PRESSBOT_NOW": ARCHIVE_NOW, "SCRAPY_SETTINGS_MODULE": "tests.settings"}
# Fixtures whose use means a real process (a copy of the mirror is only ever served):
# the test is end-to-end.
E2E_FIXTURES = frozenset({"mirror", "mirror_root", "crawl", "filled_archive", "archive_copy"})


# Property-based tests draw the same examples on every run (no flakes, no example
# database to carry around); no deadline, as dateparser's first call is slow.
settings.register_profile("pressbot", derandomize=True, deadline=None, database=None)
settings.load_profile("pressbot")


class ProcessInUnitTest(AssertionError):
    """A test not marked e2e tried to start a process."""


def _no_processes(*args, **kwargs):
    raise ProcessInUnitTest("this test starts a process: mark it e2e (@pytest.mark.e2e)")


@pytest.fixture(autouse=True)
def test_environment(request, monkeypatch):
    """A frozen clock and the test settings (tests/settings.py) for every process started;
    no process at all for a test that is not marked e2e, so the fast loop stays fast."""
    for name, value in TEST_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    if request.node.get_closest_marker("e2e") is None:
        monkeypatch.setattr(subprocess, "Popen", _no_processes)
        monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", _no_processes)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@dataclass
class MirrorServer:
    root: Path
    url: str
    log: Path
    process: subprocess.Popen

    def log_lines(self) -> list[list[str]]:
        """Every request served so far: status, /host/path?query, in flight to that host."""
        return (
            [line.split(" ") for line in self.log.read_text().splitlines()]
            if self.log.exists()
            else []
        )

    def requests(self) -> list[str]:
        """Every request served so far, as 'STATUS /host/path?query'."""
        return [f"{status} {path}" for status, path, _ in self.log_lines()]

    def wait_for(self, count: int = 1, ending: str = "", timeout: float = 60) -> None:
        """Wait (bounded) until `count` requests whose path ends with `ending` were served."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len([r for r in self.requests() if r.endswith(ending)]) >= count:
                return
            time.sleep(0.05)
        raise TimeoutError(f"the mirror served fewer than {count} requests ending {ending!r}")


def start_mirror(root: Path, log: Path, delay: float = 0.0, *options: str) -> MirrorServer:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pressbot.mirror",
            str(root),
            "--port",
            "0",
            "--delay",
            str(delay),
            "--log",
            str(log),
            *options,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    return MirrorServer(root, url, log, process)


@pytest.fixture
def mirror_root(tmp_path) -> Path:
    """A private copy of the bundled mirror, free to edit in a test."""
    root = tmp_path / "mirror"
    shutil.copytree(MIRROR, root)
    return root


@pytest.fixture
def mirror(mirror_root, tmp_path):
    server = start_mirror(mirror_root, tmp_path / "mirror.log")
    yield server
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=10)


@dataclass
class CrawlResult:
    returncode: int
    log: str


def crawl_command(spider: str, db: Path, mirror_url: str, *args: str, **settings: str):
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    merged = {"PRESSBOT_DB": str(db), "PRESSBOT_MIRROR": mirror_url, **settings}
    for name, value in merged.items():
        cmd += ["-s", f"{name}={value}"]
    for arg in args:
        cmd += ["-a", arg]
    return cmd


def start_crawl(spider: str, db: Path, mirror_url: str, *args: str, **settings) -> subprocess.Popen:
    """`scrapy crawl` in the background, for tests that interrupt or race it."""
    return subprocess.Popen(
        crawl_command(spider, db, mirror_url, *args, **settings),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_crawl(spider: str, db: Path, mirror_url: str, *args: str, **settings: str) -> CrawlResult:
    """`scrapy crawl` as a real process, from the project folder."""
    done = subprocess.run(
        crawl_command(spider, db, mirror_url, *args, **settings),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env=os.environ.copy(),
    )
    return CrawlResult(done.returncode, done.stderr + done.stdout)


@pytest.fixture
def crawl(mirror, tmp_path):
    """Crawl a spider against this test's mirror into this test's database."""
    db = tmp_path / "pressbot.db"

    def _crawl(spider: str = "sputnik_uz", *args: str, expect: int = 0, **settings) -> CrawlResult:
        result = run_crawl(spider, db, mirror.url, *args, **settings)
        assert result.returncode == expect, result.log[-3000:]
        return result

    _crawl.db = db
    return _crawl


def rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


STORED = (
    "source, url, title, lead, body, dateline, published_at, published_local, "
    "published_precision, published_raw, updated_at, updated_local, authors, tags, images, "
    "language, found_via, release_key, photoreport_url, revisions, withdrawn_at"
)


def stories(db: Path, where: str = "1=1", params=()) -> list[dict]:
    """Stored stories, the columns a source determines, in a stable order."""
    return rows(
        db, f"SELECT {STORED} FROM stories WHERE {where} ORDER BY published_at, url", params
    )


def hand_written_registry(path: Path) -> Path:
    """The bundled registry without its generic sources, written to `path`."""
    from pressbot.registry import entry_toml, load_registry

    entries = []
    for key, source in load_registry().items():
        if source.family != "generic":
            fields = {k: v for k, v in source.as_row().items() if k != "key"}
            entries.append(entry_toml(key, {**fields, **source.options}))
    path.write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def filled_archive(tmp_path_factory) -> Path:
    """An archive filled once per session by a real `scrapy crawlall` of the bundled mirror,
    with the registry of the hand-written families' sources, whose stories the archive's
    tests know by heart (test_commands_demo and test_commands_crawlall count them all)."""
    base = tmp_path_factory.mktemp("archive")
    server = start_mirror(MIRROR, base / "mirror.log")
    db = base / "pressbot.db"
    registry = hand_written_registry(base / "sources.toml")
    try:
        cmd = [sys.executable, "-m", "scrapy", "crawlall"]
        for name, value in {
            "PRESSBOT_DB": db,
            "PRESSBOT_MIRROR": server.url,
            "PRESSBOT_NOW": ARCHIVE_NOW,
            "PRESSBOT_SOURCES": registry,
        }.items():
            cmd += ["-s", f"{name}={value}"]
        env = {**os.environ, **TEST_ENVIRONMENT}  # a session fixture: set up before autouse ones
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
    finally:
        server.process.kill()
        server.process.wait()
    return db


@pytest.fixture
def archive_copy(filled_archive, tmp_path) -> Path:
    """A private copy of the filled archive, named as Datasette's metadata expects."""
    db = tmp_path / "pressbot.db"
    source = sqlite3.connect(filled_archive)
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    return db


# --- In-process components --------------------------------------------------------
# A crawler built by Scrapy's test helpers on pressbot's own PRESSBOT_* defaults,
# with a real SQLite file in tmp_path and a frozen clock. Components are then built
# with `from_crawler` and their handlers called directly: no engine, no network.

# In-process crawlers stop their clock earlier, 48 minutes after the seed story was
# published, so the re-check tables can put points on either side of it.
FROZEN_NOW = "2025-11-12T10:00:00+00:00"


@pytest.fixture
def make_crawler(tmp_path):
    """`make_crawler(spidercls=None, **settings)`; each crawler's archive is closed after."""
    from scrapy import signals
    from scrapy.utils.test import get_crawler

    import pressbot.settings

    defaults = {k: v for k, v in vars(pressbot.settings).items() if k.startswith("PRESSBOT_")}
    made = []

    def _make(spidercls=None, **settings):
        crawler = get_crawler(
            spidercls,
            {
                **defaults,
                "STATS_CLASS": pressbot.settings.STATS_CLASS,
                "REQUEST_FINGERPRINTER_CLASS": pressbot.settings.REQUEST_FINGERPRINTER_CLASS,
                "PRESSBOT_DB": str(tmp_path / "pressbot.db"),
                "PRESSBOT_NOW": FROZEN_NOW,
                "PRESSBOT_MIRROR": None,
                **settings,
            },
        )
        made.append(crawler)
        return crawler

    yield _make
    for crawler in made:  # what the engine would send: the shared archive closes
        crawler.signals.send_catch_log(signals.engine_stopped)


@pytest.fixture
def make_spider(make_crawler):
    """`make_spider(key="sputnik_uz", args=None, **settings)`: the family spider of a
    source, as the crawl's PollSpider makes and binds it, on its own crawler."""
    from pressbot.spiders.poll import PollSpider

    def _make(key="sputnik_uz", args=None, **settings):
        crawler = make_crawler(PollSpider, **settings)
        crawler.spider = crawler._create_spider(sources=[key], **(args or {}))
        return crawler.spider.families[key]

    return _make


def story_item(**fields):
    """A normalised sputnik_uz Story, as the store pipeline receives it."""
    from pressbot.items import Story

    base = {
        "source": "sputnik_uz",
        "url": "https://uz.sputniknews.ru/20251112/delegatsiya-1.html",
        "title": "Делегация Татарстана",
        "lead": "L",
        "body": "Текст",
        "published_at": "2025-11-12T09:12:00+00:00",
        "published_local": "2025-11-12T14:12:00+05:00",
        "published_precision": "minute",
    }
    return Story(**{**base, **fields})
