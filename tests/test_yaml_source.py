"""yaml_source: every YAML-level finding code, pinned to its 1-based line and column.

Each case is a small edit of tests/data/rubrics/mini.yaml (or a whole tiny document) and the
exact (line, column, code) findings it must produce. Nothing here goes through the CLI; see
test_bad_input.py for the same inputs end to end.
"""

from __future__ import annotations

import os
import stat
import tracemalloc
from pathlib import Path

import pytest
import yaml

from coprod_ladder.file_bytes import MAX_BYTES, decode_text, read_file_bytes
from coprod_ladder.loader import parse_document
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.yaml_positions import position
from coprod_ladder.yaml_source import MAX_DEPTH, MAX_NODES, parse_yaml

Found = list[tuple[int, int, str]]


def found(diagnostics: list) -> Found:
    return [(d.line, d.column, d.code) for d in diagnostics]


# (edits to mini.yaml, expected findings). Columns count characters from 1.
MINI_CASES = [
    pytest.param([("title: A small rubric for tests", "title: [A small rubric")],
                 [(4, 8, "syntax")], id="syntax-unclosed-flow-list"),
    pytest.param([("  - framework: Test ladder\n    credit",
                   "  - framework: Test ladder\n\tcredit")],
                 [(8, 1, "syntax")], id="syntax-tab-indentation"),
    pytest.param([("licence: MIT", 'licence: "MIT')],
                 [(5, 10, "syntax")], id="syntax-unclosed-quote-points-at-opening-quote"),
    pytest.param([("    in_practice: Young people sit on the board.\n",
                   "    in_practice: Young people sit on the board.\n---\nid: second\n")],
                 [(49, 1, "syntax")], id="syntax-two-documents"),
    pytest.param([("licence: MIT", "licence: M\x07IT")],
                 [(5, 11, "syntax")], id="syntax-control-character"),
    pytest.param([("licence: MIT", "licence: Mé\x1bIT")],
                 [(5, 12, "syntax")], id="syntax-control-character-after-accent"),
    pytest.param([("licence: MIT", "licence: 2026-02-30")],
                 [(5, 10, "syntax")], id="syntax-impossible-date"),
    pytest.param([("    level: 3\n", "    level: " + "9" * 5000 + "\n")],
                 [(44, 12, "syntax")], id="syntax-number-too-long"),
    pytest.param([("licence: MIT", "? [a, b]\n: MIT")],
                 [(5, 3, "syntax")], id="syntax-list-as-key"),
    pytest.param([("licence: MIT", "licence: =")],
                 [(5, 10, "syntax")], id="syntax-bare-equals"),
    pytest.param([("licence: MIT\n", "licence: MIT\nlicence: MIT\n")],
                 [(6, 1, "duplicate-key")], id="duplicate-key-top-level"),
    pytest.param([("    name: Told\n", "    name: Told\n    name: Told\n")],
                 [(34, 5, "duplicate-key")], id="duplicate-key-nested"),
    pytest.param([("licence: MIT", "licence: &lic MIT"),
                  ("    credit: Written for coprod's tests.", "    credit: *lic")],
                 [(5, 10, "alias")], id="alias-reused-value"),
    pytest.param([("scoring:\n  rule: gated", "scoring:\n  <<: {rule: gated}")],
                 [(13, 3, "alias")], id="alias-merge-key"),
    pytest.param([("licence: MIT", "licence: !!python/object/apply:os.system [echo hi]")],
                 [(5, 10, "unsafe-tag")], id="unsafe-tag-python-apply"),
    pytest.param([("licence: MIT", "licence: !!python/name:os.system")],
                 [(5, 10, "unsafe-tag")], id="unsafe-tag-python-name"),
    pytest.param([("licence: MIT", "licence: !secret MIT")],
                 [(5, 10, "unsafe-tag")], id="unsafe-tag-local"),
    pytest.param([("licence: MIT", "licence: !!binary TUlU")],
                 [(5, 10, "unsafe-tag")], id="unsafe-tag-binary"),
    pytest.param([("scoring:\n  rule: gated",
                   "scoring: !!python/object:collections.OrderedDict\n  rule: gated")],
                 [(12, 10, "unsafe-tag")], id="unsafe-tag-on-a-mapping"),
]


