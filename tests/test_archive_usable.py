"""An unusable database file is one line before anything starts, not a traceback."""

import os

import pytest

from pressbot.archive.database import Archive
from pressbot.archive.usable import DatabaseUnusable, check_usable
from pressbot.commands import ExitCode
from pressbot.commands.health import Command as HealthCommand


@pytest.fixture
def archive_file(tmp_path):
    """A real archive with a few rows, closed."""
    path = tmp_path / "a.db"
    archive = Archive(path)
    archive.sync_sources({"key": f"s{n}", "title": "x" * 500} for n in range(100))
    archive.close()
    return path


def scribble(path, offset: int, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xa5" * size)


def truncate(path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


def test_a_good_archive_a_new_file_and_an_empty_file_are_usable(archive_file, tmp_path):
    check_usable(archive_file)
    check_usable(tmp_path / "new" / "b.db")
    (tmp_path / "empty.db").touch()
    check_usable(tmp_path / "empty.db")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_text("id,title\n1,not a database\n"), "is not an SQLite database"),
        (lambda p: os.chmod(p, 0o444), "is read-only"),
        (lambda p: truncate(p, 4096), "is malformed"),
        (lambda p: scribble(p, 100, 400), "is malformed"),
        (lambda p: scribble(p, 4096, 3 * 4096), "is malformed"),
    ],
    ids=["not-sqlite", "read-only", "truncated", "page-1", "table-pages"],
)
def test_an_unusable_file_is_named_with_its_fault(archive_file, damage, message):
    damage(archive_file)
    with pytest.raises(DatabaseUnusable, match=message) as raised:
        Archive(archive_file)
    assert "\n" not in str(raised.value) and str(archive_file) in str(raised.value)


def test_a_directory_is_no_database(tmp_path):
    with pytest.raises(DatabaseUnusable, match="is not a file"):
        check_usable(tmp_path)


def test_an_archive_command_exits_unusable_with_one_line(archive_file, capsys):
    archive_file.write_bytes(b"\x00" * 100)
    command = HealthCommand()
    command.settings = {"PRESSBOT_DB": str(archive_file), "PRESSBOT_NOW": None}
    with pytest.raises(SystemExit) as exited:
        command.open_archive()
    assert exited.value.code == ExitCode.UNUSABLE
    assert capsys.readouterr().err == (
        f"pressbot: {archive_file} is not an SQLite database; nothing done\n"
    )
