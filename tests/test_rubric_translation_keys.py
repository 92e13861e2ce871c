"""The key walk and fingerprint of rubric translations (issue 26, item 2)."""

from __future__ import annotations

import pytest

from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import fingerprint, rubric_texts


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
