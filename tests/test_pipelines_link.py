"""The link pipeline: a stored story is linked at once (or by the link worker, once
committed); an unchanged one is left alone; nothing stored is left unlinked."""

import logging
import os
import queue
import signal
from pathlib import Path

import pytest
from conftest import FROZEN_NOW, story_item
from scrapy.exceptions import NotConfigured
from test_coverage_linker import GOLD
from test_coverage_worker import linked

from pressbot.archive.shared import archive_for
from pressbot.coverage.gold import read_gold, source_rows
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
    return list(archive_for(crawler).db.query("SELECT * FROM coverage"))


def linked_stories(crawler):
    return list(archive_for(crawler).db.query("SELECT * FROM linked_stories"))


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


def test_the_first_stories_are_linked_in_the_crawl_process(make_crawler):
    pipes = pipelines(make_crawler, PRESSBOT_LINK_WORKER_AFTER=2)
    store(pipes, story_item(**RELEASE))
    store(pipes, story_item(**STORY))
    archive_for(pipes[2]).commit()
    assert len(coverage(pipes[2])) == 1
    assert pipes[1].worker._executor is None  # no worker started for them


def test_the_link_worker_takes_its_priority_from_the_settings(make_crawler):
    assert LinkPipeline.from_crawler(make_crawler()).worker.nice == 10
    assert LinkPipeline.from_crawler(make_crawler(PRESSBOT_WORKER_NICE=3)).worker.nice == 3


def test_stories_committed_without_links_are_linked_when_the_next_crawl_opens(make_crawler):
    crawler = make_crawler(PRESSBOT_LINK_PROCESSES=0)
    stored = StorePipeline.from_crawler(crawler)
    stored.process_item(story_item(**RELEASE))
    stored.process_item(story_item(**STORY))
    stored.close_spider()  # committed: a crawl killed before their links were written
    links = LinkPipeline.from_crawler(crawler)
    assert coverage(crawler) == []
    links.open_spider()
    assert len(coverage(crawler)) == 1
    assert len(linked_stories(crawler)) == 2


def test_only_stories_changed_in_the_last_week_are_caught_up(make_crawler):
    week_ago = make_crawler(PRESSBOT_NOW="2025-11-05T09:59:00+00:00", PRESSBOT_LINK_PROCESSES=0)
    stored = StorePipeline.from_crawler(week_ago)
    stored.process_item(story_item(**RELEASE))
    stored.process_item(story_item(**STORY))
    stored.close_spider()
    crawler = make_crawler(PRESSBOT_LINK_PROCESSES=0)
    LinkPipeline.from_crawler(crawler).open_spider()
    assert linked_stories(crawler) == []


def run_calls(calls: queue.Queue, block: bool = False) -> None:
    """Run what the worker's Deferreds hand to the reactor's thread (all it has handed)."""
    while True:
        try:
            function, *args = calls.get(block=block, timeout=60)
        except queue.Empty:
            return
        function(*args)
        block = False


def kill(links, calls):
    """Kill the link worker once it has decided all it was sent, and that is written."""
    while links.sent:
        run_calls(calls, block=True)
    for process in links.worker._executor._processes.values():
        process.kill()  # as the out-of-memory killer would
        process.join()


def stop(links, stopped):
    """Stop the link worker (SIGSTOP): alive, and answering nothing; its pids go to
    `stopped`."""
    for process in links.worker._executor._processes.values():
        os.kill(process.pid, signal.SIGSTOP)
        stopped.append(process.pid)


