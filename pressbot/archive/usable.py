"""Whether a file can be the archive, asked before anything starts.

A read-only file, a file that is not SQLite, or one whose pages are damaged
would otherwise end a run in a traceback halfway through; here each is one
line naming the file and what is wrong with it (`DatabaseUnusable`), which
the commands turn into `ExitCode.UNUSABLE`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseUnusable(RuntimeError):
    """The database file cannot be used: unwritable, not SQLite, or malformed."""


def check_usable(path: str | Path) -> None:
    """Raise DatabaseUnusable when `path` cannot serve as a writable SQLite archive.

    A missing file is usable when its folder is writable (it is created). The
    check reads the header, the schema and the first page of every table: it
    costs milliseconds whatever the size, so it does not find damage deep in a
    table, which a run then reports as failing.
    """
    target = Path(path)
    if not target.exists():
        _check_writable_folder(target.parent if target.parent.exists() else None, target)
        return
    if not target.is_file():
        raise DatabaseUnusable(f"{target} is not a file")
    _check_writable(target)
    if target.stat().st_size == 0:
        return  # an empty file is a new database
    _check_header(target)
    _check_pages(target)


def _check_writable_folder(folder: Path | None, target: Path) -> None:
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnusable(f"{target} cannot be created: {folder} is read-only")


def _check_writable(target: Path) -> None:
    # by the mode bits as well as access(2): root may write anything, but a file
    # chmod'ed read-only is read-only by intent
    if not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise DatabaseUnusable(f"{target} is read-only")
    if not os.access(target, os.R_OK | os.W_OK):
        raise DatabaseUnusable(f"{target} is not readable and writable by this user")
    # the write-ahead log and its index live beside the file
    _check_writable_folder(target.parent, target)


def _check_header(target: Path) -> None:
    with open(target, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseUnusable(f"{target} is not an SQLite database")


def _check_pages(target: Path) -> None:
    """Read the schema and one row of every table: a damaged file says so here."""
    try:
        conn = sqlite3.connect(target, timeout=10)
        try:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            for (name,) in tables:
                quoted = name.replace('"', '""')
                conn.execute(f'SELECT * FROM "{quoted}" LIMIT 1').fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            return  # another writer holds it: busy, not broken
        raise DatabaseUnusable(f"{target} is malformed ({exc})") from None
