"""Typer's own messages, and those of the Click it carries, in coprod's language.

Typer's `typer.core` calls `gettext.gettext`, bound when it is imported (`from gettext import
gettext as _`), for its section headings and help tags; `speak_in_typer` points that `_` at
coprod's own (`coprod_ladder.language`) when coprod speaks other than English, and its message
ids are listed in TYPER below, copied from typer/core.py, so they are extracted and translated.

The Click that Typer 0.29 carries (typer._click) has no gettext at all: its usage errors are
built with f-strings. Their English is listed in CLICK as whole sentences with named fields,
word for word what Click prints; `translated` recognises a message by its template and gives
the translation with the same fields. `typer.rich_utils` is not listed: coprod's help and
errors never use Rich (rich_markup_mode=None), and its texts are fixed when it is imported.

Only the messages a coprod user can meet are listed. Nothing here runs in English, and
nothing here imports more than typer.core, which `coprod --help` loads anyway.
"""

from __future__ import annotations

import re
from functools import cache

from coprod_ladder.language import N_, _

#: typer/core.py's own gettext calls that coprod's help and errors show, word for word.
TYPER = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)

#: Help texts Typer and Click give their own options, word for word.
OPTION_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

#: The usage line's label (Click's HelpFormatter writes "Usage: " before it).
USAGE = N_("Usage:")

# TRANSLATORS: the line under a usage error; {command} is the command, {option} is -h.
TRY_HELP = N_("Try '{command} {option}' for help.")
# TRANSLATORS: the last line of a usage error; {message} is what was wrong.
ERROR = N_("Error: {message}")

#: Click's usage errors as it prints them, most specific first (see `translated`).
CLICK = (
    # TRANSLATORS: {options} lists the options the command has, such as --jobs, --out.
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    # TRANSLATORS: {hint} is the option or argument, such as '--jobs'; {message} says why.
    N_("Invalid value for {hint}: {message}"),
    N_("Invalid value: {message}"),
    # TRANSLATORS: {hint} is the argument's name in quotes, such as 'PATH...'.
    N_("Missing argument {hint}."),
    # TRANSLATORS: {hint} is the option's name in quotes, such as '--service'.
    N_("Missing option {hint}."),
    N_("Missing parameter {hint}."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Option {name} does not take a value."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    *TYPER[-2:],
)

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:![rsa])?\}")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for template in CLICK:
        pieces = _FIELD.split(template)
        # split gives literal, field, literal, field, ...: fields at odd places
        regex = "".join(re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)"
                        for index, piece in enumerate(pieces))
        found.append((template, re.compile(regex, re.DOTALL)))
    return tuple(found)


def translated(text: str) -> str:
    """Click's or Typer's English message `text` in the current language, fields kept.

    A message no template matches is returned as it is (coprod's own messages are translated
    where they are raised). A field that is itself one of Click's messages is translated too.
    """
    for template, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        fields = {name: translated(value) for name, value in found.groupdict().items()}
        return _fill(_(template), fields)
    return text


def _fill(template: str, fields: dict[str, str]) -> str:
    """The template with each field's text in place, as it was printed (no `!r` again)."""

    def field(match: re.Match[str]) -> str:
        return fields.get(match.group(1), match.group(0))

    return _FIELD.sub(field, template)


def speak_in_typer() -> None:
    """Point typer.core's gettext at coprod's, so its headings and tags are translated."""
    import typer.core

    typer.core._ = _  # type: ignore[attr-defined]
