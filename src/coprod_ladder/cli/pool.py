"""One pool of worker processes for every command that scores many services.

This module owns how `score` and `portfolio` spread their work over processes: what one
piece of work is (`ServiceJob`: the files of one service, read together by one worker), how
many workers a run starts, how the jobs are cut into chunks, and how workers start and stop
around signals. Results come back chunk by chunk in the order of the jobs, whatever the number
of workers, so every output is the same with one worker or many. It must not know what a job
means: the command hands it the function a worker runs on each job.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Generic, TypeVar

from coprod_ladder.cli.memory import settle
from coprod_ladder.errors import ExitCode

# A worker is worth starting for every this many jobs: below it, starting processes costs
# more than it saves, so a small folder is scored in this process.
JOBS_PER_WORKER = 128
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

J = TypeVar("J")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ServiceJob:
    """The files of one service that one worker reads together, as plain strings.

    Plain strings, not Path objects: at 30,000 services the Paths alone would outweigh the
    summaries. `report` is the name its report files take, when the command names them up
    front. `voice` is where the voice files of the same service (paired with it by service id)
    travel with its answers file, so the pairing is written once, here, for every command.
    """

    answers: str
    report: str | None = None
    voice: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()
    """The other answers files of the same service and date, when several staff answered it
    (see `answers.team_files`): scored with `answers` as one service."""


def usable_cores() -> int:
    """Return how many cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def default_workers(jobs: int) -> int:
    """Return the workers to use when --jobs is not given: one per usable core, but none beyond
    this process for a small run, where starting workers costs more than it saves."""
    return max(1, min(usable_cores(), jobs // JOBS_PER_WORKER))


def chunk_size(jobs: int, workers: int, most: int) -> int:
    """Return how many jobs go to a worker at a time: the one chunking rule.

    Small enough that every worker stays busy to the end and progress moves (about four chunks
    a worker); large enough that sending work and results between processes costs little; never
    more than `most`, which the command picks by the weight of what one job sends back.
    """
    return max(1, min(most, -(-jobs // (workers * 4))))


def run_jobs(jobs: list[J], work: Callable[[J], R], *, workers: int,
             most: int) -> JobRun[J, R]:
    """Run `work` on every job, in this process or in `workers` worker processes.

    Used as `with run_jobs(jobs, work, workers=n, most=m) as chunks: for results in chunks:`;
    each `results` is the list of one chunk's results, in the order of the jobs. The run takes
    the list over and empties it as it hands out chunks, so it holds only the jobs still to
    come: a large run's jobs (their paths) weigh about as much as what comes back, and the
    results can take their memory as they arrive. Read its length first. Entering
    starts the workers (forked, so they inherit `work` and whatever it holds, such as a rubric
    chooser): do it before starting any thread, such as a progress bar's. Leaving on an
    exception (an interrupt, an output error, a reader stopping early) stops every worker at
    once. Without fork, with one worker or one job, the work runs here.
    """
    return JobRun(jobs, work, workers=workers, most=most)


class JobRun(Generic[J, R]):
    """A run of `run_jobs`: the pool, from entering (workers forked) to leaving (all stopped)."""

    def __init__(self, jobs: list[J], work: Callable[[J], R], *, workers: int,
                 most: int) -> None:
        self._jobs = jobs
        self._work = work
        self._workers = workers
        self._most = most
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Iterator[list[R]]:
        jobs, workers = self._jobs, self._workers
        if workers <= 1 or len(jobs) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return self._here(chunk_size(len(jobs), 1, self._most))
        chunks = _handed_out(jobs, chunk_size(len(jobs), workers, self._most))
        # Signals are blocked while the workers are forked (on the first submit), so a worker
        # never runs this process's handlers before its own are in place; one that arrives
        # meanwhile waits, and is raised here once the mask is restored.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker, initargs=(self._work,))
            # Two chunks in flight per worker, so no worker waits for the next, and no more:
            # this process holds the results of every chunk in flight.
            window: deque[Future[bytes]] = deque(
                self._pool.submit(_run_chunk, chunk) for chunk in islice(chunks, 2 * workers))
        except BaseException:
            if self._pool is not None:
                stop_pool(self._pool)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            raise
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        except BaseException:
            self._stop()
            raise
        return self._collect(self._pool, window, chunks)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._pool is None:
            return
        if kind is None:
            self._pool.shutdown(cancel_futures=True)
        else:
            self._stop()

    def _here(self, size: int) -> Iterator[list[R]]:
        work = self._work
        for chunk in _handed_out(self._jobs, size):
            yield [work(job) for job in chunk]

    @staticmethod
    def _collect(pool: ProcessPoolExecutor, window: deque[Future[bytes]],
                 chunks: Iterator[Sequence[J]]) -> Iterator[list[R]]:
        while window:
            done = window.popleft().result()
            following = next(chunks, None)
            if following is not None:
                window.append(pool.submit(_run_chunk, following))
            # Unpickled here, not by the pool's thread that receives them: what this thread
            # allocates stays in one malloc arena, where the results of a large portfolio
            # (kept to the end) otherwise left a second arena's worth of memory, about 4 MB.
            # The pickled chunk is let go of before the results are handed on.
            results: list[R] = pickle.loads(done)
            del done
            yield results

    def _stop(self) -> None:
        assert self._pool is not None
        writer = getattr(getattr(self._pool, "_result_queue", None), "_writer", None)
        stop_pool(self._pool)
        _unblock_results(writer)


def _handed_out(jobs: list[J], size: int) -> Iterator[list[J]]:
    """Cut `jobs` into chunks of `size`, in order, taking each chunk out of the list as it goes
    (from the end of the reversed list: taking from the front would move every job left)."""
    jobs.reverse()
    while jobs:
        yield [jobs.pop() for _ in range(min(size, len(jobs)))]


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now, so none outlives coprod or holds its output streams open.

    The pool's own shutdown lets each worker finish its chunk first; an interrupted run must
    not wait for that, nor leave workers behind if coprod itself is stopped.
    """
    stop = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if stop is not None:
        stop()
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():  # stuck in a system call that ignores SIGTERM
            process.kill()
            process.join()


def _unblock_results(writer: Any) -> None:
    """Let the pool's manager thread finish once every worker is gone.

    A worker stopped while sending its chunk's results (large when they are reports) leaves
    half a message in the result pipe: the manager thread would wait for the rest for ever,
    and Python waits for that thread before it exits. This process only reads that pipe;
    closing its copy of the writing end (taken before the pool forgets it), with no worker left
    to hold another, lets the reader see the end of the pipe, so the thread gives up.
    """
    if writer is not None:
        with suppress(OSError):
            writer.close()


# Set in each worker process by _start_worker: what to do with each job.
_work: Callable[[Any], Any] | None = None


def _start_worker(work: Callable[[Any], Any]) -> None:
    """Prepare a worker process: its signal handlers, then its work."""
    global _work
    # Ctrl-C reaches the whole process group and the parent stops the pool, so workers
    # ignore it instead of each printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent stops workers with SIGTERM: raise, so a file being written removes its temp
    # file on the way out (see _run_chunk). The parent forked this process with both signals
    # blocked, so none arrives before this handler is in place.
    signal.signal(signal.SIGTERM, _worker_stop)
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        _work = work
        settle()  # imported at the top: a worker must not import while it may be stopped
    except SystemExit:  # a SIGTERM that waited for the unblock
        os._exit(ExitCode.TERMINATED)


def _worker_stop(_signum: int, _frame: object) -> None:
    # The pool itself may send a second SIGTERM once it sees the first worker go; raised
    # again during the exit, it would print "Exception ignored" noise on the shared stderr.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(ExitCode.TERMINATED)


def _run_chunk(jobs: Sequence[Any]) -> bytes:
    """Run the work on a chunk of jobs in a worker process; return the results pickled (the
    run's own thread unpickles them, see `JobRun._collect`)."""
    assert _work is not None, "_start_worker was not called"
    work = _work
    try:
        return pickle.dumps([work(job) for job in jobs], pickle.HIGHEST_PROTOCOL)
    except SystemExit:
        # Stopped by the parent (see _worker_stop), and any temp file is gone by now. The pool
        # would catch the exit and wait for more work: leave at once instead.
        os._exit(ExitCode.TERMINATED)
