"""The self-assessment as a pure state machine: where the manager is, what every key does.

A `Session` is immutable: `session.handle(raw)` returns a new Session holding new Answers
(pydantic `model_copy`) or a message saying what was expected. Entries that do not make sense
are answered with a message, never an exception. `STEP_HANDLERS` says which method handles an
entry at each step. It must not print, prompt, read the clock (`today` is given) or touch
files: `cli/assess.py` does those. It uses `scoring` (pure) to know which rung is passed, for
quick mode and for the suggested target.

What it shows at each step (the prompts, their keys and the help) is in `prompts`.

Long module: the handlers of every step of the one state machine, kept together, each reply a
whole sentence for translation (no reply is built from pieces).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from coprod_ladder.language import _
from coprod_ladder.model import (
    Answers,
    CheckedRubric,
    Evidence,
    Target,
    Validation,
)
from coprod_ladder.questionnaire.editing import (
    held_item,
    is_answered,
    read_main_work,
    text_value,
    with_duty,
    with_item,
    with_jurisdiction,
    with_text,
    with_type,
)
from coprod_ladder.questionnaire.entries import InvalidEntry, read_date, read_service_id, read_text
from coprod_ladder.questionnaire.flow import SCOPE_IN, SCOPE_OUT
from coprod_ladder.questionnaire.prompts import (
    Prompt,
    ReviewRow,
    Step,
    help_for,
    prompt_for,
    review_rows,
)
from coprod_ladder.questionnaire.questions import (
    DUTY_YES,
    Choice,
    Kind,
    Question,
    questions_for,
)

# --------------------------------------------------------------------------------------------
# The session
# --------------------------------------------------------------------------------------------


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


_COMMANDS = {"b", "s", "n", "r", "?", "q", "help"}
_CLEAR = "-"


@dataclass(frozen=True)
class Session:
    """An immutable questionnaire in progress: rubric, answers, position and last message."""

    rubric: CheckedRubric
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
    def start(cls, rubric: CheckedRubric, answers: Answers, today: dt.date, *,
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
        """Return one row per question for the review screen (see `prompts.review_rows`)."""
        return review_rows(self)

    # ---- what to show ---------------------------------------------------------------------

    def prompt(self) -> Prompt:
        """Return what the CLI should show and ask for the current step (see `prompts`)."""
        return prompt_for(self)

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
                return fresh._say("info", help_for(self))
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
            return self._say("info", _("This is the first question."))
        return replace(self._go(self.questions[index - 1]), back_to_review=False)

    # ---- steps ------------------------------------------------------------------------------

    def _on_ask(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        moved = self._on_key(question, entry.lower())
        if moved is not None:
            return moved
        if question.kind is Kind.TEXT or question.kind is Kind.SERVICE_ID:
            return self._on_text(question, entry)
        if question.kind is Kind.DATE:
            day = read_date(entry, self.today) if entry else (
                self.answers.assessed_on or self.today)
            return self._update(self.answers.model_copy(update={"assessed_on": day}))._advance()
        if question.kind in (Kind.DUTY, Kind.JURISDICTION, Kind.MAIN_WORK):
            return self._on_service_scope(question, entry)
        if not entry and question.kind is not Kind.TARGET and is_answered(question, self.answers):
            given = held_item(self.answers, question)
            kept = next((c for c in question.choices if c.id == given.answer), None)
            return self._stay(question, Step.DETAILS) if kept and kept.meets else self._advance()
        if not entry and question.kind is Kind.SCOPE and is_answered(question, self.answers):
            return self._advance()
        choice = self._choice(question, entry)
        if question.kind is Kind.SCOPE:
            if choice.id == SCOPE_OUT:
                return self._stay(question, Step.SCOPE_REASON)
            estimate = None if choice.id == SCOPE_IN else choice.id
            return self._update(with_type(self.answers, question, self.rubric,
                                           out_of_scope=None, estimate=estimate))._advance()
        if question.kind is Kind.TARGET:
            reason = self.answers.target.reason if self.answers.target else None
            target = Target(rung=choice.id, reason=reason)
            return self._update(self.answers.model_copy(update={"target": target}),
                                step=Step.TARGET_REASON)
        if question.kind is Kind.CRITERION:
            answers = with_item(self.answers, question, self.rubric, answer=choice.id,
                                 not_applicable=None)
        else:
            answers = with_item(self.answers, question, self.rubric, answer=choice.id)
        moved = self._update(answers)
        if choice.meets:
            return moved._stay(question, Step.DETAILS)
        return moved._advance()

    def _on_key(self, question: Question, command: str) -> Session | None:
        """The keys every question takes: b back, s skip, n not applicable; None otherwise."""
        if command == "b":
            return self._back()
        if command == "s":
            return self._advance() if self.back_to_review else self._go(
                self.first_unanswered(after=self.index or 0))
        if command == "n" and question.kind is not Kind.CRITERION:
            raise InvalidEntry(
                _("only some criteria can be marked not applicable; type the text, or Enter")
                if question.kind is Kind.TEXT
                else _("only some criteria can be marked not applicable; choose an answer, or "
                       "s to skip it for later"))
        if command == "n":
            if not question.not_applicable_allowed:
                raise InvalidEntry(_("the rubric does not let this question be marked not "
                                     "applicable; choose an answer, or s to skip it for "
                                     "later"))
            return replace(self, step=Step.NOT_APPLICABLE)
        return None

    def _on_service_scope(self, question: Question, entry: str) -> Session:
        """A duty (yes or no), the country (Enter keeps either) or the main work (numbers)."""
        if question.kind is Kind.JURISDICTION:
            country = self._choice(question, entry or self.answers.service.jurisdiction or "")
            return self._update(with_jurisdiction(self.answers, country.id))._advance()
        if question.kind is Kind.DUTY:
            has = (self._choice(question, entry).id == DUTY_YES if entry
                   else (question.item_id or "") in self.answers.service.duties)
            return self._update(with_duty(self.answers, question.item_id or "", has))._advance()
        if not entry:
            return self._advance()
        if entry == _CLEAR:
            return self._update(self.answers.model_copy(update={"main_work": []}))._advance()
        try:
            picked = read_main_work(question, entry)
        except ValueError as exc:
            raise InvalidEntry(_("'{entry}' is not one of the types; type their numbers from 1 "
                                 "to {last}, for example 1 3, or Enter for none beyond those "
                                 "the rubric counts").format(entry=exc, last=len(question.choices))
                               ) from None
        return self._update(self.answers.model_copy(update={"main_work": picked}))._advance()

    def _stay(self, question: Question, step: Step) -> Session:
        """Stay on `question` at `step` (it may have moved in a quick-mode list)."""
        return replace(self, key=question.key, step=step)

    def _choice(self, question: Question, entry: str) -> Choice:
        last = len(question.choices)
        if not entry:
            found = next((c for c in question.choices if c.id == question.default), None)
            if found is None:
                raise InvalidEntry(_("type a number from 1 to {last} (or s to skip it for "
                                     "later, ? for help)").format(last=last))
            return found
        for c in question.choices:
            if entry.rstrip(".") == str(c.number) or entry.lower() == c.id:
                return c
        if question.not_applicable_allowed:
            raise InvalidEntry(_("'{entry}' is not one of the answers; type a number from 1 to "
                                 "{last}, n for not applicable (or s to skip it for later, ? "
                                 "for help)").format(entry=entry, last=last))
        raise InvalidEntry(_("'{entry}' is not one of the answers; type a number from 1 to "
                             "{last} (or s to skip it for later, ? for help)").format(
                                 entry=entry, last=last))

    def _on_text(self, question: Question, entry: str) -> Session:
        current = text_value(self.answers, question.key)
        if not entry:
            if current is None and not question.optional:
                raise InvalidEntry(_("this is needed: type it, then Enter"))
            value = current
        elif entry == _CLEAR:
            if not question.optional:
                raise InvalidEntry(_("this cannot be cleared; type a new one, or Enter to keep "
                                     "it"))
            value = None
        elif question.kind is Kind.SERVICE_ID:
            value = read_service_id(entry)
        else:
            value = read_text(entry)
        return self._update(with_text(self.answers, question.key, value))._advance()

    def _on_not_applicable(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() == "b":
            return replace(self, step=Step.ASK)
        reason = self._reason(entry, held_item(self.answers, question).not_applicable,
                              _("say why this does not apply to the service (a reason is "
                                "needed, and goes in the report); b to go back to the answers"),
                              _("The team holds no budget of its own"))
        answers = with_item(self.answers, question, self.rubric, answer=None,
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
        if question.kind is Kind.CRITERION:
            raise InvalidEntry(_("type e, c or v to add details, or Enter for the next "
                                 "question"))
        raise InvalidEntry(_("type e to add details, or Enter for the next question"))

    def _evidence(self) -> list[Evidence]:
        question = self.current
        assert question is not None
        return list(held_item(self.answers, question).evidence)

    def _with_last_evidence(self, **update: Any) -> Session:
        question = self.current
        assert question is not None
        items = self._evidence()
        items[-1] = items[-1].model_copy(update=update)
        return self._update(with_item(self.answers, question, self.rubric, evidence=items))

    def _on_evidence_what(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        # Saved at once, then completed by the next two steps: nothing typed is lost.
        items = [*self._evidence(), Evidence(what=read_text(entry, long=True))]
        answers = with_item(self.answers, question, self.rubric, evidence=items)
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
        answers = with_item(self.answers, question, self.rubric, cyp_say=said)
        return self._update(answers, step=Step.DETAILS)

    def _on_validated_by(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        if entry == _CLEAR:
            answers = with_item(self.answers, question, self.rubric, validated=None)
            return self._update(answers, step=Step.DETAILS)
        answers = with_item(self.answers, question, self.rubric,
                             validated=Validation(by=read_text(entry)))
        return self._update(answers, step=Step.VALIDATED_ON)

    def _on_validated_on(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() in ("", "s", "b"):
            return replace(self, step=Step.DETAILS)
        day = read_date(entry, self.today, not_after_today=True)
        given = held_item(self.answers, question)
        validated = given.validated.model_copy(update={"on": day})
        answers = with_item(self.answers, question, self.rubric, validated=validated)
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

    def _reason(self, entry: str, kept: str | None, needed: str, example: str) -> str:
        """Read a not-applicable or out-of-scope reason: needed, and long enough to explain
        something (the rubric's `min_reason_chars`); Enter keeps the one already given.
        `needed` is the whole sentence said when no reason is typed."""
        if not entry and kept is not None:
            return kept
        if not entry or entry.lower() in _COMMANDS:
            raise InvalidEntry(needed)
        reason = read_text(entry, long=True)
        least = self.rubric.scoring.min_reason_chars
        if len(reason.strip()) < least:
            raise InvalidEntry(_("'{reason}' is too short to explain it; say why in at least "
                                 "{count} characters, for example '{example}'").format(
                                     reason=reason.strip(), count=least, example=example))
        return reason

    def _on_scope_reason(self, entry: str) -> Session:
        question = self.current
        assert question is not None
        if entry.lower() == "b":
            return replace(self, step=Step.ASK)
        declared = self.answers.types.get(question.item_id or "")
        reason = self._reason(entry, declared.out_of_scope if declared is not None else None,
                              _("say why this is not part of the service's work (a reason is "
                                "needed, and goes in the report); b to go back to the answers"),
                              _("We hold no budget and cannot raise money"))
        return self._update(with_type(self.answers, question, self.rubric,
                                       out_of_scope=reason))._advance()

    def _on_review(self, entry: str) -> Session:
        command = entry.lower()
        left = self.unanswered()
        if command == "q":
            return replace(self, state=State.QUIT)
        if command in ("?", "help"):
            return self._say("info", _("Type the number of a question to change its answer; "
                                       "Enter answers the unanswered ones (or finishes when "
                                       "there are none); f finishes and writes the report; q "
                                       "saves and quits."))
        if command == "f" or (command == "" and not left):
            return replace(self, state=State.FINISHED)
        if command in ("", "u"):
            if not left:
                return self._say("info", _("Every question is answered; f to finish."))
            return self._go(left[0])
        if command == "b":
            return self._go(self.questions[-1])
        number = entry.lstrip("#").rstrip(".")
        if number.isdigit() and 1 <= int(number) <= len(self.questions):
            question = self.questions[int(number) - 1]
            return replace(self._go(question), back_to_review=True)
        raise InvalidEntry(_("type a question number from 1 to {last}, Enter, f to finish or q "
                             "to save and quit").format(last=len(self.questions)))


# What each step does with an entry; `handle` sends review entries before reading commands.
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
