"""Table-driven tests of the scoring rules on a small rubric whose every rule is visible."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_ladder.model import Answers, CheckedRubric, Effort, ItemKind, Rubric
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.scoring import (
    ActionReason,
    Blocker,
    Status,
    TypeState,
    overall_rule_sentence,
    score,
)
from coprod_ladder.scoring.actions import priority

MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"
BASE: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))

MET = {"answer": "effective", "evidence": [{"what": "survey results"}]}
MET_NO_EVIDENCE = {"answer": "effective"}
NOT_MET = {"answer": "establishing"}


def rubric(**changes: Any) -> CheckedRubric:
    """The mini rubric with `changes`, checked by the loader as every scored rubric is."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    checked, problems = parse_rubric(yaml.safe_dump(data, sort_keys=False), "mini.yaml")
    assert checked is not None, [str(p) for p in problems]
    return checked


def answers(criteria: dict[str, Any] | None = None, factors: dict[str, Any] | None = None,
            target: dict[str, Any] | None = None, readiness: dict[str, Any] | None = None,
            types: dict[str, Any] | None = None) -> Answers:
    data: dict[str, Any] = {
        "rubric": {"id": "mini", "version": "1.0.0"},
        "service": {"id": "svc", "name": "Service"},
        "criteria": criteria or {},
        "success_factors": factors or {},
        "readiness": readiness or {},
        "types": types or {},
    }
    if target:
        data["target"] = target
    return Answers.model_validate(data)


ASKED_MET = {"design-asked": MET, "delivery-asked": MET}
ALL_MET = {**ASKED_MET, "design-together": MET, "delivery-together": MET}
# The same, with one doing-with claim checked by the people the service serves.
ALL_MET_CHECKED = {**ALL_MET,
                   "design-together": {**MET, "validated": {"by": "Young people's panel"}}}
GOV_MET = {"csf-governance": {"answer": "effective"}}
GOV_NOT_MET = {"csf-governance": NOT_MET}
DELIVERY_OUT = {"delivery": {"out_of_scope": "We run no sessions ourselves."}}

# (id, criteria, factors, types, placed, overall rung, provisional, design rung, delivery rung)
# Rungs: told (1, the bottom), asked (2), together (3). Overall: the highest rung two in-scope
# types reach, never more than one below the best type.
RUNG_CASES = [
    ("nothing answered: not yet placed, and no type is 'done to'", {}, {}, {},
     False, None, False, None, None),
    ("one type on a rung, the other unanswered: provisional, one below the best",
     {"design-asked": MET}, {}, {}, True, "told", True, "asked", None),
    ("both types on a rung", ASKED_MET, {}, {}, True, "asked", True, "asked", "asked"),
    ("'needs improving' still counts as in place",
     {"design-asked": {**MET, "answer": "needs-improving"}, "delivery-asked": MET}, {}, {},
     True, "asked", True, "asked", "asked"),
    ("a claim without required evidence does not count",
     {"design-asked": MET, "delivery-asked": MET_NO_EVIDENCE}, {}, {},
     True, "told", True, "asked", "told"),
    ("not applicable with a reason neither lifts nor holds a type",
     {"design-asked": MET, "delivery-asked": {"not_applicable": "We do not deliver sessions."},
      "delivery-together": MET}, GOV_MET, {}, True, "asked", True, "asked", "together"),
    ("every criterion and the gating factor met, checked with people: the top, firmly",
     ALL_MET_CHECKED, GOV_MET, {}, True, "together", False, "together", "together"),
    ("the top with nothing checked with children or families: provisional", ALL_MET,
     GOV_MET, {}, True, "together", True, "together", "together"),
    ("a gating factor rated not met holds the service below its practice", ALL_MET,
     GOV_NOT_MET, {}, True, "asked", False, "together", "together"),
    ("an unanswered gating factor does not hold the rung, but leaves it provisional", ALL_MET,
     {}, {}, True, "together", True, "together", "together"),
    ("a gap below holds the type down: practice above it is a strength",
     {"design-asked": NOT_MET, "design-together": MET, "delivery-asked": MET}, GOV_MET, {},
     True, "told", True, "told", "asked"),
    ("an unanswered question below does not hide practice above it",
     {"design-together": MET, "delivery-asked": MET}, GOV_MET, {},
     True, "asked", True, "together", "asked"),
    ("a type out of scope is left out and never 'done to'",
     {"design-asked": MET, "design-together": MET}, GOV_MET, DELIVERY_OUT,
     True, "asked", False, "together", None),
    ("a reason too short to explain anything is not a scope declaration",
     {"design-asked": MET, "design-together": MET}, GOV_MET,
     {"delivery": {"out_of_scope": "n/a"}}, True, "asked", True, "together", None),
]


