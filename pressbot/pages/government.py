"""government.ru, the Government of Russia.

Listing `/news/?page=N`: `.headline` items with
`span.headline_date > time[datetime]` (with offset) and `a[href=/news/NNNNN/]`.
Article `/news/NNNNN/`: `h3.reader_article_headline`, the lead in
`.reader_article_lead`, the text in `div.reader_article_body`; the page shows
the day, the RSS feed the time.
"""

from __future__ import annotations

from scrapy.http import Response

from pressbot.pages.feeds import Listed
from pressbot.pages.simple import SimpleArticlePage
from pressbot.utils.css import css
from pressbot.utils.text import clean


class GovernmentListingPage:
    def __init__(self, response: Response):
        self.response = response

    def entries(self) -> list[Listed]:
        entries = []
        for item in css(self.response, ".headline"):
            href = css(item, "a::attr(href)").get()
            if href:
                entries.append(
                    Listed(
                        self.response.urljoin(href),
                        clean(css(item, ".headline_date time::attr(datetime)").get()),
                        clean(" ".join(css(item, ".headline_title_link ::text").getall())),
                    )
                )
        return entries


class GovernmentArticlePage(SimpleArticlePage):
    CONTAINER = ".reader_article"
    TITLE = "h3.reader_article_headline"
    LEAD = ".reader_article_lead"
    BODY = "div.reader_article_body"
    DATE = ".reader_article_dateline ::text"
