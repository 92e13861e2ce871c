"""Every service on one page: compact summaries, organisation-wide figures and their reports.

This module owns the portfolio a strategy lead reads: `summarise` shrinks one ScoreCard to a
small `ServiceSummary` (so thousands of services fit in memory), `build_portfolio` aggregates
the summaries (rung counts, heat map, weakest success factors, unevidenced high claims, gaps
to target, stale and missing assessments, tag roll-ups with small groups hidden, movement
since the last cycle), `build_portfolio_view` turns that into one plain JSON-ready mapping,
and the renderers return Markdown, HTML, JSON or CSV as strings.

Pure: no printing, no clock (the "as of" date is a parameter), no writing. The same input
always gives byte-identical output: services are sorted by id, then path.

Long module: aggregation, the view, lazy rows and the streaming JSON and CSV writers share the
summary types and are being reworked for speed; splitting them is left until that settles.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, overload

from coprod_ladder.batch import Failed, score_file
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.json_text import dumps_sorted
from coprod_ladder.loader import RubricChooser
from coprod_ladder.model import Band, ItemKind, Rubric, Rung
from coprod_ladder.scoring import ScoreCard, Status

PORTFOLIO_FORMAT = "coprod-portfolio/1"
STALE_AFTER_MONTHS = 12
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PortfolioFormat(StrEnum):
    """The formats the portfolio is written in, with their file suffixes."""

    MARKDOWN = "md"
    HTML = "html"
    JSON = "json"
    CSV = "csv"


class CsvHeaders(StrEnum):
    """How the CSV header names its columns: labels for people, or the stable ids scripts use."""

    LABELS = "labels"
    IDS = "ids"


# --------------------------------------------------------------------------------------------
# One service, small
# --------------------------------------------------------------------------------------------


class PlannedAction(NamedTuple):
    """One recommended action toward a service's next rung, for the workbook's action plan."""

    priority: int
    title: str
    kind: str
    activity: str | None
    status: str
    effort: str
    next_step: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The same rubric wording comes back from every worker process: interned on arrival,
        # each text is held once however many services share it.
        return (_planned_action, tuple(self))


def _planned_action(*fields: Any) -> PlannedAction:
    return PlannedAction._make(sys.intern(f) if isinstance(f, str) else f for f in fields)


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    """What the portfolio needs of one scored service, and nothing more.

    Rungs are stored as levels (1 is the bottom); `rung` is 0 when the service is not yet
    placed. `activities` holds one level per type of co-production in rubric order, 0 where the
    type has no rung; `type_states` says why (out of scope, not yet answered, not applicable).
    """

    path: str
    service_id: str
    service_name: str
    team: str | None
    tags: tuple[tuple[str, str], ...]
    assessed_on: dt.date | None
    rung: int
    target: int
    target_is_default: bool
    progress_met: int
    progress_total: int
    activities: tuple[int, ...]
    factors_not_met: tuple[str, ...]
    factors_unrated: tuple[str, ...]
    claims_without_evidence: int
    claims_not_validated: int
    not_yet_answered: int
    high_without_evidence: tuple[str, ...]
    high_not_validated: tuple[str, ...]
    risks: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    report: str | None = None
    provisional: bool = False
    answered: int = 0
    questions: int = 0
    type_states: tuple[str, ...] = ()
    out_of_scope: tuple[tuple[str, str], ...] = ()
    actions: tuple[PlannedAction, ...] = ()

    @property
    def placed(self) -> bool:
        """Return True when the service has enough answers to stand on a rung."""
        return self.rung > 0

    @property
    def gap(self) -> int | None:
        """Return how many rungs are left to the target set (None when none was set, or the
        service is not yet placed)."""
        if self.target_is_default or not self.placed:
            return None
        return max(0, self.target - self.rung)

    @property
    def target_reached(self) -> bool:
        """Return True when the service stands, not provisionally, on or above its target."""
        return self.gap == 0 and not self.provisional

    def tag(self, name: str) -> str | None:
        """Return the value of one tag, or None when the service does not have it."""
        return next((value for key, value in self.tags if key == name), None)


def high_claim_floor(rungs: Sequence[Rung]) -> int:
    """Return the lowest level whose claims count as high: the "doing with" band.

    A rubric without that band falls back to the upper half of its ladder.
    """
    with_levels = [r.level for r in rungs if r.band is Band.DOING_WITH]
    if with_levels:
        return min(with_levels)
    levels = sorted(r.level for r in rungs)
    return levels[len(levels) // 2]


def summarise(card: ScoreCard, *, path: str = "", warnings: Sequence[Diagnostic] = (),
              report: str | None = None) -> ServiceSummary:
    """Shrink a ScoreCard to the few fields the portfolio shows."""
    service = card.answers.service
    levels = {r.id: r.level for r in card.rungs}
    floor = high_claim_floor(card.rungs)

    def high(results: Iterable[Any]) -> tuple[str, ...]:
        return tuple(r.criterion.id for r in results if levels[r.criterion.rung] >= floor)

    return ServiceSummary(
        path=path,
        service_id=service.id,
        service_name=service.name,
        # Teams and tags repeat across thousands of services: interned, each is held once.
        team=sys.intern(service.team) if service.team else None,
        tags=tuple(sorted((sys.intern(k), sys.intern(v)) for k, v in service.tags.items())),
        assessed_on=card.answers.assessed_on,
        rung=card.rung.level if card.placed else 0,
        target=card.target.level,
        target_is_default=card.target_is_default,
        progress_met=card.progress_met,
        progress_total=card.progress_total,
        activities=tuple(a.rung.level if a.rung is not None else 0 for a in card.activities),
        factors_not_met=tuple(f.factor.id for f in card.factors if f.status is Status.NOT_MET),
        factors_unrated=tuple(f.factor.id for f in card.factors
                              if f.status is Status.UNANSWERED),
        claims_without_evidence=len(card.without_evidence),
        claims_not_validated=len(card.not_validated),
        not_yet_answered=len(card.unanswered),
        high_without_evidence=high(card.without_evidence),
        high_not_validated=high(card.not_validated),
        risks=tuple(r.risk_id for r in card.risks),
        warnings=tuple(str(w) for w in warnings),
        report=report,
        provisional=card.provisional,
        answered=card.answered,
        questions=card.questions,
        type_states=tuple(sys.intern(str(a.state)) for a in card.activities),
        out_of_scope=tuple((a.activity_id, a.out_of_scope or "") for a in card.activities
                           if not a.in_scope),
        actions=tuple(_planned_action(i, b.title, str(b.kind), b.activity, str(b.status),
                                      str(b.effort), b.guidance)
                      for i, b in enumerate(card.actions, 1)),
    )


def summarise_file(path: Path, choose: RubricChooser) -> ServiceSummary | Failed:
    """Read, score and summarise one answers file; a bad file becomes a Failed result."""
    result = score_file(path, choose)
    if isinstance(result, Failed):
        return result
    return summarise(result.card, path=result.path, warnings=result.warnings)


# --------------------------------------------------------------------------------------------
# The expected-services list
# --------------------------------------------------------------------------------------------


def parse_expected(text: str, path: str) -> tuple[list[str], list[Diagnostic]]:
    """Read the list of service ids expected to have answered, collecting every problem.

    A `.yaml`/`.yml` file holds a YAML list of ids; any other file holds one id per line,
    with blank lines and `#` comments ignored. Returns the ids (sorted, without repeats).
    """
    from coprod_ladder.yaml_source import parse_yaml, position

    found: list[tuple[str, int, int]] = []
    problems: list[Diagnostic] = []
    if path.endswith((".yaml", ".yml")):
        doc = parse_yaml(text.removeprefix("\ufeff"), path)
        if doc.root is None or doc.diagnostics:
            return [], sorted(doc.diagnostics)
        if not isinstance(doc.data, list):
            line, column = position(doc.root, ())
            return [], [Diagnostic(path, line, column, Severity.ERROR, "expected/not-a-list",
                                   "the expected-services file must be a YAML list of service "
                                   "ids, like '- harbour-youth'")]
        for index, item in enumerate(doc.data):
            line, column = position(doc.root, (index,))
            # A number or a mapping is never a service id, even when it would read as one.
            found.append((item if isinstance(item, str) else f"<{type(item).__name__}>",
                          line, column))
    else:
        for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
            content = raw.split("#", 1)[0]
            ident = content.strip()
            if ident:
                found.append((ident, number, len(content) - len(content.lstrip()) + 1))
    ids: set[str] = set()
    for ident, line, column in found:
        if _ID.match(ident):
            ids.add(ident)
        else:
            problems.append(Diagnostic(
                path, line, column, Severity.ERROR, "expected/bad-id",
                f"{ident!r} is not a service id (lower-case letters, digits, '-', '_' and '.')"))
    return sorted(ids), problems


# --------------------------------------------------------------------------------------------
# The portfolio
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorStat:
    """How many services rate one success factor or readiness step as not met."""

    id: str
    name: str
    kind: str
    guidance: str
    gates: tuple[str, ...]
    not_met: int
    not_rated: int
    services: int

    @property
    def share_not_met(self) -> float:
        """Return the share of all services rating the factor as not met."""
        return self.not_met / self.services if self.services else 0.0


@dataclass(frozen=True)
class ClaimStat:
    """How many services claim one high criterion without evidence or validation."""

    id: str
    statement: str
    activity: str
    rung: str
    without_evidence: int
    not_validated: int


@dataclass(frozen=True)
class Group:
    """One value of the roll-up tag and the services that carry it."""

    name: str
    tagged: bool
    services: tuple[ServiceSummary, ...]


@dataclass(frozen=True)
class Rollup:
    """Services grouped by one tag; groups below `min_group` are hidden, only counted."""

    tag: str
    min_group: int
    groups: tuple[Group, ...]
    hidden_groups: int
    hidden_services: int


@dataclass(frozen=True)
class Move:
    """One service's rung in the last cycle and now."""

    current: ServiceSummary
    before: int


