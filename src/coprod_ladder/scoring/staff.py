"""Several staff answering for one service: where they differ, and the actions that follow.

Owns what the score card says about a team's answers (`answers.team` merges them): who
answered, the spread behind each item where they differ, and which items they disagree on by
more than the rubric's voice margin, each option taken at its `voice_point` (the same margin
blind spots use). Disagreements come in the actions right after blind spots ("staff
disagree: talk it through"). Pure: no files, no wording, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coprod_ladder.answers.team import StaffPanel, TeamAnswer, staff_disagree_on_points
from coprod_ladder.model import Criterion, ItemKind, Rubric
from coprod_ladder.scoring.per_rubric import rungs_by_id
from coprod_ladder.scoring.results import ActionReason, Blocker, CriterionResult
from coprod_ladder.voice.model import SCALE_TOP


@dataclass(frozen=True)
class StaffItem:
    """One item the staff answered differently: the spread and whether they disagree."""

    criterion: Criterion
    team: TeamAnswer
    disagree: bool  # best and worst answers further apart than the rubric's voice margin
    gap: int  # voice points between the best and worst answers (0 on a scale with no points)
    labels: tuple[tuple[str, str], ...] = ()  # (option id, its label) of the item's scale

    def label(self, option: str | None) -> str | None:
        """The label of one option of the item's scale (the id when it has none)."""
        return None if option is None else dict(self.labels).get(option, option)


@dataclass(frozen=True)
class StaffResult:
    """Who answered for the service, and the items where they differ, in rubric order."""

    staff: tuple[str, ...]
    paths: tuple[str, ...]
    items: tuple[StaffItem, ...]

    @property
    def disagreements(self) -> tuple[StaffItem, ...]:
        """The items staff disagree on by more than the margin."""
        return tuple(i for i in self.items if i.disagree)


def staff_result(rubric: Rubric, panel: StaffPanel) -> StaffResult:
    """Set the team's answers beside the rubric: the items where they differ (see module)."""
    points = {s.id: {o.id: o.voice_point for o in s.options if not o.unknown}
              for s in rubric.answer_sets}
    labels = {s.id: tuple((o.id, o.label) for o in s.options) for s in rubric.answer_sets}
    margin = rubric.voice.blind_spot_margin * SCALE_TOP
    items: list[StaffItem] = []
    for criterion in rubric.criteria:
        team = panel.item(criterion.id)
        if team is None or len(team.spread) < 2:
            continue
        scale = points[criterion.answer_set]
        given = [p for option, _ in team.spread if (p := scale.get(option)) is not None]
        items.append(StaffItem(criterion, team, staff_disagree_on_points(team, scale, margin),
                               max(given) - min(given) if given else 0,
                               labels[criterion.answer_set]))
    return StaffResult(panel.staff, panel.paths, tuple(items))


def staff_actions(rubric: Rubric, in_scope: Sequence[CriterionResult], staff: StaffResult,
                  listed: Sequence[Blocker]) -> tuple[Blocker, ...]:
    """One action per item staff disagree on, widest gap first, then in rubric order; an item
    already in `listed` (a blind spot) is not listed twice."""
    rungs = rungs_by_id(rubric)
    results = {c.criterion.id: c for c in in_scope}
    taken = {b.item_id for b in listed}
    found: list[tuple[int, int, Blocker]] = []
    for n, item in enumerate(staff.disagreements):
        c = results.get(item.criterion.id)
        if c is None or c.criterion.id in taken:
            continue
        found.append((-item.gap, n, Blocker(
            item_id=c.criterion.id, kind=ItemKind.CRITERION, title=c.criterion.statement,
            rung=rungs[c.criterion.rung], status=c.status, guidance=c.criterion.guidance or "",
            effort=c.criterion.effort, activity=c.criterion.activity, unblocks=0,
            reason=ActionReason.STAFF_DISAGREE, staff=item)))
    return tuple(b for _, _, b in sorted(found, key=lambda f: (f[0], f[1])))
