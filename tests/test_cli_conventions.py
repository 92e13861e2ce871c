"""The conventions of well-kept command lines: `-` for standard input, errors in our words,
an example in every help page, completion for every choice and for rubric names.

Each test runs the real Typer app and asserts the exit code and which stream says what.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode
from coprod_ladder.yaml_source import MAX_BYTES

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"


# --- `-` reads one file from standard input ---------------------------------------------------


def test_score_dash_reads_one_answers_file_from_stdin(run_cli) -> None:
    result = run_cli("score", "-", "--rubric", MINI, "--out", "-",
                     input=SERVICE.read_text(encoding="utf-8"), exit_code=ExitCode.OK)
    document = json.loads(result.stdout)
    assert [s["service"]["id"] for s in document["services"]] == ["harbour-youth"]
    assert "1 service scored, 0 files failed" in result.stderr


def test_score_dash_writes_reports_named_by_the_service(run_cli, tmp_path: Path) -> None:
    run_cli("score", "-", "-r", MINI, "-o", tmp_path, "-f", "json",
            input=SERVICE.read_text(encoding="utf-8"), exit_code=ExitCode.OK)
    assert [p.name for p in tmp_path.iterdir()] == ["harbour-youth.json"]


def test_score_dash_with_a_bad_file_names_stdin(run_cli, tmp_path: Path) -> None:
    result = run_cli("score", "-", "-r", MINI, "-o", tmp_path, input="key: [unclosed\n",
                     exit_code=ExitCode.FINDINGS)
    assert "<stdin>:2:1: error [syntax]" in result.stderr


@pytest.mark.parametrize("command", [["score"], ["rubric", "check"]])
def test_dash_must_be_the_only_path(run_cli, command: list[str]) -> None:
    result = run_cli(*command, "-", MINI, input="", exit_code=ExitCode.USAGE)
    assert "- reads one file from standard input; give it alone" in result.stderr


def test_rubric_check_dash_reads_a_rubric_from_stdin(run_cli) -> None:
    result = run_cli("rubric", "check", "-f", "parsable", "-",
                     input=MINI.read_text(encoding="utf-8"), exit_code=ExitCode.OK)
    assert result.stderr.strip() == "1 file checked: 0 errors, 0 warnings"
    broken = MINI.read_text(encoding="utf-8").replace("    guidance: Run a short survey.\n", "")
    result = run_cli("rubric", "check", "-f", "parsable", "--strict", "-", input=broken,
                     exit_code=ExitCode.FINDINGS)
    assert result.stdout.startswith("<stdin>:57:9: warning [missing-guidance]")


def test_rubric_check_dash_refuses_a_huge_stream(run_cli) -> None:
    result = run_cli("rubric", "check", "-f", "parsable", "-", input="#" * (MAX_BYTES + 10),
                     exit_code=ExitCode.INPUT)
    assert "<stdin>:1:1: error [too-large]" in result.stdout
