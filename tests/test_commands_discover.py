"""`scrapy discover URL`: what a generic entry would find, and how its releases read."""

import json
import subprocess
import sys

from conftest import REPO


def discover(mirror, *args):
    cmd = [sys.executable, "-m", "scrapy", "discover", *args, "-s", f"PRESSBOT_MIRROR={mirror.url}"]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)


def test_a_homepage_gives_a_ready_registry_entry_and_samples(mirror):
    done = discover(mirror, "https://alabuga.ru/")
    assert done.returncode == 0, done.stderr[-2000:]
    entry = done.stdout.split("# 2 sample(s)")[0]
    assert entry == (
        "# sources.toml\n"
        "[alabuga_ru]\n"
        'title = "Особая экономическая зона «Алабуга»"\n'
        'kind = "ministry"\n'
        'country = "RU"\n'
        'region = ""\n'
        'timezone = "Europe/Moscow"\n'
        'languages = ["ru"]\n'
        'homepage = "https://alabuga.ru"\n'
        'family = "generic"\n'
        'feeds = ["/feed/"]\n'
    )
    assert "  title:     Делегация Узбекистана посетила ОЭЗ «Алабуга»\n" in done.stdout
    assert "  published: 2025-11-11T14:20:00+03:00 (minute)\n" in done.stdout
    assert "  warning:   no lead found\n" in done.stdout


def test_json_gives_the_same_as_data(mirror):
    done = discover(mirror, "--json", "--samples", "1", "https://miit.uz/ru/news")
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert found["key"] == "miit_uz"
    assert (found["entry"]["listing"], found["entry"]["timezone"]) == ("/ru/news", "Asia/Tashkent")
    (sample,) = found["samples"]
    assert sample["url"] == "https://miit.uz/ru/news/1873"
    assert (sample["published_local"], sample["published_precision"]) == ("2025-11-12", "day")
    assert sample["body_start"].startswith("В Министерстве инвестиций, промышленности и торговли")
    assert sample["body_end"].endswith("вырос на 18 процентов.")
    assert sample["warnings"] == ["only a day, no time of day", "no lead found"]


def test_a_site_with_nothing_found_fails(mirror):
    done = discover(mirror, "--json", "https://nowhere.example.org/")
    assert done.returncode == 1
    assert json.loads(done.stdout)["samples"] == []
