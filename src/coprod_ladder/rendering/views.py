"""The typed views every output format shows: what a service report and the portfolio hold.

A view is plain, JSON-ready data (dicts, lists, strings, numbers, None), built once by
`service_report.build_view` or `portfolio_view.build_portfolio_view` and then laid out by each
format's renderer: the JSON outputs are the views themselves, the Jinja templates and the
Excel workbook read the same keys. These TypedDicts are the contract between the two sides,
so mypy checks the builders and a new key is added in one obvious place. They are dicts at
run time: nothing here changes a byte of any output.

`docs/report-json.md` documents the service report view for people and scripts; keep it in
step (tests/test_report.py checks every key is described).

Long module: declarations only, one TypedDict per part of a view; the contract reads best
whole, and the shared parts (rungs, who a service is) are used by both views.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from coprod_ladder.language.notices import rubric_notices
from coprod_ladder.model import TextLanguage
from coprod_ladder.rendering.portfolio_voice_view import PortfolioVoicesView
from coprod_ladder.rendering.staff_view import StaffSectionView
from coprod_ladder.rendering.voice_view import VoiceSectionView

# --------------------------------------------------------------------------------------------
# Shared
# --------------------------------------------------------------------------------------------


class RungView(TypedDict):
    """A rung of the ladder as reports show it."""

    id: str
    level: int
    name: str
    band: str  # a Band id, as the rubric writes it
    summary: str


class ModelRungView(TypedDict):
    """The nearest rung in another published model (Hart, Arnstein, IAP2...)."""

    model: str
    rung: str


class RungWithMappingsView(RungView):
    """The rung a service stands on, with its nearest rungs in other models."""

    maps_to: list[ModelRungView]


class EvidenceView(TypedDict):
    what: str
    where: str | None
    date: str | None


# --------------------------------------------------------------------------------------------
# A service's report (format coprod-report/3)
# --------------------------------------------------------------------------------------------


class ActionView(TypedDict):
    """One recommended action, in priority order (1 first)."""

    priority: int
    item_id: str
    kind: str  # an ItemKind id; every id here has its words in `labels`
    title: str
    rung: str
    rung_name: str
    status: str  # a Status id
    next_step: str
    effort: str  # an Effort id
    activity: str | None
    activity_name: str | None
    kind_name: str
    holds_back_rungs: int
    why: str  # an ActionReason id
    law: str | None


class StrengthView(TypedDict):
    id: str
    statement: str
    rung: str
    rung_name: str


class TypeRowView(TypedDict):
    """One type of co-production in the service's profile."""

    id: str
    name: str
    state: str  # a TypeState id
    rung: RungView | None
    shown: str
    provisional: bool
    out_of_scope: str | None
    met: int
    total: int
    answered: int
    next_rung: RungView | None
    target: RungView | None
    target_reason: str | None
    target_reached: bool
    strengths: list[StrengthView]
    next_steps: list[ActionView]
    not_applicable: bool


class ClaimView(TypedDict):
    id: str
    statement: str
    rung: str
    activity: str
    answer: str | None
    evidence_required: bool
    activity_name: str
    rung_name: str


class ValidationView(TypedDict):
    by: str
    on: str | None


class ItemMapView(TypedDict):
    """An item's nearest part of another framework (the Wales standards for a Welsh service)."""

    model: str
    value: str


class AnswerView(TypedDict):
    """One criterion as the service answered it."""

    id: str
    activity: str
    activity_name: str
    rung: str
    rung_name: str
    statement: str
    required: bool
    evidence_required: bool
    answer: str | None
    status: str  # a Status id
    met: bool
    evidence: list[EvidenceView]
    cyp_say: str | None
    validated: ValidationView | None
    not_applicable: str | None
    note: str | None
    in_scope: bool
    law: str | None
    maps_to: list[ItemMapView]


class FactorView(TypedDict):
    """A success factor or readiness step, as rated."""

    id: str
    name: str
    rating: str | None
    status: str  # a Status id
    met: bool
    gates: list[str]
    gates_next_rung: bool
    holds_back: bool
    owner: str
    guidance: str | None
    evidence: list[EvidenceView]
    note: str | None
    law: str | None
    maps_to: list[ItemMapView]


class RiskView(TypedDict):
    id: str
    name: str
    summary: str
    mitigation: str
    because: list[str]


class MainTypeView(TypedDict):
    """A type of co-production that is the service's main work."""

    id: str
    name: str
    named: bool  # named by the service; otherwise the rubric counts it as main work
    rung: RungView | None


class FloorView(TypedDict):
    """A type standing below the lowest rung a statutory duty expects."""

    id: str
    activity: str
    activity_name: str
    rung: RungView
    floor: RungView
    duty: str
    sentence: str


class VerdictView(TypedDict):
    """The first screen: where the service stands, what evidence would change, the range."""

    placed: bool
    provisional: bool
    rung: RungView | None
    sentence: str
    with_evidence: RungView | None
    with_evidence_sentence: str | None
    range_low: RungView | None
    range_high: RungView | None
    range_sentence: str
    doing_with_types: list[str]
    doing_with_sentence: str | None
    main_work: list[MainTypeView]
    main_work_sentence: str | None
    unvalidated_doing_with: bool
    unvalidated_sentence: str | None
    below_floors: list[FloorView]


