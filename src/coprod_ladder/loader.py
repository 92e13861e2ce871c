"""Load rubrics and answers files: bytes in, validated models and positioned Diagnostics out.

This module owns the path from a file to a model: decoding, YAML, schema validation with every
pydantic error mapped onto the file's line and column, and the meaning checks. It resolves
`--rubric` references (a shipped name or a file path). It must not print or exit.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coprod_ladder import resources
from coprod_ladder.diagnostics import Diagnostic, Severity, has_errors
from coprod_ladder.errors import LoadError, UnknownRubricError
from coprod_ladder.model import Answers, Rubric
from coprod_ladder.yaml_source import (
    YamlDocument,
    decode_text,
    parse_yaml,
    position,
    read_file_bytes,
)

M = TypeVar("M", bound=BaseModel)


def parse_document(raw: bytes | str, path: str) -> YamlDocument:
    """Decode and parse one file's content into a YamlDocument (never raises)."""
    if isinstance(raw, bytes):
        text, problems = decode_text(raw, path)
        if text is None:
            return YamlDocument(path, diagnostics=problems)
    else:
        text = raw.removeprefix("\ufeff")
    return parse_yaml(text, path)


def validate_model(doc: YamlDocument, model: type[M], what: str) -> tuple[M | None, list[Diagnostic]]:
    """Validate parsed YAML against a model, mapping every error to a position in the file."""
    if doc.root is None:  # the YAML itself did not parse; duplicate keys still validate
        return None, list(doc.diagnostics)
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "nothing"
        kind = {"list": "a list", "str": "a single piece of text", "int": "a number",
                "float": "a number", "bool": "true/false"}.get(kind, kind)
        line, column = position(doc.root, ())
        return None, [
            *doc.diagnostics,
            Diagnostic(doc.path, line, column, Severity.ERROR, "schema/root",
                       f"a {what} file must be a mapping of keys (like 'id: ...'), "
                       f"but this file holds {kind}"),
        ]
    try:
        valid = model.model_validate(doc.data)
    except ValidationError as exc:
        found = [_schema_diagnostic(doc, model, err) for err in exc.errors(include_url=False)]
        return None, [*doc.diagnostics, *sorted(set(found))]
    return valid, list(doc.diagnostics)


def _schema_diagnostic(doc: YamlDocument, model: type[BaseModel], err: Any) -> Diagnostic:
    loc: tuple[int | str, ...] = tuple(err["loc"])
    kind: str = err["type"]
    where = _dotted(loc)
    if kind == "extra_forbidden":
        line, column = position(doc.root, loc, want_key=True)
        allowed = _allowed_keys(model, loc[:-1])
        message = f"unknown key '{loc[-1]}'"
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif allowed:
            message += f"; allowed here: {', '.join(allowed)}"
        return Diagnostic(doc.path, line, column, Severity.ERROR, "schema/unknown-key", message)
    if kind == "missing":
        line, column = position(doc.root, loc)
        parent = _dotted(loc[:-1]) or "the top level"
        return Diagnostic(doc.path, line, column, Severity.ERROR, "schema/missing",
                          f"{parent} needs the key '{loc[-1]}'")
    line, column = position(doc.root, loc)
    code = "schema/type" if kind.endswith("_type") or kind in {"model_type", "dict_type",
                                                                "list_type"} else "schema/value"
    message = _plain_message(err)
    return Diagnostic(doc.path, line, column, Severity.ERROR, code,
                      f"{where}: {message}" if where else message)


def _plain_message(err: Any) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "a-z0-9" in pattern:
            return ("ids use lower-case letters, digits, '-', '_' and '.', starting with a "
                    f"letter or digit; got {err.get('input')!r}")
        if r"\d+\.\d+\.\d+" in pattern:
            return f"versions look like 1.2.0 (semantic versioning); got {err.get('input')!r}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"expected a date like 2026-03-31; got {err.get('input')!r}"
    if kind == "literal_error" and "coprod-" in msg:
        return f"{msg}; this file is not in a format this version of coprod reads"
    return str(msg[0].lower() + msg[1:]) if msg else kind


def _dotted(loc: Sequence[int | str]) -> str:
    return ".".join(str(p) for p in loc)


def _allowed_keys(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """Walk model annotations along `loc` to list the keys allowed at that place."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field_info = current.model_fields.get(str(part))
            if field_info is None:
                return []
            current = field_info.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so the model class underneath shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


# --------------------------------------------------------------------------------------------
# Rubrics
# --------------------------------------------------------------------------------------------


def parse_rubric(raw: bytes | str, path: str) -> tuple[Rubric | None, list[Diagnostic]]:
    """Parse, validate and check a rubric, collecting every problem instead of raising.

    Returns the rubric (None when it has errors) and the diagnostics sorted by position.
    """
    from coprod_ladder.rubric_checks import check_rubric

    doc = parse_document(raw, path)
    rubric, diagnostics = validate_model(doc, Rubric, "rubric")
    if rubric is None:
        return None, sorted(diagnostics)
    diagnostics.extend(check_rubric(rubric, doc))
    diagnostics.sort()
    return (None if has_errors(diagnostics) else rubric), diagnostics


def is_rubric_path(ref: str) -> bool:
    """Return True when a --rubric reference is a file path rather than a shipped name."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")) or Path(ref).exists()


def load_rubric(ref: str | None = None) -> tuple[Rubric, list[Diagnostic]]:
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
    return rubric, diagnostics


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


def parse_answers(
    raw: bytes | str, path: str, rubric: Rubric | None = None
) -> tuple[Answers | None, list[Diagnostic]]:
    """Parse and validate an answers file; with a rubric, also check it against that rubric.

    Returns the answers (None when they have errors) and the diagnostics sorted by position.
    """
    from coprod_ladder.answers_checks import check_answers

    doc = parse_document(raw, path)
    answers, diagnostics = validate_model(doc, Answers, "answers")
    if answers is None:
        return None, sorted(diagnostics)
    if rubric is not None:
        diagnostics.extend(check_answers(answers, rubric, doc))
    diagnostics.sort()
    return (None if has_errors(diagnostics) else answers), diagnostics


def load_answers(path: Path, rubric: Rubric | None = None) -> tuple[Answers, list[Diagnostic]]:
    """Read and check one answers file; raise LoadError with every problem when it is bad."""
    display = str(path)
    data, problems = read_file_bytes(path, display)
    if data is None:
        raise LoadError(display, problems, what="answers file")
    answers, diagnostics = parse_answers(data, display, rubric)
    if answers is None:
        raise LoadError(display, diagnostics, what="answers file")
    return answers, diagnostics
