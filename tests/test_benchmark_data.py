"""The benchmark's generated answers and voice files are like a council's, and all are valid.

benchmarks/generate.py (and voices.py for the voice files) writes each file's YAML by hand in
a varied style (flow and block, quoted, plain, literal and folded strings, comments), so these
checks pin that what a loader reads back is exactly the data the generator meant, that coprod
reads every file without a problem on its fast path, that the files carry what the README says
they do, and that `coprod portfolio` over generated services reports their voices.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_ladder import yaml_source
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.diagnostics import Severity
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.voice.find import is_voice_file, peek
from coprod_ladder.voice.model import VoiceFile
from coprod_ladder.voice.read import read_voice

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "default.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate, services  # noqa: E402
from voices import service_voices  # noqa: E402

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


def _voices(count: int = COUNT, seed: int = 5) -> list[list[tuple[str, dict[str, Any], str]]]:
    """Each generated service's voice files (name, data, text), in service order."""
    rubric = yaml.load(RUBRIC.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [service_voices(number, seed, data, rubric)
            for number, (data, _text) in enumerate(services(count, rubric, seed), start=1)]


def test_each_voice_file_reads_through_coprod_without_a_problem_as_the_generator_meant(
        ) -> None:
    rubric, _ = parse_rubric(RUBRIC.read_bytes(), "default.yaml")
    assert rubric is not None
    for files in _voices():
        for name, data, text in files:
            assert yaml.load(text, Loader=yaml.CSafeLoader) == data, name
            assert yaml_source._plain_value(text) is not None, f"{name} left the fast path"
            voice, diagnostics = read_voice(text, name, rubric)
            assert diagnostics == [], (name, diagnostics)  # not even a warning
            assert voice == VoiceFile.model_validate(data)


def test_voice_files_are_named_and_headed_so_score_and_portfolio_find_them(
        tmp_path: Path) -> None:
    generate(COUNT, tmp_path, RUBRIC, seed=5)
    for files, answers in zip(_voices(), services_in(tmp_path), strict=True):
        service_id = yaml.safe_load(answers.read_text(encoding="utf-8"))["service"]["id"]
        for name, data, _text in files:
            path = answers.parent / name  # beside the service's answers file
            assert path.name.endswith((".voice.yaml", ".voice.yml"))
            assert is_voice_file(str(path)) and peek(str(path)).service == service_id
            assert data["service"] == service_id


def services_in(folder: Path) -> list[Path]:
    """The answers files generate() wrote, in service order (their ids end in the number)."""
    found = [p for p in folder.rglob("*.yaml") if not p.name.endswith(".voice.yaml")]
    return sorted(found, key=lambda p: p.stem[-5:])


def test_voice_files_carry_what_the_readme_says() -> None:
    every = _voices(120)
    heard = [files for files in every if files]
    assert 0.4 <= len(heard) / len(every) <= 0.6  # about half the services
    assert {len(files) for files in heard} == {1, 2, 3}
    files = [(name, data, text) for found in heard for name, data, text in found]
    sizes: Counter[str] = Counter()
    groups: list[int] = []
    for _name, data, _text in files:
        per_file = Counter(p["group"] for p in data["respondents"])
        sizes.update(per_file.keys())
        groups.extend(per_file.values())
    assert set(sizes) == {"children", "young-people", "parents"}
    assert min(groups) < 5 <= max(groups)  # small groups, counted but never shown alone
    assert sum(1 for n in groups if n < 5) / len(groups) > 0.1
    people = [p for _name, data, _text in files for p in data["respondents"]]
    said = Counter(a for p in people for a in p.get("answers", {}).values())
    assert set(said) == {"never", "not-often", "sometimes", "mostly", "always", "dont-know",
                         "rather-not-say"}
    assert any("answers" not in p for p in people) and any("age_band" not in p for p in people)
    comments = [p["comment"] for p in people if "comment" in p]
    assert any("\n" in c for c in comments)  # a comment kept over several lines
    assert any("diolch" in c or "Mae'r" in c for c in comments)  # Welsh
    assert any(ord(ch) > 0x1F000 for c in comments for ch in c)  # emoji
    text = "".join(text for _name, _data, text in files)
    for style in ("answers: {", "collected_from: '", "rubric: {id:", "# ", "\n  - id: ",
                  "\n- id: ", "Beth ddywedodd plant"):
        assert style in text, style
    assert any(not isinstance(data.get("collected_to", ""), str) for _n, data, _t in files)
    assert any(name.endswith(".voice.yml") for name, _data, _text in files)
    assert {data.get("source", {}).get("collector") for _n, data, _t in files} >= {
        "coprod-form", "paper", "microsoft-forms", "google-forms", "csv", None}


def test_a_services_voice_depends_only_on_its_number_and_the_seed(tmp_path: Path) -> None:
    assert _voices(12) == _voices()[:12]  # however many services are generated
    assert _voices(12, seed=6) != _voices(12)
    with_voices = generate(30, tmp_path / "a", RUBRIC, seed=5)
    generate(30, tmp_path / "b", RUBRIC, seed=5)
    without = generate(30, tmp_path / "c", RUBRIC, seed=5, voices=False)

    def every_file(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    assert every_file(tmp_path / "a") == every_file(tmp_path / "b")  # same seed, same bytes
    # The voice files change no byte of the answers files.
    assert [p.read_bytes() for p in with_voices] == [p.read_bytes() for p in without]
    assert len(every_file(tmp_path / "a")) > len(every_file(tmp_path / "c"))


def test_a_portfolio_of_generated_services_reports_their_voices(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from coprod_ladder.cli import app

    generate(20, tmp_path / "services", RUBRIC, seed=5)
    result = CliRunner().invoke(app, [
        "portfolio", str(tmp_path / "services"), "--rubric", str(RUBRIC), "--out",
        str(tmp_path / "out"), "--format", "json", "--as-of", "2026-11-01", "--jobs", "1"],
        env={"NO_COLOR": "1", "COLUMNS": "120"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    portfolio = json.loads((tmp_path / "out" / "portfolio.json").read_text(encoding="utf-8"))
    assert portfolio["failures"] == []
    meant = {files[0][1]["service"]: Counter(p["group"] for _n, data, _t in files
                                             for p in data["respondents"])
             for files in _voices(20) if files}
    assert portfolio["voices"]["heard"] == len(meant) > 0
    for service in portfolio["services"]:
        heard = meant.get(service["service_id"], Counter())
        assert service["voices"] == {g: heard[g] for g in ("children", "parents",
                                                           "young-people")}
    assert str(sum(sum(c.values()) for c in meant.values())) in portfolio["voices"]["sentence"]


def test_the_benchmark_regenerates_its_data_when_any_generator_module_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import run  # benchmarks/run.py

    for name in run.GENERATOR:
        (tmp_path / name).write_bytes((ROOT / "benchmarks" / name).read_bytes())
    monkeypatch.setattr(run, "HERE", tmp_path)
    folder = run.data_folder(3)
    stamp = (folder / ".complete").read_text()
    assert len(run.answer_files(folder)) == 3
    marker = folder / "kept.txt"
    marker.write_text("a file the next generation would remove")
    assert run.data_folder(3) == folder and marker.exists()  # nothing changed: kept
    for name in run.GENERATOR:
        source = tmp_path / name
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        run.data_folder(3)
        assert not marker.exists(), f"a change to {name} kept the old data"
        assert (folder / ".complete").read_text() != stamp
        stamp = (folder / ".complete").read_text()
        marker.write_text("again")
