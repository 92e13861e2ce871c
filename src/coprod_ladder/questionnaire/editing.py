"""What a question holds in the Answers, and how an entry changes it.

Owns reading and changing the answer behind a question (criteria, factors, readiness steps,
service details, scope and target), and describing it for review (`is_answered`, `describe`,
`details`). Pure: every change returns new Answers (pydantic `model_copy`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coprod_ladder.language import _, pgettext
from coprod_ladder.model import (
    Answers,
    CriterionAnswer,
    FactorAnswer,
    Rubric,
    TypeAnswer,
)
from coprod_ladder.questionnaire.questions import Kind, Question

# --------------------------------------------------------------------------------------------
# Answers: what a question holds, and how to change it
# --------------------------------------------------------------------------------------------


def text_value(answers: Answers, key: str) -> str | None:
    if key == "service.name":
        return answers.service.name
    if key == "service.id":
        return answers.service.id
    if key == "service.team":
        return answers.service.team
    if key.startswith("service.tags."):
        return answers.service.tags.get(key.removeprefix("service.tags."))
    if key == "assessed_by":
        return answers.assessed_by
    raise KeyError(key)


def with_text(answers: Answers, key: str, value: str | None) -> Answers:
    service = answers.service
    if key == "service.name" and value is not None:
        return answers.model_copy(update={"service": service.model_copy(update={"name": value})})
    if key == "service.id" and value is not None:
        return answers.model_copy(update={"service": service.model_copy(update={"id": value})})
    if key == "service.team":
        return answers.model_copy(update={"service": service.model_copy(update={"team": value})})
    if key.startswith("service.tags."):
        tag = key.removeprefix("service.tags.")
        tags = {k: v for k, v in service.tags.items() if k != tag}
        if value is not None:
            tags = {**service.tags, tag: value}
        return answers.model_copy(update={"service": service.model_copy(update={"tags": tags})})
    if key == "assessed_by":
        return answers.model_copy(update={"assessed_by": value})
    raise KeyError(key)


def with_duty(answers: Answers, duty: str, has: bool) -> Answers:
    """Return answers with the duty declared or not; duties kept in the order given."""
    duties = [d for d in answers.service.duties if d != duty] + ([duty] if has else [])
    service = answers.service.model_copy(update={"duties": duties})
    return answers.model_copy(update={"service": service})


def with_jurisdiction(answers: Answers, jurisdiction: str) -> Answers:
    """Return answers with the country whose law applies to the service."""
    service = answers.service.model_copy(update={"jurisdiction": jurisdiction})
    return answers.model_copy(update={"service": service})


def read_main_work(question: Question, entry: str) -> list[str]:
    """The type ids an entry of numbers names ("1 3", "1, 3"); raises ValueError naming the
    first number that is not a choice."""
    by_number = {str(c.number): c.id for c in question.choices}
    picked: list[str] = []
    for part in entry.replace(",", " ").split():
        if part.rstrip(".") not in by_number:
            raise ValueError(part)
        if by_number[part.rstrip(".")] not in picked:
            picked.append(by_number[part.rstrip(".")])
    order = [c.id for c in question.choices]
    return sorted(picked, key=order.index)


def _section_of(question: Question) -> str:
    return {Kind.CRITERION: "criteria", Kind.SUCCESS_FACTOR: "success_factors",
            Kind.READINESS: "readiness"}[question.kind]


def held_item(answers: Answers, question: Question) -> Any:
    """Return the CriterionAnswer/FactorAnswer a question holds (an empty one if none)."""
    items: Mapping[str, Any] = getattr(answers, _section_of(question))
    empty = CriterionAnswer() if question.kind is Kind.CRITERION else FactorAnswer()
    return items.get(question.item_id or "", empty)


def with_item(answers: Answers, question: Question, rubric: Rubric, **update: Any) -> Answers:
    """Return answers with the question's item updated; items stay in rubric order."""
    section = _section_of(question)
    items: dict[str, Any] = dict(getattr(answers, section))
    item_id = question.item_id or ""
    items[item_id] = held_item(answers, question).model_copy(update=update)
    order = {"criteria": [c.id for c in rubric.criteria],
             "success_factors": [f.id for f in rubric.success_factors],
             "readiness": [f.id for f in rubric.readiness]}[section]
    rank = {i: n for n, i in enumerate(order)}
    keys = sorted(items, key=lambda k: rank.get(k, len(rank)))
    return answers.model_copy(update={section: {k: items[k] for k in keys}})


def with_type(answers: Answers, question: Question, rubric: Rubric,
               **update: Any) -> Answers:
    """Return answers with the scope of the question's type updated; types in rubric order."""
    types = dict(answers.types)
    type_id = question.item_id or ""
    types[type_id] = types.get(type_id, TypeAnswer()).model_copy(update=update)
    rank = {a.id: n for n, a in enumerate(rubric.activities)}
    ordered = {k: types[k] for k in sorted(types, key=lambda k: rank.get(k, len(rank)))}
    return answers.model_copy(update={"types": ordered})


