""""You said, we did": the easy-read page for the people who answered a service's voice files.

`you_said_we_did` turns a scored service (its ScoreCard, weighed with its voice files) into
plain values the HTML and Markdown pages show: who answered, what each group said in the
words of its own questions (what most said happens, and what fewest did), what the service
will do and by when (the manager's own words from `we_will`, blind spots first, never words
made up here), what it did of last time's promises, and how to say more. No scores, no rung
names, no jargon. A group smaller than the rubric's minimum is never shown on its own. Every
sentence is a whole template in `voice_words` (`say_voice`). Pure; `render_back` returns text.

A page in a language other than English starts with what it must say about its own language
(`language.notices`: the Welsh is a draft; how many of the rubric's texts are still English),
in that language and in English. A bilingual page (`bilingual_back`) is the view built twice,
in Welsh from the rubric in Welsh and in English from the rubric in English, and paired: each
text that differs becomes `{"cy": ..., "en": ...}` (Welsh first, as several Welsh councils
require), one the same in both stays one string and is shown once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, TypedDict

from coprod_ladder.language import current, html_lang
from coprod_ladder.language.notices import language_notices
from coprod_ladder.model import Answers, TextLanguage, VoiceGroup, WeWill
from coprod_ladder.rendering.templates import template_text
from coprod_ladder.rendering.voice_words import group_answered, group_who, say_count, say_voice
from coprod_ladder.rendering.wording import names
from coprod_ladder.scoring import ScoreCard, Status
from coprod_ladder.voice.weigh import GroupVoice

#: What each group's part shows at most: the things most said happen, and fewest.
MOST_SHOWN = 2
#: The promises the page lists at most, so it stays one printed page.
MOST_PROMISES = 5
#: The languages of a bilingual page, first and second.
FIRST, SECOND = "cy", "en"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class SaidView(TypedDict):
    """One question a group was asked, and how many of them said it happens."""

    question: str
    sentence: str


class GroupSaidView(TypedDict):
    """What one group said; `shown` false when too few answered to show it on its own."""

    group: str
    heading: str
    shown: bool
    sentence: str  # how many answered, or why their answers are not shown
    most: list[SaidView]
    fewest: list[SaidView]


class PromiseView(TypedDict):
    """One thing the service will do, in the words of the question people were asked."""

    question: str | None  # None for a promise about something families were not asked
    we_will: str | None  # the manager's own words, or None when none are written yet
    sentence: str


class DoneView(TypedDict):
    """One of last time's promises, and whether it is done now."""

    we_will: str
    sentence: str


class BackView(TypedDict):
    """Everything the page shows."""

    lang: str  # for <html lang>
    second_lang: str  # for the English of a text in two languages (a notice, a bilingual page)
    notices: list[str | dict[str, str]]  # about the page's language: both languages, or none
    title: str
    service: str
    thanks: str
    groups: list[GroupSaidView]
    promises: list[PromiseView]
    no_promises: str | None
    done: list[DoneView]
    more: str
    stamp: str
    headings: dict[str, str]  # most, fewest, promises, done, more


def _day(day: dt.date) -> str:
    """A date as people read it: "3 December 2026", "3 Rhagfyr 2026"."""
    lang = current()
    if lang == "en":
        return say_voice("back-date", day=day.day, month=MONTHS[day.month - 1], year=day.year)
    from babel.dates import format_date  # only for a language other than English

    return format_date(day, "d MMMM y", locale=lang)


def _share_sentence(g: GroupVoice) -> str:
    share = g.tally.share or 0.0
    key = ("back-said-most" if share >= 2 / 3 else "back-said-some" if share >= 1 / 3
           else "back-said-few")
    return say_voice(key, count=g.tally.answered)


def _group_part(card: ScoreCard, group: VoiceGroup, answered: int) -> GroupSaidView:
    assert card.voice is not None
    asked = [g for item in card.voice.items for g in item.groups if g.group is group]
    shown = answered >= card.voice.min_group and any(g.shown for g in asked)
    heading = say_voice(f"back-heading-{group.value}")
    if not shown:
        return {"group": group.value, "heading": heading, "shown": False,
                "sentence": group_answered(group, answered, min_group=card.voice.min_group),
                "most": [], "fewest": []}
    ranked = sorted((g for g in asked if g.shown and g.tally.share is not None),
                    key=lambda g: -(g.tally.share or 0.0))
    most = ranked[:MOST_SHOWN]
    fewest = [g for g in reversed(ranked) if g not in most][:MOST_SHOWN]
    return {"group": group.value, "heading": heading, "shown": True,
            "sentence": group_answered(group, answered),
            "most": [{"question": g.question, "sentence": _share_sentence(g)} for g in most],
            "fewest": [{"question": g.question, "sentence": _share_sentence(g)}
                       for g in fewest]}


def _plan_sentence(plan: WeWill | None) -> str:
    if plan is None:
        return say_voice("back-not-said-yet")
    if plan.by is not None:
        return say_voice("back-we-will-by", text=plan.text, day=_day(plan.by))
    return say_voice("back-we-will", text=plan.text)


