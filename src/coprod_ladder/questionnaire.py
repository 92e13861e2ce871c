"""The self-assessment as a pure state machine: the questions, their order, what each key does.

This module owns the questionnaire: the ordered questions for a rubric (every question, or in
quick mode only those that decide the current and the next rung), where the manager is, and
what every typed entry does — an answer, back, skip for later, not applicable (with a reason),
evidence, what children, young people and families said, their validation, review, jump to a
question, quit. A `Session` is immutable: `session.handle(raw)` returns a new Session holding
new Answers (pydantic `model_copy`) or a message saying what was expected. Entries that do not
make sense are answered with a message, never an exception.

It must not print, prompt, read the clock (`today` is given) or touch files: `cli/assess.py`
does those. It uses `scoring` (pure) to know which rung is passed, for quick mode and for the
suggested target.

Long module: until it is split into questions, entries and the session (issue 13).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from pydantic import TypeAdapter, ValidationError

from coprod_ladder.model import (
    Activity,
    Answers,
    AnswerSet,
    Criterion,
    CriterionAnswer,
    Evidence,
    Factor,
    FactorAnswer,
    Identifier,
    Rubric,
    RubricRef,
    Rung,
    Service,
    ShortText,
    Target,
    Text,
    TypeAnswer,
    Validation,
)
from coprod_ladder.scoring import score

# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------


class Kind(StrEnum):
    """What a question asks for, which decides how its entry is read."""

    TEXT = "text"
    SERVICE_ID = "service id"
    DATE = "date"
    CRITERION = "criterion"
    SUCCESS_FACTOR = "success factor"
    READINESS = "readiness step"
    TARGET = "target"
    SCOPE = "scope"


@dataclass(frozen=True)
class Choice:
    """One numbered answer on a question's scale."""

    number: int
    id: str
    label: str
    meets: bool | None = None
    description: str | None = None


@dataclass(frozen=True)
class Question:
    """One question, with everything needed to show it and to read its answer.

    `key` is unique and stable: `service.name`, `service.tags.area`, `assessed_on`,
    `types.<id>` (is this type of co-production part of the service's work?),
    `criteria.<id>`, `success_factors.<id>`, `readiness.<id>` or `target`. `intro` says what
    the question's section is about, for the first question of a section.
    """

    key: str
    kind: Kind
    section: str
    title: str
    help: str | None = None
    example: str | None = None
    choices: tuple[Choice, ...] = ()
    scale: str | None = None
    item_id: str | None = None
    rung: Rung | None = None
    activity: str | None = None
    optional: bool = False
    not_applicable_allowed: bool = False
    evidence_required: bool = False
    more_help: tuple[str, ...] = ()
    default: str | None = None
    intro: str | None = None


SERVICE_SECTION = "About the service"
SUCCESS_SECTION = "Critical success factors"
READINESS_SECTION = "Organisational readiness"
TARGET_SECTION = "Your target"
_SUCCESS_INTRO = ("How strong are the conditions that make co-production work, across the "
                  "organisation and not only in this service?")
_READINESS_INTRO = ("How far has the organisation taken the steps that put co-production on a "
                    "firm footing?")

# Service details, in the order a manager expects: what, who runs it, where, for whom, by whom.
_SERVICE_TEXT: tuple[tuple[str, str, str | None, bool], ...] = (
    ("service.name", "What is the service called?", "e.g. Harbour Youth Club", False),
    ("service.id", "A short id for the service", None, False),
    ("service.team", "Which team runs it?", "e.g. Early Help; Enter to leave blank", True),
    ("service.tags.area", "Which area does it cover?", "e.g. North, Cardiff, county-wide; "
     "Enter to leave blank", True),
    ("service.tags.age", "What age range does it work with?", "e.g. 0-5, 11-19; Enter to leave "
     "blank", True),
    ("assessed_by", "Who is doing this assessment?", "your name or role; Enter to leave blank",
     True),
)


def _choices(answer_set: AnswerSet) -> tuple[Choice, ...]:
    return tuple(Choice(n, o.id, o.label, o.meets and not o.unknown, o.description)
                 for n, o in enumerate(answer_set.options, 1))


def counting_note(choices: tuple[Choice, ...]) -> str | None:
    """Say which answers count as in place, for the prompt and the help."""
    counting = [c for c in choices if c.meets]
    if not counting or len(counting) == len(choices):
        return None
    numbers = " and ".join(str(c.number) for c in counting)
    several = len(counting) > 1
    return (f"Answer{'s' if several else ''} {numbers} count{'' if several else 's'} "
            "as in place; the others do not.")


SCOPE_IN, SCOPE_OUT = "in", "out"


def _scope_question(activity: Activity, section: str, rungs: list[Rung] | None = None,
                    ) -> Question:
    """Is the type part of the service's work? In quick mode (`rungs` given), also roughly
    where it stands, which decides the few questions asked about it."""
    if rungs is None:
        choices: tuple[Choice, ...] = (
            Choice(1, SCOPE_IN, "Yes, it is part of our work"),
            Choice(2, SCOPE_OUT, "No, it is not part of our work (say why)"))
        title = f"Is this part of the service's work: {activity.name}?"
    else:
        choices = (*(Choice(n, r.id, f"Roughly: {r.name} ({r.band})", description=r.summary)
                     for n, r in enumerate(rungs, 1)),
                   Choice(len(rungs) + 1, SCOPE_OUT, "It is not part of our work (say why)"))
        title = f"Roughly where does the service stand today in: {activity.name}?"
    help_text = activity.summary + (f" For example: {activity.example}" if activity.example
                                    else "")
    return Question(
        key=f"types.{activity.id}", kind=Kind.SCOPE, section=section,
        title=title, help=help_text,
        choices=choices, item_id=activity.id, activity=activity.name,
        more_help=("A type that is not part of the service's work is left out of its rung and "
                   "listed in the portfolio with your reason, so that it can be checked. Not "
                   "every type fits every service.",),
        intro=activity.summary)


