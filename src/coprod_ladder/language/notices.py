"""What a report or form must say about its own language, in that language and in English.

Owns the rule: output in a language other than English says, in both languages, (1) that its
text is a draft awaiting review while the interface catalogue or the rubric translation it
uses has drafts, and (2) how many of the rubric's texts are still in English, so a fallback is
never silent. Every format (HTML, Markdown, JSON, the terminal, the forms) shows these same
notices. Pure: it reads the compiled catalogue, nothing else.
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from typing import Protocol

from coprod_ladder.language.active import (
    N_,
    SOURCE_LANGUAGE,
    catalogue,
    current,
    gettext,
    ngettext,
    using,
)

_DRAFT = N_("The Welsh text here is a draft: it awaits review by a Welsh speaker.")


def _in_english(count: int) -> str:
    return ngettext("{count} text of the rubric has no Welsh yet, so it is shown in English.",
                    "{count} texts of the rubric have no Welsh yet, so they are shown in "
                    "English.", count).format(count=count)


@dataclass(frozen=True)
class LanguageNotice:
    """One notice: a code for machines, the text in the output's language, and in English."""

    code: str  # "draft" or "english-fallback"
    text: str
    english: str

    def as_dict(self) -> dict[str, str]:
        """The notice as JSON reports carry it."""
        return {"code": self.code, "text": self.text, "english": self.english}


def language_notices(rubric_drafts: int = 0, rubric_in_english: int = 0,
                     lang: str | None = None) -> tuple[LanguageNotice, ...]:
    """The notices for output in `lang` (default: the language spoken) that uses a rubric
    translation with `rubric_drafts` drafts and `rubric_in_english` texts left in English.
    English output has none."""
    lang = lang or current()
    if lang == SOURCE_LANGUAGE:
        return ()
    found: list[LanguageNotice] = []
    with using(lang):
        if catalogue(lang).drafts or rubric_drafts:
            found.append(LanguageNotice("draft", gettext(_DRAFT), _DRAFT))
        text = _in_english(rubric_in_english)
    if rubric_in_english:
        with using(SOURCE_LANGUAGE):
            english = _in_english(rubric_in_english)
        found.append(LanguageNotice("english-fallback", text, english))
    return tuple(found)


class ShownInLanguage(Protocol):
    """What a translated rubric records of its language (`model.TextLanguage`)."""

    @property
    def drafts(self) -> int: ...
    @property
    def in_english(self) -> Sized: ...


def rubric_notices(shown: ShownInLanguage | None, lang: str | None = None
                   ) -> tuple[LanguageNotice, ...]:
    """The notices for output showing a rubric whose language record is `shown`
    (`Rubric.text_language`; None for a rubric in its own English)."""
    if shown is None:
        return language_notices(lang=lang)
    return language_notices(shown.drafts, len(shown.in_english), lang=lang)
