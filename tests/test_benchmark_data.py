"""The benchmark's generated answers files are like a council's, and every one is valid.

benchmarks/generate.py writes each file's YAML by hand in a varied style (flow and block,
quoted, plain, literal and folded strings, comments), so these checks pin that what a loader
reads back is exactly the data the generator meant, that coprod reads every file without an
error on its fast path, and that the files carry what the README says they do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from coprod_ladder import yaml_source
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.diagnostics import Severity
from coprod_ladder.rubric.load import parse_rubric

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "default.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import services  # noqa: E402

COUNT = 60


def _generated() -> list[tuple[dict[str, object], str]]:
    rubric = yaml.load(RUBRIC.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return list(services(COUNT, rubric, seed=5))


def test_each_file_says_exactly_the_data_the_generator_meant() -> None:
    for data, text in _generated():
        assert yaml.load(text, Loader=yaml.CSafeLoader) == data, text[:200]


def test_each_file_is_valid_for_the_rubric_and_read_on_the_fast_path() -> None:
    rubric, _ = parse_rubric(RUBRIC.read_bytes(), "default.yaml")
    assert rubric is not None
    for number, (_data, text) in enumerate(_generated()):
        assert yaml_source._plain_value(text) is not None, f"file {number} left the fast path"
        answers, diagnostics = parse_answers(text, f"{number}.yaml", rubric)
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        assert answers is not None and not errors, errors


def test_files_are_the_size_and_kind_of_the_shipped_examples() -> None:
    generated = _generated()
    sizes = sorted(len(text.encode()) for _data, text in generated)
    assert 15_000 <= sizes[len(sizes) // 2] <= 23_000  # the examples are 16.7 to 25.1 KB
    every = "".join(text for _data, text in generated)
    for style in ("|-", ">-", "- {what: ", "'on': ", "# ", '"'):
        assert style in every, style
    assert any(ord(ch) > 0x1F000 for ch in every)  # emoji in children's words
    assert "ŵ" in every or "ŷ" in every or "â" in every  # Welsh and accented names
    services_ = [data["service"] for data, _text in generated]
    assert {s.get("jurisdiction") for s in services_} >= {"wales", "england", None}  # type: ignore[union-attr]
    assert any("types" in data for data, _text in generated)
    assert any("main_work" in data for data, _text in generated)
    notes = [given["note"] for data, _text in generated
             for given in data["criteria"].values() if "note" in given]  # type: ignore[attr-defined]
    assert max(map(len, notes)) <= 1_500 and max(map(len, notes)) > 800
    evidence = {len(given.get("evidence", [])) for data, _text in generated
                for given in data["criteria"].values()}  # type: ignore[attr-defined]
    assert evidence == set(range(7))
