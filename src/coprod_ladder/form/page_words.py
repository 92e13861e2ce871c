"""The form page's words in the language being spoken, built when the page is rendered.

The page's script cannot call gettext, so Python hands it every text it shows: a spec's
`strings` (a table of role → sentence, each sentence marked `N_` where the table is defined
and translated here, at render time, never at import), `plurals` (role → every plural form
of a message, in the language's order) and `plural_rule` (which form a count takes), so the
script picks a plural form for counts it only knows at run time ("about 3 minutes left").
Sentences keep their named `{fields}`: the script fills them by name and never glues pieces.
Pure: it must not print, read the clock or touch files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from coprod_ladder.language import N_, current, gettext

#: For each language, which plural form a count takes: `exact` counts by their form's index,
#: every other count `other` (Welsh: 0, 1, 2, 3 and 6 have their own forms). The same rule
#: as the language's catalogue (`Plural-Forms`), which tests/test_welsh_forms.py checks, in a
#: shape the page's script reads as data (the page's CSP allows no eval).
PLURAL_RULES: dict[str, dict[str, Any]] = {
    "en": {"exact": {"1": 0}, "other": 1},
    "cy": {"exact": {"0": 0, "1": 1, "2": 2, "3": 3, "6": 4}, "other": 5},
}

#: The words of the page's frame, the same for every form.
PAGE_STRINGS: dict[str, str] = {
    "skip": N_("Skip to the questions"),
    "no_script": N_("This form needs JavaScript, which your browser has turned off."),
}


def plural_rule(lang: str | None = None) -> dict[str, Any]:
    """The plural rule of `lang` (default: the language being spoken), for the page."""
    return PLURAL_RULES[lang or current()]


def _samples(lang: str) -> list[int]:
    """One count for each plural form of `lang`, in the forms' order."""
    rule = PLURAL_RULES[lang]
    by_form = {index: int(count) for count, index in rule["exact"].items()}
    other = next(n for n in range(1000) if str(n) not in rule["exact"])
    by_form[rule["other"]] = other
    return [by_form[index] for index in sorted(by_form)]


def plural_forms(say: Callable[[int], str]) -> list[str]:
    """Every plural form of one message, in the language's order.

    `say` is `lambda n: ngettext("...", "...", n)`, written where the message is, so Babel
    extracts the singular and plural from the call.
    """
    return [say(n) for n in _samples(current())]


def translated(table: Mapping[str, Any]) -> dict[str, Any]:
    """A table of role → English (or a list of English lines) in the language being spoken."""
    out: dict[str, Any] = {}
    for role, text in table.items():
        if isinstance(text, list):
            out[role] = [gettext(line) if line else line for line in text]
        else:
            out[role] = gettext(text) if text else text
    return out
