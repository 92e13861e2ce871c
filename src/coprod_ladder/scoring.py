"""Score one service's answers against a rubric: where it stands, why, and what comes next.

Pure functions over validated models: no I/O, no clock, no printing. The same rubric and
answers always give an equal ScoreCard. The rubric's rule decides the rung:

* `gated`: a rung is passed when every required criterion on it is met (with evidence where
  the criterion asks for it, or marked not applicable with a justification) and every success
  factor or readiness step that gates it is rated as met. A service stands on the highest rung
  it has passed with every rung below it also passed. The bottom rung is where every service
  starts, so it is never failed.
* `threshold`: the same, except a rung is passed once `min_share` of its required criteria are
  met.

Activities get their own rung by the same rule over all their criteria (required or not),
without the success-factor gates, which apply to the service as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from coprod_ladder.model import (
    Answers,
    CriterionAnswer,
    Criterion,
    Effort,
    Evidence,
    Factor,
    FactorAnswer,
    Rubric,
    Rung,
    Validation,
)


class Status(StrEnum):
    """What an answer means for the rung: met, or the reason it is not."""

    MET = "met"
    NOT_APPLICABLE = "not applicable"
    NO_EVIDENCE = "met but no evidence"
    NOT_MET = "not met"
    UNANSWERED = "not yet answered"

    @property
    def counts(self) -> bool:
        """Return True when this status lets a rung pass."""
        return self in (Status.MET, Status.NOT_APPLICABLE)


@dataclass(frozen=True)
class CriterionResult:
    """One criterion with the answer it got and what that means."""

    criterion: Criterion
    status: Status
    answer_id: str | None
    answer_label: str | None
    claims_met: bool
    evidence: tuple[Evidence, ...]
    cyp_say: str | None
    validated: Validation | None
    not_applicable: str | None
    note: str | None


@dataclass(frozen=True)
class FactorResult:
    """A success factor or readiness step with its rating."""

    factor: Factor
    kind: str  # "success factor" or "readiness step"
    status: Status
    answer_id: str | None
    answer_label: str | None
    evidence: tuple[Evidence, ...]
    note: str | None
    gates_next_rung: bool


@dataclass(frozen=True)
class ActivityResult:
    """The rung one type of co-production stands on."""

    activity_id: str
    name: str
    rung: Rung | None  # None when every criterion is marked not applicable
    met: int
    total: int


@dataclass(frozen=True)
class Blocker:
    """Something that holds the service below a rung, with the step that removes it."""

    item_id: str
    kind: str  # "criterion", "success factor" or "readiness step"
    title: str
    rung: Rung
    status: Status
    guidance: str
    effort: Effort
    activity: str | None
    unblocks: int  # how many rungs up to the target this item holds back


@dataclass(frozen=True)
class RungGap:
    """One rung between where the service stands and its target, and what it still needs."""

    rung: Rung
    required_met: int
    required_total: int
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True)
class RaisedRisk:
    """A risk the answers point to, the patterns that raised it, and how to mitigate it."""

    risk_id: str
    name: str
    summary: str
    mitigation: str
    because: tuple[str, ...]


@dataclass(frozen=True)
class ScoreCard:
    """Everything a report says about one service."""

    rubric_id: str
    rubric_version: str
    rubric_title: str
    rule: str
    rule_explanation: str
    answers: Answers
    rungs: tuple[Rung, ...]
    rung: Rung
    next_rung: Rung | None
    target: Rung
    target_reason: str | None
    target_is_default: bool
    progress_met: int
    progress_total: int
    activities: tuple[ActivityResult, ...]
    criteria: tuple[CriterionResult, ...]
    factors: tuple[FactorResult, ...]
    actions: tuple[Blocker, ...]
    target_gap: tuple[RungGap, ...]
    risks: tuple[RaisedRisk, ...]
    without_evidence: tuple[CriterionResult, ...]
    not_validated: tuple[CriterionResult, ...]
    unanswered: tuple[CriterionResult, ...]

    @property
    def service_id(self) -> str:
        """Return the assessed service's id."""
        return self.answers.service.id

    @property
    def progress_share(self) -> float | None:
        """Return the share of the next rung's required criteria met, or None at the top."""
        if self.next_rung is None:
            return None
        return self.progress_met / self.progress_total if self.progress_total else 1.0

    @property
    def target_reached(self) -> bool:
        """Return True when the service stands on or above its target rung."""
        return self.rung.level >= self.target.level

    def assessed_on(self) -> dt.date | None:
        """Return the date of the assessment, if recorded."""
        return self.answers.assessed_on


