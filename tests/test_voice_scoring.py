"""What voice files change in a score: validation that counts, blind spots first, never a rung.

Properties (hypothesis, over the default rubric with every item asked of every group):
- a voice file never changes a rung, per type or overall: the rung rests on the service's
  own answers;
- adding respondents who agree (mostly or always) to a group already large enough to be
  shown never lowers anything: no claim becomes unchecked, no blind spot appears, nothing
  confirmed stops being confirmed, a firm placement stays firm;
- the score is the same whatever the order of respondents and files.
"""

from __future__ import annotations

from dataclasses import replace
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_ladder.model import Answers, VoiceGroup
from coprod_ladder.scoring import ActionReason, ScoreCard, score
from coprod_ladder.voice import weigh as weigh_module
from coprod_ladder.voice.model import AGREES, VoiceAnswer, VoiceFile
from test_scoring_properties import answers_for
from voice_fixtures import VOICED, voice_file

PROFILE = settings(max_examples=40, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ITEMS = [c.id for c in VOICED.criteria]
People = list[tuple[VoiceGroup, dict[str, VoiceAnswer]]]


@st.composite
def people(draw: st.DrawFn, min_size: int = 0) -> People:
    """Respondents answering a few items each, any answer on the scale or off it."""
    return draw(st.lists(st.tuples(
        st.sampled_from(list(VoiceGroup)),
        st.dictionaries(st.sampled_from(ITEMS), st.sampled_from(list(VoiceAnswer)),
                        min_size=1, max_size=6)), min_size=min_size, max_size=40))


def _levels(card: ScoreCard) -> dict[str, int | None]:
    out = {a.activity_id: a.rung.level if a.rung else None for a in card.activities}
    out["overall"] = card.rung.level if card.placed else None
    return out


def _score(data: dict[str, Any], voices: list[VoiceFile]) -> ScoreCard:
    return score(VOICED, Answers.model_validate(data), voices)


@PROFILE
@given(data=st.data())
def test_a_voice_file_never_moves_a_rung(data: st.DataObject) -> None:
    answers = data.draw(answers_for(VOICED))
    heard = _score(answers, [voice_file(data.draw(people()), service="svc")])
    assert _levels(heard) == _levels(_score(answers, []))
    assert heard.practice_rung == _score(answers, []).practice_rung


def _standing_of(card: ScoreCard) -> tuple[set[str], set[str], set[str], bool]:
    unchecked = {c.criterion.id for c in card.not_validated}
    blind = {c.criterion.id for c in card.criteria if c.blind_spot}
    confirmed = {c.criterion.id for c in card.criteria if c.confirmed}
    return unchecked, blind, confirmed, card.unvalidated_doing_with


@PROFILE
@given(data=st.data())
def test_adding_respondents_who_agree_never_lowers_anything(data: st.DataObject) -> None:
    answers = data.draw(answers_for(VOICED))
    item = data.draw(st.sampled_from(ITEMS))
    group = data.draw(st.sampled_from(list(VoiceGroup)))
    on_scale = [a for a in VoiceAnswer if a not in (VoiceAnswer.DONT_KNOW,
                                                     VoiceAnswer.RATHER_NOT_SAY)]
    # The group already answered this item, enough of them to be shown on its own.
    shown = [(group, {item: data.draw(st.sampled_from(on_scale))})
             for _ in range(data.draw(st.integers(VOICED.voice.min_group, 12)))]
    base = data.draw(people()) + shown
    agreeing = [(group, {item: data.draw(st.sampled_from(sorted(AGREES)))})
                for _ in range(data.draw(st.integers(1, 8)))]
    before = _standing_of(_score(answers, [voice_file(base, service="svc")]))
    after = _standing_of(_score(answers, [voice_file(base + agreeing, service="svc")]))
    assert after[0] <= before[0] and after[1] <= before[1] and after[2] >= before[2]
    assert after[3] <= before[3]


@PROFILE
@given(data=st.data())
def test_the_score_is_the_same_whatever_the_order_of_respondents_and_files(
        data: st.DataObject) -> None:
    answers = data.draw(answers_for(VOICED))
    crowd = data.draw(people())
    shuffled = list(crowd)
    Random(data.draw(st.integers(0, 1000))).shuffle(shuffled)
    cut = data.draw(st.integers(0, len(crowd)))
    one = _score(answers, [voice_file(crowd, service="svc")])
    two = _score(answers, [voice_file(shuffled[cut:], service="svc", first=500),
                           voice_file(shuffled[:cut], service="svc")])
    assert one.criteria == two.criteria and one.actions == two.actions
    assert _standing_of(one) == _standing_of(two) and one.voice is not None
    assert two.voice is not None and one.voice.items == two.voice.items


def _youth(**criteria: dict[str, Any]) -> dict[str, Any]:
    return {"rubric": {"id": VOICED.id, "version": VOICED.version},
            "service": {"id": "svc", "name": "Service"}, "criteria": criteria}


ITEM = VOICED.criteria[0]


def test_a_confirmed_item_counts_as_validated() -> None:
    answers = _youth(**{ITEM.id: {"answer": "routine"}})
    assert ITEM.id in {c.criterion.id for c in _score(answers, []).not_validated}
    crowd = [(VoiceGroup.PARENTS, {ITEM.id: VoiceAnswer.ALWAYS})] * 5
    card = _score(answers, [voice_file(crowd, service="svc")])
    assert ITEM.id not in {c.criterion.id for c in card.not_validated}


def test_a_blind_spot_is_never_validated_and_comes_first_in_the_actions() -> None:
    answers = _youth(**{ITEM.id: {"answer": "routine", "validated": {"by": "Youth forum"}}})
    assert ITEM.id not in {c.criterion.id for c in _score(answers, []).not_validated}
    crowd = [(VoiceGroup.YOUNG_PEOPLE, {ITEM.id: VoiceAnswer.NOT_OFTEN})] * 6
    card = _score(answers, [voice_file(crowd, service="svc")])
    assert ITEM.id in {c.criterion.id for c in card.not_validated}
    first = card.actions[0]
    assert first.reason is ActionReason.BLIND_SPOT and first.item_id == ITEM.id
    assert first.voice is not None and first.voice.question == "Did staff do this with you?"


def test_the_properties_catch_a_rule_that_reads_agreement_backwards(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted bug (a group confirms when fewer than half agree) fails 'never lowers'."""
    real = weigh_module._group_voice

    def planted(*args: Any) -> weigh_module.GroupVoice:
        found = real(*args)
        share = found.tally.share
        return replace(found, confirms=found.shown and share is not None and share < 0.5)

    monkeypatch.setattr(weigh_module, "_group_voice", planted)
    with pytest.raises(AssertionError):
        test_adding_respondents_who_agree_never_lowers_anything()
