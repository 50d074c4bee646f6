"""Clean text out of markup: no stray spaces, paragraphs kept, noise skipped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "tr",
        "section",
        "article",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "br",
        "hr",
        "dl",
        "dt",
        "dd",
        "pre",
    ]
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button"})
# What lxml refuses to hold (C0 controls but tab and newlines, lone surrogates): an
# API's text with a stray escape byte is read without it rather than not at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2007\u202f\u200b\ufeff]+")
# what `clean` drops, or turns into a space that str.split() would not fold by itself
_ODD = re.compile(f"{_NOT_XML.pattern}|[\u200b\ufeff]")


def clean(text: object) -> str:
    """One line: non-breaking and repeated spaces folded; "" for a non-string.

    Entities are not decoded here: text comes from a parser (lxml, the XML of a
    feed, `html_to_text` for HTML in JSON) that decoded them once already, and
    a second pass would turn a page's `&amp;laquo;` into «.
    """
    if not isinstance(text, str) or not text:
        return ""
    if _ODD.search(text):  # most text has none: one scan, then split() folds the spaces
        text = _SPACES.sub(" ", _NOT_XML.sub("", text))
    return " ".join(text.split())


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(p for p in (clean(p) for p in paragraphs) if p)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def paragraphs(root, skip: Callable[[etree._Element], bool] | None = None) -> list[str]:
    """The paragraphs of an lxml element, block elements starting new ones."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(el) -> None:
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS or (skip and skip(el)):
            return
        block = el.tag in BLOCK_TAGS
        if block:
            flush()
        buf.append(el.text or "")
        for child in el:
            walk(child)
            buf.append(child.tail or "")
        if block:
            flush()

    walk(root)
    flush()
    return out


CREDIT = re.compile(r"^(©|\(c\)\s|Фото\s*[:—–-]|Фото предоставлено|Photo\s*:)", re.IGNORECASE)


def credit_lines(paragraphs: Iterable[str]) -> list[str]:
    """The photo credits among paragraphs."""
    return [p for p in paragraphs if p and CREDIT.match(p)]


def drop_credits(paragraphs: Iterable[str]) -> list[str]:
    """Leave out paragraphs that are only a photo credit («© …», «Фото: …»)."""
    return [p for p in paragraphs if p and not CREDIT.match(p)]


def html_to_text(fragment: object, skip: Callable | None = None) -> str:
    """Text of an HTML fragment (an API's `lead` or `body`), paragraphs kept."""
    if not isinstance(fragment, str) or not fragment.strip():
        return ""
    return join_paragraphs(paragraphs(fragment_root(fragment), skip))


def fragment_root(fragment: str) -> lxml_html.HtmlElement:
    """An HTML fragment parsed under one `<div>`, whatever stray bytes it carries."""
    return lxml_html.fragment_fromstring(_NOT_XML.sub("", fragment), create_parent="div")


def has_class(*names: str) -> Callable:
    """A `skip` predicate for elements carrying any of these classes."""
    wanted = set(names)
    return lambda el: bool(wanted & _classes(el))


def with_class(root, *names: str) -> list:
    """`root` and its descendants carrying any of these classes, in document order: what
    `.css(".a, .b")` finds, for a small subtree (a photo, a text block) without the cost
    of an XPath search (about 20 µs each, whatever the subtree's size)."""
    carries = has_class(*names)
    return [el for el in root.iter() if isinstance(el.tag, str) and carries(el)]
