"""A file the fast path read places a problem from its events, exactly where the tree would.

`yaml_positions.position_in_text` finds a data path's line and column without building the
node tree (a warning on one in ten answers files used to build it); these cases pin that it
names the same place as `position` on the tree, for every path in the shipped files and in
awkward documents, paths that go nowhere included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_ladder.yaml_positions import position, position_in_text
from coprod_ladder.yaml_source import YamlDocument, parse_yaml

ROOT = Path(__file__).parent.parent
SHIPPED = sorted([*(ROOT / "examples").rglob("*.yaml"), *(ROOT / "rubrics").glob("*.yaml")])

AWKWARD = {
    "flow": "a: {b: [1, {c: d}, [e, f]], g: h}\ni: [j, {k: [l, m]}]\n",
    "top-list": "- a: 1\n  b: [2, 3]\n- [4, [5, 6]]\n- x\n",
    "empty-collections": "a: {}\nb: []\nc: {d: []}\ne: [[], {}]\n",
    "block-scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: [x]\n",
    "quoted-keys": "'a b': 1\n\"c\": {'d': 2}\n'5': five\n",
    "comments": "# top\na: # after\n  - 1 # one\n  # own line\n  - {b: 2}\n",
    "deep": "a:\n" + "".join("  " * n + f"  k{n}:\n" for n in range(30)) + "  " * 31 + "v\n",
}


def _paths(value: Any, prefix: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    """Every path into `value`, and beside each collection some that lead nowhere."""
    yield prefix
    if isinstance(value, dict):
        yield (*prefix, "no-such-key")
        yield (*prefix, 0)
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        yield (*prefix, len(value))
        yield (*prefix, -1)
        yield (*prefix, "text")
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))
    else:
        yield (*prefix, "below-a-scalar")


def _same_everywhere(text: str, most: int = 10_000) -> int:
    """Compare the two ways on every path (at most `most`, spread over the file: each event
    walk reads the file again)."""
    doc = parse_yaml(text, "f.yaml")
    assert doc.ok and doc._root is None, "the fast path reads every case here"
    tree = parse_yaml(text, "f.yaml").root
    paths = list(_paths(doc.data))
    checked = 0
    for loc in paths[::max(1, len(paths) // most)]:
        for want_key in (False, True):
            assert position_in_text(text, loc, want_key=want_key) == position(
                tree, loc, want_key=want_key), (loc, want_key)
            checked += 1
    return checked


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_events_place_every_path_as_the_tree_does(name: str) -> None:
    assert _same_everywhere(AWKWARD[name]) > 4


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_events_place_every_path_of_the_shipped_files_as_the_tree_does(path: Path) -> None:
    assert _same_everywhere(path.read_text(encoding="utf-8"), most=150) > 20


def test_a_document_places_from_events_and_never_builds_the_tree() -> None:
    text = "service:\n  id: a\n  name: A\ntarget:\n  rung: top\n"
    doc = parse_yaml(text, "f.yaml")
    assert isinstance(doc, YamlDocument)
    assert doc.position(("target", "rung")) == (5, 9)
    assert doc.position(("target", "rung"), want_key=True) == (5, 3)
    assert doc._root is None  # only a caller that asks for `root` pays for the tree