@dataclass(frozen=True)
class Movement:
    """What changed since the last cycle, matching services by id."""

    moves: tuple[Move, ...]
    new: tuple[ServiceSummary, ...]
    gone: tuple[ServiceSummary, ...]
    previous_counts: tuple[int, ...]

    @property
    def up(self) -> tuple[Move, ...]:
        """Return the services now on a higher rung, biggest climb first."""
        return tuple(sorted((m for m in self.moves if m.current.rung > m.before),
                            key=lambda m: (m.before - m.current.rung, m.current.service_id)))

    @property
    def down(self) -> tuple[Move, ...]:
        """Return the services now on a lower rung, biggest drop first."""
        return tuple(sorted((m for m in self.moves if m.current.rung < m.before),
                            key=lambda m: (m.current.rung - m.before, m.current.service_id)))

    @property
    def mean_change(self) -> float | None:
        """Return the mean rung change over matched services (None when none matched)."""
        if not self.moves:
            return None
        return sum(m.current.rung - m.before for m in self.moves) / len(self.moves)


@dataclass(frozen=True)
class Portfolio:
    """Every figure the portfolio report shows, computed once from the summaries."""

    rubric_id: str
    rubric_version: str
    rubric_title: str
    rungs: tuple[Rung, ...]
    activities: tuple[tuple[str, str], ...]
    high_floor: int
    as_of: dt.date
    stale_before: dt.date
    services: tuple[ServiceSummary, ...]
    failures: tuple[Failed, ...]
    rung_counts: tuple[int, ...]
    factor_stats: tuple[FactorStat, ...]
    claim_stats: tuple[ClaimStat, ...]
    expected: tuple[str, ...] | None
    missing: tuple[str, ...]
    duplicates: tuple[tuple[str, tuple[str, ...]], ...]
    rollup: Rollup | None
    movement: Movement | None

    def is_stale(self, summary: ServiceSummary) -> bool:
        """Return True when the assessment is undated or older than twelve months."""
        return summary.assessed_on is None or summary.assessed_on < self.stale_before

    @property
    def tag_names(self) -> tuple[str, ...]:
        """Return every tag any service carries, sorted."""
        return tuple(sorted({key for s in self.services for key, _ in s.tags}))


