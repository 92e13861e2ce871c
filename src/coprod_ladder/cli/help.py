"""How `--help` looks: readable names for values, and defaults that never break across lines.

Typer shows an argument's Python type beside it (`PATH <list[Path]>`, `{PATH}...` in the usage
line) and lets the wrapper split `[default: coprod-reports]` over two lines. This module owns
the command and group classes every coprod command uses, which show only the metavar a
command gives (PATH, FILE, FOLDER, ID|FILE, FORMAT) and keep each default whole. It builds on
Typer's help classes through public hooks only (Click's `get_usage_pieces`,
`get_help_record`, the formatter's `write_dl`), so pyproject allows any typer below 1.0;
tests/test_help.py checks every command's help against golden text on the typer installed.

It also keeps pydantic out of start-up: Typer 0.29 checks the value of every option through a
pydantic TypeAdapter, built the first time the option is parsed, unless it is a yes/no flag
whose value is already True or False; a flag left out (`--help`, `--install-completion`) is
None by default, which would load pydantic (about 45 ms, most of `coprod rubric list`). Each
such flag defaults to False instead. Only public attributes are used for that (`is_flag`,
`default`); nothing here imports a private typer module or overrides a private method.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

# Text the help wrapper must not break: a default in brackets, and any word with a hyphen
# (coprod-reports, <service-id>). While the text is wrapped their spaces become no-break spaces
# and hyphens no-break hyphens, which the wrapper never splits at; then they turn back.
_DEFAULT = re.compile(r"\[default: [^\]]*\]")
_KEEP_SPACES = str.maketrans({" ": "\u00a0"})
_KEEP_HYPHENS = str.maketrans({"-": "\u2011"})
_RESTORE = str.maketrans({"\u00a0": " ", "\u2011": "-"})

_BaseFormatter: Any = typer.Context.formatter_class


class _Formatter(_BaseFormatter):  # type: ignore[misc]
    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        start = len(self.buffer)
        kept = [(first, _DEFAULT.sub(lambda m: m.group(0).translate(_KEEP_SPACES),
                                     second).translate(_KEEP_HYPHENS))
                for first, second in rows]
        super().write_dl(kept, col_max=col_max, col_spacing=col_spacing)
        self.buffer[start:] = [piece.translate(_RESTORE) for piece in self.buffer[start:]]


class _Context(typer.Context):
    formatter_class = _Formatter


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: PATH..., not `PATH <list[Path]>` or {PATH}.

    Only Click's public hooks are overridden (`get_usage_pieces`, `get_help_record`), with
    Click's public attributes (`metavar`, `name`, `nargs`, `required`).
    """

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar is not None else super().display_type_rich(ctx)

    def _shown_name(self) -> str:
        return (self.metavar or (self.name or "").upper()) + ("..." if self.nargs != 1 else "")

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self._shown_name()
        return [name if self.required else f"[{name}]"]

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        shown = self._shown_name()
        kind = self.display_type_rich(ctx)
        return (f"{shown} {kind}" if kind else shown), record[1]


def _light_flags(params: list[Any]) -> list[Any]:
    """Give each yes/no flag left out a default of False rather than None (see the docstring).

    Typer takes a flag's value as it is when it is True or False, and checks anything else
    (None) through pydantic; only public attributes (`is_flag`, `default`) are touched.
    """
    for param in params:
        if getattr(param, "is_flag", False) and param.default is None:
            param.default = False
    return params


class ReadableCommand(TyperCommand):
    """A coprod command: its errors become exit codes in one place; readable help.

    Help shows metavars, not Python types, and keeps defaults whole.
    """

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument

    def get_params(self, ctx: Any) -> list[Any]:
        return _light_flags(super().get_params(ctx))

    def invoke(self, ctx: Any) -> Any:
        """Run the command inside the one error handler, so no command exits by itself."""
        from coprod_ladder.cli.output import handle_errors

        with handle_errors():
            return super().invoke(ctx)


class ReadableGroup(TyperGroup):
    """A group of commands with the same help layout as ReadableCommand."""

    context_class = _Context

    def get_params(self, ctx: Any) -> list[Any]:
        return _light_flags(super().get_params(ctx))


#: Passed to every Typer app and command: -h as well as --help.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
