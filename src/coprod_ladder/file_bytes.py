"""Bytes from a file or a stream, within the size limit, and those bytes as UTF-8 text.

This module owns the first step of reading any file coprod is given (rubrics, answers,
settings, expected-services lists): refusing what is not a regular file before opening it,
never reading past the size limit, and decoding with the place of the first bad byte. Every
problem is a Diagnostic, never an exception; `yaml_source` parses the text. It must not print.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from coprod_ladder.collect import describe_kind, not_a_file
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _

# The shipped rubrics are a few hundred KB at most and an answers file a few KB. The limit
# keeps parse time and memory bounded for hostile input: a 1 MiB file of tiny flow items
# already takes about two seconds to compose.
MAX_BYTES = 1024 * 1024


def _error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), Severity.ERROR, code, message)


def _too_large(path: str, size: int | None) -> Diagnostic:
    limit = f"{MAX_BYTES // 1024 // 1024} MiB"
    if size:
        message = _("the file is {size} bytes, over the {limit} limit; rubric and answers files "
                    "are far smaller, so this is probably not the file you meant").format(
                        size=f"{size:,}", limit=limit)
    else:
        message = _("the file is larger than {limit}; rubric and answers files are far smaller, "
                    "so this is probably not the file you meant").format(limit=limit)
    return _error(path, 1, 1, "too-large", message)


def read_file_bytes(
    path: Path, display: str | None = None
) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing ones too large to be a rubric or answers file.

    Only regular files are read: a named pipe, device or socket is refused before it is opened
    (opening a pipe with no writer would wait for ever). Never reads more than MAX_BYTES + 1
    bytes. Returns the bytes, or None with a diagnostic when the file cannot be read.
    """
    shown = display or str(path)
    try:
        kind = describe_kind(os.stat(path).st_mode)
        if kind is not None:
            return None, [not_a_file(shown, kind)]
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(path)
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                return None, [_too_large(shown, info.st_size)]
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return None, [_error(shown, 1, 1, "unreadable", _("this is a folder, not a file"))]
    except FileNotFoundError:
        return None, [_error(shown, 1, 1, "unreadable", _("no such file"))]
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        return None, [_error(shown, 1, 1, "unreadable",
                             # TRANSLATORS: {reason} is the system's reason, in English.
                             _("cannot read the file: {reason}").format(reason=reason))]
    if len(data) > MAX_BYTES:
        return None, [_too_large(shown, None)]
    return data, []


def read_stream_bytes(stream: BinaryIO, display: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a whole stream (standard input, given by the shell) like `read_file_bytes`:
    never more than MAX_BYTES + 1 bytes, and a diagnostic instead of an exception."""
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        return None, [_error(display, 1, 1, "unreadable",
                             _("cannot read it: {reason}").format(reason=reason))]
    if len(data) > MAX_BYTES:
        return None, [_too_large(display, None)]
    return data, []


def decode_text(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (with or without a byte-order mark); say where the first bad byte is."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_error(path, 1, 1, "encoding",
                             _("the file is UTF-16 or UTF-32; save it as UTF-8"))]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = byte_position(raw, offset)
        return None, [
            _error(path, line, column, "encoding",
                   _("the file holds binary data (a NUL byte), not YAML text"))
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        return None, [
            _error(path, line, column, "encoding",
                   _("byte {byte} is not valid UTF-8; save the file as UTF-8").format(
                       byte=f"0x{raw[exc.start]:02x}"))
        ]


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in characters) of a byte offset."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", errors="replace")) + 1
