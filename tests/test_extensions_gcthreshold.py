"""The collector's threshold in-process: a crawler from Scrapy's test helpers, its engine
signals sent by hand."""

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured

from pressbot.extensions.gcthreshold import GcThreshold


@pytest.fixture
def python_threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_a_running_engine_collects_less_often_and_then_as_before(make_crawler, python_threshold):
    crawler = make_crawler()
    extension = GcThreshold.from_crawler(crawler)  # held here: signals hold it weakly
    crawler.signals.send_catch_log(signals.engine_started)
    assert gc.get_threshold() == (10_000, 10, 10)
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == (700, 10, 10)
    assert extension.before is None


def test_a_threshold_changed_meanwhile_is_left_alone(make_crawler, python_threshold):
    crawler = make_crawler(PRESSBOT_GC_THRESHOLD=5_000)
    extension = GcThreshold.from_crawler(crawler)  # held here: signals hold it weakly
    crawler.signals.send_catch_log(signals.engine_started)
    assert gc.get_threshold()[0] == 5_000
    gc.set_threshold(2_000, 10, 10)
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == (2_000, 10, 10)
    assert extension.before is None


def test_zero_leaves_python_s_threshold(make_crawler, python_threshold):
    with pytest.raises(NotConfigured):
        GcThreshold.from_crawler(make_crawler(PRESSBOT_GC_THRESHOLD=0))


def test_crawls_enable_it():
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("pressbot.settings", priority="project")
    assert "pressbot.extensions.gcthreshold.GcThreshold" in settings.getdict("EXTENSIONS")
