"""government.ru, the Government of Russia (research/sites.md §4.2).

Listing `/news/?page=N`: `.headline` items with
`span.headline_date > time[datetime]` (with offset) and `a[href=/news/NNNNN/]`.
Article `/news/NNNNN/`: `h3.reader_article_headline`, the lead in
`.reader_article_lead`, the text in `div.reader_article_body`; the page shows
the day, the RSS feed the time.
"""

from __future__ import annotations

from scrapy.http import TextResponse

from pressbot.items import Story
from pressbot.pages.feeds import Listed
from pressbot.text import clean, drop_credits, join_paragraphs, paragraphs


class GovernmentListingPage:
    def __init__(self, response: TextResponse):
        self.response = response

    def entries(self) -> list[Listed]:
        entries = []
        for item in self.response.css(".headline"):
            href = item.css("a::attr(href)").get()
            if href:
                entries.append(
                    Listed(
                        self.response.urljoin(href),
                        clean(item.css(".headline_date time::attr(datetime)").get()),
                        clean(" ".join(item.css(".headline_title_link ::text").getall())),
                    )
                )
        return entries


class GovernmentArticlePage:
    def __init__(self, response: TextResponse):
        self.response = response
        self.article = response.css(".reader_article")[:1] or response

    def to_story(self, source: str) -> Story:
        title = self.article.css("h3.reader_article_headline")
        lead = self.article.css(".reader_article_lead")
        text = self.article.css("div.reader_article_body")
        return Story(
            source=source,
            url=self.response.url,
            title=clean(title[0].root.text_content()) if title else "",
            lead=join_paragraphs(paragraphs(lead[0].root)) if lead else "",
            body=join_paragraphs(drop_credits(paragraphs(text[0].root))) if text else "",
            published_raw=clean(
                " ".join(self.article.css(".reader_article_dateline ::text").getall())
            ),
            language="ru",
        )
