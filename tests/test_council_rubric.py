"""A council's own rubric, as docs/writing-a-rubric.md ("Adopting a rubric") walks through it.

`rubric init` makes a copy whose history says where it came from; answers written for the
shipped rubric (its current version and 1.0.0) score with the copy, `migrate --rubric` moves
them over, and the rename and versioning steps of the guide keep them scoring.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coprod_ladder.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
OLD_ANSWERS = Path(__file__).parent / "data" / "answers" / "default-1.0.0"


@pytest.fixture
def council(run_cli, tmp_path: Path) -> Path:
    path = tmp_path / "rubrics" / "Northshire.yaml"
    path.parent.mkdir()
    run_cli("rubric", "init", path, exit_code=ExitCode.OK)
    return path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _placements(folder: Path) -> dict[str, object]:
    reports = {p.stem: json.loads(p.read_text(encoding="utf-8"))
               for p in sorted(folder.glob("*.json"))}
    return {name: (r["rubric"]["id"], r["rubric"]["version"], r["placement"], r["profile"])
            for name, r in reports.items()}


def test_init_writes_a_copy_whose_history_says_where_it_came_from(run_cli,
                                                                   council: Path) -> None:
    data = yaml.safe_load(council.read_text(encoding="utf-8"))
    assert (data["id"], data["version"]) == ("northshire", "1.0.0")
    adoption, kept = data["history"][0], data["history"][1]
    assert (adoption["version"], adoption["replaces"], adoption["replaces_rubric"]) == (
        "1.0.0", "2.2.0", "default")
    assert (kept["rubric"], kept["version"], kept["replaces"]) == ("default", "2.2.0", "2.1.0")
    result = run_cli("rubric", "check", "--strict", council, exit_code=ExitCode.OK)
    assert "0 errors, 0 warnings" in result.stderr
    result = run_cli("rubric", "check", "--strict", council, "--previous", "default",
                     exit_code=ExitCode.OK)
    shown = run_cli("rubric", "show", council, exit_code=ExitCode.OK).stdout
    assert "replaces default 2.2.0" in shown and "default 2.1.0" in shown


def test_the_shipped_examples_score_with_the_copy_end_to_end(council: Path,
                                                            tmp_path: Path) -> None:
    """As a council runs it: the installed command, examples/*.yaml, --rubric the copy."""
    out = tmp_path / "reports"
    env = {k: v for k, v in os.environ.items() if k not in ("COPROD_DEBUG", "GITHUB_ACTIONS")}
    done = subprocess.run(
        [sys.executable, "-m", "coprod_ladder", "score", "--rubric", str(council),
         "--out", str(out), "--jobs", "1", *map(str, EXAMPLES)],
        capture_output=True, text=True, cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
        check=False)
    assert done.returncode == ExitCode.OK, done.stderr
    assert "wrong-rubric" not in done.stderr
    assert done.stderr.count("warning [migrated]") == len(EXAMPLES)
    # The youth service is answered by two staff, in two files: one service, one report.
    services = len(EXAMPLES) - 1
    assert f"{services} services scored, 0 files failed" in done.stderr
    placements = _placements(out)
    assert len(placements) == services
    assert {p[:2] for p in placements.values()} == {("northshire", "1.0.0")}
    for suffix in ("html", "md"):
        assert len(list(out.glob(f"*.{suffix}"))) == services


def test_the_copy_places_every_service_where_the_original_does(run_cli, council: Path,
                                                               tmp_path: Path) -> None:
    run_cli("score", "-f", "json", "--jobs", "1", "--out", tmp_path / "default",
            *EXAMPLES, exit_code=ExitCode.OK)
    run_cli("score", "-f", "json", "--jobs", "1", "--rubric", council, "--out",
            tmp_path / "copy", *EXAMPLES, exit_code=ExitCode.OK)
    original, copy = _placements(tmp_path / "default"), _placements(tmp_path / "copy")
    assert {k: v[2:] for k, v in copy.items()} == {k: v[2:] for k, v in original.items()}


def test_last_years_answers_for_default_1_0_0_score_with_the_copy(run_cli, council: Path,
                                                                  tmp_path: Path) -> None:
    result = run_cli("score", "-f", "json", "--jobs", "1", "--rubric", council, "--out",
                     tmp_path, OLD_ANSWERS, exit_code=ExitCode.OK)
    assert "'default' 1.0.0 and were read as 'northshire' 1.0.0" in result.stderr
    assert "wrong-rubric" not in result.stderr


def test_migrate_moves_answers_to_the_copy(run_cli, council: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for source in (EXAMPLES[0], OLD_ANSWERS / "youth-service.yaml"):
        shutil.copy(source, answers / f"{source.parent.name}-{source.name}")
    files = sorted(answers.iterdir())
    result = run_cli("migrate", "--rubric", council, "--in-place", *files,
                     exit_code=ExitCode.OK)
    assert "default 2.2.0 -> northshire 1.0.0" in result.stderr
    assert "default 1.0.0 -> northshire 1.0.0" in result.stderr
    for path in files:
        ref = yaml.safe_load(path.read_text(encoding="utf-8"))["rubric"]
        assert ref == {"id": "northshire", "version": "1.0.0"}
    result = run_cli("score", "-f", "json", "--jobs", "1", "--rubric", council, "--out",
                     tmp_path / "out", answers, exit_code=ExitCode.OK)
    assert "warning [" not in result.stderr


def test_a_copy_without_the_record_says_how_to_fix_it(run_cli, council: Path) -> None:
    text = council.read_text(encoding="utf-8")
    start = text.index("history:\n")
    council.write_text(text[:start], encoding="utf-8")  # a copy made by hand, history cut
    result = run_cli("score", "--jobs", "1", "--rubric", council, "--out", council.parent,
                     EXAMPLES[0], exit_code=ExitCode.FINDINGS)
    assert "error [wrong-rubric]" in result.stderr
    assert "is a copy of 'default', say so in its history" in result.stderr
    assert '"Adopting a rubric"' in result.stderr


def test_a_version_the_history_does_not_know_names_the_ones_it_does(run_cli, council: Path,
                                                                    tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(EXAMPLES[0].read_text(encoding="utf-8").replace(
        "  version: 2.2.0", "  version: 0.5.0", 1), encoding="utf-8")
    # An answers file that cannot be read through the rubric is a finding in every command.
    result = run_cli("migrate", "--rubric", council, old, exit_code=ExitCode.FINDINGS)
    assert "error [no-migration-path]" in result.stderr
    assert "versions of 'default' it knows: 1.0.0, 2.0.0, 2.1.0, 2.2.0" in result.stderr
    result = run_cli("score", "--rubric", council, "--out", tmp_path / "out", old,
                     exit_code=ExitCode.FINDINGS)
    assert "error [no-migration-path]" in result.stderr
    assert "wrong-rubric" not in result.stderr


def test_a_new_version_of_the_copy_keeps_every_answer_scoring(run_cli, council: Path,
                                                               tmp_path: Path) -> None:
    """Guide step 4: rename a criterion in 1.1.0 and record it; both older rubrics read."""
    released = tmp_path / "northshire-1.0.0.yaml"
    shutil.copy(council, released)
    _edit(council, "version: 1.0.0\ntitle:", "version: 1.1.0\ntitle:")
    _edit(council, "  - id: co-design-informing\n", "  - id: co-design-told\n")
    _edit(council, "history:\n", "history:\n  - version: 1.1.0\n    replaces: 1.0.0\n"
                                 "    summary: Renamed one co-design statement.\n    items:\n"
                                 "      co-design-informing: co-design-told\n")
    run_cli("rubric", "check", "--strict", council, "--previous", released,
            exit_code=ExitCode.OK)
    result = run_cli("score", "-f", "json", "--jobs", "1", "--rubric", council, "--out",
                     tmp_path / "out", EXAMPLES[0], OLD_ANSWERS / "camhs.yaml",
                     exit_code=ExitCode.OK)
    assert "read as 'northshire' 1.1.0" in result.stderr
    assert "2 services scored, 0 files failed" in result.stderr


def test_renaming_the_copy_as_the_guide_says_keeps_answers_scoring(run_cli, council: Path,
                                                                   tmp_path: Path) -> None:
    """Guide step 5: a new id, recorded with replaces_rubric; earlier releases marked."""
    migrated = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLES[0], migrated)
    run_cli("migrate", "--rubric", council, "--in-place", migrated, exit_code=ExitCode.OK)
    _edit(council, "id: northshire\nversion: 1.0.0\n", "id: nsc-participation\nversion: 1.1.0\n")
    _edit(council, "history:\n  - version: 1.0.0\n",
          "history:\n  - version: 1.1.0\n    replaces: 1.0.0\n    replaces_rubric: northshire\n"
          "    summary: Renamed from northshire; nothing else changed.\n"
          "  - rubric: northshire\n    version: 1.0.0\n")
    run_cli("rubric", "check", "--strict", council, exit_code=ExitCode.OK)
    result = run_cli("score", "-f", "json", "--jobs", "1", "--rubric", council, "--out",
                     tmp_path / "out", migrated, EXAMPLES[1], OLD_ANSWERS / "camhs.yaml",
                     exit_code=ExitCode.OK)
    assert "3 services scored, 0 files failed" in result.stderr
    assert "'northshire' 1.0.0 and were read as 'nsc-participation' 1.1.0" in result.stderr
    assert {v[:2] for v in _placements(tmp_path / "out").values()} == {
        ("nsc-participation", "1.1.0")}


@pytest.mark.parametrize(("edits", "code", "words"), [
    pytest.param([("version: 1.0.0\n    replaces: 2.2.0\n    replaces_rubric: default\n",
                   "version: 1.0.0\n    replaces: 2.2.0\n    rubric: default\n")],
                 "history-version", "every release in history belongs to another rubric",
                 id="no-own-release"),
    pytest.param([("  - rubric: default\n    version: 2.0.0\n    replaces: 1.0.0\n",
                   "  - rubric: default\n    version: 2.0.0\n    replaces: 2.0.0\n")],
                 "history-version", "two releases replace 'default' 2.0.0",
                 id="foreign-version-replaced-twice"),
    pytest.param([("  - rubric: default\n    version: 2.0.0\n    replaces: 1.0.0\n",
                   "  - rubric: default\n    version: 2.0.0\n    replaces: 3.0.0\n")],
                 "history-version", "release 2.0.0 says it replaces 3.0.0",
                 id="foreign-release-goes-backwards"),
])
def test_history_checks_know_whose_version_is_whose(run_cli, council: Path,
                                                    edits: list[tuple[str, str]], code: str,
                                                    words: str) -> None:
    for old, new in edits:
        _edit(council, old, new)
    result = run_cli("rubric", "check", "-f", "parsable", council, exit_code=ExitCode.FINDINGS)
    assert f"error [{code}]" in result.stdout
    assert words in result.stdout


def test_previous_default_finds_an_id_the_copy_lost_without_saying(run_cli,
                                                                   council: Path) -> None:
    _edit(council, "  - id: own-plans-co-producing\n", "  - id: own-plans-leading\n")
    _edit(council, "      own-plans-co-producing: own-plans-co-producing\n", "")
    result = run_cli("rubric", "check", "-f", "parsable", council, "--previous", "default",
                     exit_code=ExitCode.FINDINGS)
    assert "error [history-incomplete] 'own-plans-co-producing' (items of 2.2.0)" in result.stdout


def test_a_settings_file_names_the_copy_once_for_every_command(run_cli, council: Path,
                                                               tmp_path: Path,
                                                               monkeypatch) -> None:
    """The guide's .coprod.yaml: `coprod score answers/` then needs no --rubric."""
    (tmp_path / ".coprod.yaml").write_text("rubric: rubrics/Northshire.yaml\n",
                                           encoding="utf-8")
    answers = tmp_path / "answers"
    answers.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, answers / example.name)
    monkeypatch.chdir(answers)
    result = run_cli("score", ".", "-f", "json", "--jobs", "1", "--out", tmp_path / "out",
                     exit_code=ExitCode.OK)
    assert "wrong-rubric" not in result.stderr
    assert {v[:2] for v in _placements(tmp_path / "out").values()} == {("northshire", "1.0.0")}
