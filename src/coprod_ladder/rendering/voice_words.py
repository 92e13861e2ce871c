"""The words people read for the voice scale, groups, age bands and helpers, in one place.

Every form, template and import reads the same labels from here, so "Not often" is spelled
the same on a Microsoft Form, on paper and in the import that reads them back. The sentences
the voice commands show are whole templates with named fields (`say_voice`), never glued from
pieces, and translated when said. Every label is marked (`N_`) in its table, whose values
stay the English, and translated where it is shown (`answer_words` and friends, or `_` of
the entry). Reading a label back (`answer_from_words` and friends) takes it in any language
coprod speaks, and is forgiving about letter case, spacing and curly apostrophes, and
nothing else. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import TypeVar

from coprod_ladder.language import LANGUAGES, N_, NP_, _, ngettext, pgettext, using
from coprod_ladder.model import VoiceGroup
from coprod_ladder.voice.model import AgeBand, HelpedBy, VoiceAnswer

ANSWER_WORDS: dict[VoiceAnswer, str] = {
    VoiceAnswer.NEVER: N_("Never"),
    VoiceAnswer.NOT_OFTEN: N_("Not often"),
    VoiceAnswer.SOMETIMES: N_("Sometimes"),
    VoiceAnswer.MOSTLY: N_("Mostly"),
    VoiceAnswer.ALWAYS: N_("Always"),
    VoiceAnswer.DONT_KNOW: N_("Don't know"),
    VoiceAnswer.RATHER_NOT_SAY: N_("Rather not say"),
}
"""The one answer scale, in the order every form lists it."""

GROUP_WORDS: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: N_("Children (8 to 12)"),
    VoiceGroup.YOUNG_PEOPLE: N_("Young people (13 and over)"),
    VoiceGroup.PARENTS: N_("Parents and carers"),
}

GROUPS_IN_SENTENCE: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: N_("children"),
    VoiceGroup.YOUNG_PEOPLE: N_("young people"),
    VoiceGroup.PARENTS: N_("parents and carers"),
}
"""A group as a sentence names its members ("5 young people said ...")."""

GROUP_ONE_IN_SENTENCE: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: N_("child"),
    VoiceGroup.YOUNG_PEOPLE: N_("young person"),
    VoiceGroup.PARENTS: N_("parent or carer"),
}
"""One member of a group, for the "-one" form of a sentence ("1 child answered.")."""

_SCALE = (VoiceAnswer.NEVER, VoiceAnswer.NOT_OFTEN, VoiceAnswer.SOMETIMES, VoiceAnswer.MOSTLY,
          VoiceAnswer.ALWAYS)
SCALE_IN_SENTENCE: tuple[str, ...] = tuple(ANSWER_WORDS[a].lower() for a in _SCALE)
"""The scale's points 0-4 as a sentence says them ("said sometimes on average")."""

AGE_BAND_WORDS: dict[AgeBand, str] = {
    AgeBand.UNDER_8: N_("Under 8"),
    AgeBand.FROM_8_TO_12: N_("8 to 12"),
    AgeBand.FROM_13_TO_15: N_("13 to 15"),
    AgeBand.FROM_16_TO_18: N_("16 to 18"),
    AgeBand.FROM_19_TO_25: N_("19 to 25"),
    AgeBand.ADULT: N_("Over 25"),
    AgeBand.NOT_SAID: N_("Rather not say"),
}

AGE_BANDS_FOR: dict[VoiceGroup, tuple[AgeBand, ...]] = {
    VoiceGroup.CHILDREN: (AgeBand.UNDER_8, AgeBand.FROM_8_TO_12, AgeBand.FROM_13_TO_15,
                          AgeBand.NOT_SAID),
    VoiceGroup.YOUNG_PEOPLE: (AgeBand.FROM_13_TO_15, AgeBand.FROM_16_TO_18,
                              AgeBand.FROM_19_TO_25, AgeBand.NOT_SAID),
    VoiceGroup.PARENTS: (),
}
"""The age bands a group's form offers (parents are not asked their age)."""

HELPED_BY_WORDS: dict[HelpedBy, str] = {
    HelpedBy.NOBODY: N_("Nobody, I did it myself"),
    HelpedBy.FAMILY: N_("Someone in my family"),
    HelpedBy.STAFF: N_("Someone who works here"),
    HelpedBy.ADVOCATE: N_("An advocate"),
    HelpedBy.OTHER: N_("Someone else"),
    HelpedBy.NOT_SAID: N_("Rather not say"),
}

