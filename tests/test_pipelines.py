"""What scripts and CI read: one machine format on stdout, findings one per line, SARIF, JSON.

`score --out -` and `portfolio --out -` write exactly one document to stdout and everything
for people to stderr; `rubric check` writes SARIF 2.1.0 for GitHub code scanning, a versioned
JSON envelope, and parsable lines that stay one finding per line whatever the message holds.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.errors import ExitCode
from coprod_ladder.rendering.findings import FindingFormat, format_findings
from coprod_ladder.rendering.sarif import FINDING_HELP
from coprod_ladder.rubric.checks import CODES

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"
SARIF_SUBSET = DATA / "schemas" / "sarif-2.1.0-subset.schema.json"
#: mini.yaml with one error (a criterion on a rung that does not exist) and one warning.
BROKEN_EDITS = [("    activity: delivery\n    rung: together",
                 "    activity: delivery\n    rung: top"),
                ("    guidance: Run a short survey.\n", "")]


@pytest.fixture
def broken(tmp_path: Path, edit_mini) -> Path:
    path = tmp_path / "broken rubric.yaml"  # a space, so the SARIF uri must encode it
    path.write_text(edit_mini(*BROKEN_EDITS), encoding="utf-8")
    return path


# ---- score and portfolio to stdout ----------------------------------------------------------


def test_score_out_dash_writes_one_json_document_and_nothing_else(run_cli, tmp_path: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SERVICE, folder / "a.yaml")
    (folder / "bad.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    result = run_cli("score", folder, "-r", MINI, "--out", "-", exit_code=ExitCode.FINDINGS)
    document = json.loads(result.stdout)
    assert document["format"] == "coprod-scores/1"
    assert [s["service"]["id"] for s in document["services"]] == ["harbour-youth"]
    assert [f["path"] for f in document["failures"]] == [str(folder / "bad.yaml")]
    assert document["failures"][0]["problems"][0]["code"] == "syntax"
    assert "Where the service stands:" in result.stderr  # the summary people read
    assert not (tmp_path / "-").exists()


def test_score_out_dash_refuses_other_formats(run_cli) -> None:
    result = run_cli("score", SERVICE, "-r", MINI, "--out", "-", "-f", "html",
                     exit_code=ExitCode.USAGE)
    assert "--out - writes JSON" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_portfolio_out_dash_writes_one_format(run_cli, tmp_path: Path, monkeypatch,
                                              fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("portfolio", SERVICE, "-r", MINI, "--as-of", "2026-11-01", "--out", "-",
                     "--format", fmt, exit_code=ExitCode.OK)
    if fmt == "json":
        assert json.loads(result.stdout)["totals"]["services"] == 1
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
        assert [r["Service id"] for r in rows] == ["harbour-youth"]
    assert "Portfolio as of 2026-11-01" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_portfolio_format_limits_the_files_written(run_cli, tmp_path: Path) -> None:
    one = run_cli("portfolio", SERVICE, "-r", MINI, "-o", tmp_path / "one", "-f", "csv",
                  exit_code=0)
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["portfolio.csv"]
    assert f"portfolio written to {tmp_path / 'one' / 'portfolio.csv'}\n" in one.stderr
    every = run_cli("portfolio", SERVICE, "-r", MINI, "-o", tmp_path / "all", exit_code=0)
    assert len(list((tmp_path / "all").iterdir())) == 5
    assert (f"portfolio written to {tmp_path / 'all' / 'portfolio.html'} (and .md, .json, "
            ".csv, .xlsx)") in every.stderr
    run_cli("portfolio", SERVICE, "-r", MINI, "-o", tmp_path / "book", "-f", "xlsx", exit_code=0)
    assert [p.name for p in (tmp_path / "book").iterdir()] == ["portfolio.xlsx"]


@pytest.mark.parametrize("args", [["-f", "html"], ["--service-reports"]])
def test_portfolio_out_dash_refuses_what_stdout_cannot_carry(run_cli, args: list[str]) -> None:
    run_cli("portfolio", SERVICE, "-r", MINI, "--out", "-", *args, exit_code=ExitCode.USAGE)


# ---- report names -----------------------------------------------------------------------------


def test_two_files_for_one_service_are_warned_about_and_never_look_like_another_id(
        run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SERVICE.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text.replace("id: harbour-youth", "id: svc-x"), "utf-8")
    (folder / "b.yaml").write_text(text.replace("id: harbour-youth", "id: svc-x"), "utf-8")
    (folder / "c.yaml").write_text(text.replace("id: harbour-youth", "id: svc-x-2"), "utf-8")
    out = tmp_path / "out"
    result = run_cli("score", folder, "-r", MINI, "-o", out, "-f", "json", exit_code=0)
    assert sorted(p.name for p in out.iterdir()) == ["svc-x-2.json", "svc-x.json",
                                                    "svc-x~2.json"]
    for name in ("svc-x", "svc-x-2", "svc-x~2"):
        report = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert report["service"]["id"] == name.replace("~2", "")
    assert (f"warning: {folder / 'b.yaml'} answers for the service 'svc-x', as "
            f"{folder / 'a.yaml'} does; its reports are named svc-x~2.*") in result.stderr


# ---- rubric check formats ---------------------------------------------------------------------


def test_sarif_is_valid_and_names_a_rule_with_help_for_each_code(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "-f", "sarif", broken, exit_code=ExitCode.FINDINGS)
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SUBSET.read_text(encoding="utf-8")))
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["missing-guidance", "unknown-rung"]
    assert all(r["help"]["text"].startswith(FINDING_HELP[r["id"]]) for r in rules)
    assert all(r["fullDescription"]["text"] == FINDING_HELP[r["id"]] for r in rules)
    found = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"])
             for r in run["results"]]
    assert found == [("missing-guidance", "warning", {"startLine": 57, "startColumn": 9}),
                     ("unknown-rung", "error", {"startLine": 80, "startColumn": 11})]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and urlsplit(uri).path.endswith("broken%20rubric.yaml")


def test_sarif_for_a_clean_file_has_a_run_and_no_results(run_cli) -> None:
    log = json.loads(run_cli("rubric", "check", "-f", "sarif", MINI, exit_code=0).stdout)
    jsonschema.validate(log, json.loads(SARIF_SUBSET.read_text(encoding="utf-8")))
    assert log["runs"][0]["results"] == []


def test_sarif_subset_schema_rejects_what_sarif_rejects() -> None:
    """The hand-written schema must not be so loose that the tests above cannot fail."""
    schema = json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))
    good = json.loads(format_findings([Diagnostic("a.yaml", 1, 1, Severity.ERROR, "syntax",
                                                  "x")], FindingFormat.SARIF))
    jsonschema.validate(good, schema)
    for path, value in ((("version",), "2.0.0"), (("runs", 0, "results", 0, "level"), "fatal"),
                        (("runs", 0, "results", 0, "locations", 0, "physicalLocation",
                          "region", "startLine"), 0)):
        bad = json.loads(json.dumps(good))
        target = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_every_code_rubric_check_can_report_has_help() -> None:
    loading = {"unreadable", "too-large", "encoding", "empty", "syntax", "duplicate-key",
               "alias", "unsafe-tag", "too-deep", "schema/root", "schema/missing",
               "schema/unknown-key", "schema/type", "schema/value", "schema/too-many"}
    assert sorted((set(CODES) | loading) - set(FINDING_HELP)) == []


def test_parsable_keeps_one_finding_per_line() -> None:
    finding = Diagnostic("a\nb.yaml", 3, 4, Severity.ERROR, "schema/value",
                         "got 'line one\nline two\r\tend'")
    text = format_findings([finding, finding], FindingFormat.PARSABLE)
    assert text.splitlines() == [r"a\nb.yaml:3:4: error [schema/value] got 'line one\nline two"
                                 r"\r\tend'"] * 2


@pytest.mark.parametrize(("value", "expected"), [("true", "::error"), ("false", "a.yaml:"),
                                                 ("", "a.yaml:"), ("TRUE", "::error")])
def test_auto_is_github_only_when_github_actions_is_true(run_cli, tmp_path: Path, value: str,
                                                         expected: str) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("key: [unclosed\n", encoding="utf-8")
    result = run_cli("rubric", "check", bad, env={"GITHUB_ACTIONS": value},
                     exit_code=ExitCode.FINDINGS)
    assert result.stdout.startswith(expected) or result.stdout.startswith(f"{tmp_path}/a.yaml:")
    assert ("::error" in result.stdout) == (expected == "::error")
