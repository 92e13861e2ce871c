"""Merging several staff members' answers to one criterion (issue 20, item 4).

Owns the pure rule that turns the answers of several staff, for the same service and the same
assessment date, into one answer that counts for placement plus the spread behind it. It must
not read files, print, or know about reports: the CLI and renderers use its results.

Rule: the lower median on the answer scale (options are listed best first, so "lower" means
the worse of the two middle answers when the count is even). Properties, tested with
hypothesis in tests/test_answers_team.py:
- the order of the staff never changes the result;
- adding a staff member who agrees with the merged answer never changes it;
- the merged answer is never better than the best single answer.
Unanswered answers (None) are left out of the count and of the median.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from coprod_ladder.model import Answers, CriterionAnswer


@dataclass(frozen=True)
class StaffAnswer:
    """What one staff member (as written in `assessed_by`) answered to one criterion."""

    staff: str
    answer: str | None
    note: str | None = None


@dataclass(frozen=True)
class TeamAnswer:
    """The merged answer to one criterion, the spread, and the notes with who wrote them."""

    answer: str | None
    answered: int
    spread: tuple[tuple[str, int], ...]
    """Count per option, in the scale's order (best first), options nobody chose left out."""
    notes: tuple[tuple[str, str], ...]
    """(staff, note), sorted by staff so the order of files never matters."""
    widest_gap: int
    """Steps on the scale between the best and the worst answer given (0 when they agree)."""


def merge_answers(answers: Sequence[StaffAnswer], scale: Sequence[str]) -> TeamAnswer:
    """Merge staff answers on `scale` (option ids, best first) by the lower median.

    An answer not on the scale is a caller's error: answers are validated against the
    rubric before they reach here.
    """
    rank = {option: position for position, option in enumerate(scale)}
    given = sorted(rank[a.answer] for a in answers if a.answer is not None)
    notes = tuple(sorted((a.staff, a.note) for a in answers if a.note))
    if not given:
        return TeamAnswer(answer=None, answered=0, spread=(), notes=notes, widest_gap=0)
    merged = scale[given[len(given) // 2]]
    spread = tuple((option, given.count(position)) for position, option in enumerate(scale)
                   if position in given)
    return TeamAnswer(answer=merged, answered=len(given), spread=spread, notes=notes,
                      widest_gap=given[-1] - given[0])


def staff_disagree(team: TeamAnswer, margin_steps: int) -> bool:
    """True when the best and worst answers are more than `margin_steps` apart on the scale."""
    return team.widest_gap > margin_steps


@dataclass(frozen=True)
class AnswersFile:
    """What grouping needs to know about one answers file (kept free of the full model)."""

    path: str
    service_id: str
    assessed_on: str | None
    assessed_by: str | None
    rubric: str
    """Rubric id and version, such as "coprod@1.2.0"."""


@dataclass(frozen=True)
class TeamMismatch:
    """Two files for the same service and date answered against different rubric versions."""

    first: AnswersFile
    second: AnswersFile


def group_staff_files(
    files: Sequence[AnswersFile],
) -> tuple[tuple[tuple[AnswersFile, ...], ...], tuple[TeamMismatch, ...]]:
    """Group files that are one service answered by several staff.

    Same service id AND same `assessed_on`, with different `assessed_by`, is one team
    answer. Files of the same service on different dates stay separate (trends, latest), and
    so do files with the same `assessed_by` (those stay duplicates, as before). A group whose
    files answer different rubric versions is returned as a mismatch for the CLI to report
    with both paths (exit 3) rather than silently picking one.
    """
    buckets: dict[tuple[str, str | None], list[AnswersFile]] = {}
    for item in sorted(files, key=lambda f: f.path):
        buckets.setdefault((item.service_id, item.assessed_on), []).append(item)
    groups: list[tuple[AnswersFile, ...]] = []
    mismatches: list[TeamMismatch] = []
    for key in sorted(buckets, key=lambda k: (k[0], k[1] or "")):
        bucket = buckets[key]
        names = [f.assessed_by for f in bucket]
        if len(bucket) < 2 or None in names or len(set(names)) != len(names):
            groups.extend((f,) for f in bucket)
            continue
        odd = [f for f in bucket if f.rubric != bucket[0].rubric]
        if odd:
            mismatches.append(TeamMismatch(bucket[0], odd[0]))
            continue
        groups.append(tuple(bucket))
    return tuple(groups), tuple(mismatches)


def merge_team(team: Sequence[Answers], scale_of: Callable[[str], Sequence[str]]) -> Answers:
    """One Answers for placement from several staff's Answers of one service and date.

    Criteria take the lower-median answer (`merge_answers`); evidence is kept from everyone
    who gave it, and validation from the first staff member (by name) who recorded one.
    Everything else (service, rubric, types, factors) comes from the first file by
    `assessed_by`, so the result does not depend on the order of the files.
    """
    ordered = sorted(team, key=lambda a: a.assessed_by or "")
    criteria: dict[str, CriterionAnswer] = {}
    for cid in sorted({c for a in ordered for c in a.criteria}):
        given = [(a.assessed_by or "", a.criteria[cid]) for a in ordered if cid in a.criteria]
        merged = merge_answers([StaffAnswer(by, c.answer, c.note) for by, c in given],
                               scale_of(cid))
        validated = next((c.validated for _, c in given if c.validated is not None), None)
        evidence = [e for _, c in given for e in c.evidence]
        criteria[cid] = CriterionAnswer(answer=merged.answer, evidence=evidence,
                                        validated=validated)
    return ordered[0].model_copy(update={"criteria": criteria})
