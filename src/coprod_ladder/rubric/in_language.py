"""A rubric in the language being spoken: its translation applied, and a record of what is not.

Owns finding a rubric's translation file (beside a rubric file, or shipped with coprod's own
rubrics: `translations/<rubric id>.<lang>.yaml`) and returning the rubric with its texts in
that language, marked (`Rubric.text_language`) with the texts that stayed in English and how
many drafts it uses, so every report can say so: a fallback is visible, never silent. A
translation file that cannot be used is a warning and the English is shown. Reads files;
never prints or exits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from coprod_ladder import resources
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _
from coprod_ladder.model import Rubric, TextLanguage
from coprod_ladder.rubric.translation import fingerprint, rubric_texts, translated_rubric
from coprod_ladder.rubric.translation_file import read_translation

R = TypeVar("R", bound=Rubric)


def translation_for(rubric_path: str | None, rubric_id: str, lang: str
                    ) -> tuple[str, bytes] | None:
    """(display path, bytes) of the rubric's translation into `lang`, if there is one:
    beside the rubric file, or shipped (`rubric_path` None)."""
    name = f"{rubric_id}.{lang}.yaml"
    if rubric_path is not None:
        path = Path(rubric_path).parent / "translations" / name
        try:
            return str(path), path.read_bytes()
        except OSError:
            return None
    shipped = resources.shipped_translation(rubric_id, lang)
    return (f"rubrics/translations/{name}", shipped.read_bytes()) if shipped.is_file() else None


def rubric_in_language(rubric: R, lang: str, found: tuple[str, bytes] | None
                       ) -> tuple[R, list[Diagnostic]]:
    """The rubric with its texts in `lang` where a current translation exists, marked with
    what stayed in English; and a warning when the translation file cannot be used."""
    keys = tuple(rubric_texts(rubric))
    problems: list[Diagnostic] = []
    translation = None
    if found is not None:
        path, raw = found
        translation, _positions, _problems = read_translation(raw, path)
        if translation is None:
            problems.append(Diagnostic(path, 1, 1, Severity.WARNING, "translation-unusable", _(
                "this translation cannot be used, so the rubric's text is shown in English; "
                "`coprod rubric check` says what is wrong with it")))
        elif (translation.rubric, translation.language) != (rubric.id, lang):
            problems.append(Diagnostic(path, 1, 1, Severity.WARNING, "translation-unusable", _(
                "this file translates rubric '{rubric}' into {lang}, not '{wanted}' into "
                "{wanted_lang}, so the rubric's text is shown in English").format(
                    rubric=translation.rubric, lang=translation.language, wanted=rubric.id,
                    wanted_lang=lang)))
            translation = None
    if translation is None:
        shown = rubric.model_copy()
        shown._text_language = TextLanguage(lang, keys, 0)
        return shown, problems
    translated, in_english = translated_rubric(rubric, translation)
    english = rubric_texts(rubric)
    drafts = sum(1 for key, entry in translation.texts.items()
                 if entry.status == "draft" and key in english
                 and entry.source_fingerprint == fingerprint(english[key]))
    translated._text_language = TextLanguage(lang, tuple(in_english), drafts)
    return translated, problems
