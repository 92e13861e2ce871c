"""A rubric's translation as a PO file, both ways, so translators work in their own tools.

Owns: `export_po` (every text of a rubric, by key, with the current translation where there is
one) and `import_po` (a PO file back to a `Translation`, every problem a positioned Diagnostic),
and `translation_yaml`, the translation file's text (`coprod-rubric-translation/1`).
In the PO file each text's key is its `msgctxt`, the English its `msgid`, and a draft is an
entry flagged `fuzzy`, the state translators' tools use for "needs review": clearing the flag
in such a tool is what marks a text reviewed. Pure: bytes and strings in and out; no files,
no clock (the PO header carries no dates, so the same input gives the same bytes).
"""

from __future__ import annotations

from io import BytesIO

import yaml
from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _
from coprod_ladder.model import Rubric
from coprod_ladder.rubric.translation import (
    TranslatedText,
    Translation,
    fingerprint,
    rubric_texts,
)

_DATE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


def export_po(rubric: Rubric, lang: str, translation: Translation | None = None) -> bytes:
    """Every text of `rubric` as a PO file for `lang`: the English, and the translation where
    it is current (a stale one is given too, flagged fuzzy, for the translator to mend)."""
    catalog = Catalog(locale=_babel_locale(lang), domain=rubric.id, project=f"coprod rubric "
                      f"{rubric.id}", version=str(rubric.version), fuzzy=False,
                      header_comment=f"# {rubric.title}: text to translate ({lang}).\n"
                                     f"# Import with: coprod rubric translations import")
    done = translation.texts if translation is not None else {}
    for key, english in rubric_texts(rubric).items():
        entry = done.get(key)
        text = entry.text if entry is not None else ""
        reviewed = (entry is not None and entry.status == "reviewed"
                    and entry.source_fingerprint == fingerprint(english))
        catalog.add(english, text, context=key, flags=() if reviewed else ("fuzzy",))
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False)
    lines = buffer.getvalue().splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(_DATE_HEADERS))


def _babel_locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def import_po(raw: bytes, path: str, rubric: Rubric, lang: str | None = None
              ) -> tuple[Translation | None, list[Diagnostic]]:
    """A PO file (as `export_po` writes it, after translators filled it in) as a translation of
    `rubric`; the language is the PO header's unless `lang` is given.

    Each text keeps the fingerprint of the English in its `msgid`, so a text translated from
    older English is found stale by `rubric check`, never passed off as current. Entries with
    no translation are left out (they stay in English, visibly); unknown keys are warnings.
    """
    try:
        catalog = read_po(BytesIO(raw), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 0) or 1
        return None, [Diagnostic(path, line, 1, Severity.ERROR, "translation-po-invalid", _(
            "this is not a PO file coprod can read: {problem}; export a fresh one with "
            "`coprod rubric translations export` and copy the translations into it"
        ).format(problem=exc))]
    language = lang or (str(catalog.locale) if catalog.locale else "")
    language = language.replace("_", "-")
    if not language:
        return None, [Diagnostic(path, 1, 1, Severity.ERROR, "translation-po-language", _(
            "the PO file does not say its language (the `Language:` header); add it, or give "
            "--lang"))]
    keys = rubric_texts(rubric)
    texts: dict[str, TranslatedText] = {}
    problems: list[Diagnostic] = []
    for message in catalog:
        if not message.id:
            continue
        key = message.context or ""
        # Babel gives the line of the msgid; the key (msgctxt) is on the line above it.
        line = max(1, (message.lineno or 2) - (1 if message.context else 0))
        if key not in keys:
            problems.append(Diagnostic(path, line, 1, Severity.WARNING,
                                       "translation-unknown-key", _(
                "'{key}' is not a text of rubric '{rubric}' {version}; left out (export a fresh "
                "PO file for this version)").format(key=key, rubric=rubric.id,
                                                    version=rubric.version)))
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        # stripped as the translation file's text is, so the round trip is exact
        text = (message.string if isinstance(message.string, str) else "").strip()
        if not text:
            continue
        texts[key] = TranslatedText(text, fingerprint(english),
                                    "draft" if message.fuzzy else "reviewed")
    ordered = {key: texts[key] for key in keys if key in texts}
    return Translation(rubric.id, language, ordered), problems


def translation_yaml(translation: Translation, rubric: Rubric) -> str:
    """The translation file's text: every text in the rubric's order, wrapped near 100
    columns as the rubrics are (PyYAML folds and quotes each text so it reads back exactly,
    and the file passes yamllint)."""
    order = list(rubric_texts(rubric))
    place = {key: index for index, key in enumerate(order)}
    keys = sorted(translation.texts, key=lambda k: (place.get(k, len(order)), k))
    document = {
        "format": "coprod-rubric-translation/1",
        "rubric": translation.rubric,
        "language": translation.language,
        "texts": {key: {"text": translation.texts[key].text,
                        "from": translation.texts[key].source_fingerprint,
                        "status": translation.texts[key].status} for key in keys},
    }
    header = ("# coprod rubric translation: each text with the fingerprint (`from`) of the "
              "English\n# it was made from. `rubric check` lists missing and stale texts.\n")
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100,
                                   default_flow_style=False)
