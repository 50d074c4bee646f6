"""Spiders from the registry: each source crawled by its family's spider class."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pressbot.registry import load_registry
from pressbot.spiders.poll import PollSpider

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.settings import BaseSettings
    from typing_extensions import Self


class RegistrySpiderLoader:
    """Implements Scrapy's spider loader interface over `sources.toml`."""

    def __init__(self, registry_path: str | None = None):
        self.sources = load_registry(registry_path)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        return cls(settings.get("PRESSBOT_SOURCES"))

    def load(self, spider_name: str) -> type[Spider]:
        """The crawl's spider for one source (`scrapy crawl KEY`)."""
        source = self.sources[spider_name]  # KeyError is the interface's "no such spider"
        return type(
            f"PollSpider[{source.key}]",
            (PollSpider,),
            {"name": source.key, "sources": (source.key,)},
        )

    def list(self) -> list[str]:
        return sorted(self.sources)

    def find_by_request(self, request: Request) -> builtins.list[str]:
        host = urlsplit(request.url).netloc
        return [k for k, s in self.sources.items() if urlsplit(s.homepage).netloc == host]
