"""Score many answers files: one bad file never stops the rest.

This module owns finding answers files under folders, choosing the rubric each one answers,
and turning every file into either a Scored result or a Failed one carrying its diagnostics.
It reads files but never prints or exits; results come back sorted by path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coprod_ladder.answers_checks import check_answers
from coprod_ladder.diagnostics import Diagnostic, Severity, has_errors
from coprod_ladder.errors import CoprodError, LoadError
from coprod_ladder.loader import load_rubric, parse_document, validate_model
from coprod_ladder.migration import read_through_history
from coprod_ladder.model import Answers, Rubric
from coprod_ladder.scoring import ScoreCard, score
from coprod_ladder.yaml_source import position, read_file_bytes

ANSWER_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Scored:
    """A file that scored, with any warnings (such as an older rubric version)."""

    path: str
    card: ScoreCard
    warnings: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Failed:
    """A file that could not be scored, with every problem found in it."""

    path: str
    diagnostics: tuple[Diagnostic, ...]


Result = Scored | Failed
RubricChooser = Callable[[str], Rubric]
"""Given the rubric id an answers file names, return the rubric to score it with."""


def collect_answer_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders (recursively) into their YAML files, sorted; return (files, missing)."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix in ANSWER_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def fixed_rubric(rubric: Rubric) -> RubricChooser:
    """Score every file with one rubric (from --rubric)."""
    return lambda _rubric_id: rubric


def shipped_rubric_by_id() -> RubricChooser:
    """Score each file with the shipped rubric it names, loading each rubric once."""
    cache: dict[str, Rubric] = {}

    def choose(rubric_id: str) -> Rubric:
        if rubric_id not in cache:
            cache[rubric_id] = load_rubric(rubric_id)[0]
        return cache[rubric_id]

    return choose


def read_answers(raw: bytes, path: str, choose: RubricChooser) -> tuple[Answers, Rubric, list[Diagnostic]]:
    """Parse an answers file, pick its rubric and check it; raise LoadError when it is bad."""
    doc = parse_document(raw, path)
    answers, diagnostics = validate_model(doc, Answers, "answers")
    if answers is None:
        raise LoadError(path, sorted(diagnostics), what="answers file")
    try:
        rubric = choose(answers.rubric.id)
    except CoprodError as exc:
        line, column = position(doc.root, ("rubric", "id"))
        hint = f" ({exc.hint})" if exc.hint else ""
        raise LoadError(path, [Diagnostic(path, line, column, Severity.ERROR, "unknown-rubric",
                                          f"{exc.message}{hint}; pass --rubric ID|FILE")],
                        what="answers file") from None
    carried, notes = read_through_history(answers, rubric, doc)  # older rubric versions
    diagnostics.extend(notes)
    if carried is None:
        raise LoadError(path, sorted(diagnostics), what="answers file")
    answers = carried
    diagnostics.extend(check_answers(answers, rubric, doc))
    diagnostics.sort()
    if has_errors(diagnostics):
        raise LoadError(path, diagnostics, what="answers file")
    return answers, rubric, diagnostics


def score_source(raw: bytes, path: str, choose: RubricChooser) -> Result:
    """Score one file's bytes; every problem becomes a Failed result, never an exception."""
    try:
        answers, rubric, warnings = read_answers(raw, path, choose)
    except LoadError as exc:
        return Failed(path, exc.diagnostics)
    return Scored(path, score(rubric, answers), tuple(warnings))


def score_file(path: Path, choose: RubricChooser) -> Result:
    """Read and score one answers file."""
    raw, problems = read_file_bytes(path, str(path))
    if raw is None:
        return Failed(str(path), tuple(problems))
    return score_source(raw, str(path), choose)


def score_paths(paths: Iterable[Path], choose: RubricChooser) -> Iterator[Result]:
    """Score every answers file under `paths`, in sorted order, one result per file."""
    files, missing = collect_answer_files(paths)
    for path in missing:
        yield Failed(str(path), (Diagnostic(str(path), 1, 1, Severity.ERROR, "unreadable",
                                            "no such file or folder"),))
    for path in files:
        yield score_file(path, choose)
