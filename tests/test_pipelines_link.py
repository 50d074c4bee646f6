"""The link pipeline: a stored story is linked at once; an unchanged one is left alone."""

import pytest
from conftest import FROZEN_NOW, story_item
from scrapy.exceptions import NotConfigured

from pressbot.pipelines.link import LinkPipeline
from pressbot.pipelines.store import StorePipeline

RELEASE = {
    "source": "mpt_tatarstan",
    "url": "https://mpt.tatarstan.ru/index.htm/news/2543810.htm",
    "title": "Делегация Татарстана посетила промышленные парки Бухарской и Навоийской областей",
    "body": (
        "Делегация Республики Татарстан во главе с министром промышленности и торговли РТ "
        "Олегом Коробченко посетила промышленные парки в Бухарской и Навоийской областях "
        "Республики Узбекистан, которые создаются при содействии управляющих компаний."
    ),
    "published_at": "2025-11-12",
    "published_local": "2025-11-12",
    "published_precision": "day",
}
STORY = {
    "title": "Делегация Татарстана посетила промпарки Узбекистана",
    "body": RELEASE["body"] + " Об этом сообщает пресс-служба Минпромторга РТ.",
}


def pipelines(make_crawler, **settings):
    crawler = make_crawler(**settings)
    return StorePipeline.from_crawler(crawler), LinkPipeline.from_crawler(crawler), crawler


def store(pipes, item):
    store_pipeline, link_pipeline, _ = pipes
    return link_pipeline.process_item(store_pipeline.process_item(item))


def coverage(crawler):
    from pressbot.archive.shared import archive_for

    return list(archive_for(crawler).db.query("SELECT * FROM coverage"))


def test_a_story_stored_after_its_release_is_linked(make_crawler):
    pipes = pipelines(make_crawler)
    store(pipes, story_item(**RELEASE))
    store(pipes, story_item(**STORY))
    (link,) = coverage(pipes[2])
    assert (link["release_source"], link["story_source"]) == ("mpt_tatarstan", "sputnik_uz")
    assert link["attribution_match"] == 1 and link["linked_at"] == FROZEN_NOW
    assert pipes[2].stats.get_value("pressbot/coverage/links") == 1


def test_a_release_stored_after_the_story_is_linked_too(make_crawler):
    pipes = pipelines(make_crawler)
    store(pipes, story_item(**STORY))
    assert coverage(pipes[2]) == []
    store(pipes, story_item(**RELEASE))
    assert len(coverage(pipes[2])) == 1


def test_an_unchanged_story_is_not_linked_again(make_crawler):
    pipes = pipelines(make_crawler)
    store(pipes, story_item(**RELEASE))
    store(pipes, story_item(**STORY))
    store(pipes, story_item(**STORY))
    assert pipes[2].stats.get_value("pressbot/coverage/links") == 1


def test_switched_off(make_crawler):
    with pytest.raises(NotConfigured):
        LinkPipeline.from_crawler(make_crawler(PRESSBOT_LINK_ENABLED=False))
