"""Table-driven tests of the scoring rules on a small rubric whose every rule is visible."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_ladder.model import Answers, Rubric
from coprod_ladder.scoring import Status, score

MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"
BASE: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))

MET = {"answer": "effective", "evidence": [{"what": "survey results"}]}
MET_NO_EVIDENCE = {"answer": "effective"}
NOT_MET = {"answer": "establishing"}


def rubric(**changes: Any) -> Rubric:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return Rubric.model_validate(data)


def answers(criteria: dict[str, Any] | None = None, factors: dict[str, Any] | None = None,
            target: dict[str, Any] | None = None, readiness: dict[str, Any] | None = None
            ) -> Answers:
    data: dict[str, Any] = {
        "rubric": {"id": "mini", "version": "1.0.0"},
        "service": {"id": "svc", "name": "Service"},
        "criteria": criteria or {},
        "success_factors": factors or {},
        "readiness": readiness or {},
    }
    if target:
        data["target"] = target
    return Answers.model_validate(data)


ASKED_MET = {"design-asked": MET, "delivery-asked": MET}
ALL_MET = {**ASKED_MET, "design-together": MET, "delivery-together": MET}
GOV_MET = {"csf-governance": {"answer": "effective"}}

# (id, criteria answers, factor answers, expected rung, expected next rung, progress met/total)
RUNG_CASES = [
    ("nothing answered stays on the bottom rung", {}, {}, "told", "asked", (0, 2)),
    ("one of two required criteria met", {"design-asked": MET}, {}, "told", "asked", (1, 2)),
    ("every required criterion of a rung met", ASKED_MET, {}, "asked", "together", (0, 1)),
    ("'needs improving' still counts as in place",
     {"design-asked": {**MET, "answer": "needs-improving"}, "delivery-asked": MET}, {},
     "asked", "together", (0, 1)),
    ("a claim without required evidence does not count",
     {"design-asked": MET, "delivery-asked": MET_NO_EVIDENCE}, {}, "told", "asked", (1, 2)),
    ("evidence is only needed where the criterion asks for it",
     {"design-asked": MET_NO_EVIDENCE, "delivery-asked": MET}, {}, "asked", "together", (0, 1)),
    ("not applicable with a reason counts as met",
     {"design-asked": MET, "delivery-asked": {"not_applicable": "We do not deliver sessions."}},
     {}, "asked", "together", (0, 1)),
    ("the upper rung is held by a gating success factor",
     {**ASKED_MET, "design-together": MET}, {}, "asked", "together", (1, 1)),
    ("a gating factor rated below 'in place' still holds the rung",
     {**ASKED_MET, "design-together": MET}, {"csf-governance": {"answer": "establishing"}},
     "asked", "together", (1, 1)),
    ("criteria and gating factor met reach the top", {**ASKED_MET, "design-together": MET},
     GOV_MET, "together", None, (0, 0)),
    ("an optional criterion does not gate the rung",
     {**ASKED_MET, "design-together": MET, "delivery-together": NOT_MET}, GOV_MET,
     "together", None, (0, 0)),
    ("rungs are gated: the top is not reached with a gap below",
     {"design-asked": MET, "design-together": MET}, GOV_MET, "told", "asked", (1, 2)),
]


@pytest.mark.parametrize(("given", "factors", "rung", "next_rung", "progress"),
                         [c[1:] for c in RUNG_CASES], ids=[c[0] for c in RUNG_CASES])
def test_rung_placement(given: dict[str, Any], factors: dict[str, Any], rung: str,
                        next_rung: str | None, progress: tuple[int, int]) -> None:
    card = score(rubric(), answers(given, factors))
    assert card.rung.id == rung
    assert (card.next_rung.id if card.next_rung else None) == next_rung
    assert (card.progress_met, card.progress_total) == progress


def test_threshold_rule_passes_a_rung_on_a_share_of_required_criteria() -> None:
    lenient = rubric(scoring={"rule": "threshold", "min_share": 0.5})
    assert score(lenient, answers({"design-asked": MET})).rung.id == "asked"
    assert score(rubric(), answers({"design-asked": MET})).rung.id == "told"
    assert "50%" in score(lenient, answers()).rule_explanation


ACTION_CASES = [
    ("unanswered criteria become actions, the lower-effort one first", {}, {},
     [("design-asked", Status.UNANSWERED), ("delivery-asked", Status.UNANSWERED)]),
    ("missing evidence is a quick win listed before work not started",
     {"design-asked": NOT_MET, "delivery-asked": MET_NO_EVIDENCE}, {},
     [("delivery-asked", Status.NO_EVIDENCE), ("design-asked", Status.NOT_MET)]),
    ("a gating factor comes before criteria", {**ASKED_MET}, {},
     [("csf-governance", Status.UNANSWERED), ("design-together", Status.UNANSWERED)]),
    ("met criteria produce no action", {**ASKED_MET, "design-together": MET}, {},
     [("csf-governance", Status.UNANSWERED)]),
]


@pytest.mark.parametrize(("given", "factors", "expected"), [c[1:] for c in ACTION_CASES],
                         ids=[c[0] for c in ACTION_CASES])
def test_actions_for_the_next_rung(given: dict[str, Any], factors: dict[str, Any],
                                   expected: list[tuple[str, Status]]) -> None:
    card = score(rubric(), answers(given, factors))
    assert [(a.item_id, a.status) for a in card.actions] == expected
    assert all(a.guidance for a in card.actions)


def test_action_for_missing_evidence_says_to_record_it() -> None:
    card = score(rubric(), answers({"design-asked": MET, "delivery-asked": MET_NO_EVIDENCE}))
    (action,) = card.actions
    assert action.guidance.startswith("Record the evidence")


def test_blockers_on_a_lower_rung_rank_above_those_on_a_higher_one() -> None:
    card = score(rubric(), answers({"design-asked": MET}, target={"rung": "together"}))
    assert [g.rung.id for g in card.target_gap] == ["asked", "together"]
    first, second = card.target_gap
    assert all(b.unblocks == 2 for b in first.blockers)
    assert all(b.unblocks == 1 for b in second.blockers)


TARGET_CASES = [
    ("no target: the next rung", {}, None, "asked", True, False),
    ("a chosen target above", {}, {"rung": "together", "reason": "Youth council asked"},
     "together", False, False),
    ("a target below where the service stands is reached", ASKED_MET, {"rung": "told"},
     "told", False, True),
    ("at the top with no target, the top is the target", {**ASKED_MET, "design-together": MET},
     None, "together", True, True),
]


@pytest.mark.parametrize(("given", "target", "expected", "is_default", "reached"),
                         [c[1:] for c in TARGET_CASES], ids=[c[0] for c in TARGET_CASES])
def test_targets(given: dict[str, Any], target: dict[str, Any] | None, expected: str,
                 is_default: bool, reached: bool) -> None:
    factors = GOV_MET if expected == "together" and target is None else {}
    card = score(rubric(), answers(given, factors, target))
    assert (card.target.id, card.target_is_default, card.target_reached) == (
        expected, is_default, reached)


RISK_CASES = [
    ("both answer patterns present: raised",
     {"design-asked": MET, "design-together": {"answer": "not-in-place"}}, True),
    ("an unanswered item matches the 'unanswered' pseudo-answer", {"design-asked": MET}, True),
    ("only one of two required patterns: not raised",
     {"design-asked": MET, "design-together": MET}, False),
    ("no claim: not raised", {"design-asked": NOT_MET}, False),
]


@pytest.mark.parametrize(("given", "raised"), [c[1:] for c in RISK_CASES],
                         ids=[c[0] for c in RISK_CASES])
def test_risks(given: dict[str, Any], raised: bool) -> None:
    card = score(rubric(), answers(given))
    assert [r.risk_id for r in card.risks] == (["tokenism"] if raised else [])
    if raised:
        assert len(card.risks[0].because) == 2
        assert card.risks[0].mitigation


def test_unvalidated_pseudo_answer_raises_a_risk_only_for_unvalidated_claims() -> None:
    risks = [{"id": "self-rated", "name": "Self-rated", "summary": "Not checked.",
              "raised_when": [{"item": "design-asked", "answers": ["unvalidated"]}],
              "mitigation": "Ask the youth council to check the answer."}]
    checked = {**MET, "validated": {"by": "Youth council"}}
    assert [r.risk_id for r in score(rubric(risks=risks), answers({"design-asked": MET})).risks
            ] == ["self-rated"]
    assert score(rubric(risks=risks), answers({"design-asked": checked})).risks == ()


def test_claims_without_evidence_and_not_validated_are_kept_apart() -> None:
    card = score(rubric(), answers({
        "design-asked": {**MET_NO_EVIDENCE, "validated": {"by": "Parents' forum"}},
        "delivery-asked": MET,
        "design-together": NOT_MET,
    }))
    assert [c.criterion.id for c in card.without_evidence] == ["design-asked"]
    assert [c.criterion.id for c in card.not_validated] == ["delivery-asked"]
    assert [c.criterion.id for c in card.unanswered] == ["delivery-together"]


def test_activity_rungs_use_every_criterion_and_ignore_factor_gates() -> None:
    card = score(rubric(), answers({**ASKED_MET, "design-together": MET}))
    by_id = {a.activity_id: a for a in card.activities}
    assert card.rung.id == "asked"  # held by the governance factor
    assert by_id["design"].rung is not None and by_id["design"].rung.id == "together"
    assert by_id["delivery"].rung is not None and by_id["delivery"].rung.id == "asked"


def test_not_applicable_is_ignored_where_the_rubric_does_not_allow_it() -> None:
    reason = {"not_applicable": "We would rather not say."}
    card = score(rubric(), answers({"design-asked": MET, "design-together": reason}))
    together = next(c for c in card.criteria if c.criterion.id == "design-together")
    assert together.status is Status.UNANSWERED


def test_activity_with_every_criterion_not_applicable_has_no_rung() -> None:
    reason = {"not_applicable": "Not a delivery service."}
    criteria = copy.deepcopy(BASE["criteria"])
    for criterion in criteria:
        criterion["not_applicable_allowed"] = True
    card = score(rubric(criteria=criteria),
                 answers({"delivery-asked": reason, "delivery-together": reason}))
    delivery = next(a for a in card.activities if a.activity_id == "delivery")
    assert delivery.rung is None


def test_factor_profile_marks_the_factor_that_gates_the_next_rung() -> None:
    card = score(rubric(), answers(ASKED_MET, {"csf-governance": NOT_MET}))
    (factor,) = [f for f in card.factors if f.kind == "success factor"]
    assert factor.gates_next_rung and factor.status is Status.NOT_MET
    assert factor.answer_label == "Being established"


def test_same_input_gives_equal_scorecards() -> None:
    given = answers({**ASKED_MET, "design-together": NOT_MET}, GOV_MET)
    assert score(rubric(), given) == score(rubric(), given)


def _all_not_applicable_rubric() -> Rubric:
    criteria = copy.deepcopy(BASE["criteria"])
    for criterion in criteria:
        criterion["not_applicable_allowed"] = True
    return rubric(criteria=criteria)


def test_activity_does_not_claim_rungs_that_are_only_not_applicable() -> None:
    card = score(_all_not_applicable_rubric(), answers({
        "delivery-asked": MET, "delivery-together": {"not_applicable": "Statutory sessions."}}))
    delivery = next(a for a in card.activities if a.activity_id == "delivery")
    assert delivery.rung is not None and delivery.rung.id == "asked"


def test_not_applicable_does_not_match_an_unanswered_risk_trigger() -> None:
    card = score(_all_not_applicable_rubric(), answers({
        "design-asked": MET, "design-together": {"not_applicable": "Design is national."}}))
    assert card.risks == ()
