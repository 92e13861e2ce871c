"""The repository's .yamllint: the shipped YAML passes it, and so does the YAML coprod writes.

Councils keep rubrics and answers in repositories that run yamllint; with its defaults the
shipped files gave over 1,000 findings. .ci/run runs `yamllint --strict` over rubrics/ and
examples/; these tests also cover what `rubric init` and `migrate` write, and that the rules
still catch what docs/writing-a-rubric.md says they do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode

yamllint_config = pytest.importorskip(
    "yamllint.config", reason="yamllint is not installed (pip install -e '.[test]' installs it)")
linter = pytest.importorskip("yamllint.linter")

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*(REPO / "rubrics").glob("*.yaml"), *(REPO / "examples").glob("*.yaml"),
                  REPO / "src" / "coprod_ladder" / "starter-rubric.yaml"])


def problems(text: str, path: str = "file.yaml") -> list[str]:
    config = yamllint_config.YamlLintConfig(file=str(REPO / ".yamllint"))
    return [f"{path}:{p.line}:{p.column}: {p.level} {p.desc} ({p.rule})"
            for p in linter.run(text, config, path)]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_yaml_passes(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8"), str(path)) == []


@pytest.mark.parametrize("source", ["default", "starter", "iap2"])
def test_a_rubric_from_init_passes(run_cli, tmp_path: Path, source: str) -> None:
    path = tmp_path / "council.yaml"
    run_cli("rubric", "init", path, "--from", source, exit_code=ExitCode.OK)
    assert problems(path.read_text(encoding="utf-8")) == []


def test_answers_files_coprod_writes_pass(run_cli, tmp_path: Path, monkeypatch) -> None:
    """Rewritten in full by migrate, as assess writes them (the header names the file, so
    the files sit where a manager keeps them: answers/, named on the command line)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers").mkdir()
    old = sorted((REPO / "tests" / "data" / "answers" / "default-1.0.0").glob("*.yaml"))
    for source in old:
        target = Path("answers") / source.name
        target.write_bytes(source.read_bytes())
        run_cli("migrate", "--in-place", target, exit_code=ExitCode.OK)
        assert problems(target.read_text(encoding="utf-8"), source.name) == []


@pytest.mark.parametrize(("text", "rule"), [
    ("answer: no\n", "truthy"),
    ("a:\n  - x\nb:\n- y\n", "indentation"),
    ("a: " + "word " * 30 + "\n", "line-length"),
    ("a: 1\na: 2\n", "key-duplicates"),
])
def test_the_rules_still_catch_what_the_guide_says(text: str, rule: str) -> None:
    assert any(f"({rule})" in p for p in problems(text)), problems(text)
