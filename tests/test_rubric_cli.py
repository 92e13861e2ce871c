"""`coprod rubric check|list|show|schema`, help and version, through the real Typer app.

Each test asserts the exit code and which stream carries what: findings and payloads on
stdout, summaries and errors on stderr.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import re
from importlib.resources import as_file
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from coprod_ladder import __version__, resources
from coprod_ladder.cli import app
from coprod_ladder.errors import ExitCode
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.yaml_source import parse_yaml

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"

# mini.yaml with one error (an unknown rung, at 80:11) and one warning (no guidance, at 57:9).
BROKEN_EDITS = [("    activity: delivery\n    rung: together",
                 "    activity: delivery\n    rung: top"),
                ("    guidance: Run a short survey.\n", "")]
WARNING_EDITS = [("    guidance: Run a short survey.\n", "")]


@pytest.fixture
def broken(tmp_path: Path, edit_mini) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(edit_mini(*BROKEN_EDITS))
    return path


# --- check ----------------------------------------------------------------------------------


def test_check_clean_rubric_exits_0_with_nothing_on_stdout(run_cli) -> None:
    result = run_cli("rubric", "check", "-f", "parsable", MINI, exit_code=ExitCode.OK)
    assert result.stdout == ""
    assert result.stderr.strip() == "1 file checked: 0 errors, 0 warnings"


def test_check_parsable_is_one_exact_line_per_finding(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "--format", "parsable", broken,
                     exit_code=ExitCode.FINDINGS)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        f"{broken}:57:9: warning [missing-guidance] criterion 'design-asked'")
    assert lines[1].startswith(f"{broken}:80:11: error [unknown-rung] criterion "
                               "'delivery-together' names the rung 'top'")
    assert result.stderr.strip() == "1 file checked: 1 error, 1 warning"


def test_check_text_groups_findings_under_the_file(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "--format", "text", broken, exit_code=ExitCode.FINDINGS)
    lines = result.stdout.splitlines()
    assert lines[0] == str(broken)
    assert re.match(r"^\s+57:9\s+warning\s+criterion 'design-asked'.*\[missing-guidance\]$",
                    lines[1])
    assert re.match(r"^\s+80:11\s+error\s+criterion 'delivery-together'.*\[unknown-rung\]$",
                    lines[2])


def test_check_github_writes_workflow_commands(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "--format", "github", broken, exit_code=ExitCode.FINDINGS)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::warning file={broken},line=57,col=9,title=missing-guidance::")
    assert lines[1].startswith(f"::error file={broken},line=80,col=11,title=unknown-rung::")


def test_check_github_escapes_special_characters(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "a,b:c.yaml"
    path.write_text("id: [\n")
    result = run_cli("rubric", "check", "--format", "github", path, exit_code=ExitCode.FINDINGS)
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.startswith(f"::error file={escaped},line=2,col=1,title=syntax::")


def test_check_json_is_an_envelope_with_the_findings(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "--format", "json", broken, exit_code=ExitCode.FINDINGS)
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("coprod-findings", 1)
    findings = document["findings"]
    assert [(f["line"], f["column"], f["severity"], f["code"]) for f in findings] == [
        (57, 9, "warning", "missing-guidance"), (80, 11, "error", "unknown-rung")]
    assert set(findings[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert findings[0]["path"] == str(broken)


def test_check_json_on_a_clean_file_has_no_findings(run_cli) -> None:
    result = run_cli("rubric", "check", "--format", "json", MINI, exit_code=ExitCode.OK)
    assert json.loads(result.stdout) == {"format": "coprod-findings", "version": 1,
                                         "findings": []}


@pytest.mark.parametrize(
    ("env", "prefix"),
    [({"GITHUB_ACTIONS": "true"}, "::"), ({}, "")],
    ids=["github-actions", "not-a-terminal"],
)
def test_check_auto_format(run_cli, broken: Path, env: dict[str, str], prefix: str) -> None:
    result = run_cli("rubric", "check", broken, env=env, exit_code=ExitCode.FINDINGS)
    first = result.stdout.splitlines()[0]
    assert first.startswith(prefix or f"{broken}:57:9: warning")


def test_check_warnings_pass_unless_strict(run_cli, tmp_path: Path, edit_mini) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(edit_mini(*WARNING_EDITS))
    relaxed = run_cli("rubric", "check", "-f", "parsable", path, exit_code=ExitCode.OK)
    assert "[missing-guidance]" in relaxed.stdout
    strict = run_cli("rubric", "check", "-f", "parsable", "--strict", path,
                     exit_code=ExitCode.FINDINGS)
    assert strict.stdout == relaxed.stdout
    assert "--strict" in strict.stderr


def test_check_folder_checks_yaml_files_below_it_sorted(run_cli, tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("id: [\n")
    (tmp_path / "a.yml").write_text("id: [\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.YAML").write_text("id: [\n")
    (tmp_path / "notes.txt").write_text("id: [\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = run_cli("rubric", "check", "-f", "parsable", tmp_path, exit_code=ExitCode.FINDINGS)
    checked = [Path(line.split(":", 1)[0]).relative_to(tmp_path).as_posix()
               for line in result.stdout.splitlines()]
    assert checked == ["a.yml", "b.yaml", "sub/c.YAML"]
    assert "3 files checked" in result.stderr


def test_check_lists_a_file_once_however_it_is_named(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "check", "-f", "parsable", broken, broken.parent, broken,
                     exit_code=ExitCode.FINDINGS)
    assert len(result.stdout.splitlines()) == 2
    assert "1 file checked" in result.stderr


def test_check_reports_every_file_in_one_run(run_cli, tmp_path: Path, edit_mini) -> None:
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.yaml").write_text(edit_mini(*BROKEN_EDITS))
    result = run_cli("rubric", "check", "-f", "parsable", tmp_path, exit_code=ExitCode.FINDINGS)
    assert len(result.stdout.splitlines()) == 6
    assert "3 files checked: 3 errors, 3 warnings" in result.stderr


def test_check_missing_path_is_a_finding_and_exits_3(run_cli, tmp_path: Path, broken: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run_cli("rubric", "check", "-f", "parsable", missing, broken,
                     exit_code=ExitCode.INPUT)
    assert result.stdout.splitlines()[0] == (
        f"{missing}:1:1: error [unreadable] no such file or folder")
    assert f"{broken}:80:11: error [unknown-rung]" in result.stdout  # the rest still checked


def test_check_folder_without_yaml_exits_3(run_cli, tmp_path: Path) -> None:
    result = run_cli("rubric", "check", tmp_path, exit_code=ExitCode.INPUT)
    assert result.stdout == ""
    assert "no *.yaml or *.yml files" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["rubric", "check"], ["rubric", "check", "--format", "xml", str(MINI)],
     ["rubric", "check", "--no-such-option", str(MINI)], ["rubric", "frobnicate"]],
    ids=["no-paths", "unknown-format", "unknown-option", "unknown-command"],
)
def test_usage_errors_exit_2(run_cli, args: list[str]) -> None:
    result = run_cli(*args, exit_code=ExitCode.USAGE)
    assert result.stdout == ""
    assert "Usage:" in result.stderr


def test_an_unexpected_error_exits_4_without_a_traceback(run_cli, monkeypatch) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr("coprod_ladder.rubric.load.parse_rubric", explode)
    result = run_cli("rubric", "check", MINI, exit_code=ExitCode.INTERNAL)
    assert "internal error: RuntimeError: something broke" in result.stderr
    assert "COPROD_DEBUG=1" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_exits_130(run_cli, monkeypatch) -> None:
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("coprod_ladder.rubric.load.parse_rubric", interrupt)
    result = run_cli("rubric", "check", MINI, exit_code=ExitCode.INTERRUPTED)
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output


# --- list and show --------------------------------------------------------------------------


def test_list_shows_name_version_and_title_of_every_shipped_rubric(run_cli) -> None:
    names = resources.builtin_rubric_names()
    result = run_cli("rubric", "list", exit_code=ExitCode.OK)
    if not names:
        assert result.stdout == ""
        return
    rows = [line.split(None, 2) for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == names
    for name, version, title in rows:
        rubric, _ = load_rubric(name)
        assert (version, title) == (rubric.version, rubric.title)


def test_list_still_lists_when_a_shipped_rubric_is_broken(
    run_cli, monkeypatch, tmp_path: Path, mini_text: str
) -> None:
    (tmp_path / "good.yaml").write_text(mini_text)
    (tmp_path / "bad.yaml").write_text(mini_text.replace("    level: 3", "    level: 2"))
    monkeypatch.setattr(resources, "rubrics_dir", lambda: tmp_path)
    result = run_cli("rubric", "list", exit_code=ExitCode.INPUT)
    assert result.stdout.splitlines() == [
        "bad   ?      (has errors: see below)",
        "good  1.0.0  A small rubric for tests",
    ]
    assert "rubrics/bad.yaml:44:12: error [duplicate-level]" in result.stderr


def test_list_without_shipped_rubrics_says_so(run_cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(resources, "rubrics_dir", lambda: tmp_path / "missing")
    result = run_cli("rubric", "list", exit_code=ExitCode.OK)
    assert result.stdout == ""
    assert "no rubrics are shipped" in result.stderr


def test_show_renders_every_part_of_the_rubric(run_cli) -> None:
    result = run_cli("rubric", "show", MINI, exit_code=ExitCode.OK)
    out = result.stdout
    for expected in [
        "A small rubric for tests", "mini 1.0.0",  # title, id and version
        "Licence: MIT", "Test ladder", "Written for coprod's tests.",  # licence, attribution
        "Scoring (gated)", "whose statements are all in place",  # the rule, as reports say it
        "Overall, the service stands on the highest rung",
        "holds the service below that rung",  # mini gates a rung and does not explain it
        "Rungs", "Told", "doing to", "People decide with staff.",  # rungs, band, summary
        "Activities", "Co-design", "Running the service.",
        "Criteria per activity and rung", "4 criteria",
        "Success factors", "Involved in governance", "Together",  # what it gates
        "Readiness", "A senior lead",
        "Risks", "Tokenism", "2 of:", "Show what changed",
        "Answer scales", "In place and effective *",
    ]:
        assert expected in out, expected
    assert result.stderr == ""


def test_show_counts_criteria_per_activity_and_rung(run_cli) -> None:
    out = run_cli("rubric", "show", MINI, exit_code=ExitCode.OK).stdout
    # Levels 1, 2, 3 and the total. Co-delivery has one required criterion at rung 2 and one
    # optional at rung 3.
    grid = out.split("Criteria per activity and rung", 1)[1].splitlines()
    design = next(line for line in grid if "│ Co-design " in line)
    delivery = next(line for line in grid if "│ Co-delivery " in line)
    assert re.findall(r"│\s*([^│]+?)\s*(?=│)", design)[1:] == [".", "1", "1", "2"]
    assert re.findall(r"│\s*([^│]+?)\s*(?=│)", delivery)[1:] == [".", "1", "+1", "1+1"]


def test_show_maps_to_other_ladders(run_cli, tmp_path: Path, edit_mini) -> None:
    path = tmp_path / "mapped.yaml"
    path.write_text(edit_mini(
        ("    in_practice: Letters go out.\n",
         "    in_practice: Letters go out.\n    maps_to:\n      hart: Manipulation\n")))
    out = run_cli("rubric", "show", path, exit_code=ExitCode.OK).stdout
    assert "hart: Manipulation" in out


def test_show_threshold_rule_says_the_share(run_cli, tmp_path: Path, edit_mini) -> None:
    path = tmp_path / "threshold.yaml"
    path.write_text(edit_mini(("  rule: gated", "  rule: threshold\n  min_share: 0.75")))
    out = run_cli("rubric", "show", path, exit_code=ExitCode.OK).stdout
    assert "at least 75% of its" in " ".join(out.split())


def test_show_prints_warnings_on_stderr(run_cli, tmp_path: Path, edit_mini) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(edit_mini(*WARNING_EDITS))
    result = run_cli("rubric", "show", path, exit_code=ExitCode.OK)
    assert "A small rubric for tests" in result.stdout
    assert f"{path}:57:9: warning [missing-guidance]" in result.stderr


def test_show_an_unknown_name_exits_3_with_a_hint(run_cli) -> None:
    result = run_cli("rubric", "show", "no-such-rubric", exit_code=ExitCode.INPUT)
    assert result.stdout == ""
    assert "no shipped rubric is called 'no-such-rubric'" in result.stderr
    assert "hint:" in result.stderr


def test_show_a_broken_file_exits_3(run_cli, broken: Path) -> None:
    result = run_cli("rubric", "show", broken, exit_code=ExitCode.INPUT)
    assert f"{broken}:80:11: error [unknown-rung]" in result.stderr


# --- shipped rubrics ------------------------------------------------------------------------

SHIPPED = resources.builtin_rubric_names() if resources.rubrics_dir().is_dir() else []


@pytest.mark.skipif(not SHIPPED, reason="rubrics/ holds no rubric yet")
@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_rubric_is_clean_under_strict(name: str, run_cli) -> None:
    _, warnings = load_rubric(name)
    assert warnings == []
    with as_file(resources.rubrics_dir() / f"{name}.yaml") as path:
        run_cli("rubric", "check", "--strict", "-f", "parsable", path, exit_code=ExitCode.OK)
    show = run_cli("rubric", "show", name, exit_code=ExitCode.OK)
    assert load_rubric(name)[0].title in show.stdout


@pytest.mark.skipif(not SHIPPED, reason="rubrics/ holds no rubric yet")
def test_the_rubrics_folder_checks_clean_under_strict(run_cli) -> None:
    run_cli("rubric", "check", "--strict", REPO / "rubrics", exit_code=ExitCode.OK)


# --- schema ---------------------------------------------------------------------------------


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        schema = root["$defs"][name]
    return schema


def _violations(data: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> list[str]:
    """Validate the JSON Schema subset pydantic emits (no jsonschema package needed)."""
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        options = [_violations(data, s, root, at) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{at}: matches no anyOf branch"]
    problems: list[str] = []
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
             "integer": int, "number": (int, float)}
    kind = schema.get("type")
    if kind and (not isinstance(data, kinds[kind])
                 or (kind in {"integer", "number"} and isinstance(data, bool))):
        return [f"{at}: expected {kind}"]
    if "enum" in schema and data not in schema["enum"]:
        problems.append(f"{at}: not one of {schema['enum']}")
    if "const" in schema and data != schema["const"]:
        problems.append(f"{at}: not {schema['const']!r}")
    if isinstance(data, str):
        if not schema.get("minLength", 0) <= len(data) <= schema.get("maxLength", 10**9):
            problems.append(f"{at}: length")
        if "pattern" in schema and not re.search(schema["pattern"], data):
            problems.append(f"{at}: pattern")
    if (isinstance(data, int | float) and not isinstance(data, bool)
            and not schema.get("minimum", -(10**9)) <= data <= schema.get("maximum", 10**9)):
        problems.append(f"{at}: range")
    if isinstance(data, list):
        if len(data) < schema.get("minItems", 0):
            problems.append(f"{at}: too few items")
        for i, item in enumerate(data):
            problems += _violations(item, schema.get("items", {}), root, f"{at}.{i}")
    if isinstance(data, dict):
        problems += [f"{at}: missing {key}" for key in schema.get("required", [])
                     if key not in data]
        for key, value in data.items():
            if key in schema.get("properties", {}):
                problems += _violations(value, schema["properties"][key], root, f"{at}.{key}")
            elif any(re.search(p, key) for p in schema.get("patternProperties", {})):
                pattern = next(p for p in schema["patternProperties"] if re.search(p, key))
                problems += _violations(value, schema["patternProperties"][pattern], root,
                                        f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{at}: unknown key {key}")
    return problems


def _json_ready(data: Any) -> Any:
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()
                                 if isinstance(v, dt.date) else v))


def _schema(run_cli, *args: str) -> dict[str, Any]:
    result = run_cli("rubric", "schema", *args, exit_code=ExitCode.OK)
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_rubric_schema_describes_the_format(run_cli) -> None:
    schema = _schema(run_cli)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "version", "title", "summary", "licence",
                                       "attribution", "answer_sets", "rungs", "activities",
                                       "criteria"}
    for name, definition in schema["$defs"].items():
        if "properties" in definition:
            assert definition["additionalProperties"] is False, name
    assert set(_resolve(schema["$defs"]["Rung"], schema)["required"]) == {
        "id", "level", "name", "band", "summary", "in_practice"}


def test_rubric_schema_accepts_mini_and_rejects_a_typo(run_cli, mini_text: str) -> None:
    schema = _schema(run_cli)
    data = _json_ready(parse_yaml(mini_text, "mini.yaml").data)
    assert _violations(data, schema, schema) == []
    data["rungs"][0]["levle"] = 1
    del data["rungs"][1]["summary"]
    data["criteria"][0]["effort"] = "huge"
    assert sorted(_violations(data, schema, schema)) == [
        ".criteria.0.effort: not one of ['low', 'medium', 'high']",
        ".rungs.0: unknown key levle",
        ".rungs.1: missing summary",
    ]


def test_rubric_schema_with_jsonschema(run_cli, mini_text: str) -> None:
    import jsonschema

    schema = _schema(run_cli)
    jsonschema.Draft202012Validator(schema).validate(
        _json_ready(parse_yaml(mini_text, "mini.yaml").data))


def test_answers_schema_accepts_an_answers_file(run_cli) -> None:
    schema = _schema(run_cli, "--answers")
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"rubric", "service"}
    # coprod's own YAML reading: YAML 1.1 would turn the key `on` into True.
    text = (Path(__file__).parent / "data" / "answers" / "mini-service.yaml").read_text()
    answers = _json_ready(parse_yaml(text, "mini-service.yaml").data)
    assert _violations(answers, schema, schema) == []
    answers["criteria"]["design-asked"]["anwser"] = "effective"
    assert _violations(answers, schema, schema) == [
        ".criteria.design-asked: unknown key anwser"]


# --- help and version -----------------------------------------------------------------------


def _all_commands() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        if hasattr(command, "commands"):  # a group (Typer bundles its own Click)
            for name, sub in sorted(command.commands.items()):
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "coprod")
def test_every_command_has_plain_help(path: list[str], run_cli) -> None:
    result = run_cli(*path, "--help", exit_code=ExitCode.OK)
    assert result.stdout.startswith("Usage: ")
    # A description line in words, after the usage line.
    description = result.stdout.split("\n\n", 2)[1].strip()
    assert len(description.split()) >= 4, result.stdout


def test_rubric_command_help_is_complete() -> None:
    rubric = typer.main.get_command(app).commands["rubric"]  # type: ignore[attr-defined]
    assert set(rubric.commands) == {"check", "list", "show", "schema", "init",
                                    "translations"}


def test_check_help_explains_formats_and_exit_codes(run_cli) -> None:
    out = run_cli("rubric", "check", "--help", exit_code=ExitCode.OK).stdout
    for word in ("text", "parsable", "github", "json", "auto", "--strict", "Exit status"):
        assert word in out


def test_version(run_cli) -> None:
    result = run_cli("--version", exit_code=ExitCode.OK)
    assert result.stdout == f"coprod {__version__}\n"
    assert __version__ == importlib.metadata.version("coprod")


# --- the pre-commit hook ----------------------------------------------------------------------


def test_pre_commit_hook_runs_the_check_on_rubric_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "coprod-rubric-check")
    assert hook["entry"] == "coprod rubric check"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert re.match(hook["files"], "rubrics/default.yaml")
    assert not re.match(hook["files"], "examples/camhs.yaml")
    assert hook["name"] and hook["description"]
