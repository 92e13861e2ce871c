"""Score one service's answers against a rubric: its profile by type of co-production, where
it stands overall, why, and what comes next.

Pure functions over validated models: no I/O, no clock, no printing. The same rubric and
answers always give an equal ScoreCard. The rules, in the words `docs/scoring.md` uses:

* **Each type of co-production gets its own rung.** A type stands on the highest rung whose
  criteria for that type are all met (with evidence where asked; `threshold` rubrics: at least
  `min_share` of them), as long as nothing on a rung below is answered as not in place. An
  unanswered or "don't know" question never counts as "not in place": it cannot lift a rung,
  but it does not hold one back either; it makes the placement *provisional*.
* **Scope is declared per type.** A type the service declares out of scope (with a reason) is
  shown as such and left out of the overall rung. A type with nothing answered is "not yet
  answered", never "done to".
* **The overall rung sums up the in-scope profile** by the rubric's `overall` rule (`breadth`):
  the highest rung that at least `types` in-scope types reach, and never more than `max_drop`
  rungs below the best type. Adding a type, or a better answer, can never lower it.
* **Organisation-wide factors are apart from practice.** The practice rung is what the answers
  support; a success factor or readiness step that gates a rung and is rated as not met holds
  the service below that rung, and the report says so separately.
* **Provisional and not yet placed.** A placement is provisional when answering the open
  questions could move it (it is computed again with every open question assumed met, then not
  met). Below `min_coverage` of in-scope questions answered, the service is not yet placed.

These rules are monotone (a better answer, added evidence or validation never lowers a rung)
and never reward leaving things out; `tests/test_scoring_properties.py` checks both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum

from coprod_ladder.model import (
    Activity,
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
    DONT_KNOW = "don't know"
    UNANSWERED = "not yet answered"

    @property
    def counts(self) -> bool:
        """Return True when this status lets a rung pass."""
        return self in (Status.MET, Status.NOT_APPLICABLE)

    @property
    def is_open(self) -> bool:
        """Return True for a question not answered yet, or answered "don't know"."""
        return self in (Status.UNANSWERED, Status.DONT_KNOW)

    @property
    def blocks(self) -> bool:
        """Return True when this answer holds back every rung above its own."""
        return self in (Status.NOT_MET, Status.NO_EVIDENCE)


class TypeState(StrEnum):
    """Whether a type of co-production is placed, and if not, why not."""

    PLACED = "placed"
    OUT_OF_SCOPE = "out of scope"
    NOT_ANSWERED = "not yet answered"
    NOT_APPLICABLE = "not applicable"


class ActionReason(StrEnum):
    """Why an action is on the list; the order here is the order of the list."""

    HOLDS_BACK_STRENGTH = "holds back practice you already have"
    NEXT_RUNG = "next rung"
    GATE = "organisation-wide factor"


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
    in_scope: bool = True


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
    holds_back: bool = False  # rated not met and keeps the service below its practice rung


@dataclass(frozen=True)
class Blocker:
    """Something that holds a type or the service below a rung, and the step that removes it."""

    item_id: str
    kind: str  # "criterion", "success factor" or "readiness step"
    title: str
    rung: Rung
    status: Status
    guidance: str
    effort: Effort
    activity: str | None
    unblocks: int  # how many rungs this item holds back
    reason: ActionReason = ActionReason.NEXT_RUNG


@dataclass(frozen=True)
class ActivityResult:
    """The rung one type of co-production stands on, and what would move it."""

    activity_id: str
    name: str
    rung: Rung | None  # None unless the type is placed
    met: int
    total: int
    state: TypeState = TypeState.PLACED
    out_of_scope: str | None = None
    provisional: bool = False
    answered: int = 0
    next_rung: Rung | None = None
    target: Rung | None = None
    target_reason: str | None = None
    strengths: tuple[CriterionResult, ...] = ()
    next_steps: tuple[Blocker, ...] = ()

    @property
    def in_scope(self) -> bool:
        """Return True unless the service declared this type out of scope."""
        return self.state is not TypeState.OUT_OF_SCOPE


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
    """Everything a report says about one service.

    `rung` is where the service stands overall (the bottom rung when it is not yet placed:
    check `placed` before saying anything about it); `practice_rung` is what the answers about
    practice support before organisation-wide factors hold it back.
    """

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
    placed: bool = True
    provisional: bool = False
    practice_rung: Rung | None = None
    answered: int = 0
    questions: int = 0
    overall_explanation: str = ""
    scope_declared: bool = True

    @property
    def service_id(self) -> str:
        """Return the assessed service's id."""
        return self.answers.service.id

    @property
    def progress_share(self) -> float | None:
        """Return the share of the next rung's criteria met, or None at the top."""
        if self.next_rung is None:
            return None
        return self.progress_met / self.progress_total if self.progress_total else 1.0

    @property
    def target_reached(self) -> bool:
        """Return True when the service is placed, not provisionally, on or above its target."""
        return self.placed and not self.provisional and self.rung.level >= self.target.level

    @property
    def strengths(self) -> tuple[CriterionResult, ...]:
        """Return practice met above the rung each type stands on."""
        return tuple(c for a in self.activities for c in a.strengths)

    def assessed_on(self) -> dt.date | None:
        """Return the date of the assessment, if recorded."""
        return self.answers.assessed_on