#: The questions every form asks besides the rubric's, by their code.
ABOUT_YOU: dict[str, str] = {
    "AGE": N_("How old are you?"),
    "HELP": N_("Who helped you fill this in?"),
    "COMMENT": N_("Is there anything else you want to tell us? (You do not have to.)"),
}

VOICE_SENTENCES: dict[str, str] = {
    "template-title": N_("What you think of {service}"),
    "template-stamp": N_("Made by coprod from the rubric {rubric} version {version} for the "
                         "service {service}, for {group}."),
    "template-howto": N_(
        "How to use this list\n"
        "1. Make a new form in Microsoft Forms, Google Forms or SmartSurvey. Call it: {title}\n"
        "2. Add each question below as a choice question (one answer), with its title exactly "
        "as written here, starting with its code in square brackets, such as [Q01]. Add the "
        "answer choices in the order given.\n"
        "3. Add the last question as a long text answer. Make no question required.\n"
        "4. Do not ask for names or email addresses: in Microsoft Forms, set who can fill it in "
        "to anyone, and do not record names.\n"
        "5. When the answers are in, download them (Excel or CSV) and run: "
        "coprod voice import FILE --service {service} --for {group_key}\n"
        "On paper, print the questions, and type each person's answers into a row of {csv}. "
        "The codes [Q01], [Q02] ... follow the order of the rubric's criteria, so they stay "
        "the same for every form made from version {version}."),
    "template-choices": N_("Choices: {choices}"),
    "template-written": N_("{group} template for {service}: {text} and {csv} ({count} "
                           "questions)"),
    "template-none": N_("the rubric {rubric} asks no questions of {group}; nothing to write"),
    "form-written": N_("{group} form for {service}: {path} ({count} questions). Send it, or "
                       "print it; each saved response file goes to coprod voice import."),
    "import-skipped": N_("skipped {file}, row {row}: {reason}"),
    "import-nothing": N_("nothing written: fix the findings above, or pass --skip-bad-rows to "
                         "import the other rows"),
    "import-dropped": N_("{file}: not stored: {columns}"),
    "import-comments": N_("comments kept: they may hold a disclosure, so {reader} must read "
                          "them before anyone else does, and follow up any concern"),
    "import-comments-no-reader": N_("comments kept: they may hold a disclosure, so the person "
                                    "who follows up concerns must read them before anyone "
                                    "else does; name that role with --lead or the rubric's "
                                    "voice.comments_read_by"),
    # "You said, we did": easy-read, for the people who answered. Short sentences, everyday
    # words, no scores (tests/test_voice_back.py measures them).
    "back-title": N_("{service}: you said, we did"),
    "back-heading-children": N_("What children told us"),
    "back-heading-young-people": N_("What young people told us"),
    "back-heading-parents": N_("What parents and carers told us"),
    "back-most-heading": N_("Most often, you said this happens:"),
    "back-fewest-heading": N_("You said this happens less:"),
    "back-said-most": N_("{count} of you answered this. Most said mostly or always."),
    "back-said-some": N_("{count} of you answered this. Some said mostly or always."),
    "back-said-few": N_("{count} of you answered this. Only a few said mostly or always."),
    "back-promises-heading": N_("What we will do"),
    "back-we-will": N_("We will: {text}"),
    "back-we-will-by": N_("We will: {text} We will do this by {day}."),
    "back-not-said-yet": N_("We have not yet said what we will do about this."),
    "back-no-promises": N_("We have not yet said what we will do."),
    "back-date": N_("{day} {month} {year}"),
    "back-done-heading": N_("What we said last time"),
    "back-done": N_("We said: {text} We have done this."),
    "back-not-done": N_("We said: {text} We have not done this yet."),
    "back-more-heading": N_("Tell us more"),
    "back-more": N_("To tell us more: {contact}"),
    "back-more-staff": N_("To tell us more, talk to someone you know at the service."),
    "back-no-voice": N_("error: no voice file for the service '{service}' was found beside "
                        "{answers}; put the service's voice files there, or pass their folder "
                        "with --voice"),
    "back-no-voice-dir": N_("error: no voice file for the service '{service}' was found beside "
                            "{answers} or under {voice}; put the service's voice files there, "
                            "or pass their folder with --voice"),
    "back-stamp": N_("Made by coprod for {service}, from the questions in {rubric} "
                     "{version}."),
}
"""The voice commands' sentences that do not depend on a count, by key."""

