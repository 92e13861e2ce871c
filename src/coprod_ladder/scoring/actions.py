"""What to do next: the steps that move a type, or the service, up the ladder, in order.

Owns which criteria and factors become actions, why each is there (it holds back practice the
service already has, the next rung needs it, or an organisation-wide factor gates it), and the
order: lower rungs and quick wins first. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coprod_ladder.model import Effort, ItemKind, Rung
from coprod_ladder.scoring.placement import Context, counted, next_index, type_rungs
from coprod_ladder.scoring.results import (
    ActionReason,
    ActivityResult,
    Blocker,
    CriterionResult,
    RungGap,
    Status,
    TypeState,
)


def type_steps(by_rung: Sequence[Sequence[CriterionResult]], index: int, activity_id: str,
                ctx: Context, *, placed: bool = True, up_to: int | None = None
                ) -> tuple[Blocker, ...]:
    """What moves a type up: first what holds back met practice above its rung, then the
    criteria of its next rung (or of every rung up to `up_to`)."""
    rungs = ctx.rungs
    strength_top = max((i for i in range(index + 1, len(by_rung))
                        if any(r.status is Status.MET for r in by_rung[i])), default=None)
    following = next_index(by_rung, index)
    goal = up_to if up_to is not None else following
    steps: list[Blocker] = []
    if placed:
        # Claims on or below the type's rung that still lack the evidence their rung asks for.
        for position in range(1, index + 1):
            steps += [criterion_blocker(r, rungs[position], ActionReason.RECORD_EVIDENCE, 1)
                      for r in counted(by_rung[position]) if r.status is Status.NO_EVIDENCE]
    for position in range(index + 1, len(by_rung)):
        for result in counted(by_rung[position]):
            status = result.status
            if status.counts:
                continue
            holds_strength = (placed and strength_top is not None and position <= strength_top
                              and (status.blocks or position == strength_top))
            if holds_strength:
                assert strength_top is not None
                steps.append(criterion_blocker(result, rungs[position],
                                                ActionReason.HOLDS_BACK_STRENGTH,
                                                strength_top - index))
            elif goal is not None and (position == goal or (position < goal and status.blocks)
                                       or (up_to is not None and position <= goal)):
                steps.append(criterion_blocker(result, rungs[position], ActionReason.NEXT_RUNG,
                                                max(1, goal - position + 1)))
    return tuple(sorted(steps, key=priority))


def criterion_blocker(result: CriterionResult, rung: Rung, reason: ActionReason,
                       unblocks: int) -> Blocker:
    c = result.criterion
    return Blocker(item_id=c.id, kind=ItemKind.CRITERION, title=c.statement, rung=rung,
                   status=result.status, guidance=criterion_step(result),
                   effort=Effort.LOW if result.status is Status.NO_EVIDENCE else c.effort,
                   activity=c.activity, unblocks=unblocks, reason=reason)


def overall_gap(goal: int, activities: Sequence[ActivityResult], ctx: Context,
                main: Sequence[str] = ()) -> RungGap:
    """What it takes for the service as a whole to stand on rung `goal`.

    Under the breadth rule that is `types` in-scope types on that rung (the ones closest to it
    first), or one type `max_drop` rungs above it when fewer types are in scope; one of them
    a main type, since the overall never stands above the best of its main work; and no
    gating factor rated as not met on the way.
    """
    rule = ctx.rubric.scoring.overall
    rungs = ctx.rungs
    candidates = [a for a in activities if a.state in (TypeState.PLACED, TypeState.NOT_ANSWERED)]
    level = {a.activity_id: (ctx.level_index[a.rung.id] if a.rung is not None else -1)
             for a in candidates}
    mains = [a for a in candidates if a.activity_id in main]
    # Targets first: a type whose own target stands below the goal is taken last, so no step
    # leads a type past the target the service set for it while another could go instead.
    # Then the closest to the goal; among equals, main work first.
    candidates.sort(key=lambda a: (a.target is not None and a.target.level < rungs[goal].level,
                                   -level[a.activity_id], a.activity_id not in main))
    there = [a for a in candidates if level[a.activity_id] >= goal]
    if len(candidates) >= rule.types:
        chosen = [(a, goal) for a in candidates[len(there):rule.types]]
    elif candidates:
        chosen = [(candidates[0], min(goal + rule.max_drop, len(rungs) - 1))]
    else:
        chosen = []
    if mains and max(level[a.activity_id] for a in mains) < goal and not any(
            a.activity_id in main for a, _ in chosen):
        best_main = max(mains, key=lambda a: level[a.activity_id])
        if len(candidates) >= rule.types and chosen:
            chosen[-1] = (best_main, goal)  # the farthest of the chosen gives way to main work
        else:
            chosen.append((best_main, goal))
    blockers: list[Blocker] = []
    met = total = 0
    for activity, reach in chosen:
        if level[activity.activity_id] >= reach:
            continue
        by_rung = type_rungs(activity.activity_id, ctx.criteria, ctx)
        start = max(level[activity.activity_id], 0)
        for position in range(start + 1, reach + 1):
            judged = [r for r in counted(by_rung[position])
                      if r.status is not Status.NOT_APPLICABLE]
            total += len(judged)
            met += sum(1 for r in judged if r.status is Status.MET)
        blockers += type_steps(by_rung, start, activity.activity_id, ctx, placed=False,
                                up_to=reach)
    for position in range(1, goal + 1):
        for factor in ctx.gates[rungs[position].id]:
            status = ctx.factor_status[factor.id]
            if status is not Status.MET:
                reason = (ActionReason.TEAM_GATE if factor.owner == "service"
                          else ActionReason.GATE)
                blockers.append(Blocker(
                    item_id=factor.id, kind=ctx.factor_kind[factor.id], title=factor.name,
                    rung=rungs[position], status=status,
                    guidance=factor.guidance or factor.summary, effort=Effort.HIGH,
                    activity=None, unblocks=goal - position + 1, reason=reason))
    return RungGap(rung=rungs[goal], required_met=met, required_total=total,
                   blockers=dedupe(sorted(blockers, key=priority)))


def dedupe(blockers: Iterable[Blocker]) -> tuple[Blocker, ...]:
    seen: set[str] = set()
    out: list[Blocker] = []
    for blocker in blockers:
        if blocker.item_id not in seen:
            seen.add(blocker.item_id)
            out.append(blocker)
    return tuple(out)


def criterion_step(result: CriterionResult) -> str:
    """The rubric's guidance for a criterion; what the status asks first (record evidence,
    answer the question) is said by the report's grouping, never glued onto this text."""
    return result.criterion.guidance or result.criterion.statement


_EFFORT_ORDER = {Effort.LOW: 0, Effort.MEDIUM: 1, Effort.HIGH: 2}
_STATUS_ORDER = {Status.NO_EVIDENCE: 0, Status.UNANSWERED: 1, Status.DONT_KNOW: 1,
                 Status.NOT_MET: 2}
_REASON_ORDER = {reason: n for n, reason in enumerate(ActionReason)}


def priority(blocker: Blocker) -> tuple[int, int, int, int, int, int]:
    """Order next steps: what holds back existing practice first, then what unblocks the most
    rungs, lower rungs before higher ones, quick wins, then effort."""
    return (_REASON_ORDER[blocker.reason], -blocker.unblocks, blocker.rung.level,
            0 if blocker.kind is not ItemKind.CRITERION else 1,
            _STATUS_ORDER.get(blocker.status, 3), _EFFORT_ORDER[blocker.effort])
