"""The portfolio as a view: every choice of wording, rounding and order, once.

`build_portfolio_view` turns a `Portfolio` into the plain, JSON-ready mapping every portfolio
format shows (HTML, Markdown, JSON, CSV and the Excel workbook, see `formats`); `ActionPlan`
gives the workbook's action plan rows. Per-service lists are lazy `Rows`, built as they are
read, so a portfolio of many thousands of services never holds every row at once.
Pure: no printing, no clock, no writing.
"""

from __future__ import annotations

import datetime as dt
import statistics
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from coprod_ladder.language import _, current, ngettext
from coprod_ladder.model import Rung
from coprod_ladder.portfolio import Move, Portfolio, months_between, rung_counts
from coprod_ladder.portfolio_voices import GROUPS
from coprod_ladder.rendering.labels import (
    effort_words,
    item_kind_words,
    reason_words,
    status_words,
)
from coprod_ladder.rendering.portfolio_voice_view import voices_view
from coprod_ladder.rendering.rows import Rows, materialise
from coprod_ladder.rendering.views import (
    GroupView,
    HeatRowView,
    MovementView,
    MoveView,
    NotApplicableView,
    PlanRowView,
    PortfolioRungView,
    PortfolioView,
    RollupView,
    ScopedOutView,
    ServiceRowView,
    WhoView,
    notices_view,
)
from coprod_ladder.rendering.wording import say, short_name, tag_label, whole_percent
from coprod_ladder.scoring.results import ActionReason, Firmness, TypeState
from coprod_ladder.service_summary import ServiceSummary

