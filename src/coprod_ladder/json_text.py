"""Indented JSON with sorted keys, fast: the text every coprod JSON output is made of.

`dumps_sorted` returns exactly what `json.dumps(value, indent=2, sort_keys=True,
ensure_ascii=False)` returns, byte for byte. The standard library writes indented JSON with
its pure-Python encoder (its C encoder only writes compact JSON), which made the JSON report
the slowest of the three formats; this walk builds the same text from a flat list of pieces
with the C string escaper. Anything it does not expect (a key that is not text, a value of
another type) goes to `json.dumps` itself, so behaviour and errors stay the standard ones.
Pure: no I/O.

`dumps_finite` is the fast path for the views coprod builds, whose only floats are finite
shares and means: orjson (a C library) writes the same bytes about five times faster, and
anything it cannot write the same way (an integer beyond 64 bits, a lone surrogate, a key that
is not text) goes to `dumps_sorted`. orjson writes NaN and infinity as null, which is why
this path is for finite floats only. `finite_json_file` is the same text as the UTF-8 bytes
of a file, straight from orjson: a report's JSON is about 110 KB, and making it text only to
encode it again cost as much as writing it.
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from typing import Any

import orjson

_INDENT = "  "
_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_EXPONENT = re.compile(rb"e[-+]?[0-9]")
_DIGITS = frozenset(b"0123456789")


class _Unusual(Exception):
    """A value this walk leaves to json.dumps."""


def dumps_sorted(value: Any, level: int = 0) -> str:
    """Return `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`, faster.

    `level` indents every line after the first by that many more steps, for text that goes
    inside a document written piece by piece.
    """
    out: list[str] = []
    try:
        _write(value, out, "\n" + _INDENT * level)
    except (_Unusual, RecursionError):
        text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
        return text.replace("\n", "\n" + _INDENT * level) if level else text
    return "".join(out)


def dumps_finite(value: Any, level: int = 0) -> str:
    """Return `dumps_sorted(value, level)` for a value whose floats are all finite, faster."""
    try:
        data = orjson.dumps(value, option=_ORJSON_OPTIONS)
    except (TypeError, orjson.JSONEncodeError):
        return dumps_sorted(value, level)
    if _may_differ(data):
        return dumps_sorted(value, level)
    text = data.decode("utf-8")
    return text.replace("\n", "\n" + _INDENT * level) if level else text


def finite_json_file(value: Any) -> bytes:
    """Return `dumps_finite(value) + "\n"` encoded as UTF-8: a JSON file's bytes."""
    try:
        data = orjson.dumps(value, option=_ORJSON_OPTIONS | orjson.OPT_APPEND_NEWLINE)
        if not _may_differ(data):
            return data
    except (TypeError, orjson.JSONEncodeError):
        pass
    return (dumps_sorted(value) + "\n").encode("utf-8")


#: Whether this orjson writes a large float's exponent as Python does ('1e+16'). An earlier
#: orjson wrote '1e300' for Python's '1e+300'; with one, every exponent is searched for.
_LARGE_AS_PYTHON = orjson.dumps([1e16, -1.5e300, 2e22]) == b"[1e+16,-1.5e+300,2e+22]"


def _may_differ(data: bytes) -> bool:
    """Return True when orjson's text may hold a float that Python writes otherwise.

    orjson writes every float as Python's repr does but those below 1e-4 in size, where
    Python uses an exponent: 0.00006 and 1e-8 where Python writes 6e-05 and 1e-08. So the
    text has '0.0000' or a digit before 'e-'. Views hold no such floats; text that looks like
    one ('a version like 2e-5') only takes the slower path. Two searches of the bytes: the
    regex of every exponent was as slow as orjson itself on a report full of English 'e's.
    """
    if b"0.0000" in data:
        return True
    at = data.find(b"e-")
    while at != -1:
        if at and data[at - 1] in _DIGITS:
            return True
        at = data.find(b"e-", at + 2)
    return not _LARGE_AS_PYTHON and _has_exponent(data)


def _has_exponent(data: bytes) -> bool:
    """Return True when the text may hold a float in exponent form (a digit, 'e', a digit).

    Searched from the 'e' (a literal the regex engine finds fast), then the byte before it.
    """
    return any(m.start() and data[m.start() - 1] in _DIGITS for m in _EXPONENT.finditer(data))


def _float(value: float) -> str:
    if value != value:  # NaN is the only value not equal to itself
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_CONSTANTS: dict[Any, str] = {None: "null", True: "true", False: "false"}
# Encoded keys, reused: a view has a few dozen distinct keys, each written thousands of times.
_KEYS: dict[str, str] = {}
_MAX_KEYS = 4096


def _key(key: str) -> str:
    encoded = _KEYS.get(key)
    if encoded is None:
        encoded = encode_basestring(key) + ": "
        if len(_KEYS) < _MAX_KEYS:
            _KEYS[key] = encoded
    return encoded


def _write(value: Any, out: list[str], newline: str) -> None:
    # Exact types first, inline, for speed; then the checks in json.encoder's order, so
    # subclasses (StrEnum, IntEnum) come out the same way too: text, the three constants,
    # int, float, lists, mappings.
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        _write_dict(value, out, newline)
    elif kind is list:
        _write_list(value, out, newline)
    elif value is None or kind is bool:
        out.append(_CONSTANTS[value])
    elif kind is int:
        out.append(int.__repr__(value))
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, list | tuple):
        _write_list(value, out, newline)
    elif isinstance(value, dict):
        _write_dict(value, out, newline)
    else:
        raise _Unusual


def _write_list(value: Any, out: list[str], newline: str) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + _INDENT
    opening = "[" + inner
    for item in value:
        kind = type(item)
        if kind is str:
            out.append(opening + encode_basestring(item))
        else:
            out.append(opening)
            _write(item, out, inner)
        opening = "," + inner
    out.append(newline + "]")


def _write_dict(value: Any, out: list[str], newline: str) -> None:
    if not value:
        out.append("{}")
        return
    if not all(type(key) is str for key in value):
        raise _Unusual
    inner = newline + _INDENT
    opening = "{" + inner
    for key in sorted(value):
        item = value[key]
        kind = type(item)
        if kind is str:
            out.append(opening + _key(key) + encode_basestring(item))
        elif item is None or kind is bool:
            out.append(opening + _key(key) + _CONSTANTS[item])
        elif kind is int:
            out.append(opening + _key(key) + int.__repr__(item))
        else:
            out.append(opening + _key(key))
            _write(item, out, inner)
        opening = "," + inner
    out.append(newline + "}")
