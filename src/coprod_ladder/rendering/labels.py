"""The words people read for every id coprod's results carry: the one place they live.

A status, a type's state, the reason for an action, a rubric item's kind, a rung's band, an
effort and how firm a placement is are each an enum whose value is a stable id (`not_met`,
`out_of_scope`, `success_factor`). JSON, the ids CSV and the templates' comparisons use the ids;
what a person reads comes from the tables here, through one function per kind
(`status_words(Status.NOT_MET)` gives "not met"), which the Jinja templates have as filters of
the same names. A translation (issue 23) replaces these tables, never an id, a template's
comparison or the JSON. Pure: words only, no rules about the ladder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum

from coprod_ladder.language import N_
from coprod_ladder.model import Band, Effort, ItemKind
from coprod_ladder.scoring.results import ActionReason, Firmness, Status, TypeState

# Keyed by the members, each of which is equal to its id and hashes like it, so a table takes an
# id from a view (plain text) as it is: no enum is made for each word a template prints.

STATUS_WORDS: dict[str, str] = {
    Status.MET: "met",
    Status.NOT_APPLICABLE: "not applicable",
    Status.NO_EVIDENCE: "met but no evidence",
    Status.NOT_MET: "not met",
    Status.DONT_KNOW: "don't know",
    Status.UNANSWERED: "not yet answered",
}

STATE_WORDS: dict[str, str] = {
    TypeState.PLACED: "placed",
    TypeState.OUT_OF_SCOPE: "out of scope",
    TypeState.NOT_ANSWERED: "not yet answered",
    TypeState.NOT_APPLICABLE: "not applicable",
}

REASON_WORDS: dict[str, str] = {
    ActionReason.BLIND_SPOT: "children, young people or families do not see this practice",
    ActionReason.STAFF_DISAGREE: N_("staff disagree: talk it through"),
    ActionReason.HOLDS_BACK_STRENGTH: "holds back practice you already have",
    ActionReason.RECORD_EVIDENCE: "evidence to record for practice you answered as in place",
    ActionReason.NEXT_RUNG: "next rung",
    ActionReason.TEAM_GATE: "a condition your team owns",
    ActionReason.GATE: "organisation-wide factor",
}

#: What a rubric item is called where its kind is named ("criterion").
ITEM_KIND_WORDS: dict[str, str] = {
    ItemKind.CRITERION: "criterion",
    ItemKind.SUCCESS_FACTOR: "success factor",
    ItemKind.READINESS_STEP: "readiness step",
}

#: What each kind of rubric item is called where a manager reads an action ("practice").
ACTION_KIND_WORDS: dict[str, str] = {
    ItemKind.CRITERION: "practice",
    ItemKind.SUCCESS_FACTOR: "success factor",
    ItemKind.READINESS_STEP: "readiness step",
}

# A rung's band and an effort are ids a rubric file writes (`band: doing with`), so their ids
# are the rubric format's; the words are still looked up here, so a translation can change them.
BAND_WORDS: dict[str, str] = {
    Band.DOING_TO: "doing to",
    Band.DOING_FOR: "doing for",
    Band.DOING_WITH: "doing with",
}

EFFORT_WORDS: dict[str, str] = {
    Effort.LOW: "low",
    Effort.MEDIUM: "medium",
    Effort.HIGH: "high",
}

FIRMNESS_WORDS: dict[str, str] = {
    Firmness.FIRM: "firm",
    Firmness.PROVISIONAL: "provisional",
    Firmness.NOT_PLACED: "not yet placed",
}


def status_words(status: Status | str) -> str:
    """The words for a status id: "not met" for `not_met`."""
    return STATUS_WORDS[status]


def state_words(state: TypeState | str) -> str:
    """The words for a type's state id: "out of scope" for `out_of_scope`."""
    return STATE_WORDS[state]


def reason_words(reason: ActionReason | str) -> str:
    """The words for why an action is listed: "next rung" for `next_rung`."""
    return REASON_WORDS[reason]


def item_kind_words(kind: ItemKind | str) -> str:
    """The name of a rubric item's kind: "success factor" for `success_factor`."""
    return ITEM_KIND_WORDS[kind]


def action_kind_words(kind: ItemKind | str) -> str:
    """The name of an action's kind as a manager reads it: "practice" for `criterion`."""
    return ACTION_KIND_WORDS[kind]


def band_words(band: Band | str) -> str:
    """The words for a rung's band: "doing with"."""
    return BAND_WORDS[band]


def effort_words(effort: Effort | str) -> str:
    """The words for an action's effort: "low"."""
    return EFFORT_WORDS[effort]


def firmness_words(firmness: Firmness | str) -> str:
    """The words for how firm a placement is: "not yet placed" for `not_placed`."""
    return FIRMNESS_WORDS[firmness]


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