DEFAULT_RULE_EXPLANATIONS = {
    "gated": (
        "Each type of co-production stands on the highest rung whose statements are all in "
        "place (with evidence where asked), as long as nothing below it is answered as not in "
        "place; unanswered questions make a placement provisional, never lower."
    ),
    "threshold": (
        "Each type of co-production stands on the highest rung where at least {share} of its "
        "statements are in place, as long as no rung below it falls short of that share; "
        "unanswered questions make a placement provisional, never lower."
    ),
}


def overall_rule_sentence(rubric: Rubric) -> str:
    """Return the one sentence every report uses to explain the overall rung."""
    rule = rubric.scoring.overall
    if rule.explanation:
        return rule.explanation
    words = {2: "two", 3: "three", 4: "four", 5: "five"}
    types = "one type" if rule.types == 1 else f"{words.get(rule.types, rule.types)} types"
    if rule.types == 1 or rule.max_drop == 0:
        return (f"Overall, the service stands on the highest rung that at least {types} of "
                "co-production in its scope reach; types it has declared out of scope are left "
                "out.")
    drop = "one rung" if rule.max_drop == 1 else f"{rule.max_drop} rungs"
    return (f"Overall, the service stands on the highest rung that at least {types} of "
            f"co-production in its scope reach, and never more than {drop} below its strongest "
            "type; types it has declared out of scope are left out.")


# --------------------------------------------------------------------------------------------
# Answers to statuses
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    meets: Mapping[str, bool]
    unknown: frozenset[str]
    labels: Mapping[str, str]


def _scales(rubric: Rubric) -> dict[str, _Scale]:
    return {s.id: _Scale({o.id: o.meets and not o.unknown for o in s.options},
                         frozenset(o.id for o in s.options if o.unknown),
                         {o.id: o.label for o in s.options})
            for s in rubric.answer_sets}


def real_reason(reason: str | None, rubric: Rubric) -> bool:
    """Return True when a not-applicable or out-of-scope reason is long enough to count."""
    return reason is not None and len(reason.strip()) >= rubric.scoring.min_reason_chars


