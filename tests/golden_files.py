"""Compare output with a reviewed golden file; COPROD_UPDATE_GOLDEN=1 rewrites it."""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(actual: str, path: Path) -> None:
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), (f"no golden file {path.name}; "
                           "run with COPROD_UPDATE_GOLDEN=1 and review it")
    assert actual == path.read_text(encoding="utf-8"), f"golden mismatch: {path.name}"
