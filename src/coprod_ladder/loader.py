"""From a file's bytes to a validated model: decoding, YAML, and schema validation with every
pydantic error mapped onto the file's line and column as a Diagnostic.

Rubrics (`rubric.load`) and answers files (`answers.read`) both come through here before
their meaning is checked. It must not print or exit.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import types
import typing
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.file_bytes import decode_text
from coprod_ladder.language import N_, _, ngettext
from coprod_ladder.yaml_source import YamlDocument, parse_yaml

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


#: Schema problems reported per file. A hostile or badly broken file can produce hundreds of
#: thousands; the first ones are the useful ones, and building each costs a position lookup.
MAX_SCHEMA_DIAGNOSTICS = 200

#: What each pydantic "wrong type" error expected, in words a rubric author uses.
_EXPECTED = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "list_type": N_("a list (items on lines starting with '- ')"),
    "dict_type": N_("a mapping of keys (key: value)"),
    "model_type": N_("a mapping of keys (key: value)"),
    "model_attributes_type": N_("a mapping of keys (key: value)"),
    "date_type": N_("a date like 2026-03-31"),
    "date_parsing": N_("a date like 2026-03-31"),
    "date_from_datetime_parsing": N_("a date like 2026-03-31"),
    "date_from_datetime_inexact": N_("a date like 2026-03-31 (without a time)"),
}

#: The sentences the model's own validators raise (`model` may not import the language, so
#: they are marked for translation here, and translated where a validation error is read).
_MODEL_SENTENCES = (
    N_("give either ask (a question per group) or not_asked (why families cannot answer this "
       "item), not both or neither"),
    N_("collected_from is after collected_to; swap them"),  # voice.model
)

#: The sentence for a file that is not a mapping, by the kind of file (`what`).
_NOT_A_MAPPING = {
    "rubric": N_("a rubric file must be a mapping of keys (like 'id: ...'), but this file holds "
                 "{found}"),
    "answers": N_("an answers file must be a mapping of keys (like 'id: ...'), but this file "
                  "holds {found}"),
    "voice": N_("a voice file must be a mapping of keys (like 'id: ...'), but this file holds "
                "{found}"),
    "mapping": N_("a mapping file must be a mapping of keys (like 'id: ...'), but this file "
                  "holds {found}"),
    "translation": N_("a translation file must be a mapping of keys (like 'id: ...'), but this "
                      "file holds {found}"),
}


class PlaceProblem(Protocol):
    """Records one problem at a place in a file: the key path, how bad, a code, the sentence."""

    def __call__(self, loc: Sequence[int | str], severity: Severity, code: str, message: str,
                 *, key: bool = False) -> None: ...


def problem_recorder(doc: YamlDocument, out: list[Diagnostic]) -> PlaceProblem:
    """A function that appends a Diagnostic placed at a key path of `doc` to `out` (`key`:
    at the mapping key rather than its value), for the checks that run after validation."""

    def add(loc: Sequence[int | str], severity: Severity, code: str, message: str,
            *, key: bool = False) -> None:
        line, column = doc.position(loc, want_key=key)
        out.append(Diagnostic(doc.path, line, column, severity, code, message))

    return add


def validate_model(
    doc: YamlDocument, model: type[M], what: str
) -> tuple[M | None, list[Diagnostic]]:
    """Validate parsed YAML against a model, mapping every error to a position in the file."""
    if not doc.parsed:  # the YAML itself did not parse; duplicate keys still validate
        return None, list(doc.diagnostics)
    if not isinstance(doc.data, dict):
        line, column = doc.position(())
        return None, [
            *doc.diagnostics,
            Diagnostic(doc.path, line, column, Severity.ERROR, "schema/root",
                       _not_a_mapping(what, _describe(doc.data))),
        ]
    try:
        # Validated as the JSON an editor's schema checker sees, in strict mode: `yes` and 1
        # are not booleans, '2' is not a number, and a date written without quotes is the
        # text it looks like where text is expected. So coprod and the JSON Schema agree.
        valid = model.model_validate_json(_as_json(doc), strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        found = {_schema_diagnostic(doc, model, err) for err in errors[:MAX_SCHEMA_DIAGNOSTICS]}
        if len(errors) > MAX_SCHEMA_DIAGNOSTICS:
            line, column = doc.position(tuple(errors[MAX_SCHEMA_DIAGNOSTICS]["loc"]))
            more = len(errors) - MAX_SCHEMA_DIAGNOSTICS
            found.add(Diagnostic(
                doc.path, line, column, Severity.ERROR, "schema/too-many",
                ngettext("{count} more schema problems are not shown; fix the ones reported and "
                         "check again",
                         "{count} more schema problems are not shown; fix the ones reported and "
                         "check again", more).format(count=f"{more:,}")))
        return None, [*doc.diagnostics, *sorted(found)]
    return valid, list(doc.diagnostics)


def _not_a_mapping(what: str, found: str) -> str:
    message = _NOT_A_MAPPING.get(what)
    if message is not None:
        return _(message).format(found=found)
    # A kind of file added without its sentence above: English, until it gets one.
    return (f"{_article(what)} {what} file must be a mapping of keys (like 'id: ...'), but this "
            f"file holds {found}")


def _article(word: str) -> str:
    """Return 'an' before a vowel sound and 'a' otherwise: an answers file, a rubric file."""
    return "an" if word[:1].lower() in "aeio" else "a"


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):  # YAML timestamps; dt.datetime is a dt.date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def _as_json(doc: YamlDocument) -> str | bytes:
    """Return parsed YAML as JSON text: dates become the ISO text they were written as.

    A plain document (every float finite, every key text) goes through orjson, five times
    faster; its text differs from the standard library's only in spacing and in how a float
    is spelled, never in what it parses to. orjson would write a NaN as null, which a field
    that may be empty accepts: that is why only plain documents go this way.
    """
    if doc.plain:
        try:
            return orjson.dumps(doc.data, default=_json_value,
                                option=orjson.OPT_PASSTHROUGH_DATETIME)
        except (TypeError, orjson.JSONEncodeError):
            pass  # a whole number past 64 bits or a lone surrogate: the standard way below
    return json.dumps(doc.data, default=_json_value, ensure_ascii=False, allow_nan=True)


def _describe(value: Any) -> str:
    """Name a YAML value the way its author sees it: 'a list', 'the text 'x'', 'nothing'."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("{value} (a yes/no value)").format(value=str(value).lower())
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("the text {value}").format(value=repr(shown))
    if isinstance(value, dict):
        return _("a mapping of keys")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dt.date):
        return _("the date {value}").format(value=value.isoformat())
    name = type(value).__name__
    return f"{_article(name)} {name}"  # a Python type's name: for developers, never a file's


