"""dumps_sorted writes exactly what json.dumps(indent=2, sort_keys=True) writes, for any value
a report or portfolio view can hold, and falls back to it for anything else."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coprod_ladder.json_text import dumps_finite, dumps_sorted, finite_json_file


def standard(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children,
                                                                     max_size=4),
    max_leaves=30)


@given(values)
def test_same_text_as_the_standard_library(value: object) -> None:
    assert dumps_sorted(value) == standard(value)


@given(values, st.integers(min_value=0, max_value=3))
def test_a_level_indents_every_following_line(value: object, level: int) -> None:
    assert dumps_sorted(value, level) == standard(value).replace("\n", "\n" + "  " * level)


class Colour(StrEnum):
    RED = "r\u00e9d"


class Size(IntEnum):
    BIG = 3


@pytest.mark.parametrize("value", [
    {"kind": Colour.RED, "size": Size.BIG, "pair": (1, 2.5), "nan": float("nan")},
    {1: "a key that is not text"}, {"x": {"é\u2028": [[], {}, -0.0, 1e300, float("-inf")]}},
])
def test_subclasses_tuples_and_unusual_keys(value: object) -> None:
    assert dumps_sorted(value) == standard(value)


def test_values_json_cannot_write_raise_the_standard_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_sorted({"when": object()})


finite_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children,
                                                                     max_size=4),
    max_leaves=30)


@given(finite_values, st.integers(min_value=0, max_value=3))
@example(6.103515625e-05, 0)  # orjson writes 0.00006103515625, Python 6.103515625e-05
@example({"a": [-1.5e-05, 1e15, 9.999e15]}, 1)
def test_the_fast_path_writes_the_same_text_for_finite_values(value: object,
                                                               level: int) -> None:
    assert dumps_finite(value, level) == dumps_sorted(value, level)


@pytest.mark.parametrize("value", [
    {"big": 2 ** 70, "small": -(2 ** 70)}, {"lone": "\ud800 half a pair"},
    {1: "a key that is not text"}, {"kind": Colour.RED, "size": Size.BIG, "pair": (1, 2.5)},
    {"x": {"é\u2028\x00\x1f\x7f": [[], {}, -0.0, 1e300, 5e-324, 0.1 + 0.2]}},
    {"tiny": 5.960464477539063e-08, "huge": 1e22}, {"note": "a version like 2e-5 in text"},
])
def test_what_the_fast_path_cannot_write_the_same_way_goes_the_slow_way(value: object) -> None:
    assert dumps_finite(value) == standard(value)


@given(finite_values)
@example(6.103515625e-05)
@example({"a": [-1.5e-05, 1e15, 9.999e15, 1e16, -2.5e300, 1e-8]})
@example({"note": "a one-to-one re-run", "share": 0.25})
def test_a_json_file_is_the_text_with_a_newline_as_utf8(value: object) -> None:
    assert finite_json_file(value) == (dumps_sorted(value) + "\n").encode("utf-8")


@pytest.mark.parametrize("value", [
    {"big": 2 ** 70}, {1: "a key that is not text"}, {"tiny": 5.960464477539063e-08},
    {"small": 0.00001}, {"x": [1e300, 5e-324]}, {"note": "a version like 2e-5 in text"},
])
def test_a_json_file_the_fast_path_cannot_write_goes_the_slow_way(value: object) -> None:
    assert finite_json_file(value) == (standard(value) + "\n").encode("utf-8")
