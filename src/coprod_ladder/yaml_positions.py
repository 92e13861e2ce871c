"""Where a value sits in a YAML file: a data path back to its 1-based line and column.

Every diagnostic about a file's content (schema, ids, answers) names the place through
`position`, from the node tree `yaml_source` builds, or through `position_in_text`, from the
parser's events of a file the fast path read, which finds the same place without building
the tree. Pure: no reading, no printing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def node_for(root: Node, loc: Sequence[int | str], *, want_key: bool = False) -> Node:
    """Return the node a data path points at, or its nearest existing ancestor.

    With `want_key`, return the key node of the last step (used for unknown-key errors).
    """
    node = root
    for index, part in enumerate(loc):
        if isinstance(node, MappingNode):
            pair = next(
                ((k, v) for k, v in node.value
                 if isinstance(k, ScalarNode) and k.value == str(part)),
                None,
            )
            if pair is None:
                return node
            last = index == len(loc) - 1
            node = pair[0] if (want_key and last) else pair[1]
        elif (isinstance(node, SequenceNode) and isinstance(part, int)
              and 0 <= part < len(node.value)):
            node = node.value[part]
        else:
            return node
    return node


def position(
    root: Node | None, loc: Sequence[int | str], *, want_key: bool = False
) -> tuple[int, int]:
    """Return the 1-based (line, column) of the node at `loc`, or (1, 1) without a tree."""
    if root is None:
        return 1, 1
    mark = node_for(root, loc, want_key=want_key).start_mark
    return mark.line + 1, mark.column + 1


def position_in_text(text: str, loc: Sequence[int | str], *,
                     want_key: bool = False) -> tuple[int, int]:
    """Return what `position` returns for `text`'s node tree, reading only events.

    For a document the fast path vouched for (`yaml_source.parse_yaml`: one document, a
    mapping or list at the root, text keys only, no alias): a file with one warning to place
    used to build its whole node tree, the costliest part of a parse, for one position. This
    follows `loc` through the events and stops there, skipping whatever lies aside.
    """
    loader = _Loader(text)
    try:
        get: Callable[[], Any] = loader.get_event
        get()  # the stream's start
        get()  # the document's start
        return _line_column(_mark_at(get, get(), loc, want_key))
    finally:
        loader.dispose()


def _line_column(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _mark_at(get: Callable[[], Any], event: Any, loc: Sequence[int | str],
             want_key: bool) -> Any:
    """Follow `loc` from `event` (a node's first event) as `node_for` follows the tree."""
    for index, part in enumerate(loc):
        if type(event) is MappingStartEvent:
            wanted = str(part)
            while True:
                key = get()
                if type(key) is MappingEndEvent:
                    return event.start_mark  # no such key: the mapping, as node_for says
                if key.value == wanted:
                    value = get()
                    if want_key and index == len(loc) - 1:
                        return key.start_mark
                    event = value
                    break
                _skip(get, get())
        elif (type(event) is SequenceStartEvent and isinstance(part, int) and part >= 0):
            at = 0
            while True:
                item = get()
                if type(item) is SequenceEndEvent:
                    return event.start_mark  # past the end: the list
                if at == part:
                    event = item
                    break
                _skip(get, item)
                at += 1
        else:
            return event.start_mark
    return event.start_mark


def _skip(get: Callable[[], Any], event: Any) -> None:
    """Read past the node that starts with `event`."""
    if not isinstance(event, CollectionStartEvent):
        return  # a scalar is one event
    depth = 1
    while depth:
        event = get()
        if isinstance(event, CollectionStartEvent):
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
