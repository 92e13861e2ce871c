"""What the self-assessment shows at each step: the prompt, its keys and the help.

Owns `Step` (where in a question the session is), `Prompt` (what to show for it), the review
screen's rows and all the wording of the prompts and the help, read from a `Session`.
`session` owns what an entry does.
Pure: it must not print, prompt, read the clock or touch files.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coprod_ladder.language import _, ngettext
from coprod_ladder.questionnaire.editing import describe, details, held_item, is_answered
from coprod_ladder.questionnaire.entries import DATE_EXAMPLE
from coprod_ladder.questionnaire.questions import Kind, Question, counting_note

if TYPE_CHECKING:  # the session reads its prompts from here; only the type is needed back
    from coprod_ladder.questionnaire.session import Session


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


def review_rows(self: Session) -> list[ReviewRow]:
    """Return one row per question for the review screen.

    Criteria often start alike, so each is labelled with what its section does not say:
    the rung (sections are activities) or the activity (quick mode: sections are rungs).
    """
    rows = []
    for n, q in enumerate(self.questions, 1):
        title = q.title
        if q.kind is Kind.CRITERION and q.rung is not None:
            title = (_("Rung {level}: {statement}").format(level=q.rung.level, statement=title)
                     if q.section == q.activity
                     else _("{type}: {statement}").format(type=q.activity, statement=title))
        rows.append(ReviewRow(n, q.section, title, describe(q, self.answers),
                              is_answered(q, self.answers), len(details(q, self.answers))))
    return rows


def prompt_for(self: Session) -> Prompt:
    """Return what the CLI should show and ask for the current step of a session."""
    total = len(self.questions)
    if self.step is Step.REVIEW:
        left = len(self.unanswered())
        keys = (_("a number: change that answer"),
                ngettext("Enter: answer the {count} unanswered",
                         "Enter: answer the {count} unanswered", left).format(count=left)
                if left else _("Enter: finish"),
                _("f finish now (unanswered questions stay open: they never count against "
                  "the service, but leave its placement provisional)") if left
                else _("f finish and write the report"),
                _("q save and quit"))
        return Prompt(self.step, None, 0, total, _("Question number, or Enter"), None, None,
                      keys)
    question = self.current
    assert question is not None  # a running session always points at a question
    number = (self.index or 0) + 1
    now = describe(question, self.answers)
    common = (_("b back"), _("r review"), _("? help"), _("q save and quit"))
    step = self.step
    if step is Step.ASK:
        return _ask_prompt(self, question, number, total, now)
    if step is Step.NOT_APPLICABLE:
        given = held_item(self.answers, question)
        return Prompt(step, question, number, total,
                      _("Why does this not apply to the service?"), given.not_applicable,
                      now, (_("type the reason (needed)"), _("b back to the answers")))
    if step is Step.DETAILS:
        detail_keys = [_("e add evidence (what, where, date)")]
        if question.kind is Kind.CRITERION:
            # TRANSLATORS: CYP&F is short for children, young people and families.
            detail_keys += [_("c what CYP&F said"), _("v validated by CYP&F (who, when)")]
        detail_keys += [_("Enter next question"), *common]
        recorded = details(question, self.answers)
        if question.evidence_required and not held_item(self.answers, question).evidence:
            recorded = (_("No evidence yet: this answer counts for the rung only with "
                          "evidence."), *recorded)
        elif not recorded:
            recorded = (_("No evidence recorded yet."),)
        return Prompt(step, question, number, total, _("Add details, or Enter for the next "
                      "question"), None, now, tuple(detail_keys), recorded)
    ask, hint = _step_texts(step)
    default = None
    given = held_item(self.answers, question) if question.kind is Kind.CRITERION else None
    if step is Step.CYP_SAY and given is not None:
        default = given.cyp_say
    elif step is Step.VALIDATED_BY and given is not None and given.validated:
        default = given.validated.by
    elif step is Step.TARGET_REASON and self.answers.target is not None:
        default = self.answers.target.reason
    elif step is Step.SCOPE_REASON:
        declared = self.answers.types.get(question.item_id or "")
        default = declared.out_of_scope if declared is not None else None
    return Prompt(step, question, number, total, ask, default, now, (hint, _("b back")),
                  details(question, self.answers))


def _step_texts(step: Step) -> tuple[str, str]:
    """The question and the hint for one of the steps that read a line of text."""
    keeps = _("Enter keeps what is there, - clears it")
    blank = _("Enter to leave blank")
    example = _(DATE_EXAMPLE)
    if step is Step.EVIDENCE_WHAT:
        return (_("What is the evidence? (e.g. survey results, minutes of the youth forum)"),
                _("Enter adds none"))
    if step is Step.EVIDENCE_WHERE:
        return _("Where is it kept? (a link, folder or system)"), blank
    if step is Step.EVIDENCE_DATE:
        return _("Date of the evidence ({example})").format(example=example), blank
    if step is Step.CYP_SAY:
        return _("What did children, young people or families say about it?"), keeps
    if step is Step.VALIDATED_BY:
        return (_("Who among children, young people or families checked this claim? (e.g. "
                  "the youth council)"), keeps)
    if step is Step.VALIDATED_ON:
        return _("When did they check it? ({example})").format(example=example), blank
    if step is Step.TARGET_REASON:
        return _("Why this rung? (a sentence for the report)"), keeps
    if step is Step.SCOPE_REASON:
        return (_("Why is this not part of the service's work? (a sentence for the report "
                  "and the portfolio)"), _("a reason is needed"))
    raise KeyError(step)

def _ask_prompt(self: Session, question: Question, number: int, total: int,
                now: str | None) -> Prompt:
    keys: list[str] = []
    default: str | None = None
    if question.choices:
        keys.append(_("1-{count} choose").format(count=len(question.choices)))
        if question.kind is Kind.TARGET or (question.kind is Kind.JURISDICTION and now is None):
            choice = next((c for c in question.choices if c.id == question.default), None)
            default = f"{choice.number} {choice.label}" if choice else None
        elif now is not None:
            default = now
        ask = _("Your answer")
    elif question.kind is Kind.DATE:
        default = now or self.today.isoformat()
        ask = _("Date")
    else:
        default = now
        ask = _("Your answer")
    if default is not None:
        keys.append(_("Enter for the suggestion") if now is None
                    else _("Enter keeps this answer"))
    if question.kind is Kind.TEXT and question.optional and now is not None:
        keys.append(_("- clear it"))
    keys += [_("b back"), _("s skip for later")]
    if question.not_applicable_allowed:
        keys.append(_("n not applicable"))
    keys += [_("r review"), _("? help"), _("q save and quit")]
    return Prompt(Step.ASK, question, number, total, ask, default, now, tuple(keys),
                  details(question, self.answers))



def help_for(self: Session) -> str:
    """Return the help for the current question: its text, choices and the keys."""
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
    lines.append(_("Keys: a number chooses an answer; b goes back one question; s skips it "
                   "for later; n marks it not applicable (where the rubric allows, with a "
                   "reason); r shows every answer so far and lets you change any; q saves and "
                   "quits (carry on later with --answers). Every answer is saved as you go."))
    return "\n".join(lines)

