"""The words people read for every id coprod's results carry: the one place they live.

A status, a type's state, the reason for an action, a rubric item's kind, a rung's band, an
effort and how firm a placement is are each an enum whose value is a stable id (`not_met`,
`out_of_scope`, `success_factor`). JSON, the ids CSV and the templates' comparisons use the ids;
what a person reads comes from the tables here, through one function per kind
(`status_words(Status.NOT_MET)` gives "not met"), which the Jinja templates have as filters of
the same names. Each entry is marked for translation where it is defined
(`N_`) and translated where it is said (`_`), so the words follow the language in use; never
an id, a template's comparison or the JSON. Pure: words only, no rules about the ladder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum

from coprod_ladder.language import N_, _
from coprod_ladder.model import Band, Effort, ItemKind
from coprod_ladder.scoring.results import ActionReason, Firmness, Status, TypeState

# Keyed by the members, each of which is equal to its id and hashes like it, so a table takes an
# id from a view (plain text) as it is: no enum is made for each word a template prints.

STATUS_WORDS: dict[str, str] = {
    Status.MET: N_("met"),
    Status.NOT_APPLICABLE: N_("not applicable"),
    Status.NO_EVIDENCE: N_("met but no evidence"),
    Status.NOT_MET: N_("not met"),
    Status.DONT_KNOW: N_("don't know"),
    Status.UNANSWERED: N_("not yet answered"),
}

STATE_WORDS: dict[str, str] = {
    TypeState.PLACED: N_("placed"),
    TypeState.OUT_OF_SCOPE: N_("out of scope"),
    TypeState.NOT_ANSWERED: N_("not yet answered"),
    TypeState.NOT_APPLICABLE: N_("not applicable"),
}

REASON_WORDS: dict[str, str] = {
    ActionReason.BLIND_SPOT: N_("children, young people or families do not see this practice"),
    ActionReason.STAFF_DISAGREE: N_("staff disagree: talk it through"),
    ActionReason.HOLDS_BACK_STRENGTH: N_("holds back practice you already have"),
    ActionReason.RECORD_EVIDENCE: N_("evidence to record for practice you answered as in place"),
    ActionReason.NEXT_RUNG: N_("next rung"),
    ActionReason.TEAM_GATE: N_("a condition your team owns"),
    ActionReason.GATE: N_("organisation-wide factor"),
}

#: What a rubric item is called where its kind is named ("criterion").
ITEM_KIND_WORDS: dict[str, str] = {
    ItemKind.CRITERION: N_("criterion"),
    ItemKind.SUCCESS_FACTOR: N_("success factor"),
    ItemKind.READINESS_STEP: N_("readiness step"),
}

#: What each kind of rubric item is called where a manager reads an action ("practice").
ACTION_KIND_WORDS: dict[str, str] = {
    ItemKind.CRITERION: N_("practice"),
    ItemKind.SUCCESS_FACTOR: N_("success factor"),
    ItemKind.READINESS_STEP: N_("readiness step"),
}

# A rung's band and an effort are ids a rubric file writes (`band: doing with`), so their ids
# are the rubric format's; the words are still looked up here, so a translation can change them.
BAND_WORDS: dict[str, str] = {
    Band.DOING_TO: N_("doing to"),
    Band.DOING_FOR: N_("doing for"),
    Band.DOING_WITH: N_("doing with"),
}

EFFORT_WORDS: dict[str, str] = {
    Effort.LOW: N_("low"),
    Effort.MEDIUM: N_("medium"),
    Effort.HIGH: N_("high"),
}

FIRMNESS_WORDS: dict[str, str] = {
    Firmness.FIRM: N_("firm"),
    Firmness.PROVISIONAL: N_("provisional"),
    Firmness.NOT_PLACED: N_("not yet placed"),
}


def status_words(status: Status | str) -> str:
    """The words for a status id: "not met" for `not_met`."""
    return _(STATUS_WORDS[status])


def state_words(state: TypeState | str) -> str:
    """The words for a type's state id: "out of scope" for `out_of_scope`."""
    return _(STATE_WORDS[state])


def reason_words(reason: ActionReason | str) -> str:
    """The words for why an action is listed: "next rung" for `next_rung`."""
    return _(REASON_WORDS[reason])


def item_kind_words(kind: ItemKind | str) -> str:
    """The name of a rubric item's kind: "success factor" for `success_factor`."""
    return _(ITEM_KIND_WORDS[kind])


def action_kind_words(kind: ItemKind | str) -> str:
    """The name of an action's kind as a manager reads it: "practice" for `criterion`."""
    return _(ACTION_KIND_WORDS[kind])


def band_words(band: Band | str) -> str:
    """The words for a rung's band: "doing with"."""
    return _(BAND_WORDS[band])


def effort_words(effort: Effort | str) -> str:
    """The words for an action's effort: "low"."""
    return _(EFFORT_WORDS[effort])


def firmness_words(firmness: Firmness | str) -> str:
    """The words for how firm a placement is: "not yet placed" for `not_placed`."""
    return _(FIRMNESS_WORDS[firmness])


#: Every kind of id with each table of its words, for the test that no member goes without.
LABELS: tuple[tuple[type[StrEnum], Mapping[str, str]], ...] = (
    (Status, STATUS_WORDS), (TypeState, STATE_WORDS), (ActionReason, REASON_WORDS),
    (ItemKind, ITEM_KIND_WORDS), (ItemKind, ACTION_KIND_WORDS), (Band, BAND_WORDS),
    (Effort, EFFORT_WORDS), (Firmness, FIRMNESS_WORDS),
)

#: The word functions as the Jinja templates' filters: `{{ a.status | status_words }}`.
FILTERS: Mapping[str, Callable[[str], str]] = {
    "status_words": status_words, "state_words": state_words, "reason_words": reason_words,
    "item_kind_words": item_kind_words, "action_kind_words": action_kind_words,
    "band_words": band_words, "effort_words": effort_words, "firmness_words": firmness_words,
}
