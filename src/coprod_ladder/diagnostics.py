"""Problems as values: a Diagnostic names the file, the 1-based line and column, and what to do.

This module owns the Diagnostic type and its plain-text forms. It must not print or exit:
the CLI decides where diagnostics go.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is: errors fail a check, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


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
        """Return the `path:line:col: severity [code] message` form, always on one line."""
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


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]} | {
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def one_line(text: str) -> str:
    """Escape line breaks and other control characters, so one finding stays on one line.

    Tools that read `path:line:col` output (editors, grep, CI annotations) take every line
    as a finding; a message quoting a value with a line break would otherwise split in two.
    """
    return text.translate(_CONTROL)


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    """Return True when any diagnostic is an error (warnings alone do not fail a load)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
