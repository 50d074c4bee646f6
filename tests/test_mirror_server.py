"""The mirror server as a real process, fetched over real HTTP."""

import socket
import urllib.error
import urllib.request

from pressbot.mirror.server import make_server, max_in_flight


def fetch(mirror, path, headers=None):
    request = urllib.request.Request(mirror.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serves_robots_feed_and_query_strings(mirror):
    status, _, body = fetch(mirror, "/uz.sputniknews.ru/robots.txt")
    assert status == 200 and b"Disallow: /search/" in body
    status, headers, body = fetch(mirror, "/uz.sputniknews.ru/export/rss2/archive/index.xml")
    assert status == 200 and "xml" in headers["Content-Type"] and b"<rss" in body
    path = "/uz.sputniknews.ru/sitemap_article.xml?date_start=20251112&date_end=20251112"
    status, _, body = fetch(mirror, path)
    assert status == 200 and body.count(b"<url>") == 4


def test_chosen_status_and_missing_pages(mirror, mirror_root):
    gone = mirror_root / "uz.sputniknews.ru" / "20251112" / "gone-1.html"
    gone.with_name("gone-1.html.http").write_text("Status: 410\n")
    assert fetch(mirror, "/uz.sputniknews.ru/20251112/gone-1.html")[0] == 410
    assert fetch(mirror, "/uz.sputniknews.ru/nothing-here.html")[0] == 404


def test_responses_chosen_by_request_headers(mirror):
    path = "/api-portal.gov.uz/authorities/news/view?id=160412"
    _, _, ru = fetch(mirror, path, {"code": "navoi", "language": "ru"})
    _, _, oz = fetch(mirror, path, {"code": "navoi", "language": "oz"})
    assert "Хоким Навоийской области" in ru.decode()
    assert "Navoiy viloyati hokimi" in oz.decode()
    assert fetch(mirror, path)[0] == 404
    assert fetch(mirror, path, {"code": "buxoro", "language": "ru"})[0] == 404
    assert f"200 {path}" in mirror.requests()


def test_hundreds_of_connections_wait_in_the_backlog(tmp_path):
    # nothing accepts while the test connects: with socketserver's backlog of 5 the
    # seventh connection would wait out SYN retransmits instead of completing
    server = make_server(tmp_path)
    try:
        connections = [
            socket.create_connection(server.server_address, timeout=0.5) for _ in range(300)
        ]
        for connection in connections:
            connection.close()
    finally:
        server.server_close()


def test_max_in_flight_per_host_from_the_log():
    log = [
        "200 /a.ru/robots.txt 1",
        "200 /a.ru/index.htm/news?format=json&limit=15&page=1 2",
        "500 /b.ru/index.htm/news?format=json&limit=15&page=1 1",
        "200 /a.ru/ 1",
    ]
    assert max_in_flight(log) == {"a.ru": 2, "b.ru": 1}
