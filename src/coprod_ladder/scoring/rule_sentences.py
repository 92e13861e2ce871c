"""The sentences that explain a rubric's placement rules, from its `scoring:` block.

Owns the default wording of the per-type rule and the overall rule, used by every report and
by `rubric show`; a rubric's own `explanation` wins. Must not score anything.
"""

from __future__ import annotations

from coprod_ladder.language import N_, NP_, _, ngettext, pgettext
from coprod_ladder.model import Rubric

DEFAULT_RULE_EXPLANATIONS = {
    "gated": N_(
        "Each type of co-production stands on the highest rung whose statements are all in "
        "place (with evidence where asked), as long as nothing below it is answered as not in "
        "place; unanswered questions make a placement provisional, never lower."
    ),
    "threshold": N_(
        "Each type of co-production stands on the highest rung where at least {share} of its "
        "statements are in place, as long as no rung below it falls short of that share; "
        "unanswered questions make a placement provisional, never lower."
    ),
}


def rule_sentence(rubric: Rubric) -> str:
    """Return the sentence every report uses to explain how a type of co-production is placed."""
    share = (rubric.scoring.min_share or 1.0) if rubric.scoring.rule == "threshold" else 1.0
    return rubric.scoring.explanation or _(DEFAULT_RULE_EXPLANATIONS[
        rubric.scoring.rule]).format(share=f"{share:.0%}")


def overall_rule_sentence(rubric: Rubric) -> str:
    """Return the one sentence every report uses to explain the overall rung."""
    rule = rubric.scoring.overall
    if rule.explanation:
        return rule.explanation
    if rule.types in _TYPES_IN_WORDS:
        types = pgettext(_TYPES_CONTEXT, _TYPES_IN_WORDS[rule.types])
    else:
        types = ngettext("{count} type", "{count} types", rule.types).format(count=rule.types)
    if rule.types == 1 or rule.max_drop == 0:
        # TRANSLATORS: {types} is "one type", "two types"...: the sentence goes on "of
        # co-production" (Welsh: "o leiaf {types} o gydgynhyrchu").
        return _("Overall, the service stands on the highest rung that at least {types} of "
                 "co-production in its scope reach; types it has declared out of scope are "
                 "left out.").format(types=types)
    drop = (pgettext("overall rule", "one rung") if rule.max_drop == 1 else
            ngettext("{count} rung", "{count} rungs", rule.max_drop).format(count=rule.max_drop))
    # TRANSLATORS: {types} is "two types"..., {drop} is "one rung" or "2 rungs".
    return _("Overall, the service stands on the highest rung that at least {types} of "
             "co-production in its scope reach, and never more than {drop} below its strongest "
             "type; types it has declared out of scope are left out.").format(types=types,
                                                                             drop=drop)


#: How the overall rule names a number of types, in words up to five (context: the phrase
#: goes into the overall rule's sentence, "at least two types of co-production").
_TYPES_CONTEXT = "overall rule"
_TYPES_IN_WORDS = {
    1: NP_("overall rule", "one type"),
    2: NP_("overall rule", "two types"),
    3: NP_("overall rule", "three types"),
    4: NP_("overall rule", "four types"),
    5: NP_("overall rule", "five types"),
}
