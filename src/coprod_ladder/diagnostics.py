"""Problems as values: a Diagnostic names the file, the 1-based line and column, and what to do.

This module owns the Diagnostic type and its plain-text forms. It must not print or exit:
the CLI decides where diagnostics go.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coprod_ladder.safe_text import one_line


class Severity(StrEnum):
    """How bad a finding is: errors fail a check, warnings only with --strict, and an info
    finding never does (it reports a state, like how many translations are drafts)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        """Return the `path:line:col: severity [code] message` form, always on one line.

        Tools that read `path:line:col` output (editors, grep, CI annotations) take every line
        as a finding, and a terminal acts on the control characters in it: path and message
        go through `safe_text.one_line`.
        """
        return (f"{one_line(self.path)}:{self.line}:{self.column}: {self.severity} "
                f"[{self.code}] {one_line(self.message)}")

    def as_dict(self) -> dict[str, object]:
        """Return the diagnostic as a JSON-ready mapping with stable keys."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    """Return True when any diagnostic is an error (warnings alone do not fail a load)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
