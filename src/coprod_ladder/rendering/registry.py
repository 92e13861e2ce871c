"""What an output format is: a `Renderer`, and the `Registry` of one kind of output's formats.

Kept free of any renderer, so the shell can name formats (for --format choices and help)
without loading the templates, the scoring engine or xlsxwriter.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Generic, TypeVar

from coprod_ladder.language import N_, _

__all__ = ["Registry", "Renderer", "UnknownFormat"]

#: What an unknown --format is told, by the kind of output (each a whole sentence).
_UNKNOWN: dict[str, str] = {
    "report": N_("'{name}' is not a report format; use {formats}"),
    "portfolio": N_("'{name}' is not a portfolio format; use {formats}"),
    "findings": N_("'{name}' is not a findings format; use {formats}"),
}

V = TypeVar("V")


class UnknownFormat(ValueError):
    """A --format value no renderer answers to; the message lists the ones that do."""


@dataclass(frozen=True)
class Renderer(Generic[V]):
    """One output format of one kind of view."""

    name: str
    """What --format takes, and the file suffix."""
    pieces: Callable[[V], Iterable[str]] | None = None
    """Text formats: the text in pieces, ending with one newline."""
    write_to: Callable[[V, BinaryIO], None] | None = None
    """Binary formats: write the file into an open binary stream (a temp file, or memory).
    Given a stream, a large workbook never has to be held in memory whole."""
    encoded: Callable[[V], bytes] | None = None
    """Text formats that can make their UTF-8 bytes directly, faster than text then encoding
    (the JSON report): the same bytes as its pieces joined and encoded."""

    @property
    def binary(self) -> bool:
        return self.write_to is not None

    @property
    def suffix(self) -> str:
        return self.name

    def text_pieces(self, view: V) -> Iterator[str]:
        """Yield a text format's pieces; refuses a binary format."""
        if self.pieces is None:
            raise ValueError(f"{self.name} is a binary format: use render_bytes")
        yield from self.pieces(view)

    def render_bytes(self, view: V) -> bytes:
        """Return the bytes of the file (text as UTF-8)."""
        if self.write_to is not None:
            buffer = io.BytesIO()
            self.write_to(view, buffer)
            return buffer.getvalue()
        if self.encoded is not None:
            return self.encoded(view)
        return "".join(self.text_pieces(view)).encode("utf-8")


class Registry(Generic[V]):
    """The formats of one kind of output, in the order help and file lists show them."""

    def __init__(self, what: str, renderers: Sequence[Renderer[V]],
                 default: Sequence[str], aliases: dict[str, str] | None = None) -> None:
        self.what = what
        self._by_name = {r.name: r for r in renderers}
        self.default = tuple(self._by_name[name] for name in default)
        self._aliases = aliases or {}

    def __iter__(self) -> Iterator[Renderer[V]]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return list(self._by_name)

    def names_text(self) -> str:
        """'html, md, json or xlsx', for messages and help."""
        names = self.names()
        if len(names) == 1:
            return names[0]
        # TRANSLATORS: a list of format names, such as "html, md, json or xlsx".
        return _("{names} or {last}").format(names=", ".join(names[:-1]), last=names[-1])

    def get(self, name: str) -> Renderer[V]:
        """Return the renderer called `name` (any case, or an alias such as 'markdown')."""
        key = name.strip().lower()
        key = self._aliases.get(key, key)
        if key not in self._by_name:
            message = _UNKNOWN.get(self.what, "'{name}' is not a {what} format; use {formats}")
            raise UnknownFormat(_(message).format(name=name, what=self.what,
                                                  formats=self.names_text()))
        return self._by_name[key]

    def choose(self, values: Sequence[str] | None) -> list[Renderer[V]]:
        """Return the formats asked for (repeated or comma-separated), each once, in order.

        None or nothing asked for gives the defaults.
        """
        chosen: list[Renderer[V]] = []
        for value in values or []:
            for part in value.split(","):
                renderer = self.get(part)
                if renderer not in chosen:
                    chosen.append(renderer)
        return chosen or list(self.default)