def _promises(card: ScoreCard) -> list[PromiseView]:
    """Blind spots first, then what the manager wrote it will do, then the plan's next
    steps, each about an item families were asked, in the words of their question; last,
    what the manager wrote about things families were not asked (their words alone: the
    rubric's wording is not for this page)."""
    assert card.voice is not None
    given = card.answers.criteria
    asked = {item.criterion.id: item for item in card.voice.items}
    order: list[str] = []
    for action in card.actions:  # blind spots come first in the actions already
        if action.item_id in asked and action.item_id not in order:
            order.append(action.item_id)
    written = [c for c, a in given.items() if a.we_will is not None and c in asked]
    order = ([c for c in order if c in written or asked[c].blind_spots]
             + [c for c in written if c not in order]
             + [c for c in order if c not in written and not asked[c].blind_spots])
    found: list[PromiseView] = []
    for item_id in order:
        item = asked[item_id]
        voice = item.blind_spots[0] if item.blind_spots else item.groups[0]
        plan = given[item_id].we_will if item_id in given else None
        found.append({"question": voice.question, "we_will": plan.text if plan else None,
                      "sentence": _plan_sentence(plan)})
    planned = [a.item_id for a in card.actions]
    unasked = sorted((c for c, a in given.items() if a.we_will is not None and c not in asked),
                     key=lambda c: (planned.index(c) if c in planned else len(planned), c))
    for item_id in unasked:
        plan = given[item_id].we_will
        found.append({"question": None, "we_will": plan.text if plan else None,
                      "sentence": _plan_sentence(plan)})
    return found[:MOST_PROMISES]


def _done(card: ScoreCard, previous: Answers | None) -> list[DoneView]:
    if previous is None:
        return []
    now = {c.criterion.id: c.status for c in card.criteria}
    # Not done while the families' answers still say it does not happen (a blind spot),
    # whatever the service's own answer now says.
    doubted = {item.criterion.id for item in card.voice.items if item.blind_spots} \
        if card.voice is not None else set()
    return [{"we_will": a.we_will.text,
             "sentence": say_voice("back-done" if now.get(c) is Status.MET and c not in doubted
                                   else "back-not-done", text=a.we_will.text)}
            for c, a in previous.criteria.items() if a.we_will is not None]


def _pair(first: str, second: str) -> str | dict[str, str]:
    return first if first == second else {FIRST: first, SECOND: second}


def _notices(shown: TextLanguage | None) -> list[str | dict[str, str]]:
    """What a page in the language being spoken must say about its language, each notice in
    that language and in English (none for English)."""
    drafts, in_english = (shown.drafts, len(shown.in_english)) if shown else (0, 0)
    return [_pair(notice.text, notice.english)
            for notice in language_notices(drafts, in_english)]


def you_said_we_did(card: ScoreCard, previous: Answers | None = None,
                    text_language: TextLanguage | None = None) -> BackView:
    """The page's view (see the module) in the language being spoken; `card` must have been
    scored with voice files, and `text_language` is its rubric's (`Rubric.text_language`)."""
    voice = card.voice
    assert voice is not None, "score the service with its voice files first"
    service = card.answers.service
    who = names([group_who(g, n) for g, n in voice.by_group if n])
    promises = _promises(card)
    return {
        "lang": html_lang(),
        "second_lang": html_lang(SECOND),
        "notices": _notices(text_language),
        "title": say_voice("back-title", service=service.name),
        "service": service.name,
        "thanks": say_count("back-thanks", voice.respondents, who=who),
        "groups": [_group_part(card, g, n) for g, n in voice.by_group if n],
        "promises": promises,
        "no_promises": None if promises else say_voice("back-no-promises"),
        "done": _done(card, previous),
        "more": (say_voice("back-more", contact=service.contact) if service.contact
                 else say_voice("back-more-staff")),
        "headings": {name: say_voice(f"back-{name}-heading")
                     for name in ("most", "fewest", "promises", "done", "more")},
        "stamp": say_voice("back-stamp", service=service.id, rubric=card.rubric_id,
                           version=card.rubric_version),
    }


def _paired(first: Any, second: Any) -> Any:
    """Two views' values paired: texts that differ as {"cy": ..., "en": ...}."""
    if isinstance(first, str) and isinstance(second, str):
        return _pair(first, second)
    if isinstance(first, dict) and isinstance(second, dict):
        return {key: _paired(value, second[key]) for key, value in first.items()}
    if isinstance(first, list) and isinstance(second, list):
        return [_paired(a, b) for a, b in zip(first, second, strict=True)]
    return first  # a number, a flag, None: the same in both


def bilingual_back(welsh: BackView, english: BackView) -> dict[str, Any]:
    """One view from the page's view in Welsh and in English (the same card, each scored
    with the rubric in its language): Welsh first, the English after it."""
    out: dict[str, Any] = _paired({k: v for k, v in welsh.items() if k != "notices"},
                                  {k: v for k, v in english.items() if k != "notices"})
    out["lang"], out["second_lang"] = welsh["lang"], english["lang"]
    out["notices"] = welsh["notices"]  # already in both languages
    return out


def render_back(view: Mapping[str, Any], fmt: str) -> str:
    """The page as HTML (`html`) or Markdown (`md`), from `you_said_we_did`'s view (or, for
    HTML, `bilingual_back`'s)."""
    pieces: Iterator[str] = template_text(f"voice-back.{fmt}.j2", b=view)
    return "".join(pieces)


def render_bilingual_back(welsh: BackView, english: BackView, fmt: str) -> str:
    """The bilingual page: in HTML each text in Welsh with its English after it; in
    Markdown (which has no way to mark a language) the whole page in Welsh, then in English."""
    if fmt == "html":
        return render_back(bilingual_back(welsh, english), fmt)
    return render_back(welsh, fmt) + "\n" + render_back({**english, "notices": []}, fmt)
