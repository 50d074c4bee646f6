"""Drop what cannot be a story, each with its named reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from pressbot.exceptions import (
    EmptyBody,
    ForeignUrl,
    FutureDate,
    MalformedField,
    MissingTitle,
    Undecodable,
    UnparseableDate,
    UnusableUrl,
)
from pressbot.registry import Source, load_registry
from pressbot.utils import timeparse
from pressbot.utils.clock import clock_from_settings
from pressbot.utils.url import is_web_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

FUTURE_SLACK = timedelta(days=1)
REPLACEMENT = "\ufffd"
# One stray replacement character in a long text is a typo on the site; a few, or one
# in the title, mean the page was read in an encoding it is not written in.
MAX_REPLACEMENTS = 2


class ValidatePipeline:
    def __init__(
        self,
        now: Callable[[], datetime] = timeparse.utc_now,
        sources: dict[str, Source] | None = None,
    ) -> None:
        self.now = now
        self.sources = sources if sources is not None else load_registry()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        registry = load_registry(crawler.settings.get("PRESSBOT_SOURCES"))
        return cls(clock_from_settings(crawler.settings), registry)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get("url")
        if adapter.get("malformed"):
            raise MalformedField(f"{'; '.join(adapter['malformed'])} at {url}")
        if not is_web_url(url or ""):
            raise UnusableUrl(f"no web address in {url!r}")
        foreign = self._foreign(adapter)
        if foreign:
            raise ForeignUrl(f"{foreign} is not on the site of {adapter['source']}")
        if self._undecodable(adapter):
            raise Undecodable(f"replacement characters (U+FFFD) in the text of {url}")
        if not adapter.get("title"):
            raise MissingTitle(f"no title at {url}")
        if not adapter.get("published_at"):
            raise UnparseableDate(f"no readable date in {adapter.get('published_raw')!r}")
        if self._in_future(adapter):
            raise FutureDate(f"published {adapter['published_local']}, after tomorrow")
        if not adapter.get("body"):
            raise EmptyBody(f"no text at {url}")
        return item

    def _foreign(self, adapter: ItemAdapter) -> str | None:
        """The story's URL, or the URL its page was fetched from after redirects,
        when either is off its source's site (a source missing here is the
        normalise pipeline's to refuse)."""
        source = self.sources.get(adapter.get("source") or "")
        for url in (adapter.get("url"), adapter.get("seen_url")):
            if source is not None and url and not source.on_site(url):
                return url
        return None

    @staticmethod
    def _undecodable(adapter: ItemAdapter) -> bool:
        title = adapter.get("title") or ""
        text = title + (adapter.get("lead") or "") + (adapter.get("body") or "")
        return REPLACEMENT in title or text.count(REPLACEMENT) > MAX_REPLACEMENTS

    def _in_future(self, adapter: ItemAdapter) -> bool:
        local = adapter["published_local"]
        stamp = timeparse.parse(local, "UTC")
        return stamp is not None and stamp.is_after(self.now(), FUTURE_SLACK)
