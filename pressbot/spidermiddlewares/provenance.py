"""Where each request and story comes from: its source, and the URL it was listed under.

A request a callback yields belongs to the source of the response it came
from (`meta["source"]`); a story read from a page asked for as
`meta["story_url"]` keeps that URL as `listed_url`, so the archive can tell
the pending story it settles even when the page names another URL. A story
read from a page a redirect took to another host keeps that page's URL as
`seen_url`, whatever the family's page class says, so the validate pipeline
can refuse a page of another site (`ForeignUrl`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter, is_item
from scrapy import Request

from pressbot.utils.url import host_of

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response


class ProvenanceMiddleware:
    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterable[Any]:
        for output in result:
            yield self._mark(response, output)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        async for output in result:
            yield self._mark(response, output)

    @staticmethod
    def _mark(response: Response, output: Any) -> Any:
        meta = response.meta
        if isinstance(output, Request):
            if "source" in meta:
                output.meta.setdefault("source", meta["source"])
        elif is_item(output) and meta.get("story_url"):
            story = ItemAdapter(output)
            if "listed_url" in story.field_names() and not story.get("listed_url"):
                story["listed_url"] = meta["story_url"]
            if "seen_url" in story.field_names() and redirected_away(response):
                story["seen_url"] = response.url
        return output


def redirected_away(response: Response) -> bool:
    """Whether redirects took the request to another host than it was made to."""
    first = (response.meta.get("redirect_urls") or [response.url])[0]
    return host_of(first) != host_of(response.url)
