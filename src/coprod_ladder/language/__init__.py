"""The language coprod speaks: which one, its message catalogues, and the gettext calls.

This package owns the choice of language (`--lang`, then COPROD_LANG, then the locale), the
Welsh (and any later) catalogues in `coprod_ladder/locale/<lang>/*.po`, and the functions every
user-facing string goes through: `_`, `ngettext`, `pgettext`, `npgettext`, and the no-op
markers `N_` and `NP_` for tables of sentences. English is the source language: its messages
are the message ids, so English needs no catalogue.

The language is the one piece of ambient context: the command line sets it once for the whole
command (`activate`), and a renderer that is given a language renders inside `using(lang)`.
Nothing here prints, reads the clock or exits; the catalogues are package data, read once.
"""

from __future__ import annotations

from coprod_ladder.language.active import (
    LANGUAGES,
    N_,
    NP_,
    READY,
    SOURCE_LANGUAGE,
    _,
    activate,
    current,
    gettext,
    html_lang,
    ngettext,
    npgettext,
    pgettext,
    using,
)
from coprod_ladder.language.choose import LanguageChoice, choose_language

__all__ = [
    "LANGUAGES",
    "NP_",
    "N_",
    "READY",
    "SOURCE_LANGUAGE",
    "LanguageChoice",
    "_",
    "activate",
    "choose_language",
    "current",
    "gettext",
    "html_lang",
    "ngettext",
    "npgettext",
    "pgettext",
    "using",
]
