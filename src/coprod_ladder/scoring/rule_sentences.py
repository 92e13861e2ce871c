"""The sentences that explain a rubric's placement rules, from its `scoring:` block.

Owns the default wording of the per-type rule and the overall rule, used by every report and
by `rubric show`; a rubric's own `explanation` wins. Must not score anything.
"""

from __future__ import annotations

from coprod_ladder.model import Rubric

DEFAULT_RULE_EXPLANATIONS = {
    "gated": (
        "Each type of co-production stands on the highest rung whose statements are all in "
        "place (with evidence where asked), as long as nothing below it is answered as not in "
        "place; unanswered questions make a placement provisional, never lower."
    ),
    "threshold": (
        "Each type of co-production stands on the highest rung where at least {share} of its "
        "statements are in place, as long as no rung below it falls short of that share; "
        "unanswered questions make a placement provisional, never lower."
    ),
}


def rule_sentence(rubric: Rubric) -> str:
    """Return the sentence every report uses to explain how a type of co-production is placed."""
    share = (rubric.scoring.min_share or 1.0) if rubric.scoring.rule == "threshold" else 1.0
    return rubric.scoring.explanation or DEFAULT_RULE_EXPLANATIONS[
        rubric.scoring.rule].format(share=f"{share:.0%}")


def overall_rule_sentence(rubric: Rubric) -> str:
    """Return the one sentence every report uses to explain the overall rung."""
    rule = rubric.scoring.overall
    if rule.explanation:
        return rule.explanation
    words = {2: "two", 3: "three", 4: "four", 5: "five"}
    types = "one type" if rule.types == 1 else f"{words.get(rule.types, rule.types)} types"
    if rule.types == 1 or rule.max_drop == 0:
        return (f"Overall, the service stands on the highest rung that at least {types} of "
                "co-production in its scope reach; types it has declared out of scope are left "
                "out.")
    drop = "one rung" if rule.max_drop == 1 else f"{rule.max_drop} rungs"
    return (f"Overall, the service stands on the highest rung that at least {types} of "
            f"co-production in its scope reach, and never more than {drop} below its strongest "
            "type; types it has declared out of scope are left out.")
