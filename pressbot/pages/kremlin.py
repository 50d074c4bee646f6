"""kremlin.ru, the President of Russia (research/sites.md §4.1).

Listing `/events/president/news` (then `/page/N`): day headings
`h2.events__title > time[datetime=YYYY-MM-DD]` followed by their
`div.hentry > h3.hentry__title > a`. Article: `h1.entry-title`, the lead in
`.entry-summary`, the text in `div.entry-content`, and only a day in
`time[itemprop=datePublished]`; the Atom feed gives the time of day.
"""

from __future__ import annotations

from scrapy.http import TextResponse

from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.text import clean, drop_credits, join_paragraphs, paragraphs


class KremlinListingPage:
    def __init__(self, response: TextResponse):
        self.response = response

    def entries(self) -> list[Listed]:
        entries, day = [], ""
        for node in self.response.css("h2.events__title, div.hentry"):
            if node.root.tag == "h2":
                day = clean(node.css("time::attr(datetime)").get())
                continue
            link = node.css("h3.hentry__title a")
            if link.attrib.get("href"):
                title = clean(link[0].root.text_content())
                entries.append(Listed(self.response.urljoin(link.attrib["href"]), day, title))
        return entries


class KremlinArticlePage:
    def __init__(self, response: TextResponse):
        self.response = response
        self.read = response.css(".read")[:1] or response

    def to_story(self, source: str) -> Story:
        title = self.read.css("h1.entry-title")
        lead = self.read.css(".entry-summary")
        text = self.read.css("div.entry-content")
        return Story(
            source=source,
            url=self.response.url,
            title=clean(title[0].root.text_content()) if title else "",
            lead=join_paragraphs(paragraphs(lead[0].root)) if lead else "",
            body=join_paragraphs(drop_credits(paragraphs(text[0].root))) if text else "",
            published_raw=clean(
                self.read.css('time[itemprop="datePublished"]::attr(datetime)').get()
            ),
            tags=[clean(t) for t in self.read.css(".read__tags a::text").getall()],
            language="ru",
        )