def still_stopped(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"
    except FileNotFoundError:
        return False


def link_gold(make_crawler, db, kill_at=None, stop_at=None, stopped=None, **settings):
    """The gold set through the store and link pipelines, as a crawl stores it (its worker
    killed after item `kill_at`, or stopped after item `stop_at`); the rows linking wrote."""
    crawler = make_crawler(PRESSBOT_DB=str(db), PRESSBOT_COMMIT_EVERY=10, **settings)
    stored, links = StorePipeline.from_crawler(crawler), LinkPipeline.from_crawler(crawler)
    calls: queue.Queue = queue.Queue()
    if links.worker is not None:
        links.worker.call = lambda *call: calls.put(call)
    releases, gold = read_gold(GOLD)
    archive_for(crawler).sync_sources(source_rows(gold))
    items = [*gold["stories"], *releases]  # the news stories first: releases relink them
    for number, item in enumerate(items):
        links.process_item(stored.process_item(item))
        run_calls(calls)
        if number == kill_at:
            kill(links, calls)
        if number == stop_at:
            stop(links, stopped)
    close(links, calls)
    stored.close_spider()
    return linked(db)


def close(links, calls):
    closed = []
    links.close_spider().addBoth(closed.append)
    while not closed:
        run_calls(calls, block=True)
    assert closed == [None]


def catch_up_gold(make_crawler, db, **settings):
    """The gold set stored by one crawl, linked by the next when it opens; the rows."""
    crawler = make_crawler(PRESSBOT_DB=str(db), **settings)
    stored = StorePipeline.from_crawler(crawler)
    releases, gold = read_gold(GOLD)
    archive_for(crawler).sync_sources(source_rows(gold))
    for item in [*gold["stories"], *releases]:
        stored.process_item(item)
    stored.close_spider()
    links = LinkPipeline.from_crawler(crawler)
    calls: queue.Queue = queue.Queue()
    if links.worker is not None:
        links.worker.call = lambda *call: calls.put(call)
    links.open_spider()
    while links.sent:  # linked before anything else is committed
        run_calls(calls, block=True)
    close(links, calls)
    return linked(db)


@pytest.mark.e2e
def test_the_worker_links_the_gold_set_as_the_crawl_process_does(make_crawler, tmp_path):
    in_process = link_gold(make_crawler, tmp_path / "here.db", PRESSBOT_LINK_PROCESSES=0)
    assert in_process["coverage"] and in_process["attributions"]
    worker = link_gold(make_crawler, tmp_path / "worker.db", PRESSBOT_LINK_WORKER_AFTER=0)
    assert worker == in_process


@pytest.mark.e2e
def test_a_killed_worker_leaves_the_rest_to_the_crawl_process(make_crawler, tmp_path, caplog):
    in_process = link_gold(make_crawler, tmp_path / "here.db", PRESSBOT_LINK_PROCESSES=0)
    with caplog.at_level(logging.WARNING):
        killed = link_gold(
            make_crawler, tmp_path / "killed.db", kill_at=40, PRESSBOT_LINK_WORKER_AFTER=5
        )
    assert killed == in_process
    assert caplog.text.count("The link worker stopped") == 1


@pytest.mark.e2e
def test_a_worker_that_stops_answering_is_killed_and_its_stories_linked_here(
    make_crawler, tmp_path, caplog
):
    """A closing crawl waits PRESSBOT_LINK_WORKER_PATIENCE seconds for its worker."""
    in_process = link_gold(make_crawler, tmp_path / "here.db", PRESSBOT_LINK_PROCESSES=0)
    pids: list[int] = []
    with caplog.at_level(logging.WARNING):
        stopped = link_gold(
            make_crawler,
            tmp_path / "stopped.db",
            stop_at=40,
            stopped=pids,
            PRESSBOT_LINK_WORKER_AFTER=5,
            PRESSBOT_LINK_WORKER_PATIENCE=1,
        )
    assert stopped == in_process
    assert pids and not any(still_stopped(pid) for pid in pids)  # killed, not left behind
    assert caplog.text.count("The link worker stopped (TimeoutError('no answer in 1 s'))") == 1


@pytest.mark.e2e
def test_the_worker_catches_up_as_the_crawl_process_does(make_crawler, tmp_path):
    in_process = catch_up_gold(make_crawler, tmp_path / "here.db", PRESSBOT_LINK_PROCESSES=0)
    assert in_process["coverage"]
    worker = catch_up_gold(make_crawler, tmp_path / "worker.db", PRESSBOT_LINK_WORKER_AFTER=5)
    assert worker == in_process