DEFAULT_RULE_EXPLANATIONS = {
    "gated": (
        "A service stands on the highest rung whose required criteria, and those of every rung "
        "below it, are met (with evidence where the criterion asks for it, or marked not "
        "applicable with a reason), and whose gating success factors are rated as met."
    ),
    "threshold": (
        "A service stands on the highest rung where at least {share} of the required criteria, "
        "and of every rung below it, are met, and whose gating success factors are rated as met."
    ),
}


def _criterion_result(criterion: Criterion, given: CriterionAnswer | None,
                      meets: dict[str, bool], labels: dict[str, str]) -> CriterionResult:
    if given is None:
        given = CriterionAnswer()
    claims = given.answer is not None and meets.get(given.answer, False)
    if given.not_applicable is not None and criterion.not_applicable_allowed:
        status = Status.NOT_APPLICABLE
        claims = False
    elif given.answer is None:
        status = Status.UNANSWERED
    elif not claims:
        status = Status.NOT_MET
    elif criterion.evidence_required and not given.evidence:
        status = Status.NO_EVIDENCE
    else:
        status = Status.MET
    return CriterionResult(
        criterion=criterion,
        status=status,
        answer_id=given.answer,
        answer_label=labels.get(given.answer) if given.answer else None,
        claims_met=claims,
        evidence=tuple(given.evidence),
        cyp_say=given.cyp_say,
        validated=given.validated,
        not_applicable=given.not_applicable if status is Status.NOT_APPLICABLE else None,
        note=given.note,
    )


def _factor_status(given: FactorAnswer | None, meets: dict[str, bool]) -> Status:
    if given is None or given.answer is None:
        return Status.UNANSWERED
    return Status.MET if meets.get(given.answer, False) else Status.NOT_MET


def _passes(results: Sequence[CriterionResult], min_share: float | None) -> tuple[bool, int, int]:
    """Return (passed, met, total) for a rung's criteria; not-applicable ones are left out."""
    counted = [r for r in results if r.status is not Status.NOT_APPLICABLE]
    met = sum(1 for r in counted if r.status is Status.MET)
    total = len(counted)
    if min_share is None:
        return met == total, met, total
    return (total == 0 or met / total >= min_share - 1e-9), met, total


