"""`rubric check --format sarif` as GitHub code scanning reads it.

Checked against the SARIF 2.1.0 subset schema the other SARIF tests use
(tests/data/schemas/sarif-2.1.0-subset.schema.json) and against the rules GitHub adds, as far
as they can be written down here: every rule described in full with help and a link that
exists in docs/findings.md, a tool home page, fingerprints, and file paths relative to the
repository root with no `..`, within GitHub's upload limits.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from coprod_ladder import HOMEPAGE
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.errors import ExitCode
from coprod_ladder.rendering.findings import FindingFormat, format_findings
from coprod_ladder.rendering.sarif import (
    FINDING_HELP,
    FINDINGS_DOC,
    artifact_uri,
    findings_doc,
    render_sarif,
)
from coprod_ladder.rubric.checks import CODES
from coprod_ladder.rubric.translation_checks import TRANSLATION_CODES

REPO = Path(__file__).resolve().parents[1]
SUBSET = Path(__file__).parent / "data" / "schemas" / "sarif-2.1.0-subset.schema.json"
#: One error (a criterion on a rung that does not exist) and one warning (no guidance).
BROKEN_EDITS = [("    activity: delivery\n    rung: together",
                 "    activity: delivery\n    rung: top"),
                ("    guidance: Run a short survey.\n", "")]


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub makes for a page's headings (lower case, punctuation dropped)."""
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", markdown, flags=re.MULTILINE):
        text = heading.strip().lower()
        anchors.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return anchors


def github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning (and the SARIF Multitool's GitHub rules) would refuse or
    not show; empty when the log is fit to upload."""
    problems: list[str] = []
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= 20:
        problems.append(f"{len(runs)} runs (GitHub takes 1 to 20)")
    for run in runs:
        driver = run["tool"]["driver"]
        if not str(driver.get("informationUri", "")).startswith("https://"):
            problems.append("the tool has no https informationUri")
        rules = driver.get("rules", [])
        if len(rules) > 25_000 or len(run["results"]) > 25_000:
            problems.append("more than 25,000 rules or results")
        for rule in rules:
            rid = rule["id"]
            for key in ("name", "shortDescription", "fullDescription", "help", "helpUri"):
                if not rule.get(key):
                    problems.append(f"rule {rid}: no {key}")
            for key in ("shortDescription", "fullDescription"):
                if len(rule.get(key, {}).get("text", "")) > 1024:
                    problems.append(f"rule {rid}: {key} over 1,024 characters")
            if not rule.get("help", {}).get("markdown"):
                problems.append(f"rule {rid}: help has no markdown")
            if not str(rule.get("helpUri", "")).startswith("https://"):
                problems.append(f"rule {rid}: helpUri is not an https link")
            if not rule.get("defaultConfiguration", {}).get("level"):
                problems.append(f"rule {rid}: no default level")
        ids = [r["id"] for r in rules]
        prints: set[tuple[tuple[str, str], ...]] = set()
        for n, result in enumerate(run["results"]):
            if result.get("ruleId") not in ids or ids[result["ruleIndex"]] != result["ruleId"]:
                problems.append(f"result {n}: ruleId and ruleIndex do not name one rule")
            if not result.get("message", {}).get("text"):
                problems.append(f"result {n}: no message text")
            fingerprints = result.get("partialFingerprints")
            if not fingerprints or not all(isinstance(v, str) and v
                                           for v in fingerprints.values()):
                problems.append(f"result {n}: no partialFingerprints")
            else:
                key = tuple(sorted(fingerprints.items()))
                if key in prints:
                    problems.append(f"result {n}: the same fingerprint as another result")
                prints.add(key)
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= 10:
                problems.append(f"result {n}: {len(locations)} locations (GitHub shows 1-10)")
            for location in locations:
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                parts = urlsplit(uri)
                if parts.scheme or uri.startswith("/"):
                    problems.append(f"result {n}: {uri} is not relative to the repository")
                if ".." in unquote(parts.path).split("/"):
                    problems.append(f"result {n}: {uri} climbs out with '..'")
                if physical.get("region", {}).get("startLine", 0) < 1:
                    problems.append(f"result {n}: no startLine")
    return problems


@pytest.fixture
def repo(tmp_path: Path, edit_mini) -> Path:
    """A council's repository: rubrics/broken.yaml (1 error, 1 warning) and a docs/ folder."""
    root = tmp_path / "council"
    (root / ".git").mkdir(parents=True)
    (root / "rubrics").mkdir()
    (root / "docs").mkdir()
    (root / "rubrics" / "broken.yaml").write_text(edit_mini(*BROKEN_EDITS), encoding="utf-8")
    return root


def _sarif(run_cli, *args: object) -> dict[str, Any]:
    result = run_cli("rubric", "check", "-f", "sarif", *args, exit_code=ExitCode.FINDINGS)
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SUBSET.read_text(encoding="utf-8")))
    assert isinstance(log, dict)
    return log


def _uris(log: dict[str, Any]) -> list[str]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]]


def test_from_a_subfolder_paths_are_relative_to_the_git_top_and_fit_github(
        run_cli, repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo / "docs")
    log = _sarif(run_cli, "../rubrics/broken.yaml")
    assert _uris(log) == ["rubrics/broken.yaml", "rubrics/broken.yaml"]
    assert github_problems(log) == []