@pytest.mark.parametrize(
    ("given", "factors", "types", "placed", "rung", "provisional", "design", "delivery"),
    [c[1:] for c in RUNG_CASES], ids=[c[0] for c in RUNG_CASES])
def test_placement(given: dict[str, Any], factors: dict[str, Any], types: dict[str, Any],
                   placed: bool, rung: str | None, provisional: bool, design: str | None,
                   delivery: str | None) -> None:
    card = score(rubric(), answers(given, factors, types=types))
    assert card.placed is placed
    assert (card.rung.id if card.placed else None) == rung
    assert card.provisional is provisional
    by_type = {a.activity_id: a.rung.id if a.rung else None for a in card.activities}
    assert by_type == {"design": design, "delivery": delivery}


def test_a_type_with_nothing_answered_says_so() -> None:
    card = score(rubric(), answers({"design-asked": MET}, types=DELIVERY_OUT))
    states = {a.activity_id: a.state for a in card.activities}
    assert states == {"design": TypeState.PLACED, "delivery": TypeState.OUT_OF_SCOPE}
    card = score(rubric(), answers({"design-asked": MET}))
    assert {a.activity_id: a.state for a in card.activities}["delivery"] is (
        TypeState.NOT_ANSWERED)


def test_below_the_coverage_floor_the_service_is_not_yet_placed() -> None:
    strict = rubric(scoring={"rule": "gated", "min_coverage": 0.5})
    card = score(strict, answers({"design-asked": MET}))
    assert (card.placed, card.answered, card.questions) == (False, 1, 4)
    assert score(strict, answers(ASKED_MET)).placed


def test_out_of_scope_criteria_leave_the_question_count() -> None:
    card = score(rubric(), answers({"design-asked": MET}, types=DELIVERY_OUT))
    assert (card.answered, card.questions) == (1, 2)
    assert [c.criterion.id for c in card.unanswered] == ["design-together"]


def test_a_gating_factor_that_holds_the_service_back_is_named() -> None:
    card = score(rubric(), answers(ALL_MET, GOV_NOT_MET))
    assert card.practice_rung is not None and card.practice_rung.id == "together"
    (factor,) = [f for f in card.factors if f.holds_back]
    assert factor.factor.id == "csf-governance" and factor.factor.owner == "organisation"


def test_a_doing_with_type_alone_keeps_the_service_out_of_doing_to() -> None:
    card = score(rubric(), answers({"design-asked": MET, "design-together": MET}))
    assert card.rung.id == "asked" and card.rung.band == "doing for"


def test_threshold_rule_passes_a_rung_on_a_share_of_its_criteria() -> None:
    lenient = rubric(scoring={"rule": "threshold", "min_share": 0.5})
    two = {"design-asked": MET, "delivery-asked": MET, "design-together": NOT_MET}
    assert score(lenient, answers(two)).rung.id == "asked"
    assert "50%" in score(lenient, answers()).rule_explanation


ACTION_CASES = [
    ("what holds back practice already there comes first",
     {"design-asked": NOT_MET, "design-together": MET, "delivery-asked": MET}, GOV_MET,
     [("design-asked", ActionReason.HOLDS_BACK_STRENGTH)]),
    ("a claim without its evidence is listed apart, never as practice to build",
     {"design-asked": MET, "delivery-asked": MET_NO_EVIDENCE, "delivery-together": MET,
      "design-together": NOT_MET}, GOV_MET,
     [("design-together", ActionReason.NEXT_RUNG)]),
    ("for the next rung, two types and the gate; the team's own practice first",
     {**ASKED_MET, "design-together": NOT_MET, "delivery-together": NOT_MET}, GOV_NOT_MET,
     [("delivery-together", ActionReason.NEXT_RUNG), ("design-together", ActionReason.NEXT_RUNG),
      ("csf-governance", ActionReason.GATE)]),
    ("open questions are listed apart, never as practice to build", ASKED_MET, GOV_NOT_MET,
     [("csf-governance", ActionReason.GATE)]),
    ("met criteria produce no action", {**ALL_MET}, GOV_NOT_MET,
     [("csf-governance", ActionReason.GATE)]),
]


