"""How `--help` looks: readable names for values, and defaults that never break across lines.

Typer shows an argument's Python type beside it (`PATH <list[Path]>`, `{PATH}...` in the usage
line) and lets the wrapper split `[default: coprod-reports]` over two lines. This module owns
the command and group classes every coprod command uses, which show only the metavar a
command gives (PATH, FILE, FOLDER, ID|FILE, FORMAT) and keep each default whole. It relies on
Typer's own help classes, whose output changes between minor versions; pyproject caps typer
below its next minor version, and tests/test_help.py checks every command's help.

It also keeps pydantic out of start-up: Typer 0.29 checks the value of every option through a
pydantic TypeAdapter, built the first time the option is parsed, even for `--help` left out
(None). Importing pydantic costs about 45 ms, most of `coprod rubric list`. Yes/no flags
(`--help`, `--install-completion`, `--strict`...) take their value as it is when it is already
True, False or None; anything else still goes through Typer's own check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import Context, Parameter
from typer._coercion import RuntimeParam, build_runtime_param
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
    """An argument shown by its metavar alone: PATH..., not `PATH <list[Path]>` or {PATH}."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar is not None else super().display_type_rich(ctx)

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._rich_display_name()
        return name if self.required else f"[{name}]"


class _YesNo(RuntimeParam):
    """A yes/no flag's value as it is (True, False or None), or Typer's own check otherwise."""

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if isinstance(value, bool):
            return value
        typer_own = build_runtime_param(param.type_descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)


def _light_flags(params: list[Parameter]) -> list[Parameter]:
    """Give each yes/no flag `_YesNo`, so parsing it needs no pydantic (see the docstring)."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (getattr(param, "_runtime_param", False) is None and descriptor is not None
                and descriptor.annotation is bool):
            param._runtime_param = _YesNo(  # type: ignore[attr-defined]
                parameter_info=descriptor.parameter_info, annotation=bool)
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

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _light_flags(super().get_params(ctx))

    def invoke(self, ctx: Any) -> Any:
        """Run the command inside the one error handler, so no command exits by itself."""
        from coprod_ladder.cli.output import handle_errors

        with handle_errors():
            return super().invoke(ctx)


class ReadableGroup(TyperGroup):
    """A group of commands with the same help layout as ReadableCommand."""

    context_class = _Context

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _light_flags(super().get_params(ctx))


#: Passed to every Typer app and command: -h as well as --help.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
