"""The rubric and answers file formats, as pydantic models.

This module owns the shape of the data: field names, types, and the structural rules without
which scoring would be nonsense. Cross-references (a criterion naming an unknown rung, duplicate
ids) are checked in `rubric.checks` and `answers.checks`, where they get positions and codes.
It must not read files, print, or know about YAML.

Long module: the rubric, its voice questions and the answers files are one contract, read
side by side when a format changes; split, each part would import the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80),
]
"""Stable, readable ids: lower-case letters, digits, '-', '_' and '.'; used in diffs and errors."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors (they are nearly always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------------------------
# Rubric
# --------------------------------------------------------------------------------------------


# A band's values are the ids a rubric file writes (`band: doing with`); the words reports show
# are in `rendering/labels.py`, so a translation changes no rubric. (A comment, not the
# docstring, which is the rubric schema's description.)
class Band(StrEnum):
    """The three plain-English groups councils use for ladder rungs."""

    DOING_TO = "doing to"
    DOING_FOR = "doing for"
    DOING_WITH = "doing with"


class Effort(StrEnum):
    """Rough effort of a next step, so quick wins can be told apart from long projects."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ItemKind(StrEnum):
    """What a rubric item is: the three kinds share one id namespace and are answered alike.

    The values are stable ids (JSON carries them); the words reports show ("success factor")
    are in `rendering/labels.py`.
    """

    CRITERION = "criterion"
    SUCCESS_FACTOR = "success_factor"
    READINESS_STEP = "readiness_step"


class Attribution(Strict):
    """Credit to a framework the rubric draws on."""

    framework: ShortText
    credit: Text
    url: ShortText | None = None


class Source(Strict):
    """A work the rubric cites."""

    id: Identifier
    title: ShortText
    author: ShortText | None = None
    year: int | None = None
    url: ShortText | None = None


class OverallRule(Strict):
    """How the profile by type of co-production is summed up in one overall rung.

    `breadth`: the highest rung that at least `types` in-scope types reach, and never more than
    `max_drop` rungs below the best type. Leaving a type out can never raise it, and one strong
    type is never hidden by weaker ones.
    """

    rule: Literal["breadth"] = "breadth"
    types: int = Field(default=2, ge=1, le=20)
    max_drop: int = Field(default=1, ge=0, le=20)
    explanation: Text | None = None


class ScoringRule(Strict):
    """How answers place each type of co-production, and the service, on a rung.

    `gated`: a type stands on the highest rung whose criteria are all met (with evidence where
    asked), as long as nothing on a rung below it is answered as not in place.
    `threshold`: the same, but a rung counts once `min_share` of its criteria are met.
    Unanswered questions never count as "not in place": they make the placement provisional,
    and below `min_coverage` (the share of in-scope questions answered) the service is not yet
    placed; the share is of every question in the rubric, so declaring types out of scope never
    places a service. A not-applicable or out-of-scope reason must have at least
    `min_reason_chars` characters and `min_reason_words` words, and must not be one of the
    stock phrases in `refused_reasons` ("not relevant", "n/a": compared without case or
    punctuation). With `validation_for_doing_with`, a "doing with" rung that rests on nothing
    validated by children, young people or families is provisional.
    """

    rule: Literal["gated", "threshold"] = "gated"
    min_share: float | None = Field(default=None, gt=0, le=1)
    explanation: Text | None = None
    overall: OverallRule = Field(default_factory=OverallRule)
    min_coverage: float = Field(default=0.15, ge=0, le=1)
    min_reason_chars: int = Field(default=12, ge=0, le=200)
    min_reason_words: int = Field(default=0, ge=0, le=40)
    refused_reasons: list[ShortText] = Field(default_factory=list)
    validation_for_doing_with: bool = True


class PlainLanguage(Strict):
    """The plain-language thresholds `rubric check` warns against (docs: Plain-language checks).

    Statements (criterion statements and the summaries of success factors and readiness steps,
    which is what assess asks) have at most `max_statement_words` words; hints, guidance,
    indicators and rung, type and risk summaries at most `max_text_words`. All of them need a
    Flesch reading ease of at least `min_reading_ease`. With `two_asks`, a statement that
    likely joins two asks with "and" or "or" is reported.
    """

    max_statement_words: int = Field(default=25, ge=5, le=200)
    max_text_words: int = Field(default=60, ge=5, le=400)
    min_reading_ease: float = Field(default=60.0, ge=-100, le=121)
    two_asks: bool = True


class AnswerOption(Strict):
    """One answer a manager can give, and whether it counts as meeting the criterion.

    `unknown` marks a "don't know" option: it counts as unanswered (a gap in knowledge, never
    "not in place"), so it must not also meet the criterion.
    """

    id: Identifier
    label: ShortText
    meets: bool
    unknown: bool = False
    description: Text | None = None
    voice_point: int | None = Field(default=None, ge=0, le=4)
    """Where this answer sits on the voice scale (0 never ... 4 always), so what the service
    says can be set beside what families say; absent, the answer is not compared."""


class AnswerSet(Strict):
    """A reusable answer scale, best answer first."""

    id: Identifier
    name: ShortText
    options: list[AnswerOption]


class Jurisdiction(Strict):
    """A country whose law a service works to (`service.jurisdiction`; else the rubric's first).
    `law`: its participation law in brief, for reports; `maps`: the item mappings (`maps_to`
    keys, such as the Wales standards) reports show for a service there, with their names."""

    id: Identifier
    name: ShortText
    law: Text | None = None
    maps: dict[Identifier, ShortText] = Field(default_factory=dict)


LawText = dict[Identifier, Text]  # jurisdiction id -> the text for a service there


class Rung(Strict):
    """One rung of the ladder; `level` 1 is the bottom."""

    id: Identifier
    level: int = Field(ge=1, le=20)
    name: ShortText
    band: Band
    summary: Text
    in_practice: Text
    maps_to: dict[Identifier, ShortText] = Field(default_factory=dict)


class Activity(Strict):
    """A type of co-production (co-design, co-delivery, ...).

    A service may declare a type out of scope, with a reason, unless `always_in_scope`. The
    overall rung never stands above the best rung of the service's main work: the types it
    names, those the rubric keeps always in scope, and those main for a duty the service has
    (`main_work_for`). A rubric with no type always in scope leaves a service that names no
    main work to the breadth rule alone.
    """

    id: Identifier
    name: ShortText
    summary: Text
    example: Text | None = None
    always_in_scope: bool = False
    main_work_for: list[Identifier] = Field(default_factory=list)
    """Duties (ids from the rubric's `duties`) that make this type part of a service's main
    work; a type kept `always_in_scope` is main work for every service."""


class VoiceGroup(StrEnum):
    """The groups of people a service works with who can answer its voice questions."""

    CHILDREN = "children"
    """Children of about 8 to 12."""
    YOUNG_PEOPLE = "young-people"
    """Young people of 13 and over."""
    PARENTS = "parents"
    """Parents and carers."""


class VoiceQuestions(Strict):
    """How one item is asked of children, young people or parents, about their own experience.

    `ask` holds one question per group that can answer it, in that group's words ("When you
    told staff what you thought, did they tell you what happened next?"); every question uses
    the one voice scale (never ... always). An item families cannot see (budgets, staff
    policy) says why in `not_asked` instead.
    """

    ask: dict[VoiceGroup, ShortText] = Field(default_factory=dict)
    easy_read: bool = False
    """true when the questions were written to easy-read rules (short, one idea, no jargon)."""
    not_asked: ShortText | None = None

    def __hash__(self) -> int:
        # Criteria are frozen and hashed (sets of criteria in scoring and its tests); `ask` is
        # a dict, which pydantic's generated hash cannot hash, so hash its items instead.
        return hash((tuple(sorted(self.ask.items())), self.easy_read, self.not_asked))

    @model_validator(mode="after")
    def _asked_or_not(self) -> VoiceQuestions:
        if bool(self.ask) == (self.not_asked is not None):
            raise ValueError("give either ask (a question per group) or not_asked "
                             "(why families cannot answer this item), not both or neither")
        return self


class VoiceRules(Strict):
    """How a rubric weighs what children, young people and families say.

    Points on the voice scale run 0 (never) to 4 (always). A group smaller than `min_group`
    is never shown on its own. A service answer higher than a group's by more than
    `blind_spot_margin` of the scale is a blind spot; lower by as much, a hidden strength.
    A group confirms an item when at least `confirm_min_respondents` answered on the scale
    and at least `confirm_share` of them said mostly or always.
    """

    min_group: int = Field(default=5, ge=1, le=100)
    blind_spot_margin: float = Field(default=1 / 3, gt=0, lt=1)
    confirm_min_respondents: int = Field(default=5, ge=1, le=1000)
    confirm_share: float = Field(default=0.5, gt=0, le=1)
    max_question_words: int = Field(default=20, ge=5, le=60)
    min_reading_ease: float = Field(default=70.0, ge=-100, le=121)
    comments_read_by: ShortText | None = None
    """Who reads free-text comments first, in case one holds a disclosure (a role, not a name)."""


class Criterion(Strict):
    """Something a service does that places it on a rung for one activity."""

    id: Identifier
    activity: Identifier
    rung: Identifier
    statement: Text
    help: Text | None = None
    required: bool = True
    evidence_required: bool = False
    not_applicable_allowed: bool = False
    answer_set: Identifier
    guidance: Text | None = None
    effort: Effort = Effort.MEDIUM
    law: LawText = Field(default_factory=dict)  # reports cite the service's country's
    maps_to: dict[Identifier, ShortText] = Field(default_factory=dict)  # other frameworks
    voice: VoiceQuestions | None = None
    """The item asked of children, young people or parents (absent: not written yet)."""


class Factor(Strict):
    """A critical success factor or an organisational readiness step, rated on a scale.

    `gates` lists rungs a service cannot stand on while this factor is rated as not met (a
    rubric should gate only what the team itself can change). `owner` says who usually acts on
    it: most success factors and readiness steps belong to the wider organisation.
    """

    id: Identifier
    name: ShortText
    summary: Text
    indicators: list[Text] = Field(default_factory=list)
    answer_set: Identifier
    guidance: Text | None = None
    gates: list[Identifier] = Field(default_factory=list)
    source: Identifier | None = None
    owner: Literal["organisation", "service"] = "organisation"
    law: LawText = Field(default_factory=dict)  # reports cite the service's country's
    maps_to: dict[Identifier, ShortText] = Field(default_factory=dict)  # other frameworks
    jurisdictions: list[Identifier] = Field(default_factory=list)  # empty: every country


class Trigger(Strict):
    """An answer pattern: `item` (criterion or factor id) answered with one of `answers`.

    The pseudo-answer `unanswered` matches an item with no answer yet, and `unvalidated` a
    claim that meets the item but has not been validated by children, young people or families.
    A risk is raised once the `weight`s of its matching triggers add up to its `min_matches`,
    so one pattern serious enough on its own can carry the whole weight.
    """

    item: Identifier
    answers: list[Identifier] = Field(min_length=1)
    weight: int = Field(default=1, ge=1, le=20)


class Risk(Strict):
    """A known risk of co-production, the answers that raise it, and how to mitigate it."""

    id: Identifier
    name: ShortText
    summary: Text
    raised_when: list[Trigger] = Field(min_length=1)
    min_matches: int = Field(default=1, ge=1)
    mitigation: Text


class StatutoryFloor(Strict):
    """The lowest rung the law or statutory guidance expects for one type of co-production.

    A target set below a floor, and a type standing below it, are reported (never silently
    accepted). `when_duty` limits the floor to services that have that duty (one of the
    rubric's `duties`, declared in the answers' `service.duties`, or the older tag
    `duty: <id>`); `when_tags` to services whose tags all match; `jurisdictions` to those
    countries. Else it applies to every service with the type in scope. `law`: the duty's
    text per country (`duty` for one it does not name).
    """

    id: Identifier
    activity: Identifier
    rung: Identifier
    duty: Text
    when_duty: Identifier | None = None
    when_tags: dict[Identifier, ShortText] = Field(default_factory=dict)
    source: Identifier | None = None
    jurisdictions: list[Identifier] = Field(default_factory=list)
    law: LawText = Field(default_factory=dict)


class Duty(Strict):
    """A legal duty or kind of work a service may have (children in care, SEND, own plans).

    `coprod assess` asks `question`; statutory floors (`when_duty`) and main work
    (`Activity.main_work_for`) follow the answer.
    """

    id: Identifier
    name: ShortText
    question: ShortText


ItemMove = Identifier | list[Identifier] | None
"""Where an earlier version's item went: one id (kept, renamed, or merged when several old ids
name it), several ids (split: the answer is copied to each) or null (removed)."""


class Release(Strict):
    """What changed in one version of a rubric, and how answers to the version it replaces map.

    Maps name ids of the earlier version (`replaces`) on the left and ids of this version on
    the right. An id left out of `items`, `rungs` or `activities` is kept as it is. Answer
    options are mapped per answer set of this version: `answer_options[set][old] = new`.

    A council's copy of another rubric records where it came from: the release that adopted
    it names that rubric in `replaces_rubric`, and the releases it kept from that rubric's own
    history name it in `rubric`, so answers written for any of its versions still read.
    """

    version: SemVer
    replaces: SemVer
    summary: Text
    rubric: Identifier | None = None
    replaces_rubric: Identifier | None = None
    rungs: dict[Identifier, Identifier] = Field(default_factory=dict)
    activities: dict[Identifier, Identifier] = Field(default_factory=dict)
    answer_options: dict[Identifier, dict[Identifier, Identifier]] = Field(default_factory=dict)
    items: dict[Identifier, ItemMove] = Field(default_factory=dict)


@dataclass(frozen=True)
class TextLanguage:
    """The language a rubric's texts are shown in, when it is not the English they were
    written in: which texts had no current translation and are shown in English (keys, see
    rubric.translation), and how many of those used are drafts awaiting review."""

    lang: str
    in_english: tuple[str, ...] = ()
    drafts: int = 0


class Rubric(Strict):
    """A whole rubric: ladder, activities, criteria, success factors, readiness and risks."""

    format: Literal["coprod-rubric/1"] = "coprod-rubric/1"
    id: Identifier
    version: SemVer
    title: ShortText
    summary: Text
    licence: ShortText
    attribution: list[Attribution] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    scoring: ScoringRule = Field(default_factory=ScoringRule)
    plain_language: PlainLanguage = Field(default_factory=PlainLanguage)
    voice: VoiceRules = Field(default_factory=VoiceRules)
    answer_sets: list[AnswerSet] = Field(min_length=1)
    rungs: list[Rung] = Field(min_length=2)
    activities: list[Activity] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    success_factors: list[Factor] = Field(default_factory=list)
    readiness: list[Factor] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    statutory_floors: list[StatutoryFloor] = Field(default_factory=list)
    duties: list[Duty] = Field(default_factory=list)
    jurisdictions: list[Jurisdiction] = Field(default_factory=list)  # the first: the default
    history: list[Release] = Field(default_factory=list)
    # Set only on a translated copy (rubric.in_language): reports say what is still English.
    _text_language: TextLanguage | None = PrivateAttr(default=None)

    @property
    def text_language(self) -> TextLanguage | None:
        """How this rubric's texts were translated (None: the English it was written in)."""
        return self._text_language

    def release_version(self, release: Release) -> tuple[str, str]:
        """Return (rubric id, version) of the version a release made."""
        return (release.rubric or self.id, release.version)

    def replaced_version(self, release: Release) -> tuple[str, str]:
        """Return (rubric id, version) of the version a release replaced."""
        return (release.replaces_rubric or release.rubric or self.id, release.replaces)

    # Lookups. The rubric is frozen and validated, so these are computed on demand; callers
    # that need them in a loop build them once.
    def rung_by_id(self) -> dict[str, Rung]:
        """Map rung id to rung."""
        return {r.id: r for r in self.rungs}

    def answer_set_by_id(self) -> dict[str, AnswerSet]:
        """Map answer-set id to answer set."""
        return {a.id: a for a in self.answer_sets}

    def rungs_in_order(self) -> list[Rung]:
        """Return the rungs bottom first."""
        return sorted(self.rungs, key=lambda r: r.level)


class CheckedRubric(Rubric):
    """A rubric that passed every check in `rubric.checks`: the only kind `score()` takes.

    Only the loader makes one (`rubric.load.parse_rubric` or `load_rubric`), after the checks
    found no error, so every id a criterion, factor or gate names is known and scoring can
    never meet an unknown rung. Building one directly, or validating data into one, is
    refused; the loader uses `model_construct`, which skips validation it has already done.
    """

    @model_validator(mode="before")
    @classmethod
    def _made_by_the_loader_only(cls, data: Any) -> Any:
        raise TypeError("a CheckedRubric is made only by the loader (load_rubric or "
                        "parse_rubric in coprod_ladder.rubric.load), which checks it first")


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


class RubricRef(Strict):
    """Which rubric, and which version of it, an answers file answers."""

    id: Identifier
    version: SemVer


class Service(Strict):
    """The service being assessed."""

    id: Identifier
    name: ShortText
    team: ShortText | None = None
    tags: dict[Identifier, ShortText] = Field(default_factory=dict)
    duties: list[Identifier] = Field(default_factory=list)
    """The rubric's duties that apply to this service (children in care, SEND, ...)."""
    jurisdiction: Identifier | None = None  # absent: the rubric's first (England by default)
    contact: ShortText | None = None
    """How children, young people and families can tell the service more ("you said, we
    did" shows it)."""


class Evidence(Strict):
    """One piece of evidence: what it is, where it is kept, and its date."""

    what: Text
    where: ShortText | None = None
    date: dt.date | None = None


class Validation(Strict):
    """Who among children, young people or families checked a claim, and when."""

    by: ShortText
    on: dt.date | None = None


class WeWill(Strict):
    """What the service tells the people who answered it will do about one item, and by when."""

    text: Text
    by: dt.date | None = None


class CriterionAnswer(Strict):
    """A manager's answer to one criterion.

    `answer` absent means skipped for later (counted as not yet answered). `not_applicable`
    holds the justification when the manager marks the criterion as not applying.
    """

    answer: Identifier | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    cyp_say: Text | None = None
    validated: Validation | None = None
    not_applicable: Text | None = None
    note: Text | None = None
    we_will: WeWill | None = None
    """What the service will do about it, in words for the people who answered (shown on
    their "you said, we did" page)."""


class FactorAnswer(Strict):
    """A rating of a success factor or readiness step, with its evidence."""

    answer: Identifier | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    note: Text | None = None


class TypeAnswer(Strict):
    """What a service says about one type of co-production as a whole.

    `out_of_scope` holds the reason when the type is not part of the service's work; such a
    type is shown as out of scope, never as "done to", and left out of the overall rung.
    `target` is the rung the service aims for in this type, if it sets one.
    """

    out_of_scope: Text | None = None
    target: Identifier | None = None
    target_reason: Text | None = None
    estimate: Identifier | None = None
    """In quick mode, the rung the manager thought the type stands on: it only chooses which
    questions to ask (that rung's and the next), and never places the type."""


class Target(Strict):
    """The rung the service aims for, and why (not every service should aim for the top)."""

    rung: Identifier
    reason: Text | None = None


class Answers(Strict):
    """One service's self-assessment against one rubric."""

    format: Literal["coprod-answers/1"] = "coprod-answers/1"
    rubric: RubricRef
    service: Service
    assessed_by: ShortText | None = None
    assessed_on: dt.date | None = None
    target: Target | None = None
    main_work: list[Identifier] = Field(default_factory=list)
    """The types of co-production that are the service's main work: the overall rung never
    stands above the best of them (see `Activity`)."""
    types: dict[Identifier, TypeAnswer] = Field(default_factory=dict)
    criteria: dict[Identifier, CriterionAnswer] = Field(default_factory=dict)
    success_factors: dict[Identifier, FactorAnswer] = Field(default_factory=dict)
    readiness: dict[Identifier, FactorAnswer] = Field(default_factory=dict)
