"""One scored service, small: what the portfolio keeps of each ScoreCard.

This module owns `ServiceSummary` and `summarise`, which shrink a ScoreCard to the few
figures and names the portfolio shows, so many thousands of services fit in memory; worker
processes send these back, never score cards. Pure: no printing, no clock.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple, TypeVar

from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.model import Band, Rung, VoiceGroup
from coprod_ladder.scoring import ScoreCard, Status

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# One service, small
# --------------------------------------------------------------------------------------------


class PlannedAction(NamedTuple):
    """One recommended action toward a service's next rung, for the workbook's action plan.

    Its priority is its place in `ServiceSummary.actions` (the first is 1). The same actions
    recur across services, so equal ones are one shared object (see `_shared`).
    """

    title: str
    kind: str
    activity: str | None
    status: str
    effort: str
    next_step: str


#: One object for each value that recurs across many services: rubric ids and wording, type
#: states and levels, tags, planned actions, dates, and the reasons services copy from one
#: file to the next. Mostly bounded by the rubric and the tags in use; a value only one
#: service has (a reason of its own) costs a dict entry more. On the benchmark's files it
#: takes a summary from 2.2 to 0.65 KB.
_SHARED: dict[object, Any] = {}


def _shared(value: T) -> T:
    """Return the one object equal to `value` (strings are interned as well)."""
    if isinstance(value, str):
        return sys.intern(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        value = type(value)(*map(_shared, value)) if hasattr(value, "_fields") else tuple(
            map(_shared, value))  # type: ignore[assignment]
    # Keyed by type too: a plain tuple and a PlannedAction with the same fields compare equal.
    return _SHARED.setdefault((type(value), value), value)  # type: ignore[no-any-return]


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    """A tuple of rubric ids, each string shared (the tuple itself is rarely repeated)."""
    return tuple(sys.intern(v) for v in values)


#: Fields whose values are few across a portfolio (rubric ids and their combinations, type
#: states, tags, assessment dates): one object for each value.
_SHARED_FIELDS = ("tags", "type_states", "main_work", "main_work_named", "below_floors",
                  "factors_unrated", "risks", "assessed_on", "out_of_scope")
#: Fields whose combinations are nearly one a service (on the benchmark's 10,000 files, 6,000
#: to 9,900 distinct): a shared object for each would cost a dict entry more than it saves,
#: so only their items are shared (ids, planned actions) and each service keeps its tuple.
_ITEMS_SHARED_FIELDS = ("actions", "activities", "factors_not_met", "high_without_evidence",
                        "high_not_validated", "not_applicable")


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    """What the portfolio needs of one scored service, and nothing more.

    Rungs are stored as levels (1 is the bottom); `rung` is 0 when the service is not yet
    placed. `activities` holds one level per type of co-production in rubric order, 0 where the
    type has no rung; `type_states` says why, as `TypeState` ids (`out_of_scope`, ...).
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
    main_work: tuple[str, ...] = ()  # type ids; the overall never stands above the best
    main_work_named: tuple[str, ...] = ()  # ... of them, those the service named itself
    unvalidated_doing_with: bool = False
    below_floors: tuple[str, ...] = ()  # the types standing below a statutory floor
    not_applicable: tuple[tuple[str, str], ...] = ()  # (criterion id, the reason given)
    # What children, young people and families said (see `voice.weigh`), in VoiceGroup order:
    # how many answered, and their answers on the scale (agreeing, all) summed over items.
    voices: tuple[int, ...] = ()  # empty when no voice file was read
    voice_agree: tuple[tuple[int, int], ...] = ()
    blind_spots: tuple[int, ...] = ()  # per type of co-production, in rubric order
    staff: tuple[str, ...] = ()  # who answered, when several staff did (see `answers.team`)

    @property
    def heard(self) -> bool:
        """Return True when a voice file with at least one respondent was read."""
        return sum(self.voices) > 0

    def __post_init__(self) -> None:
        # Share what recurs across services, here and again when a summary arrives from a
        # worker process (see __reduce__): unpickled strings and tuples are new objects.
        for name in _SHARED_FIELDS:
            object.__setattr__(self, name, _shared(getattr(self, name)))
        for name in _ITEMS_SHARED_FIELDS:
            object.__setattr__(self, name, tuple(map(_shared, getattr(self, name))))
        if self.team is not None:
            object.__setattr__(self, "team", sys.intern(self.team))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (ServiceSummary, tuple(getattr(self, f.name) for f in fields(self)))

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
        team=service.team or None,
        tags=tuple(sorted(service.tags.items())),
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
        type_states=tuple(str(a.state) for a in card.activities),
        out_of_scope=tuple((a.activity_id, a.out_of_scope or "") for a in card.activities
                           if not a.in_scope),
        actions=tuple(PlannedAction(b.title, str(b.kind), b.activity, str(b.status),
                                    str(b.effort), b.guidance) for b in card.actions),
        main_work=card.main_work,
        main_work_named=card.main_work_named,
        unvalidated_doing_with=card.unvalidated_doing_with,
        below_floors=tuple(dict.fromkeys(f.activity_id for f in card.below_floors)),
        not_applicable=tuple((c.criterion.id, c.not_applicable) for c in card.criteria
                             if c.in_scope and c.not_applicable is not None),
        **_voice_fields(card),
        staff=card.staff.staff if card.staff is not None else (),
    )


def _voice_fields(card: ScoreCard) -> dict[str, Any]:
    """The few voice figures the portfolio shows (none when no voice file was read)."""
    voice = card.voice
    if voice is None:
        return {}
    people = dict(voice.by_group)
    agree = {g: [0, 0] for g in VoiceGroup}
    for item in voice.items:
        for g in item.groups:
            agree[g.group][0] += g.tally.agree
            agree[g.group][1] += g.tally.answered
    spots = {t.activity_id: t.blind_spots for t in voice.types}
    return {"voices": tuple(people.get(g, 0) for g in VoiceGroup),
            "voice_agree": tuple((a, n) for a, n in agree.values()),
            "blind_spots": tuple(spots.get(a.activity_id, 0) for a in card.activities)}
