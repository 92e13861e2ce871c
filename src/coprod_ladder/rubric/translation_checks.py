"""The checks of one translation file against the rubric it translates (issue 26, item 2).

Owns the translation finding codes: texts the translation lacks, texts made from English that
has since changed (stale), keys the rubric does not have, and how many texts in use are still
drafts. Pure: it takes a rubric, a `Translation` and the positions of its keys, and returns
Diagnostics; it must not read files or print.
"""

from __future__ import annotations

import difflib

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.model import Rubric
from coprod_ladder.rubric.translation import Translation, fingerprint, rubric_texts

#: Every code this module can produce, with its severity; the docs and tests use this list.
TRANSLATION_CODES: dict[str, Severity] = {
    "translation-missing": Severity.WARNING,
    "translation-stale": Severity.WARNING,
    "translation-unknown-key": Severity.WARNING,
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
            hint = (f"did you mean '{close[0]}'?" if close
                    else "check the key against the rubric, or remove the text")
            add(key, "translation-unknown-key",
                f"the rubric '{rubric.id}' has no text '{key}'; {hint}")
            continue
        now = fingerprint(english[key])
        if entry.source_fingerprint != now:
            add(key, "translation-stale",
                f"the English of '{key}' has changed since it was translated (from "
                f"{entry.source_fingerprint}, now {now}), so the English is shown instead; "
                f"translate the current English and set from: {now}")
        elif entry.status == "draft":
            current_drafts.append(key)
    for key, text in english.items():
        if key not in translation.texts:
            quoted = text if len(text) <= _QUOTED else text[: _QUOTED - 3] + "..."
            add(None, "translation-missing",
                f"'{key}' has no {translation.language} translation, so it is shown in "
                f"English ({quoted!r}); add it under texts with from: {fingerprint(text)}")
    if current_drafts:
        count = len(current_drafts)
        message = (
            f"1 text in use is a draft ('{current_drafts[0]}'); once someone has checked "
            "it, set status: reviewed"
            if count == 1 else
            f"{count} texts in use are drafts (the first is '{current_drafts[0]}'); once "
            "someone has checked them, set status: reviewed")
        add(current_drafts[0], "translation-drafts", message)
    return sorted(found)
