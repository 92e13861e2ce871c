"""Where a value sits in a YAML file: a data path back to its 1-based line and column.

Every diagnostic about a file's content (schema, ids, answers) names the place through
`position`, from the node tree `yaml_source` builds. Pure: no reading, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


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
