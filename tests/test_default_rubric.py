"""The shipped default rubric keeps the promises issue 9 made about it.

These are policy checks a rubric maintainer could break by accident while editing: the
question budget, the activity ids that answers files and cycle comparisons rely on, answer
scales that start from the bottom and have a "don't know", gates only on what a team owns,
and a Lundy mapping on every rung.
"""

from __future__ import annotations

import pytest

from coprod_ladder.model import Rubric
from coprod_ladder.rubric.load import load_rubric

SERVICE_QUESTIONS = 7
TARGET_QUESTIONS = 1
FULL_MODE_LIMIT = 90
ACTIVITIES_OF_1_0_0 = {"co-commissioning", "co-planning", "co-prioritisation", "co-financing",
                       "co-design", "co-delivery", "co-management", "co-assessment"}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("default")[0]


def test_full_mode_stays_within_the_question_budget(rubric: Rubric) -> None:
    # One scope question per activity, whether or not it is always in scope (the upper bound).
    asked = (SERVICE_QUESTIONS + TARGET_QUESTIONS + len(rubric.activities)
             + len(rubric.criteria) + len(rubric.success_factors) + len(rubric.readiness))
    assert asked <= FULL_MODE_LIMIT, f"{asked} questions in full mode"


def test_the_activity_ids_of_1_0_0_are_kept(rubric: Rubric) -> None:
    assert {a.id for a in rubric.activities} >= ACTIVITIES_OF_1_0_0


def test_every_type_can_reach_the_top_rung(rubric: Rubric) -> None:
    for activity in rubric.activities:
        rungs = {c.rung for c in rubric.criteria if c.activity == activity.id}
        assert rungs, f"{activity.id} has no criteria"
        assert "co-producing" in rungs, f"{activity.id} cannot reach the top rung"


def test_scales_start_from_the_bottom_and_have_a_dont_know(rubric: Rubric) -> None:
    for answer_set in rubric.answer_sets:
        options = answer_set.options
        assert not options[0].meets, f"{answer_set.id} lists a met answer first"
        unknown = [o for o in options if o.unknown]
        assert len(unknown) == 1 and not unknown[0].meets
        met = [n for n, o in enumerate(options) if o.meets]
        assert met == sorted(met) and met[-1] == len(options) - 2, "met answers sit at the top"


def test_only_what_the_team_owns_gates_a_rung(rubric: Rubric) -> None:
    for factor in [*rubric.success_factors, *rubric.readiness]:
        if factor.gates:
            assert factor.owner == "service", f"{factor.id} is organisation-wide but gates"
            assert set(factor.gates) <= {"co-designing", "co-producing"}


def test_every_rung_maps_to_lundy(rubric: Rubric) -> None:
    assert all("lundy" in r.maps_to for r in rubric.rungs)


def test_risks_never_fire_on_a_half_finished_assessment(rubric: Rubric) -> None:
    for risk in rubric.risks:
        for trigger in risk.raised_when:
            assert "unanswered" not in trigger.answers, risk.id
            assert "dont-know" not in trigger.answers, risk.id


def test_explanation_states_the_numbers_the_rubric_sets(rubric: Rubric) -> None:
    explanation = rubric.scoring.explanation or ""
    assert rubric.scoring.min_coverage == 0.15 and "(15%, 8 of 48" in explanation
    assert f"{rubric.scoring.min_reason_chars} characters" in explanation
    assert f"{rubric.scoring.min_reason_words} words" in explanation
    assert "not relevant" in explanation and "not relevant" in rubric.scoring.refused_reasons
    overall = rubric.scoring.overall
    assert (overall.rule, overall.types, overall.max_drop) == ("breadth", 2, 1)
    assert "at least two" in (overall.explanation or "") and "one rung" in (
        overall.explanation or "")


def test_every_item_says_whether_families_are_asked_it(rubric: Rubric) -> None:
    # Issue 19: every item is either asked of a group, in its own words, or says why not.
    missing = [c.id for c in rubric.criteria if c.voice is None]
    assert missing == []
    asked = [c for c in rubric.criteria if c.voice is not None and c.voice.ask]
    assert len(asked) >= 20, "most items a family can see are asked of them"
    assert all(c.voice.ask for c in asked if c.id.startswith("own-plans-")), \
        "every item about a child's own plan is asked of the family"


def test_only_items_families_can_see_are_asked(rubric: Rubric) -> None:
    # Budgets and staff matters cannot be answered from a family's own experience.
    for item in ("co-financing-extra", "co-delivery-trained", "co-delivery-supervised"):
        voice = next(c.voice for c in rubric.criteria if c.id == item)
        assert voice is not None and voice.not_asked and not voice.ask
