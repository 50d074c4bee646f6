"""How far each incremental export got, changed together with the file it writes.

A mark is a `story_changes.seq`: the export takes the rows changed after it
and moves it to the newest of them. The file and the mark live in two places,
so an export changes them in three steps, each surviving a kill:

1. it records what the file will be once written (`exports.pending`: its size,
   and the inode of the file that will replace it, or the size it grows from);
2. it writes the file: appends the bytes, or renames a complete temporary file
   over it;
3. it moves the mark and clears `pending`, in one transaction.

An export that finds a `pending` left by a killed one looks at the file: as
`pending` said it would be, the rows are in it and the mark moves; otherwise
they are not, and a half-done append is cut back. No row is written twice or
skipped.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressbot.archive.database import Archive


def last_mark(archive: Archive, name: str, target: Path | None) -> int:
    """The export's mark (0 before its first run), after settling a killed export's work."""
    row = next(archive.db.table("exports").rows_where("name = ?", [name]), None)
    if row is None:
        return 0
    if row["pending"]:
        _settle(archive, name, json.loads(row["pending"]), target)
        return last_mark(archive, name, target)
    return row["seq"] or 0


def _settle(archive: Archive, name: str, pending: dict, target: Path | None) -> None:
    stat = target.stat() if target is not None and target.exists() else None
    written = stat is not None and stat.st_size == pending["size"]
    if written and pending.get("inode") is not None:
        written = stat is not None and stat.st_ino == pending["inode"]
    if written:
        _save(archive, name, pending["done"])
        return
    grown_from = pending.get("grown_from")
    if stat is not None and grown_from is not None and stat.st_size > grown_from:
        os.truncate(target, grown_from)  # type: ignore[arg-type]  # stat implies target
    _save(archive, name, {"pending": None})


def save_mark(archive: Archive, name: str, done: dict) -> None:
    """Move the mark with nothing to settle: an export written to standard output."""
    _save(archive, name, {**done, "pending": None})


def _save(archive: Archive, name: str, values: dict) -> None:
    archive.begin()
    archive.db.table("exports").upsert({"name": name, **values}, pk="name")
    archive.commit()


def write_marked(
    archive: Archive, name: str, target: Path, data: bytes, append: bool, done: dict
) -> None:
    """Write `data` to `target` (appended, or as the whole file) and save `done` with it.

    `done` holds the mark (`seq`) and what the exports row says of this run.
    """
    done = {**done, "pending": None}
    if append:
        grown_from = target.stat().st_size if target.exists() else 0
        pending = {"size": grown_from + len(data), "grown_from": grown_from, "done": done}
        _save(archive, name, {"pending": json.dumps(pending)})
        append_bytes(target, data)
    else:
        temp = write_temp(target, data)
        try:
            pending = {"size": len(data), "inode": os.stat(temp).st_ino, "done": done}
            _save(archive, name, {"pending": json.dumps(pending)})
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    _save(archive, name, done)


def append_bytes(target: Path, data: bytes) -> None:
    """Add `data` at the end of `target` (created with the umask's mode), on disk when done."""
    with open(target, "ab") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def write_temp(target: Path, data: bytes) -> str:
    """A complete temporary file beside `target`, on disk, with the mode `target` should have.

    That is `target`'s own mode when it exists, else what the umask gives a new
    file (mkstemp's 0600 is for secrets, not exports).
    """
    handle, temp = tempfile.mkstemp(dir=target.parent.resolve(), prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fchmod(out.fileno(), _mode_for(target))
        os.fsync(out.fileno())
    return temp


def _mode_for(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
