"""The words people read for the voice scale, groups, age bands and helpers, in one place.

Every form, template and import reads the same labels from here, so "Not often" is spelled
the same on a Microsoft Form, on paper and in the import that reads them back. The sentences
the voice commands show are whole templates with named fields (`say_voice`), never glued from
pieces, so they can be translated. Reading a label back (`answer_from_words` and friends) is
forgiving about letter case, spacing and curly apostrophes, and nothing else. Pure: no I/O.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from coprod_ladder.model import VoiceGroup
from coprod_ladder.voice.model import AgeBand, HelpedBy, VoiceAnswer

ANSWER_WORDS: dict[VoiceAnswer, str] = {
    VoiceAnswer.NEVER: "Never",
    VoiceAnswer.NOT_OFTEN: "Not often",
    VoiceAnswer.SOMETIMES: "Sometimes",
    VoiceAnswer.MOSTLY: "Mostly",
    VoiceAnswer.ALWAYS: "Always",
    VoiceAnswer.DONT_KNOW: "Don't know",
    VoiceAnswer.RATHER_NOT_SAY: "Rather not say",
}
"""The one answer scale, in the order every form lists it."""

GROUP_WORDS: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: "Children (8 to 12)",
    VoiceGroup.YOUNG_PEOPLE: "Young people (13 and over)",
    VoiceGroup.PARENTS: "Parents and carers",
}

GROUPS_IN_SENTENCE: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: "children",
    VoiceGroup.YOUNG_PEOPLE: "young people",
    VoiceGroup.PARENTS: "parents and carers",
}
"""A group as a sentence names its members ("5 young people said ...")."""

GROUP_ONE_IN_SENTENCE: dict[VoiceGroup, str] = {
    VoiceGroup.CHILDREN: "child",
    VoiceGroup.YOUNG_PEOPLE: "young person",
    VoiceGroup.PARENTS: "parent or carer",
}
"""One member of a group, for the "-one" form of a sentence ("1 child answered.")."""

SCALE_IN_SENTENCE: tuple[str, ...] = tuple(
    ANSWER_WORDS[a].lower() for a in (VoiceAnswer.NEVER, VoiceAnswer.NOT_OFTEN,
                                      VoiceAnswer.SOMETIMES, VoiceAnswer.MOSTLY,
                                      VoiceAnswer.ALWAYS))
"""The scale's points 0-4 as a sentence says them ("said sometimes on average")."""

AGE_BAND_WORDS: dict[AgeBand, str] = {
    AgeBand.UNDER_8: "Under 8",
    AgeBand.FROM_8_TO_12: "8 to 12",
    AgeBand.FROM_13_TO_15: "13 to 15",
    AgeBand.FROM_16_TO_18: "16 to 18",
    AgeBand.FROM_19_TO_25: "19 to 25",
    AgeBand.ADULT: "Over 25",
    AgeBand.NOT_SAID: "Rather not say",
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
    HelpedBy.NOBODY: "Nobody, I did it myself",
    HelpedBy.FAMILY: "Someone in my family",
    HelpedBy.STAFF: "Someone who works here",
    HelpedBy.ADVOCATE: "An advocate",
    HelpedBy.OTHER: "Someone else",
    HelpedBy.NOT_SAID: "Rather not say",
}

#: The questions every form asks besides the rubric's, by their code.
ABOUT_YOU: dict[str, str] = {
    "AGE": "How old are you?",
    "HELP": "Who helped you fill this in?",
    "COMMENT": "Is there anything else you want to tell us? (You do not have to.)",
}

