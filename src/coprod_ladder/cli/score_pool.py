"""Score answers files for `coprod score`, in this process or in worker processes, in order.

Workers read, check and score their files and render each service's reports and summary;
this process names, writes and prints them in the order of the files, exactly as scoring them
one by one would, so the output is the same whatever the number of workers. Only a few chunks
are in flight at a time, so memory stays flat however many files there are.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_ladder.cli.memory import settle
from coprod_ladder.errors import ExitCode

if TYPE_CHECKING:
    from coprod_ladder.batch import Failed, Result, Scored
    from coprod_ladder.diagnostics import Diagnostic
    from coprod_ladder.rendering.registry import Renderer
    from coprod_ladder.rendering.terminal import Grid, Line
    from coprod_ladder.rendering.views import ReportView
    from coprod_ladder.report_files import RenderedReports
    from coprod_ladder.rubric.load import RubricChooser
    from coprod_ladder.voice.find import VoiceIndex

# Files per piece of work: small, because this process holds the reports of every chunk in
# flight (two per worker, so no worker waits for the next), about 170 KB a service.
CHUNK = 8


@dataclass(frozen=True)
class Rendered:
    """A scored service, ready to write: its reports in the formats asked for, and summary."""

    path: str
    service_id: str
    warnings: tuple[Diagnostic, ...]
    reports: RenderedReports
    summary: list[Line | Grid]
    voice_failures: tuple[Failed, ...] = ()


def render_scored(result: Scored, formats: Sequence[Renderer[ReportView]]) -> Rendered:
    """Render a scored service's reports and its summary, all from one view."""
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.rendering.terminal import summary_lines
    from coprod_ladder.report_files import render_reports

    view = build_view(result.card, result.warnings)
    return Rendered(result.path, result.card.service_id, result.warnings,
                    render_reports(view, formats), summary_lines(view), result.voice_failures)


def score_files(paths: Sequence[Path], choose: RubricChooser,
                formats: Sequence[Renderer[ReportView]],
                jobs: int, voices: VoiceIndex | None = None
                ) -> Generator[Result | Rendered, None, None]:
    """Yield a result for every answers file under `paths` (see `collect`), in order, each
    scored with its voice files (`voices`); voice files themselves are never read as answers.

    Paths that cannot be used come first, as Failed results. With more than one job (0: one
    per usable core, see `default_jobs`), files are scored by worker processes and come back
    Rendered; otherwise they are scored here.
    """
    from coprod_ladder.batch import Failed, score_file
    from coprod_ladder.cli.portfolio import default_jobs
    from coprod_ladder.collect import collect_yaml_files

    found = collect_yaml_files(paths)
    for problem in found.problems:
        yield Failed(problem.path, (problem,), unreadable=True)
    files = found.files if voices is None else [f for f in found.files
                                                 if not voices.peek(f).is_voice]
    jobs = jobs or default_jobs(len(files))
    # Workers inherit the rubric chooser (a closure) by forking; without fork, score here.
    if jobs <= 1 or len(files) <= CHUNK or "fork" not in multiprocessing.get_all_start_methods():
        for file in files:
            yield score_file(Path(file), choose, voices)
        return
    yield from _in_workers(files, choose, formats, jobs, voices)


def _in_workers(files: list[str], choose: RubricChooser, formats: Sequence[Renderer[ReportView]],
                jobs: int, voices: VoiceIndex | None = None) -> Iterator[Failed | Rendered]:
    from concurrent.futures import Future

    from coprod_ladder.cli.portfolio import stop_pool

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker,
                               initargs=(choose, tuple(formats), voices))
    chunks = (files[i:i + CHUNK] for i in range(0, len(files), CHUNK))
    window: deque[Future[list[Failed | Rendered]]] = deque(
        pool.submit(_score_chunk, chunk) for chunk in islice(chunks, 2 * jobs))
    try:
        while window:
            done = window.popleft().result()
            following = next(chunks, None)
            if following is not None:
                window.append(pool.submit(_score_chunk, following))
            yield from done
    except BaseException:  # an interrupt, an output error, or the reader stopping early
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        stop_pool(pool)
        _unblock_results(writer)
        raise
    pool.shutdown()


def _unblock_results(writer: Any) -> None:
    """Let the pool's manager thread finish once every worker is gone.

    A worker stopped while sending its chunk's reports (large, unlike a portfolio summary)
    leaves half a message in the result pipe: the manager thread would wait for the rest for
    ever, and Python waits for that thread before it exits. This process only reads that pipe;
    closing its copy of the writing end (taken before the pool forgets it), with no worker left
    to hold another, lets the reader see the end of the pipe, so the thread gives up.
    """
    if writer is not None:
        with suppress(OSError):
            writer.close()


# Set in each worker process by _start_worker.
_worker: tuple[RubricChooser, tuple[Renderer[ReportView], ...], VoiceIndex | None] | None = None


def _start_worker(choose: RubricChooser, formats: tuple[Renderer[ReportView], ...],
                  voices: VoiceIndex | None = None) -> None:
    from coprod_ladder.cli.portfolio import _worker_stop  # imported before the fork

    global _worker
    # Ctrl-C reaches the whole process group and the parent stops the pool, so workers ignore
    # it; SIGTERM from the parent raises, so nothing half-done is left (see _score_chunk).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    _worker = (choose, formats, voices)
    settle()


def _score_chunk(files: list[str]) -> list[Failed | Rendered]:
    from coprod_ladder.batch import Scored, score_file

    assert _worker is not None, "_start_worker was not called"
    choose, formats, voices = _worker
    out: list[Failed | Rendered] = []
    try:
        for file in files:
            result = score_file(Path(file), choose, voices)
            out.append(render_scored(result, formats) if isinstance(result, Scored) else result)
    except SystemExit:
        os._exit(ExitCode.TERMINATED)  # stopped by the parent: leave at once
    return out
