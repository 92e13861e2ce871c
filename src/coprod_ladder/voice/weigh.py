"""Weigh what children, young people and families said beside what the service says.

`weigh` pools every voice file for one service (respondents added together, so the result is
the same whatever the order of respondents or files) and, per item and per type of
co-production and per group, counts who answered, the spread over the scale and the share who
agree. It sets each group's mean beside the service's own answer on the same scale (the
answer option's `voice_point`): a blind spot where the service says more than the group by
more than the rubric's margin, a hidden strength where it says less. A group confirms an item
by the rubric's rule (`VoiceRules`). Groups smaller than `min_group` are never shown on their
own: they count only in the totals. Pure: no files, no wording, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from coprod_ladder.model import Answers, Criterion, Rubric, VoiceGroup, VoiceRules
from coprod_ladder.voice.model import AGREES, SCALE_POINTS, SCALE_TOP, VoiceFile

_POINTS = len(SCALE_POINTS)
_AGREE_POINTS = frozenset(SCALE_POINTS[a] for a in AGREES)
#: The groups in enum order, once: iterating an Enum class runs Python code every time.
_GROUPS = tuple(VoiceGroup)


@dataclass(frozen=True)
class Tally:
    """Answers from one group (or everyone) to one item or type: counts, never people.

    `spread[p]` is how many answered point p (0 never ... 4 always); `unsure` how many said
    "don't know" or "rather not say", which are counted apart and never as a low answer.
    """

    spread: tuple[int, ...] = (0,) * _POINTS
    unsure: int = 0

    # Worked out once (a frozen dataclass keeps them in its __dict__; they are not fields,
    # so equality and the repr are as before): each is asked for several times a group.
    @cached_property
    def answered(self) -> int:
        """Answers on the scale."""
        return sum(self.spread)

    @cached_property
    def agree(self) -> int:
        """Answers that say the practice happens (mostly or always)."""
        return sum(n for point, n in enumerate(self.spread) if point in _AGREE_POINTS)

    @property
    def share(self) -> float | None:
        """The share who agree, of those on the scale; None when nobody answered on it."""
        return self.agree / self.answered if self.answered else None

    @property
    def mean(self) -> float | None:
        """The mean point on the scale; None when nobody answered on it."""
        if not self.answered:
            return None
        return sum(point * n for point, n in enumerate(self.spread)) / self.answered

    def plus(self, other: Tally) -> Tally:
        """Both tallies added together."""
        return Tally(tuple(a + b for a, b in zip(self.spread, other.spread, strict=True)),
                     self.unsure + other.unsure)

    def shown(self, rules: VoiceRules) -> bool:
        """True when enough answered on the scale for the group to be shown on its own."""
        return self.answered >= rules.min_group


def _sum(tallies: Iterable[Tally]) -> Tally:
    """Tallies added together (the same as `plus` one by one, in one pass)."""
    spread = [0] * _POINTS
    unsure = 0
    for tally in tallies:
        for point, n in enumerate(tally.spread):
            spread[point] += n
        unsure += tally.unsure
    return Tally(tuple(spread), unsure)


@dataclass(frozen=True)
class GroupVoice:
    """One group's answers to one item, set beside the service's answer."""

    group: VoiceGroup
    question: str
    tally: Tally
    shown: bool  # enough answered to be shown on its own (else counted only in the totals)
    gap: float | None  # the service's point minus the group's mean (shown groups only)
    blind_spot: bool
    hidden_strength: bool
    confirms: bool


@dataclass(frozen=True)
class ItemVoice:
    """What every group said about one item, and what the service said on the same scale."""

    criterion: Criterion
    service_point: int | None  # None: not answered, "don't know", or a scale with no points
    groups: tuple[GroupVoice, ...]  # groups asked this item that answered it, in enum order
    total: Tally

    @property
    def blind_spots(self) -> tuple[GroupVoice, ...]:
        """Groups that say the practice happens much less than the service does."""
        return tuple(g for g in self.groups if g.blind_spot)

    @property
    def hidden_strengths(self) -> tuple[GroupVoice, ...]:
        """Groups that say the practice happens much more than the service does."""
        return tuple(g for g in self.groups if g.hidden_strength)

    @property
    def confirmed_by(self) -> tuple[VoiceGroup, ...]:
        """Groups whose answers confirm the item by the rubric's rule."""
        return tuple(g.group for g in self.groups if g.confirms)

    @property
    def confirmed(self) -> bool:
        """True when a group confirms the item and no group shows it as a blind spot."""
        return bool(self.confirmed_by) and not self.blind_spots

    @property
    def largest_gap(self) -> float:
        """The widest gap either way between the service and a shown group (0 when none)."""
        return max((abs(g.gap) for g in self.groups if g.gap is not None), default=0.0)


@dataclass(frozen=True)
class TypeGroup:
    """One group's answers to the items of one type: shown only when enough people answered."""

    group: VoiceGroup
    tally: Tally
    respondents: int
    shown: bool


@dataclass(frozen=True)
class TypeVoice:
    """Every answer to the items of one type of co-production, per group and in total."""

    activity_id: str
    groups: tuple[TypeGroup, ...]  # groups that answered an item of this type, in enum order
    total: Tally
    respondents: int  # people who answered at least one of its items
    blind_spots: int  # items of this type with a blind spot
    hidden_strengths: int
    confirmed: int


@dataclass(frozen=True)
class VoiceWeighing:
    """What one service's voice files say, weighed: every figure the reports show."""

    files: int
    respondents: int
    by_group: tuple[tuple[VoiceGroup, int], ...]  # respondents per group, in enum order
    items: tuple[ItemVoice, ...]  # items somebody answered, in rubric order
    types: tuple[TypeVoice, ...]  # types somebody answered, in rubric order
    min_group: int

    def item(self, criterion_id: str) -> ItemVoice | None:
        """The weighed answers to one item, if anybody answered it."""
        return next((i for i in self.items if i.criterion.id == criterion_id), None)