def _criterion_result(criterion: Criterion, given: CriterionAnswer | None, scale: _Scale,
                      rubric: Rubric, in_scope: bool) -> CriterionResult:
    if given is None:
        given = CriterionAnswer()
    claims = given.answer is not None and scale.meets.get(given.answer, False)
    if criterion.not_applicable_allowed and real_reason(given.not_applicable, rubric):
        status = Status.NOT_APPLICABLE
        claims = False
    elif given.answer is None:
        status = Status.UNANSWERED
    elif given.answer in scale.unknown:
        status = Status.DONT_KNOW
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
        answer_label=scale.labels.get(given.answer) if given.answer else None,
        claims_met=claims,
        evidence=tuple(given.evidence),
        cyp_say=given.cyp_say,
        validated=given.validated,
        not_applicable=given.not_applicable if status is Status.NOT_APPLICABLE else None,
        note=given.note,
        in_scope=in_scope,
    )


def _factor_status(given: FactorAnswer | None, scale: _Scale) -> Status:
    if given is None or given.answer is None:
        return Status.UNANSWERED
    if given.answer in scale.unknown:
        return Status.DONT_KNOW
    return Status.MET if scale.meets.get(given.answer, False) else Status.NOT_MET


# --------------------------------------------------------------------------------------------
# Placing one type
# --------------------------------------------------------------------------------------------


class Assume(Enum):
    """How open questions are read: as they are, or all met, or all not met."""

    AS_GIVEN = "as given"
    MET = "met"
    NOT_MET = "not met"


def _seen(status: Status, assume: Assume) -> Status:
    if not status.is_open or assume is Assume.AS_GIVEN:
        return status
    return Status.MET if assume is Assume.MET else Status.NOT_MET


def _counted(results: Sequence[CriterionResult]) -> list[CriterionResult]:
    """The criteria that decide a rung for a type: the required ones, or all if none is."""
    required = [r for r in results if r.criterion.required]
    return required or list(results)


def _place_type(by_rung: Sequence[Sequence[CriterionResult]], share: float,
                assume: Assume) -> int:
    """Return the index of the rung a type stands on (0 is the bottom rung).

    `by_rung[i]` holds the type's criteria on rung i. A rung is claimed when enough of its
    criteria are met (at least one); a rung that could not pass even if every open question on
    it were met stops the climb, so practice above a real gap is shown as a strength instead.
    """
    best = 0
    for index in range(1, len(by_rung)):
        statuses = [_seen(r.status, assume) for r in _counted(by_rung[index])
                    if r.status is not Status.NOT_APPLICABLE]
        if not statuses:
            continue  # nothing to judge on this rung for this type: stepped over
        met = sum(1 for s in statuses if s is Status.MET)
        possible = met + sum(1 for s in statuses if s.is_open)
        if met and met >= share * len(statuses) - 1e-9:
            best = index
        if possible < share * len(statuses) - 1e-9:
            break
    return best


# --------------------------------------------------------------------------------------------
# The overall rung
# --------------------------------------------------------------------------------------------


def overall_index(type_indexes: Iterable[int], types: int, max_drop: int) -> int | None:
    """Apply the breadth rule to the rung indexes of the placed in-scope types.

    The highest rung at least `types` of them reach, but never more than `max_drop` below the
    best; None when no type is placed. Adding a type or raising one never lowers the result.
    """
    ordered = sorted(type_indexes, reverse=True)
    if not ordered:
        return None
    kth = ordered[types - 1] if len(ordered) >= types else 0
    return max(kth, ordered[0] - max_drop, 0)


def _capped_by_gates(index: int, rungs: Sequence[Rung], gates: Mapping[str, list[Factor]],
                     factor_status: Mapping[str, Status], assume: Assume) -> int:
    """Lower a practice rung below the first rung a not-met gating factor holds."""
    for position in range(1, index + 1):
        if any(_seen(factor_status[f.id], assume) is Status.NOT_MET
               for f in gates[rungs[position].id]):
            return position - 1
    return index


# --------------------------------------------------------------------------------------------
# The score card
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    rubric: Rubric
    rungs: tuple[Rung, ...]
    share: float
    level_index: Mapping[str, int]
    gates: Mapping[str, list[Factor]]
    factor_status: Mapping[str, Status]
    factor_kind: Mapping[str, str]
    criteria: Sequence[CriterionResult]


