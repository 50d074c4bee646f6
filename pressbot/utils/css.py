"""CSS selectors for page classes, in XPath that libxml2 evaluates quickly.

cssselect reads `.name` (and `[class~=name]`) as
`@class and contains(concat(' ', normalize-space(@class), ' '), ' name ')`,
which builds two strings for every element it tests; on an article page most
of a page class's time goes there. `css` puts `contains(@class, 'name')`
first: a class that holds the name as a token holds it as a substring, so the
elements found are the same, and the strings are built only for the few
elements whose class mentions the name.
"""

from __future__ import annotations

from functools import lru_cache

from cssselect.xpath import XPathExpr, is_non_whitespace
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
