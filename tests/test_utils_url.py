import pytest

from pressbot.utils.url import canonical_url

ARTICLE = "https://uz.sputniknews.ru/20251112/delegatsiya-53411453.html"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        "http://uz.sputniknews.ru/20251112/delegatsiya-53411453.html",
        "https://www.uz.sputniknews.ru/20251112/delegatsiya-53411453.html",
        "https://m.uz.sputniknews.ru/20251112/delegatsiya-53411453.html",
        "https://uz.sputniknews.ru/20251112/delegatsiya-53411453.html/",
        "https://uz.sputniknews.ru/20251112/delegatsiya-53411453.html?utm_source=telegram&utm_medium=social",
        "https://uz.sputniknews.ru/20251112/delegatsiya-53411453.html?fbclid=abc#comments",
        "https://uz.sputniknews.ru/amp/20251112/delegatsiya-53411453.html",
        "https://uz.sputniknews.ru/20251112/delegatsiya-53411453-print.html",
        "HTTPS://UZ.SPUTNIKNEWS.RU/20251112/delegatsiya-53411453.html",
    ],
)
def test_url_variants_canonicalise_to_one(variant):
    assert canonical_url(variant) == ARTICLE


def test_content_selecting_query_is_kept_and_sorted():
    assert (
        canonical_url("https://gov.uz/news?page=2&code=navoi")
        == "https://gov.uz/news?code=navoi&page=2"
    )


def test_fetch_url_drops_tracking_but_keeps_what_avoids_a_redirect():
    from pressbot.utils.url import fetch_url

    assert fetch_url("http://government.ru/news/56118/?utm_source=rss#top") == (
        "http://government.ru/news/56118/"
    )
    assert fetch_url("https://uz.sputniknews.ru/amp/20251112/a-1.html") == (
        "https://uz.sputniknews.ru/20251112/a-1.html"
    )
