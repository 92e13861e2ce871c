"""The honest first screen (issue 17), on the default rubric: what a manager reads first.

Each case is a file a real service could write. Where the service stands follows its main work,
evidence and open questions are shown as figures rather than moving the rung silently,
statutory floors are checked against where each type stands, reasons have to say something,
and the next steps come by kind, never repeated and never empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.model import Answers, Band
from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rendering.terminal import plain_text, summary_lines
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.scoring import ActionReason, ScoreCard, score

RUBRIC = load_rubric("default")[0]
EXAMPLES = Path(__file__).parent.parent / "examples"
EVIDENCE = [{"what": "Minutes of the young people's panel, March"}]
CHECKED = {"by": "Children in Care Council"}
OUT = "This team has no part in that work at all."


def _criteria(activity: str, up_to: str, *, evidence: bool = True,
              validated: bool = False) -> dict[str, Any]:
    """Every statement of `activity` up to rung `up_to`, answered "Yes, routinely"."""
    level = {r.id: r.level for r in RUBRIC.rungs}
    out: dict[str, Any] = {}
    for c in RUBRIC.criteria:
        if c.activity == activity and level[c.rung] <= level[up_to]:
            entry: dict[str, Any] = {"answer": "routine"}
            if evidence:
                entry["evidence"] = EVIDENCE
            if validated:
                entry["validated"] = CHECKED
            out[c.id] = entry
    return out


# Three more types at Informing: enough answers for the coverage floor (8 of 48), low enough to
# change no overall rung in the cases below.
MORE = {"co-planning-informing": {"answer": "routine"},
        "co-prioritisation-informing": {"answer": "routine"},
        "co-assessment-informing": {"answer": "routine"}}


def _answers(criteria: dict[str, Any], **extra: Any) -> Answers:
    return Answers.model_validate({"rubric": {"id": "default", "version": RUBRIC.version},
                                   "service": {"id": "svc", "name": "Service",
                                               **extra.pop("service", {})},
                                   "criteria": criteria, **extra})


def _example(name: str) -> ScoreCard:
    raw = (EXAMPLES / name).read_text(encoding="utf-8")
    answers, problems = parse_answers(raw, name, RUBRIC)
    assert answers is not None, [str(p) for p in problems]
    return score(RUBRIC, answers)


def _every_format(card: ScoreCard) -> dict[str, str]:
    view = build_view(card)
    out = {r.name: "".join(r.pieces(view)) for r in SERVICE_REPORTS if r.pieces is not None}
    out["terminal"] = plain_text(summary_lines(view))
    return out


# ---- the overall rung follows the main work --------------------------------------------------


def test_side_activities_never_lift_the_fostering_team_above_its_core_work() -> None:
    card = _example("fostering-team.yaml")
    levels = {a.activity_id: a.rung.id for a in card.activities if a.rung is not None}
    assert levels["co-delivery"] == levels["co-management"] == "engaging"  # side types
    assert levels["own-plans"] == "consulting"  # the children's care plans: its main work
    assert card.rung.id == "consulting" and not card.provisional
    assert "own-plans" in card.main_work_named
    assert card.target_reached and card.beyond_target  # what comes next is optional
    view = build_view(card)
    assert view["next"]["practice_optional"]
    assert "Your target is reached" in view["next"]["practice_sentence"]


def test_two_side_types_cannot_lift_a_file_that_names_no_main_work() -> None:
    criteria = {**_criteria("co-delivery", "co-designing"),
                **_criteria("co-management", "co-designing"),
                **_criteria("co-design", "informing"), **MORE}
    card = score(RUBRIC, _answers(criteria))
    assert card.main_work == ("co-design",)  # always in scope: every service has a design
    assert card.rung.id == "informing"


def test_a_duty_makes_own_plans_main_work() -> None:
    criteria = {**_criteria("own-plans", "consulting"), **_criteria("co-design", "informing"),
                **_criteria("co-delivery", "engaging"), **MORE}
    card = score(RUBRIC, _answers(criteria, service={"duties": ["holds-plans"]}))
    assert card.main_work == ("own-plans", "co-design")
    assert card.rung.id == "consulting"


# ---- coverage, scope and reasons ------------------------------------------------------------


def test_declaring_types_out_of_scope_never_places_a_thin_file() -> None:
    thin = _criteria("co-design", "consulting")  # 3 of 48 answered
    assert not score(RUBRIC, _answers(thin)).placed
    narrowed = _answers(thin, types={t: {"out_of_scope": OUT} for t in
                                     ("co-commissioning", "co-financing", "co-management")})
    card = score(RUBRIC, narrowed)
    assert not card.placed
    assert card.answers_needed == 8 - 3  # 15% of every question in the rubric
    assert len(card.questions_to_answer) == 5  # the fewest that would place it
    assert card.questions_to_answer[0].criterion.activity == "co-design"  # main work first


@pytest.mark.parametrize("reason", ["not relevant", "Does not apply.", "N/A", "none",
                                    "not our job"])
def test_stock_phrases_are_refused_as_reasons_with_where_and_an_example(reason: str) -> None:
    text = yaml.safe_dump({"rubric": {"id": "default", "version": RUBRIC.version},
                           "service": {"id": "svc", "name": "Service"},
                           "types": {"co-financing": {"out_of_scope": reason}}})
    answers, problems = parse_answers(text, "svc.yaml", RUBRIC)
    assert answers is None
    (problem,) = problems
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "out_of_scope" in row)
    assert (problem.code, problem.line) == ("reason-stock-phrase", line)
    assert "stock phrase" in problem.message and "for example" in problem.message


def test_a_reason_needs_words_not_only_characters() -> None:
    text = yaml.safe_dump({"rubric": {"id": "default", "version": RUBRIC.version},
                           "service": {"id": "svc", "name": "Service"},
                           "types": {"co-financing": {"out_of_scope": "Unfunded-budget"}}})
    _, problems = parse_answers(text, "svc.yaml", RUBRIC)
    assert [p.code for p in problems] == ["reason-too-short"]
    assert "4 words" in problems[0].message


@pytest.mark.parametrize(("extra", "code", "where"), [
    ({"main_work": ["co-finance"]}, "unknown-type", "did you mean 'co-financing'"),
    ({"main_work": ["co-financing"], "types": {"co-financing": {"out_of_scope": OUT}}},
     "main-work-out-of-scope", "remove it from 'main_work'"),
    ({"service": {"id": "svc", "name": "Service", "duties": ["holds-plans"]},
      "types": {"own-plans": {"out_of_scope": OUT}}}, "main-work-out-of-scope",
     "remove the duty"),
    ({"service": {"id": "svc", "name": "Service", "duties": ["send-duty"]}}, "unknown-duty",
     "did you mean 'send'"),
    ({"service": {"id": "svc", "name": "Service", "jurisdiction": "wals"}},
     "unknown-jurisdiction", "did you mean 'wales'"),
])
def test_main_work_and_duties_that_cannot_hold_are_refused(extra: dict[str, Any], code: str,
                                                           where: str) -> None:
    data = {"rubric": {"id": "default", "version": RUBRIC.version},
            "service": {"id": "svc", "name": "Service"}, **extra}
    _, problems = parse_answers(yaml.safe_dump(data), "svc.yaml", RUBRIC)
    assert code in [p.code for p in problems], [str(p) for p in problems]
    (problem,) = [p for p in problems if p.code == code]
    assert problem.line > 1 and where in problem.message


# ---- the three figures -----------------------------------------------------------------------


def test_evidence_left_for_later_is_one_figure_and_one_list() -> None:
    """The children-in-care participation manager: honest answers, evidence for later."""
    honest = {**_criteria("own-plans", "co-designing", evidence=False, validated=True),
              **_criteria("co-design", "co-designing", evidence=False, validated=True),
              **_criteria("co-delivery", "co-designing", evidence=False, validated=True),
              **_criteria("co-management", "co-designing", evidence=False, validated=True)}
    card = score(RUBRIC, _answers(honest, main_work=["own-plans"],
                                  success_factors={f: {"answer": "strong"} for f in
                                                   ("sf-safe", "sf-consent", "sf-voluntary")}))
    assert card.with_evidence is not None and card.with_evidence.id == "co-designing"
    assert card.rung.level < card.with_evidence.level
    required = [c for c in card.criteria if c.criterion.evidence_required and c.claims_met]
    assert len(card.evidence_to_add) == len(required) > 10
    view = build_view(card)
    assert view["verdict"]["with_evidence_sentence"] == (
        "With the evidence for the answers you gave: Designing together.")
    for name, text in _every_format(card).items():
        assert text.count("the rung needs it shown") == 1, name  # said once, not per answer


def test_the_range_the_open_questions_leave_is_on_the_first_screen() -> None:
    card = score(RUBRIC, _answers({**_criteria("co-design", "engaging"),
                                   **_criteria("co-delivery", "engaging"), **MORE}))
    assert card.placed and card.provisional
    assert card.range_low is not None and card.range_high is not None
    assert card.range_low.level <= card.rung.level <= card.range_high.level
    sentence = build_view(card)["verdict"]["range_sentence"]
    assert sentence == (f"The open questions leave it between {card.range_low.name} and "
                        f"{card.range_high.name}.")


def test_doing_with_types_are_named_even_when_the_service_is_not_placed() -> None:
    card = score(RUBRIC, _answers(_criteria("co-delivery", "co-designing")))
    assert not card.placed
    view = build_view(card)
    assert view["verdict"]["doing_with_types"] == ["co-delivery"]
    for name, text in _every_format(card).items():
        assert "Already “doing with” children, young people or families in: co-delivery" in (
            text.replace("\\", "")), name


# ---- checked with the people it serves -------------------------------------------------------


def test_a_doing_with_rung_with_nothing_checked_is_provisional_and_says_so() -> None:
    factors = {f: {"answer": "strong"} for f in ("sf-safe", "sf-consent", "sf-voluntary")}
    top = {**_criteria("co-design", "co-producing"), **_criteria("co-delivery", "co-producing")}
    unchecked = score(RUBRIC, _answers(top, success_factors=factors))
    assert unchecked.rung.band is Band.DOING_WITH
    assert unchecked.unvalidated_doing_with and unchecked.provisional
    assert not unchecked.target_reached
    assert "checked with children" in build_view(unchecked)["verdict"]["unvalidated_sentence"]
    checked = {**top, "co-design-co-designing": {**top["co-design-co-designing"],
                                                 "validated": CHECKED}}
    card = score(RUBRIC, _answers(checked, success_factors=factors))
    assert not card.unvalidated_doing_with
    assert card.rung.id == unchecked.rung.id  # validation never moves the rung itself


# ---- statutory floors, gates and risks -------------------------------------------------------


def test_a_type_standing_below_its_floor_is_said_near_the_top_of_every_format() -> None:
    card = _example("send-team.yaml")
    below = {(f.floor_id, f.activity_id, f.rung.id) for f in card.below_floors}
    assert ("uncrc-article-12", "own-plans", "informing") in below
    assert ("send-parent-carer-forum", "co-planning", "done-to") in below
    for name, text in _every_format(card).items():
        head = text[:len(text) // 3] if name != "json" else json.dumps(
            json.loads(text)["verdict"])
        assert "Children have a right to give their views" in head, name


def test_team_owned_gates_are_labelled_as_the_teams() -> None:
    practice = {**_criteria("co-design", "co-designing"),
                **_criteria("co-delivery", "co-designing")}
    card = score(RUBRIC, _answers(practice, success_factors={"sf-safe": {"answer": "weak"}}))
    (gate,) = [a for a in card.actions if a.item_id == "sf-safe"]
    assert gate.reason is ActionReason.TEAM_GATE


def test_taking_part_that_is_not_a_free_choice_raises_responsibilisation_by_itself() -> None:
    """A youth court that requires young people to sit on its jury."""
    card = score(RUBRIC, _answers(_criteria("co-delivery", "co-designing"),
                                  success_factors={"sf-voluntary": {"answer": "weak"}}))
    assert "responsibilisation" in [r.risk_id for r in card.risks]


# ---- what to do next is never empty, and never "0 of 0" -------------------------------------


def test_a_service_not_yet_placed_is_told_what_to_answer_never_that_all_is_met() -> None:
    card = score(RUBRIC, _answers({}))
    assert not card.placed and card.questions_to_answer
    for name, text in _every_format(card).items():
        assert "0 of 0" not in text and "Every criterion" not in text, name
        assert "to place the service" in text, name


def test_a_service_whose_scope_is_too_small_is_told_what_is_missing() -> None:
    only_design = _answers(_criteria("co-design", "co-producing", validated=True),
                           types={a.id: {"out_of_scope": OUT} for a in RUBRIC.activities
                                  if a.id != "co-design"})
    card = score(RUBRIC, only_design)
    assert not card.placed and not card.questions_to_answer and card.needs_more_types
    assert "Bring another part of its work into scope" in (
        build_view(card)["next"]["more_types_sentence"] or "")


def test_a_quick_roughly_answer_confirmed_by_a_statement_places_the_type_there() -> None:
    """The family-hub manager: own plans "roughly Involving", the rung-4 statement confirmed."""
    answers = _answers({"own-plans-engaging": {"answer": "routine", "evidence": EVIDENCE},
                        **_criteria("co-design", "consulting"), **MORE},
                       types={"own-plans": {"estimate": "engaging"}},
                       main_work=["own-plans"])
    card = score(RUBRIC, answers)
    (own,) = [a for a in card.activities if a.activity_id == "own-plans"]
    assert own.rung is not None and own.rung.id == "engaging" and own.provisional
    assert card.range_low is not None and card.range_low.level < own.rung.level
    unconfirmed = _answers({**_criteria("co-design", "consulting")},
                           types={"own-plans": {"estimate": "engaging"}})
    (own,) = [a for a in score(RUBRIC, unconfirmed).activities if a.activity_id == "own-plans"]
    assert own.rung is None  # a "roughly" answer alone never places a type


def test_cross_references_to_other_models_only_for_a_firm_rung(run_cli: RunCli) -> None:
    provisional = score(RUBRIC, _answers({**_criteria("co-design", "engaging"),
                                          **_criteria("co-delivery", "engaging"), **MORE}))
    assert provisional.provisional
    assert build_view(provisional)["rung"] is not None
    assert build_view(provisional)["rung"]["maps_to"] == []  # type: ignore[index]
    firm = _example("fostering-team.yaml")
    assert build_view(firm)["rung"]["maps_to"]  # type: ignore[index]


def test_next_steps_take_a_type_past_its_own_target_last() -> None:
    """Targets first: own plans is as near Consulting as co-planning, but the service set own
    plans a target of Informing, so the step to Consulting is co-planning's."""
    given = {**_criteria("co-design", "consulting"), **_criteria("own-plans", "informing"),
             **_criteria("co-planning", "informing"),
             "own-plans-consulting": {"answer": "no"}, "co-planning-consulting": {"answer": "no"},
             **MORE}
    plain = score(RUBRIC, _answers(given, main_work=["co-design"]))
    assert plain.rung.id == "informing"

    def chosen(card: ScoreCard) -> set[str]:
        return {b.activity for b in card.actions if b.activity is not None}
    assert "own-plans" in chosen(plain)
    aimed = score(RUBRIC, _answers(given, main_work=["co-design"],
                                   types={"own-plans": {"target": "informing"}}))
    assert "own-plans" not in chosen(aimed) and "co-planning" in chosen(aimed)
