"""One scored service, small: what the portfolio keeps of each ScoreCard.

This module owns `ServiceSummary` and `summarise`, which shrink a ScoreCard to the few
figures and names the portfolio shows, so many thousands of services fit in memory; worker
processes send these back, never score cards. Pure: no printing, no clock.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from coprod_ladder.batch import Failed, score_file
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.loader import RubricChooser
from coprod_ladder.model import Band, Rung
from coprod_ladder.scoring import ScoreCard, Status

# --------------------------------------------------------------------------------------------
# One service, small
# --------------------------------------------------------------------------------------------


class PlannedAction(NamedTuple):
    """One recommended action toward a service's next rung, for the workbook's action plan."""

    priority: int
    title: str
    kind: str
    activity: str | None
    status: str
    effort: str
    next_step: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The same rubric wording comes back from every worker process: interned on arrival,
        # each text is held once however many services share it.
        return (_planned_action, tuple(self))


def _planned_action(*fields: Any) -> PlannedAction:
    return PlannedAction._make(sys.intern(f) if isinstance(f, str) else f for f in fields)


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    """What the portfolio needs of one scored service, and nothing more.

    Rungs are stored as levels (1 is the bottom); `rung` is 0 when the service is not yet
    placed. `activities` holds one level per type of co-production in rubric order, 0 where the
    type has no rung; `type_states` says why (out of scope, not yet answered, not applicable).
    """

    path: str
    service_id: str
    service_name: str
    team: str | None
    tags: tuple[tuple[str, str], ...]
    assessed_on: dt.date | None
    rung: int
    target: int
    target_is_default: bool
    progress_met: int
    progress_total: int
    activities: tuple[int, ...]
    factors_not_met: tuple[str, ...]
    factors_unrated: tuple[str, ...]
    claims_without_evidence: int
    claims_not_validated: int
    not_yet_answered: int
    high_without_evidence: tuple[str, ...]
    high_not_validated: tuple[str, ...]
    risks: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    report: str | None = None
    provisional: bool = False
    answered: int = 0
    questions: int = 0
    type_states: tuple[str, ...] = ()
    out_of_scope: tuple[tuple[str, str], ...] = ()
    actions: tuple[PlannedAction, ...] = ()

    @property
    def placed(self) -> bool:
        """Return True when the service has enough answers to stand on a rung."""
        return self.rung > 0

    @property
    def gap(self) -> int | None:
        """Return how many rungs are left to the target set (None when none was set, or the
        service is not yet placed)."""
        if self.target_is_default or not self.placed:
            return None
        return max(0, self.target - self.rung)

    @property
    def target_reached(self) -> bool:
        """Return True when the service stands, not provisionally, on or above its target."""
        return self.gap == 0 and not self.provisional

    def tag(self, name: str) -> str | None:
        """Return the value of one tag, or None when the service does not have it."""
        return next((value for key, value in self.tags if key == name), None)


def high_claim_floor(rungs: Sequence[Rung]) -> int:
    """Return the lowest level whose claims count as high: the "doing with" band.

    A rubric without that band falls back to the upper half of its ladder.
    """
    with_levels = [r.level for r in rungs if r.band is Band.DOING_WITH]
    if with_levels:
        return min(with_levels)
    levels = sorted(r.level for r in rungs)
    return levels[len(levels) // 2]


def summarise(card: ScoreCard, *, path: str = "", warnings: Sequence[Diagnostic] = (),
              report: str | None = None) -> ServiceSummary:
    """Shrink a ScoreCard to the few fields the portfolio shows."""
    service = card.answers.service
    levels = {r.id: r.level for r in card.rungs}
    floor = high_claim_floor(card.rungs)

    def high(results: Iterable[Any]) -> tuple[str, ...]:
        return tuple(r.criterion.id for r in results if levels[r.criterion.rung] >= floor)

    return ServiceSummary(
        path=path,
        service_id=service.id,
        service_name=service.name,
        # Teams and tags repeat across thousands of services: interned, each is held once.
        team=sys.intern(service.team) if service.team else None,
        tags=tuple(sorted((sys.intern(k), sys.intern(v)) for k, v in service.tags.items())),
        assessed_on=card.answers.assessed_on,
        rung=card.rung.level if card.placed else 0,
        target=card.target.level,
        target_is_default=card.target_is_default,
        progress_met=card.progress_met,
        progress_total=card.progress_total,
        activities=tuple(a.rung.level if a.rung is not None else 0 for a in card.activities),
        factors_not_met=tuple(f.factor.id for f in card.factors if f.status is Status.NOT_MET),
        factors_unrated=tuple(f.factor.id for f in card.factors
                              if f.status is Status.UNANSWERED),
        claims_without_evidence=len(card.without_evidence),
        claims_not_validated=len(card.not_validated),
        not_yet_answered=len(card.unanswered),
        high_without_evidence=high(card.without_evidence),
        high_not_validated=high(card.not_validated),
        risks=tuple(r.risk_id for r in card.risks),
        warnings=tuple(str(w) for w in warnings),
        report=report,
        provisional=card.provisional,
        answered=card.answered,
        questions=card.questions,
        type_states=tuple(sys.intern(str(a.state)) for a in card.activities),
        out_of_scope=tuple((a.activity_id, a.out_of_scope or "") for a in card.activities
                           if not a.in_scope),
        actions=tuple(_planned_action(i, b.title, str(b.kind), b.activity, str(b.status),
                                      str(b.effort), b.guidance)
                      for i, b in enumerate(card.actions, 1)),
    )


def summarise_file(path: Path, choose: RubricChooser) -> ServiceSummary | Failed:
    """Read, score and summarise one answers file; a bad file becomes a Failed result."""
    result = score_file(path, choose)
    if isinstance(result, Failed):
        return result
    return summarise(result.card, path=result.path, warnings=result.warnings)
