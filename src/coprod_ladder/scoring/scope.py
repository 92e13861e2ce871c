"""What a service says about its scope: reasons that count, and which types are its main work.

Owns the rule for a not-applicable or out-of-scope reason (long enough, enough words, not a
stock phrase) and the rule for main work (named, kept always in scope, or main for a duty),
so scoring and the answers checks read the same one. Pure: no wording beyond the codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from coprod_ladder.model import Answers, Rubric
from coprod_ladder.scoring.floors import service_duties


def stock_phrase_key(text: str) -> str:
    """A reason as compared with the rubric's refused stock phrases: lower case, letters,
    digits and single spaces only ("N/A." and "n/a" compare equal)."""
    kept = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(kept.split())


@lru_cache(maxsize=16)
def _refused_keys(phrases: tuple[str, ...]) -> frozenset[str]:
    """The refused stock phrases as compared (worked out once per rubric, not per reason)."""
    return frozenset(stock_phrase_key(p) for p in phrases)


@lru_cache(maxsize=4096)
def _cached_key(text: str) -> str:
    # Reasons repeat across services (and each is checked when read and again when scored).
    return stock_phrase_key(text)


def reason_problem(reason: str, rubric: Rubric) -> str | None:
    """Why a not-applicable or out-of-scope reason does not count, or None when it does.

    The answer is one of "stock-phrase", "too-few-words" and "too-short"; the checks turn it
    into a sentence with the rubric's numbers.
    """
    rules = rubric.scoring
    key = _cached_key(reason)
    if key in _refused_keys(tuple(rules.refused_reasons)):
        return "stock-phrase"
    if len(reason.strip()) < rules.min_reason_chars:
        return "too-short"
    if len(key.split()) < rules.min_reason_words:
        return "too-few-words"
    return None


def real_reason(reason: str | None, rubric: Rubric) -> bool:
    """Return True when a not-applicable or out-of-scope reason says something: long enough,
    enough words, and not one of the rubric's refused stock phrases."""
    return reason is not None and reason_problem(reason, rubric) is None


def main_work(rubric: Rubric, answers: Answers, out_of_scope: Mapping[str, object]
              ) -> tuple[str, ...]:
    """The types that are the service's main work, in rubric order: those it names, those the
    rubric keeps always in scope, and those main for one of its duties; never a type declared
    out of scope (the answers checks refuse a main type declared out of scope)."""
    named, duties = set(answers.main_work), service_duties(answers)
    return tuple(a.id for a in rubric.activities if a.id not in out_of_scope and (
        a.id in named or a.always_in_scope or not duties.isdisjoint(a.main_work_for)))
