"""The base of pressbot's archive commands (outside `commands/`, where Scrapy would list it)."""

from __future__ import annotations

from typing import ClassVar

from scrapy.commands import ScrapyCommand


class PressbotCommand(ScrapyCommand):
    """A project command that works on the archive rather than running a crawl."""

    requires_project = True
    default_settings: ClassVar[dict] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"
