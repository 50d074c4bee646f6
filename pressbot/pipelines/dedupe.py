"""Drop a story already seen in this run through another URL, feed or listing.

Identity across runs is the archive's job (`Archive.find_story`); this stage
keeps one run from handing the store the same story twice. Its memory is the
run's own stories, so it does not grow from run to run.
"""

from __future__ import annotations

from itemadapter import ItemAdapter

from pressbot.archive.identity import title_key
from pressbot.exceptions import DuplicateStory


def identity_key(adapter: ItemAdapter) -> tuple:
    """Source, time at the story's precision, and normalised title."""
    moment = adapter["published_at"] or ""
    if adapter.get("published_precision") == "minute":
        moment = moment[:16]
    return adapter["source"], moment, title_key(adapter["title"])


class DedupePipeline:
    def __init__(self):
        self.urls: set[str] = set()
        self.identities: set[tuple] = set()

    def process_item(self, item):
        adapter = ItemAdapter(item)
        url, identity = adapter["url"], identity_key(adapter)
        if url in self.urls or identity in self.identities:
            raise DuplicateStory(f"{url} was already seen in this run")
        self.urls.add(url)
        self.identities.add(identity)
        return item
