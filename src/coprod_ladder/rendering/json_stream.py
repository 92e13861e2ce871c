"""JSON written in pieces: exactly what `json_text.dumps_finite` would write, row by row.

A portfolio view's per-service lists are lazy `Rows`; encoding them one row at a time keeps
memory to one row's worth however many services there are. Pure: returns text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coprod_ladder.json_text import dumps_finite
from coprod_ladder.rendering.portfolio_view import Rows


def _holds_rows(value: Any) -> bool:
    return isinstance(value, Rows) or (isinstance(value, dict) and any(
        _holds_rows(item) for item in value.values()))


def iter_json(value: Any, depth: int) -> Iterator[str]:
    """Yield exactly what `dumps_finite(materialise(value))` would write, one row at a time.

    json.dumps with an indent builds the whole text from millions of small pieces; encoding
    row by row keeps memory to one row's worth.
    """
    pad = "  " * depth
    if isinstance(value, Rows):
        if not len(value):
            yield "[]"
            return
        # A row is plain data (see `Rows`): encoded whole, without looking through its
        # items for more Rows (which, done for every row, was half the JSON's time).
        for index, row in enumerate(value):
            yield ("[\n" if index == 0 else ",\n") + pad + "  " + dumps_finite(row, depth + 1)
        yield "\n" + pad + "]"
    elif isinstance(value, dict) and _holds_rows(value):
        for index, key in enumerate(sorted(value)):
            yield ("{\n" if index == 0 else ",\n") + pad + "  " + dumps_finite(key) + ": "
            yield from iter_json(value[key], depth + 1)
        yield "\n" + pad + "}"
    else:
        yield dumps_finite(value, depth)
