"""Shared fixtures: run the CLI in-process with stdout and stderr kept apart, and edit mini.yaml.

`run_cli` uses Typer's CliRunner with catch_exceptions=False, so an exception that escapes a
command fails the test with its traceback instead of hiding inside a result object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod_ladder.cli import app

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"


@dataclass(frozen=True)
class CliResult:
    """What one command run produced, with both streams kept apart."""

    exit_code: int
    stdout: str
    stderr: str

    def explain(self) -> str:
        """Return both streams, for assertion messages."""
        return (f"exit code {self.exit_code}\n--- stdout ---\n{self.stdout}"
                f"--- stderr ---\n{self.stderr}")

    @property
    def output(self) -> str:
        """Return stdout and stderr together (for 'never shows X' checks)."""
        return self.stdout + self.stderr


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli() -> RunCli:
    """Return run(*args, exit_code=None, input=None, env=None) -> CliResult.

    With `exit_code`, assert it and show both streams when it differs. The environment is
    fixed (no colour, 120 columns, not inside GitHub Actions) so output is stable.
    """

    def run(*args: object, exit_code: int | None = None, input: str | None = None,
            env: dict[str, str | None] | None = None) -> CliResult:
        environment: dict[str, str | None] = {
            "NO_COLOR": "1", "COLUMNS": "120", "GITHUB_ACTIONS": None, "COPROD_DEBUG": None,
        }
        environment.update(env or {})
        result = CliRunner().invoke(app, [str(a) for a in args], input=input,
                                    env=environment, catch_exceptions=False)
        outcome = CliResult(result.exit_code, result.stdout, result.stderr)
        if exit_code is not None:
            assert outcome.exit_code == exit_code, outcome.explain()
        return outcome

    return run


@pytest.fixture(scope="session")
def mini_text() -> str:
    """Return the text of tests/data/rubrics/mini.yaml, a small valid rubric."""
    return MINI.read_text(encoding="utf-8")


def edit_text(text: str, edits: Sequence[tuple[str, str]]) -> str:
    """Apply (old, new) replacements, each of which must match exactly once."""
    for old, new in edits:
        assert text.count(old) == 1, f"expected exactly one {old!r} in the text"
        text = text.replace(old, new)
    return text


@pytest.fixture
def edit_mini(mini_text: str) -> Callable[..., str]:
    """Return edit(*(old, new)) -> mini.yaml's text with each replacement made once."""

    def edit(*edits: tuple[str, str]) -> str:
        return edit_text(mini_text, edits)

    return edit


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep what coprod remembers (see cli/checked_rubrics.py) out of the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a test module (tests/browser/audit.py; skip first with
    `browser.ready.browser_missing()` where it may be missing)."""
    from browser.audit import chromium

    with chromium() as driver:
        yield driver
