"""What a score says: the result types a ScoreCard is made of. Data only: no rules here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coprod_ladder.model import (
    Answers,
    Criterion,
    Effort,
    Evidence,
    Factor,
    ItemKind,
    Jurisdiction,
    Rung,
    TextLanguage,
    Validation,
)
from coprod_ladder.voice.weigh import GroupVoice, ItemVoice, VoiceWeighing

if TYPE_CHECKING:
    from coprod_ladder.scoring.staff import StaffItem, StaffResult

# The values of these enums are stable ids (JSON, the ids CSV and the templates' tests use
# them); the words people read are in `rendering/labels.py`, so a translation changes no id.


class Status(StrEnum):
    """What an answer means for the rung: met, or the reason it is not."""

    MET = "met"
    NOT_APPLICABLE = "not_applicable"
    NO_EVIDENCE = "met_no_evidence"
    NOT_MET = "not_met"
    DONT_KNOW = "dont_know"
    UNANSWERED = "unanswered"

    # What each status means for a rung, worked out once for each member below: the climb
    # and the actions ask these about 300 times a score.
    #: True when this status lets a rung pass.
    counts: bool
    #: True for a question not answered yet, or answered "don't know".
    is_open: bool
    #: True when this answer holds back every rung above its own. Only "not in place" does. A
    #: claim without the evidence its rung asks for cannot lift that rung, but it is no gap
    #: either: like an open question it holds nothing back, so answering "yes" where "don't
    #: know" stood never lowers a rung.
    blocks: bool


for _status in Status:
    _status.counts = _status in (Status.MET, Status.NOT_APPLICABLE)
    _status.is_open = _status in (Status.UNANSWERED, Status.DONT_KNOW)
    _status.blocks = _status is Status.NOT_MET
del _status


class TypeState(StrEnum):
    """Whether a type of co-production is placed, and if not, why not."""

    PLACED = "placed"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_ANSWERED = "not_yet_answered"
    NOT_APPLICABLE = "not_applicable"


class Firmness(StrEnum):
    """How firm a service's overall placement is: its band, as the portfolio lists it."""

    FIRM = "firm"
    PROVISIONAL = "provisional"
    NOT_PLACED = "not_placed"

    @classmethod
    def of(cls, *, placed: bool, provisional: bool) -> Firmness:
        """Return the firmness of a placement from whether it is placed, and provisionally."""
        if not placed:
            return cls.NOT_PLACED
        return cls.PROVISIONAL if provisional else cls.FIRM


class ActionReason(StrEnum):
    """Why an action is on the list; the order here is the order of the list."""

    BLIND_SPOT = "blind_spot"
    STAFF_DISAGREE = "staff_disagree"
    HOLDS_BACK_STRENGTH = "holds_back_strength"
    RECORD_EVIDENCE = "record_evidence"
    NEXT_RUNG = "next_rung"
    TEAM_GATE = "team_gate"
    GATE = "gate"


@dataclass(frozen=True)
class CriterionResult:
    """One criterion with the answer it got and what that means."""

    criterion: Criterion
    status: Status
    answer_id: str | None
    answer_label: str | None
    claims_met: bool
    evidence: tuple[Evidence, ...]
    cyp_say: str | None
    validated: Validation | None
    not_applicable: str | None
    note: str | None
    in_scope: bool = True
    voice: ItemVoice | None = None  # what children, young people or families said about it

    @property
    def confirmed(self) -> bool:
        """True when a group's answers confirm the item by the rubric's rule (no blind spot)."""
        return self.voice is not None and self.voice.confirmed

    @property
    def blind_spot(self) -> bool:
        """True when a group says the practice happens much less than the service does."""
        return self.voice is not None and bool(self.voice.blind_spots)

    @property
    def checked(self) -> bool:
        """True when children, young people or families have checked the claim: the manager
        recorded who validated it, or a group confirmed it; never while it is a blind spot."""
        return (self.validated is not None or self.confirmed) and not self.blind_spot

    # The one rule for what counts, used by every count of answers (the card's, each type's):
    # a view counts with these, never with a rule of its own.
    @property
    def answered(self) -> bool:
        """Return True once the question has an answer that is not "don't know"."""
        return not self.status.is_open

    @property
    def lacks_evidence(self) -> bool:
        """Return True for a claim of practice in place with no evidence recorded."""
        return self.claims_met and not self.evidence

    @property
    def lacks_validation(self) -> bool:
        """Return True for a claim of practice in place nobody has checked with people yet."""
        return self.claims_met and not self.checked


@dataclass(frozen=True)
class FactorResult:
    """A success factor or readiness step with its rating."""

    factor: Factor
    kind: ItemKind  # a success factor or a readiness step
    status: Status
    answer_id: str | None
    answer_label: str | None
    evidence: tuple[Evidence, ...]
    note: str | None
    gates_next_rung: bool
    holds_back: bool = False  # rated not met and keeps the service below its practice rung


@dataclass(frozen=True)
class Blocker:
    """Something that holds a type or the service below a rung, and the step that removes it."""

    item_id: str
    kind: ItemKind
    title: str
    rung: Rung
    status: Status
    guidance: str
    effort: Effort
    activity: str | None
    unblocks: int  # how many rungs this item holds back
    reason: ActionReason = ActionReason.NEXT_RUNG
    voice: GroupVoice | None = None  # for a blind spot: the group, its question and answers
    staff: StaffItem | None = None  # for a staff disagreement: the spread of their answers


