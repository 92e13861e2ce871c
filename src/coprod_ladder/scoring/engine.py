"""score(): from a rubric and one service's answers to its ScoreCard.

Reads the answers into statuses, places each type and the service (see `placement`), works out
the actions (`actions`) and the risks (`risks`). Pure: the same input gives an equal ScoreCard.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from coprod_ladder.answers.team import StaffPanel
from coprod_ladder.model import (
    Activity,
    Answers,
    CheckedRubric,
    Criterion,
    CriterionAnswer,
    Factor,
    FactorAnswer,
    ItemKind,
    Jurisdiction,
    Rubric,
    Rung,
)
from coprod_ladder.scoring.actions import dedupe, overall_gap, priority, type_steps
from coprod_ladder.scoring.floors import shortfalls
from coprod_ladder.scoring.law import factors_in, item_law, item_maps, jurisdiction_of
from coprod_ladder.scoring.per_rubric import (
    Scale,
    answer_scales,
    once_per_rubric,
    rungs_by_id,
    rungs_in_order,
)
from coprod_ladder.scoring.placement import (
    Assume,
    Context,
    capped_by_gates,
    next_index,
    overall_index,
    placement_of,
    type_is_placed,
    type_rungs,
)
from coprod_ladder.scoring.results import (
    ActionReason,
    ActivityResult,
    CriterionResult,
    FactorResult,
    ScoreCard,
    Status,
    TypeState,
)
from coprod_ladder.scoring.risks import raised_risks
from coprod_ladder.scoring.rule_sentences import (
    DEFAULT_RULE_EXPLANATIONS,
    overall_rule_sentence,
    rule_sentence,
)
from coprod_ladder.scoring.scope import main_work, real_reason, reason_problem
from coprod_ladder.scoring.staff import staff_actions, staff_result
from coprod_ladder.scoring.voices import (
    blind_spot_actions,
    doing_with_checks,
    rests_on_nothing_checked,
    with_voices,
)
from coprod_ladder.voice.model import VoiceFile
from coprod_ladder.voice.weigh import VoiceWeighing, weigh

# real_reason, reason_problem and main_work live in `scope`, the rule sentences in
# `rule_sentences`; they are named here as well, so
# the engine's callers (and tests that plant a bug in them) find them where they are used.
__all__ = ["DEFAULT_RULE_EXPLANATIONS", "coverage_floor", "main_work", "overall_rule_sentence",
           "real_reason", "reason_problem", "rule_sentence", "score"]

# A question left out of the answers reads as an empty answer; the model is frozen, so one
# empty answer serves every score instead of a new model for each missing question.
_NO_ANSWER = CriterionAnswer()


def _criterion_result(criterion: Criterion, given: CriterionAnswer | None, scale: Scale,
                      rubric: Rubric, in_scope: bool) -> CriterionResult:
    if given is None:
        given = _NO_ANSWER
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


def _factor_status(given: FactorAnswer | None, scale: Scale) -> Status:
    if given is None or given.answer is None:
        return Status.UNANSWERED
    if given.answer in scale.unknown:
        return Status.DONT_KNOW
    return Status.MET if scale.meets.get(given.answer, False) else Status.NOT_MET


def score(rubric: CheckedRubric, answers: Answers,
          voices: Sequence[VoiceFile] = (), staff: StaffPanel | None = None) -> ScoreCard:
    """Place a service's types and the service on the ladder; work out why and what next.

    Only a rubric the loader checked is scored (see `CheckedRubric`): every id it names is
    known, so no lookup here can fail on a rubric built some other way. `voices` are the
    service's voice files, already checked against the rubric (`voice.read`): they never move
    a rung, only whether it is checked with the people it serves (see `scoring.voices`).
    `staff` is who answered when several staff did (`answers` is then their merged answers,
    see `answers.team`): where they disagree comes in the actions after blind spots.
    """
    if not isinstance(rubric, CheckedRubric):
        raise TypeError("score() takes a rubric from coprod_ladder.rubric.load (load_rubric or "
                        "parse_rubric), which checks it first")
    weighing = weigh(rubric, answers, voices) if voices else None
    judged = _judge(rubric, answers, weighing)
    ctx, criteria = judged.ctx, judged.criteria
    activities = tuple(_activity_result(a, criteria, answers, judged.out_of_scope, ctx)
                       for a in rubric.activities)
    stand = _stand(rubric, activities, ctx, judged.main)
    in_scope = [c for c in criteria if c.in_scope]
    rungs, standing, next_rung = ctx.rungs, stand.standing, stand.next_rung
    confirmed, doubted = doing_with_checks(rubric, stand.placed, stand.standing, in_scope)
    unchecked = (rests_on_nothing_checked(rubric, stand.placed, stand.standing, in_scope)
                 or bool(doubted))

    rung_by_id = rungs_by_id(rubric)
    if answers.target is not None and answers.target.rung in rung_by_id:
        target, target_reason, default_target = (
            rung_by_id[answers.target.rung], answers.target.reason, False)
    else:
        target, target_reason, default_target = next_rung or standing, None, True

    # Targets first: the rungs up to the target; past it, only the next rung, as an option.
    gap_rungs = [r for r in rungs
                 if standing.level < r.level <= max(target.level, (next_rung or standing).level)]
    gap = tuple(overall_gap(ctx.level_index[r.id], activities, ctx, judged.main)
                for r in gap_rungs)
    holding = tuple(b for a in activities if a.in_scope for b in a.next_steps
                    if b.reason is ActionReason.HOLDS_BACK_STRENGTH)
    blind = blind_spot_actions(rubric, in_scope)
    team = staff_result(rubric, staff) if staff is not None else None
    talk = staff_actions(rubric, in_scope, team, blind) if team else ()
    # An item staff disagree on is listed once, as that: talking it through comes first.
    talked = {b.item_id for b in talk}
    actions = (*blind, *talk,
               *(b for b in dedupe((*sorted(holding, key=priority),
                                    *(gap[0].blockers if gap and next_rung else ())))
                 if (b.kind is not ItemKind.CRITERION or b.status is Status.NOT_MET)
                 and b.item_id not in talked))
    factors = _factor_results(judged, stand)
    jurisdiction_id = judged.jurisdiction.id if judged.jurisdiction else None
    evidence_to_add = tuple(r for r in in_scope if r.status is Status.NO_EVIDENCE)
    questions = _questions_that_matter(rubric, activities, stand, judged, ctx)
    provisional = stand.provisional or unchecked

    return ScoreCard(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        text_language=rubric.text_language,
        rule=rubric.scoring.rule,
        rule_explanation=rule_sentence(rubric),
        answers=answers,
        rungs=rungs,
        rung=standing,
        next_rung=next_rung,
        target=target,
        target_reason=target_reason,
        target_is_default=default_target,
        progress_met=gap[0].required_met if gap else 0,
        progress_total=gap[0].required_total if gap else 0,
        activities=activities,
        criteria=criteria,
        factors=factors,
        actions=actions,
        target_gap=gap,
        risks=tuple(raised_risks(rubric, criteria, factors)),
        without_evidence=tuple(r for r in in_scope if r.lacks_evidence),
        not_validated=tuple(r for r in in_scope if r.lacks_validation),
        unanswered=tuple(r for r in in_scope if not r.answered),
        placed=stand.placed,
        provisional=provisional,
        practice_rung=(rungs[stand.practice_index]
                       if stand.placed and stand.practice_index is not None else None),
        answered=stand.answered,
        questions=len(in_scope),
        overall_explanation=overall_rule_sentence(rubric),
        scope_declared=bool(answers.types),
        main_work=judged.main,
        main_work_named=tuple(t for t in judged.main if t in answers.main_work),
        with_evidence=_with_evidence(rubric, judged, activities, stand),
        range_low=rungs[stand.low] if stand.low is not None else None,
        range_high=rungs[stand.high] if stand.high is not None else None,
        unvalidated_doing_with=unchecked,
        voice=weighing,
        doing_with_confirmed=confirmed,
        doing_with_doubted=doubted,
        below_floors=shortfalls(rubric, answers, activities),
        evidence_to_add=evidence_to_add,
        questions_to_answer=questions,
        beyond_target=stand.placed and not default_target and standing.level >= target.level,
        needs_more_types=(not questions and not evidence_to_add and (
            (not stand.placed and stand.counted < stand.needed)
            or (next_rung is not None and bool(gap) and not gap[0].blockers and not actions))),
        coverage_counted=stand.counted,
        coverage_needed=stand.needed,
        breadth_types=rubric.scoring.overall.types,
        jurisdiction=judged.jurisdiction,
        item_law=once_per_rubric(rubric, ("item_law", jurisdiction_id),
                                 lambda: item_law(rubric, judged.jurisdiction)),
        item_maps=once_per_rubric(rubric, ("item_maps", jurisdiction_id),
                                  lambda: item_maps(rubric, judged.jurisdiction)),
        staff=team,
    )


def _with_evidence(rubric: CheckedRubric, judged: _Judged,
                   activities: Sequence[ActivityResult], stand: _Standing) -> Rung | None:
    """Where the service would stand if every claim it made had the evidence its rung asks
    for, the rest as answered; None when it would still not be placed."""
    ctx = judged.ctx
    changed = {c.criterion.activity for c in ctx.criteria if c.status is Status.NO_EVIDENCE}
    if not changed:
        return stand.standing if stand.placed else None  # nothing to add: as it stands
    # A claim with its evidence is still answered and still applies, so which types are in
    # scope and placed is as scored (the activities serve as they are), and so is the rung
    # of every type with no claim waiting for evidence: only the others are climbed again.
    evidenced = replace(
        ctx, evidence_given=True, placed=dict(ctx.placed),
        placements={key: at for key, at in ctx.placements.items() if key[0] not in changed},
        tallies={tid: tally for tid, tally in ctx.tallies.items() if tid not in changed})
    stand = _stand(rubric, activities, evidenced, judged.main)
    return stand.standing if stand.placed else None


def _questions_that_matter(rubric: CheckedRubric, activities: Sequence[ActivityResult],
                           stand: _Standing, judged: _Judged, ctx: Context
                           ) -> tuple[CriterionResult, ...]:
    """The fewest open questions that would place the service, or firm up its placement.

    Not placed: main work first (nothing can be placed without it), then the lowest rungs,
    as many as the coverage floor still needs. Provisional: in each type whose rung the open
    questions could move, those on the rungs up to where answering them could take it.
    """
    if stand.placed and not stand.provisional:
        return ()  # firm: no open question can move the service
    main = set(judged.main)
    order = {a.id: n for n, a in enumerate(rubric.activities)}
    levels = ctx.level_index
    open_in_scope = sorted(
        (c for c in ctx.criteria if c.in_scope and not c.answered),
        key=lambda c: (c.criterion.activity not in main, levels[c.criterion.rung],
                       order[c.criterion.activity]))
    if not stand.placed:
        main_placed = any(type_is_placed(t, ctx, Assume.AS_GIVEN) for t in main)
        wanted = max(stand.needed - stand.counted, 0 if main_placed or not main else 1, 1)
        return tuple(open_in_scope[:wanted])
    moving: dict[str, int] = {}
    for a in activities:
        if a.in_scope and a.state in (TypeState.PLACED, TypeState.NOT_ANSWERED):
            high = placement_of(a.activity_id, ctx, Assume.MET)
            low = (placement_of(a.activity_id, ctx, Assume.NOT_MET)
                   if type_is_placed(a.activity_id, ctx, Assume.NOT_MET) else -1)
            if high != low:
                moving[a.activity_id] = high
    return tuple(c for c in open_in_scope if c.criterion.activity in moving
                 and levels[c.criterion.rung] <= moving[c.criterion.activity])


@dataclass(frozen=True)
class _Judged:
    """What each answer says: every criterion's result, the factors and the shared context."""

    ctx: Context
    criteria: tuple[CriterionResult, ...]
    out_of_scope: dict[str, str | None]
    factor_pairs: list[tuple[Factor, ItemKind, FactorAnswer | None]]
    scales: Mapping[str, Scale]
    main: tuple[str, ...]
    jurisdiction: Jurisdiction | None


