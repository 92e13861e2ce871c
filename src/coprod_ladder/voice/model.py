"""The voice file format (`coprod-voice/1`) and the one scale every voice question uses.

A voice file holds one service's respondents as anonymous rows: their group, age band, who
helped them answer, and their answers on the voice scale; free text only when the operator
kept it. It never holds names, emails or anything that says who answered. This module owns the
shape and the scale's points; checks against the rubric live in `voice.read`, and the words
people read for each scale answer live in the rendering layer. It must not read files or print.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from coprod_ladder.language import _
from coprod_ladder.model import Identifier, RubricRef, ShortText, Strict, Text, VoiceGroup

VOICE_FORMAT: Literal["coprod-voice/1"] = "coprod-voice/1"


class VoiceAnswer(StrEnum):
    """The one answer scale for every voice question, in every form, template and import."""

    NEVER = "never"
    NOT_OFTEN = "not-often"
    SOMETIMES = "sometimes"
    MOSTLY = "mostly"
    ALWAYS = "always"
    DONT_KNOW = "dont-know"
    RATHER_NOT_SAY = "rather-not-say"


SCALE_POINTS: dict[VoiceAnswer, int] = {
    VoiceAnswer.NEVER: 0, VoiceAnswer.NOT_OFTEN: 1, VoiceAnswer.SOMETIMES: 2,
    VoiceAnswer.MOSTLY: 3, VoiceAnswer.ALWAYS: 4,
}
"""Points for the five answers on the scale; "don't know" and "rather not say" have none and
are counted apart, never as a low answer."""
SCALE_TOP = 4
AGREES = frozenset({VoiceAnswer.MOSTLY, VoiceAnswer.ALWAYS})
"""The answers that say a practice happens (for the share who agree)."""


class AgeBand(StrEnum):
    """Age bands, wide enough that a band never points at one person."""

    UNDER_8 = "under-8"
    FROM_8_TO_12 = "8-12"
    FROM_13_TO_15 = "13-15"
    FROM_16_TO_18 = "16-18"
    FROM_19_TO_25 = "19-25"
    ADULT = "adult"
    NOT_SAID = "not-said"


class HelpedBy(StrEnum):
    """Who helped the person fill in the form (the children's FFT records this too)."""

    NOBODY = "nobody"
    FAMILY = "family"
    STAFF = "staff"
    ADVOCATE = "advocate"
    OTHER = "other"
    NOT_SAID = "not-said"


class Collector(StrEnum):
    """Where the answers came from."""

    COPROD_FORM = "coprod-form"
    PAPER = "paper"
    MICROSOFT_FORMS = "microsoft-forms"
    GOOGLE_FORMS = "google-forms"
    CSV = "csv"


class VoiceSource(Strict):
    """How the answers were collected: the tool, the form version, and the files read."""

    collector: Collector
    form_version: ShortText | None = None
    files: list[ShortText] = Field(default_factory=list)
    """File names only (never a path that could name a person's folder)."""


class Respondent(Strict):
    """One person's answers, with no name or contact: an id unique in the file, nothing more."""

    id: Identifier
    group: VoiceGroup
    age_band: AgeBand = AgeBand.NOT_SAID
    helped_by: HelpedBy = HelpedBy.NOT_SAID
    answers: dict[Identifier, VoiceAnswer] = Field(default_factory=dict)
    comment: Text | None = None
    """Free text, kept only when the operator asked for it (`--keep-comments`)."""


class VoiceFile(Strict):
    """What children, young people and families said about one service, for one rubric."""

    format: Literal["coprod-voice/1"] = VOICE_FORMAT
    rubric: RubricRef
    service: Identifier
    source: VoiceSource | None = None
    collected_from: dt.date | None = None
    collected_to: dt.date | None = None
    respondents: list[Respondent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> VoiceFile:
        if (self.collected_from and self.collected_to
                and self.collected_from > self.collected_to):
            raise ValueError(_("collected_from is after collected_to; swap them"))
        return self
