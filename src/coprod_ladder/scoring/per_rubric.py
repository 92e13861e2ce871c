"""What scoring (and checking answers) works out of a rubric alone, kept once per rubric.

A portfolio reads and scores thousands of services against one rubric, and some of what each
needs depends on the rubric only (its items and answer scales by id, its rungs in order, its
law for a country).
This module keeps such a value from the first score and hands it to the next. Rubrics are
frozen, so a kept value never goes stale; the rubric is kept beside it, so its id cannot
name another rubric while the entry lives. It must not keep wording that is translated at
render time (that depends on the language too), and callers must not change what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from coprod_ladder.model import Activity, Criterion, Factor, Rubric, Rung

T = TypeVar("T")

# A few rubrics at most are in use at once (a portfolio's, a test's); a bound keeps a long
# run that loads many (a rubric maintainer's CI) from growing.
_MOST = 64
_KEPT: dict[tuple[int, Hashable], tuple[object, Any]] = {}


def once_per_rubric(rubric: object, key: Hashable, make: Callable[[], T]) -> T:
    """Return `make()` for this rubric and key, worked out on the first call only."""
    entry = _KEPT.get((id(rubric), key))
    if entry is not None and entry[0] is rubric:
        return entry[1]  # type: ignore[no-any-return]
    value = make()
    if len(_KEPT) >= _MOST:
        _KEPT.clear()
    _KEPT[(id(rubric), key)] = (rubric, value)
    return value


def rungs_by_id(rubric: Rubric) -> Mapping[str, Rung]:
    """The rubric's rungs by id (`Rubric.rung_by_id`), built once per rubric."""
    return once_per_rubric(rubric, "rungs_by_id", rubric.rung_by_id)


@dataclass(frozen=True)
class Scale:
    """One answer set, as scoring reads it: which answers claim practice in place, which
    say "don't know", and each answer's label."""

    meets: Mapping[str, bool]
    unknown: frozenset[str]
    labels: Mapping[str, str]


def answer_scales(rubric: Rubric) -> Mapping[str, Scale]:
    """The rubric's answer sets by id (a checked rubric names no other), built once."""
    def build() -> dict[str, Scale]:
        return {s.id: Scale({o.id: o.meets and not o.unknown for o in s.options},
                            frozenset(o.id for o in s.options if o.unknown),
                            {o.id: o.label for o in s.options})
                for s in rubric.answer_sets}
    return once_per_rubric(rubric, "answer_scales", build)


def rungs_in_order(rubric: Rubric) -> tuple[tuple[Rung, ...], Mapping[str, int]]:
    """The rungs bottom first, and each rung's place among them by id, built once."""
    def build() -> tuple[tuple[Rung, ...], dict[str, int]]:
        rungs = tuple(rubric.rungs_in_order())
        return rungs, {r.id: i for i, r in enumerate(rungs)}
    return once_per_rubric(rubric, "rungs_in_order", build)


@dataclass(frozen=True)
class ItemsById:
    """The rubric's types, criteria and factors by id, and each answer set's answer ids in
    order: what checking an answers file looks up for every answer it holds."""

    activities: Mapping[str, Activity]
    criteria: Mapping[str, Criterion]
    success_factors: Mapping[str, Factor]
    readiness: Mapping[str, Factor]
    answer_ids: Mapping[str, tuple[str, ...]]


def items_by_id(rubric: Rubric) -> ItemsById:
    """The rubric's items by id (see `ItemsById`), built once."""
    def build() -> ItemsById:
        return ItemsById({a.id: a for a in rubric.activities},
                         {c.id: c for c in rubric.criteria},
                         {f.id: f for f in rubric.success_factors},
                         {f.id: f for f in rubric.readiness},
                         {s.id: tuple(o.id for o in s.options) for s in rubric.answer_sets})
    return once_per_rubric(rubric, "items_by_id", build)
