"""The key walk and fingerprint of rubric translations (issue 26, item 2)."""

from __future__ import annotations

import pytest

from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import (
    TranslatedText,
    Translation,
    fingerprint,
    rubric_texts,
    translated_rubric,
)


def _default_texts() -> dict[str, str]:
    checked, _ = load_rubric(None)
    rubric = getattr(checked, "rubric", checked)
    return rubric_texts(rubric)


@pytest.mark.parametrize(
    ("key", "present"),
    [
        ("title", True),
        ("summary", True),
        ("rungs.informing.name", True),
        ("answer_sets.practice.options.no.label", True),
        ("criteria.own-plans-informing.activity", False),  # a reference, not prose
        ("id", False),
        ("licence", False),
    ],
)
def test_translatable_keys(key: str, present: bool) -> None:
    assert (key in _default_texts()) is present


def test_no_key_holds_an_id_reference() -> None:
    single_words = {k for k, v in _default_texts().items() if " " not in v and "-" in v}
    assert single_words == set()


def test_fingerprint_ignores_unicode_normal_form() -> None:
    assert fingerprint("caf\u00e9") == fingerprint("cafe\u0301")
    assert len(fingerprint("x")) == 12
    assert fingerprint("Yes") != fingerprint("Yes.")


def test_translated_rubric_uses_current_and_falls_back_on_stale() -> None:
    checked, _ = load_rubric(None)
    rubric = getattr(checked, "rubric", checked)
    english = rubric_texts(rubric)
    translation = Translation(
        rubric=rubric.id,
        language="cy",
        texts={
            "title": TranslatedText("Teitl", fingerprint(english["title"]), "reviewed"),
            "summary": TranslatedText("Hen grynodeb", fingerprint("older English"), "reviewed"),
        },
    )
    welsh, fallbacks = translated_rubric(rubric, translation)
    assert welsh.title == "Teitl"
    assert welsh.summary == rubric.summary  # stale: English, and listed
    assert "summary" in fallbacks
    assert "title" not in fallbacks
    assert len(fallbacks) == len(english) - 1
    assert rubric.title != "Teitl"  # the original is untouched
