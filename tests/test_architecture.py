"""The functional core never touches the terminal: only `coprod_ladder.cli` prints or exits.

Walks the syntax tree of every module under src/coprod_ladder/ except cli/ and fails on an
import of typer, click or rich, or a call to print, input, sys.exit (or exit, quit, os._exit).
A second test imports every core module with those packages blocked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "coprod_ladder"
CORE = sorted(p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts[:1])

FORBIDDEN_PACKAGES = {"typer", "click", "rich"}
FORBIDDEN_CALLS = {"print", "input", "exit", "quit", "breakpoint"}
FORBIDDEN_ATTRIBUTE_CALLS = {("sys", "exit"), ("os", "_exit"), ("os", "abort")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def problems_in(source: str, filename: str = "<module>") -> list[str]:
    """Return 'line: what' for every terminal-touching import or call in the source."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in FORBIDDEN_PACKAGES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in FORBIDDEN_PACKAGES:
                found.append(f"{node.lineno}: from {node.module} import ...")
            if node.module == "sys" and any(a.name == "exit" for a in node.names):
                found.append(f"{node.lineno}: from sys import exit")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{node.lineno}: {func.id}()")
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                  and (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTE_CALLS):
                found.append(f"{node.lineno}: {func.value.id}.{func.attr}()")
    return found


def test_the_core_has_modules() -> None:
    names = {_module_name(p) for p in CORE}
    assert {"coprod_ladder.yaml_source", "coprod_ladder.loader",
            "coprod_ladder.rubric_checks"} <= names
    assert not any(name.startswith("coprod_ladder.cli") for name in names)


@pytest.mark.parametrize("path", CORE, ids=_module_name)
def test_core_module_never_prints_exits_or_imports_the_terminal(path: Path) -> None:
    assert problems_in(path.read_text(encoding="utf-8"), str(path)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import rich.console", ["1: import rich.console"]),
        ("from typer import Exit", ["1: from typer import ..."]),
        ("import click as c", ["1: import click"]),
        ("def f():\n    print('x')", ["2: print()"]),
        ("import sys\nsys.exit(1)", ["2: sys.exit()"]),
        ("from sys import exit", ["1: from sys import exit"]),
        ("answer = input()", ["1: input()"]),
        ("import richer\nfrom .rich import x\nlogger.print('x')", []),
    ],
    ids=["rich", "typer", "click", "print", "sys-exit", "from-sys", "input", "look-alikes"],
)
def test_the_checker_itself(source: str, expected: list[str]) -> None:
    assert problems_in(source) == expected


def test_core_imports_without_typer_click_or_rich() -> None:
    modules = [_module_name(p) for p in CORE]
    script = textwrap.dedent(f"""
        import importlib, sys
        for blocked in {sorted(FORBIDDEN_PACKAGES)!r}:
            sys.modules[blocked] = None  # any import of it now raises ImportError
        for name in {modules!r}:
            if name != "coprod_ladder.__main__":
                importlib.import_module(name)
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
