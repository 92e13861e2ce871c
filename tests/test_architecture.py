"""The functional core never touches the terminal, the clock or the environment.

Only `coprod_ladder.cli` (and `__main__`, which starts it) prints, prompts, reads the clock or
the environment, or exits. This file walks the syntax tree of every other module under
src/coprod_ladder/ and fails on:

- an import of typer, click or rich, or of `coprod_ladder.cli` (absolute or relative);
- a call to print, input, sys.exit (or exit, quit, os._exit), or any mention of SystemExit;
- the clock: `.now()`, `.today()`, `.utcnow()` on anything, and time.time, time.monotonic,
  time.perf_counter and their friends (or importing them from `time`);
- the environment: os.environ, os.getenv, os.putenv (or importing them from `os`);
- the standard streams: sys.stdin, sys.stdout, sys.stderr (or importing them from `sys`).

It also enforces the layers (docs/architecture.md): the foundation modules `model`,
`diagnostics`, `errors` and `safe_text` import nothing else of coprod_ladder but each other
(and the gettext calls of `coprod_ladder.language`).
And no module is over about 500 lines unless its docstring says why (a line starting
"Long module:"). Each check is proved by planting the forbidden line in a temporary copy
of the package. A last test imports every core module with typer, click and rich blocked.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "coprod_ladder"
SHELL = {"cli", "__main__.py"}  # top-level names that make up the imperative shell
FOUNDATION = {"model", "diagnostics", "errors", "safe_text"}  # the bottom layer
LONG_MODULE_LINES = 500
LONG_MODULE_REASON = "Long module:"

FORBIDDEN_PACKAGES = {"typer", "click", "rich"}
FORBIDDEN_CALLS = {"print", "input", "exit", "quit", "breakpoint"}
FORBIDDEN_ATTRIBUTE_CALLS = {("sys", "exit"), ("os", "_exit"), ("os", "abort")}
CLOCK_METHODS = {"now", "today", "utcnow"}
CLOCK_FUNCTIONS = {"time", "time_ns", "monotonic", "monotonic_ns", "perf_counter",
                   "perf_counter_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"}
FORBIDDEN_ATTRIBUTES = ({("os", name) for name in ("environ", "environb", "getenv", "putenv")}
                        | {("sys", name) for name in ("stdin", "stdout", "stderr")}
                        | {("time", name) for name in CLOCK_FUNCTIONS})
FORBIDDEN_FROM_IMPORTS = {module: {name for m, name in FORBIDDEN_ATTRIBUTES if m == module}
                          for module in ("os", "sys", "time")}
FORBIDDEN_FROM_IMPORTS["sys"].add("exit")


def core_modules(package: Path = PACKAGE) -> list[Path]:
    """Every module of the functional core: all of the package but the shell."""
    return sorted(p for p in package.rglob("*.py")
                  if p.relative_to(package).parts[0] not in SHELL)


CORE = core_modules()


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    """The absolute names an import statement brings in (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parent = module.split(".")[:-node.level]
        base = ".".join([*parent, base] if base else parent)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def problems_in(source: str, filename: str = "<module>",
                module: str = "coprod_ladder.core") -> list[str]:
    """Return 'line: what' for every impure import, call or name in the source."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in FORBIDDEN_PACKAGES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in FORBIDDEN_PACKAGES:
                found.append(f"{node.lineno}: from {node.module} import ...")
            for alias in node.names:
                if alias.name in FORBIDDEN_FROM_IMPORTS.get(node.module, ()):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{node.lineno}: {func.id}()")
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                  and (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTE_CALLS):
                found.append(f"{node.lineno}: {func.value.id}.{func.attr}()")
            elif isinstance(func, ast.Attribute) and func.attr in CLOCK_METHODS:
                found.append(f"{node.lineno}: the clock ({func.attr}())")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "SystemExit":
            found.append(f"{node.lineno}: SystemExit")
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in _imported_modules(node, module):
                if name == "coprod_ladder.cli" or name.startswith("coprod_ladder.cli."):
                    found.append(f"{node.lineno}: imports {name}")
                    break
    return found


def layer_problems(source: str, module: str) -> list[str]:
    """Return 'line: what' for each import of coprod_ladder above the foundation layer."""
    found: list[str] = []
    # The gettext calls (`language` imports nothing of coprod_ladder at run time, only the
    # standard library and Babel): an error's or a model's message is a translated sentence.
    allowed = {f"coprod_ladder.{name}" for name in FOUNDATION} | {"coprod_ladder.language"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in _imported_modules(node, module):
                if name == "coprod_ladder" and isinstance(node, ast.ImportFrom):
                    continue  # `from coprod_ladder import x` is judged by its x
                if name.split(".")[0] == "coprod_ladder" and ".".join(
                        name.split(".")[:2]) not in allowed:
                    found.append(f"{node.lineno}: imports {name}")
    return found


#: The shell's one error handler, and the root command (whose --version exits).
ERROR_HANDLERS = {"cli/output.py", "cli/__init__.py"}


def shell_problems(source: str) -> list[str]:
    """Return 'line: what' for each exit or error message a command makes itself.

    Commands raise `CoprodError`s; only the handler in cli/output.py prints "error: ..." and
    turns an error into an exit code, so every cause keeps one code in every command.
    """
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "Exit":  # a worker stopped by a signal may still raise SystemExit
                found.append(f"{node.lineno}: raises {name} (raise a CoprodError instead)")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and node.value.startswith(("error:", "internal error:"))):
            found.append(f"{node.lineno}: prints an error message (raise a CoprodError instead)")
    return found


def package_problems(package: Path) -> list[str]:
    """Every purity, layering and size problem in a copy of the package, as 'file:line: what'."""
    found: list[str] = []
    for path in core_modules(package):
        source = path.read_text(encoding="utf-8")
        name = _module_name(path, package)
        where = path.relative_to(package).as_posix()
        found += [f"{where}:{p}" for p in problems_in(source, str(path), name)]
        if path.relative_to(package).with_suffix("").parts[0] in FOUNDATION:
            found += [f"{where}:{p}" for p in layer_problems(source, name)]
    for path in sorted((package / "cli").glob("*.py")):
        where = path.relative_to(package).as_posix()
        if where not in ERROR_HANDLERS:
            found += [f"{where}:{p}" for p in shell_problems(path.read_text(encoding="utf-8"))]
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        docstring = ast.get_docstring(ast.parse(source)) or ""
        if lines > LONG_MODULE_LINES and LONG_MODULE_REASON not in docstring:
            found.append(f"{path.relative_to(package).as_posix()}: {lines} lines and no "
                         f"'{LONG_MODULE_REASON} <why>' in its docstring")
    return found


def test_the_core_has_modules() -> None:
    names = {_module_name(p) for p in CORE}
    assert {"coprod_ladder.yaml_source", "coprod_ladder.loader",
            "coprod_ladder.rubric.checks"} <= names
    assert not any(name.startswith("coprod_ladder.cli") for name in names)


@pytest.mark.parametrize("path", CORE, ids=_module_name)
def test_core_module_never_prints_exits_or_imports_the_terminal(path: Path) -> None:
    assert problems_in(path.read_text(encoding="utf-8"), str(path), _module_name(path)) == []


def test_the_package_is_pure_layered_and_in_small_modules() -> None:
    assert package_problems(PACKAGE) == []


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("src") / "coprod_ladder"
    shutil.copytree(PACKAGE, copy, symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "rubrics", "reports", "examples"))
    return copy


def problems_with_planted(package: Path, module: str, line: str) -> list[str]:
    """The package's problems with `line` added to the end of `module` (then taken out)."""
    path = package / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(f"{original}\n{line}\n", encoding="utf-8")
        return package_problems(package)
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("scoring/engine.py", "import datetime as dt\nTODAY = dt.date.today()", "the clock"),
        ("scoring/engine.py", "from datetime import datetime\nNOW = datetime.now()",
         "the clock"),
        ("loader.py", "import time\nSTARTED = time.time()", "time.time"),
        ("loader.py", "from time import perf_counter", "from time import perf_counter"),
        ("scoring/engine.py", "import os\nHOME = os.environ.get('HOME')", "os.environ"),
        ("rendering/service_report.py", "import os\nHOME = os.getenv('HOME')", "os.getenv"),
        ("rendering/report_formats.py", "from os import environ", "from os import environ"),
        ("scoring/engine.py", "import sys\nsys.stdout.write('x')", "sys.stdout"),
        ("collect.py", "import sys\nsys.stderr.write('x')", "sys.stderr"),
        ("batch.py", "from sys import stderr", "from sys import stderr"),
        ("batch.py", "def f():\n    print('x')", "print()"),
        ("scoring/engine.py", "raise SystemExit(3)", "SystemExit"),
        ("batch.py", "import sys\nsys.exit(3)", "sys.exit()"),
        ("scoring/engine.py", "import coprod_ladder.cli", "imports coprod_ladder.cli"),
        ("loader.py", "def f():\n    from coprod_ladder.cli.output import fail",
         "imports coprod_ladder.cli"),
        ("loader.py", "from coprod_ladder import cli", "imports coprod_ladder.cli"),
        ("scoring/engine.py", "from ..cli import score", "imports coprod_ladder.cli"),
        ("model.py", "from coprod_ladder.scoring import score", "imports coprod_ladder.scoring"),
        ("errors.py", "from coprod_ladder import loader", "imports coprod_ladder.loader"),
        ("diagnostics.py", "from .yaml_source import position",
         "imports coprod_ladder.yaml_source"),
        ("diagnostics.py", "\n" * (LONG_MODULE_LINES + 1), "no 'Long module: <why>'"),
        ("cli/score.py", "import typer\ndef f():\n    raise typer.Exit(3)", "raises Exit"),
        ("cli/rubric.py", "def f(console):\n    console.print(f'error: {1}')",
         "prints an error message"),
    ],
    ids=["date-today", "datetime-now", "time-time", "from-time", "os-environ", "os-getenv",
         "from-os", "stdout", "stderr", "from-sys", "print", "system-exit", "sys-exit",
         "import-cli", "import-cli-in-function", "from-package-import-cli", "relative-cli",
         "model-imports-scoring", "errors-imports-loader", "diagnostics-imports-relative",
         "long-module", "command-exits", "command-prints-error"],
)
def test_a_planted_line_fails_the_check(package_copy: Path, module: str, line: str,
                                        expected: str) -> None:
    problems = problems_with_planted(package_copy, module, line)
    assert problems, f"planting {line!r} in {module} went unnoticed"
    assert all(p.startswith(f"{module}:") for p in problems), problems
    assert any(expected in p for p in problems), problems


