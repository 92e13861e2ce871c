"""The checks of one translation file against the rubric it translates (issue 26, item 2).

Owns the translation finding codes: texts the translation lacks, texts made from English that
has since changed (stale), keys the rubric does not have, and how many texts in use are still
drafts. Pure: it takes a rubric, a `Translation` and the positions of its keys, and returns
Diagnostics; it must not read files or print.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _, ngettext
from coprod_ladder.model import Rubric
from coprod_ladder.rubric.translation import Translation, fingerprint, rubric_texts

#: Every code this module can produce, with its severity; the docs and tests use this list.
TRANSLATION_CODES: dict[str, Severity] = {
    "translation-missing": Severity.WARNING,
    "translation-stale": Severity.WARNING,
    "translation-unknown-key": Severity.WARNING,
    "translation-unknown-rubric": Severity.ERROR,  # reported by `rubric check` itself
    "translation-drafts": Severity.INFO,
}

# How much of an English text a missing-translation finding quotes: enough to find it.
_QUOTED = 60


def translation_findings(
    rubric: Rubric,
    translation: Translation,
    positions: dict[str, tuple[int, int]],
    *,
    path: str,
) -> list[Diagnostic]:
    """Every finding of `translation` (read from `path`) against `rubric`, sorted."""
    english = rubric_texts(rubric)
    found: list[Diagnostic] = []

    def add(key: str | None, code: str, message: str) -> None:
        line, column = positions.get(key, (1, 1)) if key is not None else (1, 1)
        found.append(Diagnostic(path, line, column, TRANSLATION_CODES[code], code, message))

    current_drafts: list[str] = []
    for key, entry in translation.texts.items():
        if key not in english:
            close = difflib.get_close_matches(key, list(english), n=1)
            if close:
                message = _("the rubric '{rubric}' has no text '{key}'; did you mean "
                            "'{close}'?").format(rubric=rubric.id, key=key, close=close[0])
            else:
                message = _("the rubric '{rubric}' has no text '{key}'; check the key against "
                            "the rubric, or remove the text").format(rubric=rubric.id, key=key)
            add(key, "translation-unknown-key", message)
            continue
        now = fingerprint(english[key])
        if entry.source_fingerprint != now:
            add(key, "translation-stale",
                _("the English of '{key}' has changed since it was translated (from {was}, "
                  "now {now}), so the English is shown instead; translate the current English "
                  "and set from: {now}").format(key=key, was=entry.source_fingerprint, now=now))
        elif entry.status == "draft":
            current_drafts.append(key)
    for key, text in english.items():
        if key not in translation.texts:
            quoted = text if len(text) <= _QUOTED else text[: _QUOTED - 3] + "..."
            add(None, "translation-missing",
                # TRANSLATORS: {language} is a language code (cy); {english} the rubric's text.
                _("'{key}' has no {language} translation, so it is shown in English "
                  "({english}); add it under texts with from: {fingerprint}").format(
                      key=key, language=translation.language, english=repr(quoted),
                      fingerprint=fingerprint(text)))
    if current_drafts:
        count = len(current_drafts)
        message = ngettext(
            "{count} text in use is a draft ('{first}'); once someone has checked it, set "
            "status: reviewed",
            "{count} texts in use are drafts (the first is '{first}'); once someone has "
            "checked them, set status: reviewed", count).format(count=count,
                                                                first=current_drafts[0])
        add(current_drafts[0], "translation-drafts", message)
    return sorted(found)


def check_translation_files(translations: Mapping[str, bytes | None],
                            rubrics: Mapping[str, Rubric]) -> list[Diagnostic]:
    """Every finding of the translation files `rubric check` met (path -> bytes, or None to
    read the file), each against its rubric: one of `rubrics` (by id), else a shipped one."""
    from pathlib import Path

    from coprod_ladder.rubric.translation_file import load_translation, read_translation

    found: list[Diagnostic] = []
    for path, raw in translations.items():
        translation, positions, problems = (read_translation(raw, path) if raw is not None
                                            else load_translation(Path(path)))
        found.extend(problems)
        if translation is None:
            continue
        rubric = rubrics.get(translation.rubric) or _shipped_rubric(translation.rubric)
        if rubric is None:
            found.append(Diagnostic(
                path, 1, 1, Severity.ERROR, "translation-unknown-rubric",
                _("this translation is of the rubric '{rubric}', which is neither checked "
                  "here nor shipped; check it with its rubric: coprod rubric check RUBRIC.yaml "
                  "{path}").format(rubric=translation.rubric, path=path)))
            continue
        found.extend(translation_findings(rubric, translation, positions, path=path))
    return found


def _shipped_rubric(name: str) -> Rubric | None:
    """The shipped rubric a translation names, when it is not among the files checked."""
    from coprod_ladder import resources
    from coprod_ladder.errors import CoprodError
    from coprod_ladder.rubric.load import load_rubric

    if name not in resources.builtin_rubric_names():
        return None
    try:
        return load_rubric(name)[0]
    except CoprodError:
        return None