def months_before(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` calendar months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _months_between(earlier: dt.date, later: dt.date) -> int:
    """Return the whole calendar months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _latest_by_id(summaries: Iterable[ServiceSummary]) -> dict[str, ServiceSummary]:
    """Pick one summary per service id: the latest assessment, then the last path."""
    chosen: dict[str, ServiceSummary] = {}
    for s in summaries:
        held = chosen.get(s.service_id)
        if held is None or (s.assessed_on or dt.date.min, s.path) > (
                held.assessed_on or dt.date.min, held.path):
            chosen[s.service_id] = s
    return chosen


def _rung_counts(summaries: Iterable[ServiceSummary], levels: Sequence[int]) -> tuple[int, ...]:
    counts = Counter(s.rung for s in summaries)
    return tuple(counts.get(level, 0) for level in levels)


def build_portfolio(
    summaries: Iterable[ServiceSummary],
    failures: Iterable[Failed],
    rubric: Rubric,
    *,
    as_of: dt.date,
    previous: Iterable[ServiceSummary] | None = None,
    group_by: str | None = None,
    min_group: int = 5,
    expected: Iterable[str] | None = None,
) -> Portfolio:
    """Aggregate service summaries into the figures of the portfolio report."""
    services = tuple(sorted(summaries, key=lambda s: (s.service_id, s.path)))
    rungs = tuple(rubric.rungs_in_order())
    levels = [r.level for r in rungs]
    rung_names = {r.id: r.name for r in rungs}

    not_met = Counter(f for s in services for f in s.factors_not_met)
    not_rated = Counter(f for s in services for f in s.factors_unrated)
    stats = [
        FactorStat(id=f.id, name=f.name, kind=kind, guidance=f.guidance or f.summary,
                   gates=tuple(rung_names.get(g, g) for g in f.gates), not_met=not_met[f.id],
                   not_rated=not_rated[f.id], services=len(services))
        for kind, factors in ((ItemKind.SUCCESS_FACTOR.value, rubric.success_factors),
                              (ItemKind.READINESS_STEP.value, rubric.readiness))
        for f in factors
    ]
    stats.sort(key=lambda f: (-f.not_met, -f.not_rated, f.kind != ItemKind.SUCCESS_FACTOR, f.id))

    counts = Counter(s.service_id for s in services)
    repeated: dict[str, list[str]] = {sid: [] for sid, n in sorted(counts.items()) if n > 1}
    for s in services:
        if s.service_id in repeated:
            repeated[s.service_id].append(s.path)
    duplicates = tuple((sid, tuple(paths)) for sid, paths in repeated.items())

    expected_ids = tuple(sorted(set(expected))) if expected is not None else None
    missing = tuple(e for e in expected_ids if e not in counts) if expected_ids else ()

    rollup = _rollup(services, group_by, min_group) if group_by else None

    movement = None
    if previous is not None:
        before = _latest_by_id(s for s in previous if s.placed)
        now = _latest_by_id(s for s in services if s.placed)
        movement = Movement(
            moves=tuple(Move(now[sid], before[sid].rung) for sid in sorted(now) if sid in before),
            new=tuple(now[sid] for sid in sorted(now) if sid not in before),
            gone=tuple(before[sid] for sid in sorted(before) if sid not in now),
            previous_counts=_rung_counts(before.values(), levels),
        )

    return Portfolio(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        rungs=rungs,
        activities=tuple((a.id, a.name) for a in rubric.activities),
        high_floor=high_claim_floor(rungs),
        as_of=as_of,
        stale_before=months_before(as_of, STALE_AFTER_MONTHS),
        services=services,
        failures=tuple(sorted(failures, key=lambda f: f.path)),
        rung_counts=_rung_counts(services, levels),
        factor_stats=tuple(stats),
        claim_stats=_claim_stats(services, rubric),
        expected=expected_ids,
        missing=missing,
        duplicates=duplicates,
        rollup=rollup,
        movement=movement,
    )


def _claim_stats(services: Sequence[ServiceSummary], rubric: Rubric) -> tuple[ClaimStat, ...]:
    """Count, per high criterion, the services claiming it without evidence or validation."""
    without = Counter(c for s in services for c in s.high_without_evidence)
    unchecked = Counter(c for s in services for c in s.high_not_validated)
    activities = {a.id: a.name for a in rubric.activities}
    rungs = rubric.rung_by_id()
    stats = [ClaimStat(c.id, c.statement, activities.get(c.activity, c.activity),
                       rungs[c.rung].name if c.rung in rungs else c.rung,
                       without[c.id], unchecked[c.id])
             for c in rubric.criteria if without[c.id] or unchecked[c.id]]
    stats.sort(key=lambda c: (-c.without_evidence - c.not_validated, -c.without_evidence, c.id))
    return tuple(stats)


def _rollup(services: Sequence[ServiceSummary], tag: str, min_group: int) -> Rollup:
    grouped: dict[tuple[bool, str], list[ServiceSummary]] = defaultdict(list)
    for s in services:
        value = s.tag(tag)
        grouped[(value is not None, value if value is not None else f"no {tag} tag")].append(s)
    shown: list[Group] = []
    hidden_groups = hidden_services = 0
    # Tagged groups first, by name; services without the tag last.
    for (tagged, name), members in sorted(grouped.items(), key=lambda kv: (not kv[0][0],
                                                                           kv[0][1])):
        if len(members) < min_group:
            hidden_groups += 1
            hidden_services += len(members)
        else:
            shown.append(Group(name, tagged, tuple(members)))
    return Rollup(tag, min_group, tuple(shown), hidden_groups, hidden_services)


# --------------------------------------------------------------------------------------------
# The view: every label, rounding and order decided here
# --------------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _mean(values: Sequence[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


class Rows(Sequence[dict[str, Any]]):
    """A read-only list of view rows, each built from its summary when it is read.

    The per-service lists of a view are Rows, so a portfolio of many thousands of services
    never holds every row at once: memory stays at the size of the summaries.
    """

    def __init__(self, items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._make, self._items)


def materialise(value: Any) -> Any:
    """Return a view with every Rows turned into a list (for json.dumps or comparisons)."""
    if isinstance(value, Rows):
        return [materialise(row) for row in value]
    if isinstance(value, dict):
        return {key: materialise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [materialise(item) for item in value]
    return value


def build_portfolio_view(p: Portfolio) -> dict[str, Any]:
    """Turn a Portfolio into the plain, JSON-ready structure every format shows.

    Per-service lists are `Rows`, built as they are read; `materialise` makes them lists.
    """
    rung_by_level = {r.level: r for r in p.rungs}
    activity_ids = [a for a, _ in p.activities]
    total = len(p.services)
    previous_rung = ({m.current.service_id: m.before for m in p.movement.moves}
                     if p.movement else {})

    def rung(level: int | None) -> dict[str, Any] | None:
        if level is None or level not in rung_by_level:
            return None
        r = rung_by_level[level]
        return {"level": r.level, "id": r.id, "name": r.name, "band": str(r.band)}

    def who(s: ServiceSummary) -> dict[str, Any]:
        return {"service_id": s.service_id, "service_name": s.service_name, "team": s.team}

    def service_row(s: ServiceSummary) -> dict[str, Any]:
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
                round(100 * s.progress_met / s.progress_total) if s.progress_total else 100),
            "target": None if s.target_is_default else rung(s.target),
            "gap_to_target": s.gap,
            "placement": ("not yet placed" if not s.placed
                          else "provisional" if s.provisional else "firm"),
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
            "warnings": list(s.warnings),
        }

    stale = sorted((s for s in p.services if p.is_stale(s)),
                   key=lambda s: (s.assessed_on or dt.date.min, s.service_id, s.path))
    high = sorted((s for s in p.services if s.high_without_evidence or s.high_not_validated),
                  key=lambda s: (-len(s.high_without_evidence) - len(s.high_not_validated),
                                 s.service_id, s.path))
    gaps = sorted((s for s in p.services if s.gap), key=lambda s: (-(s.gap or 0), s.service_id,
                                                                   s.path))
    type_names = dict(p.activities)
    scoped = [(s, type_id, reason) for s in p.services for type_id, reason in s.out_of_scope]
    scoped.sort(key=lambda row: (list(type_names).index(row[1]) if row[1] in type_names else 0,
                                 row[0].service_id, row[0].path))
    previous_counts = p.movement.previous_counts if p.movement else None
    max_count = max(p.rung_counts, default=0)
    if previous_counts:
        max_count = max(max_count, *previous_counts)

    view: dict[str, Any] = {
        "format": PORTFOLIO_FORMAT,
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
            "stale": len(stale),
            "expected_missing": len(p.missing),
            "high_claims_to_check": len(high),
            "mean_rung": _mean([s.rung for s in p.services if s.placed]),
            "median_rung": (statistics.median_low([s.rung for s in p.services if s.placed])
                            if any(s.placed for s in p.services) else None),
        },
        "ladder": [
            {**(rung(r.level) or {}), "services": count, "share": _share(count, total),
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
             "percent_not_met": round(100 * f.share_not_met), "gates": list(f.gates),
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
        "out_of_scope": Rows(scoped, lambda row: {
            **who(row[0]), "type": type_names.get(row[1], row[1]), "type_id": row[1],
            "reason": row[2]}),
        "gaps": Rows(gaps, lambda s: {
            **who(s), "rung": rung(s.rung), "target": rung(s.target), "gap_to_target": s.gap}),
        "stale": Rows(stale, lambda s: {
            **who(s), "assessed_on": s.assessed_on.isoformat() if s.assessed_on else None,
            "months_old": _months_between(s.assessed_on, p.as_of) if s.assessed_on else None,
            "reason": ("no assessment date recorded" if s.assessed_on is None
                       else f"{_months_between(s.assessed_on, p.as_of)} months old")}),
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
    }
    return view


def action_plan(p: Portfolio) -> Rows:
    """Return one row per recommended action per service, for the workbook's action plan.

    Each row names the service, the rung it stands on and the rung the action leads to.
    """
    rung_names = {r.level: r.name for r in p.rungs}
    activity_names = dict(p.activities)
    pairs = [(s, a) for s in p.services for a in s.actions]
    return Rows(pairs, lambda pair: {
        "service_id": pair[0].service_id, "service_name": pair[0].service_name,
        "team": pair[0].team, "rung_name": rung_names.get(pair[0].rung, ""),
        "for_rung": rung_names.get(pair[0].rung + 1, ""), "priority": pair[1].priority,
        "title": pair[1].title, "kind": pair[1].kind,
        "activity": activity_names.get(pair[1].activity or "", pair[1].activity),
        "status": pair[1].status, "effort": pair[1].effort, "next_step": pair[1].next_step})


def short_name(name: str) -> str:
    """The term in closing brackets of a plain type name ("Designing how the service works
    (co-design)" gives "co-design"), for narrow column headers; the name itself otherwise."""
    if name.endswith(")") and "(" in name:
        term = name[name.rindex("(") + 1:-1].strip()
        if term:
            return term
    return name


def _activity_row(p: Portfolio, index: int, a_id: str, name: str) -> dict[str, Any]:
    levels = [s.activities[index] for s in p.services]
    counts = Counter(levels)
    states = Counter(s.type_states[index] for s in p.services if s.type_states)
    applicable = [level for level in levels if level]
    return {
        "id": a_id,
        "name": name,
        "short_name": short_name(name),
        "by_rung": [{"level": r.level, "services": counts.get(r.level, 0),
                     "share": _share(counts.get(r.level, 0), len(applicable))}
                    for r in p.rungs],
        "out_of_scope": states.get("out of scope", 0),
        "not_answered": states.get("not yet answered", 0),
        "not_applicable": states.get("not applicable", 0),
        "mean_rung": _mean(applicable),
    }


def _rollup_view(p: Portfolio, rung: Any) -> dict[str, Any]:
    assert p.rollup is not None
    levels = [r.level for r in p.rungs]
    return {
        "tag": p.rollup.tag,
        "min_group": p.rollup.min_group,
        "hidden_groups": p.rollup.hidden_groups,
        "hidden_services": p.rollup.hidden_services,
        "groups": [
            {"name": g.name, "tagged": g.tagged, "services": len(g.services),
             "by_rung": list(_rung_counts(g.services, levels)),
             "mean_rung": _mean([s.rung for s in g.services if s.placed]),
             "with_target": sum(1 for s in g.services if not s.target_is_default),
             "at_or_above_target": sum(1 for s in g.services if s.target_reached),
             "stale": sum(1 for s in g.services if p.is_stale(s)),
             "high_claims_to_check": sum(1 for s in g.services
                                         if s.high_without_evidence or s.high_not_validated)}
            for g in p.rollup.groups
        ],
    }


def _movement_view(p: Portfolio, rung: Any, who: Any) -> dict[str, Any]:
    m = p.movement
    assert m is not None
    mean = m.mean_change

    def move(x: Move) -> dict[str, Any]:
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


# --------------------------------------------------------------------------------------------
# Renderers
# --------------------------------------------------------------------------------------------


def render_portfolio(view: dict[str, Any], fmt: PortfolioFormat,
                     csv_headers: CsvHeaders = CsvHeaders.LABELS) -> str:
    """Render a portfolio view as Markdown, HTML, JSON or CSV; always ends with a newline."""
    return "".join(iter_portfolio(view, fmt, csv_headers))


def iter_portfolio(view: dict[str, Any], fmt: PortfolioFormat,
                   csv_headers: CsvHeaders = CsvHeaders.LABELS) -> Iterator[str]:
    """Yield a rendered portfolio in pieces, so a large one can be written as it is made.

    The pieces joined are exactly `render_portfolio(view, fmt)`.
    """
    if fmt is PortfolioFormat.JSON:
        yield from _iter_json(view, 0)
        yield "\n"
        return
    if fmt is PortfolioFormat.CSV:
        yield from iter_csv(view, csv_headers)
        return
    from coprod_ladder.report import environment

    last = ""
    for piece in environment().get_template(f"portfolio.{fmt.value}.j2").generate(p=view):
        if piece:
            last = piece
            yield piece
    if not last.endswith("\n"):
        yield "\n"


def _dumps(value: Any) -> str:
    return dumps_sorted(value)


def _holds_rows(value: Any) -> bool:
    return isinstance(value, Rows) or (isinstance(value, dict) and any(
        _holds_rows(item) for item in value.values()))


def _iter_json(value: Any, depth: int) -> Iterator[str]:
    """Yield exactly what `_dumps(materialise(value))` would write, one row at a time.

    json.dumps with an indent builds the whole text from millions of small pieces; encoding
    row by row keeps memory to one row's worth.
    """
    pad = "  " * depth
    if isinstance(value, Rows):
        if not len(value):
            yield "[]"
            return
        for index, row in enumerate(value):
            yield ("[\n" if index == 0 else ",\n") + pad + "  "
            yield from _iter_json(row, depth + 1)
        yield "\n" + pad + "]"
    elif isinstance(value, dict) and _holds_rows(value):
        for index, key in enumerate(sorted(value)):
            yield ("{\n" if index == 0 else ",\n") + pad + "  " + _dumps(key) + ": "
            yield from _iter_json(value[key], depth + 1)
        yield "\n" + pad + "}"
    else:
        yield dumps_sorted(value, depth)


# One column of the services table (CSV and the workbook's Services sheet): the id scripts
# rely on, and the label a strategy lead reads. Tags and activities add a column each.
CSV_FIXED_COLUMNS = (("service_id", "Service id"), ("service_name", "Service"),
                     ("team", "Team"))
CSV_SERVICE_COLUMNS = (
    ("assessed_on", "Assessed on"), ("rung_level", "Rung (level)"), ("rung_name", "Rung"),
    ("placement", "Placement"), ("questions_answered", "Questions answered"),
    ("questions_in_scope", "Questions in scope"),
    ("target_level", "Target (level)"), ("target_name", "Target"),
    ("gap_to_target", "Rungs to target"), ("next_rung", "Next rung"),
    ("progress_percent", "Progress to next rung (%)"))
CSV_COUNT_COLUMNS = (
    ("claims_without_evidence", "Claims without evidence"),
    ("claims_not_validated", "Claims not validated"),
    ("not_yet_answered", "Not yet answered"),
    ("high_claims_without_evidence", "High claims without evidence"),
    ("high_claims_not_validated", "High claims not validated"),
    ("risks", "Risks"), ("stale", "Needs refreshing"),
    ("previous_rung_level", "Last cycle rung (level)"), ("rung_change", "Change since last cycle"),
    ("path", "Answers file"))


def service_columns(view: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (id, label) for every column of the services table, in order (see docs)."""
    return [*CSV_FIXED_COLUMNS,
            *((f"tag_{t}", f"Tag: {t}") for t in view["tags"]),
            *CSV_SERVICE_COLUMNS,
            *((f"{a['id']}_level", f"{a['name']} (level)") for a in view["activities"]),
            *CSV_COUNT_COLUMNS]


def csv_columns(view: dict[str, Any], headers: CsvHeaders = CsvHeaders.IDS) -> list[str]:
    """Return the CSV header: column ids or readable labels."""
    return [ident if headers is CsvHeaders.IDS else label
            for ident, label in service_columns(view)]


def service_cells(view: dict[str, Any], s: dict[str, Any]) -> list[object]:
    """Return one service's row of the services table, as plain values ("" for none)."""
    rung, target, next_rung = s["rung"] or {}, s["target"], s["next_rung"]
    row: list[object] = [s["service_id"], s["service_name"], s["team"] or ""]
    row += [s["tags"].get(t, "") for t in view["tags"]]
    row += [s["assessed_on"] or "", rung.get("level", ""), rung.get("name", ""),
            s["placement"], s["answered"], s["questions"],
            target["level"] if target else "", target["name"] if target else "",
            "" if s["gap_to_target"] is None else s["gap_to_target"],
            next_rung["name"] if next_rung else "",
            "" if s["progress_percent"] is None else s["progress_percent"]]
    # A type without a rung says why, unless it simply has no answers yet.
    row += [level if level is not None else ("" if state == "not yet answered" else state)
            for level, state in zip(s["activities"].values(), s["type_states"].values(),
                                    strict=True)]
    row += [s["claims_without_evidence"], s["claims_not_validated"], s["not_yet_answered"],
            len(s["high_claims_without_evidence"]), len(s["high_claims_not_validated"]),
            "; ".join(s["risks"]), "yes" if s["stale"] else "no",
            "" if s["previous_rung_level"] is None else s["previous_rung_level"],
            "" if s["rung_change"] is None else s["rung_change"], s["path"]]
    return row


def runs_as_formula(value: object) -> bool:
    """Return True for text a spreadsheet would run as a formula (or that starts one).

    Text starting with = + - @ (or a tab or carriage return); numbers never count.
    """
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def spreadsheet_safe(value: object) -> object:
    """Keep a text cell from being run as a formula by Excel or LibreOffice.

    Text that `runs_as_formula` gets a leading apostrophe; the numbers coprod itself writes
    are left as numbers.
    """
    if runs_as_formula(value):
        return "'" + str(value)
    return value


def iter_csv(view: dict[str, Any], headers: CsvHeaders = CsvHeaders.LABELS) -> Iterator[str]:
    """Yield one row per service as CSV that opens cleanly in Excel (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow(csv_columns(view, headers))
    for s in view["services"]:
        writer.writerow([spreadsheet_safe(cell) for cell in service_cells(view, s)])
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
