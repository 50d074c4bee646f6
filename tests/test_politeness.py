"""Polite by default: robots.txt, and at most two requests in flight per host."""

from conftest import start_mirror


def test_at_most_two_requests_in_flight_per_host(crawl, mirror_root, tmp_path):
    slow = start_mirror(mirror_root, tmp_path / "slow.log", delay=0.3)
    try:
        from conftest import run_crawl

        # even with no download delay, the per-host cap holds
        assert run_crawl("sputnik_uz", tmp_path / "p.db", slow.url).returncode == 0
    finally:
        slow.process.kill()
        slow.process.wait()
    in_flight = [int(n) for _, _, n in slow.log_lines()]
    assert len(in_flight) == 7
    assert max(in_flight) == 2


def test_robots_txt_is_obeyed(crawl, mirror, mirror_root):
    robots = mirror_root / "uz.sputniknews.ru" / "robots.txt"
    robots.write_text("User-agent: *\nDisallow: /20251112/\n")
    result = crawl(expect=1)  # a press path closed by robots.txt is a failing run
    assert "4 pages forbidden by robots.txt" in result.log
    served = mirror.requests()
    assert not [r for r in served if "/20251112/" in r]
    assert any("/20251113/" in r for r in served)