@pytest.mark.parametrize(("given", "factors", "expected"), [c[1:] for c in ACTION_CASES],
                         ids=[c[0] for c in ACTION_CASES])
def test_actions(given: dict[str, Any], factors: dict[str, Any],
                 expected: list[tuple[str, ActionReason]]) -> None:
    card = score(rubric(), answers(given, factors))
    assert [(a.item_id, a.reason) for a in card.actions] == expected
    assert all(a.guidance for a in card.actions)


def test_missing_evidence_and_open_questions_are_their_own_groups_once_each() -> None:
    card = score(rubric(), answers({"design-asked": MET, "delivery-asked": MET_NO_EVIDENCE},
                                   GOV_MET))
    assert [c.criterion.id for c in card.evidence_to_add] == ["delivery-asked"]
    assert [c.criterion.id for c in card.questions_to_answer] == [
        "design-together", "delivery-together"]
    listed = [a.item_id for a in card.actions]
    assert not {"delivery-asked", "design-together", "delivery-together"} & set(listed)
    # Evidence is what would move it: the first screen says where to, and the range.
    assert card.rung.id == "told"
    assert card.with_evidence is not None and card.with_evidence.id == "asked"
    assert card.range_low is not None and card.range_low.id == "told"
    assert card.range_high is not None and card.range_high.id == "together"


def test_strengths_above_the_rung_are_listed_per_type() -> None:
    card = score(rubric(), answers({"design-asked": NOT_MET, "design-together": MET,
                                    "delivery-asked": MET}, GOV_MET))
    design = next(a for a in card.activities if a.activity_id == "design")
    assert [c.criterion.id for c in design.strengths] == ["design-together"]
    assert [c.criterion.id for c in card.strengths] == ["design-together"]


def test_per_type_targets_are_kept() -> None:
    card = score(rubric(), answers(ASKED_MET, types={"design": {"target": "together",
                                                                "target_reason": "Asked for"}}))
    design = next(a for a in card.activities if a.activity_id == "design")
    assert design.target is not None and design.target.id == "together"
    assert design.target_reason == "Asked for"


def test_blockers_on_a_lower_rung_rank_above_those_on_a_higher_one() -> None:
    card = score(rubric(), answers({"design-asked": MET, "delivery-asked": NOT_MET},
                                   target={"rung": "together"}))
    assert [g.rung.id for g in card.target_gap] == ["asked", "together"]
    first = card.target_gap[0]
    assert [b.item_id for b in first.blockers] == ["delivery-asked"]
    together = card.target_gap[1].blockers
    criteria = [b for b in together if b.kind == "criterion"]
    assert [b.rung.id for b in criteria] == sorted(b.rung.id for b in criteria)
    assert criteria[0].unblocks > criteria[-1].unblocks


TARGET_CASES = [
    ("no target: the next rung", {}, None, "asked", True, False),
    ("a chosen target above", {}, {"rung": "together", "reason": "Youth council asked"},
     "together", False, False),
    ("a target below where the service stands is reached", ALL_MET_CHECKED, {"rung": "told"},
     "told", False, True),
    ("a provisional placement has not reached its target", ASKED_MET, {"rung": "told"},
     "told", False, False),
    ("at the top with no target, the top is the target", ALL_MET_CHECKED, None, "together",
     True, True),
    ("at the top with nothing checked with people: not reached yet", ALL_MET, None,
     "together", True, False),
]


@pytest.mark.parametrize(("given", "target", "expected", "is_default", "reached"),
                         [c[1:] for c in TARGET_CASES], ids=[c[0] for c in TARGET_CASES])
