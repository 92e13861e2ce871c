"""One scored service, small: what the portfolio keeps of each ScoreCard.

This module owns `ServiceSummary` and `summarise`, which shrink a ScoreCard to the few
figures and names the portfolio shows, so many thousands of services fit in memory; worker
processes send these back, never score cards. Pure: no printing, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import FrozenInstanceError
from typing import Any, NamedTuple, TypeVar

from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.model import Band, Rung, VoiceGroup
from coprod_ladder.scoring import ScoreCard, Status
from coprod_ladder.summary_packing import (
    ACTIONS,
    IDS,
    VALUES,
    ByPlace,
    pack_bytes,
    pack_words,
    shared,
    words,
)

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


#: Fields whose values are few across a portfolio (rubric ids and their combinations, type
#: states, tags, assessment dates, team names): one object for each value, held by a summary
#: as its place in `VALUES` (4 bytes in `_places`, where a field of its own took 8).
_BY_PLACE = ("team", "tags", "type_states", "main_work", "main_work_named", "below_floors",
             "factors_unrated", "risks", "assessed_on", "out_of_scope")

# --------------------------------------------------------------------------------------------
# The figures of one service, packed
# --------------------------------------------------------------------------------------------

#: The whole-number fields of a summary, in their places at the start of its packed figures.
_NUMBERS = ("rung", "target", "target_is_default", "progress_met", "progress_total",
            "claims_without_evidence", "claims_not_validated", "not_yet_answered",
            "provisional", "answered", "questions", "unvalidated_doing_with")
#: The lists of whole numbers packed after them: each list's length, then every list's items.
#: Ids and planned actions go in as their places in `IDS` and `ACTIONS`.
_LISTS = ("activities", "factors_not_met", "high_without_evidence", "high_not_validated",
          "actions", "voices", "blind_spots")
_LENGTHS_AT = len(_NUMBERS)
_ITEMS_AT = _LENGTHS_AT + len(_LISTS)


#: Where the voice figures start in `_places`: their count of groups, then (agreeing, all)
#: for each group; the places of the `not_applicable` pairs follow.
_VOICE_AT = len(_BY_PLACE)


def _after_voices(places: Sequence[int]) -> int:
    """Where the not-applicable pairs start in a summary's unpacked `_places`."""
    return _VOICE_AT + 1 + 2 * places[_VOICE_AT]