def _service_questions(answers: Answers | None) -> list[Question]:
    out = []
    for key, title, example, optional in _SERVICE_TEXT:
        kind = Kind.SERVICE_ID if key == "service.id" else Kind.TEXT
        help_text = None
        if kind is Kind.SERVICE_ID:
            help_text = ("Used for file and report names: lower-case letters, digits and '-'.")
            if answers is not None:
                example = f"e.g. {derive_service_id(answers.service.name)}"
        out.append(Question(key=key, kind=kind, section=SERVICE_SECTION, title=title,
                            help=help_text, example=example, optional=optional))
    out.append(Question(key="assessed_on", kind=Kind.DATE, section=SERVICE_SECTION,
                        title="Date of the assessment",
                        example=f"{DATE_EXAMPLE}; Enter for today"))
    return out


def _criterion_question(c: Criterion, section: str, rubric: Rubric, rung_count: int,
                        intro: str | None) -> Question:
    rung = rubric.rung_by_id()[c.rung]
    activity = next((a.name for a in rubric.activities if a.id == c.activity), c.activity)
    answer_set = rubric.answer_set_by_id()[c.answer_set]
    more = [f"Rung {rung.level} of {rung_count}, {rung.name} ({rung.band}): {rung.summary}",
            f"In practice: {rung.in_practice}"]
    if c.guidance:
        more.append(f"How to get there: {c.guidance}")
    if not c.required:
        more.append("This criterion is not required for the rung; it shows depth of practice.")
    return Question(
        key=f"criteria.{c.id}", kind=Kind.CRITERION, section=section, title=c.statement,
        help=c.help, choices=_choices(answer_set), scale=answer_set.name, item_id=c.id,
        rung=rung, activity=activity, not_applicable_allowed=c.not_applicable_allowed,
        evidence_required=c.evidence_required, more_help=tuple(more), intro=intro)


def _factor_question(f: Factor, kind: Kind, section: str, rubric: Rubric,
                     intro: str | None = None) -> Question:
    answer_set = rubric.answer_set_by_id()[f.answer_set]
    rungs = rubric.rung_by_id()
    more = [f"Signs of this: {'; '.join(f.indicators)}"] if f.indicators else []
    if f.gates:
        names = ", ".join(rungs[g].name for g in f.gates if g in rungs)
        more.append(f"A service cannot stand on {names} until this is in place.")
    if f.guidance:
        more.append(f"How to get there: {f.guidance}")
    prefix = "success_factors" if kind is Kind.SUCCESS_FACTOR else "readiness"
    return Question(
        key=f"{prefix}.{f.id}", kind=kind, section=section, title=f.name, help=f.summary,
        choices=_choices(answer_set), scale=answer_set.name, item_id=f.id,
        more_help=tuple(more), intro=intro)


def _target_question(rubric: Rubric, answers: Answers | None) -> Question:
    rungs = rubric.rungs_in_order()
    help_text = "Not every service should aim for the top: choose the rung that fits it now."
    default = None
    if answers is not None:
        card = score(rubric, answers)
        default = (card.next_rung or card.rung).id
        help_text = (f"The service stands on rung {card.rung.level}, {card.rung.name}, today. "
                     + help_text)
    if answers is not None and answers.target is not None:
        default = answers.target.rung
    choices = tuple(Choice(n, r.id, f"{r.name} ({r.band})", description=r.summary)
                    for n, r in enumerate(rungs, 1))
    return Question(key="target", kind=Kind.TARGET, section=TARGET_SECTION,
                    title="Which rung should the service aim for next?", help=help_text,
                    choices=choices, scale="Rungs, bottom first", default=default)


def _criteria_by_activity(rubric: Rubric) -> list[Criterion]:
    """Activity by activity (rubric order); within one, rung by rung from the bottom."""
    level = {r.id: r.level for r in rubric.rungs}
    activities = [a.id for a in rubric.activities]
    position = {c.id: n for n, c in enumerate(rubric.criteria)}

    def key(c: Criterion) -> tuple[int, int, int]:
        act = activities.index(c.activity) if c.activity in activities else len(activities)
        return act, level.get(c.rung, 0), position[c.id]

    return sorted(rubric.criteria, key=key)


SCOPE_SECTION = "Which types of co-production are part of the service's work"


