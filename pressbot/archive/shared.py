"""The crawl's one Archive, shared by the store pipeline and the run log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from pressbot.archive.database import Archive
from pressbot.registry import load_registry

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

# One Archive per database file and process: crawls of several sources in one
# process (`scrapy crawlall`) share its connection, so one crawl's open batch
# never blocks another's write on the same thread.
_BY_PATH: dict[str, Archive] = {}
_USERS: dict[str, set] = {}
_OF_CRAWLER: WeakKeyDictionary = WeakKeyDictionary()


def archive_for(crawler: Crawler) -> Archive:
    """The archive named by PRESSBOT_DB, opened on first use, closed after its last crawl."""
    if crawler in _OF_CRAWLER:
        return _OF_CRAWLER[crawler]
    settings = crawler.settings
    path = str(Path(settings["PRESSBOT_DB"]).resolve())
    if path not in _BY_PATH:
        archive = Archive(
            path, settings.getint("PRESSBOT_COMMIT_EVERY"), settings["PRESSBOT_RECHECK_AFTER"]
        )
        registry = load_registry(settings.get("PRESSBOT_SOURCES"))
        archive.sync_sources(source.as_row() for source in registry.values())
        _BY_PATH[path], _USERS[path] = archive, set()
    _USERS[path].add(id(crawler))
    _OF_CRAWLER[crawler] = _BY_PATH[path]

    def release() -> None:
        _USERS[path].discard(id(crawler))
        if not _USERS[path]:
            _BY_PATH.pop(path).close()

    crawler.signals.connect(release, signal=signals.engine_stopped, weak=False)
    return _BY_PATH[path]
