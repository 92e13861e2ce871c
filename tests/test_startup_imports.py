"""What a quick command loads: `rubric list` with its cache, `--help` and `--version` need no
pydantic (importing it is most of their start-up). Yes/no flags such as --strict are tested
with their commands."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Runs coprod in a fresh interpreter with the given arguments, then prints whether pydantic was
# ever imported. The exit code is coprod's.
_PROBE = textwrap.dedent("""
    import atexit, sys
    atexit.register(lambda: print("pydantic loaded:", "pydantic" in sys.modules,
                                  file=sys.stderr))
    sys.argv = ["coprod", *sys.argv[1:]]
    from coprod_ladder.cli import main
    main()
""")


def _coprod(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, timeout=60, env=env, stdin=subprocess.DEVNULL, check=False)


def test_rubric_list_from_its_cache_does_not_load_pydantic(tmp_path: Path) -> None:
    first = _coprod("rubric", "list", cache=tmp_path)  # checks the rubrics and fills the cache
    assert first.returncode == 0, first.stderr
    again = _coprod("rubric", "list", cache=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert "default" in again.stdout
    assert "pydantic loaded: False" in again.stderr


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rubric", "--help"],
                                  ["score", "--help"], ["rubric", "list", "--help"]])
def test_help_and_version_do_not_load_pydantic(tmp_path: Path, args: list[str]) -> None:
    done = _coprod(*args, cache=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout
    assert "pydantic loaded: False" in done.stderr



_LOADED_PROBE = textwrap.dedent("""
    import atexit, sys
    WATCHED = sys.argv.pop(1).split(",")
    atexit.register(lambda: print("loaded:", sorted(m for m in WATCHED if m in sys.modules),
                                  file=sys.stderr))
    sys.argv = ["coprod", *sys.argv[1:]]
    from coprod_ladder.cli import main
    main()
""")

#: What only the portfolio renders with: `score` must not load any of it.
PORTFOLIO_ONLY = ("coprod_ladder.rendering.portfolio_formats", "coprod_ladder.rendering.csv_table",
                  "coprod_ladder.rendering.json_stream", "coprod_ladder.rendering.portfolio_view",
                  "coprod_ladder.portfolio")


def test_score_loads_only_the_renderers_it_writes_with(tmp_path: Path) -> None:
    data = Path(__file__).parent / "data"
    args = ["score", str(data / "answers" / "mini-service.yaml"), "-r",
            str(data / "rubrics" / "mini.yaml"), "-o", str(tmp_path / "out"), "-j", "1"]
    done = subprocess.run([sys.executable, "-c", _LOADED_PROBE, ",".join(PORTFOLIO_ONLY), *args],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)}, check=False)
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stderr
    # The probe itself sees them when they are loaded: the portfolio loads every one.
    done = subprocess.run([sys.executable, "-c", _LOADED_PROBE, ",".join(PORTFOLIO_ONLY),
                           "portfolio", str(data / "answers" / "mini-service.yaml"), "-r",
                           str(data / "rubrics" / "mini.yaml"), "-o", str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)}, check=False)
    assert f"loaded: {sorted(PORTFOLIO_ONLY)}" in done.stderr, done.stderr


#: The modules that define coprod's commands: the root imports one only when it is named.
COMMAND_MODULES = tuple(f"coprod_ladder.cli.{name}" for name in (
    "score", "assess", "form", "portfolio", "migrate", "rubric", "voice"))


@pytest.mark.parametrize(("args", "loaded"), [
    (["--help"], []), (["--version"], []), ([], []),
    (["rubric", "--help"], ["coprod_ladder.cli.rubric"]),
    (["rubric", "list", "--help"], ["coprod_ladder.cli.rubric"]),
    (["score", "--help"], ["coprod_ladder.cli.score"]),
    (["--lang", "cy", "voice", "--help"], ["coprod_ladder.cli.voice"]),
])
def test_a_command_module_is_loaded_only_when_its_command_is_named(
        tmp_path: Path, args: list[str], loaded: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", _LOADED_PROBE, ",".join(COMMAND_MODULES), *args],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path),
                               "COPROD_PREVIEW_LANGUAGE": "1"}, check=False)
    assert done.returncode == (2 if not args else 0), done.stderr
    assert f"loaded: {loaded}" in done.stderr, done.stderr