def test_the_shell_may_do_what_the_core_may_not(package_copy: Path) -> None:
    assert problems_with_planted(package_copy, "cli/output.py",
                                 "import os\nHOME = os.environ.get('HOME')") == []


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


ARCHITECTURE_DOC = PACKAGE.parents[1] / "docs" / "architecture.md"


def undocumented_modules(package: Path, doc: str) -> list[str]:
    """Modules docs/architecture.md does not name, and names it gives that are no module.

    A module counts as named by its file name in backticks (`batch.py`), or with its folder
    (`rendering/views.py`); a package by its folder (`scoring/`).
    """
    named = set(re.findall(r"`([\w/]+\.py)`", doc)) | set(re.findall(r"`(\w+/)`", doc))
    found: list[str] = []
    files = [p for p in package.rglob("*.py")
             if p.name not in {"__init__.py", "__main__.py"} and "__pycache__" not in p.parts]
    for path in files:
        rel = path.relative_to(package).as_posix()
        if path.name not in named and rel not in named:
            found.append(f"{rel} is not in docs/architecture.md")
    known = {p.relative_to(package).as_posix() for p in files} | {p.name for p in files}
    known |= {f"{p.relative_to(package).as_posix()}/" for p in package.rglob("*") if p.is_dir()}
    outside = {"__main__.py", "__init__.py"}
    for name in sorted(named - known - outside):
        if not (PACKAGE.parents[1] / name).exists():  # tests/..., benchmarks/... are fine
            found.append(f"docs/architecture.md names {name}, which does not exist")
    return found


