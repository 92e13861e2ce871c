"""Stable ids under every label (issue 27 item 2): every status, state, reason, kind, band,
effort and firmness is an id that JSON and the templates' tests use, and its words come from
`rendering/labels.py` only, so a translation replaces the words and touches no id."""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, nodes

from coprod_ladder.model import Band, Effort, Factor, ItemKind
from coprod_ladder.rendering import labels
from coprod_ladder.rendering.templates import environment
from coprod_ladder.scoring.placement import Assume
from coprod_ladder.scoring.results import ActionReason, Firmness, Status, TypeState

GOLDEN = Path(__file__).parent / "golden"
#: The enums whose ids coprod itself chose; a rung's band and an effort are the rubric file's.
OWN_IDS: tuple[type[StrEnum], ...] = (Status, TypeState, ActionReason, ItemKind, Firmness)
ALL_IDS = {str(member) for enum, _ in labels.LABELS for member in enum}
ALL_WORDS = {words for _, table in labels.LABELS for words in table.values()}
#: Literals a template may compare with that are not label ids: a factor's `owner` values.
OTHER_VALUES = set(typing.get_args(Factor.model_fields["owner"].annotation))


@pytest.mark.parametrize(("enum", "table"), labels.LABELS,
                         ids=lambda x: getattr(x, "__name__", ""))
def test_every_member_has_words_and_nothing_else_does(enum: type[StrEnum],
                                                      table: dict[StrEnum, str]) -> None:
    assert set(table) == set(enum), "every member needs its words in rendering/labels.py"
    assert all(words.strip() == words and words for words in table.values())
    assert len(set(table.values())) == len(table), "two ids of one kind read the same"


def test_every_kind_of_id_has_its_words() -> None:
    assert {enum for enum, _ in labels.LABELS} == {*OWN_IDS, Band, Effort}


@pytest.mark.parametrize("enum", [*OWN_IDS, Assume], ids=lambda e: e.__name__)
def test_ids_are_snake_case(enum: type[Any]) -> None:
    for member in enum:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", member.value), member


def test_each_function_gives_the_words_of_an_id_or_its_text() -> None:
    assert labels.status_words(Status.NOT_MET) == "not met"
    assert labels.status_words("met_no_evidence") == "met but no evidence"
    assert labels.state_words("out_of_scope") == "out of scope"
    assert labels.reason_words(ActionReason.GATE) == "organisation-wide factor"
    assert labels.item_kind_words("success_factor") == "success factor"
    assert labels.action_kind_words(ItemKind.CRITERION) == "practice"
    assert labels.firmness_words("not_placed") == "not yet placed"
    assert labels.band_words(Band.DOING_WITH) == "doing with"
    assert labels.effort_words("low") == "low"
    with pytest.raises(KeyError):
        labels.status_words("not met")  # words are never taken for an id


def test_every_word_function_is_a_template_filter() -> None:
    env = environment()
    for name, function in labels.FILTERS.items():
        assert env.filters[name] is function
    assert env.from_string("{{ s | status_words }}").render(s="not_met") == "not met"


# --------------------------------------------------------------------------------------------
# Templates compare with ids, never with words
# --------------------------------------------------------------------------------------------


def compared_literals(source: str) -> Iterator[str]:
    """Every string a template's `==`, `!=`, `in` or `not in` compares with."""
    for compare in Environment().parse(source).find_all(nodes.Compare):
        sides = [compare.expr, *(operand.expr for operand in compare.ops)]
        for side in sides:
            items = side.items if isinstance(side, nodes.Tuple | nodes.List) else [side]
            for item in items:
                if isinstance(item, nodes.Const) and isinstance(item.value, str):
                    yield item.value


def template_sources() -> Iterator[tuple[str, str]]:
    for folder in ("reports", "form/assets"):
        for entry in resources.files("coprod_ladder").joinpath(folder).iterdir():
            if entry.name.endswith(".j2"):
                yield f"{folder}/{entry.name}", entry.read_text(encoding="utf-8")


def word_comparisons(source: str) -> list[str]:
    """The literals compared with that are not ids: words of a label, or an unknown value."""
    return [value for value in compared_literals(source)
            if value not in ALL_IDS and value not in OTHER_VALUES]


def test_no_template_compares_with_the_words_of_a_label() -> None:
    found = {name: word_comparisons(source) for name, source in template_sources()}
    assert found and {name: bad for name, bad in found.items() if bad} == {}


@pytest.mark.parametrize("line", [
    '{% if t.state == "out of scope" %}x{% endif %}',
    '{% if "not met" != f.status %}x{% endif %}',
    '{{ "a" if f.status in ("met", "met but no evidence") else "b" }}',
    '{% if s.placement == "not yet placed" %}x{% endif %}',
    '{% if f.status == "not_mett" %}x{% endif %}',  # a typo for an id is caught too
])
def test_a_planted_comparison_with_words_is_found(line: str) -> None:
    assert word_comparisons(line)


def test_ids_compared_with_are_not_flagged() -> None:
    assert word_comparisons('{% if t.state == "out_of_scope" or b.kind != "criterion" %}'
                            '{% endif %}{% for x in ["a b", "c"] %}{% endfor %}') == []
    assert {"out of scope", "not met", "met but no evidence"} <= ALL_WORDS


# --------------------------------------------------------------------------------------------
# JSON carries ids; what people read carries words
# --------------------------------------------------------------------------------------------


def dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from dicts(item)


def values_of(enum: type[StrEnum]) -> set[str]:
    return {str(member) for member in enum}


@pytest.mark.parametrize("name", ["send-team.json", "mini-service.json"])
def test_report_json_carries_ids(name: str) -> None:
    report = json.loads((GOLDEN / "reports" / name).read_text(encoding="utf-8"))
    statuses = [d["status"] for d in dicts(report) if "status" in d]
    actions = [d for d in dicts(report) if "why" in d]
    assert statuses and actions
    assert set(statuses) <= values_of(Status)
    assert {a["why"] for a in actions} <= values_of(ActionReason)
    assert {a["kind"] for a in actions} <= values_of(ItemKind)
    assert {a["effort"] for a in actions} <= values_of(Effort)
    assert {t["state"] for t in report["profile"]} <= values_of(TypeState)
    assert {r["band"] for r in report["ladder"]} <= values_of(Band)


def test_portfolio_json_carries_ids() -> None:
    view = json.loads((GOLDEN / "portfolio" / "portfolio.json").read_text(encoding="utf-8"))
    assert {s["placement"] for s in view["services"]} <= values_of(Firmness)
    assert {state for s in view["services"] for state in s["type_states"].values()} <= (
        values_of(TypeState))
    assert {f["kind"] for f in view["weakest_factors"]} <= values_of(ItemKind)


@pytest.mark.parametrize("path", [
    "reports/send-team.md", "reports/send-team.html", "reports/mini-service.md",
    "reports/mini-service.html", "reports/send-team.summary.txt",
    "reports/fostering-team.summary.txt", "portfolio/portfolio.md", "portfolio/portfolio.csv",
])
def test_people_read_words_never_ids(path: str) -> None:
    text = (GOLDEN / path).read_text(encoding="utf-8")
    shown = [ident for ident in ALL_IDS if "_" in ident and ident in text]
    assert shown == []
