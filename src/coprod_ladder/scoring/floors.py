"""Statutory floors: which apply to a service, and which types stand below them.

Owns the rule for when a floor applies (the service has its duty, its tags match, it works in
a jurisdiction the floor covers, the type is in scope) so the answers checks (targets below a
floor) and the score (types below a floor) read the same one, and the duty's text for the
service's country (`law.law_text`). Pure: no wording beyond the rubric's own duty text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coprod_ladder.model import Answers, Rubric, StatutoryFloor
from coprod_ladder.scoring.law import applies_in, jurisdiction_of, law_text
from coprod_ladder.scoring.per_rubric import rungs_by_id
from coprod_ladder.scoring.results import ActivityResult, FloorShortfall, TypeState


def service_duties(answers: Answers) -> frozenset[str]:
    """The duties a service declares: `service.duties`, and the older tag `duty: <id>`."""
    tagged = answers.service.tags.get("duty")
    return frozenset((*answers.service.duties, *((tagged,) if tagged else ())))


def floors_for(rubric: Rubric, answers: Answers) -> Iterable[StatutoryFloor]:
    """The floors that apply to this service, whatever its scope (the caller checks scope)."""
    duties = service_duties(answers)
    jurisdiction = jurisdiction_of(rubric, answers)
    for floor in rubric.statutory_floors:
        if floor.when_duty is not None and floor.when_duty not in duties:
            continue
        if not applies_in(floor.jurisdictions, jurisdiction):
            continue
        if any(answers.service.tags.get(k) != v for k, v in floor.when_tags.items()):
            continue
        yield floor


def duty_text(rubric: Rubric, answers: Answers, floor: StatutoryFloor) -> str:
    """The floor's duty as the law of the service's country puts it, on one line."""
    return law_text(floor.law, jurisdiction_of(rubric, answers), floor.duty) or ""


def shortfalls(rubric: Rubric, answers: Answers,
               activities: Sequence[ActivityResult]) -> tuple[FloorShortfall, ...]:
    """Each placed, in-scope type that stands below a floor that applies to the service."""
    rungs = rungs_by_id(rubric)
    by_id = {a.activity_id: a for a in activities}
    found: list[FloorShortfall] = []
    for floor in floors_for(rubric, answers):
        result, floor_rung = by_id.get(floor.activity), rungs.get(floor.rung)
        if result is None or floor_rung is None or result.state is not TypeState.PLACED:
            continue
        if result.rung is not None and result.rung.level < floor_rung.level:
            found.append(FloorShortfall(floor.id, result.activity_id, result.name, result.rung,
                                        floor_rung, duty_text(rubric, answers, floor)))
    return tuple(found)
