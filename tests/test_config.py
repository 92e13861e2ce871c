"""A config file saves repeating options: `.coprod.yaml`, or `[tool.coprod]` in pyproject.toml.

Found upwards from the working folder; keys named like the long options; paths relative to
the file; options on the command line win; a mistake is a usage error with its line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coprod_ladder.config import COMMAND_KEYS, KEYS
from coprod_ladder.errors import ExitCode

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def council(tmp_path: Path, monkeypatch) -> Path:
    """A council's folder: rubrics/mini.yaml, answers/2026/harbour.yaml; run from answers/."""
    (tmp_path / "rubrics").mkdir()
    shutil.copy(MINI, tmp_path / "rubrics" / "mini.yaml")
    (tmp_path / "answers" / "2026").mkdir(parents=True)
    shutil.copy(SERVICE, tmp_path / "answers" / "2026" / "harbour.yaml")
    monkeypatch.chdir(tmp_path / "answers")
    return tmp_path


def test_coprod_yaml_above_the_working_folder_sets_the_options(run_cli, council: Path) -> None:
    (council / ".coprod.yaml").write_text(
        "rubric: rubrics/mini.yaml\nout: reports\nformat: [json, md]\njobs: 1\n",
        encoding="utf-8")
    run_cli("score", "2026", exit_code=ExitCode.OK)
    assert sorted(p.name for p in (council / "reports").iterdir()) == [
        "harbour-youth.json", "harbour-youth.md"]


def test_options_on_the_command_line_win(run_cli, council: Path, tmp_path: Path) -> None:
    (council / ".coprod.yaml").write_text(
        "rubric: rubrics/mini.yaml\nout: reports\nformat: md\n", encoding="utf-8")
    run_cli("score", "2026", "--format", "json", "--out", "here", exit_code=ExitCode.OK)
    assert [p.name for p in (council / "answers" / "here").iterdir()] == ["harbour-youth.json"]
    assert not (council / "reports").exists()
    result = run_cli("score", "2026", "--rubric", "default", "--out", "-",
                     exit_code=ExitCode.FINDINGS)
    assert "wrong-rubric" in result.stderr  # --rubric default, not the file's mini.yaml


def test_a_command_table_overrides_the_top_and_portfolio_takes_group_by(run_cli,
                                                                        council: Path) -> None:
    (council / ".coprod.yaml").write_text(
        "rubric: rubrics/mini.yaml\nout: reports\nformat: [json]\n"
        "portfolio:\n  out: portfolio\n  format: json\n  group-by: area\n  jobs: 1\n",
        encoding="utf-8")
    run_cli("portfolio", "2026", "--as-of", "2026-11-01", exit_code=ExitCode.OK)
    document = json.loads((council / "portfolio" / "portfolio.json").read_text("utf-8"))
    assert document["groups"]["tag"] == "area", document["groups"]
    assert not (council / "reports").exists()


def test_pyproject_tool_coprod_is_read_and_one_without_it_is_passed_over(
        run_cli, council: Path) -> None:
    (council / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.coprod]\nrubric = "rubrics/mini.yaml"\n\n'
        '[tool.coprod.score]\nout = "reports"\nformat = ["json"]\n', encoding="utf-8")
    (council / "answers" / "pyproject.toml").write_text('[project]\nname = "y"\n',
                                                        encoding="utf-8")
    run_cli("score", "2026", exit_code=ExitCode.OK)
    assert [p.name for p in (council / "reports").iterdir()] == ["harbour-youth.json"]


def test_coprod_yaml_wins_over_pyproject_in_the_same_folder(run_cli, council: Path) -> None:
    (council / "pyproject.toml").write_text('[tool.coprod]\nout = "from-toml"\n',
                                            encoding="utf-8")
    (council / ".coprod.yaml").write_text("out: from-yaml\nrubric: rubrics/mini.yaml\n",
                                          encoding="utf-8")
    run_cli("score", "2026", "-f", "json", exit_code=ExitCode.OK)
    assert (council / "from-yaml").is_dir() and not (council / "from-toml").exists()


def test_help_shows_the_defaults_the_file_sets(run_cli, council: Path) -> None:
    (council / ".coprod.yaml").write_text("out: reports\n", encoding="utf-8")
    text = "".join(run_cli("score", "--help", exit_code=ExitCode.OK).stdout.split())
    assert f"[default:{council / 'reports'}]" in text  # a long path may wrap


