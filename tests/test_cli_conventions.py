"""The conventions of well-kept command lines: `-` for standard input, errors in our words,
an example in every help page, completion for every choice and for rubric names.

Each test runs the real Typer app and asserts the exit code and which stream says what.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode
from coprod_ladder.file_bytes import MAX_BYTES
from test_help import _commands

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


# --- errors in our words ------------------------------------------------------------------------

#: Wording of the libraries underneath that must never reach a user.
FOREIGN = ("Value error, ", "%Y", "%m", "%d", "Input should be", "does not match the format",
           "valid integer", "x>=", "Traceback")


@pytest.mark.parametrize(("args", "words"), [
    (["rubric", "check", "--format", "fancy", MINI],
     "'fancy' is not a findings format; use auto, text, parsable, github, json or sarif"),
    (["portfolio", SERVICE, "-r", MINI, "--as-of", "31/03/2026"],
     "'31/03/2026' is not a date; write it as year-month-day, like 2026-03-31"),
    (["portfolio", SERVICE, "-r", MINI, "--as-of", "2026-02-30"],
     "'2026-02-30' is not a date"),
    (["portfolio", SERVICE, "-r", MINI, "--as-of", "20260331"], "'20260331' is not a date"),
    (["score", SERVICE, "--jobs", "two"], "'two' is not a whole number"),
    (["score", SERVICE, "--jobs", "-1"], "-1 is too small; give 0 or more"),
    (["portfolio", SERVICE, "--jobs", "1.5"], "'1.5' is not a whole number"),
    (["portfolio", SERVICE, "--min-group", "0"], "0 is too small; give 1 or more"),
    (["portfolio", SERVICE, "--csv-headers", "fancy"], "'fancy' is not a choice; use labels"),
    (["score", SERVICE, "--format", "pdf"], "'pdf' is not a report format"),
], ids=lambda v: " ".join(map(str, v))[:40] if isinstance(v, list) else None)
def test_a_bad_value_is_a_usage_error_in_our_words(run_cli, tmp_path: Path, args: list[object],
                                                   words: str, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, exit_code=ExitCode.USAGE)
    assert words in result.stderr
    for foreign in FOREIGN:
        assert foreign not in result.stderr, foreign
    assert list(tmp_path.iterdir()) == []  # nothing written before the value was checked


def test_good_values_still_read(run_cli, tmp_path: Path) -> None:
    run_cli("rubric", "check", "--format", "PARSABLE", MINI, exit_code=ExitCode.OK)
    result = run_cli("portfolio", SERVICE, "-r", MINI, "--as-of", "2026-03-31", "--jobs", "1",
                     "--min-group", "1", "--out", "-", "--format", "json", exit_code=ExitCode.OK)
    assert json.loads(result.stdout)["as_of"] == "2026-03-31"


# --- help: an example on every page, names not types ----------------------------------------------


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "coprod")
def test_every_help_page_shows_an_example(run_cli, path: list[str]) -> None:
    text = run_cli(*path, "--help", exit_code=ExitCode.OK).stdout
    assert re.search(r"^  Examples?:\n\n(    coprod .+\n)+", text, flags=re.MULTILINE), text
    for line in re.findall(r"^    (coprod .+)$", text, flags=re.MULTILINE):
        assert line.split()[1] in {"demo", "assess", "form", "score", "portfolio", "migrate",
                                   "rubric", "voice"}
        if path:
            assert line.startswith(" ".join(["coprod", *path[:1]])), line


def test_migrate_help_shows_file_once(run_cli) -> None:
    text = run_cli("migrate", "--help", exit_code=ExitCode.OK).stdout
    assert text.splitlines()[0] == "Usage: coprod migrate [OPTIONS] FILE..."
    assert "FILE...." not in text


def test_the_root_help_and_readme_name_the_environment_variables(run_cli) -> None:
    text = " ".join(run_cli("--help", exit_code=ExitCode.OK).stdout.split())
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    for name in ("COPROD_DEBUG", "XDG_CACHE_HOME", "NO_COLOR", "GITHUB_ACTIONS"):
        assert name in text and f"`{name}`" in section, name


# --- completion ---------------------------------------------------------------------------------


def _complete(run_cli, words: str) -> list[str]:
    from typer.testing import CliRunner

    from coprod_ladder.cli import app

    result = CliRunner().invoke(app, [], prog_name="coprod", env={
        "_COPROD_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1)})
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(("words", "offered"), [
    ("coprod rubric check --format ", ["auto", "text", "parsable", "github", "json", "sarif"]),
    ("coprod rubric check --format s", ["sarif"]),
    ("coprod score --format ", ["html", "md", "json", "xlsx"]),
    ("coprod score -f html,", ["html,md", "html,json", "html,xlsx"]),
    ("coprod assess -f x", ["xlsx"]),
    ("coprod assess -f pdf", []),
    ("coprod portfolio x --format ", ["html", "md", "json", "csv", "xlsx"]),
    ("coprod portfolio x --csv-headers ", ["labels", "ids"]),
    ("coprod rubric init x.yaml --from ", ["default", "iap2", "starter"]),
])
def test_completion_offers_every_choice(run_cli, words: str, offered: list[str]) -> None:
    assert _complete(run_cli, words) == offered


@pytest.mark.parametrize("words", ["coprod score --rubric ", "coprod portfolio x -r ",
                                   "coprod assess --rubric ", "coprod migrate --rubric ",
                                   "coprod rubric show ", "coprod rubric check --previous "])
def test_completion_offers_rubric_names_then_yaml_files(run_cli, words: str, tmp_path: Path,
                                                         monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-council.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "rubrics").mkdir()
    assert _complete(run_cli, words) == ["default", "iap2", "my-council.yaml", "rubrics/"]
    assert _complete(run_cli, words + "rubrics/") == []


def test_completion_lists_match_the_registries() -> None:
    from coprod_ladder.rendering.portfolio_formats import PORTFOLIO
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS

    assert sorted(SERVICE_REPORTS.names()) == sorted(["html", "md", "json", "xlsx"])
    assert sorted(PORTFOLIO.names()) == sorted(["html", "md", "json", "csv", "xlsx"])


# --- --quiet and --verbose ----------------------------------------------------------------------


def test_quiet_score_keeps_warnings_and_reports_but_no_summaries(run_cli, tmp_path: Path) -> None:
    old = DATA / "answers" / "default-1.0.0" / "camhs.yaml"
    result = run_cli("--quiet", "score", old, "-o", tmp_path, "-f", "json",
                     exit_code=ExitCode.OK)
    assert result.stdout == ""
    assert result.stderr.startswith(f"{old}:14:12: warning [migrated]")
    assert "scored" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["young-minds-camhs.json"]
    loud = run_cli("score", old, "-o", tmp_path, "-f", "json", exit_code=ExitCode.OK)
    assert "Where the service stands:" in loud.stdout and "1 service scored" in loud.stderr


def test_quiet_keeps_findings_and_errors(run_cli, tmp_path: Path) -> None:
    broken = MINI.read_text(encoding="utf-8").replace("    guidance: Run a short survey.\n", "")
    result = run_cli("-q", "rubric", "check", "-f", "parsable", "--strict", "-", input=broken,
                     exit_code=ExitCode.FINDINGS)
    assert "warning [missing-guidance]" in result.stdout and result.stderr == ""
    result = run_cli("-q", "score", tmp_path / "missing.yaml", exit_code=ExitCode.INPUT)
    assert "no such file" in result.stderr
    clean = run_cli("-q", "rubric", "check", MINI, exit_code=ExitCode.OK)
    assert (clean.stdout, clean.stderr) == ("", "")


def test_quiet_portfolio_and_migrate_say_nothing_when_all_is_well(run_cli,
                                                                  tmp_path: Path) -> None:
    result = run_cli("-q", "portfolio", SERVICE, "-r", MINI, "-o", tmp_path / "p",
                     "--as-of", "2026-11-01", "--jobs", "1", exit_code=ExitCode.OK)
    assert (result.stdout, result.stderr) == ("", "")
    assert (tmp_path / "p" / "portfolio.html").is_file()
    old = tmp_path / "old.yaml"
    old.write_bytes((DATA / "answers" / "default-1.0.0" / "camhs.yaml").read_bytes())
    result = run_cli("-q", "migrate", "--in-place", old, exit_code=ExitCode.OK)
    assert (result.stdout, result.stderr) == ("", "")


def test_verbose_says_which_settings_and_rubric_it_read(run_cli, tmp_path: Path,
                                                        monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".coprod.yaml").write_text(f"rubric: {MINI}\n", encoding="utf-8")
    result = run_cli("--verbose", "score", SERVICE, "--out", "-", exit_code=ExitCode.OK)
    assert f"settings: {tmp_path / '.coprod.yaml'}" in result.stderr
    assert f"rubric: mini 1.0.0 (from --rubric {MINI})" in result.stderr
    quiet = run_cli("score", SERVICE, "--out", "-", exit_code=ExitCode.OK)
    assert "settings:" not in quiet.stderr


def test_quiet_and_verbose_together_is_a_usage_error(run_cli) -> None:
    result = run_cli("-q", "-v", "rubric", "list", exit_code=ExitCode.USAGE)
    assert "use --quiet or --verbose, not both" in result.stderr
