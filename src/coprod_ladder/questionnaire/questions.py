"""The questions of a self-assessment: which are asked, in what order, with what choices.

Owns `Question` and `Kind` (what a question asks for), the sections, `question_table` (every
question a session can ask, each with the condition, as data, under which it is shown; see
`flow`) and `questions_for` (the ones shown for given answers). `coprod assess` and the HTML
form (`form/`) both read this one table, so they ask the same questions in the same order.
Pure: it must not print, prompt, read the clock or touch files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from coprod_ladder.language import N_, _, ngettext, pgettext
from coprod_ladder.model import (
    Activity,
    Answers,
    AnswerSet,
    CheckedRubric,
    Criterion,
    Factor,
    ItemKind,
    Rung,
)
from coprod_ladder.questionnaire.entries import DATE_EXAMPLE, derive_service_id
from coprod_ladder.questionnaire.flow import (
    JURISDICTION_KEY,
    SCOPE_IN,
    SCOPE_OUT,
    Condition,
    all_of,
    answer_values,
    any_of,
    not_,
    one_of,
    shown,
)
from coprod_ladder.rendering.labels import band_words
from coprod_ladder.scoring import score

# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------


class Kind(StrEnum):
    """What a question asks for, which decides how its entry is read."""

    TEXT = "text"
    SERVICE_ID = "service id"
    DATE = "date"
    CRITERION = ItemKind.CRITERION.value
    SUCCESS_FACTOR = "success factor"  # the form's own ids, which its page carries
    READINESS = "readiness step"
    TARGET = "target"
    SCOPE = "scope"
    DUTY = "duty"
    JURISDICTION = "jurisdiction"
    MAIN_WORK = "main work"


@dataclass(frozen=True)
class Choice:
    """One numbered answer on a question's scale."""

    number: int
    id: str
    label: str
    meets: bool | None = None
    description: str | None = None
    when: Condition | None = None


