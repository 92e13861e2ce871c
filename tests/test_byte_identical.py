"""Same input, byte-identical output: across separate processes, not just two calls in one.

Each command runs twice as its own `python -m coprod_ladder` process, with different hash
seeds (so set and dict ordering that leaks into output would differ) and the portfolio with
one and with two worker processes; every file written must be the same, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_coprod(*args: str, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1", "COLUMNS": "120"}
    proc = subprocess.run([sys.executable, "-m", "coprod_ladder", *args], env=env,
                          capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("command", "first", "second"),
    [
        (["score", str(EXAMPLES)], [], []),
        (["portfolio", str(EXAMPLES), "--as-of", "2026-11-01"], ["--jobs", "1"],
         ["--jobs", "2"]),
    ],
    ids=["score", "portfolio"],
)
def test_two_processes_write_the_same_bytes(tmp_path: Path, command: list[str],
                                            first: list[str], second: list[str]) -> None:
    outputs = []
    for name, seed, extra in (("one", "1", first), ("two", "2", second)):
        run_coprod(*command, "--out", str(tmp_path / name), *extra, hash_seed=seed)
        outputs.append(files_in(tmp_path / name))
    assert len(outputs[0]) >= 3
    assert outputs[0].keys() == outputs[1].keys()
    differ = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differ == []
