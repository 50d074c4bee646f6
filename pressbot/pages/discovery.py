"""Where a site lists its releases: feeds and sitemaps, found from its pages and robots.txt.

Pure functions over responses and text; a spider (or `scrapy discover`) decides
what to fetch. Order matters: the likeliest first, news sitemaps before others.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import sitemap_urls_from_robots

from pressbot.utils.text import clean

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
)
# Where CMSs put their feeds: WordPress, Bitrix and Drupal habits, the Sputnik platform.
FEED_PATHS = (
    "/feed/",
    "/rss/",
    "/rss.xml",
    "/rss",
    "/feed",
    "/atom.xml",
    "/index.rss",
    "/news/rss/",
    "/press/rss/",
    "/rss/news/",
    "/export/rss2/archive/index.xml",
)
SITEMAP_PATHS = (
    "/sitemap_news.xml",
    "/news-sitemap.xml",
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/sitemap-index.xml",
    "/wp-sitemap.xml",
)


def feed_links(response: TextResponse) -> list[str]:
    """Feeds a page names: `<link rel="alternate">` of a feed type, then visible RSS links."""
    found = []
    for link in response.xpath("//link[@href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        if "alternate" in rel and (link.attrib.get("type") or "").lower() in FEED_TYPES:
            found.append(response.urljoin(link.attrib["href"]))
    for href in response.xpath("//body//a/@href").getall():
        lowered = href.lower()
        if lowered.endswith((".rss", "/rss", "/rss/", "/feed", "/feed/", "rss.xml")):
            found.append(response.urljoin(href))
    return list(dict.fromkeys(found))


def feed_candidates(homepage: str) -> list[str]:
    """Common feed addresses to try on a site that names none."""
    return [urljoin(homepage, path) for path in FEED_PATHS]


def news_first(urls: list[str]) -> list[str]:
    """Sitemaps with «news» in their address first, order kept otherwise."""
    return sorted(dict.fromkeys(urls), key=lambda url: "news" not in url.lower())


def robots_sitemaps(robots_txt: str | bytes, base: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, news sitemaps first."""
    body = robots_txt.encode() if isinstance(robots_txt, str) else robots_txt
    return news_first(list(sitemap_urls_from_robots(body, base_url=base)))


def sitemap_candidates(homepage: str) -> list[str]:
    """Common sitemap addresses to try where robots.txt names none."""
    return [urljoin(homepage, path) for path in SITEMAP_PATHS]


def _opening(response: Response) -> str:
    return response.body[:2000].decode("utf-8", "replace").lower()


def is_feed(response: Response) -> bool:
    """An RSS, Atom or RDF document (and not an HTML page answering with status 200)."""
    opening = _opening(response)
    return "<html" not in opening and any(t in opening for t in ("<rss", "<feed", "<rdf:rdf"))


def is_sitemap(response: Response) -> bool:
    opening = _opening(response)
    return "<html" not in opening and ("<urlset" in opening or "<sitemapindex" in opening)


# Link texts of a site's press section, in the languages of the sites pressbot watches.
NEWS_SECTION = re.compile(
    r"^(?:все\s+)?(?:новости|пресс-релизы|пресс-центр|пресс-служба|news|press releases|"
    r"press|yangiliklar|matbuot xizmati|янгиликлар|матбуот хизмати|жаңалықтар)$",
    re.IGNORECASE,
)


def news_section_links(response: TextResponse) -> list[str]:
    """Links of a page whose text names the site's news or press-release section."""
    found = [
        response.urljoin(a.attrib["href"])
        for a in response.xpath("//body//a[@href]")
        if NEWS_SECTION.match(clean(a.xpath("string()").get()))
    ]
    return list(dict.fromkeys(found))
