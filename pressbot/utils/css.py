"""CSS selectors for page classes, in XPath that libxml2 evaluates quickly.

cssselect reads `.name` (and `[class~=name]`) as
`@class and contains(concat(' ', normalize-space(@class), ' '), ' name ')`,
which builds two strings for every element it tests; on an article page most
of a page class's time goes there. `css` puts `contains(@class, 'name')`
first: a class that holds the name as a token holds it as a substring, so the
elements found are the same, and the strings are built only for the few
elements whose class mentions the name.

`select` runs the same XPath, compiled once, on an lxml element and returns
lxml elements and strings: a page class read for every story of a busy
source (Sputnik's) makes no parsel `Selector` for each node it finds, which
was a fifth of its time.
"""

from __future__ import annotations

from functools import lru_cache

from cssselect.xpath import XPathExpr, is_non_whitespace
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator
from scrapy.http import Response


class QuickClassTranslator(HTMLTranslator):
    """parsel's HTML translator with the substring test before the token test."""

    def xpath_attrib_includes(self, xpath: XPathExpr, name: str, value: str | None) -> XPathExpr:
        if value and is_non_whitespace(value):
            substring, token = self.xpath_literal(value), self.xpath_literal(f" {value} ")
            xpath.add_condition(
                f"contains({name}, {substring}) and "
                f"contains(concat(' ', normalize-space({name}), ' '), {token})"
            )
        else:
            xpath.add_condition("0")
        return xpath


_TRANSLATOR = QuickClassTranslator()


@lru_cache(maxsize=512)
def to_xpath(query: str) -> str:
    return _TRANSLATOR.css_to_xpath(query)


def css(node: Response | Selector | SelectorList, query: str) -> SelectorList:
    """`node.css(query)`, the same elements found faster: `node` is a response or any
    selector below it."""
    return node.xpath(to_xpath(query))


@lru_cache(maxsize=512)
def _compiled(query: str) -> etree.XPath:
    return etree.XPath(to_xpath(query), smart_strings=False)


def select(root: etree._Element, query: str) -> list:
    """What `css(query)` finds below an lxml element, as lxml elements (or strings, for
    `::text` and `::attr()`): no parsel `Selector` is made for each, and the XPath is
    compiled once."""
    return _compiled(query)(root)


def first(found: list) -> str:
    """The first string `select` found, or ""."""
    return found[0] if found else ""
