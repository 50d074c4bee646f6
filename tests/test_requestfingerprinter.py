"""The request fingerprinter the crawler builds from REQUEST_FINGERPRINTER_CLASS."""

import pytest
from scrapy import Request

API = "https://api.gov.uz/ru/news/list?page=1"


@pytest.fixture
def fingerprint(make_crawler):
    crawler = make_crawler(
        REQUEST_FINGERPRINTER_CLASS="pressbot.requestfingerprinter.HeaderAwareFingerprinter"
    )
    return lambda **headers: crawler.request_fingerprinter.fingerprint(
        Request(API, headers=headers)
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param({"code": "navoi"}, {"code": "bukhara"}, id="code"),
        pytest.param({"language": "ru"}, {"language": "uz"}, id="language"),
        pytest.param({}, {"code": "navoi"}, id="code-or-none"),
        pytest.param({"code": "navoi", "language": "ru"}, {"code": "navoi"}, id="language-or-none"),
    ],
)
def test_the_selector_headers_tell_requests_apart(fingerprint, one, other):
    assert fingerprint(**one) != fingerprint(**other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param({"User-Agent": "a"}, {"User-Agent": "b"}, id="user-agent"),
        pytest.param({"Accept": "text/html"}, {"Accept": "application/json"}, id="accept"),
        pytest.param({"code": "navoi"}, {"code": "navoi", "Referer": "https://gov.uz"}, id="other"),
        pytest.param({"code": "navoi"}, {"Code": "navoi"}, id="header-case"),
    ],
)
def test_other_headers_do_not(fingerprint, one, other):
    assert fingerprint(**one) == fingerprint(**other)


def test_scrapys_default_would_merge_them(make_crawler):
    # why the setting exists: one URL, many agencies
    crawler = make_crawler(REQUEST_FINGERPRINTER_CLASS="scrapy.utils.request.RequestFingerprinter")
    fingerprint = crawler.request_fingerprinter.fingerprint
    assert fingerprint(Request(API, headers={"code": "navoi"})) == fingerprint(
        Request(API, headers={"code": "bukhara"})
    )
