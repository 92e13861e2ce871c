"""Output in Welsh says, in Welsh and in English, that it is a draft and what is still English."""

from __future__ import annotations

import pytest

from coprod_ladder.language import using
from coprod_ladder.language.active import catalogue
from coprod_ladder.language.notices import language_notices


def test_english_output_has_no_notices() -> None:
    assert language_notices(5, 7, lang="en") == ()


def test_welsh_with_drafts_says_so_in_both_languages() -> None:
    assert catalogue("cy").drafts > 0  # every Welsh message is a draft until reviewed
    [draft] = language_notices(0, 0, lang="cy")
    assert draft.code == "draft"
    assert "awaits review by a Welsh speaker" in draft.english
    assert "adolygu" in draft.text and draft.text != draft.english


@pytest.mark.parametrize(("count", "english"), [
    (1, "1 text of the rubric has no Welsh yet, so it is shown in English."),
    (2, "2 texts of the rubric have no Welsh yet, so they are shown in English."),
    (11, "11 texts of the rubric have no Welsh yet, so they are shown in English."),
])
def test_texts_left_in_english_are_counted_in_both_languages(count: int, english: str) -> None:
    fallback = language_notices(0, count, lang="cy")[-1]
    assert (fallback.code, fallback.english) == ("english-fallback", english)
    assert str(count) in fallback.text and "Saesneg" in fallback.text


def test_the_language_spoken_is_the_default() -> None:
    with using("cy"):
        assert [n.code for n in language_notices(1, 1)] == ["draft", "english-fallback"]
    assert language_notices(1, 1) == ()
