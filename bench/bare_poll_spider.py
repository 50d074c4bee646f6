"""The polling baseline: robots.txt and the API's first page of every site, in one crawler.

Requests go straight to the mirror's URLs (`<mirror>/<host>/robots.txt`), so
Scrapy's defaults apply and nothing of pressbot is loaded; each API page is
parsed and yields a minimal item per release, nothing is stored.
"""

import json
from pathlib import Path

import scrapy

API_1 = "index.htm/news?format=json&limit=15&page=1"


class BarePollSpider(scrapy.Spider):
    name = "bare_poll"

    def __init__(self, mirror: str, hosts: str, **kwargs):
        super().__init__(**kwargs)
        self.mirror = mirror.rstrip("/")
        self.hosts = Path(hosts).read_text().split()

    async def start(self):
        for host in self.hosts:
            yield scrapy.Request(f"{self.mirror}/{host}/robots.txt", callback=self.parse_robots)
            yield scrapy.Request(f"{self.mirror}/{host}/{API_1}", callback=self.parse_api)

    def parse_robots(self, response):
        return None

    def parse_api(self, response):
        for item in json.loads(response.text)["items"]:
            yield {"url": item["url"], "title": item["title"]}