def _judge(rubric: CheckedRubric, answers: Answers,
           weighing: VoiceWeighing | None = None) -> _Judged:
    scales = answer_scales(rubric)
    rungs, level_index = rungs_in_order(rubric)
    share = (rubric.scoring.min_share or 1.0) if rubric.scoring.rule == "threshold" else 1.0
    out_of_scope = {
        a.id: answers.types[a.id].out_of_scope for a in rubric.activities
        if not a.always_in_scope and a.id in answers.types
        and real_reason(answers.types[a.id].out_of_scope, rubric)
    }
    criteria = with_voices(tuple(
        _criterion_result(c, answers.criteria.get(c.id), scales[c.answer_set], rubric,
                          c.activity not in out_of_scope)
        for c in rubric.criteria
    ), weighing)
    jurisdiction = jurisdiction_of(rubric, answers)  # factors of other countries: not scored
    factor_pairs: list[tuple[Factor, ItemKind, FactorAnswer | None]] = [
        *((f, ItemKind.SUCCESS_FACTOR, answers.success_factors.get(f.id))
          for f in factors_in(rubric.success_factors, jurisdiction)),
        *((f, ItemKind.READINESS_STEP, answers.readiness.get(f.id))
          for f in factors_in(rubric.readiness, jurisdiction))]
    factor_status = {f.id: _factor_status(given, scales[f.answer_set])
                     for f, _, given in factor_pairs}
    gates: dict[str, list[Factor]] = {r.id: [] for r in rungs}
    for factor, _, _ in factor_pairs:
        for gate in factor.gates:
            gates[gate].append(factor)
    ctx = Context(rubric, rungs, share, level_index, gates, factor_status,
                  {f.id: kind for f, kind, _ in factor_pairs}, criteria,
                  credit=_confirmed_estimates(answers, criteria, level_index, out_of_scope))
    return _Judged(ctx, criteria, out_of_scope, factor_pairs, scales,
                   main_work(rubric, answers, out_of_scope), jurisdiction)


