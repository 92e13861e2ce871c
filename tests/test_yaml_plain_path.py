"""yaml_source reads plain, valid files from the parser's events, without a node tree.

`parse_yaml` tries `_plain_value` first and parses again the full way for anything it does not
vouch for. These cases pin that the fast path gives exactly the full path's data and
diagnostics, that the node tree built later for positions is the full path's, and that every
unusual or hostile input is left to the full path (where tests/test_yaml_source.py and
tests/test_bad_input.py check what it reports).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from yaml.nodes import MappingNode, Node, SequenceNode

from coprod_ladder import yaml_positions, yaml_source
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.rubric.load import parse_rubric
from test_yaml_fast_build import CASES, typed

ROOT = Path(__file__).parent.parent
SHIPPED = sorted([*ROOT.glob("rubrics/*.yaml"), *ROOT.glob("examples/*.yaml"),
                  *ROOT.glob("tests/data/**/*.yaml")])


def _full(text: str, monkeypatch: pytest.MonkeyPatch) -> yaml_source.YamlDocument:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "_plain_value", lambda _text: None)
        return yaml_source.parse_yaml(text, "x.yaml")


def _shape(node: Node | None) -> Iterator[tuple[Any, ...]]:
    """Every node of a tree with its tag, value and position, in order."""
    if node is None:
        yield ("none",)
        return
    mark = node.start_mark
    if isinstance(node, MappingNode):
        yield ("map", node.tag, mark.line, mark.column, len(node.value))
        for key, value in node.value:
            yield from _shape(key)
            yield from _shape(value)
    elif isinstance(node, SequenceNode):
        yield ("seq", node.tag, mark.line, mark.column, len(node.value))
        for item in node.value:
            yield from _shape(item)
    else:
        yield ("scalar", node.tag, node.value, mark.line, mark.column)


def assert_same_as_full(text: str, monkeypatch: pytest.MonkeyPatch) -> yaml_source.YamlDocument:
    fast = yaml_source.parse_yaml(text, "x.yaml")
    full = _full(text, monkeypatch)
    assert typed(fast.data) == typed(full.data)
    assert [str(d) for d in fast.diagnostics] == [str(d) for d in full.diagnostics]
    assert fast.parsed == full.parsed == (full.root is not None)
    assert list(_shape(fast.root)) == list(_shape(full.root))
    return fast


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_fast_path_equals_the_full_path(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_as_full(text, monkeypatch)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_files_take_the_fast_path_and_read_the_same(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml_source._plain_value(text) is not None, "a plain file left the fast path"
    assert_same_as_full(text, monkeypatch)


def test_generated_answers_files_take_the_fast_path_and_score_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    files = generate(12, tmp_path, ROOT / "rubrics" / "default.yaml", 3)
    rubric, _ = parse_rubric((ROOT / "rubrics" / "default.yaml").read_bytes(), "default.yaml")
    assert rubric is not None
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml_source._plain_value(text) is not None
        assert_same_as_full(text, monkeypatch)
        fast = parse_answers(text, str(path), rubric)
        with monkeypatch.context() as patch:
            patch.setattr(yaml_source, "_plain_value", lambda _text: None)
            full = parse_answers(text, str(path), rubric)
        assert fast[0] == full[0]
        assert fast[1] == full[1]  # warnings too, with the positions the full path gives


LEFT_TO_THE_FULL_PATH = {
    "alias": "a: &x 1\nb: *x\n",
    "anchor-only": "a: &x 1\n",
    "anchored-mapping": "a: &x {b: 1}\n",
    "merge-key": "a: {b: 1}\nc:\n  <<: {d: 2}\n",
    "explicit-tag": "a: !!str 1\n",
    "local-tag": "a: !thing 1\n",
    "python-tag": "a: !!python/object:os.system ls\n",
    "tag-on-mapping": "a: !!map {b: 1}\n",
    "non-specific-tag": "a: ! 1\n",
    "duplicate-key": "a: 1\nb: 2\na: 3\n",
    "duplicate-quoted-key": "a: 1\n'a': 2\n",
    "number-key": "1: a\n",
    "nan-keys": ".nan: a\n.NaN: b\n",
    "list-key": "? [a]\n: b\n",
    "mapping-key": "? {a: 1}\n: b\n",
    "bare-equals": "a: =\n",
    "bad-date": "a: 2026-02-30\n",
    "huge-int": "a: 1" + "0" * 5000 + "\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "tag-directive": "%TAG !e! tag:example.com,2000:\n---\na: 1\n",
    "empty": "",
    "only-a-comment": "# nothing\n",
    "null-document": "~\n",
    "one-scalar": "just text\n",
    "syntax-error": "a: [1, 2\n",
    "error-at-the-end": "a: 1\n]\n",
    "tab-indent": "a:\n\tb: 1\n",
    "control-character": "a: \x07\n",
    "too-deep": "a: " + "[" * (yaml_source.MAX_DEPTH + 1) + "]" * (yaml_source.MAX_DEPTH + 1)
                + "\n",
    "too-deep-scalar": "a: " + "[" * yaml_source.MAX_DEPTH + "1" + "]" * yaml_source.MAX_DEPTH
                       + "\n",
    "too-many-values": "[" + "1," * yaml_source.MAX_NODES + "1]\n",
}


@pytest.mark.parametrize("text", LEFT_TO_THE_FULL_PATH.values(),
                         ids=LEFT_TO_THE_FULL_PATH.keys())
def test_anything_unusual_is_left_to_the_full_path(text: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert yaml_source._plain_value(text) is None
    assert_same_as_full(text, monkeypatch)


def test_the_deepest_and_largest_plain_files_still_take_the_fast_path() -> None:
    depth = yaml_source.MAX_DEPTH - 1  # the mapping is one level, the lists the rest
    deep = "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"
    assert yaml_source._plain_value(deep) is not None
    many = "[" + "1," * (yaml_source.MAX_NODES - 2) + "1]\n"
    assert yaml_source._plain_value(many) is not None


def test_the_node_tree_is_built_only_when_a_position_is_asked_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = yaml_source.parse_yaml("a: 1\nb:\n  - c\n", "x.yaml")
    assert doc.parsed and doc.ok
    assert doc._root is None  # not built yet
    assert yaml_positions.position(doc.root, ("b", 0)) == (3, 5)
    assert doc._root is not None


def test_remembered_plain_values_read_the_same_as_fresh_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("a: 2026-01-01\nb: 2026-01-01T10:00:00Z\nc: 0x1F\nd: .nan\ne: true\nf: ~\ng: 1.5\n"
            "h: [2026-01-01, 0x1F, true, ~, 1.5, '2026-01-01', 017]\n")
    warm = [yaml_source.parse_yaml(text, "x.yaml") for _ in range(2)][-1]
    assert "2026-01-01" in yaml_source._StrictLoader._plain_values
    monkeypatch.setattr(yaml_source._StrictLoader, "_plain_values", {})
    monkeypatch.setattr(yaml_source._StrictLoader, "_plain_tags", {})
    fresh = yaml_source.parse_yaml(text, "x.yaml")
    assert typed(warm.data) == typed(fresh.data)
    assert typed(fresh.data) == typed(_full(text, monkeypatch).data)


@pytest.mark.parametrize("spelling", [".nan", ".NaN", ".inf", "-.Inf", "+.INF"])
def test_a_float_that_is_not_finite_is_left_to_the_full_path(spelling: str) -> None:
    assert yaml_source._plain_value(f"a: {spelling}\n") is None
    assert not yaml_source.parse_yaml(f"a: {spelling}\n", "x.yaml").plain
    assert yaml_source.parse_yaml("a: 1.5\nb: -0.0\n", "x.yaml").plain


def test_not_a_number_is_not_taken_for_an_empty_answer() -> None:
    """orjson writes NaN as null, which `cyp_say` (it may be empty) would accept: a file with
    one must be refused, as it always was."""
    lines = (ROOT / "examples" / "camhs.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("    cyp_say:"))
    end = next(n for n in range(at + 1, len(lines)) if not lines[n].startswith("      "))
    bad = "\n".join([*lines[:at], "    cyp_say: .nan", *lines[end:]]) + "\n"
    _, diagnostics = parse_answers(bad, "camhs.yaml")
    assert [(d.code, d.line) for d in diagnostics] == [("schema/type", at + 1)]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_json_validated_reads_the_same_whichever_writer(path: Path) -> None:
    import json

    from coprod_ladder.loader import _as_json, _json_value

    doc = yaml_source.parse_yaml(path.read_text(encoding="utf-8"), str(path))
    if not doc.parsed:
        return
    standard = json.dumps(doc.data, default=_json_value, ensure_ascii=False, allow_nan=True)
    assert json.loads(_as_json(doc)) == json.loads(standard)
