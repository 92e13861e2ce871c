"""When a question is shown: conditions as data, and the one evaluator of them in Python.

Owns `Condition` (a JSON-ready mapping), the few ways to build one, `shown` (the evaluator)
and `answer_values` (what the conditions read from an Answers: one value per question key).
The HTML form carries the same conditions in its spec and evaluates them with the same rules
in `form/form.js` (`shown` there); `tests/test_form.py` proves the two agree. So the flow of
the questionnaire (scope per type, quick mode's "roughly" choosing the rungs asked, the
factors that gate the next rung) is written once, here and in `questions.py`, as data.

The grammar, all of it:

- `None`: always shown.
- `{"is": KEY, "in": [VALUE, ...]}`: the answer to KEY is one of the values.
- `{"not": CONDITION}`, `{"all": [CONDITION, ...]}`, `{"any": [CONDITION, ...]}`.

Pure: it must not print, prompt, read the clock or touch files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coprod_ladder.model import Answers, CheckedRubric
from coprod_ladder.scoring import score

Condition = Mapping[str, Any]
#: A question key's answer as the conditions read it: one choice id, or a list (main work).
Values = Mapping[str, str | list[str]]

SCOPE_IN, SCOPE_OUT = "in", "out"
#: The question "which country's law applies?"; its value is a jurisdiction id.
JURISDICTION_KEY = "service.jurisdiction"


def one_of(key: str, values: Iterable[str]) -> Condition:
    """The answer to `key` is one of `values`."""
    return {"is": key, "in": list(values)}


def not_(condition: Condition) -> Condition:
    return {"not": condition}


def any_of(conditions: Iterable[Condition]) -> Condition:
    return {"any": list(conditions)}


def all_of(conditions: Iterable[Condition | None]) -> Condition | None:
    """Every condition holds (None, always, is left out; nothing left: None)."""
    kept = [c for c in conditions if c is not None]
    return None if not kept else kept[0] if len(kept) == 1 else {"all": kept}


def shown(condition: Condition | None, values: Values) -> bool:
    """Evaluate a condition against the answers' values (see the module's grammar)."""
    if condition is None:
        return True
    if "is" in condition:
        given = values.get(condition["is"])
        return isinstance(given, str) and given in condition["in"]
    if "not" in condition:
        return not shown(condition["not"], values)
    if "all" in condition:
        return all(shown(c, values) for c in condition["all"])
    if "any" in condition:
        return any(shown(c, values) for c in condition["any"])
    raise ValueError(f"not a condition: {condition!r}")


def answer_values(rubric: CheckedRubric, answers: Answers | None, *,
                  quick: bool) -> dict[str, str | list[str]]:
    """What the conditions read from the answers: the choice given to each question.

    The country is the jurisdiction the service names (absent: none named, so the first).
    A type is "out" when declared out of scope; otherwise, in full mode, "in"; in quick mode,
    the rung it roughly stands on: the manager's estimate, or, for a type declared without
    one (a file begun in full mode), the rung the answers place it on (the bottom when they
    place it nowhere), so the form starts where `assess` would.
    """
    if answers is None:
        return {}
    values: dict[str, str | list[str]] = {}
    # An id the rubric does not list reads as no answer: the first country, as scoring reads it.
    named = answers.service.jurisdiction
    if named is not None and named in {j.id for j in rubric.jurisdictions}:
        values[JURISDICTION_KEY] = named
    rungs = rubric.rungs_in_order()
    known = {r.id for r in rungs}
    placed: dict[str, str] | None = None
    for type_id, declared in answers.types.items():
        if declared.out_of_scope is not None:
            values[f"types.{type_id}"] = SCOPE_OUT
        elif not quick:
            values[f"types.{type_id}"] = SCOPE_IN
        elif declared.estimate in known:
            values[f"types.{type_id}"] = declared.estimate or ""
        else:
            if placed is None:
                card = score(rubric, answers)
                placed = {a.activity_id: a.rung.id for a in card.activities
                          if a.rung is not None}
            values[f"types.{type_id}"] = placed.get(type_id, rungs[0].id)
    for section, items in (("criteria", answers.criteria),
                           ("success_factors", answers.success_factors),
                           ("readiness", answers.readiness)):
        for item_id, given in items.items():
            if given.answer is not None:
                values[f"{section}.{item_id}"] = given.answer
    if answers.target is not None:
        values["target"] = answers.target.rung
    values["main_work"] = list(answers.main_work)
    return values
