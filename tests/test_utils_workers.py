"""pressbot.utils.workers: a crawl's worker processes, started here as the crawl starts them."""

import os

import pytest

from pressbot.utils.workers import spawn_executor


def niceness_of_a_worker(**kwargs) -> int:
    executor = spawn_executor(1, **kwargs)
    try:
        return executor.submit(os.nice, 0).result(timeout=60)  # os.nice(0): the niceness
    finally:
        executor.shutdown()


@pytest.mark.e2e
def test_a_worker_runs_the_steps_asked_below_its_crawl():
    assert niceness_of_a_worker(nice=5) == min(os.nice(0) + 5, 19)


@pytest.mark.e2e
def test_a_worker_asked_no_steps_runs_at_its_crawl_s_priority():
    assert niceness_of_a_worker() == os.nice(0)
