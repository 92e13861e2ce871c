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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from coprod_ladder.model import Answers, CriterionAnswer, FactorAnswer


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
    files: tuple[AnswersFile, ...] = ()
    """Every file of the team (none of them is scored), sorted by path."""


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
            mismatches.append(TeamMismatch(bucket[0], odd[0], tuple(bucket)))
            continue
        groups.append(tuple(bucket))
    return tuple(groups), tuple(mismatches)


def staff_disagree_on_points(team: TeamAnswer, points: Mapping[str, int | None],
                             margin: float) -> bool:
    """True when the best and worst answers given stand further apart than `margin` on the
    voice scale, each option taken at its `voice_point` (the rule blind spots use).

    Options without a point ("don't know", a scale with no points) are left out: they say
    nothing about how often the practice happens.
    """
    given = [p for option, _ in team.spread if (p := points.get(option)) is not None]
    return bool(given) and max(given) - min(given) > margin + 1e-9


@dataclass(frozen=True)
class StaffPanel:
    """Who answered for one service, and the merged answer with its spread per criterion."""

    staff: tuple[str, ...]
    """The staff's names as written in `assessed_by`, sorted."""
    paths: tuple[str, ...]
    """Their answers files, in the order of `staff`."""
    items: tuple[tuple[str, TeamAnswer], ...]
    """(criterion id, merged answer), criteria sorted by id."""

    def item(self, criterion_id: str) -> TeamAnswer | None:
        """The merged answer to one criterion, if any staff member wrote anything for it."""
        return next((t for cid, t in self.items if cid == criterion_id), None)


def _joined(given: Sequence[tuple[str, str | None]], *, named: bool) -> str | None:
    """Every staff member's text for one field, in order of `assessed_by`, repeats left out;
    with `named`, each after who wrote it (for notes and reasons, whose author matters)."""
    texts: list[str] = []
    for by, text in given:
        if text:
            line = f"{by}: {text}" if named and by else text
            if line not in texts:
                texts.append(line)
    return "\n\n".join(texts) if texts else None


def merge_team(team: Sequence[Answers], scale_of: Callable[[str], Sequence[str]]) -> Answers:
    """One Answers for placement from several staff's Answers of one service and date.

    Criteria take the lower-median answer (`merge_answers`) on `scale_of(criterion id)`,
    the options best first without "don't know"; evidence is kept from everyone
    who gave it, and validation and the "we will" promise from the first staff member (by
    name) who recorded one. Children's words are kept from everyone (repeats once); notes and
    not-applicable reasons from everyone, each after who wrote it. A not-applicable reason
    counts only when nobody answered the criterion: one staff member's answer keeps it in.
    Success factors and readiness steps merge the same way. The service's details, target,
    main work and types come from the first file by `assessed_by` that gives them (so a file
    with only some items leaves the rest to the others), and the result does not depend on
    the order of the files.
    """
    return merge_staff(team, scale_of)[0]


def merge_staff(team: Sequence[Answers], scale_of: Callable[[str], Sequence[str]],
                paths: Sequence[str] | None = None) -> tuple[Answers, StaffPanel]:
    """`merge_team`, with the panel of who answered and each criterion's spread.

    `paths` are the answers files in the order of `team` (for the panel)."""
    where = dict(zip((id(a) for a in team), paths or [""] * len(team), strict=True))
    ordered = sorted(team, key=lambda a: a.assessed_by or "")
    criteria: dict[str, CriterionAnswer] = {}
    items: list[tuple[str, TeamAnswer]] = []
    for cid in sorted({c for a in ordered for c in a.criteria}):
        given = [(a.assessed_by or "", a.criteria[cid]) for a in ordered if cid in a.criteria]
        scale = scale_of(cid)
        # An answer off the scale ("don't know") is no point on it: left out of the median,
        # and kept only when nobody gave an answer on the scale.
        merged = merge_answers([StaffAnswer(by, c.answer if c.answer in scale else None, c.note)
                                for by, c in given], scale)
        items.append((cid, merged))
        answer = merged.answer or next((c.answer for _, c in given if c.answer), None)
        validated = next((c.validated for _, c in given if c.validated is not None), None)
        we_will = next((c.we_will for _, c in given if c.we_will is not None), None)
        evidence = [e for _, c in given for e in c.evidence]
        not_applicable = (None if answer is not None else
                          _joined([(by, c.not_applicable) for by, c in given], named=True))
        criteria[cid] = CriterionAnswer(
            answer=answer, evidence=evidence, validated=validated,
            cyp_say=_joined([(by, c.cyp_say) for by, c in given], named=False),
            not_applicable=not_applicable,
            note=_joined([(by, c.note) for by, c in given], named=True),
            we_will=we_will)
    panel = StaffPanel(tuple(a.assessed_by or "" for a in ordered),
                       tuple(where[id(a)] for a in ordered), tuple(items))
    first = ordered[0]
    return first.model_copy(update={
        "criteria": criteria,
        "service": _filled([a.service for a in ordered]),
        "target": next((a.target for a in ordered if a.target is not None), None),
        "main_work": next((a.main_work for a in ordered if a.main_work), []),
        "types": {t: next(a.types[t] for a in ordered if t in a.types)
                  for t in sorted({t for a in ordered for t in a.types})},
        "success_factors": _factors([a.success_factors for a in ordered],
                                    [a.assessed_by or "" for a in ordered], scale_of),
        "readiness": _factors([a.readiness for a in ordered],
                              [a.assessed_by or "" for a in ordered], scale_of),
    }), panel


_M = TypeVar("_M", bound=BaseModel)


def _filled(models: Sequence[_M]) -> _M:
    """The first model, each field it leaves empty taken from the first of the others that
    sets it: a staff member who answered only some items leaves the service's details to the
    others' files."""
    values = {name: next((v for m in models if (v := getattr(m, name)) not in (None, [], {})),
                         getattr(models[0], name))
              for name in type(models[0]).model_fields}
    return models[0].model_copy(update=values)


def _factors(given: Sequence[Mapping[str, FactorAnswer]], staff: Sequence[str],
             scale_of: Callable[[str], Sequence[str]]) -> dict[str, FactorAnswer]:
    """Success factors or readiness steps merged like criteria: the lower median rating,
    everyone's evidence, notes after who wrote them."""
    merged: dict[str, FactorAnswer] = {}
    for fid in sorted({f for ratings in given for f in ratings}):
        rated = [(by, ratings[fid]) for by, ratings in zip(staff, given, strict=True)
                 if fid in ratings]
        scale = scale_of(fid)
        team = merge_answers([StaffAnswer(by, r.answer if r.answer in scale else None)
                              for by, r in rated], scale)
        merged[fid] = FactorAnswer(
            answer=team.answer or next((r.answer for _, r in rated if r.answer), None),
            evidence=[e for _, r in rated for e in r.evidence],
            note=_joined([(by, r.note) for by, r in rated], named=True))
    return merged