def _schema_diagnostic(doc: YamlDocument, model: type[BaseModel], err: Any) -> Diagnostic:
    loc: tuple[int | str, ...] = tuple(err["loc"])
    kind: str = err["type"]
    if loc and loc[-1] == "[key]":  # a dict key failed validation: point at the key itself
        loc = loc[:-1]
        kind = "invalid_key" if kind in _EXPECTED else kind
        want_key = True
    else:
        want_key = kind in {"extra_forbidden", "invalid_key"}
    line, column = doc.position(loc, want_key=want_key)
    where = _dotted(loc)

    def found(code: str, message: str) -> Diagnostic:
        return Diagnostic(doc.path, line, column, Severity.ERROR, code, message)

    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            message = _("unknown key '{key}'; did you mean '{close}'?").format(
                key=loc[-1], close=close[0])
        elif allowed:
            message = _("unknown key '{key}'; allowed here: {allowed}").format(
                key=loc[-1], allowed=", ".join(allowed))
        else:
            message = _("unknown key '{key}'").format(key=loc[-1])
        return found("schema/unknown-key", message)
    if kind == "missing":
        if loc[:-1]:
            message = _("{parent} needs the key '{key}'").format(parent=_dotted(loc[:-1]),
                                                                 key=loc[-1])
        else:
            message = _("the top level needs the key '{key}'").format(key=loc[-1])
        return found("schema/missing", message)
    if kind == "invalid_key":
        return found("schema/type", _("{where}: keys must be text; put the key in quotes").format(
            where=where))
    if kind in _EXPECTED:
        got = err.get("input")
        if kind == "string_type" and isinstance(got, bool | int | float | dt.date):
            message = _("{where}: expected {expected}, got {found}; put it in quotes if it is "
                        "meant as text")
        else:
            message = _("{where}: expected {expected}, got {found}")
        return found("schema/type", message.format(where=where, expected=_(_EXPECTED[kind]),
                                                   found=_describe(got)))
    message = _plain_message(err)
    return found("schema/value", f"{where}: {message}" if where else message)


def _plain_message(err: Any) -> str:
    kind, msg = err["type"], err["msg"]
    ctx = err.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            return _("ids use lower-case letters, digits, '-', '_' and '.', starting with a "
                     "letter or digit; got {value}").format(value=repr(err.get("input")))
        if r"\d+\.\d+\.\d+" in pattern:
            return _("versions look like 1.2.0 (semantic versioning); got {value}").format(
                value=repr(err.get("input")))
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("is too long: at most {limit} characters").format(limit=ctx.get("max_length"))
    if kind == "too_short":
        count = ctx.get("min_length")
        if isinstance(count, int):
            return ngettext("needs at least {count} item", "needs at least {count} items",
                            count).format(count=count)
        return f"needs at least {count} items"
    bounds = {"greater_than_equal": ("ge", N_("must be {limit} or more; got {value}")),
              "less_than_equal": ("le", N_("must be {limit} or less; got {value}")),
              "greater_than": ("gt", N_("must be more than {limit}; got {value}")),
              "less_than": ("lt", N_("must be less than {limit}; got {value}"))}
    if kind in bounds and bounds[kind][0] in ctx:
        key, words = bounds[kind]
        return _(words).format(limit=ctx[key], value=repr(err.get("input")))
    if kind in {"enum", "literal_error"}:
        expected = ctx.get("expected", "")
        if "coprod-" in expected:
            return _("expected {expected}; got {value}; this file is not in a format this "
                     "version of coprod reads").format(expected=expected,
                                                       value=repr(err.get("input")))
        return _("expected {expected}; got {value}").format(expected=expected,
                                                            value=repr(err.get("input")))
    if kind == "value_error" and "error" in ctx:
        # The model's own checks raise English sentences (model is below the language layer):
        # each is marked in _MODEL_SENTENCES and translated here.
        return _("value error, {message}").format(message=_(str(ctx["error"])))
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
