"""Machine-readable facts an article page states about itself: JSON-LD, meta tags, itemprop.

Pure readers over a response, strongest evidence first; the generic page class
(`pressbot/pages/generic.py`) decides what to believe.
"""

from __future__ import annotations

import json

from scrapy.http import TextResponse

from pressbot.utils.text import clean

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "Report"}
)


def _nodes(data) -> list:
    """Every object of a JSON-LD document: top level, lists and `@graph`s."""
    if isinstance(data, list):
        return [node for item in data for node in _nodes(item)]
    if isinstance(data, dict):
        return [data, *_nodes(data.get("@graph", []))]
    return []


def _types(node: dict) -> set[str]:
    kind = node.get("@type", [])
    return set(kind if isinstance(kind, list) else [kind])


def json_ld_article(response: TextResponse) -> dict:
    """The page's JSON-LD NewsArticle/Article object; {} when it has none (or none that parses)."""
    for script in response.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        for node in _nodes(data):
            if _types(node) & ARTICLE_TYPES:
                return node
    return {}


def ld_text(node: dict, key: str) -> str:
    value = node.get(key)
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    return clean(value) if isinstance(value, str) else ""


def meta(response: TextResponse, *names: str) -> str:
    """The first non-empty `<meta property|name|itemprop=… content>` among `names`."""
    for name in names:
        query = "//meta[@property=$name or @name=$name or @itemprop=$name]/@content"
        for found in response.xpath(query, name=name).getall():
            if clean(found):
                return clean(found)
    return ""


def itemprop(response: TextResponse, name: str) -> str:
    """An itemprop's value: its `content` or `datetime` attribute, else its text."""
    node = response.xpath(f'//body//*[@itemprop="{name}"]')[:1]
    if not node:
        return ""
    attrs = node[0].attrib
    return clean(
        attrs.get("content") or attrs.get("datetime") or " ".join(node.xpath(".//text()").getall())
    )


def published_candidates(response: TextResponse, ld: dict) -> list[str]:
    """What the page states as its publication time, strongest first."""
    return [
        ld_text(ld, "datePublished"),
        meta(response, "article:published_time", "og:published_time", "datePublished"),
        itemprop(response, "datePublished"),
        meta(response, "pubdate", "publishdate", "publish-date", "dc.date", "DC.date.issued"),
        clean(response.xpath("//body//time[@pubdate]/@datetime").get()),
        ld_text(ld, "dateCreated"),
    ]


def modified_candidates(response: TextResponse, ld: dict) -> list[str]:
    """What the page states as the time it last changed, strongest first."""
    return [
        ld_text(ld, "dateModified"),
        meta(response, "article:modified_time", "og:updated_time", "dateModified"),
        itemprop(response, "dateModified"),
    ]