@dataclass(frozen=True)
class ActivityResult:
    """The rung one type of co-production stands on, and what would move it."""

    activity_id: str
    name: str
    rung: Rung | None  # None unless the type is placed
    met: int
    total: int
    state: TypeState = TypeState.PLACED
    out_of_scope: str | None = None
    provisional: bool = False
    answered: int = 0  # of its criteria (see CriterionResult.answered), in every state
    with_evidence: int = 0  # claims with evidence recorded
    validated: int = 0  # claims checked with children, young people or families
    next_rung: Rung | None = None
    target: Rung | None = None
    target_reason: str | None = None
    strengths: tuple[CriterionResult, ...] = ()
    next_steps: tuple[Blocker, ...] = ()

    @property
    def in_scope(self) -> bool:
        """Return True unless the service declared this type out of scope."""
        return self.state is not TypeState.OUT_OF_SCOPE


@dataclass(frozen=True)
class RungGap:
    """One rung between where the service stands and its target, and what it still needs."""

    rung: Rung
    required_met: int
    required_total: int
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True)
class RaisedRisk:
    """A risk the answers point to, the patterns that raised it, and how to mitigate it."""

    risk_id: str
    name: str
    summary: str
    mitigation: str
    because: tuple[str, ...]


@dataclass(frozen=True)
class FloorShortfall:
    """A type standing below the lowest rung a statutory duty expects of it."""

    floor_id: str
    activity_id: str
    activity_name: str
    rung: Rung  # where the type stands
    floor: Rung  # the rung the duty expects
    duty: str


@dataclass(frozen=True)
class ScoreCard:
    """Everything a report says about one service.

    `rung` is where the service stands overall (the bottom rung when it is not yet placed:
    check `placed` before saying anything about it); `practice_rung` is what the answers about
    practice support before organisation-wide factors hold it back.
    """

    rubric_id: str
    rubric_version: str
    rubric_title: str
    rule: str
    rule_explanation: str
    answers: Answers
    rungs: tuple[Rung, ...]
    rung: Rung
    next_rung: Rung | None
    target: Rung
    target_reason: str | None
    target_is_default: bool
    progress_met: int
    progress_total: int
    activities: tuple[ActivityResult, ...]
    criteria: tuple[CriterionResult, ...]
    factors: tuple[FactorResult, ...]
    actions: tuple[Blocker, ...]
    target_gap: tuple[RungGap, ...]
    risks: tuple[RaisedRisk, ...]
    without_evidence: tuple[CriterionResult, ...]
    not_validated: tuple[CriterionResult, ...]
    unanswered: tuple[CriterionResult, ...]
    placed: bool = True
    provisional: bool = False
    practice_rung: Rung | None = None
    answered: int = 0
    questions: int = 0
    overall_explanation: str = ""
    scope_declared: bool = True
    main_work: tuple[str, ...] = ()  # the types that are the service's main work
    main_work_named: tuple[str, ...] = ()  # ... of them, those the answers name
    with_evidence: Rung | None = None  # where it would stand with evidence for every claim
    range_low: Rung | None = None  # the rung with every open question answered "not in place"
    range_high: Rung | None = None  # ... and answered "in place", with evidence
    unvalidated_doing_with: bool = False  # a doing-with rung with nothing checked with people
    voice: VoiceWeighing | None = None  # what children, young people and families said
    doing_with_confirmed: tuple[CriterionResult, ...] = ()  # ... confirming its doing-with rung
    doing_with_doubted: tuple[CriterionResult, ...] = ()  # heard there, and not confirmed
    below_floors: tuple[FloorShortfall, ...] = ()
    evidence_to_add: tuple[CriterionResult, ...] = ()  # claims the rung needs shown
    questions_to_answer: tuple[CriterionResult, ...] = ()  # the fewest that place or firm it
    beyond_target: bool = False  # the practice actions lead past the target: optional
    needs_more_types: bool = False  # the next rung needs more types in scope than it has
    coverage_counted: int = 0  # answers that count toward the coverage floor
    coverage_needed: int = 0  # ... and how many the floor asks for
    breadth_types: int = 1  # how many types the overall rule needs on a rung
    jurisdiction: Jurisdiction | None = None  # whose law the report cites
    item_law: tuple[tuple[str, str], ...] = ()  # (item id, its law for that jurisdiction)
    item_maps: tuple[tuple[str, str, str], ...] = ()  # (item id, mapping name, value) shown
    staff: StaffResult | None = None  # several staff answered: who, and where they differ
    # The language the rubric's texts are in, when not English: what stayed English, drafts.
    text_language: TextLanguage | None = None

    @property
    def answers_needed(self) -> int:
        """Return how many more answers the coverage floor needs before the service is placed."""
        return max(0, self.coverage_needed - self.coverage_counted)

    @property
    def service_id(self) -> str:
        """Return the assessed service's id."""
        return self.answers.service.id

    @property
    def progress_share(self) -> float | None:
        """Return the share of the next rung's criteria met, or None at the top."""
        if self.next_rung is None:
            return None
        return self.progress_met / self.progress_total if self.progress_total else 1.0

    @property
    def target_reached(self) -> bool:
        """Return True when the service is placed, not provisionally, on or above its target."""
        return self.placed and not self.provisional and self.rung.level >= self.target.level

    @property
    def strengths(self) -> tuple[CriterionResult, ...]:
        """Return practice met above the rung each type stands on."""
        return tuple(c for a in self.activities for c in a.strengths)

    def assessed_on(self) -> dt.date | None:
        """Return the date of the assessment, if recorded."""
        return self.answers.assessed_on