def _confirmed_estimates(answers: Answers, criteria: Sequence[CriterionResult],
                         level_index: Mapping[str, int], out_of_scope: Mapping[str, object]
                         ) -> dict[str, int]:
    """Quick mode's estimates that a statement on the estimated rung confirms (claimed as in
    place): the type stands there at least, provisionally, until the rungs below are asked."""
    credit: dict[str, int] = {}
    for tid, declared in answers.types.items():
        index = level_index.get(declared.estimate or "")
        if not index or tid in out_of_scope:
            continue
        if any(c.claims_met and c.criterion.activity == tid and c.criterion.rung ==
               declared.estimate for c in criteria):
            credit[tid] = index
    return credit


@dataclass(frozen=True)
class _Standing:
    """Where the service stands overall, and how firmly."""

    placed: bool
    provisional: bool
    standing: Rung
    next_rung: Rung | None
    practice_index: int | None  # the rung its practice reaches, before the gates
    standing_index: int | None  # ... and after them
    answered: int
    low: int | None  # the overall rung with every open question answered "not in place"
    high: int | None  # ... and answered "in place", with evidence
    counted: int  # answers that count toward the coverage floor
    needed: int  # ... and how many the floor asks for


def _overall(rubric: CheckedRubric, activities: Sequence[ActivityResult], ctx: Context,
             main: Sequence[str], assume: Assume) -> tuple[int | None, int | None]:
    """The overall rung's index before and after the gates, with open questions read by
    `assume`: the breadth rule over placed in-scope types, capped by the best main type."""
    rule = rubric.scoring.overall
    placed = {a.activity_id: placement_of(a.activity_id, ctx, assume) for a in activities
              if a.in_scope and type_is_placed(a.activity_id, ctx, assume)}
    practice = overall_index(placed.values(), rule.types, rule.max_drop,
                             [placed[t] for t in main if t in placed] if main else None)
    if practice is None:
        return None, None
    return practice, capped_by_gates(practice, ctx.rungs, ctx.gates, ctx.factor_status, assume)


