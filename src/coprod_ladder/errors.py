"""Exit codes and the errors the core raises when it cannot go on. Data only: nothing prints."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import ClassVar

from coprod_ladder.diagnostics import Diagnostic


class ExitCode(IntEnum):
    """What each exit status means, for every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    INTERNAL = 4
    INTERRUPTED = 130


class CoprodError(Exception):
    """Base class of every expected failure; carries the exit code the CLI should use."""

    exit_code: ClassVar[ExitCode] = ExitCode.INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class LoadError(CoprodError):
    """A rubric or answers file could not be loaded; carries every diagnostic found."""

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic], *, what: str = "file") -> None:
        count = len(diagnostics)
        super().__init__(f"{path}: the {what} has {count} problem{'s' if count != 1 else ''}")
        self.path = path
        self.diagnostics = tuple(diagnostics)


class UnknownRubricError(CoprodError):
    """A --rubric name matched no shipped rubric and no file."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        names = ", ".join(available) or "none"
        super().__init__(
            f"no shipped rubric is called '{name}' and there is no such file",
            hint=f"shipped rubrics: {names}; or give the path of a rubric file",
        )
        self.name = name
        self.available = tuple(available)
