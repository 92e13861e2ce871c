"""yaml_source builds values with its own fast walk; it must equal PyYAML's constructor exactly.

The portfolio reads thousands of answers files, and PyYAML's generic constructor was most of
the time spent on each. `_inspect_and_build` replaces it for trees it accepts and falls back to
PyYAML for anything unusual; these cases pin that the data and diagnostics never change.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from coprod_ladder import yaml_source

ROOT = Path(__file__).parent.parent

CASES = {
    "ints": "a: 0x1F\nb: 0o17\nc: 017\nd: 1_000\ne: +5\nf: -3\ng: 1:30\nh: 0b101\n",
    "floats": "a: .inf\nb: -.Inf\nc: .nan\nd: 1e3\ne: 6.02e+23\nf: 1.5\ng: -0.0\nh: 1_0.5\n",
    "booleans": "a: true\nb: True\nc: TRUE\nd: !!bool yes\ne: false\nf: yes\ng: no\nh: on\n",
    "nulls": "a: ~\nb: null\nc:\nd: Null\n",
    "timestamps": "a: 2026-01-01\nb: 2026-01-01T10:00:00Z\nc: 2026-01-01 10:00:00.5 +01:00\n",
    "explicit-tags": "a: !!str 123\nb: !!int '5'\nc: !!float 1\nd: !!null ''\n",
    "scalar-keys": "1: int key\n~: null key\n2026-01-01: date key\n1.5: float key\n",
    "nesting": "a: {}\nb: []\nc: [1, [2, [3, {d: e}]]]\nd: 'q'\ne: \"\\u00e9\"\nf: |\n  x\n",
    "str-tag-on-mapping": "a: !!str {x: 1}\n",
    "int-tag-on-sequence": "a: !!int [1]\n",
    "map-tag-on-scalar": "a: !!map foo\n",
    "seq-tag-on-scalar": "a: !!seq foo\n",
    "bad-date": "a: 2026-13-45\n",
    "huge-int": "a: 1" + "0" * 5000 + "\n",
    "bad-explicit-float": "a: !!float abc\n",
    "duplicate-key": "a: 1\na: 2\n",
    "top-level-list": "- a\n- b\n",
    "top-level-text": "just text\n",
}


def typed(value: Any) -> Any:
    """Return a comparable form that tells 1 from True and 1.0, and treats NaN as equal."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return (type(value).__name__, repr(value))


def parse_both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = yaml_source.parse_yaml(text, "x.yaml")

    walk = yaml_source._inspect_and_build

    def check_only(*args: Any) -> Any:  # the same checks, and PyYAML's constructor builds
        fatal, duplicates, _ = walk(*args)
        return fatal, duplicates, None

    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "_inspect_and_build", check_only)
        slow = yaml_source.parse_yaml(text, "x.yaml")
    return ((typed(fast.data), [str(d) for d in fast.diagnostics]),
            (typed(slow.data), [str(d) for d in slow.diagnostics]))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_fast_build_equals_pyyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = parse_both(text, monkeypatch)
    assert fast == slow


SHIPPED = sorted([*ROOT.glob("rubrics/*.yaml"), *ROOT.glob("examples/*.yaml"),
                  *ROOT.glob("tests/data/**/*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_build_equals_pyyaml_on_shipped_files(path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = parse_both(path.read_text(encoding="utf-8"), monkeypatch)
    assert fast == slow


def test_remembered_scalar_tags_read_the_same_as_fresh_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(CASES.values()).replace("\n- a\n- b\n", "\n").replace("just text\n", "")
    text = "\n".join(f"k{n}: {line.split(': ', 1)[1]}" if ": " in line else line
                     for n, line in enumerate(text.splitlines()))
    warm = [yaml_source.parse_yaml(text, "x.yaml") for _ in range(2)][-1]
    monkeypatch.setattr(yaml_source._StrictLoader, "_plain_tags", {})
    fresh = yaml_source.parse_yaml(text, "x.yaml")
    assert typed(warm.data) == typed(fresh.data)
    assert [str(d) for d in warm.diagnostics] == [str(d) for d in fresh.diagnostics]
