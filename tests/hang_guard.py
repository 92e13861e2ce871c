"""Bound a hang, never a speed: fail with a clear message if a block runs far too long.

Tests assert what a user sees, never how fast: a slow or busy machine must not fail them
(speed is measured in benchmarks/). But a regression that makes coprod hang (an alias bomb
expanded, deep nesting recursed, a huge file read whole) must fail the test rather than the
whole run, so each such test runs inside `finishes_within`, with a limit far above any
machine's time (HANG_SECONDS), and says that a hang, not slowness, is what it caught.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

#: A hang, not a slow machine: the cases it guards take well under a second on a quiet one.
HANG_SECONDS = 300.0


def _hung(what: str, seconds: float) -> str:
    return (f"{what} was still running after {seconds:.0f} s: coprod hangs on this input "
            "(this limit is for hangs only; speed is measured in benchmarks/)")


@contextmanager
def finishes_within(what: str, seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Run the block; fail the test with a clear message if it has not ended by `seconds`.

    Uses SIGALRM, so it runs in the main thread only (as pytest and its xdist workers do).
    """

    def alarm(_signum: int, _frame: object) -> None:
        pytest.fail(_hung(what, seconds), pytrace=False)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_bounded(args: Sequence[str], what: str, seconds: float = HANG_SECONDS,
                **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """subprocess.run(args, capture_output=True, text=True), failing clearly on a hang."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=seconds, **kwargs)
    except subprocess.TimeoutExpired:
        pytest.fail(_hung(what, seconds), pytrace=False)
