"""The translatable texts of a rubric, their keys and their fingerprints (issue 26, item 2).

Owns: the key scheme ``<section>.<item id>.<field>`` for every translatable text in a
``Rubric``, found by walking the model generically (a new text field is covered without a new
rule), and the fingerprint of an English text. Pure: no file access, no printing, no clock.
Not translated: ids, urls, levels, numbers, attribution, sources, history, licence, version,
and the machine settings (plain_language limits, scoring numbers).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from coprod_ladder.model import Rubric

R = TypeVar("R", bound=Rubric)

# Sections and fields whose strings are not prose for a reader: names of things, credits and
# records keep their own language.
UNTRANSLATED_FIELDS = frozenset(
    {
        "format",
        "id",
        "url",
        "version",
        "licence",
        "attribution",
        "sources",
        "history",
        "plain_language",
        "refused_reasons",
        "maps",
        "maps_to",
        "band",
        "kind",
        "effort",
        "rule",
        "answer_set",
        "rung",
        "rungs_required",
    }
)
# Fields inside an item that hold ids of other items (references), never prose. The top-level
# ``jurisdictions`` section is translated (name, law); a list of jurisdiction ids inside an
# item is not.
REFERENCE_FIELDS = frozenset(
    {
        "activity",
        "answers",
        "gates",
        "item",
        "jurisdictions",
        "main_work_for",
        "owner",
        "source",
        "when_duty",
    }
)


def fingerprint(english: str) -> str:
    """First 12 hex digits of sha256 of the NFC-normalised English text in UTF-8."""
    normal = unicodedata.normalize("NFC", english)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def rubric_texts(rubric: Rubric) -> dict[str, str]:
    """Every translatable English text of the rubric by key, in the rubric's own order."""
    texts: dict[str, str] = {}
    for name in type(rubric).model_fields:
        if name in UNTRANSLATED_FIELDS:
            continue
        _walk(getattr(rubric, name), name, texts)
    return texts


def _item_key(key: str, index: int, item: object) -> str:
    """The key of a list's item: by its id, so it keeps its key when the list is reordered;
    by its place (from 0) in a list without ids."""
    item_id = getattr(item, "id", None)
    return f"{key}.{item_id if isinstance(item_id, str) else index}"


def _walk(value: object, key: str, texts: dict[str, str]) -> None:
    if isinstance(value, str):
        texts[key] = value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in UNTRANSLATED_FIELDS and name not in REFERENCE_FIELDS:
                _walk(getattr(value, name), f"{key}.{name}", texts)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, _item_key(key, index, item), texts)
    elif isinstance(value, dict):
        for sub, item in value.items():
            _walk(item, f"{key}.{sub}", texts)


@dataclass(frozen=True)
class TranslatedText:
    """One text of a translation file: the words, the English fingerprint, and its status."""

    text: str
    source_fingerprint: str
    status: Literal["draft", "reviewed"] = "draft"


@dataclass(frozen=True)
class Translation:
    """A rubric's texts in one language, by key (one translation file)."""

    rubric: str
    language: str
    texts: dict[str, TranslatedText] = field(default_factory=dict)


def translated_rubric(rubric: R, translation: Translation) -> tuple[R, list[str]]:
    """The rubric with every text replaced where a current translation exists.

    Returns the keys that fell back to English, in the rubric's order: missing ones, and stale
    ones (made from English that has since changed: using them would say something the
    English no longer says).
    """
    english = rubric_texts(rubric)
    current = {
        key: entry.text
        for key, entry in translation.texts.items()
        if key in english and entry.source_fingerprint == fingerprint(english[key])
    }
    fallbacks = [key for key in english if key not in current]
    return _replaced(rubric, "", current), fallbacks


def _replaced(value: Any, key: str, current: dict[str, str]) -> Any:
    if isinstance(value, str):
        return current.get(key, value)
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            if name in UNTRANSLATED_FIELDS or (key and name in REFERENCE_FIELDS):
                continue
            sub = f"{key}.{name}" if key else name
            update[name] = _replaced(getattr(value, name), sub, current)
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [_replaced(item, _item_key(key, index, item), current)
                for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {sub: _replaced(item, f"{key}.{sub}", current) for sub, item in value.items()}
    return value
