"""The portfolio's part "What children, young people and families say", as a view.

`voices_view` turns the figures of `portfolio_voices.voice_reach` into plain, JSON-ready values
every portfolio format shows the same (HTML, Markdown, JSON; the CSV and workbook read the
per-service counts from the services table): how many services heard anyone, which heard
nobody, each group's reach and share of agreement (hidden below the rubric's minimum, with a
note), coverage per roll-up row, and the blind spots by type and by service. Every sentence is
a whole template in `wording`. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from coprod_ladder.portfolio_voices import GROUPS
from coprod_ladder.rendering.rows import Rows
from coprod_ladder.rendering.voice_words import group_words
from coprod_ladder.rendering.wording import say, say_count, tag_label, whole_percent

if TYPE_CHECKING:  # `score` loads this module's types, never the portfolio itself
    from coprod_ladder.portfolio import Portfolio
    from coprod_ladder.service_summary import ServiceSummary


class VoiceGroupReachView(TypedDict):
    """One group across the portfolio; `agree_percent` is None when hidden (too few)."""

    group: str
    label: str
    services: int
    respondents: int
    agree_percent: int | None
    text: str  # "74% agree", "fewer than 5 answered" or "nobody answered"


class VoiceTagReachView(TypedDict):
    """One roll-up row: services, how many heard anyone, and respondents per group."""

    name: str
    pooled: bool
    services: int
    heard: int
    respondents: dict[str, int]


class VoiceTypeView(TypedDict):
    """How many services have a blind spot on one type of co-production."""

    id: str
    name: str
    services: int


class VoiceServiceView(TypedDict):
    """One service that heard anyone: who answered, and its blind spots by type."""

    service_id: str
    service_name: str
    team: str | None
    report: str | None
    respondents: dict[str, int]
    blind_spots: dict[str, int]
    total_blind_spots: int


class PortfolioVoicesView(TypedDict):
    """Everything the portfolio shows about voices (docs/portfolio.md describes it)."""

    services: int
    heard: int
    sentence: str
    not_heard: Sequence[dict[str, str | None]]
    not_heard_sentence: str | None
    min_respondents: int
    groups: list[VoiceGroupReachView]
    group_by: str | None
    by_tag: list[VoiceTagReachView] | None
    blind_spot_types: list[VoiceTypeView]
    heard_services: Sequence[VoiceServiceView]
    small_note: str | None


def voices_view(p: Portfolio) -> PortfolioVoicesView:
    """The portfolio's voice part (see the module)."""
    r = p.voices
    low = r.min_respondents
    groups: list[VoiceGroupReachView] = []
    for g in r.by_group:
        share = g.share
        text = (say("voice-nobody") if not g.respondents
                else say("voice-fewer-than", min_group=low) if not g.shown
                else say("voice-agree-share", percent=whole_percent(g.agree, g.answered))
                if share is not None else say("voice-none-on-scale"))
        groups.append({"group": g.group.value, "label": group_words(g.group),
                       "services": g.services, "respondents": g.respondents,
                       "agree_percent": (whole_percent(g.agree, g.answered)
                                         if share is not None else None), "text": text})
    type_ids = [a for a, _ in p.activities]
    names = dict(p.activities)
    def heard_service(s: ServiceSummary) -> VoiceServiceView:
        return {"service_id": s.service_id, "service_name": s.service_name, "team": s.team,
                "report": s.report,
                "respondents": {g.value: s.voices[n] for n, g in enumerate(GROUPS)},
                "blind_spots": dict(zip(type_ids, s.blind_spots or (0,) * len(type_ids),
                                        strict=True)),
                "total_blind_spots": sum(s.blind_spots)}

    # Lazy rows (see `rows`): every service may be in one of these two lists.
    heard_services = Rows(sorted(r.heard, key=lambda s: (-sum(s.blind_spots), s.service_id)),
                          heard_service)
    by_tag: list[VoiceTagReachView] | None = None
    if p.rollup is not None:
        by_tag = [{"name": say("groups-pooled") if t.pooled else t.name, "pooled": t.pooled,
                   "services": t.services, "heard": t.heard,
                   "respondents": {g.value: t.respondents[n] for n, g in enumerate(GROUPS)}}
                  for t in r.by_tag]
    total = len(p.services)
    return {
        "services": total, "heard": len(r.heard),
        "sentence": (say_count("portfolio-voices-heard", total, heard=len(r.heard),
                               people=sum(g.respondents for g in r.by_group))
                     if r.heard else say("portfolio-voices-heard-none")),
        "not_heard": Rows(r.not_heard, lambda s: {
            "service_id": s.service_id, "service_name": s.service_name, "report": s.report}),
        # With nobody heard anywhere, `sentence` says it all.
        "not_heard_sentence": (say_count("portfolio-voices-not-heard", len(r.not_heard))
                               if r.not_heard and r.heard else None),
        "min_respondents": low,
        "groups": groups,
        "group_by": tag_label(p.rollup.tag) if p.rollup is not None else None,
        "by_tag": by_tag,
        "blind_spot_types": [{"id": a, "name": names[a], "services": n}
                             for a, n in zip(type_ids, r.blind_spots_by_type, strict=True)],
        "heard_services": heard_services,
        "small_note": (say("portfolio-voices-hidden", min_group=low)
                       if r.hidden_shares else None),
    }
