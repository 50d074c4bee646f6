"""One run at a time per database, whatever path names it."""

import pytest

from pressbot.archive.lock import DatabaseLock, DatabaseLocked


def test_a_second_lock_on_the_same_database_is_refused(tmp_path):
    with DatabaseLock(tmp_path / "a.db"), pytest.raises(DatabaseLocked):
        DatabaseLock(tmp_path / "a.db").__enter__()


def test_the_same_database_through_a_symlink_is_the_same_lock(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.db").touch()
    (tmp_path / "link.db").symlink_to(tmp_path / "real" / "a.db")
    (tmp_path / "linked-dir").symlink_to(tmp_path / "real")
    with DatabaseLock(tmp_path / "real" / "a.db"):
        for alias in ("link.db", "linked-dir/a.db", "real/../real/a.db"):
            with pytest.raises(DatabaseLocked):
                DatabaseLock(tmp_path / alias).__enter__()


def test_the_lock_is_released_for_the_next_run(tmp_path):
    with DatabaseLock(tmp_path / "a.db"):
        pass
    with DatabaseLock(tmp_path / "a.db") as lock:
        assert lock.path == tmp_path / "a.db.lock"