def score(rubric: Rubric, answers: Answers) -> ScoreCard:
    """Place a service on the ladder and work out why, the risks, and the actions."""
    meets = {s.id: {o.id: o.meets for o in s.options} for s in rubric.answer_sets}
    labels = {s.id: {o.id: o.label for o in s.options} for s in rubric.answer_sets}
    rungs = rubric.rungs_in_order()
    min_share = rubric.scoring.min_share if rubric.scoring.rule == "threshold" else None

    criteria = tuple(
        _criterion_result(c, answers.criteria.get(c.id), meets[c.answer_set], labels[c.answer_set])
        for c in rubric.criteria
    )
    by_rung: dict[str, list[CriterionResult]] = {r.id: [] for r in rungs}
    for result in criteria:
        by_rung[result.criterion.rung].append(result)

    factor_pairs: list[tuple[Factor, str, FactorAnswer | None]] = [
        *((f, "success factor", answers.success_factors.get(f.id)) for f in rubric.success_factors),
        *((f, "readiness step", answers.readiness.get(f.id)) for f in rubric.readiness),
    ]
    factor_status = {f.id: _factor_status(given, meets[f.answer_set])
                     for f, _, given in factor_pairs}
    gates: dict[str, list[tuple[Factor, str]]] = {r.id: [] for r in rungs}
    for factor, kind, _ in factor_pairs:
        for gate in factor.gates:
            gates[gate].append((factor, kind))

    def rung_passes(rung: Rung) -> bool:
        required = [r for r in by_rung[rung.id] if r.criterion.required]
        passed, _, _ = _passes(required, min_share)
        return passed and all(factor_status[f.id] is Status.MET for f, _ in gates[rung.id])

    standing = rungs[0]
    for rung in rungs[1:]:
        if not rung_passes(rung):
            break
        standing = rung
    position = rungs.index(standing)
    next_rung = rungs[position + 1] if position + 1 < len(rungs) else None

    # Target: the manager's choice, or the next rung (not every service should aim for the top).
    rung_by_id = rubric.rung_by_id()
    if answers.target is not None and answers.target.rung in rung_by_id:
        target, target_reason, default_target = (
            rung_by_id[answers.target.rung], answers.target.reason, False)
    else:
        target, target_reason, default_target = next_rung or standing, None, True

    gap_rungs = [r for r in rungs if standing.level < r.level <= max(target.level,
                                                                     (next_rung or standing).level)]
    gap = tuple(_rung_gap(r, by_rung, gates, factor_status, gap_rungs) for r in gap_rungs)
    actions = gap[0].blockers if gap and next_rung is not None else ()
    progress_met = gap[0].required_met if gap else 0
    progress_total = gap[0].required_total if gap else 0

    factors = tuple(
        FactorResult(
            factor=f,
            kind=kind,
            status=factor_status[f.id],
            answer_id=given.answer if given else None,
            answer_label=(labels[f.answer_set].get(given.answer)
                          if given and given.answer else None),
            evidence=tuple(given.evidence) if given else (),
            note=given.note if given else None,
            gates_next_rung=next_rung is not None and next_rung.id in f.gates,
        )
        for f, kind, given in factor_pairs
    )

    activities = tuple(_activity_result(a.id, a.name, rungs, criteria, min_share)
                       for a in rubric.activities)
    explanation = rubric.scoring.explanation or DEFAULT_RULE_EXPLANATIONS[
        rubric.scoring.rule].format(share=f"{(min_share or 1):.0%}")

    return ScoreCard(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        rule=rubric.scoring.rule,
        rule_explanation=explanation,
        answers=answers,
        rungs=tuple(rungs),
        rung=standing,
        next_rung=next_rung,
        target=target,
        target_reason=target_reason,
        target_is_default=default_target,
        progress_met=progress_met,
        progress_total=progress_total,
        activities=activities,
        criteria=criteria,
        factors=factors,
        actions=actions,
        target_gap=gap,
        risks=tuple(_raised_risks(rubric, criteria, factors)),
        without_evidence=tuple(r for r in criteria if r.claims_met and not r.evidence),
        not_validated=tuple(r for r in criteria if r.claims_met and r.validated is None),
        unanswered=tuple(r for r in criteria if r.status is Status.UNANSWERED),
    )


def _rung_gap(rung: Rung, by_rung: dict[str, list[CriterionResult]],
              gates: dict[str, list[tuple[Factor, str]]], factor_status: dict[str, Status],
              gap_rungs: Sequence[Rung]) -> RungGap:
    required = [r for r in by_rung[rung.id] if r.criterion.required]
    _, met, total = _passes(required, None)
    # A blocker on this rung also holds back every rung above it up to the target.
    holds_back = sum(1 for r in gap_rungs if r.level >= rung.level)
    blockers: list[Blocker] = []
    for factor, kind in gates[rung.id]:
        status = factor_status[factor.id]
        if status is not Status.MET:
            gated = sum(1 for r in gap_rungs if r.id in factor.gates)
            blockers.append(Blocker(
                item_id=factor.id, kind=kind, title=factor.name, rung=rung, status=status,
                guidance=factor.guidance or factor.summary, effort=Effort.HIGH, activity=None,
                unblocks=max(gated, holds_back)))
    for result in required:
        if not result.status.counts:
            c = result.criterion
            blockers.append(Blocker(
                item_id=c.id, kind="criterion", title=c.statement, rung=rung,
                status=result.status,
                guidance=_criterion_step(result),
                effort=Effort.LOW if result.status is Status.NO_EVIDENCE else c.effort,
                activity=c.activity, unblocks=holds_back))
    blockers.sort(key=_priority)
    return RungGap(rung=rung, required_met=met, required_total=total, blockers=tuple(blockers))


