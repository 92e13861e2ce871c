"""Placing one type of co-production on a rung, and the service overall.

Owns the climb rule (a rung is claimed when its criteria are met; a real gap below stops the
climb; open questions neither lift nor hold), the breadth rule for the overall rung and the
gates of organisation-wide factors. Pure: no I/O, no wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from coprod_ladder.model import Factor, ItemKind, Rubric, Rung
from coprod_ladder.scoring.results import CriterionResult, Status


class Assume(Enum):
    """How open questions are read: as they are, or all met, or all not met."""

    # Ids only: how the climb reads open questions is never shown, so it has no words.
    AS_GIVEN = "as_given"
    MET = "met"
    NOT_MET = "not_met"

    # Members are compared by identity, so hashing by identity agrees; Enum's own hash (of
    # the name, in Python) ran about 100 times a score, for the placements remembered below.
    __hash__ = object.__hash__


@dataclass(frozen=True)
class Context:
    rubric: Rubric
    rungs: tuple[Rung, ...]
    share: float
    level_index: Mapping[str, int]
    gates: Mapping[str, list[Factor]]
    factor_status: Mapping[str, Status]
    factor_kind: Mapping[str, ItemKind]
    criteria: Sequence[CriterionResult]
    # Quick mode: per type, the index of the rung the manager estimated and confirmed with a
    # statement on it; open questions and unevidenced claims up to it are read as met, except
    # when every open question is assumed not met (so the range still shows the worst case).
    credit: Mapping[str, int] = field(default_factory=dict)
    # Worked out once per score: each type's criteria by rung, and its rung under each way of
    # reading open questions (every type is placed three ways, then again for the overall).
    by_type: dict[str, list[list[CriterionResult]]] = field(default_factory=dict)
    placements: dict[tuple[str, Assume], int] = field(default_factory=dict)
    tallies: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    placed: dict[tuple[str, Assume], bool] = field(default_factory=dict)
    # Every claim waiting for its evidence read as met: where the service would stand with
    # the evidence recorded (`ScoreCard.with_evidence`).
    evidence_given: bool = False


def seen(status: Status, assume: Assume) -> Status:
    if not status.is_open or assume is Assume.AS_GIVEN:
        return status
    return Status.MET if assume is Assume.MET else Status.NOT_MET


def counted(results: Sequence[CriterionResult]) -> list[CriterionResult]:
    """The criteria that decide a rung for a type: the required ones, or all if none is."""
    required = [r for r in results if r.criterion.required]
    return required or list(results)


# Per rung: the criteria judged (not "not applicable"), met, open, and claimed without the
# evidence their rung asks for. Every way of reading open questions climbs on these counts.
_Tally = tuple[int, int, int, int]


def _tally(by_rung: Sequence[Sequence[CriterionResult]], evidence_given: bool = False
           ) -> list[_Tally]:
    tallies: list[_Tally] = [(0, 0, 0, 0)]  # the bottom rung is never climbed to
    for index in range(1, len(by_rung)):
        judged = met = still_open = unevidenced = 0
        for r in counted(by_rung[index]):
            status = r.status
            if status is Status.NOT_APPLICABLE:
                continue
            judged += 1
            if status is Status.MET:
                met += 1
            elif status.is_open:
                still_open += 1
            elif status is Status.NO_EVIDENCE:
                if evidence_given:
                    met += 1
                else:
                    unevidenced += 1
        tallies.append((judged, met, still_open, unevidenced))
    return tallies


def _climb(tallies: Sequence[_Tally], share: float, assume: Assume, credit: int = 0) -> int:
    best = 0
    for index in range(1, len(tallies)):
        judged, met, still_open, unevidenced = tallies[index]
        if not judged:
            continue  # nothing to judge on this rung for this type: stepped over
        if index <= credit and assume is not Assume.NOT_MET:
            met, still_open, unevidenced = met + still_open + unevidenced, 0, 0
        # Open questions are met, not met, or neither (as given), as `seen` reads them.
        if assume is Assume.MET:
            met, still_open = met + still_open, 0
        elif assume is Assume.NOT_MET:
            still_open = 0
        if met and met >= share * judged - 1e-9:
            best = index
        # Only "not in place" stops the climb: open questions and claims still waiting for
        # their evidence neither lift this rung nor hold back the ones above.
        if met + still_open + unevidenced < share * judged - 1e-9:
            break
    return best


def placement_of(activity_id: str, ctx: Context, assume: Assume) -> int:
    """Return the index of the rung a type stands on (0 is the bottom rung), worked out once
    per way of reading open questions.

    A rung is claimed when enough of its criteria are met (at least one); a rung that could
    not pass even if every open question and unevidenced claim on it were met stops the climb,
    so practice above a real gap is shown as a strength instead. A type with no open question
    stands on the same rung whichever way they are read.
    """
    key = (activity_id, assume)
    found = ctx.placements.get(key)
    if found is None:
        tallies = ctx.tallies.get(activity_id)
        if tallies is None:
            tallies = ctx.tallies[activity_id] = _tally(
                type_rungs(activity_id, ctx.criteria, ctx), ctx.evidence_given)
        credit = ctx.credit.get(activity_id, 0)
        if assume is not Assume.AS_GIVEN and not credit and not any(t[2] for t in tallies):
            found = placement_of(activity_id, ctx, Assume.AS_GIVEN)
        else:
            found = _climb(tallies, ctx.share, assume, credit)
        ctx.placements[key] = found
    return found


def type_rungs(activity_id: str, criteria: Sequence[CriterionResult],
                ctx: Context) -> list[list[CriterionResult]]:
    if criteria is ctx.criteria:
        if not ctx.by_type:  # one pass over every criterion sorts them all by type and rung
            for result in criteria:
                rows = ctx.by_type.get(result.criterion.activity)
                if rows is None:
                    rows = ctx.by_type[result.criterion.activity] = [[] for _ in ctx.rungs]
                rows[ctx.level_index[result.criterion.rung]].append(result)
        return ctx.by_type.get(activity_id) or [[] for _ in ctx.rungs]
    by_rung: list[list[CriterionResult]] = [[] for _ in ctx.rungs]
    for result in criteria:
        if result.criterion.activity == activity_id:
            by_rung[ctx.level_index[result.criterion.rung]].append(result)
    return by_rung


def type_is_placed(activity_id: str, ctx: Context, assume: Assume) -> bool:
    """A type is placed once any of its questions has an answer (or is assumed to have one)."""
    key = (activity_id, assume)
    found = ctx.placed.get(key)
    if found is None:
        mine = [r for level in type_rungs(activity_id, ctx.criteria, ctx) for r in level
                if r.status is not Status.NOT_APPLICABLE]
        found = ctx.placed[key] = (bool(mine) if assume is not Assume.AS_GIVEN
                                   else any(r.answered for r in mine))
    return found


def next_index(by_rung: Sequence[Sequence[CriterionResult]], index: int) -> int | None:
    """The next rung up that this type has something to judge on."""
    for candidate in range(index + 1, len(by_rung)):
        if any(r.status is not Status.NOT_APPLICABLE for r in by_rung[candidate]):
            return candidate
    return None


def overall_index(type_indexes: Iterable[int], types: int, max_drop: int,
                  main_indexes: Iterable[int] | None = None) -> int | None:
    """Apply the breadth rule to the rung indexes of the placed in-scope types, capped by the
    service's main work.

    The highest rung at least `types` of them reach, but never more than `max_drop` below the
    best, and never above the best placed main type (`main_indexes`, when given). None when no
    type is placed, or when main work is given and none of it is placed. Adding a type,
    raising one or naming another main type never lowers the result.
    """
    ordered = sorted(type_indexes, reverse=True)
    if not ordered:
        return None
    kth = ordered[types - 1] if len(ordered) >= types else 0
    breadth = max(kth, ordered[0] - max_drop, 0)
    if main_indexes is None:
        return breadth
    main = list(main_indexes)
    return min(breadth, max(main)) if main else None


def capped_by_gates(index: int, rungs: Sequence[Rung], gates: Mapping[str, list[Factor]],
                     factor_status: Mapping[str, Status], assume: Assume) -> int:
    """Lower a practice rung below the first rung a not-met gating factor holds."""
    for position in range(1, index + 1):
        if any(seen(factor_status[f.id], assume) is Status.NOT_MET
               for f in gates[rungs[position].id]):
            return position - 1
    return index
