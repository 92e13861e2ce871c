"""Every service on one page: the figures a strategy lead reads, aggregated from summaries.

This module owns `build_portfolio`, which aggregates `ServiceSummary`s (see `service_summary`)
into a `Portfolio`: rung counts, the heat map by type, weakest success factors, unevidenced
high claims, gaps to target, stale and missing assessments, tag roll-ups with small groups
hidden, and movement since the last cycle. `rendering.portfolio_view` turns a Portfolio into
the view every format shows.

Pure: no printing, no clock (the "as of" date is a parameter), no writing. The same input
always gives the same portfolio: services are sorted by id, then path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from coprod_ladder.batch import Failed
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _
from coprod_ladder.model import ItemKind, Rubric, Rung, TextLanguage
from coprod_ladder.portfolio_voices import VoiceReach, voice_reach
from coprod_ladder.service_summary import ServiceSummary, high_claim_floor
from coprod_ladder.yaml_positions import position
from coprod_ladder.yaml_source import parse_yaml

STALE_AFTER_MONTHS = 12
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


# --------------------------------------------------------------------------------------------
# The expected-services list
# --------------------------------------------------------------------------------------------


def parse_expected(text: str, path: str) -> tuple[list[str], list[Diagnostic]]:
    """Read the list of service ids expected to have answered, collecting every problem.

    A `.yaml`/`.yml` file holds a YAML list of ids; any other file holds one id per line,
    with blank lines and `#` comments ignored. Returns the ids (sorted, without repeats).
    """
    found: list[tuple[str, int, int]] = []
    problems: list[Diagnostic] = []
    if path.endswith((".yaml", ".yml")):
        doc = parse_yaml(text.removeprefix("\ufeff"), path)
        if doc.root is None or doc.diagnostics:
            return [], sorted(doc.diagnostics)
        if not isinstance(doc.data, list):
            line, column = position(doc.root, ())
            return [], [Diagnostic(path, line, column, Severity.ERROR, "expected/not-a-list",
                                   _("the expected-services file must be a YAML list of "
                                     "service ids, like '- harbour-youth'"))]
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
                _("{value} is not a service id (lower-case letters, digits, '-', '_' and "
                  "'.')").format(value=repr(ident))))
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
    pooled: tuple[ServiceSummary, ...] = ()


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
    previous_type_means: tuple[float | None, ...] = ()

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
    voices: VoiceReach
    statements: dict[str, str]  # each criterion's statement by its id, for people to read
    # The language the rubric's texts are in, when not English: what stayed English, drafts.
    text_language: TextLanguage | None = None

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


def months_between(earlier: dt.date, later: dt.date) -> int:
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


def _id_runs(ordered: Sequence[ServiceSummary]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of more than one summary of one id, in summaries sorted by id."""
    start = 0
    while start < len(ordered):
        sid, end = ordered[start].service_id, start + 1
        while end < len(ordered) and ordered[end].service_id == sid:
            end += 1
        if end - start > 1:
            yield start, end
        start = end


def in_id_order(summaries: Iterable[ServiceSummary]) -> list[ServiceSummary]:
    """The summaries by service id, then by path where one id has several files.

    Sorted by id alone, then each run of one id by path: a (id, path) key for every service
    made each path again (8 MB of a 45,000-service portfolio's peak), for the few ids that
    repeat.
    """
    ordered = sorted(summaries, key=lambda s: s.service_id)
    for start, end in _id_runs(ordered):
        ordered[start:end] = sorted(ordered[start:end], key=lambda s: s.path)
    return ordered


