"""Which of the rubric's risks the answers raise, and the answer patterns that raised them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coprod_ladder.language import _
from coprod_ladder.model import Rubric
from coprod_ladder.scoring.per_rubric import once_per_rubric
from coprod_ladder.scoring.results import CriterionResult, FactorResult, RaisedRisk, Status


def raised_risks(rubric: Rubric, criteria: Sequence[CriterionResult],
                  factors: Sequence[FactorResult]) -> Iterable[RaisedRisk]:
    answered: dict[str, tuple[str | None, str | None, str, bool]] = {}
    asked = once_per_rubric(rubric, "risk_items", lambda: frozenset(
        trigger.item for risk in rubric.risks for trigger in risk.raised_when))
    for c in criteria:
        if c.criterion.id not in asked:
            continue  # no risk asks about it
        if c.status is Status.NOT_APPLICABLE or not c.in_scope:
            continue  # a justified "not applicable" or an out-of-scope type is not a gap
        unvalidated = c.lacks_validation
        answer = None if c.status is Status.DONT_KNOW else c.answer_id
        answered[c.criterion.id] = (answer, c.answer_label, c.criterion.statement, unvalidated)
    for f in factors:
        answer = None if f.status is Status.DONT_KNOW else f.answer_id
        answered[f.factor.id] = (answer, f.answer_label, f.factor.name, False)
    for risk in rubric.risks:
        because: list[str] = []
        weight = 0
        for trigger in risk.raised_when:
            if trigger.item not in answered:
                continue
            answer_id, label, title, unvalidated = answered[trigger.item]
            if answer_id is not None and answer_id in trigger.answers:
                because.append(_("“{title}” is answered “{answer}”").format(
                    title=title, answer=label or answer_id))
            elif answer_id is None and "unanswered" in trigger.answers:
                because.append(_("“{title}” is not yet answered").format(title=title))
            elif unvalidated and "unvalidated" in trigger.answers:
                because.append(_("“{title}” is answered as in place but not yet checked with "
                                 "children, young people or families").format(title=title))
            else:
                continue
            weight += trigger.weight
        if weight >= risk.min_matches:
            yield RaisedRisk(risk.id, risk.name, risk.summary, risk.mitigation, tuple(because))