class NextGroupView(TypedDict):
    """One kind of next step: evidence to add, or questions to answer."""

    count: int
    sentence: str | None
    claims: list[ClaimView]


class NextView(TypedDict):
    """What to do next, grouped by kind and never repeated: evidence, questions, practice."""

    evidence: NextGroupView
    questions: NextGroupView
    practice_sentence: str
    practice_optional: bool
    more_types_sentence: str | None
    progress_sentence: str | None


class LadderRungView(RungView):
    state: str
    is_current: bool
    is_target: bool


class RubricRefView(TypedDict):
    id: str
    version: str
    title: str


class JurisdictionView(TypedDict):
    """The country whose law the report cites, and the sentence that says so."""

    id: str
    name: str
    law: str | None
    sentence: str  # opens the law section
    opening: str  # the report's opening line: the country, and where its law is listed


class ServiceView(TypedDict):
    id: str
    name: str
    team: str | None
    tags: dict[str, str]
    jurisdiction: JurisdictionView | None


class RuleView(TypedDict):
    name: str
    explanation: str
    overall: str


class PlacementView(TypedDict):
    placed: bool
    provisional: bool
    answered: int
    questions: int
    sentence: str
    practice_rung: RungView | None
    held_back: bool


class OutOfScopeView(TypedDict):
    id: str
    name: str
    reason: str | None


class ProgressView(TypedDict):
    met: int
    total: int
    share: float | None
    percent: int | None


class TargetView(TypedDict):
    rung: RungView | None
    reason: str | None
    is_default: bool
    reached: bool
    reached_provisionally: bool
    rungs_to_go: int


class TargetGapView(TypedDict):
    rung: RungView | None
    required_met: int
    required_total: int
    blockers: list[ActionView]


class ServiceStrengthView(TypedDict):
    id: str
    statement: str
    activity: str
    rung_name: str


class LanguageNoticeView(TypedDict):
    """A notice about the report's own language (language/notices.py), in it and in English."""

    code: str
    text: str
    english: str


def notices_view(text_language: TextLanguage | None) -> list[LanguageNoticeView]:
    """What the output says about its language (nothing in English): a draft awaiting review,
    and how many of the rubric's texts are still in English."""
    return [{"code": n.code, "text": n.text, "english": n.english}
            for n in rubric_notices(text_language)]


class ReportView(TypedDict):
    """Everything one service's report shows, in every format."""

    format: str
    lang: str
    language_notices: list[LanguageNoticeView]
    rubric: RubricRefView
    service: ServiceView
    assessed_by: str | None
    assessed_on: str | None
    rule: RuleView
    placement: PlacementView
    verdict: VerdictView
    next: NextView
    scope_hint: str | None
    profile: list[TypeRowView]
    out_of_scope: list[OutOfScopeView]
    rung: RungWithMappingsView | None
    next_rung: RungView | None
    progress: ProgressView
    target: TargetView
    ladder: list[LadderRungView]
    actions: list[ActionView]
    target_gap: list[TargetGapView]
    strengths: list[ServiceStrengthView]
    held_back_by: list[FactorView]
    success_factors: list[FactorView]
    readiness: list[FactorView]
    risks: list[RiskView]
    claims_without_evidence: list[ClaimView]
    claims_not_validated: list[ClaimView]
    not_yet_answered: list[ClaimView]
    dont_know: list[ClaimView]
    answers: list[AnswerView]
    warnings: list[str]
    voice: VoiceSectionView
    staff: StaffSectionView | None  # several staff answered: who, and where they differ


# --------------------------------------------------------------------------------------------
# The portfolio (format coprod-portfolio/2)
# --------------------------------------------------------------------------------------------


class PortfolioRungView(TypedDict):
    """A rung as the portfolio shows it (no summary: it repeats on every row)."""

    level: int
    id: str
    name: str
    band: str  # a Band id


class WhoView(TypedDict):
    service_id: str
    service_name: str
    team: str | None


class ServiceRowView(WhoView):
    """One service's row: the services table, the CSV and the workbook's Services sheet."""

    path: str
    tags: dict[str, str]
    assessed_on: str | None
    rung: PortfolioRungView | None
    next_rung: PortfolioRungView | None
    progress_percent: int | None
    target: PortfolioRungView | None
    gap_to_target: int | None
    placement: str  # a Firmness id
    answered: int
    questions: int
    activities: dict[str, int | None]
    type_states: dict[str, str]  # type id to a TypeState id
    claims_without_evidence: int
    claims_not_validated: int
    not_yet_answered: int
    high_claims_without_evidence: list[str]
    high_claims_not_validated: list[str]
    risks: list[str]
    stale: bool
    previous_rung_level: int | None
    rung_change: int | None
    report: str | None
    warnings: list[str]
    main_work: list[str]
    unvalidated_doing_with: bool
    below_floors: list[str]
    voices: dict[str, int]  # respondents per group (children, young-people, parents)
    blind_spots: int  # items with a blind spot, over every type
    staff_count: int  # staff whose answers count (1 for one answers file)
    staff: list[str]  # their names, when several staff answered (empty otherwise)