def _service_points(rubric: Rubric, answers: Answers) -> dict[str, int]:
    """Each criterion's answer as a point on the voice scale, where its answer set says."""
    points = {s.id: {o.id: o.voice_point for o in s.options if not o.unknown}
              for s in rubric.answer_sets}
    found: dict[str, int] = {}
    for criterion in rubric.criteria:
        given = answers.criteria.get(criterion.id)
        if given is None or given.answer is None or given.not_applicable:
            continue
        point = points[criterion.answer_set].get(given.answer)
        if point is not None:
            found[criterion.id] = point
    return found


def _group_voice(group: VoiceGroup, question: str, tally: Tally, point: int | None,
                 rules: VoiceRules) -> GroupVoice:
    shown = tally.shown(rules)
    mean = tally.mean if shown else None
    gap = point - mean if point is not None and mean is not None else None
    margin = rules.blind_spot_margin * SCALE_TOP
    share = tally.share
    confirms = (shown and tally.answered >= rules.confirm_min_respondents
                and share is not None and share >= rules.confirm_share - 1e-9)
    return GroupVoice(group, question, tally, shown, gap,
                      blind_spot=gap is not None and gap > margin + 1e-9,
                      hidden_strength=gap is not None and -gap > margin + 1e-9,
                      confirms=confirms)


@dataclass
class _Pool:
    tallies: dict[tuple[str, VoiceGroup], Tally]  # per (item, group)
    people: dict[VoiceGroup, int]
    type_people: dict[tuple[str, VoiceGroup], int]  # who answered any item of a type
    everyone: int = 0


def _pooled(voices: Iterable[VoiceFile], rubric: Rubric) -> _Pool:
    """Answers counted per (item, group), respondents per group and type, and in all.

    An answer from a group the item is not asked of is kept in the file but not counted
    (`voice.read` warns about it)."""
    # (item, group) -> the item's type, for each item asked of that group: one lookup an
    # answer tells whether it counts and where.
    counted_in = {(c.id, group): c.activity for c in rubric.criteria if c.voice is not None
                  for group in c.voice.ask}
    pool = _Pool({}, {}, {})
    # Counted into plain lists (each point of the scale, then the unsure), made Tallies once
    # at the end: a Tally for every single answer was most of the time voices added.
    counts: dict[tuple[str, VoiceGroup], list[int]] = {}
    for voice in voices:
        for person in voice.respondents:
            group = person.group
            pool.everyone += 1
            pool.people[group] = pool.people.get(group, 0) + 1
            types: set[str] = set()
            for item, answer in person.answers.items():
                key = (item, group)
                type_id = counted_in.get(key)
                if type_id is not None:
                    row = counts.get(key)
                    if row is None:
                        row = counts[key] = [0] * (_POINTS + 1)
                    point = SCALE_POINTS.get(answer)
                    row[_POINTS if point is None else point] += 1
                    types.add(type_id)
            for type_id in types:
                key = (type_id, group)
                pool.type_people[key] = pool.type_people.get(key, 0) + 1
    pool.tallies = {key: Tally(tuple(row[:_POINTS]), row[_POINTS])
                    for key, row in counts.items()}
    return pool


def weigh(rubric: Rubric, answers: Answers, voices: Sequence[VoiceFile]) -> VoiceWeighing:
    """Pool a service's voice files and weigh them against its answers (see the module)."""
    rules = rubric.voice
    pool = _pooled(voices, rubric)
    tallies = pool.tallies
    points = _service_points(rubric, answers)
    items: list[ItemVoice] = []
    for criterion in rubric.criteria:
        if criterion.voice is None:
            continue
        groups = tuple(
            _group_voice(group, criterion.voice.ask[group], tallies[(criterion.id, group)],
                         points.get(criterion.id), rules)
            for group in _GROUPS if (criterion.id, group) in tallies)
        if groups:
            items.append(ItemVoice(criterion, points.get(criterion.id), groups,
                                   _sum(g.tally for g in groups)))
    return VoiceWeighing(
        files=len(voices), respondents=pool.everyone,
        by_group=tuple((g, pool.people[g]) for g in _GROUPS if g in pool.people),
        items=tuple(items), types=_types(rubric, items, pool.type_people, rules),
        min_group=rules.min_group)


def _types(rubric: Rubric, items: Sequence[ItemVoice],
           people: Mapping[tuple[str, VoiceGroup], int], rules: VoiceRules
           ) -> tuple[TypeVoice, ...]:
    by_type: dict[str, list[ItemVoice]] = {}
    for item in items:
        by_type.setdefault(item.criterion.activity, []).append(item)
    found: list[TypeVoice] = []
    for activity in rubric.activities:
        mine = by_type.get(activity.id)
        if not mine:
            continue
        groups = tuple(
            TypeGroup(group, _sum(g.tally for i in mine for g in i.groups if g.group is group),
                      people[(activity.id, group)],
                      people[(activity.id, group)] >= rules.min_group)
            for group in _GROUPS if (activity.id, group) in people)
        found.append(TypeVoice(
            activity.id, groups, _sum(i.total for i in mine),
            sum(g.respondents for g in groups),
            blind_spots=sum(1 for i in mine if i.blind_spots),
            hidden_strengths=sum(1 for i in mine if i.hidden_strengths),
            confirmed=sum(1 for i in mine if i.confirmed)))
    return tuple(found)
