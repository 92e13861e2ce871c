"""The voice scale's words: one label for every answer, group, age band and helper, read back."""

from __future__ import annotations

import string

import pytest

from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering import voice_words
from coprod_ladder.voice.model import AgeBand, HelpedBy, VoiceAnswer


def test_every_choice_has_its_words() -> None:
    assert set(voice_words.ANSWER_WORDS) == set(VoiceAnswer)
    assert set(voice_words.GROUP_WORDS) == set(VoiceGroup)
    assert set(voice_words.AGE_BAND_WORDS) == set(AgeBand)
    assert set(voice_words.HELPED_BY_WORDS) == set(HelpedBy)
    assert list(voice_words.ANSWER_WORDS.values()) == [
        "Never", "Not often", "Sometimes", "Mostly", "Always", "Don't know", "Rather not say"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("Not often", VoiceAnswer.NOT_OFTEN), ("  NOT   often ", VoiceAnswer.NOT_OFTEN),
    ("Don’t know", VoiceAnswer.DONT_KNOW), ("don't KNOW", VoiceAnswer.DONT_KNOW),
    ("rather-not-say", VoiceAnswer.RATHER_NOT_SAY), ("always", VoiceAnswer.ALWAYS),
    ("Often", None), ("Yes", None), ("", None), ("4", None),
])
def test_answers_are_read_back_whatever_the_case(cell: str, expected: VoiceAnswer | None) -> None:
    assert voice_words.answer_from_words(cell) is expected


def test_each_label_reads_back_as_itself() -> None:
    for answer, label in voice_words.ANSWER_WORDS.items():
        assert voice_words.answer_from_words(label.upper()) is answer
    for band, label in voice_words.AGE_BAND_WORDS.items():
        assert voice_words.age_band_from_words(label) is band
    for helper, label in voice_words.HELPED_BY_WORDS.items():
        assert voice_words.helper_from_words(label) is helper
    for group, label in voice_words.GROUP_WORDS.items():
        assert voice_words.group_from_words(label) is group
        assert voice_words.group_from_words(group.value) is group


def test_every_sentence_fills_by_name() -> None:
    for key, template in voice_words.VOICE_SENTENCES.items():
        names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        filled = voice_words.say_voice(key, **dict.fromkeys(names, "<x>"))
        assert "{" not in filled and (not names or "<x>" in filled)