def score(rubric: Rubric, answers: Answers) -> ScoreCard:
    """Place a service's types and the service on the ladder; work out why and what next."""
    scales = _scales(rubric)
    rungs = tuple(rubric.rungs_in_order())
    level_index = {r.id: i for i, r in enumerate(rungs)}
    share = (rubric.scoring.min_share or 1.0) if rubric.scoring.rule == "threshold" else 1.0

    out_of_scope = {
        a.id: answers.types[a.id].out_of_scope for a in rubric.activities
        if not a.always_in_scope and a.id in answers.types
        and real_reason(answers.types[a.id].out_of_scope, rubric)
    }
    criteria = tuple(
        _criterion_result(c, answers.criteria.get(c.id), scales[c.answer_set], rubric,
                          c.activity not in out_of_scope)
        for c in rubric.criteria
        if c.rung in level_index  # a rubric built without the loader may name unknown rungs
    )

    factor_pairs: list[tuple[Factor, str, FactorAnswer | None]] = [
        *((f, "success factor", answers.success_factors.get(f.id)) for f in rubric.success_factors),
        *((f, "readiness step", answers.readiness.get(f.id)) for f in rubric.readiness),
    ]
    factor_status = {f.id: _factor_status(given, scales[f.answer_set])
                     for f, _, given in factor_pairs}
    gates: dict[str, list[Factor]] = {r.id: [] for r in rungs}
    for factor, _, _ in factor_pairs:
        for gate in factor.gates:
            if gate in gates:
                gates[gate].append(factor)
    ctx = _Context(rubric, rungs, share, level_index, gates, factor_status,
                   {f.id: kind for f, kind, _ in factor_pairs}, criteria)

    activities = tuple(_activity_result(a, criteria, answers, out_of_scope, ctx)
                       for a in rubric.activities)

    # Overall: the breadth rule over placed in-scope types, then the gates; again with every
    # open question assumed met and not met, to tell a firm placement from a provisional one.
    rule = rubric.scoring.overall

    def overall(assume: Assume) -> tuple[int | None, int | None]:
        indexes = [_place_type(_type_rungs(a.activity_id, criteria, ctx), share, assume)
                   for a in activities if a.in_scope and _is_placed(a.activity_id, criteria,
                                                                     assume)]
        practice = overall_index(indexes, rule.types, rule.max_drop)
        if practice is None:
            return None, None
        return practice, _capped_by_gates(practice, rungs, gates, factor_status, assume)

    practice_index, standing_index = overall(Assume.AS_GIVEN)
    low = overall(Assume.NOT_MET)[1]
    high = overall(Assume.MET)[1]
    in_scope = [c for c in criteria if c.in_scope]
    answered = sum(1 for c in in_scope if not c.status.is_open)
    coverage = answered / len(in_scope) if in_scope else 0.0
    placed = standing_index is not None and coverage >= rubric.scoring.min_coverage - 1e-9
    standing = rungs[standing_index] if placed and standing_index is not None else rungs[0]
    position = standing_index if placed and standing_index is not None else 0
    next_rung = rungs[position + 1] if position + 1 < len(rungs) else None

    rung_by_id = rubric.rung_by_id()
    if answers.target is not None and answers.target.rung in rung_by_id:
        target, target_reason, default_target = (
            rung_by_id[answers.target.rung], answers.target.reason, False)
    else:
        target, target_reason, default_target = next_rung or standing, None, True

    gap_rungs = [r for r in rungs
                 if standing.level < r.level <= max(target.level, (next_rung or standing).level)]
    gap = tuple(_overall_gap(level_index[r.id], activities, ctx) for r in gap_rungs)
    holding = tuple(b for a in activities if a.in_scope for b in a.next_steps
                    if b.reason is ActionReason.HOLDS_BACK_STRENGTH)
    actions = _dedupe((*sorted(holding, key=_priority),
                       *(gap[0].blockers if gap and next_rung is not None else ())))
    progress_met = gap[0].required_met if gap else 0
    progress_total = gap[0].required_total if gap else 0

    capped = (placed and practice_index is not None and standing_index is not None
              and practice_index > standing_index)
    factors = tuple(
        FactorResult(
            factor=f,
            kind=kind,
            status=factor_status[f.id],
            answer_id=given.answer if given else None,
            answer_label=(scales[f.answer_set].labels.get(given.answer)
                          if given and given.answer else None),
            evidence=tuple(given.evidence) if given else (),
            note=given.note if given else None,
            gates_next_rung=next_rung is not None and next_rung.id in f.gates,
            holds_back=capped and factor_status[f.id] is Status.NOT_MET and any(
                level_index.get(g, len(rungs)) <= (practice_index or 0) for g in f.gates),
        )
        for f, kind, given in factor_pairs
    )

    explanation = rubric.scoring.explanation or DEFAULT_RULE_EXPLANATIONS[
        rubric.scoring.rule].format(share=f"{share:.0%}")

    return ScoreCard(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        rule=rubric.scoring.rule,
        rule_explanation=explanation,
        answers=answers,
        rungs=rungs,
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
        without_evidence=tuple(r for r in in_scope if r.claims_met and not r.evidence),
        not_validated=tuple(r for r in in_scope if r.claims_met and r.validated is None),
        unanswered=tuple(r for r in in_scope if r.status.is_open),
        placed=placed,
        provisional=placed and low != high,
        practice_rung=(rungs[practice_index] if placed and practice_index is not None
                       else None),
        answered=answered,
        questions=len(in_scope),
        overall_explanation=overall_rule_sentence(rubric),
        scope_declared=bool(answers.types),
    )


