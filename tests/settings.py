"""Settings for the tests' crawls: pressbot's own, minus the politeness delays.

Every crawl a test starts reads this module (SCRAPY_SETTINGS_MODULE, set by
tests/conftest.py), because waiting 0.5 s per request on a loopback mirror
tests nothing. The production values are tested on their own in
tests/test_settings.py.
"""

from pressbot.settings import *  # noqa: F403

AUTOTHROTTLE_ENABLED = False
DOWNLOAD_DELAY = 0
