"""Rubrics from files: a shipped name or a path in, a `CheckedRubric` (or diagnostics) out.

This module owns resolving `--rubric` references (a shipped name or a file path), and the
one way a rubric becomes a `CheckedRubric`, the only kind the scoring engine takes: parsed,
validated and checked (`rubric.checks`) with no error. It must not print or exit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coprod_ladder import language, resources
from coprod_ladder.diagnostics import Diagnostic, has_errors
from coprod_ladder.errors import LoadError, UnknownRubricError
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import CheckedRubric, Rubric
from coprod_ladder.rubric.checks import check_rubric


def parse_rubric(raw: bytes | str, path: str) -> tuple[CheckedRubric | None, list[Diagnostic]]:
    """Parse, validate and check a rubric, collecting every problem instead of raising.

    Returns the rubric (None when it has errors) and the diagnostics sorted by position. The
    rubric is a `CheckedRubric`, the only kind the scoring engine takes.
    """

    doc = parse_document(raw, path)
    rubric, diagnostics = validate_model(doc, Rubric, "rubric")
    if rubric is None:
        return None, sorted(diagnostics)
    diagnostics.extend(check_rubric(rubric, doc))
    diagnostics.sort()
    if has_errors(diagnostics):
        return None, diagnostics
    # Validated and checked just now: construct without validating again.
    fields = {name: getattr(rubric, name) for name in type(rubric).model_fields}
    return CheckedRubric.model_construct(rubric.model_fields_set, **fields), diagnostics


def is_rubric_path(ref: str) -> bool:
    """Return True when a --rubric reference is a file path rather than a shipped name."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")) or Path(ref).exists()


def load_rubric(ref: str | None = None) -> tuple[CheckedRubric, list[Diagnostic]]:
    """Load a rubric by shipped name (default: 'default') or by file path.

    Returns the rubric and any warnings; raises LoadError or UnknownRubricError.
    """
    ref = ref or resources.DEFAULT_RUBRIC
    if ref.startswith("builtin:"):
        display, raw = resources.read_builtin_rubric(ref.removeprefix("builtin:"))
    elif is_rubric_path(ref):
        display = ref
        data, problems = read_file_bytes(Path(ref), ref)
        if data is None:
            raise LoadError(ref, problems, what="rubric")
        raw = data
    elif ref in resources.builtin_rubric_names():
        display, raw = resources.read_builtin_rubric(ref)
    else:
        raise UnknownRubricError(ref, resources.builtin_rubric_names())
    rubric, diagnostics = parse_rubric(raw, display)
    if rubric is None:
        raise LoadError(display, diagnostics, what="rubric")
    lang = language.current()
    if lang == language.SOURCE_LANGUAGE:
        return rubric, diagnostics
    # Every command that shows a rubric's text loads it here, so each shows it in the
    # language being spoken, marked with what is still English.
    from coprod_ladder.rubric.in_language import rubric_in_language, translation_for

    found = translation_for(display if is_rubric_path(ref) else None, rubric.id, lang)
    shown, problems = rubric_in_language(rubric, lang, found)
    return shown, sorted(diagnostics + problems)


RubricChooser = Callable[[str], CheckedRubric]
"""Given the rubric id an answers file names, return the rubric to read it with."""


def fixed_rubric(rubric: CheckedRubric) -> RubricChooser:
    """Read every answers file with one rubric (from --rubric)."""
    return lambda _rubric_id: rubric


def shipped_rubric_by_id() -> RubricChooser:
    """Read each answers file with the shipped rubric it names, loading each rubric once."""
    cache: dict[str, CheckedRubric] = {}

    def choose(rubric_id: str) -> CheckedRubric:
        if rubric_id not in cache:
            cache[rubric_id] = load_rubric(rubric_id)[0]
        return cache[rubric_id]

    return choose
