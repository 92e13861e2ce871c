"""Keeping the catalogues in step with the code: extract every message, update the PO files,
and list what is untranslated, obsolete or broken.

A maintainer's tool, not part of a command: `python -m coprod_ladder.cli.messages update`
after adding or changing a message (it adds new ids with an empty translation and drops the
ones no longer used), then fill in the Welsh; `... check` lists what is left. The tests run the
same check, so a message without its Welsh fails CI.

Messages are filed by where they are first used, one PO file per part of coprod, so that work
on the command line and work on the reports do not edit the same file: see AREAS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from coprod_ladder.atomic_files import atomic_writer

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = PACKAGE / "locale"

#: The PO file each message goes to, by the first place it is used (first match wins).
AREAS: tuple[tuple[str, str], ...] = (
    ("cli/", "cli.po"),
    ("questionnaire/", "assess.po"),
    ("errors.py", "assess.po"),
    ("answers/", "assess.po"),
    ("form/", "forms.po"),
    ("voice/", "forms.po"),
    ("reports/", "reports.po"),
    ("rendering/", "rendering.po"),
    ("", "core.po"),
)

#: The gettext calls and markers the extractor looks for (Babel's keyword specs).
KEYWORDS = {
    "_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "N_": None, "NP_": ((1, "c"), 2),
}

_JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true",
    "keep_trailing_newline": "true", "newstyle_gettext": "true", "silent": "false",
}
_METHODS = [
    ("language/messages.py", "ignore"),
    ("**.py", "python"),
    ("**.j2", "jinja2.ext:babel_extract"),
]
_OPTIONS = {"**.j2": _JINJA_OPTIONS}

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^}]*)?\}|%\(([A-Za-z_][A-Za-z0-9_]*)\)[sd]")


def _area(path: str) -> str:
    for prefix, po in AREAS:
        if path.startswith(prefix):
            return po
    raise AssertionError("the last area matches every path")


def extract() -> Catalog:
    """Every message the package uses, with where it is used (paths relative to the package)."""
    catalog = Catalog(domain="coprod", fuzzy=False)
    for folder in (PACKAGE, PACKAGE.parent.parent / "reports"):
        if not folder.is_dir():
            continue
        prefix = "" if folder == PACKAGE else "reports/"
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), method_map=_METHODS, options_map=_OPTIONS, keywords=KEYWORDS,
                comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            if folder == PACKAGE and filename.startswith("reports/"):
                continue  # the reports/ link inside the package: read from the real folder
            catalog.add(message, None, [(prefix + filename, lineno)],
                        auto_comments=comments, context=context)
    return catalog


def _first_area(message: Message) -> str:
    return _area(sorted(message.locations)[0][0]) if message.locations else "core.po"


def _key(message: Message) -> tuple[str, str]:
    ident = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context or "", ident)


def read_language(lang: str) -> dict[str, Catalog]:
    """The PO files of a language, by file name."""
    found: dict[str, Catalog] = {}
    folder = LOCALE / lang
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        with path.open("rb") as handle:
            found[path.name] = read_po(handle, locale=lang)
    return found


def update(lang: str) -> list[Path]:
    """Bring every PO file of `lang` in step with the code; return the files written."""
    source = extract()
    existing: dict[tuple[str, str], Message] = {}
    for part in read_language(lang).values():
        for message in part:
            if message.id:
                existing[_key(message)] = message
    by_area: dict[str, Catalog] = {}
    for message in source:
        if not message.id:
            continue
        po = _first_area(message)
        catalog = by_area.setdefault(po, Catalog(locale=lang, domain="coprod", fuzzy=False,
                                                 project="coprod", version=None))
        old = existing.get(_key(message))
        if old is not None:
            string = old.string
        else:  # empty, with as many plural forms as the language has
            string = "" if isinstance(message.id, str) else ("",) * catalog.num_plurals
        flags = {f for f in (old.flags if old is not None else ()) if f == "fuzzy"}
        catalog.add(message.id, string, message.locations, flags=flags,
                    auto_comments=message.auto_comments,
                    user_comments=old.user_comments if old is not None else (),
                    context=message.context)
    written = []
    (LOCALE / lang).mkdir(parents=True, exist_ok=True)
    for po, catalog in sorted(by_area.items()):
        path = LOCALE / lang / po
        with atomic_writer(path, binary=True) as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False,
                     include_lineno=False)
        written.append(path)
    for stale in sorted((LOCALE / lang).glob("*.po")):
        if stale.name not in by_area:
            stale.unlink()
    return written


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue, with the PO file it is in."""

    po: str
    message: str
    problem: str

    def __str__(self) -> str:
        return f"{self.po}: {self.message!r}: {self.problem}"


def _fields(text: str) -> set[str]:
    return {a or b for a, b in _FIELD.findall(text)}


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
    return ids, strings


def problems(lang: str) -> list[Problem]:
    """Untranslated, obsolete and doubly-filed messages, and translations whose named fields
    ({count}, %(name)s) differ from the English: each would show English or break a sentence."""
    source = {_key(m): m for m in extract() if m.id}
    found: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for po, part in read_language(lang).items():
        for message in part:
            if not message.id:
                continue
            key = _key(message)
            name = key[1] if not key[0] else f"{key[0]}|{key[1]}"
            if key in seen:
                found.append(Problem(po, name, f"also in {seen[key]}"))
            seen[key] = po
            if key not in source:
                found.append(Problem(po, name, "no longer used: run update"))
                continue
            ids, strings = _forms(message)
            if not all(s.strip() for s in strings):
                found.append(Problem(po, name, "not translated"))
                continue
            english = set().union(*(_fields(i) for i in ids))
            for string in strings:
                unknown = _fields(string) - english
                if unknown:
                    found.append(Problem(po, name, f"uses fields the English has not: "
                                                   f"{', '.join(sorted(unknown))}"))
            if len(ids) == 1 and _fields(strings[0]) != english:
                missing = english - _fields(strings[0])
                if missing:
                    found.append(Problem(po, name, f"leaves out {', '.join(sorted(missing))}"))
    for key, message in sorted(source.items()):
        if key not in seen:
            name = key[1] if not key[0] else f"{key[0]}|{key[1]}"
            found.append(Problem(_first_area(message), name, "missing: run update"))
    return found
