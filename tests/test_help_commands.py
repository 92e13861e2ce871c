"""`coprod --help` lists every command as the command's own help describes it, and each command's
help, completion and usage errors still work, now that the root builds a command only when it
is named (cli/commands.py), in English and in Welsh.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from coprod_ladder.cli import app
from coprod_ladder.errors import ExitCode

#: The top-level commands, in the order `coprod --help` has always listed them.
COMMANDS = ["score", "demo", "assess", "form", "portfolio", "migrate", "rubric", "voice"]


@cache  # each command's own help is read by several tests: run it once
def _coprod(*args: str, lang: str = "en", columns: str = "120") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COPROD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update({"COPROD_PREVIEW_LANGUAGE": "1", "NO_COLOR": "1", "COLUMNS": columns})
    coprod = str(Path(sys.executable).with_name("coprod"))
    return subprocess.run([coprod, "--lang", lang, *args], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL, check=False)


def _listed(root_help: str) -> list[tuple[str, str]]:
    """The (name, short help) rows of the Commands section (its title is translated)."""
    section = root_help.rstrip("\n").split("\n\n")[-1].splitlines()[1:]
    rows: list[tuple[str, str]] = []
    for line in section:
        found = re.match(r"  (\S+)  +(.*)$", line)
        if found:
            rows.append((found.group(1), found.group(2)))
        else:  # a short help wrapped onto the next line
            name, text = rows[-1]
            rows[-1] = (name, f"{text} {line.strip()}")
    return rows


def _first_sentence(command_help: str) -> str:
    """The first sentence of the description under a command's usage line."""
    paragraph = command_help.split("\n\n")[1].split()
    end = next((i for i, word in enumerate(paragraph) if word.endswith(".")), len(paragraph) - 1)
    return " ".join(paragraph[:end + 1])


@pytest.mark.parametrize("columns", ["50", "80", "120"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_root_help_lists_each_command_by_the_first_sentence_of_its_own_help(
        lang: str, columns: str) -> None:
    root = _coprod("--help", lang=lang, columns=columns)
    assert root.returncode == ExitCode.OK, root.stderr
    rows = _listed(root.stdout)
    assert [name for name, _ in rows] == COMMANDS
    for name, short in rows:
        own = _coprod(name, "--help", lang=lang, columns="120")
        assert own.returncode == ExitCode.OK, own.stderr
        sentence = _first_sentence(own.stdout)
        if short.endswith("..."):  # cut to fit the help's width (80 at most), at a word
            assert sentence.startswith(short.removesuffix("...")), (name, short, sentence)
        else:
            assert short == sentence, name
        assert short.removesuffix("...").strip(), name


def _every_command(command: Any, ctx: Any, path: list[str]) -> list[list[str]]:
    """Each command's path, found through Click's public group API, as a user's shell does."""
    found = [path]
    for name in getattr(command, "list_commands", lambda _ctx: [])(ctx):
        sub = command.get_command(ctx, name)
        found += _every_command(sub, typer.Context(sub, parent=ctx, info_name=name), [*path, name])
    return found


_ROOT = typer.main.get_command(app)
PATHS = _every_command(_ROOT, typer.Context(_ROOT, info_name="coprod"), [])


def test_every_command_and_subcommand_is_found() -> None:
    assert [path for path in PATHS if len(path) == 1] == [[name] for name in COMMANDS]
    assert ["rubric", "translations", "export"] in PATHS and ["voice", "import"] in PATHS
    assert len(PATHS) > 20


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "coprod")
def test_every_command_shows_its_help(path: list[str], lang: str) -> None:
    done = _coprod(*path, "--help", lang=lang)
    assert done.returncode == ExitCode.OK, done.stderr
    usage = done.stdout.splitlines()[0]
    assert usage.split()[1:2 + len(path)] == ["coprod", *path], usage
    assert done.stderr == ""


@pytest.mark.parametrize(("args", "said"), [
    (["scor"], "No such command 'scor'. Did you mean 'score'?"),
    (["rubric", "lst"], "No such command 'lst'. Did you mean 'list'?"),
])
def test_a_mistyped_command_is_a_usage_error_that_names_the_nearest(args: list[str],
                                                                    said: str) -> None:
    done = _coprod(*args)
    assert done.returncode == ExitCode.USAGE
    assert said in done.stderr


def _complete(words: str, shell: str = "bash") -> list[str]:
    result = CliRunner().invoke(app, [], prog_name="coprod", env={
        "_COPROD_COMPLETE": f"complete_{shell}", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1), "_TYPER_COMPLETE_ARGS": words})
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_completion_offers_every_command_and_every_subcommand() -> None:
    assert _complete("coprod ") == COMMANDS
    assert _complete("coprod s") == ["score"]
    assert _complete("coprod rubric ") == ["check", "list", "show", "init", "schema",
                                           "translations"]
    assert _complete("coprod rubric translations ") == ["export", "import"]
    assert _complete("coprod voice ") == ["template", "form", "import", "back"]


def test_zsh_completion_describes_each_command_as_its_own_help_does() -> None:
    offered = " ".join(_complete("coprod ", shell="zsh"))
    for name in COMMANDS:
        built = _ROOT.commands[name]  # type: ignore[attr-defined]
        description = built.get_short_help_str().replace(":", r"\\:")
        assert f'"{name}":"{description}"' in offered, name