def _repeated_ids(services: Sequence[ServiceSummary]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ids answered in more than one file, each with its paths (`services` in id order)."""
    return tuple((services[start].service_id, tuple(s.path for s in services[start:end]))
                 for start, end in _id_runs(services))


def rung_counts(summaries: Iterable[ServiceSummary], levels: Sequence[int]) -> tuple[int, ...]:
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
    services = tuple(in_id_order(summaries))
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

    duplicates = _repeated_ids(services)
    expected_ids = tuple(sorted(set(expected))) if expected is not None else None
    missing: tuple[str, ...] = ()
    if expected_ids:
        wanted = set(expected_ids)  # as many as the list of expected ids, not every service
        answered = {s.service_id for s in services if s.service_id in wanted}
        missing = tuple(e for e in expected_ids if e not in answered)

    rollup = _rollup(services, group_by, min_group) if group_by else None

    movement = None
    if previous is not None:
        before = _latest_by_id(s for s in previous if s.placed)
        now = _latest_by_id(s for s in services if s.placed)
        movement = Movement(
            moves=tuple(Move(now[sid], before[sid].rung) for sid in sorted(now) if sid in before),
            new=tuple(now[sid] for sid in sorted(now) if sid not in before),
            gone=tuple(before[sid] for sid in sorted(before) if sid not in now),
            previous_counts=rung_counts(before.values(), levels),
            previous_type_means=_type_means(before.values(), len(rubric.activities)),
        )

    return Portfolio(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        text_language=rubric.text_language,
        rungs=rungs,
        activities=tuple((a.id, a.name) for a in rubric.activities),
        high_floor=high_claim_floor(rungs),
        as_of=as_of,
        stale_before=months_before(as_of, STALE_AFTER_MONTHS),
        services=services,
        failures=tuple(sorted(failures, key=lambda f: f.path)),
        rung_counts=rung_counts(services, levels),
        factor_stats=tuple(stats),
        claim_stats=_claim_stats(services, rubric),
        expected=expected_ids,
        missing=missing,
        duplicates=duplicates,
        rollup=rollup,
        movement=movement,
        voices=voice_reach(services, len(rubric.activities), rubric.voice.min_group,
                           _rollup_rows(rollup)),
        statements={c.id: c.statement for c in rubric.criteria},
    )


def _rollup_rows(rollup: Rollup | None) -> list[tuple[str, bool, bool,
                                                      tuple[ServiceSummary, ...]]]:
    """The roll-up's rows as shown: each group big enough, then the pooled row, if any."""
    if rollup is None:
        return []
    rows = [(g.name, g.tagged, False, g.services) for g in rollup.groups]
    if rollup.pooled:
        rows.append(("", True, True, rollup.pooled))
    return rows


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


def _type_means(summaries: Iterable[ServiceSummary], types: int) -> tuple[float | None, ...]:
    """The mean rung of each type of co-production, over the services with a rung in it."""
    levels: list[list[int]] = [[] for _ in range(types)]
    for s in summaries:
        for index, level in enumerate(s.activities[:types]):
            if level:
                levels[index].append(level)
    return tuple(round(sum(found) / len(found), 2) if found else None for found in levels)


def _rollup(services: Sequence[ServiceSummary], tag: str, min_group: int) -> Rollup:
    """Group services by `tag`, hiding every group smaller than `min_group`.

    The hidden groups are pooled, and the pool is shown as one row only when it holds at
    least `min_group` services. A pool smaller than that takes in the smallest shown groups
    until it is big enough (or holds every service), so that nobody can subtract the shown
    groups from the whole portfolio and find a small group's figures.
    """
    grouped: dict[tuple[bool, str], list[ServiceSummary]] = defaultdict(list)
    for s in services:
        value = s.tag(tag)
        grouped[(value is not None, value if value is not None
                 else _("no {tag} tag").format(tag=tag))].append(s)
    # Tagged groups first, by name; services without the tag last.
    ordered = sorted(grouped.items(), key=lambda kv: (not kv[0][0], kv[0][1]))
    shown = [Group(name, tagged, tuple(members)) for (tagged, name), members in ordered
             if len(members) >= min_group]
    pool = [s for (_, _), members in ordered if len(members) < min_group for s in members]
    hidden_groups = len(ordered) - len(shown)
    while pool and len(pool) < min_group and shown:
        smallest = min(shown, key=lambda g: (len(g.services), g.name))
        shown.remove(smallest)
        pool.extend(smallest.services)
        hidden_groups += 1
    pooled = tuple(in_id_order(pool))
    return Rollup(tag, min_group, tuple(shown), hidden_groups, len(pooled),
                  pooled if len(pooled) >= min_group else ())


# --------------------------------------------------------------------------------------------
# The view: every label, rounding and order decided here
# --------------------------------------------------------------------------------------------