PORTFOLIO_FORMAT = "coprod-portfolio/2"
__all__ = ["PORTFOLIO_FORMAT", "ActionPlan", "Rows", "build_portfolio_view", "materialise"]
RungOf = Callable[[int | None], PortfolioRungView | None]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _mean(values: Sequence[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _rung_fields(r: Rung) -> PortfolioRungView:
    return {"level": r.level, "id": r.id, "name": r.name, "band": str(r.band)}


def build_portfolio_view(p: Portfolio) -> PortfolioView:
    """Turn a Portfolio into the plain, JSON-ready structure every format shows.

    Per-service lists are `Rows`, built as they are read; `materialise` makes them lists.
    """
    rung_by_level = {r.level: r for r in p.rungs}
    activity_ids = [a for a, _ in p.activities]
    total = len(p.services)
    previous_rung = ({m.current.service_id: m.before for m in p.movement.moves}
                     if p.movement else {})

    def rung(level: int | None) -> PortfolioRungView | None:
        if level is None or level not in rung_by_level:
            return None
        return _rung_fields(rung_by_level[level])

    def who(s: ServiceSummary) -> WhoView:
        return {"service_id": s.service_id, "service_name": s.service_name, "team": s.team}

    def service_row(s: ServiceSummary) -> ServiceRowView:
        top = s.rung >= p.rungs[-1].level or not s.placed
        before = previous_rung.get(s.service_id)
        return {
            **who(s),
            "path": s.path,
            "tags": dict(s.tags),
            "assessed_on": s.assessed_on.isoformat() if s.assessed_on else None,
            "rung": rung(s.rung),
            "next_rung": None if top else rung(s.rung + 1),
            "progress_percent": None if top else (
                whole_percent(s.progress_met, s.progress_total) if s.progress_total else 100),
            "target": None if s.target_is_default else rung(s.target),
            "gap_to_target": s.gap,
            "placement": str(Firmness.of(placed=s.placed, provisional=s.provisional)),
            "answered": s.answered,
            "questions": s.questions,
            "activities": {a: (level or None) for a, level in zip(activity_ids, s.activities,
                                                                  strict=True)},
            "type_states": dict(zip(activity_ids, s.type_states, strict=True)),
            "claims_without_evidence": s.claims_without_evidence,
            "claims_not_validated": s.claims_not_validated,
            "not_yet_answered": s.not_yet_answered,
            "high_claims_without_evidence": list(s.high_without_evidence),
            "high_claims_not_validated": list(s.high_not_validated),
            "risks": list(s.risks),
            "stale": p.is_stale(s),
            "previous_rung_level": before,
            "rung_change": None if before is None else s.rung - before,
            "report": s.report,
            "warnings": [str(w) for w in s.warnings],
            "main_work": list(s.main_work),
            "unvalidated_doing_with": s.unvalidated_doing_with,
            "below_floors": list(s.below_floors),
            "voices": {g.value: (s.voices[n] if s.voices else 0) for n, g in enumerate(GROUPS)},
            "blind_spots": sum(s.blind_spots),
            "staff_count": len(s.staff) or 1,
            "staff": list(s.staff),
        }

    # The services are in (id, path) order (see `portfolio.in_id_order`) and sorting keeps
    # the order of equal keys, so ties fall in that order without a key per service that
    # makes its path again (a path and a tuple each: megabytes at 45,000 services).
    stale = sorted((s for s in p.services if p.is_stale(s)),
                   key=lambda s: s.assessed_on or dt.date.min)
    high = sorted((s for s in p.services if s.high_without_evidence or s.high_not_validated),
                  key=lambda s: -len(s.high_without_evidence) - len(s.high_not_validated))
    gaps = sorted((s for s in p.services if s.gap), key=lambda s: -(s.gap or 0))
    type_names = dict(p.activities)
    type_order = {type_id: index for index, type_id in enumerate(type_names)}
    services = p.services

    def out_of_scope_of(at: int) -> tuple[ServiceSummary, str, str]:
        s = services[at >> _ITEM_BITS]
        type_id, reason = s.out_of_scope[at & _ITEM_MASK]
        return s, type_id, reason

    def not_applicable_of(at: int) -> tuple[ServiceSummary, str, str]:
        s = services[at >> _ITEM_BITS]
        criterion, reason = s.not_applicable[at & _ITEM_MASK]
        return s, criterion, reason

    def not_applicable_row(at: int) -> NotApplicableView:
        s, criterion, reason = not_applicable_of(at)
        return {**who(s), "criterion": criterion,
                "statement": p.statements.get(criterion, criterion), "reason": reason}

    def out_of_scope_row(at: int) -> ScopedOutView:
        s, type_id, reason = out_of_scope_of(at)
        return {**who(s), "type": type_names.get(type_id, type_id), "type_id": type_id,
                "reason": reason}

    scoped = _item_places(services, lambda s: s.out_of_scope)
    scoped = array("Q", sorted(scoped, key=lambda at: type_order.get(out_of_scope_of(at)[1], 0)))
    not_applicable = _item_places(services, lambda s: s.not_applicable)
    previous_counts = p.movement.previous_counts if p.movement else None
    max_count = max(p.rung_counts, default=0)
    if previous_counts:
        max_count = max(max_count, *previous_counts)

    view: PortfolioView = {
        "format": PORTFOLIO_FORMAT,
        "lang": current(),
        "language_notices": notices_view(p.text_language),
        "as_of": p.as_of.isoformat(),
        "stale_before": p.stale_before.isoformat(),
        "rubric": {"id": p.rubric_id, "version": p.rubric_version, "title": p.rubric_title},
        "totals": {
            "services": total,
            "files_failed": len(p.failures),
            "with_target": sum(1 for s in p.services if not s.target_is_default),
            "at_or_above_target": sum(1 for s in p.services if s.target_reached),
            "provisional": sum(1 for s in p.services if s.placed and s.provisional),
            "not_yet_placed": sum(1 for s in p.services if not s.placed),
            "types_out_of_scope": sum(len(s.out_of_scope) for s in p.services),
            "unvalidated_doing_with": sum(1 for s in p.services if s.unvalidated_doing_with),
            "below_floor": sum(1 for s in p.services if s.below_floors),
            "stale": len(stale),
            "expected_missing": len(p.missing),
            "high_claims_to_check": len(high),
            "mean_rung": _mean([s.rung for s in p.services if s.placed]),
            "median_rung": (statistics.median_low([s.rung for s in p.services if s.placed])
                            if any(s.placed for s in p.services) else None),
        },
        "ladder": [
            {**_rung_fields(r), "services": count, "share": _share(count, total),
             "percent": whole_percent(count, total),
             "bar_percent": round(100 * count / max_count, 1) if max_count else 0.0,
             "previous_services": previous_counts[i] if previous_counts else None,
             "previous_bar_percent": (round(100 * previous_counts[i] / max_count, 1)
                                      if previous_counts and max_count else None)}
            for i, (r, count) in enumerate(zip(p.rungs, p.rung_counts, strict=True))
        ],
        "high_claim_floor": rung(p.high_floor),
        "activities": [_activity_row(p, index, a_id, name)
                       for index, (a_id, name) in enumerate(p.activities)],
        "weakest_factors": [
            {"id": f.id, "name": f.name, "kind": f.kind, "not_met": f.not_met,
             "not_rated": f.not_rated, "share_not_met": round(f.share_not_met, 4),
             "percent_not_met": whole_percent(f.not_met, f.services),
             "gates": list(f.gates),
             "guidance": f.guidance}
            for f in p.factor_stats
        ],
        "high_claim_criteria": [
            {"id": c.id, "statement": c.statement, "activity": c.activity, "rung": c.rung,
             "without_evidence": c.without_evidence, "not_validated": c.not_validated}
            for c in p.claim_stats
        ],
        "high_claims": Rows(high, lambda s: {
            **who(s), "without_evidence": list(s.high_without_evidence),
            "not_validated": list(s.high_not_validated)}),
        "main_work": Rows(p.services, lambda s: {
            **who(s), "types": [type_names.get(t, t) for t in s.main_work],
            "named": [type_names.get(t, t) for t in s.main_work_named]}),
        "not_applicable": Rows(not_applicable, not_applicable_row),
        "out_of_scope": Rows(scoped, out_of_scope_row),
        "gaps": Rows(gaps, lambda s: {
            **who(s), "rung": rung(s.rung), "target": rung(s.target), "gap_to_target": s.gap}),
        "stale": Rows(stale, lambda s: {
            **who(s), "assessed_on": s.assessed_on.isoformat() if s.assessed_on else None,
            "months_old": months_between(s.assessed_on, p.as_of) if s.assessed_on else None,
            "reason": _stale_reason(s, p.as_of)}),
        "expected": (None if p.expected is None else
                     {"listed": len(p.expected), "missing": list(p.missing),
                      "not_listed": sorted({s.service_id for s in p.services}
                                           - set(p.expected))}),
        "groups": _rollup_view(p, rung) if p.rollup else None,
        "movement": _movement_view(p, rung, who) if p.movement else None,
        "duplicates": [{"service_id": sid, "paths": list(paths)} for sid, paths in p.duplicates],
        "failures": [{"path": f.path, "diagnostics": [d.as_dict() for d in f.diagnostics]}
                     for f in p.failures],
        "tags": list(p.tag_names),
        "services": Rows(p.services, service_row),
        "voices": voices_view(p),
    }
    return view


# A row of a per-item list (a service's types out of scope, its criteria not applicable) is
# held as one number, the service's place shifted up past the item's place: 8 bytes a row
# where a tuple of the three was 72 (at 10,000 services, 2.3 MB of the view).
_ITEM_BITS = 16
_ITEM_MASK = (1 << _ITEM_BITS) - 1


def _item_places(services: Sequence[ServiceSummary],
                 items: Callable[[ServiceSummary], Sequence[object]]) -> array[int]:
    """Return the place of every item of every service, in service then item order."""
    return array("Q", ((at << _ITEM_BITS) | index for at, s in enumerate(services)
                       for index in range(len(items(s)))))


def _stale_reason(s: ServiceSummary, as_of: dt.date) -> str:
    """Why a service's assessment needs refreshing, in words."""
    if s.assessed_on is None:
        return _("no assessment date recorded")
    months = months_between(s.assessed_on, as_of)
    # The English has always said "months" for any count; other languages have each form.
    return ngettext("{count} months old", "{count} months old", months).format(count=months)


class ActionPlan(Iterable[PlanRowView]):
    """The workbook's action plan: one row per recommended action per service, in order.

    Each row names the service, the rung it stands on and the rung the action leads to. Rows
    are made as they are read, each time the plan is read, so nothing is held for them.
    """

    def __init__(self, p: Portfolio) -> None:
        self._p = p

    def __iter__(self) -> Iterator[PlanRowView]:
        # First what only the organisation can change: each shared barrier once, not once
        # per service it holds back.
        barriers = [f for f in self._p.factor_stats if f.not_met]
        for priority, f in enumerate(barriers, 1):
            yield {"service_id": "", "service_name": say("plan-whole-organisation"),
                   "team": None, "rung_name": "", "for_rung": "", "priority": priority,
                   "title": f.name, "kind": reason_words(ActionReason.GATE), "activity": None,
                   "status": say("plan-barrier-now", count=f.not_met, services=f.services,
                                 percent=whole_percent(f.not_met, f.services)),
                   "effort": "", "next_step": f.guidance}
        rung_names = {r.level: r.name for r in self._p.rungs}
        activity_names = dict(self._p.activities)
        for s in self._p.services:
            for priority, a in enumerate(s.actions, 1):
                yield {"service_id": s.service_id, "service_name": s.service_name,
                       "team": s.team, "rung_name": rung_names.get(s.rung, ""),
                       "for_rung": rung_names.get(s.rung + 1, ""), "priority": priority,
                       "title": a.title, "kind": item_kind_words(a.kind),
                       "activity": activity_names.get(a.activity or "", a.activity),
                       "status": status_words(a.status), "effort": effort_words(a.effort),
                       "next_step": a.next_step}


def _activity_row(p: Portfolio, index: int, a_id: str, name: str) -> HeatRowView:
    levels = [s.activities[index] for s in p.services]
    counts = Counter(levels)
    states = Counter(s.type_states[index] for s in p.services if s.type_states)
    applicable = [level for level in levels if level]
    return {
        "id": a_id,
        "name": name,
        "short_name": short_name(name),
        "by_rung": [{"level": r.level, "services": counts.get(r.level, 0),
                     "share": _share(counts.get(r.level, 0), len(applicable)),
                     "percent": whole_percent(counts.get(r.level, 0), len(applicable))}
                    for r in p.rungs],
        "out_of_scope": states.get(TypeState.OUT_OF_SCOPE, 0),
        "not_answered": states.get(TypeState.NOT_ANSWERED, 0),
        "not_applicable": states.get(TypeState.NOT_APPLICABLE, 0),
        "mean_rung": _mean(applicable),
        "previous_mean_rung": (p.movement.previous_type_means[index]
                               if p.movement and p.movement.previous_type_means else None),
    }


def _rollup_view(p: Portfolio, rung: RungOf) -> RollupView:
    assert p.rollup is not None
    levels = [r.level for r in p.rungs]

    def group(name: str, tagged: bool, services: Sequence[ServiceSummary]) -> GroupView:
        return {"name": name, "tagged": tagged, "services": len(services),
                "by_rung": list(rung_counts(services, levels)),
                "mean_rung": _mean([s.rung for s in services if s.placed]),
                "with_target": sum(1 for s in services if not s.target_is_default),
                "at_or_above_target": sum(1 for s in services if s.target_reached),
                "stale": sum(1 for s in services if p.is_stale(s)),
                "high_claims_to_check": sum(1 for s in services
                                            if s.high_without_evidence or s.high_not_validated)}

    return {
        "tag": p.rollup.tag,
        "label": tag_label(p.rollup.tag),
        "min_group": p.rollup.min_group,
        "hidden_groups": p.rollup.hidden_groups,
        "hidden_services": p.rollup.hidden_services,
        "groups": [group(g.name, g.tagged, g.services) for g in p.rollup.groups],
        "pooled": (group(say("groups-pooled"), False, p.rollup.pooled)
                   if p.rollup.pooled else None),
    }


def _movement_view(p: Portfolio, rung: RungOf,
                   who: Callable[[ServiceSummary], WhoView]) -> MovementView:
    m = p.movement
    assert m is not None
    mean = m.mean_change

    def move(x: Move) -> MoveView:
        return {**who(x.current), "from": rung(x.before), "to": rung(x.current.rung)}

    return {
        "matched": len(m.moves),
        "up": len(m.up),
        "same": sum(1 for x in m.moves if x.current.rung == x.before),
        "down": len(m.down),
        "mean_change": round(mean, 2) if mean is not None else None,
        "moved_up": Rows(m.up, move),
        "moved_down": Rows(m.down, move),
        "new": Rows(m.new, lambda s: {**who(s), "rung": rung(s.rung)}),
        "gone": Rows(m.gone, lambda s: {**who(s), "rung": rung(s.rung)}),
    }
