"""Score one service's answers against a rubric: its profile by type of co-production, where
it stands overall, why, and what comes next.

Pure functions over validated models: no I/O, no clock, no printing. The same rubric and
answers always give an equal ScoreCard. The rules, in the words `docs/scoring.md` uses:

* **Each type of co-production gets its own rung.** A type stands on the highest rung whose
  criteria for that type are all met (with evidence where asked; `threshold` rubrics: at least
  `min_share` of them), as long as nothing on a rung below is answered as not in place. An
  unanswered or "don't know" question never counts as "not in place": it cannot lift a rung,
  but it does not hold one back either; it makes the placement *provisional*.
* **Scope is declared per type.** A type the service declares out of scope (with a reason) is
  shown as such and left out of the overall rung. A type with nothing answered is "not yet
  answered", never "done to".
* **The overall rung sums up the in-scope profile** by the rubric's `overall` rule (`breadth`):
  the highest rung that at least `types` in-scope types reach, and never more than `max_drop`
  rungs below the best type. Adding a type, or a better answer, can never lower it.
* **Organisation-wide factors are apart from practice.** The practice rung is what the answers
  support; a success factor or readiness step that gates a rung and is rated as not met holds
  the service below that rung, and the report says so separately.
* **Provisional and not yet placed.** A placement is provisional when answering the open
  questions could move it (it is computed again with every open question assumed met, then not
  met). Below `min_coverage` of in-scope questions answered, the service is not yet placed.

These rules are monotone (a better answer, added evidence or validation never lowers a rung)
and never reward leaving things out; `tests/test_scoring_properties.py` checks both.
"""

from coprod_ladder.scoring.engine import (
    DEFAULT_RULE_EXPLANATIONS,
    overall_rule_sentence,
    real_reason,
    reason_problem,
    rule_sentence,
    score,
)
from coprod_ladder.scoring.placement import overall_index
from coprod_ladder.scoring.results import (
    ActionReason,
    ActivityResult,
    Blocker,
    CriterionResult,
    FactorResult,
    RaisedRisk,
    RungGap,
    ScoreCard,
    Status,
    TypeState,
)

__all__ = [
    "DEFAULT_RULE_EXPLANATIONS",
    "ActionReason",
    "ActivityResult",
    "Blocker",
    "CriterionResult",
    "FactorResult",
    "RaisedRisk",
    "RungGap",
    "ScoreCard",
    "Status",
    "TypeState",
    "overall_index",
    "overall_rule_sentence",
    "real_reason",
    "reason_problem",
    "rule_sentence",
    "score",
]
