"""One run at a time per database: an advisory lock beside the database file.

The lock is `flock(2)` on `<database>.lock`, so the kernel releases it when
the holding process ends, however it ends: a run killed with SIGKILL never
leaves a lock behind that blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TextIO


class DatabaseLocked(RuntimeError):
    """Another pressbot run is writing to this database."""


class DatabaseLock:
    def __init__(self, database: str | Path):
        # keyed by the real file: the same database through a symlink or `..` is one lock
        self.path = Path(f"{Path(database).resolve()}.lock")
        self._file: TextIO | None = None

    def __enter__(self) -> DatabaseLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # held open, and locked, for the whole run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DatabaseLocked(f"{self.path} is held by pid {holder}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
