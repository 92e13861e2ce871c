"""One scored service, small: what the portfolio keeps of each ScoreCard.

This module owns `ServiceSummary` and `summarise`, which shrink a ScoreCard to the few
figures and names the portfolio shows, so many thousands of services fit in memory; worker
processes send these back, never score cards. Pure: no printing, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import FrozenInstanceError
from typing import Any, NamedTuple

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.model import Band, Rung, VoiceGroup
from coprod_ladder.scoring import ScoreCard, Status
from coprod_ladder.summary_packing import (
    ACTIONS,
    HEADER,
    IDS,
    VALUES,
    ByPlace,
    Number,
    pack,
    places_of,
    shared,
    text_of,
)

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
#: as its place in `VALUES` (2 bytes among its packed places, where a field took 8).
_BY_PLACE = ("team", "tags", "type_states", "main_work", "main_work_named", "below_floors",
             "factors_unrated", "risks", "assessed_on", "out_of_scope")

# --------------------------------------------------------------------------------------------
# The figures of one service, packed
# --------------------------------------------------------------------------------------------

#: The whole-number fields of a summary, in their places at the start of its packed numbers.
_NUMBERS = ("rung", "target", "target_is_default", "progress_met", "progress_total",
            "claims_without_evidence", "claims_not_validated", "not_yet_answered",
            "provisional", "answered", "questions", "unvalidated_doing_with", "id_length")
#: The lists of whole numbers packed after them: each list's length, then every list's items.
#: Ids and planned actions go in as their places in `IDS` and `ACTIONS`.
_LISTS = ("activities", "factors_not_met", "high_without_evidence", "high_not_validated",
          "actions", "voices", "blind_spots")
_ID_LENGTH = HEADER + _NUMBERS.index("id_length")
_LENGTHS_AT = HEADER + len(_NUMBERS)
_ITEMS_AT = _LENGTHS_AT + len(_LISTS)

#: Where the voice figures start among the packed places, after `_BY_PLACE`: their count of
#: groups, then (agreeing, all) for each group. The not-applicable pairs follow (their count,
#: then their places), then each warning as three: its place, line and column.
_VOICE_AT = len(_BY_PLACE)


def _after_voices(places: Sequence[int]) -> int:
    """Where the count of not-applicable pairs stands among a summary's packed places."""
    return _VOICE_AT + 1 + 2 * places[_VOICE_AT]


