"""Feeds and sitemaps found from a site's pages, its robots.txt and the usual addresses."""

from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from pressbot.pages.discovery import (
    feed_candidates,
    feed_links,
    is_feed,
    is_sitemap,
    robots_sitemaps,
    sitemap_candidates,
)

HOME = """<html><head>
<link rel="alternate" type="application/rss+xml" title="Новости" href="/rss/news/">
<link rel="alternate" type="application/atom+xml" href="https://press.example/feed.atom">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="stylesheet" href="/style.css">
</head><body><a href="/press/rss">RSS</a><a href="/rss/news/">RSS again</a>
<a href="/news/">Новости</a>
</body></html>"""


def test_feed_links_from_link_tags_then_visible_rss_links():
    response = HtmlResponse(url="https://press.example/", body=HOME.encode(), encoding="utf-8")
    assert feed_links(response) == [
        "https://press.example/rss/news/",
        "https://press.example/feed.atom",
        "https://press.example/press/rss",
    ]


def test_common_addresses_are_built_on_the_homepage():
    assert feed_candidates("https://minfin.example.kz")[:2] == [
        "https://minfin.example.kz/feed/",
        "https://minfin.example.kz/rss/",
    ]
    assert sitemap_candidates("https://minfin.example.kz/ru/")[0] == (
        "https://minfin.example.kz/sitemap_news.xml"
    )


def test_robots_sitemaps_news_first():
    robots = (
        "User-agent: *\nDisallow: /bitrix/\n"
        "Sitemap: https://m.example/sitemap.xml\nsitemap: /sitemap-news.xml\n"
    )
    assert robots_sitemaps(robots, "https://m.example/robots.txt") == [
        "https://m.example/sitemap-news.xml",
        "https://m.example/sitemap.xml",
    ]


def test_a_feed_or_sitemap_is_known_by_its_document_not_its_status():
    rss = XmlResponse(
        url="https://m.example/rss/", body=b'<?xml version="1.0"?><rss><channel/></rss>'
    )
    atom = XmlResponse(
        url="https://m.example/a", body=b'<feed xmlns="http://www.w3.org/2005/Atom"/>'
    )
    urlset = XmlResponse(
        url="https://m.example/s", body=b"<urlset><url><loc>x</loc></url></urlset>"
    )
    error = TextResponse(
        url="https://m.example/rss/", body=b"<html><body>Not found: rss</body></html>"
    )
    assert (is_feed(rss), is_feed(atom), is_feed(urlset), is_feed(error)) == (
        True,
        True,
        False,
        False,
    )
    assert (is_sitemap(urlset), is_sitemap(rss), is_sitemap(error)) == (True, False, False)