class PlanRowView(TypedDict):
    """One action of one service, for the workbook's Action plan sheet (in words, not ids)."""

    service_id: str
    service_name: str
    team: str | None
    rung_name: str
    for_rung: str
    priority: int
    title: str
    kind: str
    activity: str | None
    status: str
    effort: str
    next_step: str


class TotalsView(TypedDict):
    services: int
    files_failed: int
    with_target: int
    at_or_above_target: int
    provisional: int
    not_yet_placed: int
    types_out_of_scope: int
    unvalidated_doing_with: int
    below_floor: int
    stale: int
    expected_missing: int
    high_claims_to_check: int
    mean_rung: float | None
    median_rung: int | None


class LadderBarView(PortfolioRungView):
    """One rung of the portfolio's ladder: how many services stand on it, now and before."""

    services: int
    share: float
    percent: int
    bar_percent: float
    previous_services: int | None
    previous_bar_percent: float | None


class RungCountView(TypedDict):
    level: int
    services: int
    share: float
    percent: int


class HeatRowView(TypedDict):
    """One type of co-production across every service: a row of the heat map."""

    id: str
    name: str
    short_name: str
    by_rung: list[RungCountView]
    out_of_scope: int
    not_answered: int
    not_applicable: int
    mean_rung: float | None
    previous_mean_rung: float | None


class WeakFactorView(TypedDict):
    id: str
    name: str
    kind: str  # an ItemKind id
    not_met: int
    not_rated: int
    share_not_met: float
    percent_not_met: int
    gates: list[str]
    guidance: str


class ClaimCountView(TypedDict):
    id: str
    statement: str
    activity: str
    rung: str
    without_evidence: int
    not_validated: int


class HighClaimsView(WhoView):
    without_evidence: list[str]
    not_validated: list[str]


class ScopedOutView(WhoView):
    type: str
    type_id: str
    reason: str


class MainWorkRowView(WhoView):
    """The types a service counts as its main work, and which of them it named itself."""

    types: list[str]
    named: list[str]


class NotApplicableView(WhoView):
    criterion: str
    statement: str
    reason: str


class GapView(WhoView):
    rung: PortfolioRungView | None
    target: PortfolioRungView | None
    gap_to_target: int | None


class StaleView(WhoView):
    assessed_on: str | None
    months_old: int | None
    reason: str


class ExpectedView(TypedDict):
    listed: int
    missing: list[str]
    not_listed: list[str]


class GroupView(TypedDict):
    name: str
    tagged: bool
    services: int
    by_rung: list[int]
    mean_rung: float | None
    with_target: int
    at_or_above_target: int
    stale: int
    high_claims_to_check: int


class RollupView(TypedDict):
    tag: str
    label: str
    min_group: int
    hidden_groups: int
    hidden_services: int
    groups: list[GroupView]
    pooled: GroupView | None


# "from" is a Python keyword, so this one is declared the functional way.
MoveView = TypedDict("MoveView", {"service_id": str, "service_name": str, "team": str | None,
                                  "from": PortfolioRungView | None,
                                  "to": PortfolioRungView | None})


class RungNowView(WhoView):
    rung: PortfolioRungView | None


class MovementView(TypedDict):
    matched: int
    up: int
    same: int
    down: int
    mean_change: float | None
    moved_up: Sequence[MoveView]
    moved_down: Sequence[MoveView]
    new: Sequence[RungNowView]
    gone: Sequence[RungNowView]


class DuplicateView(TypedDict):
    service_id: str
    paths: list[str]


class FailureView(TypedDict):
    path: str
    diagnostics: list[dict[str, Any]]


class PortfolioView(TypedDict):
    """Everything the portfolio shows, in every format (docs/portfolio.md describes it).

    The per-service lists are lazy `Rows` (see `portfolio_view`), read once per format.
    """

    format: str
    lang: str
    language_notices: list[LanguageNoticeView]
    as_of: str
    stale_before: str
    rubric: RubricRefView
    totals: TotalsView
    ladder: list[LadderBarView]
    high_claim_floor: PortfolioRungView | None
    activities: list[HeatRowView]
    weakest_factors: list[WeakFactorView]
    high_claim_criteria: list[ClaimCountView]
    high_claims: Sequence[HighClaimsView]
    out_of_scope: Sequence[ScopedOutView]
    main_work: Sequence[MainWorkRowView]
    not_applicable: Sequence[NotApplicableView]
    gaps: Sequence[GapView]
    stale: Sequence[StaleView]
    expected: ExpectedView | None
    groups: RollupView | None
    movement: MovementView | None
    duplicates: list[DuplicateView]
    failures: list[FailureView]
    tags: list[str]
    services: Sequence[ServiceRowView]
    voices: PortfolioVoicesView
