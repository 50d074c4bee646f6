"""`css`: parsel's CSS selectors, found through a cheaper class test, same elements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parsel import Selector

from pressbot.utils.css import css, first, select, to_xpath

PAGE = """<html><body>
<div class="article "><h1 class="article__title">Заголовок</h1>
  <div class="media">one</div>
  <div class="media__copyright-item m-copyright">© two</div>
  <div class="xmedia media-x">three</div>
  <div class="	media
     big">four (tab and newline around the token)</div>
  <div class="MEDIA">five (another case)</div>
  <div class="">six</div><div>seven</div>
  <ul class="tags"><li class="tag"><a href="/a">a</a></li><li><a href="/b">b</a></li></ul>
  <div class="article__block" data-type="text"><p class="article__text">text</p></div>
</div></body></html>"""

QUERIES = [
    ".media",
    "div.media",
    ".media.big",
    "[class~=media]",
    ".article__title, .media__copyright-item",
    ".tags li a",
    ".tags li.tag a::text",
    "div.article div.article__block[data-type=text] .article__text::text",
    ".media::attr(class)",
    "div.article",
    ".nothing",
]


def texts(found) -> list[str]:
    return [s if isinstance(s, str) else s.get() for s in found]


@pytest.mark.parametrize("query", QUERIES)
def test_finds_what_parsel_finds(query):
    page = Selector(text=PAGE)
    assert texts(css(page, query)) == texts(page.css(query))


@pytest.mark.parametrize("query", QUERIES)
def test_select_finds_the_elements_and_strings_css_finds(query):
    page = Selector(text=PAGE)
    assert select(page.root, query) == [found.root for found in css(page, query)]


def test_select_below_an_element_and_first():
    article = select(Selector(text=PAGE).root, "div.article")[0]
    assert [div.text for div in select(article, ".media")] == [
        "one",
        select(article, ".media")[1].text,
    ]
    assert first(select(article, "h1::text")) == "Заголовок"
    assert first(select(article, ".nothing::text")) == ""


def test_found_in_a_selector_below_the_page():
    article = Selector(text=PAGE).css("div.article")
    assert texts(css(article, ".media")) == texts(article.css(".media"))
    assert len(css(article, ".media")) == 2  # "media" and the tab-separated one


def test_the_substring_test_comes_before_the_token_test():
    xpath = to_xpath(".media")
    assert xpath.index("contains(@class, 'media')") < xpath.index("normalize-space(@class)")
    assert "0" in to_xpath("[class~='']")  # an empty token matches nothing, as in parsel


TOKENS = st.sampled_from(["a", "ab", "b", "a-b", "ba", "A"])
SPACES = st.sampled_from([" ", "  ", "\t", "\n", " \t "])


@given(
    classes=st.lists(
        st.tuples(st.lists(TOKENS, max_size=4), SPACES, st.booleans()), min_size=1, max_size=6
    ),
    wanted=TOKENS,
)
def test_any_class_attribute(classes, wanted):
    divs = "".join(
        f'<div id="d{n}" class="{space if edge else ""}{space.join(tokens)}{space}"></div>'
        for n, (tokens, space, edge) in enumerate(classes)
    )
    page = Selector(text=f"<html><body>{divs}</body></html>")
    query = f".{wanted}::attr(id)"
    assert css(page, query).getall() == page.css(query).getall()