@pytest.mark.parametrize(("name", "text", "where", "words"), [
    (".coprod.yaml", "outt: reports\n", "1:1", "unknown key 'outt'; the keys are out, rubric"),
    (".coprod.yaml", "jobs: two\n", "1:7", "'jobs' is a whole number"),
    (".coprod.yaml", "jobs: -1\n", "1:7", "'jobs' is a whole number, 0 or more"),
    (".coprod.yaml", "score:\n  group-by: area\n", "2:3",
     "coprod score has no setting 'group-by'; it takes out, rubric, format, jobs"),
    (".coprod.yaml", "portfolio:\n  format: [html, md]\n", "2:11",
     "'format' for portfolio is one format"),
    (".coprod.yaml", "- out\n", "1:1", "the settings are a mapping"),
    (".coprod.yaml", "out: [unclosed\n", "2:1", "[syntax]"),
    ("pyproject.toml", '[tool.coprod]\nrubric = "x.yaml"\njobs = "2"\n', "3:1",
     "'jobs' is a whole number"),
    ("pyproject.toml", '[tool.coprod.assess]\nout = "r"\njobs = 2\n', "3:1",
     "coprod assess has no setting 'jobs'"),
    ("pyproject.toml", "[tool.coprod\n", "1:1", "cannot read it as TOML"),
])
def test_a_mistake_in_the_file_is_a_usage_error_with_its_line(
        run_cli, council: Path, name: str, text: str, where: str, words: str) -> None:
    (council / name).write_text(text, encoding="utf-8")
    command = "portfolio" if "portfolio" in words else "assess" if "assess" in words else "score"
    result = run_cli(command, "2026", exit_code=ExitCode.USAGE)
    assert f"{council / name}:{where}: error" in result.stderr, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (council / "answers" / "coprod-reports").exists()


def test_commands_without_settings_never_read_the_file(run_cli, council: Path) -> None:
    (council / ".coprod.yaml").write_text("outt: [\n", encoding="utf-8")
    run_cli("rubric", "check", council / "rubrics" / "mini.yaml", exit_code=ExitCode.OK)
    run_cli("rubric", "list", exit_code=ExitCode.OK)


def test_the_readme_documents_every_key_and_command() -> None:
    section = README.read_text(encoding="utf-8").split("## Settings file", 1)[1]
    section = section.split("\n## ", 1)[0]
    for key in (*KEYS, *COMMAND_KEYS):
        assert f"`{key}`" in section, key
    assert "[tool.coprod]" in section and ".coprod.yaml" in section


def test_out_dash_on_the_command_line_sets_the_files_formats_aside(run_cli,
                                                                  council: Path) -> None:
    (council / ".coprod.yaml").write_text("rubric: rubrics/mini.yaml\nformat: [md, html]\n"
                                          "portfolio:\n  format: html\n", encoding="utf-8")
    result = run_cli("score", "2026", "--out", "-", exit_code=ExitCode.OK)
    assert json.loads(result.stdout)["format"] == "coprod-scores/1"
    result = run_cli("portfolio", "2026", "--out", "-", "--as-of", "2026-11-01",
                     exit_code=ExitCode.OK)
    assert "services" in json.loads(result.stdout)


def test_the_readme_examples_are_valid_settings(tmp_path: Path) -> None:
    import re

    from coprod_ladder.config import parse_pyproject_settings, parse_yaml_settings

    section = README.read_text(encoding="utf-8").split("## Settings file", 1)[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL).group(1)
    toml_text = re.search(r"```toml\n(.*?)```", section, flags=re.DOTALL).group(1)
    from_yaml, problems = parse_yaml_settings(yaml_text.encode(), "x", tmp_path)
    assert problems == [] and from_yaml is not None
    assert from_yaml.for_command("portfolio") == {
        "rubric": str(tmp_path / "rubrics/northshire.yaml"), "out": str(tmp_path / "portfolio"),
        "group_by": "area"}
    assert from_yaml.for_command("score")["fmt"] == ["html", "json"]
    found = parse_pyproject_settings(toml_text.encode(), "y", tmp_path)
    assert found is not None and found[1] == [] and found[0] is not None
    assert found[0].for_command("portfolio")["group_by"] == "area"


def test_the_shell_names_the_same_commands_as_the_config_module() -> None:
    from coprod_ladder.cli.params import SETTINGS_COMMANDS

    assert tuple(COMMAND_KEYS) == SETTINGS_COMMANDS