VOICE_SENTENCES: dict[str, str] = {
    "template-title": "What you think of {service}",
    "template-stamp": "Made by coprod from the rubric {rubric} version {version} for the "
                      "service {service}, for {group}.",
    "template-howto": (
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
    "template-choices": "Choices: {choices}",
    "template-written": "{group} template for {service}: {text} and {csv} ({count} questions)",
    "template-none": "the rubric {rubric} asks no questions of {group}; nothing to write",
    "form-written": ("{group} form for {service}: {path} ({count} questions). Send it, or "
                     "print it; each saved response file goes to coprod voice import."),
    "import-written": "{service}: {count} respondents from {files} files written to {path}",
    "import-written-one": "{service}: {count} respondents from 1 file written to {path}",
    "import-skipped": "skipped {file}, row {row}: {reason}",
    "import-skipped-count": "{count} rows skipped (--skip-bad-rows); the rest were imported",
    "import-skipped-count-one": "1 row skipped (--skip-bad-rows); the rest were imported",
    "import-nothing": "nothing written: fix the findings above, or pass --skip-bad-rows to "
                      "import the other rows",
    "import-dropped": "{file}: not stored: {columns}",
    "import-comments": "comments kept: they may hold a disclosure, so {reader} must read them "
                       "before anyone else does, and follow up any concern",
    "import-comments-no-reader": "comments kept: they may hold a disclosure, so the person who "
                                 "follows up concerns must read them before anyone else does; "
                                 "name that role with --lead or the rubric's "
                                 "voice.comments_read_by",
    "import-comments-dropped": "{file}: {count} comments not kept (pass --keep-comments to "
                               "keep them)",
    "import-comments-dropped-one": "{file}: 1 comment not kept (pass --keep-comments to keep "
                                   "it)",
    # "You said, we did": easy-read, for the people who answered. Short sentences, everyday
    # words, no scores (tests/test_voice_back.py measures them).
    "back-title": "{service}: you said, we did",
    "back-thanks": "Thank you. {count} people told us what it is like to use this service: "
                   "{who}.",
    "back-thanks-one": "Thank you. 1 person told us what it is like to use this service: "
                       "{who}.",
    "back-who": "{count} {group}",
    "back-who-one": "1 {group}",
    "back-heading-children": "What children told us",
    "back-heading-young-people": "What young people told us",
    "back-heading-parents": "What parents and carers told us",
    "back-group-answered": "{count} {group} answered.",
    "back-group-answered-one": "1 {group} answered.",
    "back-too-few": "{count} {group} answered. That is fewer than {min_group}, so we do not "
                    "show what they said here. We still counted it.",
    "back-too-few-one": "1 {group} answered. That is fewer than {min_group}, so we do not "
                        "show what they said here. We still counted it.",
    "back-most-heading": "Most often, you said this happens:",
    "back-fewest-heading": "You said this happens less:",
    "back-said-most": "{count} of you answered this. Most said mostly or always.",
    "back-said-some": "{count} of you answered this. Some said mostly or always.",
    "back-said-few": "{count} of you answered this. Only a few said mostly or always.",
    "back-promises-heading": "What we will do",
    "back-we-will": "We will: {text}",
    "back-we-will-by": "We will: {text} We will do this by {day}.",
    "back-not-said-yet": "We have not yet said what we will do about this.",
    "back-no-promises": "We have not yet said what we will do.",
    "back-date": "{day} {month} {year}",
    "back-done-heading": "What we said last time",
    "back-done": "We said: {text} We have done this.",
    "back-not-done": "We said: {text} We have not done this yet.",
    "back-more-heading": "Tell us more",
    "back-more": "To tell us more: {contact}",
    "back-more-staff": "To tell us more, talk to someone you know at the service.",
    "back-written": "wrote {html} and {md}: what {count} people said, and what the service "
                    "will do",
    "back-written-one": "wrote {html} and {md}: what 1 person said, and what the service will "
                        "do",
    "back-written-html": "wrote {html}: what {count} people said, and what the service will do",
    "back-written-html-one": "wrote {html}: what 1 person said, and what the service will do",
    "back-written-md": "wrote {md}: what {count} people said, and what the service will do",
    "back-written-md-one": "wrote {md}: what 1 person said, and what the service will do",
    "back-no-voice": "error: no voice file for the service '{service}' was found beside "
                     "{answers}; put the service's voice files there, or pass their folder "
                     "with --voice",
    "back-no-voice-dir": "error: no voice file for the service '{service}' was found beside "
                         "{answers} or under {voice}; put the service's voice files there, or "
                         "pass their folder with --voice",
    "back-stamp": "Made by coprod for {service}, from the questions in {rubric} {version}.",
}


def say_voice(key: str, **fields: object) -> str:
    """Fill one of the voice commands' sentences."""
    return VOICE_SENTENCES[key].format(**fields)


def say_count(key: str, count: int, **fields: object) -> str:
    """Fill a sentence about a count: its "-one" form for 1 (each a whole sentence)."""
    if count == 1 and f"{key}-one" in VOICE_SENTENCES:
        return say_voice(f"{key}-one", **fields)
    return say_voice(key, count=count, **fields)


_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def folded(text: str) -> str:
    """Text as labels are compared: lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip().casefold()


Choice = TypeVar("Choice", bound=StrEnum)


def _reader(words: dict[Choice, str]) -> dict[str, Choice]:
    """Every spelling a label is read back from: its words and its value in the file."""
    table = {folded(label): choice for choice, label in words.items()}
    table.update({folded(choice.value): choice for choice in words})
    return table


_ANSWERS = _reader(ANSWER_WORDS)
_AGE_BANDS = _reader(AGE_BAND_WORDS)
_HELPERS = _reader(HELPED_BY_WORDS)
_GROUPS = _reader(GROUP_WORDS)


def answer_from_words(cell: str) -> VoiceAnswer | None:
    """The scale answer a cell holds ("mostly", "Don’t know"), or None when it is off the scale."""
    return _ANSWERS.get(folded(cell))


def age_band_from_words(cell: str) -> AgeBand | None:
    """The age band a cell holds ("13 to 15" or "13-15"), or None."""
    return _AGE_BANDS.get(folded(cell))


def helper_from_words(cell: str) -> HelpedBy | None:
    """Who helped, from a cell ("Someone in my family" or "family"), or None."""
    return _HELPERS.get(folded(cell))


def group_from_words(cell: str) -> VoiceGroup | None:
    """The group a cell names ("Parents and carers" or "parents"), or None."""
    return _GROUPS.get(folded(cell))
