"""`coprod score` and `coprod demo` as a user runs them: exit codes, streams, files written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_ladder.answers.read import load_answers
from coprod_ladder.cli import app
from coprod_ladder.resources import examples_dir

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "rubrics" / "mini.yaml")
SERVICE = DATA / "answers" / "mini-service.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def test_score_writes_every_format_and_prints_a_summary(tmp_path: Path) -> None:
    code, out, err = run("score", str(SERVICE), "--rubric", MINI, "--out", str(tmp_path))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "harbour-youth.html", "harbour-youth.json", "harbour-youth.md"]
    assert "Co-design    2. Asked" in out
    assert "Where the service stands: Told (rung 1 of 3, doing to)" in out
    assert "1 service scored, 0 files failed" in err


def test_score_one_format_only(tmp_path: Path) -> None:
    code, _, err = run("score", str(SERVICE), "-r", MINI, "-o", str(tmp_path), "-f", "json")
    assert code == 0, err
    (only,) = tmp_path.iterdir()
    assert json.loads(only.read_text(encoding="utf-8"))["service"]["id"] == "harbour-youth"


def test_a_bad_file_is_reported_and_the_rest_still_scored(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(SERVICE, folder / "good.yaml")
    (folder / "bad.yaml").write_text(
        "rubric: {id: mini, version: 1.0.0}\nservice: {id: bad, name: Bad}\n"
        "criteria:\n  design-asked: {answer: brilliant}\n", encoding="utf-8")
    out_dir = tmp_path / "reports"
    code, _, err = run("score", str(folder), "-r", MINI, "-o", str(out_dir))
    assert code == 1
    assert f"{folder / 'bad.yaml'}:4:26: error [unknown-answer]" in err
    assert "1 service scored, 1 file failed" in err
    assert (out_dir / "harbour-youth.html").exists()


@pytest.mark.parametrize(("content", "code_in_message"), [
    (b"", "[empty]"),
    (b"\x00\x01\x02binary", "[encoding]"),
    (b"caf\xe9: 1\n", "[encoding]"),
    (b"- a list\n", "[schema/root]"),
    (b"rubric: {id: mini\n", "[syntax]"),
    (b"a: &a [1, 2]\nb: *a\n", "[alias]"),
    (b"x: !!python/object/apply:os.system ['true']\n", "[unsafe-tag]"),
    (b"a: 1\n---\nb: 2\n", "[syntax]"),
])
def test_bad_answers_files_give_findings_not_tracebacks(tmp_path: Path, content: bytes,
                                                        code_in_message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    code, out, err = run("score", str(bad), "-r", MINI, "-o", str(tmp_path / "out"))
    assert code == 1
    assert code_in_message in err and f"{bad}:" in err
    assert "Traceback" not in out + err


def test_wrong_rubric_version_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    older = tmp_path / "older.yaml"
    older.write_text(SERVICE.read_text(encoding="utf-8").replace("1.0.0", "0.9.0"),
                     encoding="utf-8")
    code, _, err = run("score", str(older), "-r", MINI, "-o", str(tmp_path / "out"))
    assert code == 0
    assert "warning [rubric-version]" in err


def test_unknown_rubric_name_is_bad_input() -> None:
    code, _, err = run("score", str(SERVICE), "--rubric", "defualt")
    assert code == 3
    assert "no shipped rubric is called 'defualt'" in err


def test_answers_naming_an_unknown_rubric_say_to_pass_one(tmp_path: Path) -> None:
    code, _, err = run("score", str(SERVICE), "-o", str(tmp_path))
    assert code == 1
    assert "[unknown-rubric]" in err and "--rubric" in err


def test_no_answers_files_found_is_bad_input(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path), "-r", MINI)
    assert code == 3
    assert "no *.yaml or *.yml answers files" in err


def test_unknown_report_format_is_a_usage_error() -> None:
    code, _, err = run("score", str(SERVICE), "-r", MINI, "-f", "pdf")
    assert code == 2
    assert "not a report format" in err


@pytest.mark.skipif(not any(examples_dir().iterdir()), reason="no examples shipped yet")
def test_demo_scores_every_shipped_example(tmp_path: Path) -> None:
    code, out, err = run("demo", "--out", str(tmp_path))
    assert code == 0, err
    examples = [p for p in examples_dir().iterdir() if p.name.endswith(".yaml")]
    # One report per service: the youth service is answered by two staff, in two files.
    services = {load_answers(p)[0].service.id for p in examples}
    assert len(services) == len(examples) - 1
    assert len(list(tmp_path.glob("*.html"))) == len(services)
    assert out.count("Where the service stands:") == len(services)
    assert "Answered by 2 staff: Ffion Hâf, Senior Youth Worker; Priya Shah" in out
