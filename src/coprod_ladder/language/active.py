"""The language in use and the gettext calls that read it.

The catalogues are compiled from the package's PO files on first use of a language (Babel reads
and compiles them in memory: nothing is written, no .mo file to keep in step). English is the
source language and never loads a catalogue. Drafts (PO entries flagged fuzzy: written but not
yet reviewed by a Welsh speaker) are used like any other translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext as _gettext

#: Every language coprod speaks, by code, with its own name for itself.
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
SOURCE_LANGUAGE = "en"

#: The languages whose catalogues cover the whole interface, so a command may speak them
#: (the tests check that every message has its Welsh). A language added later joins when its
#: catalogue does: until then a page with some of its words under its `<html lang>` would
#: mislead readers and screen readers, so the command line says so and speaks English.
READY: frozenset[str] = frozenset({"en", "cy"})

#: The value of `<html lang>` for each language.
_HTML_LANG = {"en": "en-GB", "cy": "cy"}

# The command's language (activate) and, inside `using`, a renderer's own. The process-wide
# value is a plain global as well, so threads and forked workers that did not inherit the
# context variable still speak the command's language.
_process_language = SOURCE_LANGUAGE
_language: ContextVar[str | None] = ContextVar("coprod_language", default=None)


def current() -> str:
    """The language being spoken now ("en" or "cy")."""
    return _language.get() or _process_language


def activate(lang: str) -> None:
    """Make `lang` the language of the whole command (the command line calls this once)."""
    global _process_language
    _check(lang)
    _process_language = lang


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (a renderer given a language renders inside this)."""
    _check(lang)
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def html_lang(lang: str | None = None) -> str:
    """The BCP 47 tag for `<html lang>`: "en-GB" or "cy"."""
    return _HTML_LANG[lang or current()]


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"coprod does not speak {lang!r}; it speaks {', '.join(LANGUAGES)}")


class Catalogue:
    """One language's messages, compiled from its PO files, how many there are, and how many
    are drafts."""

    def __init__(self, translations: _gettext.NullTranslations, messages: int,
                 drafts: int = 0) -> None:
        self.translations = translations
        self.messages = messages
        self.drafts = drafts  # entries still flagged fuzzy: written but not yet reviewed


@cache
def catalogue(lang: str) -> Catalogue:
    """The compiled catalogue of `lang`, from every `locale/<lang>/*.po` file (read once)."""
    _check(lang)
    if lang == SOURCE_LANGUAGE:
        import gettext as _gettext  # here, not at the top: `coprod --help` never needs it

        return Catalogue(_gettext.NullTranslations(), 0)
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, domain="coprod")
    import gettext as _gettext
    from importlib.resources import files

    folder = files("coprod_ladder") / "locale" / lang
    entries = sorted(folder.iterdir(), key=lambda e: e.name) if folder.is_dir() else []
    for entry in entries:
        if not entry.name.endswith(".po"):
            continue
        with entry.open("rb") as handle:
            part = read_po(handle, locale=lang)
        for message in part:
            if not message.id:
                continue
            merged[message.id] = message  # the context travels with the message
    buffer = BytesIO()
    write_mo(buffer, merged, use_fuzzy=True)  # drafts are used until they are reviewed
    buffer.seek(0)
    drafts = sum(1 for message in merged if message.id and message.fuzzy)
    return Catalogue(_gettext.GNUTranslations(buffer), len(merged), drafts)


def gettext(message: str) -> str:
    """The message in the current language (itself in English, or if not translated)."""
    lang = current()
    if lang == SOURCE_LANGUAGE:
        return message
    return catalogue(lang).translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for `count` (Welsh has six: 0, 1, 2, 3, 6 and the rest)."""
    lang = current()
    if lang == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    return catalogue(lang).translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """The message in the current language, told apart from the same English by `context`."""
    lang = current()
    if lang == SOURCE_LANGUAGE:
        return message
    return catalogue(lang).translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """`ngettext` with a context."""
    lang = current()
    if lang == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    return catalogue(lang).translations.npgettext(context, singular, plural, count)


_ = gettext


def N_(message: str) -> str:
    """Mark a message for translation where it is defined (a table); translate where used."""
    return message


def NP_(context: str, message: str) -> str:
    """`N_` with a context."""
    return message
