"""The truncation middleware in-process: story pages cut off before their end."""

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from pressbot.downloadermiddlewares.truncation import TruncationMiddleware, cut_off
from pressbot.statscollectors import SourceStatsCollector

URL = "https://uz.sputniknews.ru/20251112/a-1.html"
WHOLE = b"<html><body><p>All of it.</p></body></html>"
HALF = b"<html><body><p>Half of i"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (WHOLE, False),
        (HALF, True),
        (b"<!doctype html><HTML><BODY>x</BODY></HTML>", False),
        (b"<html><body>x</body>", False),  # no </html>: browsers and lxml do without
        (b"not html at all", False),
    ],
)
def test_cut_off(body, expected):
    assert cut_off(body) is expected


def middleware():
    crawler = get_crawler(settings_dict={"STATS_CLASS": SourceStatsCollector})
    return TruncationMiddleware.from_crawler(crawler), crawler.stats


def story_request():
    return Request(URL, meta={"story_url": URL, "source": "sputnik_uz"})


def test_a_cut_off_story_page_is_refused_and_counted_for_its_source():
    mw, stats = middleware()
    with pytest.raises(IgnoreRequest, match="truncated page"):
        mw.process_response(story_request(), HtmlResponse(URL, body=HALF))
    assert stats.of("sputnik_uz").get_value("pressbot/failures/truncated") == 1


def test_a_whole_page_and_a_listing_pass():
    mw, stats = middleware()
    whole = HtmlResponse(URL, body=WHOLE)
    assert mw.process_response(story_request(), whole) is whole
    listing = HtmlResponse(URL, body=HALF)
    assert mw.process_response(Request(URL), listing) is listing
    assert stats.get_value("pressbot/failures/truncated") is None
