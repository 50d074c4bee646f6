"""pressbot: a deduplicated SQLite archive of official press releases."""

__version__ = "0.1.0"
