"""Which language to speak: `--lang`, then COPROD_LANG, then the locale, then English.

Pure: the command line passes in the flag, the environment and the locale's name; nothing here
reads them itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coprod_ladder.language.active import LANGUAGES, SOURCE_LANGUAGE

#: The environment variable that picks the language when `--lang` is not given.
LANGUAGE_VARIABLE = "COPROD_LANG"

#: The locale variables, in the order gettext reads them.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class LanguageChoice:
    """The language chosen and where it came from (for --verbose and error messages).

    `problem` is set when `--lang` or COPROD_LANG names a language coprod does not speak; the
    command line turns it into a usage error (exit 2) naming what was given and what is known.
    """

    lang: str
    source: str  # "--lang", "COPROD_LANG", "locale" or "default"
    problem: str | None = None


def language_of(value: str) -> str | None:
    """The language code coprod speaks for a flag, variable or locale value, or None.

    Accepts "cy", "CY", "cy_GB.UTF-8", "cy-GB", "en_GB": the part before the region.
    """
    code = value.strip().split(".", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else None


def choose_language(flag: str | None, environ: Mapping[str, str]) -> LanguageChoice:
    """Choose the language from `--lang`, COPROD_LANG and the locale variables, in that order.

    An unknown `--lang` or COPROD_LANG is a problem (the user asked for something coprod cannot
    do); a locale coprod does not speak (fr_FR) quietly means English, as for every program.
    """
    for value, source in ((flag, "--lang"), (environ.get(LANGUAGE_VARIABLE), LANGUAGE_VARIABLE)):
        if value is None or not value.strip():
            continue
        code = language_of(value)
        if code is None:
            return LanguageChoice(SOURCE_LANGUAGE, source, problem=value)
        return LanguageChoice(code, source)
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        # LANGUAGE may list several (cy:en); the first one coprod speaks wins.
        for part in value.split(":"):
            code = language_of(part)
            if code is not None:
                return LanguageChoice(code, "locale")
        break
    return LanguageChoice(SOURCE_LANGUAGE, "default")
