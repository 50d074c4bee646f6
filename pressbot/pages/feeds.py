"""Links and dates from RSS, Atom and sitemap documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from pressbot.utils import timeparse
from pressbot.utils.text import clean


@dataclass(frozen=True)
class Listed:
    """A story as a feed, sitemap or listing names it, before its page is read."""

    url: str
    published_raw: str = ""
    title: str = ""
    lead: str = ""
    #: when the listing says the story last changed (sitemap lastmod, Atom updated)
    modified_raw: str = ""
    #: what the listing itself holds of the story (an API item), for its family
    payload: Any = field(default=None, compare=False, repr=False)

    @property
    def edited_raw(self) -> str:
        """The change time when it is not the publication time: an edit the listing shows."""
        published = timeparse.instant(self.published_raw)
        modified = timeparse.instant(self.modified_raw)
        return self.modified_raw if modified and published and modified > published else ""


def rss_items(response: Response) -> list[Listed]:
    """`<item>`s of an RSS 2.0 feed; the Sputnik/RIA feeds carry no text, only links."""
    listed = []
    for item in response.xpath("//channel/item"):
        url = clean(item.xpath("link/text()").get() or item.xpath("guid/text()").get())
        if url:
            listed.append(
                Listed(
                    url=response.urljoin(url),
                    published_raw=clean(item.xpath("pubDate/text()").get()),
                    title=clean(item.xpath("title/text()").get()),
                )
            )
    return listed


def atom_entries(response: Response) -> list[Listed]:
    """`<entry>`s of an Atom feed, with `published` (else `updated`) as their date."""
    # a feed is XML, which Scrapy hands over as an XmlResponse: a TextResponse, with a selector
    cast(TextResponse, response).selector.register_namespace("a", "http://www.w3.org/2005/Atom")
    listed = []
    for entry in response.xpath("//a:entry"):
        url = entry.xpath('a:link[not(@rel) or @rel="alternate"]/@href').get()
        url = url or entry.xpath("a:id/text()").get()
        if url:
            listed.append(
                Listed(
                    url=response.urljoin(clean(url)),
                    published_raw=clean(
                        entry.xpath("a:published/text()").get()
                        or entry.xpath("a:updated/text()").get()
                    ),
                    title=clean(entry.xpath("a:title/text()").get()),
                    modified_raw=clean(entry.xpath("a:updated/text()").get()),
                )
            )
    return listed


class NotASitemap(ValueError):
    """A sitemap URL answered something else: an error page served with status 200."""


def parsed_sitemap(response: Response) -> Sitemap:
    try:
        return Sitemap(response.body)
    except Exception:  # lxml's errors, whatever the body was
        raise NotASitemap("not XML") from None


def sitemap_urls(response: Response) -> list[Listed]:
    """`<url>`s of a sitemap urlset, with `lastmod` as their date; NotASitemap if it is none."""
    sitemap = parsed_sitemap(response)
    if sitemap.type != "urlset":
        raise NotASitemap(f"a <{sitemap.type}>, not a <urlset>")
    return [
        Listed(
            url=response.urljoin(entry["loc"]),
            published_raw=entry.get("lastmod", ""),
            modified_raw=entry.get("lastmod", ""),
        )
        for entry in sitemap
        if entry.get("loc")
    ]


def feed_entries(response: Response) -> list[Listed]:
    """The items of an RSS or Atom feed, whichever it is."""
    opening = response.body[:2000].decode("utf-8", "replace")
    return atom_entries(response) if "<feed" in opening else rss_items(response)


def sitemap_children(response: Response) -> list[Listed]:
    """The sitemaps a `<sitemapindex>` names, with their lastmod; [] for a `<urlset>`."""
    sitemap = parsed_sitemap(response)
    if sitemap.type != "sitemapindex":
        return []
    return [
        Listed(url=response.urljoin(entry["loc"]), published_raw=entry.get("lastmod", ""))
        for entry in sitemap
        if entry.get("loc")
    ]