def _type_rungs(activity_id: str, criteria: Sequence[CriterionResult],
                ctx: _Context) -> list[list[CriterionResult]]:
    by_rung: list[list[CriterionResult]] = [[] for _ in ctx.rungs]
    for result in criteria:
        if result.criterion.activity == activity_id:
            by_rung[ctx.level_index[result.criterion.rung]].append(result)
    return by_rung


def _is_placed(activity_id: str, criteria: Sequence[CriterionResult], assume: Assume) -> bool:
    """A type is placed once any of its questions has an answer (or is assumed to have one)."""
    mine = [r for r in criteria if r.criterion.activity == activity_id
            and r.status is not Status.NOT_APPLICABLE]
    if assume is not Assume.AS_GIVEN:
        return bool(mine)
    return any(not r.status.is_open for r in mine)


def _activity_result(activity: Activity, criteria: Sequence[CriterionResult], answers: Answers,
                     out_of_scope: Mapping[str, str | None], ctx: _Context) -> ActivityResult:
    rungs = ctx.rungs
    by_rung = _type_rungs(activity.id, criteria, ctx)
    mine = [r for level in by_rung for r in level]
    counted = [r for r in mine if r.status is not Status.NOT_APPLICABLE]
    met = sum(1 for r in counted if r.status is Status.MET)
    answered = sum(1 for r in mine if not r.status.is_open)
    declared = answers.types.get(activity.id)
    target = (ctx.rubric.rung_by_id().get(declared.target)
              if declared is not None and declared.target else None)
    common = {"activity_id": activity.id, "name": activity.name, "met": met,
              "total": len(counted), "answered": answered, "target": target,
              "target_reason": declared.target_reason if declared is not None else None}
    if activity.id in out_of_scope:
        return ActivityResult(rung=None, state=TypeState.OUT_OF_SCOPE,
                              out_of_scope=out_of_scope[activity.id], **common)
    if mine and not counted:
        return ActivityResult(rung=None, state=TypeState.NOT_APPLICABLE, **common)
    if not _is_placed(activity.id, criteria, Assume.AS_GIVEN):
        steps = _type_steps(by_rung, 0, activity.id, ctx, placed=False)
        return ActivityResult(rung=None, state=TypeState.NOT_ANSWERED, next_rung=rungs[1]
                              if len(rungs) > 1 else None, next_steps=steps, **common)
    index = _place_type(by_rung, ctx.share, Assume.AS_GIVEN)
    provisional = (_place_type(by_rung, ctx.share, Assume.MET)
                   != _place_type(by_rung, ctx.share, Assume.NOT_MET))
    strengths = tuple(r for level in by_rung[index + 1:] for r in level
                      if r.status is Status.MET)
    following = _next_index(by_rung, index)
    return ActivityResult(
        rung=rungs[index], state=TypeState.PLACED, provisional=provisional,
        next_rung=rungs[following] if following is not None else None,
        strengths=strengths, next_steps=_type_steps(by_rung, index, activity.id, ctx),
        **common)


