"""The baseline: fetch the same feed and pages, yield a minimal item, store nothing."""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, feed: str, **kwargs):
        super().__init__(**kwargs)
        self.feed = feed

    async def start(self):
        yield scrapy.Request(self.feed, callback=self.parse_feed)

    def parse_feed(self, response):
        base = self.feed.split("/uz.sputniknews.ru/")[0] + "/uz.sputniknews.ru/"
        for link in response.xpath("//item/link/text()").getall():
            yield scrapy.Request(base + link.split("uz.sputniknews.ru/", 1)[1])

    def parse(self, response):
        yield {"url": response.url, "title": response.css("h1.article__title::text").get()}
