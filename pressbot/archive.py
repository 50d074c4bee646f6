"""The crawl's one Archive, shared by the store pipeline and the run log."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from pressbot.registry import load_registry
from pressbot.store import Archive

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_OPEN: WeakKeyDictionary = WeakKeyDictionary()


def archive_for(crawler: Crawler) -> Archive:
    """Open the archive named by PRESSBOT_DB on first use; close it when the engine stops."""
    if crawler not in _OPEN:
        settings = crawler.settings
        archive = Archive(settings["PRESSBOT_DB"], settings.getint("PRESSBOT_COMMIT_EVERY"))
        registry = load_registry(settings.get("PRESSBOT_SOURCES"))
        archive.sync_sources(source.as_row() for source in registry.values())
        crawler.signals.connect(archive.close, signal=signals.engine_stopped, weak=False)
        _OPEN[crawler] = archive
    return _OPEN[crawler]
