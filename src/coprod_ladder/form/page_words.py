"""The form page's words in the language being spoken, built when the page is rendered.

The page's script cannot call gettext, so Python hands it every text it shows: a spec's
`strings` (a table of role → sentence, each sentence marked `N_` where the table is defined
and translated here, at render time, never at import), `plurals` (role → every plural form
of a message, in the language's order) and `plural_rule` (which form a count takes), so the
script picks a plural form for counts it only knows at run time ("about 3 minutes left").
Sentences keep their named `{fields}`: the script fills them by name and never glues pieces.

A bilingual page (Welsh first, English beside it: `in_both_languages`) is the same form's spec
made twice, in Welsh from the rubric in Welsh and in English from the rubric in English, and
paired (`bilingual_spec`): each text that differs becomes `{"cy": ..., "en": ...}`, one that is
the same stays one string (shown once); ids, rules and answers are the Welsh spec's, which are
the English one's. It must not print or read the clock; the only files it reads are coprod's
shipped rubrics and their translations (package data), to find a rubric's other language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from coprod_ladder.language import N_, SOURCE_LANGUAGE, current, gettext, html_lang, using
from coprod_ladder.language.notices import rubric_notices
from coprod_ladder.model import CheckedRubric, Rubric

R = TypeVar("R", bound=Rubric)

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


# ---- bilingual pages: Welsh first, English beside it ------------------------------------------

#: The languages of a bilingual page, first and second (several Welsh councils require Welsh
#: first). A text that differs between them is a pair `{"cy": ..., "en": ...}` in the spec;
#: one that is the same in both is a plain string, shown once.
FIRST, SECOND = "cy", "en"
# The fields of a spec's sections, questions and choices that are text for people (every
# other field is an id, a rule or a number, the same in both languages).
_SECTION_TEXTS = ("title", "intro")
_QUESTION_TEXTS = ("title", "help", "example", "counting_note")
_CHOICE_TEXTS = ("label", "description")

Text = str | dict[str, str]


def pair(first: str | None, second: str | None) -> Text | None:
    """One text in both languages: a plain string when they are the same (shown once)."""
    if first is None or second is None or first == second:
        return first if first is not None else second
    return {FIRST: first, SECOND: second}


def filled(text: Text, **fields: Text) -> Text:
    """`text` with its {fields} filled, each language with its own words."""
    if isinstance(text, str) and all(isinstance(v, str) for v in fields.values()):
        return text.format(**fields)

    def say(lang: str) -> str:
        template = text if isinstance(text, str) else text[lang]
        return template.format(**{k: v if isinstance(v, str) else v[lang]
                                  for k, v in fields.items()})
    return pair(say(FIRST), say(SECOND)) or ""


def flat(text: Text) -> str:
    """A text where no markup can go (a <title>, an attribute): "Cymraeg / English"."""
    return text if isinstance(text, str) else f"{text[FIRST]} / {text[SECOND]}"


def _strings(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for role, text in first.items():
        other = second[role]
        if isinstance(text, list):
            # Lines written into the saved file's comments: the Welsh, then the English.
            out[role] = text + [line for line in other if line not in text]
        else:
            out[role] = pair(text, other)
    return out


def _texts(first: Mapping[str, Any], second: Mapping[str, Any],
           fields: tuple[str, ...]) -> dict[str, Any]:
    return {**first, **{f: pair(first[f], second[f]) for f in fields if f in first}}


def _question(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    out = _texts(first, second, _QUESTION_TEXTS)
    more_first, more_second = first["more_help"], second["more_help"]
    if len(more_first) == len(more_second):
        out["more_help"] = [pair(a, b) for a, b in zip(more_first, more_second, strict=True)]
    else:  # paragraphs that do not match one for one: all the Welsh, then all the English
        out["more_help"] = [pair(" ".join(more_first), " ".join(more_second))]
    out["choices"] = [_texts(a, b, _CHOICE_TEXTS)
                      for a, b in zip(first["choices"], second["choices"], strict=True)]
    return out


def bilingual_spec(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One spec from the same form's spec in Welsh (`first`) and in English (`second`).

    Everything but text (ids, rules, the prefilled answers, the storage key) is the Welsh
    spec's, which is the English one's: the file the page saves is the same in either.
    """
    out = dict(first)
    out["lang"] = html_lang(FIRST)
    out["second_lang"] = html_lang(SECOND)
    out["stamp"] = _texts(first["stamp"], second["stamp"], ("title",))
    out["strings"] = _strings(first["strings"], second["strings"])
    if "plurals" in first:
        out["plurals"] = {role: {FIRST: forms, SECOND: second["plurals"][role]}
                          for role, forms in first["plurals"].items()}
    out["plural_rule"] = {FIRST: PLURAL_RULES[FIRST], SECOND: PLURAL_RULES[SECOND]}
    out["sections"] = [_texts(a, b, _SECTION_TEXTS)
                       for a, b in zip(first["sections"], second["sections"], strict=True)]
    out["questions"] = [_question(a, b)
                        for a, b in zip(first["questions"], second["questions"], strict=True)]
    return out