def coverage_floor(rubric: Rubric, criteria: Sequence[CriterionResult]) -> int:
    """How many answers place a service: `min_coverage` of every question in the rubric, in
    scope or not, so declaring types out of scope never lowers the bar."""
    return math.ceil(rubric.scoring.min_coverage * len(criteria) - 1e-9)


def _stand(rubric: CheckedRubric, activities: Sequence[ActivityResult], ctx: Context,
           main: Sequence[str]) -> _Standing:
    """The overall rung as answered; again with every open question assumed met and not met,
    to tell a firm placement from a provisional one and give the range they leave.

    Coverage counts answers in scope (not "not applicable") against every question in the
    rubric, so declaring types out of scope never places a service.
    """
    rungs = ctx.rungs
    practice_index, standing_index = _overall(rubric, activities, ctx, main, Assume.AS_GIVEN)
    low = _overall(rubric, activities, ctx, main, Assume.NOT_MET)[1]
    high = _overall(rubric, activities, ctx, main, Assume.MET)[1]
    answered = counted = 0
    for c in ctx.criteria:
        if c.in_scope and c.answered:
            answered += 1
            if c.status is not Status.NOT_APPLICABLE:
                counted += 1
    needed = coverage_floor(rubric, ctx.criteria)
    placed = standing_index is not None and counted >= needed
    standing = rungs[standing_index] if placed and standing_index is not None else rungs[0]
    position = standing_index if placed and standing_index is not None else 0
    next_rung = rungs[position + 1] if position + 1 < len(rungs) else None
    return _Standing(placed, placed and low != high, standing, next_rung, practice_index,
                     standing_index, answered, low, high, counted, needed)


