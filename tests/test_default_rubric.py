"""The shipped default rubric keeps the promises issue 9 made about it.

These are policy checks a rubric maintainer could break by accident while editing: the
question budget, the activity ids that answers files and cycle comparisons rely on, answer
scales that start from the bottom and have a "don't know", gates only on what a team owns,
Lundy's four elements named on every statement (a lens, not rungs), and the law by country.
"""

from __future__ import annotations

import pytest

from coprod_ladder.model import Rubric
from coprod_ladder.questionnaire import questions_for
from coprod_ladder.questionnaire.entries import new_answers
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.scoring.law import factors_in

SERVICE_QUESTIONS = 7  # name, id, team, area, ages, who is assessing, date
COUNTRY_QUESTION = 1  # which country's law applies: asked since the rubric lists two
TARGET_QUESTIONS = 2  # the service's main work and the target rung
# 90 until 2.2.0 counted the service, the scope and target questions and the items; 2.2.0 adds
# a factor asked only of a service in Wales (the Welsh active offer, issue 18) and the country
# question; counted in full (the 3 duties and the main work too), a service in Wales is asked
# 95, one in England 94: the budget is the Welsh count.
FULL_MODE_LIMIT = 95
ACTIVITIES_OF_1_0_0 = {"co-commissioning", "co-planning", "co-prioritisation", "co-financing",
                       "co-design", "co-delivery", "co-management", "co-assessment"}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("default")[0]


@pytest.mark.parametrize("country", ["england", "wales"])
def test_full_mode_stays_within_the_question_budget(rubric: Rubric, country: str) -> None:
    # A scope question per type not always in scope; factors limited to another country are
    # not asked. The count is the one `assess` and the form really ask.
    jurisdiction = next(j for j in rubric.jurisdictions if j.id == country)
    factors = [*factors_in(rubric.success_factors, jurisdiction),
               *factors_in(rubric.readiness, jurisdiction)]
    scope = [a for a in rubric.activities if not a.always_in_scope]
    counted = (SERVICE_QUESTIONS + COUNTRY_QUESTION + len(rubric.duties) + TARGET_QUESTIONS
               + len(scope) + len(rubric.criteria) + len(factors))
    answers = new_answers(rubric, "X", "x")
    answers = answers.model_copy(update={"service": answers.service.model_copy(
        update={"jurisdiction": country})})
    assert len(questions_for(rubric, answers)) == counted
    assert counted <= FULL_MODE_LIMIT, f"{counted} questions in full mode"
    assert country == "wales" or counted < FULL_MODE_LIMIT, "England is asked no Welsh question"


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


def test_lundy_is_a_lens_on_every_statement_not_a_rung(rubric: Rubric) -> None:
    elements = {"Space", "Voice", "Audience", "Influence"}
    assert not any("lundy" in r.maps_to for r in rubric.rungs), "Lundy's elements are not rungs"
    assert all(c.maps_to.get("lundy") in elements for c in rubric.criteria)
    factors = [f.maps_to["lundy"] for f in [*rubric.success_factors, *rubric.readiness]
               if "lundy" in f.maps_to]
    assert set(factors) <= elements and {"Space", "Voice", "Audience"} <= set(factors)
    # Space and voice are not only for the bottom rungs: factors asked of every service carry
    # them, whatever rung a type stands on.
    for jurisdiction in rubric.jurisdictions:
        assert jurisdiction.maps.get("lundy"), f"{jurisdiction.id} reports do not show Lundy"


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


def test_every_item_maps_to_a_wales_participation_standard(rubric: Rubric) -> None:
    standards = {"Information", "It's your choice", "No discrimination", "Respect",
                 "You get something out of it", "Feedback", "Improving how we work"}
    items = [*rubric.criteria, *rubric.success_factors, *rubric.readiness]
    assert {i.maps_to.get("wales-standards") for i in items} == standards


def test_every_floor_cites_the_law_of_each_country_it_applies_in(rubric: Rubric) -> None:
    countries = [j.id for j in rubric.jurisdictions]
    assert countries == ["england", "wales"], "England first: the default for a service"
    for floor in rubric.statutory_floors:
        for country in floor.jurisdictions or countries:
            assert country in floor.law, (floor.id, country)
        if floor.jurisdictions == ["england"]:
            assert "England only" in floor.law["england"], floor.id


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
