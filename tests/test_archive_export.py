"""CSV exports: byte for byte, round trips, formula injection, incremental mode, bad input."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from pressbot.archive.database import Archive
from pressbot.archive.export import ExportError, ExportRequest, cell, check, render, select
from pressbot.items import EXPORT_FIELDS

EXPECTED = Path(__file__).parent / "expected" / "export"


def export(db, *args, settings=()):
    cmd = [sys.executable, "-m", "scrapy", "export", *args, "-s", f"PRESSBOT_DB={db}", *settings]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)


def add_story(db, **fields):
    archive = Archive(db)
    story = {
        "source": "mpt_tatarstan",
        "url": "https://mpt.tatarstan.ru/index.htm/news/1.htm",
        "title": "Тест",
        "lead": "",
        "body": "Текст",
        "published_at": "2025-11-13",
        "published_local": "2025-11-13",
        "published_precision": "day",
        "language": "ru",
    }
    archive.save_story({**story, **fields}, "2025-11-13T10:00:00+00:00")
    archive.close()


def test_export_of_one_source_is_byte_for_byte_as_expected(archive_copy, tmp_path):
    out = tmp_path / "mpt.csv"
    done = export(archive_copy, "-o", str(out), "--source", "mpt_tatarstan")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (EXPECTED / "mpt_tatarstan.csv").read_bytes()


def test_the_header_is_the_feed_export_column_order(archive_copy):
    done = export(archive_copy, "--kind", "head_of_state")
    assert done.stdout.splitlines()[0] == ",".join(EXPORT_FIELDS)


def test_cyrillic_and_multiline_bodies_round_trip_through_csv(archive_copy):
    done = export(archive_copy, "--source", "sputnik_uz", "--columns", "url,title,body")
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert len(rows) == 5
    seed = next(r for r in rows if r["url"].endswith("53411453.html"))
    assert seed["title"].startswith("Делегация Татарстана")
    assert seed["body"].count("\n\n") == 6


def test_a_spreadsheet_style_reader_reads_the_bom_file(archive_copy, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "excel.csv"
    assert export(archive_copy, "-o", str(out), "--bom", "--country", "UZ").returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = duckdb.read_csv(str(out)).fetchall()
    columns = duckdb.read_csv(str(out)).columns
    assert columns[:3] == ["source", "url", "title"]
    assert len(table) == 5 + 12 + 6
    bodies = [row[columns.index("body")] for row in table]
    assert any("\n\n" in body for body in bodies)
    assert any(row[columns.index("title")].startswith("Navoiy viloyati") for row in table)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tx"])
def test_formula_injection_is_neutralised(text):
    assert cell(text) == "'" + text
    assert cell("Обычный текст") == "Обычный текст"


def test_a_story_opening_with_a_formula_is_exported_inert(archive_copy):
    add_story(archive_copy, title="=cmd|' /C calc'!A0")
    done = export(
        archive_copy, "--source", "mpt_tatarstan", "--since", "2025-11-13", "--columns", "title"
    )
    assert done.stdout.splitlines() == ["title", "'=cmd|' /C calc'!A0"]


def test_filters_dates_search_and_local_times(archive_copy):
    done = export(
        archive_copy,
        "--source",
        "navoi_khokimiyat",
        "--language",
        "ru",
        "--since",
        "2025-11-11",
        "--until",
        "2025-11-12",
        "--search",
        "хоким*",
        "--columns",
        "published_at,title",
        "--local-times",
    )
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows == [
        ["published_at", "title"],
        [
            "2025-11-11T15:00:00+05:00",
            "Хоким области провел прием граждан в Кармане — «Народная приемная»",
        ],
        [
            "2025-11-12T16:05:00+05:00",
            "Хоким Навоийской области встретился с делегацией Республики Татарстан",
        ],
    ]


def test_incremental_exports_append_only_what_is_new_or_changed(archive_copy, tmp_path):
    out = tmp_path / "nightly.csv"
    nightly = ("-o", str(out), "--append", "--incremental", "nightly", "--columns", "url,title")
    first = export(archive_copy, *nightly)
    assert first.returncode == 0
    assert len(out.read_text().splitlines()) == 1 + 61
    add_story(archive_copy, title="Новый релиз")
    add_story(
        archive_copy,
        url="https://mpt.tatarstan.ru/index.htm/news/2542640.htm",
        title="Минпромторг РТ подвел итоги мониторинга цен на социально значимые товары",
        published_at="2025-11-05",
        published_local="2025-11-05",
        body="Исправленный текст",
    )
    second = export(archive_copy, *nightly)
    lines = out.read_text().splitlines()
    assert lines.count("url,title") == 1
    assert len(lines) == 1 + 61 + 2
    assert "exported 2 stories" in second.stderr
    third = export(archive_copy, "-o", str(out), "--append", "--incremental", "nightly")
    assert "exported 0 stories" in third.stderr and len(out.read_text().splitlines()) == 64


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "nowhere"], "unknown source: nowhere"),
        (["--since", "2025-02-30"], "is not a date"),
        (["--since", "2025-11-12", "--until", "2025-11-01"], "is after"),
        (["--columns", "title,colour"], "unknown column: colour"),
        (["--kind", "embassy"], "unknown kind: embassy"),
        (["--search", '"unbalanced'], "bad --search"),
    ],
)
def test_bad_arguments_fail_clearly_and_leave_the_file_alone(archive_copy, tmp_path, args, message):
    out = tmp_path / "kept.csv"
    out.write_text("previous export\n")
    done = export(archive_copy, "-o", str(out), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert out.read_text() == "previous export\n"


def test_check_and_render_without_the_command(archive_copy):
    archive = Archive(archive_copy)
    request = ExportRequest(sources=["kremlin_news"], columns=["title"])
    check(request, archive)
    text = render(select(archive, request), request)
    archive.close()
    assert text.startswith("title\r\n") and text.count("\r\n") == 5
    with pytest.raises(ExportError):
        check(ExportRequest(countries=["FR"]), Archive(archive_copy))
