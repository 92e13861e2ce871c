"""Compiled report templates kept on disk between runs, so a run does not compile them again.

Compiling the shipped templates (with their constant messages translated, see
`template_messages`) took about a quarter of a second each, in every process of every run: a
`score` of a few files spent more on it than on the files. The shell names a folder and a
digest of coprod's code (`keep_compiled_templates`); each language's environment then keeps
the compiled code of each template there, under a key made of that digest, the language and
the bytes of its translations. Jinja itself checks the template's source against a checksum
it stores. So an edited template, translation or compiler is compiled again, never mixed up.

A folder that cannot be read or written is simply not used, and a damaged file is compiled
again: the cache changes how fast a report is made, never what it says. This module does not
choose the folder (the shell does, from the environment) and imports Jinja only when used.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2.bccache import BytecodeCache

_SUFFIX = ".compiled"
_kept: tuple[Path, Callable[[], str]] | None = None


def keep_compiled_templates(folder: Path | None, code_digest: Callable[[], str]) -> None:
    """Keep compiled templates in `folder` (None: nowhere), for code whose digest
    `code_digest()` returns (asked only when a template is first compiled or looked up)."""
    global _kept
    _kept = (folder, code_digest) if folder is not None else None
    # Environments built before now are built again; when none is (the shell names the
    # folder at start-up), Jinja is not imported here, so `rubric check` never loads it.
    templates = sys.modules.get("coprod_ladder.rendering.templates")
    if templates is not None:
        templates.forget_environments()


def bytecode_cache(lang: str) -> BytecodeCache | None:
    """The cache for `lang`'s environment, or None when no folder was named."""
    if _kept is None:
        return None
    folder, code_digest = _kept
    return _new_cache(folder, lambda: _prefix(code_digest(), lang))


def _prefix(code_digest: str, lang: str) -> str:
    """The part of every file name that changes with the code, language and translations."""
    digest = hashlib.sha256(f"{code_digest}\0{lang}\0".encode())
    folder = files("coprod_ladder") / "locale" / lang
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".po"):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return f"{lang}-{digest.hexdigest()[:24]}"


def _new_cache(folder: Path, prefix: Callable[[], str]) -> BytecodeCache:
    from jinja2.bccache import Bucket, BytecodeCache

    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.errors import OutputError

    class CompiledTemplates(BytecodeCache):
        """Jinja's bytecode cache, one file a template, written atomically."""

        def __init__(self, folder: Path, prefix: Callable[[], str]) -> None:
            self.folder = folder
            self._prefix = prefix
            self._known: str | None = None

        def _path(self, bucket: Bucket) -> Path:
            if self._known is None:
                self._known = self._prefix()
            return self.folder / f"{self._known}-{bucket.key}{_SUFFIX}"

        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                data = self._path(bucket).read_bytes()
            except OSError:
                return
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # noqa: BLE001 - a damaged file: compile the template again
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            path = self._path(bucket)
            try:
                make_folder(self.folder)
                write_atomically(path, bucket.bytecode_to_string())
                _forget_other_codes(self.folder, self._known or "")
            except (OSError, OutputError):
                pass

    return CompiledTemplates(folder, prefix)


def _forget_other_codes(folder: Path, prefix: str) -> None:
    """Remove this language's files compiled by other code: each upgrade would add more."""
    lang = prefix.split("-", 1)[0]
    for old in folder.glob(f"{lang}-*{_SUFFIX}"):
        if not old.name.startswith(prefix + "-"):
            try:
                old.unlink()
            except OSError:
                pass
