"""Incremental exports: the mark and the file change together, whatever interrupts them."""

import argparse
import contextlib
import os

import pytest

import pressbot.archive.watermarks as watermarks
from pressbot.archive.database import Archive
from pressbot.archive.export import ExportRequest
from pressbot.commands.export import Command

SEEN = "2025-11-13T10:00:00+00:00"
HEADER = b"url,title\r\n"


class Killed(BaseException):
    """Stands for SIGKILL at a chosen step: nothing after it runs."""


@pytest.fixture
def archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.sync_sources([{"key": "s", "title": "S", "kind": "ministry", "country": "RU"}])
    yield archive
    archive.close()


def save(archive, n: int, seen_at: str = SEEN, title: str = "") -> None:
    story = {
        "source": "s",
        "url": f"https://s.ru/{n}",
        "title": title or f"Story {n}",
        "body": "Text",
        "published_at": "2025-11-13",
        "published_local": "2025-11-13",
        "published_precision": "day",
    }
    archive.save_story(story, seen_at)


def export(archive, out, append=True, name="nightly") -> None:
    opts = argparse.Namespace(output=str(out), incremental=name, append=append, bom=False)
    command = Command()
    command.settings = {"PRESSBOT_NOW": "2025-11-13T12:00:00+00:00"}
    command.export(archive, ExportRequest(columns=["url", "title"]), opts)


def row(n: int, title: str = "") -> bytes:
    return f"https://s.ru/{n},{title or f'Story {n}'}\r\n".encode()


def test_a_story_changed_in_the_same_second_as_the_last_exported_one_is_exported(archive, tmp_path):
    out = tmp_path / "out.csv"
    save(archive, 1)
    archive.commit()
    export(archive, out)
    save(archive, 2)  # the same changed_at as story 1
    save(archive, 1, title="Story 1 edited")  # an edit in that second too
    archive.commit()
    export(archive, out)
    assert out.read_bytes() == HEADER + row(1) + row(1, "Story 1 edited") + row(2)


def test_a_row_committed_after_an_export_read_newer_ones_is_not_skipped(archive, tmp_path):
    """A crawl's batch commits rows seen earlier than rows another writer committed first."""
    out = tmp_path / "out.csv"
    save(archive, 1, seen_at="2025-11-13T10:05:00+00:00")
    archive.commit()
    export(archive, out)
    save(archive, 2, seen_at="2025-11-13T10:00:00+00:00")  # seen before 1, committed after
    archive.commit()
    export(archive, out)
    assert out.read_bytes() == HEADER + row(1) + row(2)


def test_append_adds_bytes_to_the_file_as_it_is(archive, tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"url,title\r\nold,\xd0\xa1\xd1\x82\xd0\xb0\xd1\x80\xd0\xbe\xd0\xb5\r\n")
    before, inode = out.read_bytes(), out.stat().st_ino
    save(archive, 1)
    export(archive, out)
    assert out.read_bytes() == before + row(1)
    assert out.stat().st_ino == inode


def kill_at(monkeypatch, name: str, after_calls: int = 0) -> None:
    """Make watermarks.<name> die on its call number `after_calls` + 1."""
    real, calls = getattr(watermarks, name), []

    def dying(*args, **kwargs):
        calls.append(1)
        if len(calls) > after_calls:
            raise Killed(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(watermarks, name, dying)


def half_append(target, data) -> None:
    with open(target, "ab") as out:
        out.write(data[: len(data) // 2])
    raise Killed("half way through the append")


@pytest.mark.parametrize("append", [True, False], ids=["append", "rewrite"])
@pytest.mark.parametrize(
    "interrupt",
    [
        lambda mp: kill_at(mp, "_save"),  # before anything is recorded
        lambda mp: kill_at(mp, "append_bytes") or kill_at(mp, "write_temp"),  # before writing
        lambda mp: mp.setattr(watermarks, "append_bytes", half_append),
        lambda mp: mp.setattr(watermarks.os, "replace", lambda *a: (_ for _ in ()).throw(Killed())),
        lambda mp: kill_at(mp, "_save", after_calls=1),  # written, the mark not yet moved
    ],
    ids=["before-pending", "before-write", "mid-append", "before-rename", "before-mark"],
)
def test_an_interrupted_export_never_duplicates_or_loses_a_row(
    archive, tmp_path, monkeypatch, request, append, interrupt
):
    out = tmp_path / "out.csv"
    save(archive, 1)
    archive.commit()
    export(archive, out, append)
    save(archive, 2)
    save(archive, 3)
    archive.commit()
    with monkeypatch.context() as patched:
        interrupt(patched)
        with contextlib.suppress(Killed):
            export(archive, out, append)
    save(archive, 4)
    archive.commit()
    export(archive, out, append)
    if append:
        assert out.read_bytes() == HEADER + row(1) + row(2) + row(3) + row(4)
    elif request.node.callspec.id.startswith(("mid-append", "before-mark")):
        # the interrupted run's file (2, 3) was in place: the next holds only what is newer
        assert out.read_bytes() == HEADER + row(4)
    else:  # it never replaced the file: the next one holds its rows too
        assert out.read_bytes() == HEADER + row(2) + row(3) + row(4)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")]


def test_a_rewritten_export_is_replaced_whole_or_not_at_all(archive, tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    save(archive, 1)
    archive.commit()
    export(archive, out, append=False)
    save(archive, 2)
    archive.commit()
    with monkeypatch.context() as patched:
        patched.setattr(watermarks.os, "replace", lambda *a: (_ for _ in ()).throw(Killed()))
        with pytest.raises(Killed):
            export(archive, out, append=False)
    assert out.read_bytes() == HEADER + row(1)
    export(archive, out, append=False)
    assert out.read_bytes() == HEADER + row(2)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.parametrize("append", [True, False], ids=["append", "rewrite"])
def test_a_new_export_file_follows_the_umask_and_an_old_one_keeps_its_mode(
    archive, tmp_path, umask_027, append
):
    save(archive, 1)
    export(archive, tmp_path / "new.csv", append)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o640
    (tmp_path / "old.csv").write_bytes(HEADER)
    os.chmod(tmp_path / "old.csv", 0o604)
    export(archive, tmp_path / "old.csv", append, name="other")
    assert (tmp_path / "old.csv").stat().st_mode & 0o777 == 0o604
