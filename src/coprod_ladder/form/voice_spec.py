"""The easy-read voice form as a form spec: the same engine as the manager's, another spec.

Owns `voice_form_spec` (one group's questions from the rubric's `voice:` questions, with who
helped and, for children and young people, the age band; the scale's words and symbols from
`rendering.voice_words`; the page's own sentences for that group; the stamp) and
`VOICE_FORM_VERSION`. In Welsh the page says "ti" to children and young people and "chi" to
parents and carers (the glossary's register), so a sentence that speaks to the reader has a
second message for the young (`_TO_YOUNG`, context "to a child or young person"). The page
writes a `coprod-voice/1` response file with one respondent (`assets/voice.js`), which
`coprod voice import` reads. No question asks for a name and there
is no free text, so nothing typed can name anyone. Pure: it must not print, read the clock or
touch files.
"""

from __future__ import annotations

from typing import Any

from coprod_ladder.form.page_words import (
    in_both_languages,
    own_language_notices,
    plural_rule,
    translated,
)
from coprod_ladder.language import N_, NP_, gettext, html_lang, pgettext
from coprod_ladder.model import Rubric, VoiceGroup
from coprod_ladder.rendering.voice_words import (
    ABOUT_YOU,
    AGE_BAND_WORDS,
    AGE_BANDS_FOR,
    ANSWER_WORDS,
    HELPED_BY_WORDS,
)
from coprod_ladder.voice.model import VOICE_FORMAT, Collector
from coprod_ladder.voice.template import questions_for

#: The version of the voice form's page and response file, stamped in every file it saves.
VOICE_FORM_VERSION = "1"
#: Questions a page shows at once: few, so a page fits a phone's screen.
PER_PAGE = 4
HELP_KEY = "about.helped_by"
AGE_KEY = "about.age_band"

# The opening explanation and assent, in each group's words (short sentences, one idea each).
_INTRO: dict[VoiceGroup, str] = {
    # TRANSLATORS: to children aged 8 to 12: "ti", very plain words.
    VoiceGroup.CHILDREN: N_(
        "We want to know what you think about {service}. There are no right or wrong "
        "answers. You can stop at any time. You don't have to answer a question if you don't "
        "want to. Nobody will know which answers are yours: we do not ask your name."),
    # TRANSLATORS: to young people aged 13 and over: "ti".
    VoiceGroup.YOUNG_PEOPLE: N_(
        "We want to hear what you think about {service}, so we can make it better. You can "
        "stop at any time. You don't have to answer any question. Nobody will know which "
        "answers are yours: we do not ask your name, and your answers are added to everyone "
        "else's."),
    # TRANSLATORS: to parents and carers: "chi".
    VoiceGroup.PARENTS: N_(
        "We want to hear what you think about how {service} works with you and your family. "
        "You can stop at any time. You don't have to answer any question. Nobody will know "
        "which answers are yours: we do not ask your name, and your answers are added to "
        "everyone else's."),
}

# The page's words for every group (marked here, translated when a spec is made). Where one
# speaks to the reader, the Welsh for parents and carers says "chi", and `_TO_YOUNG` holds
# the same English again, for the Welsh that says "ti" to children and young people.
VOICE_FORM_STRINGS: dict[str, Any] = {
    "title": N_("What you think of {rubric}"),
    "kept": N_("Your answers stay on this device only while this page is open. When you save "
               "them, or close the page, they are wiped, so the next person cannot see them."),
    "progress": N_("Page {n} of {total}"),
    "progress_done": N_("Page {n} of {total}"),
    "section_nav": N_("Pages"),
    "previous": N_("Back"),
    "next": N_("Next"),
    "review": N_("The end"),
    "review_intro": N_("You can go back and change any answer before you save."),
    "review_open": "",
    "review_none": N_("Thank you for your answers so far."),
    "unanswered": "",
    "optional": "",
    "more_help": N_("More about this question"),
    "saved_note": N_("Your answers are kept on this page until you save them."),
    "about_title": N_("About you"),
    "questions_title": N_("Questions {first} to {last}"),
    "question_title": N_("Question {first}"),
    "finish_title": N_("Save your answers"),
    "finish_default": N_("Press the button to save your answers. Give the saved file to the "
                         "person who gave you this form."),
    "finish_back": N_("Then your answers are wiped from this page."),
    "save": N_("Save my answers"),
    "thanks_title": N_("Thank you"),
    "thanks": N_("Thank you for telling us what you think. Your answers are saved in a file, "
                 "and wiped from this page. Give the file to the person who gave you this "
                 "form."),
    "next_person": N_("Start again for the next person"),
    "no_script": N_("This form needs JavaScript, which your browser has turned off."),
    "file_header": [
        N_("coprod voice response file, saved by the easy-read form in a browser."),
        N_("Anonymous: no names. Read it in with: coprod voice import FILE --service SERVICE"),
    ],
}

