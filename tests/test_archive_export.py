"""CSV exports: byte for byte, round trips, formula injection, incremental mode, bad input,
and the coverage export (releases and the stories that re-report them)."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, rows

from pressbot.archive.database import Archive
from pressbot.archive.export import (
    COVERAGE_FIELDS,
    ExportError,
    ExportRequest,
    cell,
    check,
    render,
    select,
)
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
        (["--coverage", "--columns", "story_title,body"], "unknown column: body"),
        (["--coverage", "--local-times"], "both sides' local times already"),
        (["--coverage", "--incremental", "nightly"], "does not apply to --coverage"),
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


# --- The coverage export ------------------------------------------------------------


def story_id(db, url_end: str) -> int:
    (found,) = rows(db, "SELECT id FROM stories WHERE url LIKE ?", ("%" + url_end,))
    return found["id"]


def add_link(db, release_id: int, story_id: int) -> None:
    """A coverage link made by hand: a day-precision pickup, as the linker writes them."""
    archive = Archive(db)
    archive.db["coverage"].insert(
        {
            "release_id": release_id,
            "story_id": story_id,
            "release_source": archive.db["stories"].get(release_id)["source"],
            "story_source": archive.db["stories"].get(story_id)["source"],
            "release_share": 0.5,
            "story_share": 0.5,
            "longest_passage": 20,
            "topic": 0.9,
            "attribution_match": True,
            "score": 1.5,
            "lag_days": 7,
            "lag_precision": "day",
            "method": "by hand",
            "linked_at": "2025-11-13T09:00:00+00:00",
        }
    )
    archive.close()


def coverage(db, request: ExportRequest) -> list[dict]:
    archive = Archive(db)
    check(request, archive)
    found = select(archive, request)
    archive.close()
    return found


def test_coverage_export_is_byte_for_byte_as_expected(archive_copy, tmp_path):
    # The links the linker makes in the bundled mirror: a change to the linker that changes
    # them changes this file (scrapy export --coverage -o tests/expected/export/coverage.csv).
    out = tmp_path / "coverage.csv"
    done = export(archive_copy, "-o", str(out), "--coverage", "--bom")
    assert done.returncode == 0, done.stderr
    expected = (EXPECTED / "coverage.csv").read_bytes()
    assert out.read_bytes() == b"\xef\xbb\xbf" + expected
    assert "exported 3 links" in done.stderr


def test_coverage_export_gives_both_sides_of_every_link(archive_copy):
    columns = ["release_id", "story_id", *COVERAGE_FIELDS]
    exported = coverage(archive_copy, ExportRequest(coverage=True, columns=columns))
    links = rows(
        archive_copy,
        "SELECT c.*, r.title AS release_title, r.url AS release_url, "
        "r.published_local AS release_published_local, s.title AS story_title, "
        "s.url AS story_url, s.published_local AS story_published_local "
        "FROM coverage c JOIN stories r ON r.id = c.release_id "
        "JOIN stories s ON s.id = c.story_id",
    )
    assert links, "the filled archive has coverage links"
    by_pair = {(link["release_id"], link["story_id"]): link for link in links}
    assert sorted(by_pair) == sorted((row["release_id"], row["story_id"]) for row in exported)
    for row in exported:
        link = by_pair[row["release_id"], row["story_id"]]
        assert {c: row[c] for c in columns if c in link} == {
            c: link[c] for c in columns if c in link
        }
    seed = next(r for r in exported if r["story_url"].endswith("53411453.html"))
    assert (seed["release_source"], seed["story_source"]) == ("mpt_tatarstan", "sputnik_uz")
    assert seed["release_published_precision"] == "day"
    assert seed["story_published_local"] == "2025-11-12T14:12:00+05:00"


def test_coverage_filters_match_either_side_and_the_story_day(archive_copy):
    release = story_id(archive_copy, "rais.tatarstan.ru/index.htm/news/2542950.htm")
    story = story_id(archive_copy, "53411453.html")
    add_link(archive_copy, release, story)

    def pairs(**filters) -> set[tuple[int, int]]:
        found = coverage(archive_copy, ExportRequest(coverage=True, **filters))
        return {(row["release_id"], row["story_id"]) for row in found}

    assert (release, story) in pairs(sources=["rais_tatarstan"])  # the release's source
    assert (release, story) in pairs(sources=["sputnik_uz"])  # the story's source
    assert (release, story) not in pairs(sources=["mert_tatarstan", "navoi_khokimiyat"])
    assert (release, story) in pairs(kinds=["head_of_state"], countries=["RU"])
    assert (release, story) in pairs(since="2025-11-12")  # the story's day, not the release's
    assert (release, story) not in pairs(until="2025-11-11")
    assert pairs(sources=["rais_tatarstan"]) == {(release, story)}
    assert pairs(since="2025-11-12", until="2025-11-12") >= {(release, story)}


def test_coverage_rows_come_by_release_then_story(archive_copy):
    older = story_id(archive_copy, "rais.tatarstan.ru/index.htm/news/2542602.htm")
    newer = story_id(archive_copy, "rais.tatarstan.ru/index.htm/news/2542950.htm")
    add_link(archive_copy, newer, story_id(archive_copy, "53411453.html"))
    add_link(archive_copy, older, story_id(archive_copy, "53420115.html"))
    request = ExportRequest(
        coverage=True,
        sources=["rais_tatarstan"],
        columns=["release_published_local", "story_published_local", "lag_days", "method"],
    )
    assert render(coverage(archive_copy, request), request) == (
        "release_published_local,story_published_local,lag_days,method\r\n"
        "2025-11-03,2025-11-13T11:20:00+05:00,7,by hand\r\n"
        "2025-11-06,2025-11-12T14:12:00+05:00,7,by hand\r\n"
    )


def test_a_coverage_export_has_its_own_columns_and_refuses_local_times(tmp_path):
    archive = Archive(tmp_path / "pressbot.db")
    assert ExportRequest(coverage=True).columns == COVERAGE_FIELDS
    assert ExportRequest().columns == EXPORT_FIELDS
    check(ExportRequest(coverage=True, columns=["story_title", "linked_at"]), archive)
    for refused in (
        ExportRequest(coverage=True, columns=["story_title", "body"]),
        ExportRequest(coverage=True, local_times=True),
        ExportRequest(columns=["story_title"]),
    ):
        with pytest.raises(ExportError):
            check(refused, archive)
    archive.close()
