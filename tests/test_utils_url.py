import pytest

from pressbot.archive.identity import content_hash, title_key
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


def test_title_key_folds_case_quotes_dashes_and_spaces():
    assert title_key("Минэнерго:  в «Узбекистане» — 20\xa0станций!") == title_key(
        "минэнерго в узбекистане 20 станций"
    )
    assert title_key("Ёлка") == title_key("елка")


def test_different_titles_have_different_keys():
    assert title_key("В Самарканде открыли терминал") != title_key("Минэнерго: 20 станций")


def test_content_hash_ignores_spacing_but_not_words():
    assert content_hash("A", "b  c", "d") == content_hash("A", "b c", "d ")
    assert content_hash("A", "b", "d") != content_hash("A", "b", "e")


def test_fetch_url_drops_tracking_but_keeps_what_avoids_a_redirect():
    from pressbot.utils.url import fetch_url

    assert fetch_url("http://government.ru/news/56118/?utm_source=rss#top") == (
        "http://government.ru/news/56118/"
    )
    assert fetch_url("https://uz.sputniknews.ru/amp/20251112/a-1.html") == (
        "https://uz.sputniknews.ru/20251112/a-1.html"
    )
