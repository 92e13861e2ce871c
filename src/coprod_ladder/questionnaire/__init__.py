"""The self-assessment, as a pure state machine: the questions, the entries, the session.

- `questions`: which questions are asked, in what order, with what choices (`questions_for`).
- `entries`: reading what a manager types (text, ids, dates) and starting new answers.
- `editing`: what a question holds in the Answers and how an entry changes it.
- `flow`: when a question is shown, as data (conditions), and the evaluator of them.
- `prompts`: what is shown at each step (the prompt, its keys, the help).
- `session`: the immutable `Session` and what every key does at each step.

It must not print, prompt, read the clock (`today` is given) or touch files: `cli/assess.py`
does those. `from coprod_ladder.questionnaire import ...` gives every public name below.
"""

from __future__ import annotations

from coprod_ladder.questionnaire.editing import (
    describe,
    details,
    is_answered,
)
from coprod_ladder.questionnaire.entries import (
    DATE_EXAMPLE,
    InvalidEntry,
    derive_service_id,
    new_answers,
    read_date,
    read_service_id,
    read_text,
)
from coprod_ladder.questionnaire.flow import SCOPE_IN, SCOPE_OUT
from coprod_ladder.questionnaire.prompts import Prompt, ReviewRow, Step
from coprod_ladder.questionnaire.questions import (
    READINESS_SECTION,
    SCOPE_SECTION,
    SERVICE_SECTION,
    SUCCESS_SECTION,
    TARGET_SECTION,
    Choice,
    Kind,
    Question,
    counting_note,
    question_table,
    questions_for,
)
from coprod_ladder.questionnaire.session import (
    STEP_HANDLERS,
    Message,
    Session,
    State,
)

__all__ = [
    "DATE_EXAMPLE",
    "READINESS_SECTION",
    "SCOPE_IN",
    "SCOPE_OUT",
    "SCOPE_SECTION",
    "SERVICE_SECTION",
    "STEP_HANDLERS",
    "SUCCESS_SECTION",
    "TARGET_SECTION",
    "Choice",
    "InvalidEntry",
    "Kind",
    "Message",
    "Prompt",
    "Question",
    "ReviewRow",
    "Session",
    "State",
    "Step",
    "counting_note",
    "derive_service_id",
    "describe",
    "details",
    "is_answered",
    "new_answers",
    "question_table",
    "questions_for",
    "read_date",
    "read_service_id",
    "read_text",
]
