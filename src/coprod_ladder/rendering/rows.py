"""Lazy view rows: `Rows`, a read-only list whose rows are built as they are read.

This module owns `Rows` and `materialise`, apart from `portfolio_view` so the parts of the
portfolio view built elsewhere (`portfolio_voice_view`) can hand out per-service lists the same
way without importing the whole view. It must not know what a row holds. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
R = TypeVar("R")


class Rows(Sequence[R], Generic[T, R]):
    """A read-only list of view rows, each built from its item when it is read.

    The per-service lists of a view are Rows, so a portfolio of many thousands of services
    never holds every row at once: memory stays at the size of the summaries. A row is plain
    data, never holding Rows itself (`json_stream` writes each row whole).
    """

    def __init__(self, items: Sequence[T], make: Callable[[T], R]) -> None:
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __iter__(self) -> Iterator[R]:
        return map(self._make, self._items)


def materialise(value: Any) -> Any:
    """Return a view with every Rows turned into a list (for json.dumps or comparisons)."""
    if isinstance(value, Rows):
        return [materialise(row) for row in value]
    if isinstance(value, dict):
        return {key: materialise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [materialise(item) for item in value]
    return value
