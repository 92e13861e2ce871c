"""coprod's top-level commands, named before they are loaded: each is built when it is used.

Owns the table of top-level commands (the module under `coprod_ladder.cli` that defines each
one, and its help) and the root group class, which has Typer build a command, and imports its
module, only when the command line names it: `coprod score ...`, `coprod rubric --help`, or
the completion of that command's options. Building every command's parameters and importing
every command module was most of what `coprod --help` and `--version` took beyond
`import typer` (issue 25); now they do neither. The list `coprod --help` shows is made from
stand-ins that carry the same help text the commands are built with (cli/command_help.py),
so it reads exactly as the commands' own.

Must not import a command module at import time. Only public Typer and Click hooks are used:
`typer.main.get_group`, a group's `commands`, `get_command`, `list_commands`,
`format_commands` and `shell_complete`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand

from coprod_ladder.cli import command_help
from coprod_ladder.cli.help import ReadableCommand, ReadableGroup, translate_commands
from coprod_ladder.language import SOURCE_LANGUAGE, current


class Entry(NamedTuple):
    """Where a top-level command is defined, and its help."""

    module: str  #: under coprod_ladder.cli
    attribute: str  #: the command's function there, or the group's Typer app
    help: str


#: Every top-level command, in the order `coprod --help` lists them.
COMMANDS: dict[str, Entry] = {
    "score": Entry("score", "score", command_help.SCORE_HELP),
    "demo": Entry("score", "demo", command_help.DEMO_HELP),
    "assess": Entry("assess", "assess", command_help.ASSESS_HELP),
    "form": Entry("form", "form", command_help.FORM_HELP),
    "portfolio": Entry("portfolio", "portfolio", command_help.PORTFOLIO_HELP),
    "migrate": Entry("migrate", "migrate", command_help.MIGRATE_HELP),
    "rubric": Entry("rubric", "app", command_help.RUBRIC_HELP),
    "voice": Entry("voice", "app", command_help.VOICE_GROUP_HELP),
}


def build(name: str) -> Any:
    """Import the module of command `name` and have Typer build the command, as the root would.

    The command is registered on a Typer app of its own with the root's settings (plain help,
    no Rich) and built by the same `typer.main.get_group` that builds the root, so it is the
    very command a tree built all at once holds.
    """
    entry = COMMANDS[name]
    target = getattr(importlib.import_module(f"coprod_ladder.cli.{entry.module}"),
                     entry.attribute)
    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name, cls=ReadableCommand, help=entry.help)(target)
    return typer.main.get_group(holder).commands[name]


def stand_in(name: str) -> Any:
    """A command with the help of command `name` and nothing else, to list it by."""
    command = TyperCommand(name=name, help=inspect.cleandoc(COMMANDS[name].help))
    if current() != SOURCE_LANGUAGE:
        translate_commands(command)
    return command


class LazyCommands(MutableMapping[str, Any]):
    """The root's commands by name: every name is there from the start, each command is
    built the first time it is looked up (and put in the language spoken)."""

    def __init__(self, given: MutableMapping[str, Any]) -> None:
        #: The commands built so far: translating the root walks only these (cli/help.py).
        self.built: dict[str, Any] = dict(given)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            command = build(name)
            if current() != SOURCE_LANGUAGE:
                translate_commands(command)
            self.built[name] = command
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("coprod's commands are fixed")

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self.built

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self.built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self.built)


class RootGroup(ReadableGroup):
    """The `coprod` group: its commands are built when they are named (see the docstring).

    Where only each command's name and short help are needed (the list in `coprod --help`,
    the completion of a command's name), a command not built yet is shown by its stand-in.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: LazyCommands = LazyCommands(self.commands)
        self._stand_ins = False

    @contextmanager
    def _listing(self) -> Iterator[None]:
        self._stand_ins = True
        try:
            yield
        finally:
            self._stand_ins = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: Typer's own reads every command

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self._stand_ins and cmd_name in COMMANDS and cmd_name not in self.commands.built:
            return stand_in(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with self._listing():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        with self._listing():
            return super().shell_complete(ctx, incomplete)
