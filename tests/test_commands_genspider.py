"""`scrapy genspider` is refused with how to add a source: the registry makes the spiders."""

import pytest
from scrapy.exceptions import UsageError

from pressbot.commands.genspider import Command


def test_genspider_says_how_to_add_a_source_instead():
    with pytest.raises(UsageError, match=r"pressbot/sources\.toml") as refused:
        Command().run(["minzdrav", "minzdrav.tatarstan.ru"], None)
    assert "family" in str(refused.value)
    assert not refused.value.print_help
