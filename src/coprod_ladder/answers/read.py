"""Answers files from text: the one pipeline every command reads answers through.

`read_answers` parses an answers file, picks its rubric, carries answers written for an
earlier rubric version through the rubric's history (`answers.migrate`) and checks them
against the rubric (`answers.checks`). It must not print or exit.
"""

from __future__ import annotations

from pathlib import Path

from coprod_ladder.answers.checks import check_answers
from coprod_ladder.answers.migrate import read_through_history
from coprod_ladder.diagnostics import Diagnostic, Severity, has_errors
from coprod_ladder.errors import CoprodError, LoadError
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.language import _
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import Answers, CheckedRubric
from coprod_ladder.rubric.load import RubricChooser, fixed_rubric


def read_answers(raw: bytes | str, path: str,
                 choose: RubricChooser) -> tuple[Answers, CheckedRubric, list[Diagnostic]]:
    """Parse an answers file, pick its rubric, carry it through the rubric's history, check it.

    The one way answers reach scoring, for every command. Returns the answers, their rubric
    and the warnings; raises LoadError with every problem found when the file is bad.
    """

    doc = parse_document(raw, path)
    answers, diagnostics = validate_model(doc, Answers, "answers")
    if answers is None:
        raise LoadError(path, sorted(diagnostics), what="answers file")
    try:
        rubric = choose(answers.rubric.id)
    except CoprodError as exc:
        line, column = doc.position(("rubric", "id"))
        message = (_("{problem} ({hint}); pass --rubric ID|FILE").format(problem=exc.message,
                                                                         hint=exc.hint)
                   if exc.hint else
                   _("{problem}; pass --rubric ID|FILE").format(problem=exc.message))
        raise LoadError(path, [Diagnostic(path, line, column, Severity.ERROR, "unknown-rubric",
                                          message)],
                        what="answers file") from None
    carried, notes = read_through_history(answers, rubric, doc)  # older rubric versions
    diagnostics.extend(notes)
    if carried is None:
        raise LoadError(path, sorted(diagnostics), what="answers file")
    diagnostics.extend(check_answers(carried, rubric, doc))
    diagnostics.sort()
    if has_errors(diagnostics):
        raise LoadError(path, diagnostics, what="answers file")
    return carried, rubric, diagnostics


def parse_answers(
    raw: bytes | str, path: str, rubric: CheckedRubric | None = None
) -> tuple[Answers | None, list[Diagnostic]]:
    """Read answers like `read_answers` with one rubric, collecting problems instead of raising.

    Without a rubric only the file's shape is checked (what `coprod rubric schema` promises).
    Returns the answers (None when they have errors) and the diagnostics sorted by position.
    """
    if rubric is None:
        answers, diagnostics = validate_model(parse_document(raw, path), Answers, "answers")
        return answers, sorted(diagnostics)
    try:
        answers, _, diagnostics = read_answers(raw, path, fixed_rubric(rubric))
    except LoadError as exc:
        return None, list(exc.diagnostics)
    return answers, diagnostics


def load_answers(path: Path,
                 rubric: CheckedRubric | None = None) -> tuple[Answers, list[Diagnostic]]:
    """Read and check one answers file; raise LoadError with every problem when it is bad."""
    display = str(path)
    data, problems = read_file_bytes(path, display)
    if data is None:
        raise LoadError(display, problems, what="answers file")
    answers, diagnostics = parse_answers(data, display, rubric)
    if answers is None:
        raise LoadError(display, diagnostics, what="answers file")
    return answers, diagnostics