def is_answered(question: Question, answers: Answers) -> bool:
    """Return True when the question has an answer (optional service details: once passed).

    The service's optional details (team, area, ages, who) count as answered once the
    assessment date, the last question of that section, has been given.
    """
    if question.kind in (Kind.TEXT, Kind.SERVICE_ID):
        return (text_value(answers, question.key) is not None or not question.optional
                or answers.assessed_on is not None)
    if question.kind is Kind.DATE:
        return answers.assessed_on is not None
    if question.kind is Kind.TARGET:
        return answers.target is not None
    if question.kind is Kind.SCOPE:
        return (question.item_id or "") in answers.types
    if question.kind is Kind.DUTY:  # optional, like the service's other details
        return (question.item_id or "") in answers.service.duties or (
            answers.assessed_on is not None)
    if question.kind is Kind.JURISDICTION:  # none named once the section is done: the first
        return answers.service.jurisdiction is not None or answers.assessed_on is not None
    if question.kind is Kind.MAIN_WORK:  # asked just before the target: passed once it is set
        return bool(answers.main_work) or answers.target is not None
    given = held_item(answers, question)
    if isinstance(given, CriterionAnswer) and given.not_applicable is not None:
        return question.not_applicable_allowed
    return given.answer is not None


def describe(question: Question, answers: Answers) -> str | None:
    """Return the current answer to a question in words, or None when there is none."""
    if question.kind in (Kind.TEXT, Kind.SERVICE_ID):
        return text_value(answers, question.key)
    if question.kind is Kind.DATE:
        return answers.assessed_on.isoformat() if answers.assessed_on else None
    if question.kind is Kind.TARGET:
        if answers.target is None:
            return None
        choice = next((c for c in question.choices if c.id == answers.target.rung), None)
        words = f"{choice.number} {choice.label}" if choice else answers.target.rung
        if not answers.target.reason:
            return words
        # TRANSLATORS: a target rung and the reason given for it, on the review screen.
        return _("{rung} — {reason}").format(rung=words, reason=answers.target.reason)
    if question.kind is Kind.DUTY:
        # TRANSLATORS: whether the service has a legal duty, on the review screen.
        if (question.item_id or "") in answers.service.duties:
            return pgettext("has the duty, review", "yes")
        return pgettext("has the duty, review", "no") if answers.assessed_on is not None \
            else None
    if question.kind is Kind.JURISDICTION:
        held = answers.service.jurisdiction or (
            question.default if answers.assessed_on is not None else None)
        country = next((c for c in question.choices if c.id == held), None)
        return f"{country.number} {country.label}" if country else held
    if question.kind is Kind.MAIN_WORK:
        named = [f"{c.number} {c.label}" for c in question.choices
                 if c.id in answers.main_work]
        return "; ".join(named) if named else (
            _("none beyond those the rubric counts") if answers.target is not None else None)
    if question.kind is Kind.SCOPE:
        declared = answers.types.get(question.item_id or "")
        if declared is None:
            return None
        if declared.out_of_scope is not None:
            return _("not part of our work — {reason}").format(reason=declared.out_of_scope)
        chosen = next((c for c in question.choices if c.id == declared.estimate), None)
        return f"{chosen.number} {chosen.label}" if chosen else _("part of our work")
    given = held_item(answers, question)
    if isinstance(given, CriterionAnswer) and given.not_applicable is not None \
            and question.not_applicable_allowed:
        return _("not applicable — {reason}").format(reason=given.not_applicable)
    if given.answer is None:
        return None
    choice = next((c for c in question.choices if c.id == given.answer), None)
    return f"{choice.number} {choice.label}" if choice else given.answer


def details(question: Question, answers: Answers) -> tuple[str, ...]:
    """Return the evidence, what CYP&F said and the validation recorded on a question."""
    if question.kind not in (Kind.CRITERION, Kind.SUCCESS_FACTOR, Kind.READINESS):
        return ()
    given = held_item(answers, question)
    lines = []
    for e in given.evidence:
        extra = ", ".join(x for x in (e.where, e.date.isoformat() if e.date else None) if x)
        lines.append(_("Evidence: {what} ({where})").format(what=e.what, where=extra) if extra
                     else _("Evidence: {what}").format(what=e.what))
    if isinstance(given, CriterionAnswer):
        if given.cyp_say:
            lines.append(_("Children, young people or families said: {said}").format(
                said=given.cyp_say))
        if given.validated:
            lines.append(_("Validated by {who} on {date}").format(
                who=given.validated.by, date=given.validated.on.isoformat())
                if given.validated.on
                else _("Validated by {who}").format(who=given.validated.by))
    return tuple(lines)
