"""Who answered, when several staff answered for one service, as a view (issue 20, item 4).

`staff_section` turns a ScoreCard's `staff` (see `scoring.staff`) into plain, JSON-ready
values every format shows the same: how many staff answered and who ("answered by 3 staff:
A, B and C"), and per item where their answers differ, the spread and whether they disagree
by more than the rubric's margin. `staff_step` is the next step of a "staff disagree: talk it
through" action. Every sentence goes through gettext whole, with named fields. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from coprod_ladder.language import _, ngettext
from coprod_ladder.scoring import Blocker, ScoreCard
from coprod_ladder.scoring.staff import StaffItem


class StaffSpreadView(TypedDict):
    """How many staff gave one answer."""

    answer: str  # the option's id
    label: str
    count: int


class StaffNoteView(TypedDict):
    by: str
    note: str


class StaffItemView(TypedDict):
    """One item the staff answered differently."""

    id: str
    statement: str
    answer: str | None  # the label of the answer that counts (the lower median)
    answered: int
    spread: list[StaffSpreadView]
    spread_text: str  # "2 said “Yes, routinely”; 1 said “No”"
    disagree: bool
    notes: list[StaffNoteView]


class StaffSectionView(TypedDict):
    """Who answered and where they differ; `differences` in rubric order."""

    count: int
    names: list[str]
    files: list[str]
    sentence: str
    rule: str
    differences: list[StaffItemView]
    disagree: int


def staff_names(staff: Sequence[str]) -> str:
    """The staff's names as one phrase. Semicolons between them: a name often holds a comma
    ("Ann Lee, manager")."""
    return "; ".join(staff)


def spread_text(item: StaffItem) -> str:
    """The spread of the staff's answers to one item, best answer first."""
    return "; ".join(
        ngettext("{count} said “{answer}”", "{count} said “{answer}”", count).format(
            count=count, answer=item.label(option))
        for option, count in item.team.spread)


def staff_step(blocker: Blocker) -> str:
    """The next step of a staff-disagreement action: the spread, and what to do about it."""
    item = blocker.staff
    assert item is not None
    fields = {"spread": spread_text(item), "answer": item.label(item.team.answer),
              "guidance": blocker.guidance}
    if not blocker.guidance:
        return _("{spread}. Agree one answer, with its evidence; until then “{answer}” "
                 "counts.").format(**fields)
    return _("{spread}. Agree one answer, with its evidence; until then “{answer}” counts. "
             "Then: {guidance}").format(**fields)


def staff_section(card: ScoreCard) -> StaffSectionView | None:
    """The section's view, or None when one person answered (see the module)."""
    staff = card.staff
    if staff is None:
        return None
    count = len(staff.staff)
    items: list[StaffItemView] = [{
        "id": i.criterion.id, "statement": i.criterion.statement,
        "answer": i.label(i.team.answer), "answered": i.team.answered,
        "spread": [{"answer": option, "label": i.label(option) or option, "count": n}
                   for option, n in i.team.spread],
        "spread_text": spread_text(i), "disagree": i.disagree,
        "notes": [{"by": by, "note": note} for by, note in i.team.notes],
    } for i in staff.items]
    return {
        "count": count, "names": list(staff.staff), "files": list(staff.paths),
        "sentence": ngettext("Answered by {count} staff member: {names}.",
                             "Answered by {count} staff: {names}.", count).format(
            count=count, names=staff_names(staff.staff)),
        "rule": _("Where their answers differ, the answer that counts is the middle one (with "
                  "an even number, the lower of the two middle answers)."),
        "differences": items, "disagree": sum(1 for i in items if i["disagree"]),
    }