def test_targets(given: dict[str, Any], target: dict[str, Any] | None, expected: str,
                 is_default: bool, reached: bool) -> None:
    card = score(rubric(), answers(given, GOV_MET, target))
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
    (factor,) = [f for f in card.factors if f.kind == "success_factor"]
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


def test_a_criterion_marked_not_applicable_is_never_a_next_step() -> None:
    # Not applicable counts as passed: asking the service to do it would be wrong advice.
    card = score(_all_not_applicable_rubric(), answers({
        "design-asked": MET, "design-together": MET,
        "delivery-asked": {"not_applicable": "Statutory sessions run elsewhere."},
        "delivery-together": NOT_MET}, GOV_MET, target={"rung": "together"}))
    delivery = next(a for a in card.activities if a.activity_id == "delivery")
    steps = [b.item_id for b in delivery.next_steps]
    assert steps == ["delivery-together"]
    gap_items = {b.item_id for gap in card.target_gap for b in gap.blockers}
    assert "delivery-asked" not in gap_items
    assert "delivery-asked" not in {b.item_id for b in card.actions}


@pytest.mark.parametrize(
    ("change", "section", "field", "value"),
    [
        ("a criterion on an unknown rung", "criteria", "rung", "summit"),
        ("a factor gating an unknown rung", "success_factors", "gates", ["summit"]),
        ("a criterion on an unknown answer set", "criteria", "answer_set", "nope"),
        ("a factor on an unknown answer set", "success_factors", "answer_set", "nope"),
        ("a readiness step on an unknown answer set", "readiness", "answer_set", "nope"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)
def test_a_rubric_with_unknown_ids_never_reaches_scoring(
        change: str, section: str, field: str, value: Any) -> None:
    # The loader refuses such a rubric with a finding; built directly, it is not a
    # CheckedRubric, and score() says where a rubric must come from instead of failing
    # half way with a KeyError.
    data = copy.deepcopy(BASE)
    data[section][0][field] = value
    checked, problems = parse_rubric(yaml.safe_dump(data, sort_keys=False), "mini.yaml")
    assert checked is None
    assert any(p.code.startswith("unknown-") for p in problems), [str(p) for p in problems]
    with pytest.raises(TypeError, match="load_rubric or parse_rubric"):
        score(Rubric.model_validate(data), answers(ASKED_MET))  # type: ignore[arg-type]


def test_only_the_loader_makes_a_checked_rubric() -> None:
    with pytest.raises(TypeError, match="made only by the loader"):
        CheckedRubric.model_validate(BASE)
    with pytest.raises(TypeError, match="made only by the loader"):
        CheckedRubric(**BASE)
    checked = rubric()
    assert isinstance(checked, CheckedRubric)
    assert checked.model_dump() == Rubric.model_validate(BASE).model_dump()  # nothing lost


def _step(item: str, *, kind: ItemKind = ItemKind.CRITERION, rung: str = "asked",
          status: Status = Status.NOT_MET, effort: Effort = Effort.MEDIUM, unblocks: int = 1,
          reason: ActionReason = ActionReason.NEXT_RUNG) -> Blocker:
    rungs = {r.id: r for r in rubric().rungs}
    return Blocker(item_id=item, kind=kind, title=item, rung=rungs[rung], status=status,
                   guidance="", effort=effort, activity=None, unblocks=unblocks, reason=reason)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (_step("holds", reason=ActionReason.HOLDS_BACK_STRENGTH, rung="together"),
         _step("next", reason=ActionReason.NEXT_RUNG)),
        (_step("two-rungs", unblocks=2, rung="together"), _step("one-rung", unblocks=1)),
        (_step("lower", rung="asked"), _step("higher", rung="together")),
        (_step("factor", kind=ItemKind.SUCCESS_FACTOR), _step("criterion")),
        (_step("no-evidence", status=Status.NO_EVIDENCE), _step("unanswered",
                                                                status=Status.UNANSWERED)),
        (_step("dont-know", status=Status.DONT_KNOW), _step("not-met", status=Status.NOT_MET)),
        (_step("not-met", status=Status.NOT_MET), _step("unknown", status=Status.NOT_APPLICABLE)),
        (_step("low", effort=Effort.LOW), _step("medium", effort=Effort.MEDIUM)),
        (_step("medium", effort=Effort.MEDIUM), _step("high", effort=Effort.HIGH)),
    ],
    ids=["reason", "unblocks", "rung", "kind", "no-evidence-first", "dont-know-before-not-met",
         "known-status-first", "low-effort", "medium-effort"],
)
def test_next_steps_are_ordered_as_the_reports_promise(first: Blocker, second: Blocker) -> None:
    assert sorted([second, first], key=priority) == [first, second]
    assert sorted([first, second], key=priority) == [first, second]


