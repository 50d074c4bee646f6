"""pressbot's own scrapy commands (COMMANDS_MODULE): one module per command."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pressbot.archive.database import Archive
from pressbot.archive.usable import DatabaseUnusable

if TYPE_CHECKING:
    from scrapy.settings import Settings


class ExitCode(IntEnum):
    """What every pressbot command exits with (README, "Exit codes")."""

    OK = 0
    #: a run failed; for `scrapy health`, a source is failing or silent
    FAILING = 1
    #: bad usage: Scrapy exits with 2 on a UsageError, which pressbot raises
    USAGE = 2
    #: another run holds the database; this one did nothing
    LOCKED = 3
    #: the database file cannot be used (read-only, not SQLite, malformed); nothing done
    UNUSABLE = 4


class ArchiveCommand:
    """Mixed into a command that works on the archive rather than running a crawl.

    A mixin rather than a ScrapyCommand subclass: Scrapy registers every
    ScrapyCommand subclass it finds in COMMANDS_MODULE as a command of the
    module's name, and this one is no command of its own.
    """

    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}
    settings: Settings | None  # set by scrapy.cmdline, as on ScrapyCommand

    def syntax(self) -> str:
        return "[options]"

    @property
    def project_settings(self) -> Settings:
        """The settings, which scrapy.cmdline gives the command before it runs."""
        assert self.settings is not None
        return self.settings

    def open_archive(self) -> Archive:
        """The archive PRESSBOT_DB names; one line and ExitCode.UNUSABLE when it cannot be."""
        try:
            return Archive(self.project_settings["PRESSBOT_DB"])
        except DatabaseUnusable as exc:
            print(f"pressbot: {exc}; nothing done", file=sys.stderr)
            raise SystemExit(ExitCode.UNUSABLE) from None