def test_every_rule_is_described_in_full_and_links_to_its_section(run_cli, repo: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.chdir(repo)
    log = _sarif(run_cli, "rubrics")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == HOMEPAGE
    anchors = github_anchors((REPO / FINDINGS_DOC).read_text(encoding="utf-8"))
    for rule in driver["rules"]:
        assert rule["fullDescription"]["text"] == FINDING_HELP[rule["id"]]
        assert f"`{rule['id']}`" in rule["help"]["markdown"]
        page, _, anchor = rule["helpUri"].partition("#")
        assert page == f"{HOMEPAGE}/blob/main/{FINDINGS_DOC}"
        assert anchor in anchors, rule["helpUri"]


def test_sarif_root_chooses_the_base_and_files_outside_it_are_absolute(
        run_cli, repo: Path, tmp_path: Path, edit_mini, monkeypatch) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(edit_mini(*BROKEN_EDITS), encoding="utf-8")
    monkeypatch.chdir(repo)
    log = _sarif(run_cli, "--sarif-root", repo / "rubrics", "rubrics/broken.yaml", outside)
    uris = _uris(log)
    assert uris[:2] == ["broken.yaml", "broken.yaml"]
    assert uris[2:] == [outside.resolve().as_uri()] * 2


def test_outside_a_git_work_tree_paths_are_relative_to_the_working_folder(
        run_cli, repo: Path, monkeypatch) -> None:
    (repo / ".git").rmdir()
    monkeypatch.chdir(repo / "rubrics")
    assert _uris(_sarif(run_cli, "broken.yaml")) == ["broken.yaml", "broken.yaml"]


def test_sarif_root_must_be_a_folder(run_cli, repo: Path) -> None:
    result = run_cli("rubric", "check", "-f", "sarif", "--sarif-root",
                     repo / "rubrics" / "broken.yaml", repo / "rubrics",
                     exit_code=ExitCode.USAGE)
    assert "--sarif-root" in result.stderr and "Traceback" not in result.stderr


def test_fingerprints_stay_when_lines_move_and_differ_for_repeats(run_cli, repo: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.chdir(repo)
    before = _sarif(run_cli, "rubrics")["runs"][0]["results"]
    path = repo / "rubrics" / "broken.yaml"
    path.write_text("# a comment added at the top\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    after = _sarif(run_cli, "rubrics")["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"]
                                                         for r in before]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert lines == [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 1
                     for r in before]
    same = Diagnostic("a.yaml", 1, 1, Severity.ERROR, "syntax", "x")
    twice = json.loads(render_sarif([same, same], tool_version="0"))["runs"][0]["results"]
    assert twice[0]["partialFingerprints"] != twice[1]["partialFingerprints"]


@pytest.mark.parametrize(("path", "root", "cwd", "uri"), [
    ("rubrics/a.yaml", "/repo", "/repo", "rubrics/a.yaml"),
    ("../rubrics/a b.yaml", "/repo", "/repo/docs", "rubrics/a%20b.yaml"),
    ("/repo/rubrics/./x/../a.yaml", "/repo", "/", "rubrics/a.yaml"),
    ("../a.yaml", "/repo", "/repo", "file:///a.yaml"),
    ("/repository/a.yaml", "/repo", "/repo", "file:///repository/a.yaml"),
    ("x/../a.yaml", None, None, "a.yaml"),
])
def test_artifact_uri(path: str, root: str | None, cwd: str | None, uri: str) -> None:
    assert artifact_uri(path, root=root, cwd=cwd) == uri


def test_the_findings_page_is_current_and_has_a_section_for_every_code() -> None:
    page = REPO / FINDINGS_DOC
    text = findings_doc({**CODES, **TRANSLATION_CODES})
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        page.write_text(text, encoding="utf-8")
    assert page.read_text(encoding="utf-8") == text, (
        f"{FINDINGS_DOC} is out of date: run COPROD_UPDATE_GOLDEN=1 python -m pytest "
        "tests/test_sarif.py")
    assert sorted(FINDING_HELP) == sorted(re.findall(r"^### `(.+)`$", text, flags=re.MULTILINE))


def test_github_problems_finds_what_github_refuses() -> None:
    """The rules above must be able to fail."""
    finding = Diagnostic("../a.yaml", 1, 1, Severity.ERROR, "syntax", "x")
    log = json.loads(render_sarif([finding], tool_version="0"))
    assert any("climbs out" in p for p in github_problems(log))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    del rule["fullDescription"], rule["help"]["markdown"]
    del log["runs"][0]["results"][0]["partialFingerprints"]
    found = " / ".join(github_problems(log))
    for words in ("no fullDescription", "no markdown", "no partialFingerprints"):
        assert words in found


@pytest.mark.parametrize(("severity", "level"), [
    (Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")])
def test_each_severity_has_its_own_sarif_level(severity: Severity, level: str) -> None:
    finding = Diagnostic("cy.yaml", 3, 1, severity, "translation-drafts", "x")
    run = json.loads(render_sarif([finding], tool_version="0"))["runs"][0]
    assert run["results"][0]["level"] == level
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level


@pytest.mark.parametrize(("severity", "command"), [
    (Severity.ERROR, "::error "), (Severity.WARNING, "::warning "), (Severity.INFO, "::notice ")])
def test_each_severity_has_its_own_github_annotation(severity: Severity, command: str) -> None:
    finding = Diagnostic("cy.yaml", 3, 1, severity, "translation-drafts", "x")
    assert format_findings([finding], FindingFormat.GITHUB).startswith(command)
