"""How a `ServiceSummary` packs its figures small: shared values and places, in bytes.

This module owns the tables that give each value recurring across services (rubric ids,
planned actions, tags, dates, reasons) one object and a small whole number (its place), and
the packing of whole numbers into bytes, 1 or 4 a number, that `service_summary` reads back.
The tables live for the process and are bounded by the rubric and the values in use. Pure:
no printing, no clock; it must not know what a summary's fields mean.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


#: One object for each value that recurs across many services: rubric ids and wording, type
#: states and levels, tags, planned actions, dates, and the reasons services copy from one
#: file to the next. Mostly bounded by the rubric and the tags in use; a value only one
#: service has (a reason of its own) costs a dict entry more. On the benchmark's files it
#: takes a summary from 2.2 to 0.65 KB.
SHARED: dict[object, Any] = {}


def shared(value: T) -> T:
    """Return the one object equal to `value` (strings are interned as well)."""
    if isinstance(value, str):
        return sys.intern(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        value = type(value)(*map(shared, value)) if hasattr(value, "_fields") else tuple(
            map(shared, value))  # type: ignore[assignment]
    # Keyed by type too: a plain tuple and a PlannedAction with the same fields compare equal.
    return SHARED.setdefault((type(value), value), value)  # type: ignore[no-any-return]


class Places:
    """Gives each distinct value (an id, a planned action) a small whole number, for good.

    Bounded, like `SHARED`, by the rubric in use (its ids and actions) and by the values
    services share; a reason only one service gives costs one entry more.
    """

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._place: dict[object, int] = {}

    def of(self, value: object) -> int:
        key = (type(value), value)  # a plain tuple and a PlannedAction may compare equal
        place = self._place.get(key)
        if place is None:
            place = self._place[key] = len(self.values)
            self.values.append(shared(value))
        return place


IDS = Places()
ACTIONS = Places()
#: The values many services share, by place: tags, dates, type states, team names, and the
#: (criterion, reason) pairs of criteria answered as not applicable.
VALUES = Places()


def pack_bytes(numbers: Sequence[int]) -> bytes | tuple[int, ...]:
    """Whole numbers as one byte each: 1 byte a number where a tuple takes 8 and more.

    A number outside 0-255 (a rubric with hundreds of criteria or actions) keeps them all
    as a tuple, which reads the same way.
    """
    try:
        return bytes(numbers)
    except ValueError:
        return tuple(numbers)


def pack_words(numbers: Sequence[int]) -> bytes | tuple[int, ...]:
    """Whole numbers as 4 bytes each (this machine's unsigned int), read back with `words`.

    For places in `VALUES` and the voice figures, which may pass 255. A number past 4 bytes
    (never met: a voice file would have to hold billions of answers) keeps them all as a
    tuple, which reads the same way.
    """
    try:
        return array("I", numbers).tobytes()
    except OverflowError:
        return tuple(numbers)


def words(packed: bytes | tuple[int, ...]) -> Sequence[int]:
    """The whole numbers `pack_words` packed."""
    return memoryview(packed).cast("I") if isinstance(packed, bytes) else packed


class ByPlace(Generic[T]):
    """A field of a summary held as its value's place in `VALUES`, in the summary's `_places`
    at the place its name has in `order`."""

    def __init__(self, order: Sequence[str]) -> None:
        self._order = order
        self._at = -1

    def __set_name__(self, owner: type, name: str) -> None:
        self._at = self._order.index(name)

    @overload
    def __get__(self, summary: None, owner: type) -> ByPlace[T]: ...
    @overload
    def __get__(self, summary: object, owner: type) -> T: ...

    def __get__(self, summary: object | None, owner: type) -> T | ByPlace[T]:
        if summary is None:
            return self
        return VALUES.values[  # type: ignore[no-any-return]
            words(object.__getattribute__(summary, "_places"))[self._at]]
