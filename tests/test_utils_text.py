import html
import re

from hypothesis import given
from hypothesis import strategies as st
from parsel import Selector

from pressbot.utils.text import clean, has_class, html_to_text, join_paragraphs, with_class


def test_clean_folds_nbsp_and_spaces():
    assert clean("Премьер-министра\u202f—\xa0 министром\n  ") == "Премьер-министра — министром"


def test_clean_leaves_text_decoded_once_as_it_is():
    # the parser decoded `&amp;laquo;` to "&laquo;": the page shows "&laquo;", so do we
    assert clean("форум &laquo;Россия&raquo;") == "форум &laquo;Россия&raquo;"
    assert html_to_text("<p>форум &amp;laquo;Россия&amp;raquo; &laquo;X&raquo;</p>") == (
        "форум &laquo;Россия&raquo; «X»"
    )


ODD_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"аб c\t\n\r\x0b\x0c\x1c\x00\x08\x1f\x85\u00a0\u2007\u202f",
            *"\u200b\ufeff\u2028\u3000\ud800\ufffe\uffff",
        ]
    )
)


@given(ODD_TEXT)
def test_clean_is_the_fold_of_the_text_without_its_stray_characters(text):
    # the whole rule, without the shortcut for text that has nothing to drop
    without = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", text)
    spaced = re.sub("[ \t\r\f\v\u00a0\u2007\u202f\u200b\ufeff]+", " ", without)
    assert clean(text) == " ".join(spaced.split())


def test_paragraphs_are_kept_and_noise_skipped():
    html = (
        "<p>Первый&nbsp;абзац <b>жирный</b></p><div class='credit'>© Фото</div>"
        "<p>Второй<br>третий</p><script>x()</script>"
    )
    assert html_to_text(html, has_class("credit")) == "Первый абзац жирный\n\nВторой\n\nтретий"


def test_empty_html_is_empty_text():
    assert html_to_text("") == ""
    assert html_to_text("<p> &nbsp; </p>") == ""


# Properties: any text -----------------------------------------------------------------

texts = st.text(max_size=60)
markup = st.lists(
    st.one_of(texts, st.sampled_from(["<p>", "</p>", "<br>", "<div>", "<b>", "&nbsp;", "&amp;"])),
    max_size=12,
).map("".join)


@given(text=texts)
def test_clean_never_raises_and_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once
    assert "\n" not in once and "  " not in once and once == once.strip()


@given(parts=st.lists(texts, max_size=6))
def test_join_paragraphs_is_idempotent(parts):
    joined = join_paragraphs(parts)
    assert join_paragraphs(joined.split("\n\n")) == joined


@given(fragment=st.one_of(texts, markup))
def test_html_to_text_never_raises_and_gives_clean_paragraphs(fragment):
    text = html_to_text(fragment)
    assert join_paragraphs(text.split("\n\n")) == text


@given(text=texts)
def test_escaped_text_reads_back_as_itself(text):
    assert html_to_text(f"<p>{html.escape(text)}</p>") == clean(text)


def test_with_class_finds_what_a_css_union_finds_in_a_subtree():
    block = Selector(
        text='<div class="block a"><!-- a note --><p class="a">1</p>'
        '<p class="xa b">2</p><span class="c"><i class=" b ">3</i></span></div>'
    ).css("div.block")[0]
    found = with_class(block.root, "a", "b")
    assert found == [s.root for s in block.css(".a, .b")]
    assert [el.tag for el in found] == ["div", "p", "p", "i"]  # the block itself, in order
    assert with_class(block.root, "missing") == []
