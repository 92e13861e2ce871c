"""Option values: read in our own words, completed for the shell, defaulted from a config file.

Typer checks a typed option's value with pydantic and, for a date, with strptime, so a
mistake used to read "Value error, ..." or "does not match the formats '%Y-%m-%d'". The
options here are read by these parsers instead (Typer's public `parser=`), which say what
was wrong and what to write; the completers (`autocompletion=`) offer each choice, and the
shipped rubric names beside YAML files for --rubric; `apply_settings` starts a command from
the nearest `.coprod.yaml` or `[tool.coprod]` (see `coprod_ladder.config`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from coprod_ladder.cli.output import (
    check_date_range,
    note,
    print_diagnostics_to_stderr,
    stderr_console,
)
from coprod_ladder.language import N_, _, pgettext

if TYPE_CHECKING:
    from coprod_ladder.config import Settings

E = TypeVar("E", bound=StrEnum)
Completer = Callable[[str], list[str]]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def whole_number(minimum: int) -> Callable[[object], int]:
    """Read a whole number of at least `minimum` (--jobs, --min-group)."""

    def parse(value: object) -> int:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not re.fullmatch(r"[+-]?\d+", text):
                raise typer.BadParameter(_("'{value}' is not a whole number; give one like "
                                           "{example}").format(value=value,
                                                               example=max(minimum, 1) + 1))
            number = int(text)
        if number < minimum:
            raise typer.BadParameter(_("{number} is too small; give {minimum} or more").format(
                number=number, minimum=minimum))
        return number

    return parse


def date_value(option: str) -> Callable[[object], dt.date | None]:
    """Read a date written YYYY-MM-DD, between the years coprod can use (--as-of)."""

    def parse(value: object) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return check_date_range(value, option)
        text = str(value).strip()
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise typer.BadParameter(_("'{value}' is not a date; write it as year-month-day, "
                                       "like 2026-03-31").format(value=value)) from None
        return check_date_range(day, option)

    return parse


def one_of(choices: type[E], what: str) -> Callable[[object], E]:
    """Read one of an enum's values, in any letter case (rubric check --format)."""

    def parse(value: object) -> E:
        if isinstance(value, choices):
            return value
        try:
            return choices(str(value).strip().lower())
        except ValueError:
            names = [c.value for c in choices]
            raise typer.BadParameter(_("'{value}' is not {what}; use {choices} or {last}").format(
                value=value, what=pgettext("is not", what), choices=", ".join(names[:-1]),
                last=names[-1])) from None

    return parse


def complete(choices: Sequence[str]) -> Completer:
    """Offer each choice; after a comma (--format html,md) offer the rest."""

    def offer(incomplete: str) -> list[str]:
        done, _comma, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        taken = set(done.split(",")) if done else set()
        return [prefix + c for c in choices if c.startswith(last) and c not in taken]

    return offer


def _yaml_files(incomplete: str) -> list[str]:
    folder = Path(incomplete).parent if incomplete and not incomplete.endswith("/") else Path(
        incomplete or ".")
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    shown = "" if str(folder) == "." and not incomplete.startswith("./") else f"{folder}/"
    out = []
    for entry in entries:
        name = shown + entry.name
        if not name.startswith(incomplete) or entry.name.startswith("."):
            continue
        if entry.is_dir():
            out.append(name + "/")
        elif entry.suffix.lower() in (".yaml", ".yml"):
            out.append(name)
    return out


def _shipped(incomplete: str, extra: Sequence[str] = ()) -> list[str]:
    from coprod_ladder.resources import builtin_rubric_names

    try:
        names = [*builtin_rubric_names(), *extra]
    except OSError:  # an installation without rubrics/
        names = list(extra)
    return [n for n in names if n.startswith(incomplete)]


def complete_rubric(incomplete: str) -> list[str]:
    """Offer the shipped rubrics' names, then rubric files and folders (--rubric ID|FILE)."""
    return _shipped(incomplete) + _yaml_files(incomplete)


def rubric_option() -> Any:
    """--rubric for the commands that ask the questions (assess, form); Any, as typer.Option
    is, so it stands as the parameter's default."""
    return typer.Option(
        None, "--rubric", "-r", metavar="ID|FILE", show_default=False,
        autocompletion=complete_rubric,
        help=N_("A shipped rubric name or a rubric file. Default: 'default', or the rubric the "
             "answers file names."))


def quick_option() -> Any:
    """--quick for the commands that ask the questions (assess, form)."""
    return typer.Option(
        False, "--quick",
        help=N_("Ask only the questions that decide the current and the next rung."))


def bilingual_option() -> Any:
    """--bilingual for the commands that write forms and pages for people (form, voice)."""
    return typer.Option(
        False, "--bilingual",
        help=N_("Welsh and English side by side, Welsh first (as several Welsh councils "
                "require), whatever language coprod speaks."))


def complete_source(incomplete: str) -> list[str]:
    """Offer what `rubric init --from` copies: the shipped rubrics and the starter."""
    from coprod_ladder.resources import STARTER_RUBRIC

    return _shipped(incomplete, [STARTER_RUBRIC])


#: The commands a settings file can set options of: `config.COMMAND_KEYS`, named here so that
#: other commands never import the config module (tests/test_config.py compares the two).
SETTINGS_COMMANDS = ("score", "portfolio", "assess", "migrate")


def find_settings(start: Path) -> Settings | None:
    """Return the settings of the nearest config file at or above `start`, or None.

    In each folder from `start` upwards, `.coprod.yaml` is used if it is there, else the
    `[tool.coprod]` table of `pyproject.toml` if it has one; the first found is the only one
    read. A file with problems stops the command (exit 2) with each problem's line.
    """
    from coprod_ladder.config import (
        PYPROJECT,
        YAML_NAME,
        parse_pyproject_settings,
        parse_yaml_settings,
    )
    from coprod_ladder.errors import AlreadyReported, ExitCode
    from coprod_ladder.file_bytes import read_file_bytes

    for folder in (start, *start.parents):
        for name in (YAML_NAME, PYPROJECT):
            path = folder / name
            if not path.is_file():
                continue
            raw, problems = read_file_bytes(path, str(path))
            found = (None, problems) if raw is None else (
                parse_yaml_settings(raw, str(path), folder) if name == YAML_NAME
                else parse_pyproject_settings(raw, str(path), folder))
            if found is None:  # a pyproject.toml without [tool.coprod]
                continue
            settings, problems = found
            if settings is None:
                print_diagnostics_to_stderr(problems)
                stderr_console().print(_("coprod's settings in {path} have problems; fix "
                                         "them, or give the options on the command line").format(
                                             path=path),
                                       markup=False, highlight=False, soft_wrap=True)
                raise AlreadyReported(ExitCode.USAGE)
            return settings
    return None


def from_settings(ctx: typer.Context, name: str) -> bool:
    """Return True when parameter `name` has its value from the config file, not the command
    line (so an option given there can set it aside, as --out - does a file's formats)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "DEFAULT_MAP"


def apply_settings(ctx: typer.Context) -> None:
    """Start the command about to run from the config file's settings (see `find_settings`);
    options on the command line still win, as Typer's default_map does."""
    command = ctx.invoked_subcommand
    if command not in SETTINGS_COMMANDS:  # `rubric list` and the rest start without it
        return
    from coprod_ladder.cli.output import handle_errors

    with handle_errors():
        settings = find_settings(Path.cwd())
    if settings is not None:
        note(_("settings: {path}").format(path=settings.path))
    if settings is not None and settings.for_command(command):
        ctx.default_map = {**(ctx.default_map or {}), command: settings.for_command(command)}
