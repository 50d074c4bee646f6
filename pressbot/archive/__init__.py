"""The archive: one SQLite file, its schema, the rules of story identity, and what reads it.

`database.Archive` stores stories, revisions and runs; `schema` creates and
migrates every table; `identity` says when two sightings are one story;
`shared.archive_for` gives a crawl its one open archive; `lock` keeps one run
at a time; `health`, `export` and `atom` read the archive for the commands.
"""

from pressbot.archive.database import Archive

__all__ = ["Archive"]
