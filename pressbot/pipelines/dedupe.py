"""Drop a story already seen in this run through another URL, feed or listing.

"The same story" is `pressbot.archive.identity.is_same_story`, the rule the
archive merges by; this stage keeps one run from handing the store the same
story twice. A later sighting that gives the time of day of a story seen
only by its day passes, so the store can learn the time. Its memory is the
run's own stories, so it does not grow from run to run.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from pressbot.archive.identity import gains_precision, match_key, same_moment
from pressbot.exceptions import DuplicateStory

IDENTITY_FIELDS = (
    "source",
    "url",
    "title",
    "published_at",
    "published_local",
    "published_precision",
)


class DedupePipeline:
    def __init__(self) -> None:
        self.urls: set[tuple[str, str]] = set()
        self.by_key: dict[tuple[str, str, str], list[dict]] = {}

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        story: dict[str, Any] = {name: adapter.get(name) for name in IDENTITY_FIELDS}
        if self._seen(story):
            raise DuplicateStory(f"{story['url']} was already seen in this run")
        for url in (story["url"], adapter.get("seen_url")):
            if url:
                self.urls.add((story["source"], url))
        self.by_key.setdefault(match_key(story), []).append(story)
        return item

    def _seen(self, story: dict) -> bool:
        if (story["source"], story["url"]) in self.urls:
            return True
        earlier = self.by_key.get(match_key(story), [])
        return any(same_moment(e, story) and not gains_precision(e, story) for e in earlier)
