"""Real signals sent to a running `coprod`: the exit code, no worker left behind, no partial file.

Each test starts coprod as a subprocess on a few hundred generated services, waits until it is
writing reports (so the signal lands mid-run, whatever the machine's speed), sends the signal,
and then checks what a caller would see: the exit code, that stdout and stderr close (a caller
reading them does not hang), that no process coprod started is still alive, and that every
file in the output folder is complete, with no temp file left over.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hang_guard import HANG_SECONDS

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not Path("/proc").is_dir() or os.name != "posix",
                                reason="needs POSIX signals and /proc")


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate answers files for the default rubric: enough that a run lasts a while."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    folder = tmp_path_factory.mktemp("services")
    generate(300, folder, REPO / "rubrics" / "default.yaml", 7)
    return folder


def _children(pid: int) -> list[int]:
    """Return the ids of the processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the parent id is the second field after it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's bookkeeping is left


def _wait_for_reports(process: subprocess.Popen[bytes], folder: Path) -> None:
    """Return once a report has been written under `folder`, while coprod is still running.

    Waits for that state however slow the machine is; the limit only catches a hang.
    """
    deadline = time.monotonic() + HANG_SECONDS
    while time.monotonic() < deadline:
        if any(p.suffix == ".json" for p in folder.rglob("*.json")):
            return
        if process.poll() is not None:
            pytest.fail(f"coprod ended before the signal: {process.communicate()}")
        time.sleep(0.01)
    pytest.fail(f"coprod wrote no report in {HANG_SECONDS:.0f} s: it hangs before writing")


def _assert_complete(folder: Path) -> None:
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert [p.name for p in files if p.name.endswith(".tmp")] == []
    assert [p.name for p in files if p.stat().st_size == 0] == []
    for path in files:
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))  # whole, not cut off part way
        if path.suffix == ".html":
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path


def _run_and_signal(args: list[str], out: Path, sig: signal.Signals, *,
                    whole_group: bool = False) -> tuple[int, str, list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "coprod_ladder", *args], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True, cwd=out.parent,
        env={**os.environ, "NO_COLOR": "1", "COPROD_DEBUG": ""})
    try:
        _wait_for_reports(process, out)
        workers = _children(process.pid)
        if whole_group:  # what Ctrl-C in a terminal does
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        try:
            _, err = process.communicate(timeout=HANG_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"coprod was still running {HANG_SECONDS:.0f} s after {sig.name}: "
                        "it hangs instead of stopping", pytrace=False)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, err.decode(), workers


@pytest.mark.parametrize(("jobs", "sig", "whole_group", "code"), [
    (2, signal.SIGTERM, False, 143),
    (2, signal.SIGTERM, True, 143),
    (2, signal.SIGINT, True, 130),
    (2, signal.SIGINT, False, 130),
    (1, signal.SIGTERM, False, 143),
    (1, signal.SIGINT, True, 130),
], ids=["jobs2-sigterm", "jobs2-sigterm-group", "jobs2-ctrl-c", "jobs2-sigint-parent",
        "jobs1-sigterm", "jobs1-ctrl-c"])
def test_portfolio_stops_cleanly(services: Path, tmp_path: Path, jobs: int,
                                 sig: signal.Signals, whole_group: bool, code: int) -> None:
    out = tmp_path / "out"
    returncode, err, workers = _run_and_signal(
        ["portfolio", str(services), "--jobs", str(jobs), "--service-reports", "-o", str(out)],
        out, sig, whole_group=whole_group)
    assert returncode == code, err
    assert "Traceback" not in err
    assert len(workers) >= (jobs if jobs > 1 else 0)
    assert [pid for pid in workers if _alive(pid)] == []
    _assert_complete(out)


def test_score_stops_cleanly_on_sigterm(services: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    returncode, err, _ = _run_and_signal(["score", str(services), "-o", str(out)], out,
                                         signal.SIGTERM)
    assert returncode == 143, err
    assert "stopped: coprod was asked to stop (SIGTERM)" in err
    _assert_complete(out)


@pytest.mark.parametrize(("sig", "whole_group", "code"), [
    (signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)], ids=["sigterm", "ctrl-c"])
def test_score_with_workers_stops_cleanly(services: Path, tmp_path: Path, sig: signal.Signals,
                                          whole_group: bool, code: int) -> None:
    out = tmp_path / "reports"
    returncode, err, workers = _run_and_signal(["score", str(services), "-j", "2", "-o", str(out)],
                                               out, sig, whole_group=whole_group)
    assert returncode == code, err
    assert "Traceback" not in err
    assert len(workers) >= 2
    assert [pid for pid in workers if _alive(pid)] == []
    _assert_complete(out)