class ServiceSummary:
    """What the portfolio needs of one scored service, and nothing more.

    Rungs are stored as levels (1 is the bottom); `rung` is 0 when the service is not yet
    placed. `activities` holds one level per type of co-production in rubric order, 0 where the
    type has no rung; `type_states` says why, as `TypeState` ids (`out_of_scope`, ...).

    Frozen. Built with the fields below as keywords; `replace` returns a copy with some
    changed. The whole numbers and the lists of ids, levels and actions, which differ from
    one service to the next, are packed into one bytes object (`_figures`, see `_NUMBERS` and
    `_LISTS`), as 39 fields of tuples took about 0.7 KB a service; reading a field unpacks it.
    The values many services share, the voice figures and the not-applicable reasons are
    packed the same way, 4 bytes a number, into `_places` (see `_BY_PLACE`): as fields of
    their own they were a further 0.2 KB.
    """

    __slots__ = ("_figures", "_path", "_places", "report", "service_id", "service_name",
                 "staff", "warnings")

    service_id: str
    service_name: str
    warnings: tuple[str, ...]
    report: str | None
    staff: tuple[str, ...]  # who answered, when several staff did (see `answers.team`)
    # Held by place, each at its name's place in `_BY_PLACE`.
    team: ByPlace[str | None] = ByPlace(_BY_PLACE)
    tags: ByPlace[tuple[tuple[str, str], ...]] = ByPlace(_BY_PLACE)
    type_states: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    # Type ids: the overall never stands above the best of `main_work`; `main_work_named` are
    # those the service named itself; `below_floors` stand below a statutory floor.
    main_work: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    main_work_named: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    below_floors: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    factors_unrated: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    risks: ByPlace[tuple[str, ...]] = ByPlace(_BY_PLACE)
    assessed_on: ByPlace[dt.date | None] = ByPlace(_BY_PLACE)
    out_of_scope: ByPlace[tuple[tuple[str, str], ...]] = ByPlace(_BY_PLACE)
    _figures: bytes | tuple[int, ...]
    _places: bytes | tuple[int, ...]
    # The answers file's path; most are `<folder>/<service id>.yaml`, held as the shared
    # pair (folder, suffix), as each path was about 100 bytes a service.
    _path: str | tuple[str, str]

    def __init__(self, *, path: str, service_id: str, service_name: str, team: str | None,
                 tags: tuple[tuple[str, str], ...], assessed_on: dt.date | None, rung: int,
                 target: int, target_is_default: bool, progress_met: int, progress_total: int,
                 activities: Sequence[int], factors_not_met: Sequence[str],
                 factors_unrated: tuple[str, ...], claims_without_evidence: int,
                 claims_not_validated: int, not_yet_answered: int,
                 high_without_evidence: Sequence[str], high_not_validated: Sequence[str],
                 risks: tuple[str, ...], warnings: tuple[str, ...] = (),
                 report: str | None = None, provisional: bool = False, answered: int = 0,
                 questions: int = 0, type_states: tuple[str, ...] = (),
                 out_of_scope: tuple[tuple[str, str], ...] = (),
                 actions: Sequence[PlannedAction] = (), main_work: tuple[str, ...] = (),
                 main_work_named: tuple[str, ...] = (), unvalidated_doing_with: bool = False,
                 below_floors: tuple[str, ...] = (),
                 not_applicable: tuple[tuple[str, str], ...] = (),
                 voices: Sequence[int] = (), voice_agree: tuple[tuple[int, int], ...] = (),
                 blind_spots: Sequence[int] = (), staff: tuple[str, ...] = ()) -> None:
        # Share what recurs across services, here and again when a summary arrives from a
        # worker process (see __reduce__): unpickled strings and tuples are new objects.
        put = object.__setattr__
        put(self, "service_id", service_id)
        folder, slash, name = path.rpartition("/")
        suffix = name[len(service_id):] if slash and name.startswith(service_id) else ""
        put(self, "_path", shared((folder, suffix)) if suffix in (".yaml", ".yml") else path)
        put(self, "service_name", service_name)
        put(self, "warnings", warnings)
        put(self, "report", report)
        put(self, "staff", staff)
        by_name = {"team": team, "tags": tags, "type_states": type_states,
                   "main_work": main_work, "main_work_named": main_work_named,
                   "below_floors": below_floors, "factors_unrated": factors_unrated,
                   "risks": risks, "assessed_on": assessed_on, "out_of_scope": out_of_scope}
        # Then the voice figures, and each not-applicable pair by place (nearly every service
        # has a combination of its own, but the pairs recur).
        put(self, "_places", pack_words([
            *(VALUES.of(by_name[name]) for name in _BY_PLACE),
            len(voice_agree), *(n for pair in voice_agree for n in pair),
            *map(VALUES.of, not_applicable)]))
        lists = (activities, [IDS.of(i) for i in factors_not_met],
                 [IDS.of(i) for i in high_without_evidence],
                 [IDS.of(i) for i in high_not_validated],
                 [ACTIONS.of(a) for a in actions], voices, blind_spots)
        put(self, "_figures", pack_bytes([
            rung, target, target_is_default, progress_met, progress_total,
            claims_without_evidence, claims_not_validated, not_yet_answered, provisional,
            answered, questions, unvalidated_doing_with,
            *map(len, lists), *(n for numbers in lists for n in numbers)]))

    @property
    def path(self) -> str:
        """The answers file's path, as it was given."""
        held = self._path
        if isinstance(held, str):
            return held
        return f"{held[0]}/{self.service_id}{held[1]}"

    def _list(self, which: int) -> bytes | tuple[int, ...]:
        """The numbers of one of `_LISTS`, by its place there."""
        figures = self._figures
        start = _ITEMS_AT + sum(figures[_LENGTHS_AT:_LENGTHS_AT + which])
        return figures[start:start + figures[_LENGTHS_AT + which]]

    # The whole numbers, in the places `_NUMBERS` gives them.
    @property
    def rung(self) -> int:
        """The rung's level (1 is the bottom); 0 when not yet placed."""
        return self._figures[0]

    @property
    def target(self) -> int:
        """The target rung's level (the rubric's default when none was set)."""
        return self._figures[1]

    @property
    def target_is_default(self) -> bool:
        """True when the service set no target of its own."""
        return bool(self._figures[2])

    @property
    def progress_met(self) -> int:
        """Criteria of the next rung met."""
        return self._figures[3]

    @property
    def progress_total(self) -> int:
        """Criteria of the next rung."""
        return self._figures[4]

    @property
    def claims_without_evidence(self) -> int:
        """Answers claimed as met without evidence."""
        return self._figures[5]

    @property
    def claims_not_validated(self) -> int:
        """Answers claimed as met that nobody validated."""
        return self._figures[6]

    @property
    def not_yet_answered(self) -> int:
        """Criteria not yet answered."""
        return self._figures[7]

    @property
    def provisional(self) -> bool:
        """True when the rung is provisional (answers are missing)."""
        return bool(self._figures[8])

    @property
    def answered(self) -> int:
        """Questions answered."""
        return self._figures[9]

    @property
    def questions(self) -> int:
        """Questions asked."""
        return self._figures[10]

    @property
    def unvalidated_doing_with(self) -> bool:
        """True when a "doing with" rung rests on answers nobody validated."""
        return bool(self._figures[11])

    @property
    def voice_agree(self) -> tuple[tuple[int, int], ...]:
        """What children, young people and families said (see `voice.weigh`), in VoiceGroup
        order: their answers on the scale, (agreeing, all), summed over items; empty when no
        voice file was read (`voices` says how many answered)."""
        numbers = words(self._places)
        end = _after_voices(numbers)
        return tuple(zip(numbers[_VOICE_AT + 1:end:2], numbers[_VOICE_AT + 2:end:2],
                         strict=True))

    @property
    def not_applicable(self) -> tuple[tuple[str, str], ...]:
        """(criterion id, the reason given) for each criterion answered as not applicable."""
        numbers = words(self._places)
        values = VALUES.values
        return tuple(values[i] for i in numbers[_after_voices(numbers):])

    @property
    def activities(self) -> tuple[int, ...]:
        """One rung level per type of co-production, in rubric order; 0 where it has none."""
        return tuple(self._list(0))

    def _ids(self, which: int) -> tuple[str, ...]:
        """The ids of one of `_LISTS`, by its place there."""
        ids = IDS.values
        return tuple(ids[i] for i in self._list(which))

    @property
    def factors_not_met(self) -> tuple[str, ...]:
        """The success factors and readiness steps rated as not met, in rubric order."""
        return self._ids(1)

    @property
    def high_without_evidence(self) -> tuple[str, ...]:
        """The high criteria claimed as met without evidence."""
        return self._ids(2)

    @property
    def high_not_validated(self) -> tuple[str, ...]:
        """The high criteria claimed as met that nobody validated."""
        return self._ids(3)

    @property
    def actions(self) -> tuple[PlannedAction, ...]:
        """The actions toward the next rung; the first is priority 1."""
        actions = ACTIONS.values
        return tuple(actions[i] for i in self._list(4))

    @property
    def voices(self) -> tuple[int, ...]:
        """How many answered, per VoiceGroup; empty when no voice file was read."""
        return tuple(self._list(5))

    @property
    def blind_spots(self) -> tuple[int, ...]:
        """Per type of co-production, in rubric order."""
        return tuple(self._list(6))

    def fields(self) -> dict[str, Any]:
        """Every field by name, as the constructor takes them."""
        return {name: getattr(self, name) for name in _FIELDS}

    def replace(self, **changes: Any) -> ServiceSummary:
        """Return a copy with the fields named in `changes` changed."""
        if changes.keys() <= _HELD_AS_GIVEN:  # nothing to share or pack again
            copy = object.__new__(ServiceSummary)
            for name in self.__slots__:
                object.__setattr__(copy, name, changes[name] if name in changes
                                   else object.__getattribute__(self, name))
            return copy
        return ServiceSummary(**{**self.fields(), **changes})

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _held(self) -> tuple[Any, ...]:
        return tuple(object.__getattribute__(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not ServiceSummary:
            return NotImplemented
        assert isinstance(other, ServiceSummary)
        return self._held() == other._held()

    def __hash__(self) -> int:
        return hash(self._held())

    def __repr__(self) -> str:
        return "ServiceSummary(" + ", ".join(
            f"{name}={value!r}" for name, value in self.fields().items()) + ")"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Sent between processes field by field: the places in `IDS` are this process's own.
        return (_summary_of, tuple(getattr(self, name) for name in _FIELDS))

    @property
    def heard(self) -> bool:
        """Return True when a voice file with at least one respondent was read."""
        return sum(self.voices) > 0

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


#: Every field, in the order of the constructor's keywords (and of `repr`).
_FIELDS = ("path", "service_id", "service_name", "team", "tags", "assessed_on", "rung",
           "target", "target_is_default", "progress_met", "progress_total", "activities",
           "factors_not_met", "factors_unrated", "claims_without_evidence",
           "claims_not_validated", "not_yet_answered", "high_without_evidence",
           "high_not_validated", "risks", "warnings", "report", "provisional", "answered",
           "questions", "type_states", "out_of_scope", "actions", "main_work",
           "main_work_named", "unvalidated_doing_with", "below_floors", "not_applicable",
           "voices", "voice_agree", "blind_spots", "staff")
#: The fields held as they are given (never shared nor packed), which `replace` can copy.
_HELD_AS_GIVEN = frozenset({"service_name", "warnings", "report", "staff"})


def _summary_of(*values: Any) -> ServiceSummary:
    """A summary from its fields in `_FIELDS` order (how one arrives from a worker)."""
    return ServiceSummary(**dict(zip(_FIELDS, values, strict=True)))


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
