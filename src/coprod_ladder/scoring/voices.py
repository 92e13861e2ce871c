"""What voice files change in a score: validation, the firmness of "doing with", the actions.

What children, young people and families say never moves a rung: the rung rests on the
service's own answers. It decides whether a claim is checked with the people it serves (a
confirmed item counts as validated; a blind spot is never validated, whatever the manager
recorded) and so whether a "doing with" rung is firm, and it puts blind spots first in the
actions. Pure: no wording, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from coprod_ladder.model import Band, ItemKind, Rubric, Rung
from coprod_ladder.scoring.per_rubric import rungs_by_id
from coprod_ladder.scoring.results import ActionReason, Blocker, CriterionResult, Status
from coprod_ladder.voice.weigh import VoiceWeighing


def with_voices(criteria: tuple[CriterionResult, ...],
                weighing: VoiceWeighing | None) -> tuple[CriterionResult, ...]:
    """Each criterion with what families said about it, where anybody did."""
    if weighing is None:
        return criteria
    heard = {i.criterion.id: i for i in weighing.items}
    return tuple(replace(c, voice=heard[c.criterion.id]) if c.criterion.id in heard else c
                 for c in criteria)


def rests_on_nothing_checked(rubric: Rubric, placed: bool, standing: Rung,
                             in_scope: Sequence[CriterionResult]) -> bool:
    """True when the service stands on a "doing with" rung and no practice met on a doing-with
    rung has been checked with children, young people or families (where the rubric asks):
    validated by the manager's record or confirmed by a group, and not a blind spot."""
    if not (rubric.scoring.validation_for_doing_with and placed
            and standing.band is Band.DOING_WITH):
        return False
    bands = {r.id: r.band for r in rubric.rungs}
    return not any(c.status is Status.MET and c.checked
                   and bands[c.criterion.rung] is Band.DOING_WITH for c in in_scope)


def doing_with_checks(rubric: Rubric, placed: bool, standing: Rung,
                      in_scope: Sequence[CriterionResult]
                      ) -> tuple[tuple[CriterionResult, ...], tuple[CriterionResult, ...]]:
    """The practice met on "doing with" rungs at or below where the service stands that a
    group confirmed, and that a group was heard on but did not confirm.

    With the rubric's `validation_for_doing_with`, a doubted item keeps the rung provisional:
    a "doing with" rung firms up only when every item it rests on that families answered (a
    group large enough to be shown) is confirmed by them.
    """
    if not (placed and standing.band is Band.DOING_WITH):
        return (), ()
    rungs = rungs_by_id(rubric)
    rests_on = [c for c in in_scope if c.status is Status.MET
                and rungs[c.criterion.rung].band is Band.DOING_WITH
                and rungs[c.criterion.rung].level <= standing.level]
    confirmed = tuple(c for c in rests_on if c.confirmed)
    if not rubric.scoring.validation_for_doing_with:
        return confirmed, ()
    doubted = tuple(c for c in rests_on if not c.confirmed and c.voice is not None
                    and any(g.shown for g in c.voice.groups))
    return confirmed, doubted


def blind_spot_actions(rubric: Rubric,
                       in_scope: Sequence[CriterionResult]) -> tuple[Blocker, ...]:
    """One action per blind spot, widest gap first, with the group that sees it least."""
    rungs = rungs_by_id(rubric)
    found: list[tuple[float, int, Blocker]] = []
    for n, c in enumerate(in_scope):
        if c.voice is None or not c.voice.blind_spots:
            continue
        widest = max(c.voice.blind_spots, key=lambda g: (g.gap or 0.0))
        found.append((-(widest.gap or 0.0), n, Blocker(
            item_id=c.criterion.id, kind=ItemKind.CRITERION, title=c.criterion.statement,
            rung=rungs[c.criterion.rung], status=c.status, guidance=c.criterion.guidance or "",
            effort=c.criterion.effort, activity=c.criterion.activity, unblocks=0,
            reason=ActionReason.BLIND_SPOT, voice=widest)))
    return tuple(b for _, _, b in sorted(found, key=lambda f: (f[0], f[1])))

