"""Same answers, same bytes: portfolio and score outputs do not depend on how many processes
score them. Each run is a separate `python -m coprod_ladder` process, as a user runs it, so
nothing (caches, frozen GC state, imported modules) is shared between the runs compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

# Enough files that the default --jobs starts a worker per usable core (see default_jobs).
FILES = 260


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    generate(FILES, folder, ROOT / "rubrics" / "default.yaml", seed=3)
    return folder


def coprod(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coprod_ladder", *args], capture_output=True,
                          text=True, check=False, stdin=subprocess.DEVNULL)


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_portfolio_is_byte_identical_with_one_worker_the_default_and_three(
        answers: Path, tmp_path: Path) -> None:
    outputs = []
    for name, jobs in (("serial", ["--jobs", "1"]), ("default", []), ("three", ["-j", "3"])):
        done = coprod("portfolio", str(answers), "--out", str(tmp_path / name), *jobs,
                      "--as-of", "2026-11-01", "--group-by", "area", "--service-reports")
        assert done.returncode == 0, done.stderr
        outputs.append(every_file(tmp_path / name))
    assert len(outputs[0]) == 5 + 3 * FILES  # html, md, json, csv, xlsx; 3 per service
    assert outputs[0] == outputs[1] == outputs[2]


def test_score_writes_the_same_bytes_as_one_service_at_a_time(
        answers: Path, tmp_path: Path) -> None:
    done = coprod("score", str(answers), "--out", str(tmp_path / "all"))
    assert done.returncode == 0, done.stderr
    together = every_file(tmp_path / "all")
    assert len(together) == 3 * FILES
    one = sorted(answers.rglob("*.yaml"))[7]
    done = coprod("score", str(one), "--out", str(tmp_path / "one"))
    assert done.returncode == 0, done.stderr
    alone = every_file(tmp_path / "one")
    assert alone and all(together[name] == data for name, data in alone.items())