def _quick_questions(rubric: Rubric, answers: Answers | None,
                     out: set[str]) -> list[Question]:
    """Per type: roughly where it stands (or out of scope), then the criteria of that rung and
    of the next; then the success factors and readiness steps that gate the rungs up to the
    service's next one."""
    rungs = rubric.rungs_in_order()
    count = len(rungs)
    index = {r.id: i for i, r in enumerate(rungs)}
    card = score(rubric, answers) if answers is not None else None
    placed = {a.activity_id: index[a.rung.id] for a in card.activities
              if a.rung is not None} if card is not None else {}
    questions: list[Question] = []
    ordered = _criteria_by_activity(rubric)
    for activity in rubric.activities:
        section = activity.name
        if not activity.always_in_scope:
            questions.append(_scope_question(activity, section, rungs))
        declared = answers.types.get(activity.id) if answers is not None else None
        if activity.id in out or (declared is None and not activity.always_in_scope):
            continue
        guess = (index.get(declared.estimate or "") if declared is not None else None)
        here = guess if guess is not None else placed.get(activity.id, 0)
        by_level: dict[int, list[Criterion]] = {}
        for c in ordered:
            if c.activity == activity.id and c.rung in index:
                by_level.setdefault(index[c.rung], []).append(c)
        # The criteria that decide a rung: its required ones, or all when none is required.
        deciding = {lv: [c for c in cs if c.required] or cs for lv, cs in by_level.items()}
        wanted = [lv for lv in sorted(deciding) if lv == here] + [
            lv for lv in sorted(deciding) if lv > here][:1]
        questions += [_criterion_question(c, section, rubric, count, activity.summary)
                      for lv in wanted for c in deciding[lv]]
    standing = index[card.rung.id] if card is not None and card.placed else 0
    upto = min(standing + 1, count - 1)
    for kind, factors, title in ((Kind.SUCCESS_FACTOR, rubric.success_factors, SUCCESS_SECTION),
                                 (Kind.READINESS, rubric.readiness, READINESS_SECTION)):
        for f in factors:
            if any(index.get(g, count) <= upto for g in f.gates):
                questions.append(_factor_question(f, kind, title, rubric))
    return questions


def _out_of_scope(rubric: Rubric, answers: Answers | None) -> set[str]:
    if answers is None:
        return set()
    keep = {a.id for a in rubric.activities if a.always_in_scope}
    return {tid for tid, declared in answers.types.items()
            if declared.out_of_scope is not None and tid not in keep}


def questions_for(rubric: Rubric, answers: Answers | None = None, *,
                  quick: bool = False) -> tuple[Question, ...]:
    """Return the ordered questions of a session.

    Full mode: the service, then type by type of co-production (whether it is part of the
    service's work, then rung by rung from the bottom, unless it is not), the success factors,
    the readiness steps and the target.

    Quick mode asks only what decides the current and the next rung, type by type: roughly
    where the type stands today (or that it is not part of the service's work), then the
    criteria of that rung, which confirm it, and of the next, which decide the next step; then
    the success factors and readiness steps that gate the rungs up to the service's next one,
    and the target. Unanswered questions never count against the service, so the placement is
    provisional until the rest is answered in full mode.
    """
    questions = _service_questions(answers)
    rungs = rubric.rungs_in_order()
    count = len(rungs)
    activities = {a.id: a for a in rubric.activities}
    out = _out_of_scope(rubric, answers)
    if not quick:
        asked_scope: set[str] = set()
        for c in _criteria_by_activity(rubric):
            activity = activities.get(c.activity)
            if activity is not None and not activity.always_in_scope \
                    and activity.id not in asked_scope:
                asked_scope.add(activity.id)
                questions.append(_scope_question(activity, activity.name))
            if c.activity in out:
                continue
            questions.append(_criterion_question(
                c, activity.name if activity else c.activity, rubric, count,
                activity.summary if activity else None))
        questions += [_factor_question(f, Kind.SUCCESS_FACTOR, SUCCESS_SECTION, rubric,
                                       _SUCCESS_INTRO) for f in rubric.success_factors]
        questions += [_factor_question(f, Kind.READINESS, READINESS_SECTION, rubric,
                                       _READINESS_INTRO) for f in rubric.readiness]
    else:
        questions += _quick_questions(rubric, answers, out)
    questions.append(_target_question(rubric, answers))
    return tuple(questions)


# --------------------------------------------------------------------------------------------
# Reading typed entries
# --------------------------------------------------------------------------------------------


class InvalidEntry(ValueError):
    """A typed entry that cannot be used; the message says what is expected."""


_SHORT = TypeAdapter(ShortText)
_TEXT = TypeAdapter(Text)
_IDENT = TypeAdapter(Identifier)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
DATE_EXAMPLE = "e.g. 2026-03-31 or 31/03/2026"


def read_text(raw: str, *, long: bool = False) -> str:
    """Return the cleaned text, or raise InvalidEntry saying what is wrong with it."""
    adapter, limit = (_TEXT, 4000) if long else (_SHORT, 300)
    try:
        return str(adapter.validate_python(raw))
    except ValidationError:
        if not raw.strip():
            raise InvalidEntry("this cannot be empty") from None
        raise InvalidEntry(f"that is {len(raw.strip())} characters; keep it under {limit} "
                           "(put the full text in a document and say where it is)") from None


def read_service_id(raw: str) -> str:
    """Return a valid service id, or raise InvalidEntry explaining the form ids take."""
    value = raw.strip()
    try:
        return str(_IDENT.validate_python(value))
    except ValidationError:
        raise InvalidEntry(
            f"'{value}' is not a usable id: use lower-case letters, digits and '-' (start with "
            f"a letter or digit), e.g. {derive_service_id(value) if value else 'harbour-youth'}"
        ) from None


def read_date(raw: str, today: dt.date, *, not_after_today: bool = False) -> dt.date:
    """Return the date typed (`today` for 'today'), or raise InvalidEntry."""
    value = raw.strip()
    if value.lower() == "today":
        return today
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not_after_today and day > today:
            raise InvalidEntry(f"{day.isoformat()} is in the future; give the date it happened")
        return day
    raise InvalidEntry(f"'{value}' is not a date; type a date like 2026-03-31 or 31/03/2026 "
                       "(day first), or 'today'")