# Sentences about a count, by key: the field whose number picks the form, and the message
# with its singular and plural (Welsh has six forms). The calls run when a sentence is said.
VOICE_COUNT_SENTENCES: dict[str, tuple[str, Callable[[int], str]]] = {
    "import-written": ("files", lambda n: ngettext(
        "{service}: {count} respondents from {files} file written to {path}",
        "{service}: {count} respondents from {files} files written to {path}", n)),
    "import-skipped-count": ("count", lambda n: ngettext(
        "{count} row skipped (--skip-bad-rows); the rest were imported",
        "{count} rows skipped (--skip-bad-rows); the rest were imported", n)),
    "import-comments-dropped": ("count", lambda n: ngettext(
        "{file}: {count} comment not kept (pass --keep-comments to keep it)",
        "{file}: {count} comments not kept (pass --keep-comments to keep them)", n)),
    "back-thanks": ("count", lambda n: ngettext(
        "Thank you. {count} person told us what it is like to use this service: {who}.",
        "Thank you. {count} people told us what it is like to use this service: {who}.", n)),
    "back-written": ("count", lambda n: ngettext(
        "wrote {html} and {md}: what {count} person said, and what the service will do",
        "wrote {html} and {md}: what {count} people said, and what the service will do", n)),
    "back-written-html": ("count", lambda n: ngettext(
        "wrote {html}: what {count} person said, and what the service will do",
        "wrote {html}: what {count} people said, and what the service will do", n)),
    "back-written-md": ("count", lambda n: ngettext(
        "wrote {md}: what {count} person said, and what the service will do",
        "wrote {md}: what {count} people said, and what the service will do", n)),
}
"""The voice sentences about a count (see `say_count`)."""

# What a group's part of "You said, we did" says about how many answered: one message per
# group, so each language words the group for each count.
_GROUP_ANSWERED: dict[VoiceGroup, Callable[[int], str]] = {
    VoiceGroup.CHILDREN: lambda n: ngettext("{count} child answered.",
                                            "{count} children answered.", n),
    VoiceGroup.YOUNG_PEOPLE: lambda n: ngettext("{count} young person answered.",
                                                "{count} young people answered.", n),
    VoiceGroup.PARENTS: lambda n: ngettext("{count} parent or carer answered.",
                                           "{count} parents and carers answered.", n),
}
_GROUP_TOO_FEW: dict[VoiceGroup, Callable[[int], str]] = {
    VoiceGroup.CHILDREN: lambda n: ngettext(
        "{count} child answered. That is fewer than {min_group}, so we do not show what they "
        "said here. We still counted it.",
        "{count} children answered. That is fewer than {min_group}, so we do not show what "
        "they said here. We still counted it.", n),
    VoiceGroup.YOUNG_PEOPLE: lambda n: ngettext(
        "{count} young person answered. That is fewer than {min_group}, so we do not show "
        "what they said here. We still counted it.",
        "{count} young people answered. That is fewer than {min_group}, so we do not show "
        "what they said here. We still counted it.", n),
    VoiceGroup.PARENTS: lambda n: ngettext(
        "{count} parent or carer answered. That is fewer than {min_group}, so we do not show "
        "what they said here. We still counted it.",
        "{count} parents and carers answered. That is fewer than {min_group}, so we do not "
        "show what they said here. We still counted it.", n),
}
_GROUP_WHO: dict[VoiceGroup, Callable[[int], str]] = {
    VoiceGroup.CHILDREN: lambda n: ngettext("{count} child", "{count} children", n),
    VoiceGroup.YOUNG_PEOPLE: lambda n: ngettext("{count} young person", "{count} young people",
                                                n),
    VoiceGroup.PARENTS: lambda n: ngettext("{count} parent or carer",
                                           "{count} parents and carers", n),
}


def say_voice(key: str, **fields: object) -> str:
    """Say one of the voice commands' sentences in the language in use.

    A counted sentence's key with "-one" says its form for 1 (the field that counts is 1).
    """
    if key in VOICE_SENTENCES:
        return _(VOICE_SENTENCES[key]).format(**fields)
    base = key.removesuffix("-one")
    by, sentence = VOICE_COUNT_SENTENCES[base]
    if base != key:
        fields = {**fields, by: 1}
    count = fields[by]
    assert isinstance(count, int)
    return sentence(count).format(**fields)


def say_count(key: str, count: int, **fields: object) -> str:
    """Say a sentence about a count (`count` fills its {count}) in the form for that count."""
    return say_voice(key, **{**fields, "count": count})


def group_answered(group: VoiceGroup, count: int, *, min_group: int | None = None) -> str:
    """How many of a group answered, for "You said, we did"; with `min_group`, that they are
    too few to be shown on their own."""
    if min_group is None:
        return _GROUP_ANSWERED[group](count).format(count=count)
    return _GROUP_TOO_FEW[group](count).format(count=count, min_group=min_group)