def _factor_results(judged: _Judged, stand: _Standing) -> tuple[FactorResult, ...]:
    """Each success factor and readiness step as rated, and whether it holds the service back."""
    ctx, practice_index = judged.ctx, stand.practice_index
    capped = (stand.placed and practice_index is not None and stand.standing_index is not None
              and practice_index > stand.standing_index)
    return tuple(
        FactorResult(
            factor=f,
            kind=kind,
            status=ctx.factor_status[f.id],
            answer_id=given.answer if given else None,
            answer_label=(judged.scales[f.answer_set].labels.get(given.answer)
                          if given and given.answer else None),
            evidence=tuple(given.evidence) if given else (),
            note=given.note if given else None,
            gates_next_rung=stand.next_rung is not None and stand.next_rung.id in f.gates,
            holds_back=capped and ctx.factor_status[f.id] is Status.NOT_MET and any(
                ctx.level_index[g] <= (practice_index or 0) for g in f.gates),
        )
        for f, kind, given in judged.factor_pairs
    )


def _activity_result(activity: Activity, criteria: Sequence[CriterionResult], answers: Answers,
                     out_of_scope: Mapping[str, str | None], ctx: Context) -> ActivityResult:
    rungs = ctx.rungs
    by_rung = type_rungs(activity.id, criteria, ctx)
    # One pass counts what the type shows, by CriterionResult's own rules.
    mine = judged = met = answered = with_evidence = validated = 0
    for level in by_rung:
        for r in level:
            mine += 1
            status = r.status
            if status is not Status.NOT_APPLICABLE:
                judged += 1
                if status is Status.MET:
                    met += 1
            if r.answered:
                answered += 1
            if r.claims_met:
                if not r.lacks_evidence:
                    with_evidence += 1
                if not r.lacks_validation:
                    validated += 1
    declared = answers.types.get(activity.id)
    target = (rungs_by_id(ctx.rubric).get(declared.target)
              if declared is not None and declared.target else None)

    def result(state: TypeState, **fields: object) -> ActivityResult:
        # What every state shares, and the fields of its own; one object, not a copy.
        return ActivityResult(
            activity_id=activity.id, name=activity.name, met=met, total=judged,
            answered=answered, with_evidence=with_evidence, validated=validated, target=target,
            target_reason=declared.target_reason if declared is not None else None,
            state=state, **fields)  # type: ignore[arg-type]

    if activity.id in out_of_scope:
        return result(TypeState.OUT_OF_SCOPE, rung=None, out_of_scope=out_of_scope[activity.id])
    if mine and not judged:
        return result(TypeState.NOT_APPLICABLE, rung=None)
    if not type_is_placed(activity.id, ctx, Assume.AS_GIVEN):
        return result(TypeState.NOT_ANSWERED, rung=None,
                      next_rung=rungs[1] if len(rungs) > 1 else None,
                      next_steps=type_steps(by_rung, 0, activity.id, ctx, placed=False))
    index = placement_of(activity.id, ctx, Assume.AS_GIVEN)
    provisional = (placement_of(activity.id, ctx, Assume.MET)
                   != placement_of(activity.id, ctx, Assume.NOT_MET))
    strengths = tuple(r for level in by_rung[index + 1:] for r in level
                      if r.status is Status.MET)
    following = next_index(by_rung, index)
    return result(TypeState.PLACED, rung=rungs[index], provisional=provisional,
                  next_rung=rungs[following] if following is not None else None,
                  strengths=strengths, next_steps=type_steps(by_rung, index, activity.id, ctx))
