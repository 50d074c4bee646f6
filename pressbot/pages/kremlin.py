"""kremlin.ru, the President of Russia.

Listing `/events/president/news` (then `/page/N`): day headings
`h2.events__title > time[datetime=YYYY-MM-DD]` followed by their
`div.hentry > h3.hentry__title > a`. Article: `h1.entry-title`, the lead in
`.entry-summary`, the text in `div.entry-content`, and only a day in
`time[itemprop=datePublished]`; the Atom feed gives the time of day.
"""

from __future__ import annotations

from scrapy.http import Response

from pressbot.pages.feeds import Listed
from pressbot.pages.simple import SimpleArticlePage
from pressbot.utils.css import css
from pressbot.utils.text import clean


class KremlinListingPage:
    def __init__(self, response: Response):
        self.response = response

    def entries(self) -> list[Listed]:
        entries, day = [], ""
        for node in css(self.response, "h2.events__title, div.hentry"):
            if node.root.tag == "h2":
                day = clean(css(node, "time::attr(datetime)").get())
                continue
            link = css(node, "h3.hentry__title a")
            if link.attrib.get("href"):
                title = clean(link[0].root.text_content())
                entries.append(Listed(self.response.urljoin(link.attrib["href"]), day, title))
        return entries


class KremlinArticlePage(SimpleArticlePage):
    CONTAINER = ".read"
    TITLE = "h1.entry-title"
    LEAD = ".entry-summary"
    BODY = "div.entry-content"
    DATE = 'time[itemprop="datePublished"]::attr(datetime)'
    TAGS = ".read__tags a::text"