def _next_index(by_rung: Sequence[Sequence[CriterionResult]], index: int) -> int | None:
    """The next rung up that this type has something to judge on."""
    for candidate in range(index + 1, len(by_rung)):
        if any(r.status is not Status.NOT_APPLICABLE for r in by_rung[candidate]):
            return candidate
    return None


def _type_steps(by_rung: Sequence[Sequence[CriterionResult]], index: int, activity_id: str,
                ctx: _Context, *, placed: bool = True, up_to: int | None = None
                ) -> tuple[Blocker, ...]:
    """What moves a type up: first what holds back met practice above its rung, then the
    criteria of its next rung (or of every rung up to `up_to`)."""
    rungs = ctx.rungs
    strength_top = max((i for i in range(index + 1, len(by_rung))
                        if any(r.status is Status.MET for r in by_rung[i])), default=None)
    following = _next_index(by_rung, index)
    goal = up_to if up_to is not None else following
    steps: list[Blocker] = []
    for position in range(index + 1, len(by_rung)):
        for result in _counted(by_rung[position]):
            status = result.status
            if status.counts:
                continue
            holds_strength = (placed and strength_top is not None and position <= strength_top
                              and (status.blocks or position == strength_top))
            if holds_strength:
                assert strength_top is not None
                steps.append(_criterion_blocker(result, rungs[position],
                                                ActionReason.HOLDS_BACK_STRENGTH,
                                                strength_top - index))
            elif goal is not None and (position == goal or (position < goal and status.blocks)
                                       or (up_to is not None and position <= goal)):
                steps.append(_criterion_blocker(result, rungs[position], ActionReason.NEXT_RUNG,
                                                max(1, goal - position + 1)))
    return tuple(sorted(steps, key=_priority))


def _criterion_blocker(result: CriterionResult, rung: Rung, reason: ActionReason,
                       unblocks: int) -> Blocker:
    c = result.criterion
    return Blocker(item_id=c.id, kind="criterion", title=c.statement, rung=rung,
                   status=result.status, guidance=_criterion_step(result),
                   effort=Effort.LOW if result.status is Status.NO_EVIDENCE else c.effort,
                   activity=c.activity, unblocks=unblocks, reason=reason)


