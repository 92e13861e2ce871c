"""What children, young people and families said, across the portfolio: the figures only.

This module owns `voice_reach`, which adds up the voice figures each `ServiceSummary` keeps:
which services heard nobody, how many of each group answered and how many of their answers
say a practice happens, coverage per roll-up group, and how many services have a blind spot
on each type of co-production. Small numbers stay hidden: a group's share of agreement is
shown only when at least the rubric's `voice.min_group` people of it answered, and the
roll-up rows are the portfolio's own (`portfolio._rollup`), so no row reveals a group the
roll-up hides. Pure: no printing, no clock; the words are in `rendering.portfolio_voice_view`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coprod_ladder.model import VoiceGroup
from coprod_ladder.service_summary import ServiceSummary

GROUPS = tuple(VoiceGroup)  # the order ServiceSummary.voices keeps


@dataclass(frozen=True)
class GroupReach:
    """One group (children, young people, parents) across every service."""

    group: VoiceGroup
    services: int  # services where at least one of the group answered
    respondents: int
    agree: int  # answers on the scale saying it happens mostly or always
    answered: int  # answers on the scale
    shown: bool  # enough people answered for the share to be shown

    @property
    def share(self) -> float | None:
        """The share of answers that agree; None when hidden or nobody answered on the scale."""
        return self.agree / self.answered if self.shown and self.answered else None


@dataclass(frozen=True)
class TagReach:
    """One row of the roll-up: how many of its services heard anyone, and from whom."""

    name: str
    tagged: bool
    pooled: bool  # the row that pools the groups too small to show alone
    services: int
    heard: int
    respondents: tuple[int, ...]  # per group, in GROUPS order


@dataclass(frozen=True)
class VoiceReach:
    """The portfolio's voice figures (see the module)."""

    min_respondents: int
    heard: tuple[ServiceSummary, ...]
    not_heard: tuple[ServiceSummary, ...]
    by_group: tuple[GroupReach, ...]
    by_tag: tuple[TagReach, ...]
    blind_spots_by_type: tuple[int, ...]  # services with a blind spot, per type in rubric order

    @property
    def hidden_shares(self) -> int:
        """Groups that answered somewhere but too few to show their share."""
        return sum(1 for g in self.by_group if g.respondents and not g.shown)


def voice_reach(services: Sequence[ServiceSummary], types: int, min_respondents: int,
                rollup_rows: Sequence[tuple[str, bool, bool, Sequence[ServiceSummary]]] = ()
                ) -> VoiceReach:
    """Add up the services' voice figures; `rollup_rows` are (name, tagged, pooled, services)."""
    heard = tuple(s for s in services if s.heard)
    # (agreeing, all) per group, read once a service: a summary unpacks them on each read.
    scale = [[0, 0] for _ in GROUPS]
    for s in heard:
        for totals, (agree, answered) in zip(scale, s.voice_agree, strict=False):
            totals[0] += agree
            totals[1] += answered
    by_group = []
    for n, group in enumerate(GROUPS):
        people = sum(s.voices[n] for s in heard)
        agree, answered = scale[n]
        by_group.append(GroupReach(group, sum(1 for s in heard if s.voices[n]), people, agree,
                                   answered, people >= min_respondents))
    by_tag = tuple(
        TagReach(name, tagged, pooled, len(members), sum(1 for s in members if s.heard),
                 tuple(sum(s.voices[n] for s in members if s.heard) for n in range(len(GROUPS))))
        for name, tagged, pooled, members in rollup_rows)
    spots = tuple(sum(1 for s in heard if s.blind_spots and s.blind_spots[t])
                  for t in range(types))
    return VoiceReach(min_respondents, heard, tuple(s for s in services if not s.heard),
                      tuple(by_group), by_tag, spots)
