import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressbot.utils.url import canonical_url, fetch_url

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


# Properties: any URL-like text ----------------------------------------------------------

url_parts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
urls = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{}://{}{}/{}?{}#{}".format,
        st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
        st.sampled_from(["", "www.", "m.", "amp.", "WWW."]),
        st.sampled_from(["uz.sputniknews.ru", "kremlin.ru", "xn--80a.ru", "[::1]", "h:8080", "["]),
        url_parts,
        st.sampled_from(["", "utm_source=x", "a=1&b=2", "b=2&a=1&fbclid=z", "q=%D0%B0", "x"]),
        url_parts,
    ),
)


@given(url=urls)
def test_canonical_url_never_raises_and_is_idempotent(url):
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(url=urls)
def test_fetch_url_is_idempotent_and_canonicalises_alike(url):
    fetched = fetch_url(url)
    assert fetch_url(fetched) == fetched
    assert canonical_url(fetched) == canonical_url(url)