def test_the_architecture_page_names_every_module() -> None:
    assert undocumented_modules(PACKAGE, ARCHITECTURE_DOC.read_text(encoding="utf-8")) == []


def test_a_new_module_or_a_stale_name_fails_the_page_check(package_copy: Path) -> None:
    doc = ARCHITECTURE_DOC.read_text(encoding="utf-8")
    (package_copy / "rendering" / "new_format.py").write_text('"""x"""\n', encoding="utf-8")
    try:
        assert undocumented_modules(package_copy, doc) == [
            "rendering/new_format.py is not in docs/architecture.md"]
    finally:
        (package_copy / "rendering" / "new_format.py").unlink()
    assert undocumented_modules(package_copy, doc + "\n`report.py`\n") == [
        "docs/architecture.md names report.py, which does not exist"]


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import that runs: at the top, in functions, anywhere but `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
                and node.test.id == "TYPE_CHECKING"):
            stack.extend(node.orelse)  # only what runs
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """Which coprod modules each module imports when it runs (type-only imports left out)."""
    modules = {_module_name(p, package): p for p in package.rglob("*.py")
               if "__pycache__" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # A package's relative imports resolve from the package itself, not its parent.
        anchor = f"{name}.__init__" if path.name == "__init__.py" else name
        targets: set[str] = set()
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            imported = _imported_modules(node, anchor)
            if isinstance(node, ast.ImportFrom):  # `from a import b`: module a.b, or a itself
                base, *names = imported
                targets |= {n if n in modules else base for n in names}
            else:
                targets |= set(imported)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def import_circles(package: Path) -> list[str]:
    """Every circle of imports between coprod modules, as 'a -> b -> a'.

    A module that imports, even inside a function, one that imports it back makes the
    dependency graph lie about the layers: such as `cli/portfolio.py` and the score pool
    importing each other's private parts before `cli/pool.py` held the one worker pool.
    """
    graph = import_graph(package)
    circles: list[str] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circle = trail[trail.index(name):]
            circles.append(" -> ".join([*circle, name]))
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return circles


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert import_circles(PACKAGE) == []


@pytest.mark.parametrize(("module", "line", "circle"), [
    ("cli/score_pool.py", "def f():\n    from coprod_ladder.cli.score import STDOUT",
     "coprod_ladder.cli.score -> coprod_ladder.cli.score_pool -> coprod_ladder.cli.score"),
    ("cli/pool.py", "from coprod_ladder.cli import portfolio",
     "coprod_ladder.cli.pool"),
    ("rubric/history.py", "from coprod_ladder.rubric.checks import Findings",
     "coprod_ladder.rubric.checks -> coprod_ladder.rubric.history"),
], ids=["in-a-function", "package-import", "top-level"])
def test_a_planted_circle_fails_the_check(package_copy: Path, module: str, line: str,
                                          circle: str) -> None:
    path = package_copy / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(f"{original}\n{line}\n", encoding="utf-8")
        circles = import_circles(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert any(circle in c for c in circles), circles


def test_an_import_only_for_type_checking_is_no_circle(package_copy: Path) -> None:
    path = package_copy / "cli" / "pool.py"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(f"{original}\nif TYPE_CHECKING:\n    from coprod_ladder.cli import "
                        "portfolio\n", encoding="utf-8")
        assert import_circles(package_copy) == []
    finally:
        path.write_text(original, encoding="utf-8")
