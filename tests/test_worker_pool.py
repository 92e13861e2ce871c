"""The worker pool: results in the jobs' order, and a run that holds only the jobs to come."""

from __future__ import annotations

import multiprocessing

import pytest

from coprod_ladder.cli.pool import run_jobs

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="worker processes are forked")


def _square(job: int) -> int:
    return job * job


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_results_come_back_in_the_order_of_the_jobs(workers: int) -> None:
    jobs = list(range(1000))
    with run_jobs(jobs, _square, workers=workers, most=7) as chunks:
        results = [r for chunk in chunks for r in chunk]
    assert results == [j * j for j in range(1000)]


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_a_run_lets_go_of_each_job_once_it_is_handed_out(workers: int) -> None:
    # The jobs of 45,000 services weigh most of what their summaries do: a run that kept them
    # all to the end would hold both at once.
    jobs = list(range(1000))
    left = []
    with run_jobs(jobs, _square, workers=workers, most=10) as chunks:
        for _chunk in chunks:
            left.append(len(jobs))
    assert jobs == []
    assert left[0] < 1000
    assert left == sorted(left, reverse=True)
    assert left[-1] == 0
