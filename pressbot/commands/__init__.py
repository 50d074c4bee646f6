"""pressbot's own scrapy commands (COMMANDS_MODULE): one module per command."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """What every pressbot command exits with (README, "Exit codes")."""

    OK = 0
    #: a run failed; for `scrapy health`, a source is failing or silent
    FAILING = 1
    #: bad usage: Scrapy exits with 2 on a UsageError, which pressbot raises
    USAGE = 2
    #: another run holds the database; this one did nothing
    LOCKED = 3


class ArchiveCommand:
    """Mixed into a command that works on the archive rather than running a crawl.

    A mixin rather than a ScrapyCommand subclass: Scrapy registers every
    ScrapyCommand subclass it finds in COMMANDS_MODULE as a command of the
    module's name, and this one is no command of its own.
    """

    requires_project = True
    default_settings: ClassVar[dict] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"