class ServiceSummary:
    """What the portfolio needs of one scored service, and nothing more.

    Rungs are stored as levels (1 is the bottom); `rung` is 0 when the service is not yet
    placed. `activities` holds one level per type of co-production in rubric order, 0 where the
    type has no rung; `type_states` says why, as `TypeState` ids (`out_of_scope`, ...).

    Frozen. Built with the fields below as keywords; `replace` returns a copy with some
    changed. Most fields are packed into one bytes object, `_packed` (see
    `summary_packing.pack`): the whole numbers and the lists of ids, levels and actions,
    which differ from one service to the next (`_NUMBERS`, `_LISTS`), 1 byte a number; the
    service's id and name; and, 2 bytes each, the places in `VALUES` of the values many
    services share (`_BY_PLACE`), the voice figures, the not-applicable reasons and the
    warnings. Reading a field unpacks it. A summary is about 0.25 KB on the benchmark's
    files: as 39 fields of their own, 0.9 KB; with its id, name, warnings' text, numbers and
    places as objects of their own, 0.48 KB.
    """

    __slots__ = ("_packed", "_path", "report", "staff")

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
    # The whole numbers, each at its name's place in `_NUMBERS`.
    rung = Number(_NUMBERS, int, "The rung's level (1 is the bottom); 0 when not yet placed.")
    target = Number(_NUMBERS, int, "The target rung's level (the rubric's default when none "
                    "was set).")
    target_is_default = Number(_NUMBERS, bool, "True when the service set no target of its "
                               "own.")
    progress_met = Number(_NUMBERS, int, "Criteria of the next rung met.")
    progress_total = Number(_NUMBERS, int, "Criteria of the next rung.")
    claims_without_evidence = Number(_NUMBERS, int, "Answers claimed as met without "
                                     "evidence.")
    claims_not_validated = Number(_NUMBERS, int, "Answers claimed as met that nobody "
                                  "validated.")
    not_yet_answered = Number(_NUMBERS, int, "Criteria not yet answered.")
    provisional = Number(_NUMBERS, bool, "True when the rung is provisional (answers are "
                         "missing).")
    answered = Number(_NUMBERS, int, "Questions answered.")
    questions = Number(_NUMBERS, int, "Questions asked.")
    unvalidated_doing_with = Number(_NUMBERS, bool, 'True when a "doing with" rung rests on '
                                    "answers nobody validated.")
    _packed: bytes | tuple[Any, ...]
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
                 risks: tuple[str, ...], warnings: Sequence[Diagnostic] = (),
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
        folder, slash, name = path.rpartition("/")
        suffix = name[len(service_id):] if slash and name.startswith(service_id) else ""
        put(self, "_path", shared((folder, suffix)) if suffix in (".yaml", ".yml") else path)
        put(self, "report", report)
        put(self, "staff", staff)
        by_name = {"team": team, "tags": tags, "type_states": type_states,
                   "main_work": main_work, "main_work_named": main_work_named,
                   "below_floors": below_floors, "factors_unrated": factors_unrated,
                   "risks": risks, "assessed_on": assessed_on, "out_of_scope": out_of_scope}
        lists = (activities, [IDS.of(i) for i in factors_not_met],
                 [IDS.of(i) for i in high_without_evidence],
                 [IDS.of(i) for i in high_not_validated],
                 [ACTIONS.of(a) for a in actions], voices, blind_spots)
        numbers = [rung, target, target_is_default, progress_met, progress_total,
                   claims_without_evidence, claims_not_validated, not_yet_answered,
                   provisional, answered, questions, unvalidated_doing_with,
                   len(service_id),
                   *map(len, lists), *(n for items in lists for n in items)]
        # Nearly every service has a combination of not-applicable pairs of its own, but the
        # pairs recur; so do the warnings' messages, at their own lines.
        places = [*(VALUES.of(by_name[name]) for name in _BY_PLACE),
                  len(voice_agree), *(n for pair in voice_agree for n in pair),
                  len(not_applicable), *map(VALUES.of, not_applicable),
                  *(n for w in warnings for n in (
                      VALUES.of(("" if w.path == path else w.path, str(w.severity), w.code,
                                 w.message)), w.line, w.column))]
        # The id and the name as one text: a str of its own took 49 bytes besides its letters.
        put(self, "_packed", pack(numbers, service_id + service_name, places))

    @property
    def path(self) -> str:
        """The answers file's path, as it was given."""
        held = self._path
        if isinstance(held, str):
            return held
        return f"{held[0]}/{self.service_id}{held[1]}"

    @property
    def service_id(self) -> str:
        """The service's id."""
        packed = self._packed
        return text_of(packed)[:packed[_ID_LENGTH]]

    @property
    def service_name(self) -> str:
        """The service's name."""
        packed = self._packed
        return text_of(packed)[packed[_ID_LENGTH]:]

    def _list(self, which: int) -> bytes | tuple[int, ...]:
        """The numbers of one of `_LISTS`, by its place there."""
        packed = self._packed
        start = _ITEMS_AT + sum(packed[_LENGTHS_AT:_LENGTHS_AT + which])
        return packed[start:start + packed[_LENGTHS_AT + which]]

    @property
    def voice_agree(self) -> tuple[tuple[int, int], ...]:
        """What children, young people and families said (see `voice.weigh`), in VoiceGroup
        order: their answers on the scale, (agreeing, all), summed over items; empty when no
        voice file was read (`voices` says how many answered)."""
        places = places_of(self._packed)
        end = _after_voices(places)
        return tuple(zip(places[_VOICE_AT + 1:end:2], places[_VOICE_AT + 2:end:2],
                         strict=True))

    @property
    def not_applicable(self) -> tuple[tuple[str, str], ...]:
        """(criterion id, the reason given) for each criterion answered as not applicable."""
        places = places_of(self._packed)
        start = _after_voices(places) + 1
        values = VALUES.values
        return tuple(values[i] for i in places[start:start + places[start - 1]])

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warnings of the service's files that did not stop it being scored."""
        places = places_of(self._packed)
        start = _after_voices(places) + 1
        start += places[start - 1]
        values = VALUES.values
        found = []
        for at in range(start, len(places), 3):
            where, severity, code, message = values[places[at]]
            found.append(Diagnostic(where or self.path, places[at + 1], places[at + 2],
                                    Severity(severity), code, message))
        return tuple(found)

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
_HELD_AS_GIVEN = frozenset({"report", "staff"})


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
        warnings=warnings,
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