_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "&": " and "})


def derive_service_id(name: str) -> str:
    """Return an id made from a service name: 'Ysgol Gân (Môn)' becomes 'ysgol-gan-mon'."""
    letters = unicodedata.normalize("NFKD", name.lower().translate(_LETTERS))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return slug or "service"


def new_answers(rubric: Rubric, name: str, service_id: str) -> Answers:
    """Return a fresh answers model for a service about to be assessed against `rubric`."""
    return Answers(rubric=RubricRef(id=rubric.id, version=rubric.version),
                   service=Service(id=service_id, name=name))


# --------------------------------------------------------------------------------------------
# Answers: what a question holds, and how to change it
# --------------------------------------------------------------------------------------------


def _text_value(answers: Answers, key: str) -> str | None:
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


def _with_text(answers: Answers, key: str, value: str | None) -> Answers:
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


def _section_of(question: Question) -> str:
    return {Kind.CRITERION: "criteria", Kind.SUCCESS_FACTOR: "success_factors",
            Kind.READINESS: "readiness"}[question.kind]


def _item(answers: Answers, question: Question) -> Any:
    """Return the CriterionAnswer/FactorAnswer a question holds (an empty one if none)."""
    items: Mapping[str, Any] = getattr(answers, _section_of(question))
    empty = CriterionAnswer() if question.kind is Kind.CRITERION else FactorAnswer()
    return items.get(question.item_id or "", empty)


def _with_item(answers: Answers, question: Question, rubric: Rubric, **update: Any) -> Answers:
    """Return answers with the question's item updated; items stay in rubric order."""
    section = _section_of(question)
    items: dict[str, Any] = dict(getattr(answers, section))
    item_id = question.item_id or ""
    items[item_id] = _item(answers, question).model_copy(update=update)
    order = {"criteria": [c.id for c in rubric.criteria],
             "success_factors": [f.id for f in rubric.success_factors],
             "readiness": [f.id for f in rubric.readiness]}[section]
    rank = {i: n for n, i in enumerate(order)}
    keys = sorted(items, key=lambda k: rank.get(k, len(rank)))
    return answers.model_copy(update={section: {k: items[k] for k in keys}})


