"""`--help` as a busy manager reads it: names for values, not Python types, and whole defaults.

Walks every command at three terminal widths, with `-h` and `--help`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from coprod_ladder.cli import app
from coprod_ladder.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]


def _commands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


#: Python types or Typer's type labels that must never show: <str>, <list[Path]>, {paths}.
PYTHON_TYPES = re.compile(r"<(?:str|int|path|float|bool|list\[[^\]]*\]|datetime|[A-Za-z]+ "
                          r"range)>|\{[A-Za-z_|]+\}|%Y")


@pytest.mark.parametrize("width", ["50", "80", "120"])
@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "coprod")
def test_help_names_values_plainly_and_keeps_defaults_whole(run_cli, path: list[str],
                                                            width: str) -> None:
    short = run_cli(*path, "-h", exit_code=ExitCode.OK, env={"COLUMNS": width})
    long = run_cli(*path, "--help", exit_code=ExitCode.OK, env={"COLUMNS": width})
    assert short.stdout == long.stdout
    text = long.stdout
    assert not PYTHON_TYPES.search(text), PYTHON_TYPES.search(text)
    for line in text.splitlines():
        if "[default:" in line:
            assert re.search(r"\[default: [^\]]+\]", line), line
    assert not re.search(r"\w-\n", text), "a word was split at its hyphen"


@pytest.mark.parametrize(("path", "usage"), [
    (["score"], "Usage: coprod score [OPTIONS] PATH..."),
    (["portfolio"], "Usage: coprod portfolio [OPTIONS] FOLDER"),
    (["rubric", "check"], "Usage: coprod rubric check [OPTIONS] PATH..."),
    (["rubric", "show"], "Usage: coprod rubric show [OPTIONS] NAME|FILE"),
])
def test_usage_lines_use_metavars(run_cli, path: list[str], usage: str) -> None:
    assert run_cli(*path, "-h", exit_code=0).stdout.splitlines()[0] == usage


def test_shell_completion_is_offered(run_cli) -> None:
    text = run_cli("--help", exit_code=0).stdout
    assert "--install-completion" in text and "--show-completion" in text


def test_typer_is_allowed_up_to_its_next_major_version_and_installed_within_it() -> None:
    """Public hooks only (the test below), so the cap is typer 1.0; these goldens run on the
    typer installed (checked on 0.29.0 and 0.29.2, the range there is)."""
    from importlib.metadata import version

    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"typer>=0\.(\d+)[.\d]*,<1"', pyproject)
    assert found
    major, minor = (int(part) for part in version("typer").split(".")[:2])
    assert major == 0 and minor >= int(found.group(1))


def _format_help(command: list[str]) -> str:
    """The --format option's help text of a command, as Typer holds it."""
    node: Any = typer.main.get_command(app)
    for name in command:
        node = node.commands[name]
    option = next(p for p in node.params if "--format" in getattr(p, "opts", []))
    return str(option.help)


@pytest.mark.parametrize(("command", "registry"), [
    (["score"], "SERVICE_REPORTS"), (["assess"], "SERVICE_REPORTS"),
    (["portfolio"], "PORTFOLIO"), (["rubric", "check"], "findings"),
])
def test_format_help_names_every_format_the_registry_has(command: list[str],
                                                         registry: str) -> None:
    # The help text is written out (reading the registry would load every renderer at start-up),
    # so a format added to a registry (rendering/report_formats.py, portfolio_formats.py) must
    # be named in its command's help too.
    from coprod_ladder.rendering import findings, portfolio_formats, report_formats

    names = (findings.finding_formats().names() if registry == "findings"
             else report_formats.SERVICE_REPORTS.names() if registry == "SERVICE_REPORTS"
             else portfolio_formats.PORTFOLIO.names())
    text = _format_help(command)
    missing = [name for name in names if not re.search(rf"\b{re.escape(name)}\b", text)]
    assert not missing, f"coprod {' '.join(command)} --format help does not name {missing}"


def test_no_module_imports_a_private_typer_module() -> None:
    """typer._click, typer._coercion and friends change without notice between versions."""
    import ast

    found = []
    for module in sorted((REPO / "src" / "coprod_ladder").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{module.name}: {n}" for n in names
                      if n.startswith("typer.") and n.split(".")[1].startswith("_")]
    assert found == []


def test_no_help_class_overrides_a_private_typer_or_click_method() -> None:
    """Private methods (`_rich_display_name`...) change without notice between versions, so
    coprod's help classes override only public hooks; that is what lets typer go up to 1.0."""
    from coprod_ladder.cli import help as help_classes

    found = []
    for cls in vars(help_classes).values():
        if not isinstance(cls, type) or cls.__module__ != help_classes.__name__:
            continue
        bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in ("typer", "click")]
        for name, value in vars(cls).items():
            private = name.startswith("_") and not name.startswith("__") and callable(value)
            if private and any(name in vars(b) for b in bases):
                found.append(f"{cls.__name__}.{name}")
    assert found == []
