"""Compare output with a reviewed golden file, byte for byte; COPROD_UPDATE_GOLDEN=1 rewrites it.

Byte for byte, so line endings count: the CSV portfolio ends its rows with CRLF, as RFC 4180
and spreadsheets expect, and a golden file read as text would turn them into LF and hide a
change. `.gitattributes` marks `tests/golden/` as binary so git never converts them either.
"""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(actual: str | bytes, path: Path) -> None:
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside it and renamed: a test in another xdist worker reading the same
        # golden file meets the old bytes or the new, never half of them.
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)
    assert path.exists(), (f"no golden file {path.name}; "
                           "run with COPROD_UPDATE_GOLDEN=1 and review it")
    expected = path.read_bytes()
    if data != expected:
        endings = ("; the line endings differ (CRLF against LF)"
                   if data.replace(b"\r\n", b"\n") == expected.replace(b"\r\n", b"\n") else "")
        raise AssertionError(f"golden mismatch: {path.name}{endings}")
