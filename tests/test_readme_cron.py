"""The README's crontab, run line by line against the offline mirror.

Only the install path changes: `/srv/pressbot` becomes this checkout, `.venv/bin/`
the running interpreter's bin folder, `logs/` a temporary folder; the database,
the mirror and the clock come from the environment, as the README allows.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, rows

README = (REPO / "README.md").read_text()


def crontab_commands() -> list[str]:
    block = re.search(r"```crontab\n(.*?)```", README, re.DOTALL).group(1)
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split(None, 5)[5] for line in lines]


def run_line(command: str, tmp_path: Path, env: dict) -> subprocess.CompletedProcess:
    command = (
        command.replace("cd /srv/pressbot", f"cd {REPO}")
        .replace(".venv/bin/", str(Path(sys.executable).parent) + "/")
        .replace("logs/", f"{tmp_path}/logs/")
        .replace("\\%", "%")
    )
    return subprocess.run(
        ["bash", "-c", command], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_readme_crontab_works(mirror, tmp_path):
    (tmp_path / "logs").mkdir()
    db = tmp_path / "cron.db"
    env = {
        **os.environ,
        "PRESSBOT_DB": str(db),
        "PRESSBOT_MIRROR": mirror.url,
        "PRESSBOT_NOW": "2025-11-13T09:00:00+00:00",
    }
    half_hourly, nightly, morning = crontab_commands()

    assert run_line(half_hourly, tmp_path, env).returncode == 0
    assert "pressbot run" in (tmp_path / "logs/crawl.log").read_text()
    assert run_line(half_hourly, tmp_path, env).returncode == 0  # nothing new: still fine
    assert run_line(nightly, tmp_path, env).returncode == 0
    assert "pressbot run" in (tmp_path / "logs/backfill.log").read_text()
    stored = rows(db, "SELECT count(*) n FROM stories")[0]["n"]
    # the nightly walk adds Sputnik's two sitemap-only stories and two listing-only
    # ones each from kremlin.ru and government.ru; the ten generic sources have two each
    assert stored == 5 + 5 * 6 + 12 + 6 + 4 + 4 + 2 + 2 + 2 + 10 * 2
    morning_run = run_line(morning, tmp_path, env)
    assert morning_run.returncode == 0
    assert "sputnik_uz" in (tmp_path / "logs/health.txt").read_text()


def test_the_lock_is_respected_between_cron_lines(mirror, tmp_path):
    from pressbot.archive.lock import DatabaseLock

    (tmp_path / "logs").mkdir()
    db = tmp_path / "cron.db"
    env = {**os.environ, "PRESSBOT_DB": str(db), "PRESSBOT_MIRROR": mirror.url}
    with DatabaseLock(db):  # a run still going
        done = run_line(crontab_commands()[1], tmp_path, env)
    assert done.returncode == 3
    assert "another run is in progress" in (tmp_path / "logs/cron.log").read_text()
    assert not db.exists()