def _with_type(answers: Answers, question: Question, rubric: Rubric,
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
        return (_text_value(answers, question.key) is not None or not question.optional
                or answers.assessed_on is not None)
    if question.kind is Kind.DATE:
        return answers.assessed_on is not None
    if question.kind is Kind.TARGET:
        return answers.target is not None
    if question.kind is Kind.SCOPE:
        return (question.item_id or "") in answers.types
    given = _item(answers, question)
    if isinstance(given, CriterionAnswer) and given.not_applicable is not None:
        return question.not_applicable_allowed
    return given.answer is not None


def describe(question: Question, answers: Answers) -> str | None:
    """Return the current answer to a question in words, or None when there is none."""
    if question.kind in (Kind.TEXT, Kind.SERVICE_ID):
        return _text_value(answers, question.key)
    if question.kind is Kind.DATE:
        return answers.assessed_on.isoformat() if answers.assessed_on else None
    if question.kind is Kind.TARGET:
        if answers.target is None:
            return None
        choice = next((c for c in question.choices if c.id == answers.target.rung), None)
        words = f"{choice.number} {choice.label}" if choice else answers.target.rung
        return words + (f" — {answers.target.reason}" if answers.target.reason else "")
    if question.kind is Kind.SCOPE:
        declared = answers.types.get(question.item_id or "")
        if declared is None:
            return None
        if declared.out_of_scope is not None:
            return f"not part of our work — {declared.out_of_scope}"
        chosen = next((c for c in question.choices if c.id == declared.estimate), None)
        return f"{chosen.number} {chosen.label}" if chosen else "part of our work"
    given = _item(answers, question)
    if isinstance(given, CriterionAnswer) and given.not_applicable is not None \
            and question.not_applicable_allowed:
        return f"not applicable — {given.not_applicable}"
    if given.answer is None:
        return None
    choice = next((c for c in question.choices if c.id == given.answer), None)
    return f"{choice.number} {choice.label}" if choice else given.answer


def details(question: Question, answers: Answers) -> tuple[str, ...]:
    """Return the evidence, what CYP&F said and the validation recorded on a question."""
    if question.kind not in (Kind.CRITERION, Kind.SUCCESS_FACTOR, Kind.READINESS):
        return ()
    given = _item(answers, question)
    lines = []
    for e in given.evidence:
        extra = ", ".join(x for x in (e.where, e.date.isoformat() if e.date else None) if x)
        lines.append(f"Evidence: {e.what}" + (f" ({extra})" if extra else ""))
    if isinstance(given, CriterionAnswer):
        if given.cyp_say:
            lines.append(f"Children, young people or families said: {given.cyp_say}")
        if given.validated:
            on = f" on {given.validated.on.isoformat()}" if given.validated.on else ""
            lines.append(f"Validated by {given.validated.by}{on}")
    return tuple(lines)


# --------------------------------------------------------------------------------------------
# The session
# --------------------------------------------------------------------------------------------


class Step(StrEnum):
    """Where in a question (or outside one) the session is."""

    ASK = "ask"
    NOT_APPLICABLE = "not applicable"
    DETAILS = "details"
    EVIDENCE_WHAT = "evidence what"
    EVIDENCE_WHERE = "evidence where"
    EVIDENCE_DATE = "evidence date"
    CYP_SAY = "cyp say"
    VALIDATED_BY = "validated by"
    VALIDATED_ON = "validated on"
    TARGET_REASON = "target reason"
    SCOPE_REASON = "scope reason"
    REVIEW = "review"


class State(StrEnum):
    """Whether the session goes on, has finished (write the reports) or was left to resume."""

    RUNNING = "running"
    FINISHED = "finished"
    QUIT = "quit"


@dataclass(frozen=True)
class Message:
    """What the last entry did: an `error` (asked again) or `info` (such as help)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Prompt:
    """What to show for the current step: the question, its place, the words and the keys."""

    step: Step
    question: Question | None
    number: int
    total: int
    ask: str
    default: str | None
    now: str | None
    keys: tuple[str, ...]
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review screen (`answered` with no `answer`: left blank on purpose)."""

    number: int
    section: str
    title: str
    answer: str | None
    answered: bool
    details: int


_COMMANDS = {"b", "s", "n", "r", "?", "q", "help"}
_CLEAR = "-"


@dataclass(frozen=True)
class Session:
    """An immutable questionnaire in progress: rubric, answers, position and last message."""

    rubric: Rubric
    answers: Answers
    today: dt.date
    quick: bool = False
    key: str | None = None
    step: Step = Step.ASK
    back_to_review: bool = False
    state: State = State.RUNNING
    message: Message | None = None
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # ---- construction and position ----------------------------------------------------------

    @classmethod
    def start(cls, rubric: Rubric, answers: Answers, today: dt.date, *,
              quick: bool = False) -> Session:
        """Open a session at the first unanswered question (the review when all are answered)."""
        session = cls(rubric=rubric, answers=answers, today=today, quick=quick)
        first = session.first_unanswered()
        if first is None:
            return replace(session, key=None, step=Step.REVIEW, _cache={})
        return replace(session, key=first.key, step=Step.ASK, _cache={})

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return the session's questions, in order (quick mode: as far as the answers go)."""
        if "questions" not in self._cache:
            self._cache["questions"] = questions_for(self.rubric, self.answers, quick=self.quick)
        found: tuple[Question, ...] = self._cache["questions"]
        return found

    @property
    def index(self) -> int | None:
        """Return the 0-based position of the current question, or None on the review screen."""
        if self.step is Step.REVIEW or self.key is None:
            return None
        return next((n for n, q in enumerate(self.questions) if q.key == self.key), None)

    @property
    def current(self) -> Question | None:
        """Return the current question, or None on the review screen."""
        index = self.index
        return None if index is None else self.questions[index]

    def first_unanswered(self, after: int = -1) -> Question | None:
        """Return the first unanswered question after position `after`, if any."""
        for question in self.questions[after + 1:]:
            if not is_answered(question, self.answers):
                return question
        return None

    def unanswered(self) -> list[Question]:
        """Return every question not answered yet, in order."""
        return [q for q in self.questions if not is_answered(q, self.answers)]

    def review(self) -> list[ReviewRow]:
        """Return one row per question for the review screen.

        Criteria often start alike, so each is labelled with what its section does not say:
        the rung (sections are activities) or the activity (quick mode: sections are rungs).
        """
        rows = []
        for n, q in enumerate(self.questions, 1):
            title = q.title
            if q.kind is Kind.CRITERION and q.rung is not None:
                title = (f"Rung {q.rung.level}: {title}" if q.section == q.activity
                         else f"{q.activity}: {title}")
            rows.append(ReviewRow(n, q.section, title, describe(q, self.answers),
                                  is_answered(q, self.answers), len(details(q, self.answers))))
        return rows

    # ---- what to show ---------------------------------------------------------------------

    def prompt(self) -> Prompt:
        """Return what the CLI should show and ask for the current step."""
        total = len(self.questions)
        if self.step is Step.REVIEW:
            left = len(self.unanswered())
            keys = ("a number: change that answer",
                    f"Enter: answer the {left} unanswered" if left else "Enter: finish",
                    "f finish now (unanswered questions count as not met)" if left
                    else "f finish and write the report",
                    "q save and quit")
            return Prompt(self.step, None, 0, total, "Question number, or Enter", None, None,
                          keys)
        question = self.current
        assert question is not None  # a running session always points at a question
        number = (self.index or 0) + 1
        now = describe(question, self.answers)
        common = ("b back", "r review", "? help", "q save and quit")
        step = self.step
        if step is Step.ASK:
            return self._ask_prompt(question, number, total, now)
        if step is Step.NOT_APPLICABLE:
            given = _item(self.answers, question)
            return Prompt(step, question, number, total,
                          "Why does this not apply to the service?", given.not_applicable,
                          now, ("type the reason (needed)", "b back to the answers"))
        if step is Step.DETAILS:
            detail_keys = ["e add evidence (what, where, date)"]
            if question.kind is Kind.CRITERION:
                detail_keys += ["c what CYP&F said", "v validated by CYP&F (who, when)"]
            detail_keys += ["Enter next question", *common]
            recorded = details(question, self.answers)
            if question.evidence_required and not _item(self.answers, question).evidence:
                recorded = ("No evidence yet: this answer counts for the rung only with "
                            "evidence.", *recorded)
            elif not recorded:
                recorded = ("No evidence recorded yet.",)
            return Prompt(step, question, number, total, "Add details, or Enter for the next "
                          "question", None, now, tuple(detail_keys), recorded)
        texts = {
            Step.EVIDENCE_WHAT: ("What is the evidence? (e.g. survey results, minutes of the "
                                 "youth forum)", "Enter adds none"),
            Step.EVIDENCE_WHERE: ("Where is it kept? (a link, folder or system)",
                                  "Enter to leave blank"),
            Step.EVIDENCE_DATE: (f"Date of the evidence ({DATE_EXAMPLE})",
                                 "Enter to leave blank"),
            Step.CYP_SAY: ("What did children, young people or families say about it?",
                           "Enter keeps what is there, - clears it"),
            Step.VALIDATED_BY: ("Who among children, young people or families checked this "
                                "claim? (e.g. the youth council)",
                                "Enter keeps what is there, - clears it"),
            Step.VALIDATED_ON: (f"When did they check it? ({DATE_EXAMPLE})",
                                "Enter to leave blank"),
            Step.TARGET_REASON: ("Why this rung? (a sentence for the report)",
                                 "Enter keeps what is there, - clears it"),
            Step.SCOPE_REASON: ("Why is this not part of the service's work? (a sentence for "
                                "the report and the portfolio)", "a reason is needed"),
        }
        ask, hint = texts[step]
        default = None
        given = _item(self.answers, question) if question.kind is Kind.CRITERION else None
        if step is Step.CYP_SAY and given is not None:
            default = given.cyp_say
        elif step is Step.VALIDATED_BY and given is not None and given.validated:
            default = given.validated.by
        elif step is Step.TARGET_REASON and self.answers.target is not None:
            default = self.answers.target.reason
        elif step is Step.SCOPE_REASON:
            declared = self.answers.types.get(question.item_id or "")
            default = declared.out_of_scope if declared is not None else None
        return Prompt(step, question, number, total, ask, default, now, (hint, "b back"),
                      details(question, self.answers))

    def _ask_prompt(self, question: Question, number: int, total: int,
                    now: str | None) -> Prompt:
        keys: list[str] = []
        default: str | None = None
        if question.choices:
            keys.append(f"1-{len(question.choices)} choose")
            if question.kind is Kind.TARGET:
                choice = next((c for c in question.choices if c.id == question.default), None)
                default = f"{choice.number} {choice.label}" if choice else None
            elif now is not None:
                default = now
            ask = "Your answer"
        elif question.kind is Kind.DATE:
            default = now or self.today.isoformat()
            ask = "Date"
        else:
            default = now
            ask = "Your answer"
        if default is not None:
            keys.append("Enter " + ("for the suggestion" if now is None else "keeps this answer"))
        if question.kind is Kind.TEXT and question.optional and now is not None:
            keys.append("- clear it")
        keys += ["b back", "s skip for later"]
        if question.not_applicable_allowed:
            keys.append("n not applicable")
        keys += ["r review", "? help", "q save and quit"]
        return Prompt(Step.ASK, question, number, total, ask, default, now, tuple(keys),
                      details(question, self.answers))

    # ---- handling an entry ------------------------------------------------------------------

    def handle(self, raw: str) -> Session:
        """Apply one typed entry and return the next session (never raises for bad input)."""
        if self.state is not State.RUNNING:
            return self
        entry = raw.strip()
        command = entry.lower()
        fresh = replace(self, message=None, _cache=self._cache)
        try:
            if self.step is Step.REVIEW:
                return fresh._on_review(entry)
            if command in ("?", "help"):
                return fresh._say("info", self._help())
            if command == "q":
                return replace(fresh, state=State.QUIT)
            if command == "r":
                return replace(fresh, step=Step.REVIEW, back_to_review=False)
            return STEP_HANDLERS[self.step](fresh, entry)
        except InvalidEntry as exc:
            return fresh._say("error", str(exc))

    def _say(self, kind: str, text: str) -> Session:
        return replace(self, message=Message(kind, text))

    def _update(self, answers: Answers, **changes: Any) -> Session:
        """Return a session with new answers (questions are recomputed for them).

        In quick mode a changed answer can take questions out of the list; a session left on
        one of those moves to the first unanswered question.
        """
        moved = replace(self, answers=answers, _cache={}, **changes)
        if moved.step is not Step.REVIEW and moved.index is None:
            return moved._go(moved.first_unanswered())
        return moved

    def _go(self, question: Question | None, step: Step = Step.ASK) -> Session:
        if question is None:
            return replace(self, key=None, step=Step.REVIEW, back_to_review=False)
        return replace(self, key=question.key, step=step)

    def _advance(self) -> Session:
        """Move on after an answer: back to the review if it sent us, else the next unanswered."""
        if self.back_to_review:
            return replace(self, key=None, step=Step.REVIEW, back_to_review=False)
        index = self.index
        return self._go(self.first_unanswered(after=index if index is not None else -1))

    def _back(self) -> Session:
        index = self.index or 0
        if index == 0:
            return self._say("info", "This is the first question.")
        return replace(self._go(self.questions[index - 1]), back_to_review=False)

    def _help(self) -> str:
        question = self.current
        lines: list[str] = []
        if question is not None:
            lines += [x for x in (question.help, *question.more_help) if x]
            for c in question.choices:
                if c.description:
                    lines.append(f"{c.number} {c.label}: {c.description}")
            if question.kind in (Kind.CRITERION, Kind.SUCCESS_FACTOR, Kind.READINESS):
                note = counting_note(question.choices)
                if note:
                    lines.append(note)
        lines.append("Keys: a number chooses an answer; b goes back one question; s skips it "
                     "for later; n marks it not applicable (where the rubric allows, with a "
                     "reason); r shows every answer so far and lets you change any; q saves and "
                     "quits (carry on later with --answers). Every answer is saved as you go.")
        return "\n".join(lines)

    # ---- steps ------------------------------------------------------------------------------

    def _on_ask(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        command = entry.lower()
        if command == "b":
            return self._back()
        if command == "s":
            return self._advance() if self.back_to_review else self._go(
                self.first_unanswered(after=self.index or 0))
        if command == "n" and question.kind is not Kind.CRITERION:
            raise InvalidEntry("only some criteria can be marked not applicable; "
                               + ("type the text, or Enter" if question.kind is Kind.TEXT
                                  else "choose an answer, or s to skip it for later"))
        if command == "n":
            if not question.not_applicable_allowed:
                raise InvalidEntry("the rubric does not let this question be marked not "
                                   "applicable; choose an answer, or s to skip it for later")
            return replace(self, step=Step.NOT_APPLICABLE)
        if question.kind is Kind.TEXT or question.kind is Kind.SERVICE_ID:
            return self._on_text(question, entry)
        if question.kind is Kind.DATE:
            day = read_date(entry, self.today) if entry else (
                self.answers.assessed_on or self.today)
            return self._update(self.answers.model_copy(update={"assessed_on": day}))._advance()
        if not entry and question.kind is not Kind.TARGET and is_answered(question, self.answers):
            given = _item(self.answers, question)
            kept = next((c for c in question.choices if c.id == given.answer), None)
            return self._stay(question, Step.DETAILS) if kept and kept.meets else self._advance()
        if not entry and question.kind is Kind.SCOPE and is_answered(question, self.answers):
            return self._advance()
        choice = self._choice(question, entry)
        if question.kind is Kind.SCOPE:
            if choice.id == SCOPE_OUT:
                return self._stay(question, Step.SCOPE_REASON)
            estimate = None if choice.id == SCOPE_IN else choice.id
            return self._update(_with_type(self.answers, question, self.rubric,
                                           out_of_scope=None, estimate=estimate))._advance()
        if question.kind is Kind.TARGET:
            reason = self.answers.target.reason if self.answers.target else None
            target = Target(rung=choice.id, reason=reason)
            return self._update(self.answers.model_copy(update={"target": target}),
                                step=Step.TARGET_REASON)
        if question.kind is Kind.CRITERION:
            answers = _with_item(self.answers, question, self.rubric, answer=choice.id,
                                 not_applicable=None)
        else:
            answers = _with_item(self.answers, question, self.rubric, answer=choice.id)
        moved = self._update(answers)
        if choice.meets:
            return moved._stay(question, Step.DETAILS)
        return moved._advance()

    def _stay(self, question: Question, step: Step) -> Session:
        """Stay on `question` at `step` (it may have moved in a quick-mode list)."""
        return replace(self, key=question.key, step=step)

    def _choice(self, question: Question, entry: str) -> Choice:
        span = f"1 to {len(question.choices)}"
        if not entry:
            found = next((c for c in question.choices if c.id == question.default), None)
            if found is None:
                raise InvalidEntry(f"type a number from {span} (or s to skip it for later, "
                                   "? for help)")
            return found
        for c in question.choices:
            if entry.rstrip(".") == str(c.number) or entry.lower() == c.id:
                return c
        extra = ", n for not applicable" if question.not_applicable_allowed else ""
        raise InvalidEntry(f"'{entry}' is not one of the answers; type a number from {span}"
                           f"{extra} (or s to skip it for later, ? for help)")

    def _on_text(self, question: Question, entry: str) -> Session:
        current = _text_value(self.answers, question.key)
        if not entry:
            if current is None and not question.optional:
                raise InvalidEntry("this is needed: type it, then Enter")
            value = current
        elif entry == _CLEAR:
            if not question.optional:
                raise InvalidEntry("this cannot be cleared; type a new one, or Enter to keep it")
            value = None
        elif question.kind is Kind.SERVICE_ID:
            value = read_service_id(entry)
        else:
            value = read_text(entry)
        return self._update(_with_text(self.answers, question.key, value))._advance()

    def _on_not_applicable(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() == "b":
            return replace(self, step=Step.ASK)
        reason = self._reason(entry, _item(self.answers, question).not_applicable,
                              "say why this does not apply to the service",
                              "The team holds no budget of its own")
        answers = _with_item(self.answers, question, self.rubric, answer=None,
                             not_applicable=reason)
        return self._update(answers)._advance()

    def _on_details(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        command = entry.lower()
        if command in ("", "s"):
            return self._advance()
        if command == "b":
            return replace(self, step=Step.ASK)
        if command == "e":
            return replace(self, step=Step.EVIDENCE_WHAT)
        if question.kind is Kind.CRITERION and command == "c":
            return replace(self, step=Step.CYP_SAY)
        if question.kind is Kind.CRITERION and command == "v":
            return replace(self, step=Step.VALIDATED_BY)
        keys = "e, c or v" if question.kind is Kind.CRITERION else "e"
        raise InvalidEntry(f"type {keys} to add details, or Enter for the next question")

    def _evidence(self) -> list[Evidence]:
        question = self.current
        assert question is not None
        return list(_item(self.answers, question).evidence)

    def _with_last_evidence(self, **update: Any) -> Session:
        question = self.current
        assert question is not None
        items = self._evidence()
        items[-1] = items[-1].model_copy(update=update)
        return self._update(_with_item(self.answers, question, self.rubric, evidence=items))

    def _on_evidence_what(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        # Saved at once, then completed by the next two steps: nothing typed is lost.
        items = [*self._evidence(), Evidence(what=read_text(entry, long=True))]
        answers = _with_item(self.answers, question, self.rubric, evidence=items)
        return self._update(answers, step=Step.EVIDENCE_WHERE)

    def _on_evidence_where(self, entry: str) -> Session:
        if entry.lower() == "b":
            return replace(self, step=Step.DETAILS)
        if entry.lower() in ("", "s"):
            return replace(self, step=Step.EVIDENCE_DATE)
        return replace(self._with_last_evidence(where=read_text(entry)), step=Step.EVIDENCE_DATE)

    def _on_evidence_date(self, entry: str) -> Session:
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        day = read_date(entry, self.today, not_after_today=True)
        return replace(self._with_last_evidence(date=day), step=Step.DETAILS)

    def _on_cyp_say(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        said = None if entry == _CLEAR else read_text(entry, long=True)
        answers = _with_item(self.answers, question, self.rubric, cyp_say=said)
        return self._update(answers, step=Step.DETAILS)

    def _on_validated_by(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        if entry == _CLEAR:
            answers = _with_item(self.answers, question, self.rubric, validated=None)
            return self._update(answers, step=Step.DETAILS)
        answers = _with_item(self.answers, question, self.rubric,
                             validated=Validation(by=read_text(entry)))
        return self._update(answers, step=Step.VALIDATED_ON)

    def _on_validated_on(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        day = read_date(entry, self.today, not_after_today=True)
        given = _item(self.answers, question)
        validated = given.validated.model_copy(update={"on": day})
        answers = _with_item(self.answers, question, self.rubric, validated=validated)
        return self._update(answers, step=Step.DETAILS)

    def _on_target_reason(self, entry: str) -> Session:
        target = self.answers.target
        assert target is not None
        if entry.lower() == "b":
            return replace(self, step=Step.ASK)
        if entry.lower() in ("", "s"):
            return self._advance()
        reason = None if entry == _CLEAR else read_text(entry, long=True)
        answers = self.answers.model_copy(update={
            "target": target.model_copy(update={"reason": reason})})
        return self._update(answers)._advance()

    def _reason(self, entry: str, kept: str | None, ask: str, example: str) -> str:
        """Read a not-applicable or out-of-scope reason: needed, and long enough to explain
        something (the rubric's `min_reason_chars`); Enter keeps the one already given."""
        if not entry and kept is not None:
            return kept
        if not entry or entry.lower() in _COMMANDS:
            raise InvalidEntry(f"{ask} (a reason is needed, and goes in the report); b to go "
                               "back to the answers")
        reason = read_text(entry, long=True)
        least = self.rubric.scoring.min_reason_chars
        if len(reason.strip()) < least:
            raise InvalidEntry(f"'{reason.strip()}' is too short to explain it; say why in at "
                               f"least {least} characters, for example '{example}'")
        return reason

    def _on_scope_reason(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() == "b":
            return replace(self, step=Step.ASK)
        declared = self.answers.types.get(question.item_id or "")
        reason = self._reason(entry, declared.out_of_scope if declared is not None else None,
                              "say why this is not part of the service's work",
                              "We hold no budget and cannot raise money")
        return self._update(_with_type(self.answers, question, self.rubric,
                                       out_of_scope=reason))._advance()

    def _on_review(self, entry: str) -> Session:
        command = entry.lower()
        left = self.unanswered()
        if command == "q":
            return replace(self, state=State.QUIT)
        if command in ("?", "help"):
            return self._say("info", "Type the number of a question to change its answer; "
                             "Enter answers the unanswered ones (or finishes when there are "
                             "none); f finishes and writes the report; q saves and quits.")
        if command == "f" or (command == "" and not left):
            return replace(self, state=State.FINISHED)
        if command in ("", "u"):
            if not left:
                return self._say("info", "Every question is answered; f to finish.")
            return self._go(left[0])
        if command == "b":
            return self._go(self.questions[-1])
        number = entry.lstrip("#").rstrip(".")
        if number.isdigit() and 1 <= int(number) <= len(self.questions):
            question = self.questions[int(number) - 1]
            return replace(self._go(question), back_to_review=True)
        raise InvalidEntry(f"type a question number from 1 to {len(self.questions)}, Enter, "
                           "f to finish or q to save and quit")


# What each step does with an entry. REVIEW is here too, though `handle` sends review entries
# to it before the commands are read (in review, "q" and "r" mean something else).
STEP_HANDLERS: dict[Step, Callable[[Session, str], Session]] = {
    Step.ASK: Session._on_ask,
    Step.NOT_APPLICABLE: Session._on_not_applicable,
    Step.DETAILS: Session._on_details,
    Step.EVIDENCE_WHAT: Session._on_evidence_what,
    Step.EVIDENCE_WHERE: Session._on_evidence_where,
    Step.EVIDENCE_DATE: Session._on_evidence_date,
    Step.CYP_SAY: Session._on_cyp_say,
    Step.VALIDATED_BY: Session._on_validated_by,
    Step.VALIDATED_ON: Session._on_validated_on,
    Step.TARGET_REASON: Session._on_target_reason,
    Step.SCOPE_REASON: Session._on_scope_reason,
    Step.REVIEW: Session._on_review,
}