def _overall_gap(goal: int, activities: Sequence[ActivityResult], ctx: _Context) -> RungGap:
    """What it takes for the service as a whole to stand on rung `goal`.

    Under the breadth rule that is `types` in-scope types on that rung (the ones closest to it
    first), or one type `max_drop` rungs above it when fewer types are in scope; and no
    gating factor rated as not met on the way.
    """
    rule = ctx.rubric.scoring.overall
    rungs = ctx.rungs
    candidates = [a for a in activities if a.state in (TypeState.PLACED, TypeState.NOT_ANSWERED)]
    level = {a.activity_id: (ctx.level_index[a.rung.id] if a.rung is not None else -1)
             for a in candidates}
    candidates.sort(key=lambda a: -level[a.activity_id])
    there = [a for a in candidates if level[a.activity_id] >= goal]
    if len(candidates) >= rule.types:
        chosen = [(a, goal) for a in candidates[len(there):rule.types]]
    elif candidates:
        chosen = [(candidates[0], min(goal + rule.max_drop, len(rungs) - 1))]
    else:
        chosen = []
    blockers: list[Blocker] = []
    met = total = 0
    for activity, reach in chosen:
        if level[activity.activity_id] >= reach:
            continue
        by_rung = _type_rungs(activity.activity_id, ctx.criteria, ctx)
        start = max(level[activity.activity_id], 0)
        for position in range(start + 1, reach + 1):
            counted = [r for r in _counted(by_rung[position])
                       if r.status is not Status.NOT_APPLICABLE]
            total += len(counted)
            met += sum(1 for r in counted if r.status is Status.MET)
        blockers += _type_steps(by_rung, start, activity.activity_id, ctx, placed=False,
                                up_to=reach)
    for position in range(1, goal + 1):
        for factor in ctx.gates[rungs[position].id]:
            status = ctx.factor_status[factor.id]
            if status is not Status.MET:
                blockers.append(Blocker(
                    item_id=factor.id, kind=ctx.factor_kind[factor.id], title=factor.name,
                    rung=rungs[position], status=status,
                    guidance=factor.guidance or factor.summary, effort=Effort.HIGH,
                    activity=None, unblocks=goal - position + 1, reason=ActionReason.GATE))
    return RungGap(rung=rungs[goal], required_met=met, required_total=total,
                   blockers=_dedupe(sorted(blockers, key=_priority)))


def _dedupe(blockers: Iterable[Blocker]) -> tuple[Blocker, ...]:
    seen: set[str] = set()
    out: list[Blocker] = []
    for blocker in blockers:
        if blocker.item_id not in seen:
            seen.add(blocker.item_id)
            out.append(blocker)
    return tuple(out)


def _criterion_step(result: CriterionResult) -> str:
    guidance = result.criterion.guidance or result.criterion.statement
    if result.status is Status.NO_EVIDENCE:
        return ("Record the evidence you already have (what it is, where it is kept, its date); "
                "the answer says this is in place, but the rung needs it shown. " + guidance)
    if result.status is Status.UNANSWERED:
        return "Answer this question first. " + guidance
    if result.status is Status.DONT_KNOW:
        return "Find out whether this happens, then answer it. " + guidance
    return guidance


_EFFORT_ORDER = {Effort.LOW: 0, Effort.MEDIUM: 1, Effort.HIGH: 2}
_STATUS_ORDER = {Status.NO_EVIDENCE: 0, Status.UNANSWERED: 1, Status.DONT_KNOW: 1,
                 Status.NOT_MET: 2}
_REASON_ORDER = {reason: n for n, reason in enumerate(ActionReason)}


def _priority(blocker: Blocker) -> tuple[int, int, int, int, int, int]:
    """Order next steps: what holds back existing practice first, then what unblocks the most
    rungs, lower rungs before higher ones, quick wins, then effort."""
    return (_REASON_ORDER[blocker.reason], -blocker.unblocks, blocker.rung.level,
            0 if blocker.kind != "criterion" else 1,
            _STATUS_ORDER.get(blocker.status, 3), _EFFORT_ORDER[blocker.effort])


def _raised_risks(rubric: Rubric, criteria: Sequence[CriterionResult],
                  factors: Sequence[FactorResult]) -> Iterable[RaisedRisk]:
    answered: dict[str, tuple[str | None, str | None, str, bool]] = {}
    for c in criteria:
        if c.status is Status.NOT_APPLICABLE or not c.in_scope:
            continue  # a justified "not applicable" or an out-of-scope type is not a gap
        unvalidated = c.claims_met and c.validated is None
        answer = None if c.status is Status.DONT_KNOW else c.answer_id
        answered[c.criterion.id] = (answer, c.answer_label, c.criterion.statement, unvalidated)
    for f in factors:
        answer = None if f.status is Status.DONT_KNOW else f.answer_id
        answered[f.factor.id] = (answer, f.answer_label, f.factor.name, False)
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
