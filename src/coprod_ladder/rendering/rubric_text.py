"""A rubric in plain words, for `coprod rubric show`: how it scores, and where its criteria sit.

The scoring sentences are the ones every report uses (from `scoring`), so what a rubric
maintainer reads about a rubric and what a service manager reads in a report never disagree.
Pure: returns text; the shell lays it out.
"""

from __future__ import annotations

from collections import Counter

from coprod_ladder.language import _
from coprod_ladder.model import Rubric
from coprod_ladder.scoring import overall_rule_sentence, rule_sentence


def explain_scoring(rubric: Rubric) -> str:
    """Say in plain words how answers place each type, and the service, on a rung."""
    text = rule_sentence(rubric)
    # A rubric's own explanation says what its gates do; the default sentence does not.
    if not rubric.scoring.explanation and any(
            f.gates for f in (*rubric.success_factors, *rubric.readiness)):
        text += " " + _("A success factor that gates a rung holds the service below that rung "
                        "until the factor is in place.")
    return f"{text}\n{overall_rule_sentence(rubric)}"


def criteria_grid(rubric: Rubric) -> list[list[str]]:
    """Count criteria per activity (rows) and rung (columns, bottom rung first).

    A cell reads "2" (two required criteria), "+1" (one optional), "2+1" (both) or "." (none);
    the last column totals the row.
    """
    required: Counter[tuple[str, str]] = Counter()
    optional: Counter[tuple[str, str]] = Counter()
    for c in rubric.criteria:
        (required if c.required else optional)[c.activity, c.rung] += 1

    def cell(need: int, extra: int) -> str:
        return (str(need) if need else "") + (f"+{extra}" if extra else "") or "."

    rows = []
    for activity in rubric.activities:
        counts = [(required[activity.id, r.id], optional[activity.id, r.id])
                  for r in rubric.rungs_in_order()]
        total = cell(sum(n for n, _ in counts), sum(e for _, e in counts))
        rows.append([activity.name, *(cell(n, e) for n, e in counts), total])
    return rows