@pytest.mark.parametrize(
    ("types", "max_drop", "expected"),
    [
        (1, 1, "at least one type of co-production in its scope reach; types it has declared"),
        (2, 0, "at least two types of co-production in its scope reach; types it has declared"),
        (2, 1, "at least two types of co-production in its scope reach, and never more than "
               "one rung below its strongest type;"),
        (3, 2, "at least three types of co-production in its scope reach, and never more than "
               "2 rungs below"),
        (4, 1, "at least four types"),
        (5, 1, "at least five types"),
        (6, 1, "at least 6 types"),
    ],
)
def test_the_overall_rule_is_explained_in_words(types: int, max_drop: int,
                                                expected: str) -> None:
    scoring = copy.deepcopy(BASE["scoring"])
    scoring.setdefault("overall", {}).update(types=types, max_drop=max_drop)
    sentence = overall_rule_sentence(rubric(scoring=scoring))
    assert sentence.startswith("Overall, the service stands on the highest rung that ")
    assert expected in sentence
    assert sentence.endswith("types it has declared out of scope are left out.")


def test_a_next_step_says_what_to_do_first() -> None:
    card = score(rubric(), answers({"delivery-asked": MET_NO_EVIDENCE}))
    delivery = next(a for a in card.activities if a.activity_id == "delivery")
    (step,) = [b for b in delivery.next_steps if b.item_id == "delivery-asked"]
    # What the status asks first is the step's reason and status, never text glued onto the
    # rubric's guidance (so each can be translated whole).
    assert (step.reason, step.status) == (ActionReason.NEXT_RUNG, Status.NO_EVIDENCE)
    assert step.guidance == "Ask at the end of each session."
    assert step.effort is Effort.LOW
    card = score(rubric(), answers({}))
    design = next(a for a in card.activities if a.activity_id == "design")
    (step,) = [b for b in design.next_steps if b.item_id == "design-asked"]
    assert step.status is Status.UNANSWERED and step.guidance == "Run a short survey."


def test_a_claim_without_evidence_holds_nothing_back_above_it() -> None:
    """Answering "yes" without the evidence where "don't know" stood never lowers a type: the
    claim cannot lift its own rung, but it is no gap either."""
    unknown = {"delivery-asked": {"answer": "not-in-place"}, "delivery-together": MET}
    claimed = {"delivery-asked": MET_NO_EVIDENCE, "delivery-together": MET}
    levels = {}
    for name, given in (("gap", unknown), ("claim", claimed)):
        card = score(rubric(), answers(given, GOV_MET))
        levels[name] = next(a.rung.id for a in card.activities if a.activity_id == "delivery")
    assert levels == {"gap": "told", "claim": "together"}


def test_each_rubric_scores_with_its_own_rungs_however_many_are_scored_in_turn() -> None:
    # What a score works out of a rubric alone is kept once per rubric (scoring/per_rubric):
    # a rubric scored after another, or after more than the kept ones, still gets its own.
    renamed = []
    for n in range(70):
        data = copy.deepcopy(BASE)
        for rung in data["rungs"]:
            rung["name"] = f"{rung['name']} {n}"
        checked, problems = parse_rubric(yaml.safe_dump(data, sort_keys=False), f"r{n}.yaml")
        assert checked is not None, [str(p) for p in problems]
        renamed.append(checked)
    given = answers({c["id"]: MET for c in BASE["criteria"]})
    for _ in range(2):
        for n, checked in enumerate(renamed):
            card = score(checked, given)
            assert card.rung.name.endswith(f" {n}")
            assert all(r.name.endswith(f" {n}") for r in card.rungs)
