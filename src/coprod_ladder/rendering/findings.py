"""Findings (`Diagnostic`s) in the formats tools read: parsable lines, GitHub annotations,
a JSON envelope and SARIF 2.1.0.

`finding_formats()` is the registry `coprod rubric check --format` reads; `text` (coloured,
grouped by file, for a person) and `auto` (picked from the environment) are the shell's to
print and resolve. Pure: returns text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.safe_text import github_command

if TYPE_CHECKING:
    from coprod_ladder.rendering.registry import Registry


class FindingFormat(StrEnum):
    """How `rubric check` prints findings (the choices of its --format)."""

    AUTO = "auto"
    TEXT = "text"
    PARSABLE = "parsable"
    GITHUB = "github"
    JSON = "json"
    SARIF = "sarif"


#: The version of the `--format json` envelope; bump it when a key changes meaning.
FINDINGS_JSON_VERSION = 1

Findings = Sequence[Diagnostic]


def _parsable(findings: Findings) -> Iterator[str]:
    yield "".join(f"{d}\n" for d in findings)


def _github(findings: Findings) -> Iterator[str]:
    for d in findings:
        level = {Severity.ERROR: "error", Severity.WARNING: "warning",
                 Severity.INFO: "notice"}[d.severity]
        yield (f"::{level} file={github_command(d.path, prop=True)},line={d.line},"
               f"col={d.column},title={github_command(d.code, prop=True)}::"
               f"{github_command(d.message)}\n")


def _json(findings: Findings) -> Iterator[str]:
    import json  # not at the top: `coprod --help` loads this module, and json takes a while

    document = {"format": "coprod-findings", "version": FINDINGS_JSON_VERSION,
                "findings": [d.as_dict() for d in findings]}
    yield json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _sarif(findings: Findings) -> Iterator[str]:
    from coprod_ladder import __version__
    from coprod_ladder.rendering.sarif import render_sarif

    yield render_sarif(findings, tool_version=__version__)


@cache
def finding_formats() -> Registry[Findings]:
    """The findings formats (built on first use: `coprod --help` names FindingFormat only)."""
    from coprod_ladder.rendering.registry import Registry, Renderer

    return Registry(
        "findings",
        [Renderer(FindingFormat.PARSABLE.value, pieces=_parsable),
         Renderer(FindingFormat.GITHUB.value, pieces=_github),
         Renderer(FindingFormat.JSON.value, pieces=_json),
         Renderer(FindingFormat.SARIF.value, pieces=_sarif)],
        default=(FindingFormat.PARSABLE.value,),
    )


def format_findings(diagnostics: Findings, fmt: FindingFormat) -> str:
    """Render findings as one string in a format of `finding_formats()` (not auto or text)."""
    return "".join(finding_formats().get(fmt.value).text_pieces(diagnostics))