@pytest.mark.parametrize(("edits", "expected"), MINI_CASES)
def test_yaml_finding_in_mini(edits: list[tuple[str, str]], expected: Found, edit_mini) -> None:
    doc = parse_document(edit_mini(*edits), "r.yaml")
    assert found(doc.diagnostics) == expected
    assert all(d.path == "r.yaml" for d in doc.diagnostics)


def test_duplicate_key_is_the_only_finding_in_an_otherwise_valid_rubric(edit_mini) -> None:
    text = edit_mini(("licence: MIT\n", "licence: MIT\nlicence: MIT\n"))
    rubric, diagnostics = parse_rubric(text, "r.yaml")
    assert found(diagnostics) == [(6, 1, "duplicate-key")]
    assert rubric is None
    assert "line 5" in diagnostics[0].message


DOCUMENT_CASES = [
    pytest.param(b"", [(1, 1, "empty")], id="empty-file"),
    pytest.param(b"# nothing here yet\n\n", [(1, 1, "empty")], id="empty-only-comments"),
    pytest.param(b"---\n", [(1, 1, "empty")], id="empty-document-marker"),
    pytest.param(b"~\n", [(1, 1, "empty")], id="empty-null"),
    pytest.param(b"id: mini\nlicence: M\x00IT\n", [(2, 11, "encoding")], id="encoding-nul-byte"),
    pytest.param(b"id: mini\nlicence: caf\xe9\n", [(2, 13, "encoding")], id="encoding-latin-1"),
    pytest.param("id: mini\n".encode("utf-16"), [(1, 1, "encoding")], id="encoding-utf-16"),
    pytest.param(b"\xef\xbb\xbfid: !x mini\n", [(1, 5, "unsafe-tag")],
                 id="bom-does-not-shift-columns"),
    pytest.param(b"\xef\xbb\xbfid: mini\nid: mini\n", [(2, 1, "duplicate-key")],
                 id="bom-duplicate"),
    pytest.param(f"id: {'[' * 70}{']' * 70}\n".encode(), [(1, MAX_DEPTH + 4, "too-deep")],
                 id="too-deep-flow"),
    pytest.param(b"[" * 20_000 + b"]" * 20_000, [(1, 1001, "too-deep")], id="too-deep-flow-20000"),
    pytest.param(b"- " * 20_000 + b"x\n", [(1, 1999, "too-deep")], id="too-deep-block-20000"),
    pytest.param(b"- x\n" * MAX_NODES, [(MAX_NODES, 3, "too-large")],
                 id="too-large-too-many-values"),
]


@pytest.mark.parametrize(("raw", "expected"), DOCUMENT_CASES)
def test_yaml_finding_in_document(raw: bytes, expected: Found) -> None:
    assert found(parse_document(raw, "r.yaml").diagnostics) == expected


def test_a_rubric_with_a_byte_order_mark_is_clean(mini_text: str) -> None:
    rubric, diagnostics = parse_rubric(b"\xef\xbb\xbf" + mini_text.encode(), "r.yaml")
    assert diagnostics == []
    assert rubric is not None and rubric.id == "mini"


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "Y", "n"])
def test_yaml_11_yes_no_words_stay_text(word: str) -> None:
    doc = parse_yaml(f"{word}: {word}\nlist: [{word}]\n", "r.yaml")
    assert doc.data == {word: word, "list": [word]}


def test_true_and_false_are_still_booleans() -> None:
    assert parse_yaml("a: true\nb: False\n", "r.yaml").data == {"a": True, "b": False}


