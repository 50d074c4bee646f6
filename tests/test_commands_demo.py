"""`scrapy demo`, the README's first command, crawls the bundled mirror offline."""

import subprocess
import sys

import pytest
from conftest import REPO, rows

pytestmark = pytest.mark.e2e  # `scrapy demo` serves and crawls the mirror itself


def test_demo_fills_the_archive_from_the_bundled_mirror(tmp_path):
    db = tmp_path / "demo.db"
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "demo", "-s", f"PRESSBOT_DB={db}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("; ok") == 20
    assert rows(db, "SELECT count(*) n FROM stories") == [
        {"n": 5 + 5 * 6 + 12 + 6 + 4 + 4 + 10 * 2}
    ]
