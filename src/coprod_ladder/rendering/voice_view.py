"""The report section "What children, young people and families say", as a view.

`voice_section` turns what `scoring` weighed (a ScoreCard's `voice`) into plain, JSON-ready
values every format shows the same: how many voices and from whom, agreement per type, the
biggest blind spots and hidden strengths, and which "doing with" items families confirmed.
A group smaller than the rubric's minimum is never shown on its own (its figures are None,
with a note). Every sentence is a whole template in `wording`. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from coprod_ladder.language import ngettext
from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering.voice_words import group_in_sentence, group_words, scale_in_sentence
from coprod_ladder.rendering.wording import group_count, names, say
from coprod_ladder.scoring import Blocker, CriterionResult, ScoreCard
from coprod_ladder.voice.weigh import GroupVoice, ItemVoice, Tally

MOST_SHOWN = 5  # blind spots and hidden strengths in the section (all are in the actions)


class VoiceGroupView(TypedDict):
    """One group's answers: counts always; share and mean only when the group is shown."""

    group: str
    label: str
    answered: int
    shown: bool
    agree_percent: int | None
    mean: float | None
    spread: list[int] | None
    text: str  # the table cell: "80% of 6 agree", or "fewer than 5 answered"


class VoiceTypeView(TypedDict):
    """Agreement with the items of one type of co-production."""

    activity: str
    name: str
    respondents: int
    answered: int
    agree_percent: int | None  # of every answer on the scale, all groups together
    text: str
    groups: list[VoiceGroupView]
    blind_spots: int
    hidden_strengths: int
    confirmed: int


class VoiceGapView(TypedDict):
    """A blind spot or hidden strength: the item, the group, its question, both answers."""

    item_id: str
    statement: str
    group: str
    label: str
    question: str
    service_answer: str | None
    service_point: int | None
    group_mean: float
    agree_percent: int | None
    answered: int
    sentence: str


class VoiceSectionView(TypedDict):
    """Everything the section shows; `heard` false when no voice file was read."""

    heard: bool
    sentence: str
    files: int
    respondents: int
    groups: list[VoiceGroupView]
    types: list[VoiceTypeView]
    blind_spots: list[VoiceGapView]
    hidden_strengths: list[VoiceGapView]
    confirmed: list[str]  # doing-with items families confirmed (statements)
    not_confirmed: list[str]  # doing-with items they answered, not confirmed
    confirmed_sentence: str | None
    table_key: str  # how to read the agreement figures ("56% (14)")
    small_group_note: str


def _percent(tally: Tally) -> int | None:
    share = tally.share
    return None if share is None else round(share * 100)


def _cell(percent: int | None, shown: bool, answered: int, min_group: int) -> str:
    if not shown:
        return say("voice-fewer-than", min_group=min_group)
    if percent is None:
        return say("voice-none-on-scale")
    return say("voice-agree-cell", percent=percent, count=answered)


def _group(group: VoiceGroup, tally: Tally, shown: bool, answered: int,
           min_group: int) -> VoiceGroupView:
    percent = _percent(tally) if shown else None
    return {"group": group.value, "label": group_words(group), "answered": answered,
            "shown": shown, "agree_percent": percent,
            "mean": round(tally.mean, 1) if shown and tally.mean is not None else None,
            "spread": list(tally.spread) if shown else None,
            "text": _cell(percent, shown, answered, min_group)}


def _gap(item: ItemVoice, g: GroupVoice, labels: Mapping[str, str | None],
         key: str) -> VoiceGapView:
    mean = round(g.tally.mean or 0.0, 1)
    answer = labels.get(item.criterion.id)
    return {"item_id": item.criterion.id, "statement": item.criterion.statement,
            "group": g.group.value, "label": group_words(g.group), "question": g.question,
            "service_answer": answer, "service_point": item.service_point,
            "group_mean": mean, "agree_percent": _percent(g.tally),
            "answered": g.tally.answered,
            "sentence": say(key, statement=item.criterion.statement,
                            group=group_in_sentence(g.group), question=g.question,
                            answer=answer or "", mean=f"{mean:.1f}",
                            words=scale_in_sentence(round(mean)), count=g.tally.answered)}