@pytest.mark.parametrize(
    "payload",
    [
        '!!python/object/apply:os.mkdir ["{marker}"]',
        '!!python/object/apply:os.system ["touch {marker}"]',
        '[1, {{a: !!python/object/apply:os.mkdir ["{marker}"]}}]',
        '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    ],
    ids=["os-mkdir", "os-system", "nested", "popen"],
)
def test_python_tags_are_never_constructed(payload: str, tmp_path: Path) -> None:
    # Prove the payload is live: an unsafe loader really does create the file...
    live = tmp_path / "live"
    if "Popen" not in payload:  # Popen runs in the background; the others act at once
        yaml.unsafe_load("value: " + payload.format(marker=live))
        assert live.exists()
    # ...and ours refuses it without constructing anything.
    marker = tmp_path / "marker"
    doc = parse_document("value: " + payload.format(marker=marker), "r.yaml")
    assert [d.code for d in doc.diagnostics] == ["unsafe-tag"]
    assert doc.data is None
    assert not marker.exists()


def test_alias_bomb_is_refused_before_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]"
              for i in range(9)]
    doc = parse_document("\n".join(lines) + "\n", "bomb.yaml")
    assert {d.code for d in doc.diagnostics} == {"alias"}
    # One finding per reused value (the anchors a..i), not one per use.
    assert found(doc.diagnostics) == [(n, 4, "alias") for n in range(1, 10)]
    assert doc.data is None


def test_recursive_alias_is_refused() -> None:
    doc = parse_document("a: &a [*a]\n", "r.yaml")
    assert found(doc.diagnostics) == [(1, 4, "alias")]


# --- positions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "want_key", "expected"),
    [
        (("rungs", 1, "level"), False, (38, 12)),
        (("rungs", 1, "level"), True, (38, 5)),
        (("rungs", 1, "no_such_key"), False, (37, 5)),  # nearest existing ancestor
        (("rungs", 99), False, (31, 3)),  # index out of range: the list itself
        (("criteria", 0, "id", "deeper"), False, (57, 9)),  # past a scalar: the scalar
        ((), False, (1, 1)),
    ],
)
def test_position_maps_a_data_path_to_line_and_column(
    loc: tuple, want_key: bool, expected: tuple[int, int], mini_text: str
) -> None:
    root = parse_yaml(mini_text, "mini.yaml").root
    assert position(root, loc, want_key=want_key) == expected


def test_position_without_a_tree_is_the_start_of_the_file() -> None:
    assert position(None, ("a", 1)) == (1, 1)


# --- reading files ------------------------------------------------------------------------


def test_read_refuses_a_file_over_the_limit_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: 30 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        data, diagnostics = read_file_bytes(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data is None
    assert found(diagnostics) == [(1, 1, "too-large")]
    assert "31,457,280 bytes" in diagnostics[0].message
    assert peak < 1024 * 1024


def test_read_accepts_a_file_exactly_at_the_limit(tmp_path: Path) -> None:
    edge = tmp_path / "edge.yaml"
    edge.write_bytes(b"#" * MAX_BYTES)
    data, diagnostics = read_file_bytes(edge)
    assert diagnostics == [] and data is not None and len(data) == MAX_BYTES


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_are_refused_without_reading() -> None:
    data, diagnostics = read_file_bytes(Path("/dev/zero"))
    assert data is None
    assert found(diagnostics) == [(1, 1, "unreadable")]
    assert "a device, not a regular file" in diagnostics[0].message


def test_read_reports_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    assert found(read_file_bytes(tmp_path)[1]) == [(1, 1, "unreadable")]
    missing = read_file_bytes(tmp_path / "nope.yaml", "shown.yaml")[1]
    assert found(missing) == [(1, 1, "unreadable")]
    assert missing[0].path == "shown.yaml"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_read_reports_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("id: x\n")
    locked.chmod(0)
    try:
        diagnostics = read_file_bytes(locked)[1]
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert found(diagnostics) == [(1, 1, "unreadable")]
    assert "permission denied" in diagnostics[0].message


def test_decode_strips_a_byte_order_mark() -> None:
    assert decode_text(b"\xef\xbb\xbfid: x\n", "r.yaml") == ("id: x\n", [])
