"""Weighing voice files: counts, spread, share who agree, small groups, blind spots."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_ladder.answers.read import read_answers
from coprod_ladder.model import Answers, VoiceGroup
from coprod_ladder.rubric.load import fixed_rubric
from coprod_ladder.voice.model import VoiceAnswer
from coprod_ladder.voice.weigh import weigh
from voice_fixtures import VOICED, voice_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "youth-service.yaml"


def _answers() -> Answers:
    answers, _, _ = read_answers(EXAMPLE.read_bytes(), str(EXAMPLE), fixed_rubric(VOICED))
    return answers


ANSWERS = _answers()
# An item the youth service answers "routine" (point 4), and one it answers "no" (point 0).
ROUTINE = next(i for i, a in ANSWERS.criteria.items() if a.answer == "routine")
NO = next(i for i, a in ANSWERS.criteria.items() if a.answer == "no")
YP, CH = VoiceGroup.YOUNG_PEOPLE, VoiceGroup.CHILDREN
A = VoiceAnswer


def _people(group: VoiceGroup, item: str, *answers: VoiceAnswer) -> list[
        tuple[VoiceGroup, dict[str, VoiceAnswer]]]:
    return [(group, {item: a}) for a in answers]


def test_counts_spread_and_share_who_agree() -> None:
    voices = [voice_file(_people(YP, ROUTINE, A.ALWAYS, A.MOSTLY, A.MOSTLY, A.NEVER, A.ALWAYS,
                                 A.DONT_KNOW))]
    item = weigh(VOICED, ANSWERS, voices).item(ROUTINE)
    assert item is not None and item.service_point == 4
    (young,) = item.groups
    assert young.tally.spread == (1, 0, 0, 2, 2)
    assert (young.tally.answered, young.tally.unsure, young.tally.agree) == (5, 1, 4)
    assert young.tally.share == 4 / 5 and young.shown
    assert young.confirms and item.confirmed  # 5 on the scale, 80% mostly or always; mean 2.8


def test_a_small_group_is_not_shown_but_counts_in_the_total() -> None:
    voices = [voice_file(_people(CH, ROUTINE, A.NEVER, A.NEVER)
                         + _people(YP, ROUTINE, *[A.ALWAYS] * 5))]
    item = weigh(VOICED, ANSWERS, voices).item(ROUTINE)
    assert item is not None
    children = next(g for g in item.groups if g.group is CH)
    assert not children.shown and children.gap is None and not children.blind_spot
    assert not children.confirms
    assert item.total.answered == 7


def test_a_service_saying_more_than_a_group_is_a_blind_spot_and_not_confirmed() -> None:
    voices = [voice_file(_people(YP, ROUTINE, A.NEVER, A.NOT_OFTEN, A.SOMETIMES, A.ALWAYS,
                                 A.ALWAYS, A.MOSTLY))]
    item = weigh(VOICED, ANSWERS, voices).item(ROUTINE)
    assert item is not None
    (young,) = item.groups
    # mean (0+1+2+4+4+3)/6 = 2.33; the service says 4: more than 4/3 above, a blind spot,
    # though half of them agree (which alone would confirm it).
    assert young.blind_spot and young.confirms and not item.confirmed


def test_a_service_saying_less_than_a_group_is_a_hidden_strength() -> None:
    voices = [voice_file(_people(YP, NO, *[A.MOSTLY] * 5))]
    item = weigh(VOICED, ANSWERS, voices).item(NO)
    assert item is not None and item.service_point == 0
    assert item.groups[0].hidden_strength and not item.blind_spots


answer_lists = st.lists(st.tuples(st.sampled_from(list(VoiceGroup)),
                                  st.sampled_from([ROUTINE, NO]), st.sampled_from(list(A))),
                        max_size=30)


@settings(max_examples=60, deadline=None)
@given(answer_lists, st.integers(min_value=0, max_value=30), st.randoms())
def test_the_result_is_the_same_whatever_the_order_of_respondents_and_files(
        rows: list[tuple[VoiceGroup, str, VoiceAnswer]], cut: int, shuffle: object) -> None:
    people = [(g, {i: a}) for g, i, a in rows]
    whole = weigh(VOICED, ANSWERS, [voice_file(people)])
    again = list(people)
    shuffle.shuffle(again)  # type: ignore[attr-defined]
    split = [voice_file(again[cut:], first=1000), voice_file(again[:cut])]
    other = weigh(VOICED, ANSWERS, split)
    assert other.items == whole.items and other.types == whole.types
    assert other.by_group == whole.by_group and other.respondents == whole.respondents