def in_both_languages(make: Callable[[R], dict[str, Any]], rubric: R,
                      other_language: R | None = None) -> dict[str, Any]:
    """The bilingual spec `make` gives: made in Welsh from the rubric in Welsh, in English from
    the rubric in English, then paired (`bilingual_spec`).

    `rubric` may be in either language (as the command loaded it). `other_language` is the
    same rubric loaded in the other language; without it, the other is found from coprod's
    shipped rubrics: the Welsh by applying the shipped translation of the rubric's id, the
    English by loading the shipped rubric of the same id and version in English. A rubric
    file (its own translation beside it, its English not shipped) needs `other_language`.
    """
    welsh, english = _rubric_in_both(rubric, other_language)
    with using(FIRST):
        first = make(welsh)
    with using(SECOND):
        second = make(english)
    return {**bilingual_spec(first, second), "notices": _notices(welsh)}


def own_language_notices(rubric: Rubric) -> dict[str, list[Text]]:
    """For a page in one language other than English: its notices (a draft awaiting review,
    texts still in English), each in that language and in English, as the spec's `notices`.
    Nothing at all for English, so an English page is as it was."""
    if current() == SOURCE_LANGUAGE:
        return {}
    found = [pair(n.text, n.english) or "" for n in rubric_notices(rubric.text_language)]
    return {"notices": found} if found else {}


def _notices(welsh: Rubric) -> list[Text]:
    """What the page must say about its Welsh, in Welsh and in English: that it is a draft
    awaiting review, and how many of the rubric's texts are still in English."""
    return [pair(notice.text, notice.english) or ""
            for notice in rubric_notices(welsh.text_language, lang=FIRST)]


def _rubric_in_both(rubric: R, other: R | None) -> tuple[R, R]:
    """(the rubric in Welsh, the rubric in English)."""
    from coprod_ladder.rubric.in_language import rubric_in_language, translation_for

    if _language_of(rubric) == FIRST:
        return rubric, other if other is not None else _shipped_in_english(rubric)
    if other is not None and _language_of(other) == FIRST:
        return other, rubric
    welsh, _problems = rubric_in_language(rubric, FIRST, translation_for(None, rubric.id, FIRST))
    return welsh, rubric


def rubric_file_in_other_language(ref: str | None) -> CheckedRubric | None:
    """For `--rubric FILE`: the file loaded again in the language not being spoken (Welsh
    from its own translation beside it, or its English), to pass as `other_language=`. None
    for a shipped rubric, whose other language is found from its id. Raises what
    `load_rubric` raises (the command has loaded the same file already)."""
    from coprod_ladder.rubric.load import is_rubric_path, load_rubric

    if ref is None or not is_rubric_path(ref):
        return None
    with using(SECOND if current() == FIRST else FIRST):
        other, _warnings = load_rubric(ref)
    return other


def _language_of(rubric: Rubric) -> str:
    shown = rubric.text_language
    return shown.lang if shown is not None else SOURCE_LANGUAGE


def _shipped_in_english(rubric: R) -> R:
    from coprod_ladder import resources
    from coprod_ladder.rubric.load import load_rubric

    if rubric.id in resources.builtin_rubric_names():
        with using(SOURCE_LANGUAGE):
            shipped, _warnings = load_rubric(rubric.id)
        if shipped.version == rubric.version:
            return cast(R, shipped)
    raise ValueError(f"the English of rubric {rubric.id!r} {rubric.version} is not shipped "
                     "with coprod: pass other_language=, the rubric file loaded in English")