def group_who(group: VoiceGroup, count: int) -> str:
    """How many of a group answered, as a list of who answered says it ("1 child")."""
    return _GROUP_WHO[group](count).format(count=count)


def answer_words(answer: VoiceAnswer) -> str:
    """A point of the answer scale as a form lists it, in the language in use ("Not often")."""
    return _(ANSWER_WORDS[answer])


def group_words(group: VoiceGroup) -> str:
    """A group as a heading or table names it, in the language in use."""
    return _(GROUP_WORDS[group])


def group_in_sentence(group: VoiceGroup) -> str:
    """A group as a sentence names its members, in the language in use ("young people")."""
    return _(GROUPS_IN_SENTENCE[group])


def scale_in_sentence(point: int) -> str:
    """A point 0-4 of the scale as a sentence says it, in the language in use ("sometimes")."""
    return _(ANSWER_WORDS[_SCALE[point]]).lower()


def age_band_words(band: AgeBand) -> str:
    """An age band as a form lists it, in the language in use."""
    return _(AGE_BAND_WORDS[band])


def helped_by_words(helper: HelpedBy) -> str:
    """Who helped, as a form lists it, in the language in use."""
    return _(HELPED_BY_WORDS[helper])


#: The context of the words a form says to a child or young person: Welsh speaks to them as
#: "ti", and to parents and carers as "chi".
TO_THE_YOUNG = "to a child or young person"
# The same messages with that context, marked here so the catalogue has them (the context is
# written out: the extractor reads only literal text).
_YOUNG_ABOUT_YOU = (NP_("to a child or young person", "How old are you?"),
                    NP_("to a child or young person", "Who helped you fill this in?"),
                    NP_("to a child or young person", "Is there anything else you want to "
                                                      "tell us? (You do not have to.)"),
                    NP_("to a child or young person", "What you think of {service}"))


def _to(group: VoiceGroup | None, message: str) -> str:
    if group in (VoiceGroup.CHILDREN, VoiceGroup.YOUNG_PEOPLE):
        return pgettext(TO_THE_YOUNG, message)
    return _(message)


def about_you(code: str, group: VoiceGroup | None = None) -> str:
    """One of the questions every form asks besides the rubric's, in the language in use,
    as it is said to `group` (a child or young person is spoken to as a child, in Welsh)."""
    return _to(group, ABOUT_YOU[code])


def form_title(service: str, group: VoiceGroup | None = None) -> str:
    """A voice form's title, as it is said to `group` (see `about_you`)."""
    return _to(group, VOICE_SENTENCES["template-title"]).format(service=service)


_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def folded(text: str) -> str:
    """Text as labels are compared: lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip().casefold()


Choice = TypeVar("Choice", bound=StrEnum)


def _reader(words: dict[Choice, str]) -> dict[str, Choice]:
    """Every spelling a label is read back from: its words in every language coprod speaks,
    and its value in the file (a form made in Welsh is read back as one made in English)."""
    table: dict[str, Choice] = {}
    for lang in LANGUAGES:
        with using(lang):
            for choice, label in words.items():
                table.setdefault(folded(_(label)), choice)
    table.update({folded(choice.value): choice for choice in words})
    return table


# Built on first use, not at import: the labels' translations are read then.
@cache
def _answers() -> dict[str, VoiceAnswer]:
    return _reader(ANSWER_WORDS)


@cache
def _age_bands() -> dict[str, AgeBand]:
    return _reader(AGE_BAND_WORDS)


@cache
def _helpers() -> dict[str, HelpedBy]:
    return _reader(HELPED_BY_WORDS)


@cache
def _groups() -> dict[str, VoiceGroup]:
    return _reader(GROUP_WORDS)


def answer_from_words(cell: str) -> VoiceAnswer | None:
    """The scale answer a cell holds ("mostly", "Don’t know"), or None when it is off the scale."""
    return _answers().get(folded(cell))


def age_band_from_words(cell: str) -> AgeBand | None:
    """The age band a cell holds ("13 to 15" or "13-15"), or None."""
    return _age_bands().get(folded(cell))


def helper_from_words(cell: str) -> HelpedBy | None:
    """Who helped, from a cell ("Someone in my family" or "family"), or None."""
    return _helpers().get(folded(cell))


def group_from_words(cell: str) -> VoiceGroup | None:
    """The group a cell names ("Parents and carers" or "parents"), or None."""
    return _groups().get(folded(cell))
