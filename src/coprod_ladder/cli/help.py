"""How `--help` looks: readable names for values, and defaults that never break across lines.

Typer shows an argument's Python type beside it (`PATH <list[Path]>`, `{PATH}...` in the usage
line) and lets the wrapper split `[default: coprod-reports]` over two lines. This module owns
the command and group classes every coprod command uses, which show only the metavar a
command gives (PATH, FILE, FOLDER, ID|FILE, FORMAT) and keep each default whole. It builds on
Typer's help classes through public hooks only (Click's `get_usage_pieces`,
`get_help_record`, `parse_args`, `invoke`, `main`, the formatter's `write_dl` and
`write_usage`), so pyproject allows any typer below 1.0; tests/test_help.py checks every
command's help against golden text on the typer installed.

In a language other than English (issue 26) help and usage errors are translated here too:
help texts are marked N_() where they are written (Typer reads them at import, before the
language is chosen), and the root group, once the command line starts, replaces each
command's and each option's help by its translation before anything is shown; Typer's and
Click's own words go through `cli.library_messages`. English takes none of these steps.

It also keeps pydantic out of start-up: Typer 0.29 checks the value of every option through a
pydantic TypeAdapter, built the first time the option is parsed, unless it is a yes/no flag
whose value is already True or False; a flag left out (`--help`, `--install-completion`) is
None by default, which would load pydantic (about 45 ms, most of `coprod rubric list`). Each
such flag defaults to False instead. Only public attributes are used for that (`is_flag`,
`default`); nothing here imports a private typer module or overrides a private method.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from coprod_ladder.language import SOURCE_LANGUAGE, _, current

# Text the help wrapper must not break: a default in brackets, and any word with a hyphen
# (coprod-reports, <service-id>). While the text is wrapped their spaces become no-break spaces
# and hyphens no-break hyphens, which the wrapper never splits at; then they turn back.
_DEFAULT = re.compile(r"\[default: [^\]]*\]")
_KEEP_SPACES = str.maketrans({" ": "\u00a0"})
_KEEP_HYPHENS = str.maketrans({"-": "\u2011"})
_RESTORE = str.maketrans({"\u00a0": " ", "\u2011": "-"})

_BaseFormatter: Any = typer.Context.formatter_class


@cache
def _default_tag(lang: str) -> re.Pattern[str]:
    """The `[default: ...]` tag in `lang` (Typer's "default: {default}", translated)."""
    if lang == SOURCE_LANGUAGE:
        return _DEFAULT
    from coprod_ladder.cli.library_messages import TYPER

    label = _(TYPER[3]).split("{default}")[0]
    return re.compile(rf"\[{re.escape(label)}[^\]]*\]")


class _Formatter(_BaseFormatter):  # type: ignore[misc]
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and current() != SOURCE_LANGUAGE:
            from coprod_ladder.cli.library_messages import USAGE

            prefix = f"{_(USAGE)} "
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        start = len(self.buffer)
        tag = _default_tag(current())
        kept = [(first, tag.sub(lambda m: m.group(0).translate(_KEEP_SPACES),
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


def _translated_help(params: list[Any]) -> list[Any]:
    """Each option's and argument's help in the language spoken (see the module docstring).

    Done on every `get_params`, as Click makes the help option itself only when it is first
    asked for; a translation is never a message id, so translating twice changes nothing.
    """
    if current() != SOURCE_LANGUAGE:
        for param in params:
            if getattr(param, "help", None):
                param.help = _(param.help)
    return params


def translate_commands(command: Any) -> None:
    """Put every command's help, short help and epilog below `command` in the language spoken.

    Of the root's commands, only those built so far: the root builds the others when they are
    named, and puts each in the language spoken then (cli/commands.py).
    """
    for name in ("help", "short_help", "epilog"):
        text = getattr(command, name, None)
        if text:
            setattr(command, name, _(text))
    commands = getattr(command, "commands", {})
    for sub in getattr(commands, "built", commands).values():
        translate_commands(sub)


def _translated_show(error: Any) -> Callable[..., None]:
    """What a usage error prints (Click's `UsageError.show`), in the language spoken."""
    from coprod_ladder.cli.library_messages import ERROR, TRY_HELP, translated

    def show(file: Any = None) -> None:
        ctx = getattr(error, "ctx", None)
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = _(TRY_HELP).format(command=ctx.command_path,
                                          option=ctx.help_option_names[0]) + "\n"
            typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None,
                       color=ctx.color)
        typer.echo(_(ERROR).format(message=translated(error.format_message())), file=file,
                   err=file is None, color=ctx.color if ctx is not None else None)

    return show


@contextmanager
def _errors_translated() -> Iterator[None]:
    """Let Click's usage errors raised inside speak the language spoken when Typer shows them.

    The error stays what it is (its class, its exit code); only what it prints changes.
    """
    try:
        yield
    except typer.TyperException as error:
        shows_help = type(error).__name__ == "NoArgsIsHelpError"  # it prints the help itself
        if (current() != SOURCE_LANGUAGE and hasattr(error, "format_message")
                and not shows_help and "show" not in vars(error)):
            error.show = _translated_show(error)  # type: ignore[attr-defined]
        raise


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
        return _translated_help(_light_flags(super().get_params(ctx)))

    def invoke(self, ctx: Any) -> Any:
        """Run the command inside the one error handler, so no command exits by itself."""
        from coprod_ladder.cli.output import handle_errors

        with handle_errors():
            return super().invoke(ctx)


class ReadableGroup(TyperGroup):
    """A group of commands with the same help layout as ReadableCommand.

    As the root (`coprod`), it also puts help and usage errors in the language spoken.
    """

    context_class = _Context

    def get_params(self, ctx: Any) -> list[Any]:
        return _translated_help(_light_flags(super().get_params(ctx)))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if current() != SOURCE_LANGUAGE:
            from coprod_ladder.cli.library_messages import speak_in_typer

            speak_in_typer()
            translate_commands(self)
        return super().main(*args, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _errors_translated():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        with _errors_translated():
            return super().invoke(ctx)


#: Passed to every Typer app and command: -h as well as --help.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
