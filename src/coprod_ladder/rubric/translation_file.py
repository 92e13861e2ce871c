"""Translation files (`coprod-rubric-translation/1`) from text: parse and validate one.

A translation file names the rubric and the language, and holds each text by key with the
fingerprint of the English it was made from and its status (draft or reviewed). This module
owns the file's shape and turns it into a `translation.Translation` plus the line and column
of each key, so checks can point at them. Every problem is a positioned Diagnostic, never an
exception. It must not print; it reads a file only in `load_translation`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from coprod_ladder.diagnostics import Diagnostic, has_errors
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import Identifier, Strict, Text
from coprod_ladder.rubric.translation import TranslatedText, Translation
from coprod_ladder.yaml_positions import position

TRANSLATION_FORMAT: Literal["coprod-rubric-translation/1"] = "coprod-rubric-translation/1"

Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
# A language tag like `cy`, `cy-GB` or `pa-Arab` (BCP 47, the common shapes).
LanguageTag = Annotated[
    str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", max_length=35)
]

#: Line and column of each text's key in the file, by key.
Positions = dict[str, tuple[int, int]]


class TranslationEntry(Strict):
    """One text as written in the file; `from` is the fingerprint of its English."""

    text: Text
    source_fingerprint: Fingerprint = Field(alias="from")
    status: Literal["draft", "reviewed"] = "draft"


class TranslationFile(Strict):
    """The whole file as written."""

    format: Literal["coprod-rubric-translation/1"]
    rubric: Identifier
    language: LanguageTag
    texts: dict[str, TranslationEntry] = Field(default_factory=dict)


def read_translation(
    raw: bytes | str, path: str
) -> tuple[Translation | None, Positions, list[Diagnostic]]:
    """Parse and validate a translation file: the translation (None when the file is bad),
    the position of each key, and every problem found, sorted by position."""
    doc = parse_document(raw, path)
    model, diagnostics = validate_model(doc, TranslationFile, "translation")
    if model is None or has_errors(diagnostics):
        return None, {}, sorted(diagnostics)
    positions = {key: position(doc.root, ("texts", key), want_key=True) for key in model.texts}
    translation = Translation(
        rubric=model.rubric,
        language=model.language,
        texts={
            key: TranslatedText(entry.text, entry.source_fingerprint, entry.status)
            for key, entry in model.texts.items()
        },
    )
    return translation, positions, sorted(diagnostics)


def load_translation(path: Path) -> tuple[Translation | None, Positions, list[Diagnostic]]:
    """Read one translation file from disk; problems (unreadable too) come back as values."""
    display = str(path)
    data, problems = read_file_bytes(path, display)
    if data is None:
        return None, {}, sorted(problems)
    return read_translation(data, display)


#: The `format:` line of a translation file, looked for near the top (as collect.py does).
_FORMAT_LINE = re.compile(rb"^format:[ \t]*[\"']?coprod-rubric-translation/1", re.MULTILINE)


def is_translation(raw: bytes) -> bool:
    """Whether a file's bytes are a rubric translation (its `format:` line says so)."""
    return _FORMAT_LINE.search(raw[:4096]) is not None


def translations_beside(rubric_path: Path, rubric_id: str) -> list[Path]:
    """The translation files of a rubric: `translations/<rubric id>.<lang>.yaml` beside it."""
    folder = rubric_path.parent / "translations"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{rubric_id}.*.y*ml") if p.is_file())
