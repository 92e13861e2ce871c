"""How a `ServiceSummary` packs its figures small: shared values and places, in bytes.

This module owns the tables that give each value recurring across services (rubric ids,
planned actions, tags, dates, reasons, warnings) one object and a small whole number (its
place), and the packing of a summary's numbers, its one text and its places into one bytes
object, which `service_summary` reads back.
The tables live for the process and are bounded by the rubric and the values in use. Pure:
no printing, no clock; it must not know what a summary's fields mean.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence
from typing import Any, Generic, Literal, Self, TypeVar, overload

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


#: The first numbers of a packed summary say where its parts are: where its text starts,
#: where its places start, and how they are held (the `array` typecode of each place, or 0
#: when everything is a tuple). Its own numbers follow, from `HEADER` on.
HEADER = 3
_TEXT_AT, _PLACES_AT, _TYPECODE = range(HEADER)
_TYPECODES: dict[int, Literal["H", "I"]] = {ord("H"): "H", ord("I"): "I"}


def pack(numbers: Sequence[int], text: str, places: Sequence[int]) -> bytes | tuple[Any, ...]:
    """Whole numbers, one text and places, in one bytes object: the numbers 1 byte each (a
    tuple takes 8 and more), the text as UTF-8, the places 2 bytes each, or 4 when one is
    past 65,535. One object where a str and two bytes took 49 and 33 bytes each of overhead.

    A number past one byte (a rubric with hundreds of criteria or actions), a long text, or
    a place past 4 bytes (never met: a voice file would have to hold billions of answers)
    keeps them all in one tuple, laid out the same way and read the same way.
    """
    encoded = text.encode()
    text_at = HEADER + len(numbers)
    wide = "H" if max(places, default=0) < 1 << 16 else "I"
    try:
        head = bytes([text_at, text_at + len(encoded), ord(wide), *numbers])
        return head + encoded + array(wide, places).tobytes()
    except (ValueError, OverflowError):
        return (text_at, text_at + 1, 0, *numbers, text, *places)


def text_of(packed: bytes | tuple[Any, ...]) -> str:
    """The text `pack` packed."""
    if isinstance(packed, bytes):
        return packed[packed[_TEXT_AT]:packed[_PLACES_AT]].decode()
    return packed[packed[_TEXT_AT]]  # type: ignore[no-any-return]


def places_of(packed: bytes | tuple[Any, ...]) -> Sequence[int]:
    """The places `pack` packed."""
    if isinstance(packed, bytes):
        return memoryview(packed)[packed[_PLACES_AT]:].cast(_TYPECODES[packed[_TYPECODE]])
    return packed[packed[_PLACES_AT]:]


class PackedField(Generic[T]):
    """A field of a summary read from its `_packed`, at the place its name has in `order`;
    each kind says how (`_read`)."""

    def __init__(self, order: Sequence[str], doc: str | None = None) -> None:
        self._order = order
        self._at = -1
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self._at = self._order.index(name)

    @overload
    def __get__(self, summary: None, owner: type) -> Self: ...
    @overload
    def __get__(self, summary: object, owner: type) -> T: ...

    def __get__(self, summary: object | None, owner: type) -> T | Self:
        if summary is None:
            return self
        return self._read(object.__getattribute__(summary, "_packed"))

    def _read(self, packed: bytes | tuple[Any, ...]) -> T:
        raise NotImplementedError


class Number(PackedField[T]):
    """A whole-number field, among the packed numbers, read as `kind` (int or bool)."""

    def __init__(self, order: Sequence[str], kind: Callable[[int], T], doc: str) -> None:
        super().__init__(order, doc)
        self._kind = kind

    def _read(self, packed: bytes | tuple[Any, ...]) -> T:
        return self._kind(packed[HEADER + self._at])


class ByPlace(PackedField[T]):
    """A field held as its value's place in `VALUES`, among the packed places."""

    def _read(self, packed: bytes | tuple[Any, ...]) -> T:
        return VALUES.values[places_of(packed)[self._at]]  # type: ignore[no-any-return]
