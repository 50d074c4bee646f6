from pathlib import Path

import pytest

from pressbot.mirror.handler import mirror_url
from pressbot.mirror.layout import MirrorEntry, file_for, read_entry, write_entry


def test_path_and_sorted_query(tmp_path):
    assert file_for(tmp_path, "https://uz.sputniknews.ru/x.xml?b=2&a=1") == (
        tmp_path / "uz.sputniknews.ru" / "x.xml?a=1&b=2"
    )


def test_root_and_trailing_slash_use_the_page_file(tmp_path):
    assert file_for(tmp_path, "https://h.ru/") == tmp_path / "h.ru" / ".page"
    assert file_for(tmp_path, "https://h.ru/news/") == tmp_path / "h.ru" / "news" / ".page"


def test_a_page_that_is_also_a_prefix(tmp_path):
    write_entry(tmp_path, "https://t.ru/index.htm", MirrorEntry(200, {}, b"home"))
    write_entry(tmp_path, "https://t.ru/index.htm/news/1.htm", MirrorEntry(200, {}, b"one"))
    write_entry(tmp_path, "https://t.ru/index.htm/news?format=json", MirrorEntry(200, {}, b"{}"))
    assert read_entry(tmp_path, "https://t.ru/index.htm").body == b"home"
    assert read_entry(tmp_path, "https://t.ru/index.htm/news/1.htm").body == b"one"
    assert read_entry(tmp_path, "https://t.ru/index.htm/news?format=json").body == b"{}"
    assert (tmp_path / "t.ru" / "index.htm" / ".page").read_bytes() == b"home"


def test_status_and_headers_from_the_sidecar(tmp_path):
    write_entry(tmp_path, "https://h.ru/gone.html", MirrorEntry(410, {"X-A": "b"}, b"gone"))
    entry = read_entry(tmp_path, "https://h.ru/gone.html")
    assert (entry.status, entry.headers["X-A"], entry.body) == (410, "b", b"gone")


def test_content_types(tmp_path):
    for name, body in [("a.html", b"<p>"), ("f.xml", b"<?xml"), ("api", b'{"items": []}')]:
        write_entry(tmp_path, f"https://h.ru/{name}", MirrorEntry(200, {}, body))
    assert (
        read_entry(tmp_path, "https://h.ru/a.html").headers["Content-Type"].startswith("text/html")
    )
    assert "xml" in read_entry(tmp_path, "https://h.ru/f.xml").headers["Content-Type"]
    assert "json" in read_entry(tmp_path, "https://h.ru/api").headers["Content-Type"]


def test_missing_is_404_and_escaping_the_root_is_refused(tmp_path):
    assert read_entry(tmp_path, "https://h.ru/none").status == 404
    assert read_entry(tmp_path, "https://h.ru/../../etc/passwd").status == 400


def test_variants_by_request_header(tmp_path):
    host = tmp_path / "api-portal.gov.uz"
    (host / "authorities" / "news").mkdir(parents=True)
    (host / ".vary").write_text("code\nlanguage\n")
    (host / "authorities" / "news" / "view?id=1[code=navoi;language=ru]").write_text('{"ru": 1}')
    url = "https://api-portal.gov.uz/authorities/news/view?id=1"
    assert read_entry(tmp_path, url, {"Code": "navoi", "Language": "ru"}).body == b'{"ru": 1}'
    assert read_entry(tmp_path, url, {"code": "navoi", "language": "oz"}).status == 404


def test_mirror_url_keeps_host_path_and_query():
    assert mirror_url("http://127.0.0.1:8700/", "https://uz.sputniknews.ru/x?y=1") == (
        "http://127.0.0.1:8700/uz.sputniknews.ru/x?y=1"
    )
    assert mirror_url("http://127.0.0.1:8700", "https://h.ru") == "http://127.0.0.1:8700/h.ru/"


@pytest.mark.parametrize("url", ["https://h.ru/a/b.html", "https://h.ru/a/b.html?q=1"])
def test_write_then_read_round_trips(tmp_path: Path, url):
    write_entry(tmp_path, url, MirrorEntry(200, {"Content-Type": "text/html"}, b"x"))
    assert read_entry(tmp_path, url).body == b"x"