def _gaps(card: ScoreCard, blind: bool) -> list[VoiceGapView]:
    assert card.voice is not None
    labels = {c.criterion.id: c.answer_label for c in card.criteria}
    found = [(abs(g.gap or 0.0), n, item, g) for n, item in enumerate(card.voice.items)
             for g in (item.blind_spots if blind else item.hidden_strengths)]
    found.sort(key=lambda f: (-f[0], f[1]))
    key = "voice-blind-spot" if blind else "voice-hidden-strength"
    return [_gap(item, g, labels, key) for _, _, item, g in found[:MOST_SHOWN]]


def blind_spot_step(blocker: Blocker) -> str:
    """The next step of a blind-spot action, with the words of the group's question."""
    g = blocker.voice
    assert g is not None
    mean = g.tally.mean or 0.0
    return say("voice-blind-spot-step", group=group_in_sentence(g.group), question=g.question,
               words=scale_in_sentence(round(mean)), count=g.tally.answered)


def voice_section(card: ScoreCard) -> VoiceSectionView:
    """The section's view (see the module)."""
    min_group = card.voice.min_group if card.voice else 5
    note = say("voice-small-groups", min_group=min_group)
    voice = card.voice
    if voice is None:
        return {"heard": False, "sentence": say("voice-none"), "files": 0, "respondents": 0,
                "groups": [], "types": [], "blind_spots": [], "hidden_strengths": [],
                "confirmed": [], "not_confirmed": [], "confirmed_sentence": None,
                "table_key": say("voice-table-key"), "small_group_note": note}
    type_names = {a.activity_id: a.name for a in card.activities}
    who = names([group_count(group_in_sentence(g), n) for g, n in voice.by_group])
    low = voice.min_group
    types: list[VoiceTypeView] = [{
        "activity": t.activity_id, "name": type_names.get(t.activity_id, t.activity_id),
        "respondents": t.respondents, "answered": t.total.answered,
        "agree_percent": _percent(t.total) if t.respondents >= low else None,
        "text": _cell(_percent(t.total), t.respondents >= low, t.respondents, low),
        "groups": [_group(g.group, g.tally, g.shown, g.respondents, low) for g in t.groups],
        "blind_spots": t.blind_spots, "hidden_strengths": t.hidden_strengths,
        "confirmed": t.confirmed} for t in voice.types]

    def statements(results: tuple[CriterionResult, ...]) -> list[str]:
        return [c.criterion.statement for c in results]

    return {"heard": True,
            "sentence": ngettext(
                # TRANSLATORS: the form follows the number of voice files ({files});
                # {count} is how many people answered, {who} how many of each group.
                "{count} people answered ({who}), in one voice file.",
                "{count} people answered ({who}), in {files} voice files.", voice.files,
            ).format(count=voice.respondents, files=voice.files, who=who),
            "files": voice.files, "respondents": voice.respondents,
            "groups": [{"group": g.value, "label": group_words(g), "answered": n,
                        "shown": n >= low, "agree_percent": None, "mean": None,
                        "spread": None, "text": group_count(group_in_sentence(g), n)}
                       for g, n in voice.by_group],
            "types": types, "blind_spots": _gaps(card, True),
            "hidden_strengths": _gaps(card, False),
            "confirmed": statements(card.doing_with_confirmed),
            "not_confirmed": statements(card.doing_with_doubted),
            "confirmed_sentence": say("voice-confirmed", items=names(
                [say("quoted", text=c) for c in statements(card.doing_with_confirmed)]))
            if card.doing_with_confirmed else None,
            "table_key": say("voice-table-key"), "small_group_note": note}