# The sentences above that speak to the reader, again, for children and young people: the
# same English (tests/test_welsh_forms.py checks), its own Welsh ("ti", not "chi").
_TO_YOUNG: dict[str, str] = {
    "title": NP_("to a child or young person", "What you think of {rubric}"),
    "kept": NP_("to a child or young person",
                "Your answers stay on this device only while this page is open. When you save "
                "them, or close the page, they are wiped, so the next person cannot see them."),
    "review_intro": NP_("to a child or young person",
                        "You can go back and change any answer before you save."),
    "review_none": NP_("to a child or young person", "Thank you for your answers so far."),
    "saved_note": NP_("to a child or young person",
                      "Your answers are kept on this page until you save them."),
    "about_title": NP_("to a child or young person", "About you"),
    "finish_title": NP_("to a child or young person", "Save your answers"),
    "finish_default": NP_("to a child or young person",
                          "Press the button to save your answers. Give the saved file to the "
                          "person who gave you this form."),
    "finish_back": NP_("to a child or young person",
                       "Then your answers are wiped from this page."),
    "thanks": NP_("to a child or young person",
                  "Thank you for telling us what you think. Your answers are saved in a file, "
                  "and wiped from this page. Give the file to the person who gave you this "
                  "form."),
    "no_script": NP_("to a child or young person",
                     "This form needs JavaScript, which your browser has turned off."),
}
_YOUNG = frozenset({VoiceGroup.CHILDREN, VoiceGroup.YOUNG_PEOPLE})


def _strings(group: VoiceGroup) -> dict[str, Any]:
    """The page's words for `group`, in the language being spoken."""
    strings = translated(VOICE_FORM_STRINGS)
    if group in _YOUNG:
        strings.update({role: pgettext("to a child or young person", english)
                        for role, english in _TO_YOUNG.items()})
    return strings


#: Each scale answer's symbol (an inline SVG <symbol> in assets/voice_symbols.svg).
SYMBOLS = {answer.value: f"symbol-{answer.value}" for answer in ANSWER_WORDS}


def _choice_question(key: str, section: int, title: str,
                     choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {"key": key, "kind": "voice", "section": section, "title": title, "help": None,
            "more_help": [], "example": None, "input": "choice", "optional": True,
            "choices": choices, "counting_note": None, "scale": None, "details": None,
            "not_applicable": False, "evidence_required": False, "reason": None,
            "default": None, "when": None}


def _choice(value: str, label: str, symbol: str | None = None) -> dict[str, Any]:
    return {"id": value, "label": label, "description": None, "meets": False, "when": None,
            "symbol": symbol}


def _intro(group: VoiceGroup, service_name: str) -> str:
    # A whole sentence with the service's name filled in; braces in the name stay as typed.
    return gettext(_INTRO[group]).replace("{service}", service_name)


def voice_form_spec(rubric: Rubric, service_id: str, service_name: str,
                    group: VoiceGroup, *, bilingual: bool = False,
                    other_language: Rubric | None = None) -> dict[str, Any]:
    """The easy-read form's spec for one group: JSON-ready, the same for the same inputs.

    `bilingual`: every text in Welsh first and English beside it, whatever the language being
    spoken (`page_words.in_both_languages`; `other_language`: the same rubric loaded in the other
    language, needed only for a rubric file, not for coprod's shipped rubrics).
    """
    if bilingual:
        return in_both_languages(lambda shown: voice_form_spec(
            shown, service_id, service_name, group), rubric, other_language)
    strings = {**_strings(group), "intro": _intro(group, service_name)}
    # The voice words are rendering/voice_words.py's, marked there: translated here, at use.
    about = [_choice_question(HELP_KEY, 0, gettext(ABOUT_YOU["HELP"]),
                              [_choice(h.value, gettext(w)) for h, w in HELPED_BY_WORDS.items()])]
    if AGE_BANDS_FOR[group]:
        about.insert(0, _choice_question(AGE_KEY, 0, gettext(ABOUT_YOU["AGE"]),
                                         [_choice(b.value, gettext(AGE_BAND_WORDS[b]))
                                          for b in AGE_BANDS_FOR[group]]))
    scale = [_choice(a.value, gettext(w), SYMBOLS[a.value]) for a, w in ANSWER_WORDS.items()]
    asked = questions_for(rubric, group)
    sections = [{"title": strings["about_title"], "intro": None}]
    questions = about
    for start in range(0, len(asked), PER_PAGE):
        page = asked[start:start + PER_PAGE]
        template = strings["questions_title"] if len(page) > 1 else strings["question_title"]
        sections.append({"title": template.format(first=start + 1, last=start + len(page)),
                         "intro": None})
        questions += [_choice_question(f"item.{q.item}", len(sections) - 1, q.text, scale)
                      for q in page]
    return {
        **own_language_notices(rubric),
        "format": "coprod-form/1",
        "theme": "voice",
        "writer": "voice",
        "storage": "session",
        "file_controls": False,
        "symbols": True,
        "stamp": {"rubric": rubric.id, "version": rubric.version, "title": service_name,
                  "quick": False, "form_version": VOICE_FORM_VERSION},
        "storage_key": f"coprod-voice-form/{rubric.id}/{rubric.version}/{service_id}/"
                       f"{group.value}",
        "lang": html_lang(),
        "strings": strings,
        "plural_rule": plural_rule(),
        "send_to": None,
        "rules": {"min_reason_chars": 0, "min_reason_words": 0, "refused_reasons": [],
                  "seconds_per_question": 15},
        "sections": sections,
        "questions": questions,
        "duties": [], "types": [], "rungs": [],
        "items": {"criteria": [], "success_factors": [], "readiness": []},
        "prefill": {"answers": {}, "keep": {"tags": {}}},
        "voice": {"format": VOICE_FORMAT, "collector": Collector.COPROD_FORM.value,
                  "service": service_id, "group": group.value,
                  "help_key": HELP_KEY, "age_key": AGE_KEY if AGE_BANDS_FOR[group] else None,
                  "items": [q.item for q in asked],
                  "file_stem": f"{service_id}.{group.value}"},
    }