@dataclass(frozen=True)
class Question:
    """One question, with everything needed to show it and to read its answer.

    `key` is unique and stable: `service.name`, `service.tags.area`, `assessed_on`,
    `types.<id>` (is this type of co-production part of the service's work?),
    `criteria.<id>`, `success_factors.<id>`, `readiness.<id>` or `target`. `intro` says what
    the question's section is about, for the first question of a section. `typing` says how
    to type the answer at a terminal (`assess` only; the form has controls). `when` says when
    it is shown (None: always; see `flow`); a choice's `when`, when that choice is offered.
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
    when: Condition | None = None
    typing: str | None = None


# Section titles and intros are marked here and translated where a question is built (the
# language is chosen after import): `_(SERVICE_SECTION)`.
SERVICE_SECTION = N_("About the service")
SUCCESS_SECTION = N_("Critical success factors")
READINESS_SECTION = N_("Organisational readiness")
TARGET_SECTION = N_("Your target")
_SUCCESS_INTRO = N_("How strong are the conditions that make co-production work, across the "
                    "organisation and not only in this service?")
_READINESS_INTRO = N_("How far has the organisation taken the steps that put co-production on "
                      "a firm footing?")

# Service details, in the order a manager expects: what, who runs it, where, for whom, by whom.
_SERVICE_TEXT: tuple[tuple[str, str, str | None, bool], ...] = (
    ("service.name", N_("What is the service called?"), N_("e.g. Harbour Youth Club"), False),
    ("service.id", N_("A short id for the service"), None, False),
    ("service.team", N_("Which team runs it?"), N_("e.g. Early Help"), True),
    ("service.tags.area", N_("Which area does it cover?"), N_("e.g. North, Cardiff, county-wide"),
     True),
    ("service.tags.age", N_("What age range does it work with?"), N_("e.g. 0-5, 11-19"), True),
    ("assessed_by", N_("Who is doing this assessment?"), N_("your name or role"), True),
)
#: How to leave an optional detail blank at a terminal (the form shows an empty box instead).
_LEAVE_BLANK = N_("Enter to leave blank")


def _choices(answer_set: AnswerSet) -> tuple[Choice, ...]:
    return tuple(Choice(n, o.id, o.label, o.meets and not o.unknown, o.description)
                 for n, o in enumerate(answer_set.options, 1))


def counting_note(choices: tuple[Choice, ...]) -> str | None:
    """Say which answers count as in place, for the prompt and the help."""
    counting = [c for c in choices if c.meets]
    if not counting or len(counting) == len(choices):
        return None
    # TRANSLATORS: the word between answer numbers, as in "Answers 3 and 4 count as in place".
    joiner = pgettext("between answer numbers", "and")
    numbers = f" {joiner} ".join(str(c.number) for c in counting)
    return ngettext("Answer {numbers} counts as in place; the others do not.",
                    "Answers {numbers} count as in place; the others do not.",
                    len(counting)).format(numbers=numbers)


DUTY_YES, DUTY_NO = "yes", "no"


def _scope_question(activity: Activity, section: str, rungs: list[Rung] | None = None,
                    ) -> Question:
    """Is the type part of the service's work? In quick mode (`rungs` given), also roughly
    where it stands, which decides the few questions asked about it."""
    if rungs is None:
        choices: tuple[Choice, ...] = (
            Choice(1, SCOPE_IN, _("Yes, it is part of our work")),
            Choice(2, SCOPE_OUT, _("No, it is not part of our work (say why)")))
        title = _("Is this part of the service's work: {type}?").format(type=activity.name)
    else:
        roughly = tuple(Choice(n, r.id, _("Roughly: {rung} ({band})").format(
                                   rung=r.name, band=band_words(r.band)),
                               description=r.summary) for n, r in enumerate(rungs, 1))
        choices = roughly if activity.always_in_scope else (
            *roughly, Choice(len(rungs) + 1, SCOPE_OUT,
                             _("It is not part of our work (say why)")))
        title = _("Roughly where does the service stand today in: {type}?").format(
            type=activity.name)
    help_text = (_("{summary} For example: {example}").format(
                     summary=activity.summary, example=activity.example)
                 if activity.example else activity.summary)
    return Question(
        key=f"types.{activity.id}", kind=Kind.SCOPE, section=section,
        title=title, help=help_text,
        choices=choices, item_id=activity.id, activity=activity.name,
        more_help=(_("A type that is not part of the service's work is left out of its rung "
                     "and listed in the portfolio with your reason, so that it can be checked. "
                     "Not every type fits every service."),),
        intro=activity.summary)


def _duty_questions(rubric: CheckedRubric) -> list[Question]:
    """One yes/no question per duty the rubric names: they decide which statutory floors
    apply and which types count as main work."""
    # TRANSLATORS: the answers to "does the service have this legal duty?" (a short label).
    yes, no = pgettext("has the duty", "Yes"), pgettext("has the duty", "No")
    return [Question(key=f"service.duties.{d.id}", kind=Kind.DUTY, section=_(SERVICE_SECTION),
                     title=d.question, item_id=d.id, optional=True,
                     choices=(Choice(1, DUTY_YES, yes), Choice(2, DUTY_NO, no)),
                     help=_("{duty}. This decides which legal duties the report checks the "
                            "service against.").format(duty=d.name))
            for d in rubric.duties]


def _jurisdiction_question(rubric: CheckedRubric) -> list[Question]:
    """Which country's law applies: asked only when the rubric lists more than one. Left
    unanswered, the service is read as in the first (the rubric's default)."""
    if len(rubric.jurisdictions) < 2:
        return []
    first = rubric.jurisdictions[0]
    return [Question(
        key=JURISDICTION_KEY, kind=Kind.JURISDICTION, section=_(SERVICE_SECTION),
        title=_("Which country's law applies to this service?"), optional=True,
        choices=tuple(Choice(n, j.id, j.name) for n, j in enumerate(rubric.jurisdictions, 1)),
        default=first.id, scale=_("Countries"),
        help=_("The report cites this country's law, and only the questions that apply there "
               "are asked. Not answered: {country}.").format(country=first.name))]


def in_country(limited_to: list[str], rubric: CheckedRubric) -> Condition | None:
    """Shown only for a service in one of these jurisdictions (none: every service), as
    `scoring.law.applies_in` decides: an unanswered country question reads as the first."""
    if not limited_to:
        return None
    ids = [j.id for j in rubric.jurisdictions]
    if not ids:
        return any_of([])  # no country to be in: never shown, never scored
    if ids[0] in limited_to:
        return not_(one_of(JURISDICTION_KEY, [i for i in ids if i not in limited_to]))
    return one_of(JURISDICTION_KEY, [i for i in limited_to if i in ids])


def _not_out(activity: Activity) -> Condition | None:
    """Shown unless the type is declared out of scope (a type kept always in scope never is)."""
    return None if activity.always_in_scope else not_(one_of(f"types.{activity.id}",
                                                             [SCOPE_OUT]))


def _main_work_question(rubric: CheckedRubric) -> Question:
    """Which types are the service's core job: the overall rung never stands above them.
    A type declared out of scope is not offered."""
    kept = [a for a in rubric.activities if a.always_in_scope]
    counted = ", ".join(a.name for a in kept)
    choices = tuple(Choice(n, a.id, a.name, when=_not_out(a))
                    for n, a in enumerate(rubric.activities, 1))
    help_text = (_("The overall rung never stands above the best of the service's main work, "
                   "so side activities cannot lift it. Already counted for every service: "
                   "{types}.").format(types=counted) if counted
                 else _("The overall rung never stands above the best of the service's main "
                        "work, so side activities cannot lift it."))
    return Question(
        key="main_work", kind=Kind.MAIN_WORK, section=_(TARGET_SECTION),
        title=_("Which of these are the service's main work, its core job?"),
        help=help_text,
        typing=_("Type their numbers, for example 1 3; Enter: none beyond those the rubric "
                 "counts"),
        choices=choices, optional=True,
        scale=_("Types of co-production in the service's work"))


def _service_questions(answers: Answers | None, rubric: CheckedRubric) -> list[Question]:
    out = []
    for key, title, example, optional in _SERVICE_TEXT:
        kind = Kind.SERVICE_ID if key == "service.id" else Kind.TEXT
        help_text = None
        shown_example = _(example) if example is not None else None
        if kind is Kind.SERVICE_ID:
            help_text = _("Used for file and report names: lower-case letters, digits and '-'.")
            if answers is not None:
                # TRANSLATORS: a suggested service id, such as "e.g. harbour-youth".
                shown_example = _("e.g. {id}").format(id=derive_service_id(answers.service.name))
        out.append(Question(key=key, kind=kind, section=_(SERVICE_SECTION), title=_(title),
                            help=help_text, example=shown_example, optional=optional,
                            typing=_(_LEAVE_BLANK) if optional else None))
    out += _jurisdiction_question(rubric)
    out += _duty_questions(rubric)
    out.append(Question(key="assessed_on", kind=Kind.DATE, section=_(SERVICE_SECTION),
                        title=_("Date of the assessment"), example=_(DATE_EXAMPLE),
                        typing=_("Enter for today")))
    return out


def _criterion_question(c: Criterion, section: str, rubric: CheckedRubric, rung_count: int,
                        intro: str | None) -> Question:
    rung = rubric.rung_by_id()[c.rung]
    activity = next((a.name for a in rubric.activities if a.id == c.activity), c.activity)
    answer_set = rubric.answer_set_by_id()[c.answer_set]
    more = [_("Rung {level} of {count}, {rung} ({band}): {summary}").format(
                level=rung.level, count=rung_count, rung=rung.name, band=band_words(rung.band),
                summary=rung.summary),
            _("In practice: {text}").format(text=rung.in_practice)]
    if c.guidance:
        more.append(_("How to get there: {guidance}").format(guidance=c.guidance))
    if not c.required:
        more.append(_("This criterion is not required for the rung; it shows depth of "
                      "practice."))
    return Question(
        key=f"criteria.{c.id}", kind=Kind.CRITERION, section=section, title=c.statement,
        help=c.help, choices=_choices(answer_set), scale=answer_set.name, item_id=c.id,
        rung=rung, activity=activity, not_applicable_allowed=c.not_applicable_allowed,
        evidence_required=c.evidence_required, more_help=tuple(more), intro=intro)


def _factor_question(f: Factor, kind: Kind, section: str, rubric: CheckedRubric,
                     intro: str | None = None) -> Question:
    answer_set = rubric.answer_set_by_id()[f.answer_set]
    rungs = rubric.rung_by_id()
    more = ([_("Signs of this: {signs}").format(signs="; ".join(f.indicators))]
            if f.indicators else [])
    if f.gates:
        names = ", ".join(rungs[g].name for g in f.gates if g in rungs)
        more.append(_("A service cannot stand on {rungs} until this is in place.").format(
            rungs=names))
    if f.guidance:
        more.append(_("How to get there: {guidance}").format(guidance=f.guidance))
    prefix = "success_factors" if kind is Kind.SUCCESS_FACTOR else "readiness"
    return Question(
        key=f"{prefix}.{f.id}", kind=kind, section=section, title=f.name, help=f.summary,
        choices=_choices(answer_set), scale=answer_set.name, item_id=f.id,
        more_help=tuple(more), intro=intro)


def _target_question(rubric: CheckedRubric, answers: Answers | None) -> Question:
    rungs = rubric.rungs_in_order()
    help_text = _("Not every service should aim for the top: choose the rung that fits it now.")
    default = None
    if answers is not None:
        card = score(rubric, answers)
        default = (card.next_rung or card.rung).id
        help_text = _("The service stands on rung {level}, {rung}, today. Not every service "
                      "should aim for the top: choose the rung that fits it now.").format(
                          level=card.rung.level, rung=card.rung.name)
    if answers is not None and answers.target is not None:
        default = answers.target.rung
    choices = tuple(Choice(n, r.id, f"{r.name} ({band_words(r.band)})", description=r.summary)
                    for n, r in enumerate(rungs, 1))
    return Question(key="target", kind=Kind.TARGET, section=_(TARGET_SECTION),
                    title=_("Which rung should the service aim for next?"), help=help_text,
                    choices=choices, scale=_("Rungs, bottom first"), default=default)


def _criteria_by_activity(rubric: CheckedRubric) -> list[Criterion]:
    """Activity by activity (rubric order); within one, rung by rung from the bottom."""
    level = {r.id: r.level for r in rubric.rungs}
    activities = [a.id for a in rubric.activities]
    position = {c.id: n for n, c in enumerate(rubric.criteria)}

    def key(c: Criterion) -> tuple[int, int, int]:
        act = activities.index(c.activity) if c.activity in activities else len(activities)
        return act, level.get(c.rung, 0), position[c.id]

    return sorted(rubric.criteria, key=key)


SCOPE_SECTION = N_("Which types of co-production are part of the service's work")


def _quick_questions(rubric: CheckedRubric) -> list[Question]:
    """Per type: roughly where it stands (or out of scope), then the criteria of that rung and
    of the next; then the success factors and readiness steps that gate the rungs up to one
    above the highest rung any type roughly stands on. Each as a condition on the answers."""
    rungs = rubric.rungs_in_order()
    count = len(rungs)
    index = {r.id: i for i, r in enumerate(rungs)}
    questions: list[Question] = []
    ordered = _criteria_by_activity(rubric)
    for activity in rubric.activities:
        section = activity.name
        questions.append(_scope_question(activity, section, rungs))
        by_level: dict[int, list[Criterion]] = {}
        for c in ordered:
            if c.activity == activity.id and c.rung in index:
                by_level.setdefault(index[c.rung], []).append(c)
        # The criteria that decide a rung: its required ones, or all when none is required.
        deciding = {lv: [c for c in cs if c.required] or cs for lv, cs in by_level.items()}
        levels = sorted(deciding)
        for lv in levels:
            # The rough rungs `here` for which this level is asked: that rung, or the next
            # level above it that has criteria.
            here = [r.id for h, r in enumerate(rungs)
                    if lv == h or lv == next((x for x in levels if x > h), None)]
            when = one_of(f"types.{activity.id}", here)
            questions += [replace(_criterion_question(c, section, rubric, count,
                                                      activity.summary), when=when)
                          for c in deciding[lv]]
    for kind, factors, title in ((Kind.SUCCESS_FACTOR, rubric.success_factors, SUCCESS_SECTION),
                                 (Kind.READINESS, rubric.readiness, READINESS_SECTION)):
        for f in factors:
            gate = min((index[g] for g in f.gates if g in index), default=None)
            if gate is None:
                continue  # gates no rung: quick mode never asks it
            gated: Condition | None = None if gate <= 1 else any_of(
                one_of(f"types.{a.id}", [r.id for r in rungs[gate - 1:]])
                for a in rubric.activities)
            questions.append(replace(_factor_question(f, kind, _(title), rubric),
                                     when=all_of([in_country(f.jurisdictions, rubric), gated])))
    return questions


def question_table(rubric: CheckedRubric, answers: Answers | None = None, *,
                   quick: bool = False) -> tuple[Question, ...]:
    """Return every question a session can ask, in order, each with when it is shown.

    Both modes ask which country's law applies (with the service, when the rubric lists more
    than one) and ask a factor limited to some countries only of a service in one of them.
    Full mode: the service, then type by type of co-production (whether it is part of the
    service's work, then rung by rung from the bottom, unless it is not), the success factors,
    the readiness steps and the target.

    Quick mode asks only what decides the current and the next rung, type by type: roughly
    where the type stands today (or that it is not part of the service's work), then the
    criteria of that rung, which confirm it, and of the next, which decide the next step; then
    the success factors and readiness steps that gate the rungs up to one above the highest
    rung a type roughly stands on, and the target. Unanswered questions never count against the
    service, so the placement is provisional until the rest is answered in full mode.

    `answers` only fills in suggestions (the service id, the target); which questions are
    shown is decided by each question's `when`, read by `flow.shown`.
    """
    questions = _service_questions(answers, rubric)
    rungs = rubric.rungs_in_order()
    count = len(rungs)
    activities = {a.id: a for a in rubric.activities}
    if not quick:
        asked_scope: set[str] = set()
        for c in _criteria_by_activity(rubric):
            activity = activities.get(c.activity)
            if activity is not None and not activity.always_in_scope \
                    and activity.id not in asked_scope:
                asked_scope.add(activity.id)
                questions.append(_scope_question(activity, activity.name))
            questions.append(replace(_criterion_question(
                c, activity.name if activity else c.activity, rubric, count,
                activity.summary if activity else None),
                when=_not_out(activity) if activity else None))
        for kind, factors, title, intro in (
                (Kind.SUCCESS_FACTOR, rubric.success_factors, SUCCESS_SECTION, _SUCCESS_INTRO),
                (Kind.READINESS, rubric.readiness, READINESS_SECTION, _READINESS_INTRO)):
            questions += [replace(_factor_question(f, kind, _(title), rubric, _(intro)),
                                  when=in_country(f.jurisdictions, rubric)) for f in factors]
    else:
        questions += _quick_questions(rubric)
    questions.append(_main_work_question(rubric))
    questions.append(_target_question(rubric, answers))
    return tuple(questions)


def questions_for(rubric: CheckedRubric, answers: Answers | None = None, *,
                  quick: bool = False) -> tuple[Question, ...]:
    """Return the ordered questions of a session: those of `question_table` shown for these
    answers, each with only the choices shown for them (numbered from 1)."""
    values = answer_values(rubric, answers, quick=quick)
    asked = []
    for question in question_table(rubric, answers, quick=quick):
        if not shown(question.when, values):
            continue
        if any(c.when is not None for c in question.choices):
            offered = [c for c in question.choices if shown(c.when, values)]
            question = replace(question, choices=tuple(
                replace(c, number=n) for n, c in enumerate(offered, 1)))
        asked.append(question)
    return tuple(asked)
