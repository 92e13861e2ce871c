"""Remember which shipped rubrics passed every check, so `coprod rubric list` starts fast.

Listing the shipped rubrics used to load and check each one in full, which needs pydantic's
models (most of a quarter of a second) only to print a version and a title. A rubric that
passed once is remembered in the user's cache folder (`$XDG_CACHE_HOME/coprod`, else
`~/.cache/coprod`) under a digest of its bytes *and* of coprod's own code, so an edited
rubric, or a coprod whose checks changed, is checked again in full. Rubrics with problems are
never remembered, so they are reported every time. A cache that cannot be read or written is
simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

CACHE_FORMAT = "coprod-checked-rubrics/1"
CACHE_FILE = "checked-rubrics.json"


def cache_folder() -> Path:
    """Return coprod's cache folder (the CLI may read the environment; the core may not).

    It holds this file and the compiled report templates (`rendering/compiled_templates`).
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coprod"


def cache_file() -> Path:
    """Return where the checked rubrics are remembered."""
    return cache_folder() / CACHE_FILE


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of coprod's version and core modules: any change to a check changes it.

    Each module counts by its path, size and time of change, as Python's own bytecode cache
    does: reading and hashing every module cost about 9 ms of every `rubric list`, and an
    edit, an upgrade or a checkout changes the time of change anyway.
    """
    from coprod_ladder import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(package.glob("**/*.py")):
        relative = module.relative_to(package)
        if "cli" not in relative.parts:
            info = module.stat()
            digest.update(f"{relative.as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def rubric_key(raw: bytes, lang: str = "en", translation: bytes = b"") -> str:
    """Return the cache key of a rubric's bytes under this coprod, in a language: the title
    remembered is the one shown in that language, from that translation's bytes."""
    digest = hashlib.sha256(code_digest().encode() + raw)
    if lang != "en":
        digest.update(b"\0" + lang.encode() + b"\0" + translation)
    return digest.hexdigest()


def read_cache() -> dict[str, tuple[str, str]]:
    """Return the remembered rubrics (key to version and title); empty when there is none."""
    try:
        document = json.loads(cache_file().read_text(encoding="utf-8"))
        if document.get("format") != CACHE_FORMAT:
            return {}
        return {key: (str(value[0]), str(value[1]))
                for key, value in document["rubrics"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def write_cache(entries: dict[str, tuple[str, str]]) -> None:
    """Remember these rubrics; a cache folder that cannot be written is left alone."""
    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.errors import OutputError

    path = cache_file()
    document = {"format": CACHE_FORMAT, "rubrics": {k: list(v) for k, v in entries.items()}}
    try:
        make_folder(path.parent)
        write_atomically(path, json.dumps(document, indent=1, sort_keys=True) + "\n")
    except (OSError, OutputError):
        pass
