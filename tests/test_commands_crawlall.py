"""`scrapy crawlall`: many sources in one process; one failing site never sinks the others."""

import json
import subprocess
import sys

from conftest import REPO, rows, stories

TAPE_1 = "index.htm/news/tape?page=1"
API_1 = "index.htm/news/.page?format=json&limit=15&page=1"


def crawlall(db, mirror, *args, **settings):
    cmd = [sys.executable, "-m", "scrapy", "crawlall", *args]
    for name, value in {
        "PRESSBOT_DB": db,
        "PRESSBOT_MIRROR": mirror.url,
        **settings,
    }.items():
        cmd += ["-s", f"{name}={value}"]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)


def sidecar(root, host, path, text):
    target = root / host / path
    target.with_name(target.name + ".http").write_text(text)


def test_every_source_in_one_process(mirror, tmp_path):
    done = crawlall(tmp_path / "all.db", mirror)
    assert done.returncode == 0, done.stderr[-2000:]
    runs = rows(tmp_path / "all.db", "SELECT source, health FROM crawl_runs ORDER BY source")
    assert len(runs) == 20 and {r["health"] for r in runs} == {"ok"}
    assert len(stories(tmp_path / "all.db")) == 5 + 5 * 6 + 12 + 6 + 4 + 4 + 10 * 2


def test_failing_siblings_do_not_sink_the_family(mirror, mirror_root, tmp_path):
    # rais answers 500s; prav times out; mert's listings changed layout and yield nothing
    for path in (API_1, TAPE_1):
        sidecar(mirror_root, "rais.tatarstan.ru", path, "Status: 500\n")
        sidecar(mirror_root, "prav.tatarstan.ru", path, "Delay: 3\n")
    (mirror_root / "mert.tatarstan.ru" / API_1).write_text('{"news": []}')
    (mirror_root / "mert.tatarstan.ru" / TAPE_1).write_text("<html><div class='feed'></div></html>")

    db = tmp_path / "family.db"
    done = crawlall(db, mirror, "--family", "tatarstan", DOWNLOAD_TIMEOUT="1", RETRY_TIMES="0")
    assert done.returncode == 1
    health = {
        r["source"]: (r["health"], json.loads(r["problems"]))
        for r in rows(db, "SELECT source, health, problems FROM crawl_runs")
    }
    assert health["mpt_tatarstan"] == ("ok", []) and health["prtuz_tatarstan"] == ("ok", [])
    for failing in ("rais_tatarstan", "prav_tatarstan", "mert_tatarstan"):
        assert health[failing][0] == "failing"
        assert "the feed or listing yielded no stories" in health[failing][1]
    assert "requests failed" in " ".join(health["rais_tatarstan"][1])
    counts = rows(db, "SELECT source, count(*) n FROM stories GROUP BY source ORDER BY source")
    assert counts == [{"source": "mpt_tatarstan", "n": 6}, {"source": "prtuz_tatarstan", "n": 6}]


def test_unknown_source_is_a_usage_error(mirror, tmp_path):
    done = crawlall(tmp_path / "x.db", mirror, "no_such_source")
    assert done.returncode == 2
    assert "unknown source(s): no_such_source" in done.stderr + done.stdout


def test_bad_spider_arguments_are_usage_errors(mirror, tmp_path):
    done = crawlall(tmp_path / "x.db", mirror, "-a", "since=2025-13-01")
    assert done.returncode == 2
    assert "expected YYYY-MM-DD or days back as 7d" in done.stderr
    single = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "no_such_source"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert single.returncode == 2 and "unknown source: no_such_source" in single.stderr
    assert not (tmp_path / "x.db").exists()


def test_an_unusable_database_is_one_line_and_exit_4_before_anything(mirror, tmp_path):
    db = tmp_path / "pressbot.db"
    db.write_text("this is no SQLite file\n")
    done = crawlall(db, mirror)
    assert done.returncode == 4
    assert "nothing done" in done.stderr.splitlines()[-1]
    assert mirror.requests() == []
    assert db.read_text() == "this is no SQLite file\n"


def test_hundreds_of_sources_in_one_crawl(mirror, mirror_root, tmp_path):
    """The 20 bundled sources and 300 synthetic ministries, one of them failing: one crawl,
    a run row per source, the failing one reported alone, at most 2 in flight per host
    (the gov.uz agencies and languages share api-portal.gov.uz)."""
    from pressbot.mirror.server import max_in_flight
    from pressbot.mirror.synthetic import write_portal_sites, write_registry

    write_portal_sites(mirror_root, 300, failing=[7])
    registry = tmp_path / "sources.toml"
    keys = write_registry(registry, 300)
    bundled = (REPO / "pressbot" / "sources.toml").read_text(encoding="utf-8")
    registry.write_text(bundled + "\n" + registry.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "many.db"
    done = crawlall(db, mirror, PRESSBOT_SOURCES=registry, CONCURRENT_REQUESTS=64)
    assert done.returncode == 1, done.stderr[-2000:]
    runs = rows(db, "SELECT source, health FROM crawl_runs")
    assert len(runs) == 320 and {r["source"] for r in runs} >= set(keys)
    assert [r["source"] for r in runs if r["health"] != "ok"] == ["m0007_tatarstan"]
    assert "pressbot: 320 sources polled, 1 failing" in done.stderr
    assert len(stories(db)) == 5 + 5 * 6 + 12 + 6 + 4 + 4 + 10 * 2 + 299 * 3
    peaks = max_in_flight(mirror.log.read_text().splitlines())
    assert peaks["api-portal.gov.uz"] <= 2 and max(peaks.values()) <= 2


def test_a_source_that_cannot_start_fails_alone(mirror, tmp_path):
    """A gov.uz entry without its portal code: its run fails with the error, the rest run."""
    bundled = (REPO / "pressbot" / "sources.toml").read_text(encoding="utf-8")
    broken = (
        '[samarkand_khokimiyat]\ntitle = "Хокимият Самаркандской области"\n'
        'kind = "regional_government"\ncountry = "UZ"\ntimezone = "Asia/Tashkent"\n'
        'languages = ["ru"]\nhomepage = "https://gov.uz/ru/samarkand"\nfamily = "govuz"\n'
    )
    registry = tmp_path / "sources.toml"
    registry.write_text(broken + "\n" + bundled, encoding="utf-8")
    db = tmp_path / "broken.db"
    done = crawlall(db, mirror, PRESSBOT_SOURCES=registry)
    assert done.returncode == 1
    runs = {r["source"]: r for r in rows(db, "SELECT source, health, problems FROM crawl_runs")}
    assert len(runs) == 21
    assert runs.pop("samarkand_khokimiyat")["problems"] == '["1 errors logged"]'
    assert {r["health"] for r in runs.values()} == {"ok"}
    assert len(stories(db)) == 5 + 5 * 6 + 12 + 6 + 4 + 4 + 10 * 2
