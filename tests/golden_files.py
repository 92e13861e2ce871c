"""Compare output with a reviewed golden file; COPROD_UPDATE_GOLDEN=1 rewrites it."""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(actual: str, path: Path) -> None:
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside it and renamed: a test in another xdist worker reading the same
        # golden file meets the old text or the new, never half of it.
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(actual, encoding="utf-8")
        os.replace(temp, path)
    assert path.exists(), (f"no golden file {path.name}; "
                           "run with COPROD_UPDATE_GOLDEN=1 and review it")
    assert actual == path.read_text(encoding="utf-8"), f"golden mismatch: {path.name}"
