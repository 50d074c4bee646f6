"""Atom feeds of the archive: per source, per kind, or everything.

Entry ids are `tag:` URIs made from the story (its source and its id in the
archive, dated by first sight), never from its URL, so an entry keeps its id
when a site moves the page; `updated` follows the story's revisions.
"""

from __future__ import annotations

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from pressbot.utils import timeparse

FEED_ID = "tag:pressbot,2025:feed/{scope}"


def entry_id(story: dict) -> str:
    return f"tag:pressbot,{story['first_seen_at'][:10]}:story/{story['source']}/{story['id']}"


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _moment(value: str | None) -> datetime:
    return timeparse.instant(value) or EPOCH


def atom_feed(stories: list[dict], scope: str, title: str, link: str) -> bytes:
    """An Atom document with one entry per story, newest first."""
    feed = FeedGenerator()
    feed.id(FEED_ID.format(scope=scope))
    feed.title(title)
    feed.link(href=link, rel="alternate")
    feed.generator("pressbot")
    updated = [_moment(s["changed_at"]) for s in stories]
    feed.updated(max(updated, default=_moment(None)))
    for story in stories:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(story))
        entry.title(story["title"])
        entry.link(href=story["url"], rel="alternate")
        entry.published(_moment(story["published_local"] or story["published_at"]))
        entry.updated(_moment(story["changed_at"]))
        entry.author({"name": story["source_title"]})
        if story["lead"]:
            entry.summary(story["lead"])
        entry.content(story["body"], type="text")
    return feed.atom_str(pretty=True)