def _criterion_step(result: CriterionResult) -> str:
    guidance = result.criterion.guidance or result.criterion.statement
    if result.status is Status.NO_EVIDENCE:
        return ("Record the evidence you already have (what it is, where it is kept, its date); "
                "the answer says this is in place, but the rung needs it shown. " + guidance)
    if result.status is Status.UNANSWERED:
        return "Answer this question first. " + guidance
    return guidance


_EFFORT_ORDER = {Effort.LOW: 0, Effort.MEDIUM: 1, Effort.HIGH: 2}
_STATUS_ORDER = {Status.NO_EVIDENCE: 0, Status.UNANSWERED: 1, Status.NOT_MET: 2}


def _priority(blocker: Blocker) -> tuple[int, int, int, int]:
    """Order next steps: what unblocks the most first, then quick wins, then effort."""
    return (-blocker.unblocks, 0 if blocker.kind != "criterion" else 1,
            _STATUS_ORDER.get(blocker.status, 3), _EFFORT_ORDER[blocker.effort])


def _activity_result(activity_id: str, name: str, rungs: Sequence[Rung],
                     criteria: Iterable[CriterionResult], min_share: float | None) -> ActivityResult:
    mine = [r for r in criteria if r.criterion.activity == activity_id]
    if mine and all(r.status is Status.NOT_APPLICABLE for r in mine):
        return ActivityResult(activity_id, name, None, 0, 0)
    standing = rungs[0]
    for rung in rungs[1:]:
        passed, met, _ = _passes([r for r in mine if r.criterion.rung == rung.id], min_share)
        if not passed:
            break
        # A rung whose criteria are all "not applicable" is stepped over, not claimed: the
        # activity shows the highest rung it actually meets.
        if met:
            standing = rung
    counted = [r for r in mine if r.status is not Status.NOT_APPLICABLE]
    return ActivityResult(activity_id, name, standing,
                          sum(1 for r in counted if r.status is Status.MET), len(counted))


def _raised_risks(rubric: Rubric, criteria: Sequence[CriterionResult],
                  factors: Sequence[FactorResult]) -> Iterable[RaisedRisk]:
    answered: dict[str, tuple[str | None, str | None, str, bool]] = {}
    for c in criteria:
        if c.status is Status.NOT_APPLICABLE:
            continue  # a justified "not applicable" is neither an answer nor a gap
        unvalidated = c.claims_met and c.validated is None
        answered[c.criterion.id] = (c.answer_id, c.answer_label, c.criterion.statement,
                                    unvalidated)
    for f in factors:
        answered[f.factor.id] = (f.answer_id, f.answer_label, f.factor.name, False)
    for risk in rubric.risks:
        because: list[str] = []
        for trigger in risk.raised_when:
            if trigger.item not in answered:
                continue
            answer_id, label, title, unvalidated = answered[trigger.item]
            if answer_id is not None and answer_id in trigger.answers:
                because.append(f"“{title}” is answered “{label or answer_id}”")
            elif answer_id is None and "unanswered" in trigger.answers:
                because.append(f"“{title}” is not yet answered")
            elif unvalidated and "unvalidated" in trigger.answers:
                because.append(f"“{title}” is claimed but not yet checked with children, "
                               "young people or families")
        if len(because) >= risk.min_matches:
            yield RaisedRisk(risk.id, risk.name, risk.summary, risk.mitigation, tuple(because))
