"""What pages state about themselves: JSON-LD in its shapes, meta tags, itemprop."""

import pytest
from scrapy.http import HtmlResponse

from pressbot.pages.metadata import itemprop, json_ld_article, meta, published_candidates


def response(head: str = "", body: str = "") -> HtmlResponse:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url="https://m.example/n/1", body=html.encode(), encoding="utf-8")


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@pytest.mark.parametrize(
    "scripts",
    [
        ld('{"@type": "NewsArticle", "headline": "H"}'),
        ld('[{"@type": "Organization"}, {"@type": "Article", "headline": "H"}]'),
        ld('{"@graph": [{"@type": "WebPage"}, {"@type": ["Article", "Thing"], "headline": "H"}]}'),
        ld("{broken") + ld('{"@type": "BlogPosting", "headline": "H"}'),
    ],
    ids=["object", "list", "graph", "after-a-broken-one"],
)
def test_the_article_node_of_json_ld_in_any_shape(scripts):
    assert json_ld_article(response(scripts))["headline"] == "H"


def test_no_article_node_gives_nothing():
    assert json_ld_article(response(ld('{"@type": "Organization", "name": "M"}'))) == {}


def test_meta_by_property_name_or_itemprop_first_non_empty():
    head = '<meta property="og:title" content=" "><meta name="twitter:title" content="T">'
    assert meta(response(head), "og:title", "twitter:title") == "T"


def test_itemprop_reads_content_datetime_or_text():
    body = '<time itemprop="datePublished" datetime="2025-11-24">24 ноября</time>'
    assert itemprop(response(body=body), "datePublished") == "2025-11-24"
    assert itemprop(response(body='<h2 itemprop="headline"> Релиз </h2>'), "headline") == "Релиз"


def test_published_candidates_strongest_first():
    head = ld('{"@type": "NewsArticle", "datePublished": "2025-11-24T10:00:00+03:00"}')
    head += '<meta property="article:published_time" content="2025-11-24T09:00:00+03:00">'
    found = [c for c in published_candidates(response(head), json_ld_article(response(head))) if c]
    assert found == ["2025-11-24T10:00:00+03:00", "2025-11-24T09:00:00+03:00"]
