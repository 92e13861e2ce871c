"""`coprod portfolio`: the pure aggregation (table-driven), golden reports, and the command.

Golden files are rewritten with COPROD_UPDATE_GOLDEN=1; review the diff before committing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import golden_files
from coprod_ladder.batch import Failed, Scored, score_source
from coprod_ladder.cli import app
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.model import Band
from coprod_ladder.portfolio import (
    build_portfolio,
    in_id_order,
    months_before,
    parse_expected,
)
from coprod_ladder.rendering.csv_table import CsvHeaders
from coprod_ladder.rendering.portfolio_formats import PORTFOLIO, PortfolioDocument
from coprod_ladder.rendering.portfolio_pictures import build_pictures
from coprod_ladder.rendering.portfolio_view import build_portfolio_view, materialise
from coprod_ladder.rendering.views import PortfolioView
from coprod_ladder.rubric.load import fixed_rubric, load_rubric
from coprod_ladder.safe_text import spreadsheet_cell
from coprod_ladder.service_summary import ServiceSummary, high_claim_floor, summarise

DATA = Path(__file__).parent / "data"


def render_portfolio(view: PortfolioView, fmt: str,
                     csv_headers: CsvHeaders = CsvHeaders.LABELS) -> str:
    return "".join(PORTFOLIO.get(fmt).text_pieces(PortfolioDocument(view, (), csv_headers)))

MINI = str(DATA / "rubrics" / "mini.yaml")
GOLDEN = Path(__file__).parent / "golden" / "portfolio"
AS_OF = dt.date(2026, 11, 1)
RUBRIC, _ = load_rubric(MINI)


def check_golden(actual: str, name: str) -> None:
    golden_files.check_golden(actual, GOLDEN / name)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------------------------
# Answers files for the mini rubric (rungs: 1 told, 2 asked, 3 together)
# --------------------------------------------------------------------------------------------


def answers_yaml(sid: str, *, level: int = 2, name: str | None = None, area: str | None = "north",
                 assessed_on: str | None = "2026-06-01", target: str | None = "together",
                 team: str = "Early help", evidence: bool = True, validated: bool = True,
                 delivery_out: str | None = None) -> str:
    """Return an answers file that stands on `level` of the mini rubric."""
    met = "answer: effective"
    proof = ", evidence: [{what: Survey results}]" if evidence else ""
    check = ", validated: {by: Youth council}" if validated else ""
    design_asked = f"{{{met}{proof}{check}}}" if level >= 2 else "{answer: not-in-place}"
    delivery_asked = (f"{{{met}, evidence: [{{what: Session log}}]{check}}}" if level >= 2
                      else "{answer: establishing}")
    together = f"{{{met}{proof}{check}}}" if level >= 3 else "{answer: not-in-place}"
    tags = f"\n  tags: {{area: {area}}}" if area else ""
    lines = [
        "rubric: {id: mini, version: 1.0.0}",
        f"service:\n  id: {sid}\n  name: {json.dumps(name or sid.title())}\n"
        f"  team: {json.dumps(team)}{tags}",
    ]
    if assessed_on:
        lines.append(f"assessed_on: {assessed_on}")
    if target:
        lines.append(f"target: {{rung: {target}}}")
    if delivery_out:
        lines.append(f"types: {{delivery: {{out_of_scope: {json.dumps(delivery_out)}}}}}")
    lines += [
        "criteria:",
        f"  design-asked: {design_asked}",
        f"  delivery-asked: {delivery_asked}",
        f"  design-together: {together}",
        f"  delivery-together: {together}",
        "success_factors:",
        f"  csf-governance: {{answer: {'effective' if level >= 3 else 'not-in-place'}}}",
        "readiness: {}",
    ]
    return "\n".join(lines) + "\n"


def scored(text: str, path: str) -> ServiceSummary:
    result = score_source(text.encode(), path, fixed_rubric(RUBRIC))
    assert isinstance(result, Scored), getattr(result, "diagnostics", None)
    return summarise(result.card, path=path, warnings=result.warnings)


def summary(sid: str, rung: int = 1, **changes: Any) -> ServiceSummary:
    """Return a hand-made summary for the mini rubric; `changes` override any field."""
    base = ServiceSummary(
        path=f"answers/{sid}.yaml", service_id=sid, service_name=sid.title(), team=None,
        tags=(), assessed_on=dt.date(2026, 6, 1), rung=rung, target=3, target_is_default=False,
        progress_met=0, progress_total=1, activities=(rung, rung), factors_not_met=(),
        factors_unrated=(), claims_without_evidence=0, claims_not_validated=0,
        not_yet_answered=0, high_without_evidence=(), high_not_validated=(), risks=(),
        type_states=("placed", "placed"))
    return base.replace(**changes)


def view_of(summaries: list[ServiceSummary], **options: Any) -> dict[str, Any]:
    failures = options.pop("failures", [])
    as_of = options.pop("as_of", AS_OF)
    return build_portfolio_view(build_portfolio(summaries, failures, RUBRIC, as_of=as_of,
                                                **options))


# --------------------------------------------------------------------------------------------
# Core: summaries
# --------------------------------------------------------------------------------------------


def test_summarise_keeps_rung_activities_and_high_claims() -> None:
    s = scored(answers_yaml("harbour", level=3, evidence=False, validated=False), "a.yaml")
    assert (s.rung, s.target, s.activities) == (3, 3, (3, 3))
    assert s.high_without_evidence == ("design-together", "delivery-together")
    assert s.high_not_validated == ("design-together", "delivery-together")
    assert s.factors_not_met == () and s.factors_unrated == ("ready-lead",)
    assert s.tags == (("area", "north"),) and s.gap == 0


def test_summaries_from_workers_share_what_recurs_and_lose_nothing() -> None:
    import pickle

    from coprod_ladder.service_summary import PlannedAction

    first = scored(answers_yaml("harbour", level=2, evidence=False), "a.yaml")
    second = scored(answers_yaml("quay", level=2, evidence=False), "b.yaml")
    # As the parent receives them from worker processes: each pickled on its own.
    a, b = (pickle.loads(pickle.dumps(s)) for s in (first, second))
    assert (a, b) == (first, second)
    assert a.actions and all(type(x) is PlannedAction for x in a.actions)
    assert a.actions[0] is b.actions[0]  # the same rubric action, held once
    assert a.type_states is b.type_states and a.tags is b.tags
    # Factor and risk ids, dates and reasons recur too: one object each.
    for name in ("factors_unrated", "risks", "assessed_on", "out_of_scope"):
        assert getattr(a, name) == getattr(b, name), name
        assert getattr(a, name) is getattr(b, name), name
    # Combinations nearly every service has its own: each keeps its tuple, of shared ids.
    for name in ("factors_not_met", "actions"):
        assert getattr(a, name) and getattr(a, name) == getattr(b, name), name
        assert all(x is y for x, y in zip(getattr(a, name), getattr(b, name), strict=True))


@pytest.mark.parametrize("voice_agree", [(), ((0, 0), (3, 4), (201, 699)),
                                         ((2**31, 2**32 - 1), (70_000, 90_000), (0, 1))])
@pytest.mark.parametrize("name", ["Harbour Youth Hub", "Hwb Ieuenctid Ynys Môn – Siân 🌊",
                                  "A name far longer than a byte can measure " * 7])
def test_a_summary_gives_back_every_field_it_was_given_even_past_one_byte(
        voice_agree: tuple[tuple[int, int], ...], name: str) -> None:
    import pickle

    path = "north/harbour.yaml"
    # A warning of the answers file itself (held without its path) and one of another file,
    # one at a line past what 2 bytes hold.
    warnings = (Diagnostic(path, 12, 3, Severity.WARNING, "target-below-floor", "Say why."),
                Diagnostic("north/harbour.voice.yaml", 70_001, 1, Severity.WARNING,
                           "voice-small-group", "Fewer than 5: counted, never shown."))
    given = summary("harbour").fields() | {
        "path": path, "service_name": name,
        "team": "Early help", "tags": (("area", "north"), ("age", "0-5")),
        "assessed_on": dt.date(2025, 3, 1), "risks": ("same-few-voices",),
        "type_states": ("placed", "out_of_scope"), "factors_unrated": ("ready-lead",),
        "main_work": ("co-design",), "main_work_named": ("co-delivery",),
        "below_floors": ("own-plans",),
        "out_of_scope": (("co-financing", "Set by council policy."),),
        "not_applicable": (("told-back", "We commission nothing."), ("x", "Ŵ ŷ")),
        "voices": (3, 0, 9) if voice_agree else (), "voice_agree": voice_agree,
        "warnings": warnings}
    made = ServiceSummary(**given)
    assert made.fields() == given
    assert pickle.loads(pickle.dumps(made)).fields() == given
    assert [str(w) for w in made.warnings] == [str(w) for w in warnings]
    # A count past what 4 bytes hold (no voice file can hold that many) still comes back.
    huge = made.replace(voice_agree=((2**40, 2**41), (0, 0), (1, 1)))
    assert huge.voice_agree == ((2**40, 2**41), (0, 0), (1, 1))
    assert huge.fields() == given | {"voice_agree": huge.voice_agree}
    # So do numbers past one byte (a rubric of hundreds of questions).
    many = made.replace(questions=300, answered=299, activities=(256, 0, 1))
    assert many.fields() == given | {"questions": 300, "answered": 299,
                                     "activities": (256, 0, 1)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "a-b", "b", "ab"]),
                          st.sampled_from(["x", "x/y", "x-y", "w", "x/a"])), max_size=12),
       st.randoms())
def test_services_stand_in_id_then_path_order_whatever_order_they_came_in(
        files: list[tuple[str, str]], shuffle: Any) -> None:
    # Every listing (services, stale, gaps, claims to check) breaks its ties in this order:
    # the same files in any order, the same report.
    summaries = [summary(sid).replace(path=f"{folder}/{sid}.yaml") for sid, folder in files]
    shuffle.shuffle(summaries)
    ordered = in_id_order(summaries)
    assert [(s.service_id, s.path) for s in ordered] == sorted(
        (s.service_id, s.path) for s in summaries)
    report = view_of(summaries)
    assert [(r["service_id"], r["path"]) for r in report["services"]] == sorted(
        (s.service_id, s.path) for s in summaries)


def test_summary_without_a_target_has_no_gap() -> None:
    s = scored(answers_yaml("harbour", level=2, target=None), "a.yaml")
    assert s.target_is_default and s.gap is None


def test_high_claims_fall_back_to_the_upper_half_without_a_doing_with_band() -> None:
    rungs = [r.model_copy(update={"band": Band.DOING_FOR}) for r in RUBRIC.rungs]
    assert high_claim_floor(RUBRIC.rungs) == 3
    assert high_claim_floor(rungs) == 2


# --------------------------------------------------------------------------------------------
# Core: aggregation, table-driven
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rungs", "counts"), [
    ([], [0, 0, 0]),
    ([1], [1, 0, 0]),
    ([1, 1, 2, 3, 3, 3], [2, 1, 3]),
], ids=["none", "one", "mixed"])
def test_rung_counts(rungs: list[int], counts: list[int]) -> None:
    view = view_of([summary(f"s{i}", r) for i, r in enumerate(rungs)])
    assert [r["services"] for r in view["ladder"]] == counts
    assert view["totals"]["services"] == len(rungs)


@pytest.mark.parametrize(("not_met", "unrated", "expected"), [
    ([(), (), ()], [(), (), ()], [("csf-governance", 0, 0), ("ready-lead", 0, 0)]),
    ([("csf-governance",), ("csf-governance",), ("ready-lead",)], [(), (), ()],
     [("csf-governance", 2, 0.6667), ("ready-lead", 1, 0.3333)]),
    ([("ready-lead",), ("ready-lead",), ()], [("csf-governance",), (), ()],
     [("ready-lead", 2, 0.6667), ("csf-governance", 0, 0.0)]),
], ids=["all-met", "governance-weakest", "readiness-weakest"])
def test_weakest_factors_come_first(not_met: list[tuple[str, ...]],
                                    unrated: list[tuple[str, ...]],
                                    expected: list[tuple[str, int, float]]) -> None:
    services = [summary(f"s{i}", factors_not_met=n, factors_unrated=u)
                for i, (n, u) in enumerate(zip(not_met, unrated, strict=True))]
    weakest = view_of(services)["weakest_factors"]
    assert [(f["id"], f["not_met"], f["share_not_met"]) for f in weakest] == expected
    assert weakest[0]["guidance"]


@pytest.mark.parametrize(("assessed_on", "as_of", "stale"), [
    (dt.date(2026, 6, 1), dt.date(2026, 11, 1), False),
    (dt.date(2025, 11, 1), dt.date(2026, 11, 1), False),  # exactly twelve months: still fresh
    (dt.date(2025, 10, 31), dt.date(2026, 11, 1), True),
    (dt.date(2023, 2, 27), dt.date(2024, 2, 29), True),  # leap day: a year before is 28 Feb
    (dt.date(2023, 2, 28), dt.date(2024, 2, 29), False),
    (dt.date(2023, 3, 1), dt.date(2024, 2, 29), False),
    (None, dt.date(2026, 11, 1), True),  # undated
], ids=["recent", "twelve-months", "thirteen-months", "leap-before", "leap-day", "leap-after",
                                 "undated"])
def test_stale_assessments(assessed_on: dt.date | None, as_of: dt.date, stale: bool) -> None:
    view = view_of([summary("s", assessed_on=assessed_on)], as_of=as_of)
    assert view["services"][0]["stale"] is stale
    assert len(view["stale"]) == int(stale)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2026, 11, 1), 12, dt.date(2025, 11, 1)),
    (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2024, 2, 29), 12, dt.date(2023, 2, 28)),
    (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15)),
])
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


@pytest.mark.parametrize(("scored_ids", "expected", "missing", "not_listed"), [
    (["a", "b"], ["a", "b"], [], []),
    (["a"], ["a", "b", "c"], ["b", "c"], []),
    (["a", "z"], ["a", "a", "b"], ["b"], ["z"]),
], ids=["all-present", "two-missing", "repeats-and-extras"])
def test_expected_but_missing(scored_ids: list[str], expected: list[str], missing: list[str],
                              not_listed: list[str]) -> None:
    view = view_of([summary(s) for s in scored_ids], expected=expected)
    assert view["expected"]["missing"] == missing
    assert view["expected"]["not_listed"] == not_listed
    assert view["totals"]["expected_missing"] == len(missing)


def test_no_expected_list_means_no_expected_section() -> None:
    assert view_of([summary("a")])["expected"] is None


@pytest.mark.parametrize(("sizes", "min_group", "shown", "hidden", "pooled"), [
    ({"north": 5, "south": 5}, 5, ["north", "south"], 0, None),
    # South alone would be total minus north: north is pooled with it, so neither shows.
    ({"north": 5, "south": 4}, 5, [], 9, 9),
    ({"north": 6, "south": 5, "east": 2}, 5, ["north"], 7, 7),
    ({"north": 2, "east": 2, "south": 7}, 3, ["south"], 4, 4),
    ({"north": 2, "south": 1, None: 1}, 3, [], 4, 4),
    ({"north": 1, "south": 1}, 3, [], 2, None),
    ({"north": 1, None: 3}, 1, ["north", "no area tag"], 0, None),
], ids=["all-shown", "one-hidden-takes-the-other", "smallest-shown-joins", "small-ones-pooled",
        "all-pooled", "fewer-than-a-group-in-all", "untagged-group"])
def test_small_groups_are_pooled_so_nobody_can_subtract(
        sizes: dict[str | None, int], min_group: int, shown: list[str], hidden: int,
        pooled: int | None) -> None:
    services = [summary(f"{area}-{i}", tags=(("area", area),) if area else ())
                for area, n in sizes.items() for i in range(n)]
    groups = view_of(services, group_by="area", min_group=min_group)["groups"]
    assert [g["name"] for g in groups["groups"]] == shown
    assert groups["hidden_services"] == hidden
    assert (groups["pooled"] or {}).get("services") == pooled
    assert sum(g["services"] for g in groups["groups"]) + hidden == len(services)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=8))
def test_no_shown_figure_reveals_a_small_group(sizes: list[int], min_group: int) -> None:
    # Whatever the sizes, every row shown holds at least min_group services, and so does
    # what the shown rows leave of the whole (the pooled row, or nothing at all).
    services = [summary(f"g{g}-{i}", tags=(("area", f"g{g}"),))
                for g, n in enumerate(sizes) for i in range(n)]
    groups = view_of(services, group_by="area", min_group=min_group)["groups"]
    rows = groups["groups"] + ([groups["pooled"]] if groups["pooled"] else [])
    assert all(row["services"] >= min_group for row in rows)
    left = len(services) - sum(g["services"] for g in groups["groups"])
    assert left == 0 or left >= min_group or not groups["groups"]
    assert groups["pooled"] is None or groups["pooled"]["services"] == left


def test_the_group_heading_uses_the_tags_display_name() -> None:
    services = [summary(f"a{i}", tags=(("local_area", "north"),)) for i in range(3)]
    view = view_of(services, group_by="local_area", min_group=1)
    assert view["groups"]["label"] == "Local area"
    html = render_portfolio(view, "html")
    assert '<h2 id="groups">By local area</h2>' in html and "local_area" not in html
    assert "## By local area" in render_portfolio(view, "md")


@pytest.mark.parametrize(("before", "now", "up", "same", "down", "new", "gone", "mean"), [
    ({"a": 1, "b": 2}, {"a": 2, "b": 2}, ["a"], 1, [], [], [], 0.5),
    ({"a": 3, "b": 1}, {"a": 1, "b": 1, "c": 2}, [], 1, ["a"], ["c"], [], -1.0),
    ({"a": 1, "gone": 2}, {"a": 1}, [], 1, [], [], ["gone"], 0.0),
    ({"x": 1}, {"y": 1}, [], 0, [], ["y"], ["x"], None),
], ids=["one-up", "one-down-one-new", "one-gone", "nothing-matched"])
def test_movement_since_the_last_cycle(before: dict[str, int], now: dict[str, int],
                                       up: list[str], same: int, down: list[str],
                                       new: list[str], gone: list[str],
                                       mean: float | None) -> None:
    view = view_of([summary(k, v) for k, v in now.items()],
                   previous=[summary(k, v) for k, v in before.items()])
    m = view["movement"]
    assert [x["service_id"] for x in m["moved_up"]] == up
    assert [x["service_id"] for x in m["moved_down"]] == down
    assert m["same"] == same and m["mean_change"] == mean
    assert [x["service_id"] for x in m["new"]] == new
    assert [x["service_id"] for x in m["gone"]] == gone
    assert [r["previous_services"] for r in view["ladder"]] == [
        sum(1 for v in before.values() if v == level) for level in (1, 2, 3)]


def test_movement_uses_the_latest_of_two_files_for_one_service() -> None:
    older = summary("a", 1, assessed_on=dt.date(2025, 1, 1), path="x/a-old.yaml")
    newer = summary("a", 3, assessed_on=dt.date(2025, 6, 1), path="x/a-new.yaml")
    view = view_of([summary("a", 3)], previous=[newer, older])
    assert view["movement"]["same"] == 1
    dupes = view_of([older, newer])["duplicates"]
    assert dupes == [{"service_id": "a", "paths": ["x/a-new.yaml", "x/a-old.yaml"]}]


def test_gaps_list_only_services_below_a_target_they_set() -> None:
    view = view_of([summary("a", 1), summary("b", 3), summary("c", 1, target_is_default=True),
                    summary("d", 2)])
    assert [(g["service_id"], g["gap_to_target"]) for g in view["gaps"]] == [("a", 2), ("d", 1)]
    assert view["totals"]["with_target"] == 3 and view["totals"]["at_or_above_target"] == 1


def test_high_claims_worst_first() -> None:
    view = view_of([summary("a", high_not_validated=("design-together",)),
                    summary("b", high_without_evidence=("design-together",),
                            high_not_validated=("design-together",)),
                    summary("c")])
    assert [h["service_id"] for h in view["high_claims"]] == ["b", "a"]


# --------------------------------------------------------------------------------------------
# Core: the expected-services file
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "text", "ids", "problems"), [
    ("expected.txt", "# services\nharbour\n\n  docks  # new this year\nharbour\n",
     ["docks", "harbour"], []),
    ("expected.txt", "harbour\nBad Id\n", ["harbour"], [(2, 1, "expected/bad-id")]),
    ("expected.yaml", "- harbour\n- docks\n", ["docks", "harbour"], []),
    ("expected.yml", "- harbour\n- 12\n- {a: 1}\n", ["harbour"],
     [(2, 3, "expected/bad-id"), (3, 3, "expected/bad-id")]),
    ("expected.yaml", "services: [a]\n", [], [(1, 1, "expected/not-a-list")]),
    ("expected.yaml", "- [a\n", [], [(2, 1, "syntax")]),
], ids=["text", "text-bad-id", "yaml", "yaml-bad-items", "yaml-mapping", "yaml-syntax"])
def test_parse_expected(path: str, text: str, ids: list[str],
                        problems: list[tuple[int, int, str]]) -> None:
    found, diagnostics = parse_expected(text, path)
    assert found == ids
    assert [(d.line, d.column, d.code) for d in diagnostics] == problems


# --------------------------------------------------------------------------------------------
# Renderers: golden files, escaping, CSV
# --------------------------------------------------------------------------------------------


def golden_view() -> dict[str, Any]:
    """A small portfolio touching every section: movement, groups, stale, missing, failure."""
    now = [
        scored(answers_yaml("harbour-youth", level=3, name="Harbour Youth <Club> & | Friends",
                            evidence=False), "cycle-2/north/harbour-youth.yaml"),
        scored(answers_yaml("docks-family", level=2, validated=False),
               "cycle-2/north/docks-family.yaml"),
        scored(answers_yaml("hill-fostering", level=1, assessed_on="2025-01-10", team="=cmd"),
               "cycle-2/north/hill-fostering.yaml"),
        scored(answers_yaml("mill-camhs", level=2, target=None, assessed_on=None),
               "cycle-2/north/mill-camhs.yaml"),
        scored(answers_yaml("park-send", level=1, area="south"), "cycle-2/south/park-send.yaml"),
        scored(answers_yaml("quay-carers", level=2), "cycle-2/north/quay-carers.yaml"),
        scored(answers_yaml("bay-advocacy", level=3, delivery_out="Advocates | never <deliver>"),
               "cycle-2/south/bay-advocacy.yaml"),
    ]
    before = [
        scored(answers_yaml("harbour-youth", level=2), "cycle-1/harbour-youth.yaml"),
        scored(answers_yaml("docks-family", level=3), "cycle-1/docks-family.yaml"),
        scored(answers_yaml("hill-fostering", level=1), "cycle-1/hill-fostering.yaml"),
        scored(answers_yaml("old-centre", level=2), "cycle-1/old-centre.yaml"),
    ]
    broken = Failed("cycle-2/north/broken.yaml", (Diagnostic(
        "cycle-2/north/broken.yaml", 4, 26, Severity.ERROR, "unknown-answer",
        "'brilliant' is not an answer to 'design-asked'"),))
    return view_of(now, failures=[broken], previous=before, group_by="area", min_group=3,
                   expected=["docks-family", "harbour-youth", "river-youth"])


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_portfolio_matches_golden_file(fmt: str) -> None:
    check_golden(render_portfolio(golden_view(), fmt), f"portfolio.{fmt}")


def test_json_written_row_by_row_is_exactly_json_dumps() -> None:
    view = golden_view()
    assert render_portfolio(view, "json") == json.dumps(
        materialise(view), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    empty = view_of([])
    assert render_portfolio(empty, "json") == json.dumps(
        materialise(empty), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_json_is_documented_and_stable() -> None:
    view = json.loads(render_portfolio(golden_view(), "json"))
    assert view["format"] == "coprod-portfolio/2"
    documented = (Path(__file__).parent.parent / "docs" / "portfolio.md").read_text("utf-8")
    for key in view:
        assert f"`{key}`" in documented, f"JSON key {key} is not documented in docs/portfolio.md"


def test_html_escapes_what_managers_typed() -> None:
    s = scored(answers_yaml("evil", name="<script>alert(1)</script>", team="<b>x</b>"), "e.yaml")
    html = render_portfolio(view_of([s]), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html
    assert "src=" not in html and "http" not in html  # self-contained: no external assets


def test_every_chart_is_svg_with_a_text_equivalent() -> None:
    html = render_portfolio(golden_view(), "html")
    charts = re.findall(r"<svg\b[^>]*>", html)
    assert len(charts) >= 4
    for svg in charts:
        # Each picture says what it shows: a title and description, or a label of its own;
        # an axis drawn for the eye is hidden from screen readers (its numbers are in words).
        assert (('role="img"' in svg and ("aria-labelledby=" in svg or "aria-label=" in svg))
                or 'aria-hidden="true"' in svg), svg
    assert '<desc id="rung-chart-desc">Rung 1, Told: 2 services' in html
    assert 'aria-label="Harbour Youth &lt;Club&gt; &amp; | Friends: stands on rung' not in html
    # Every chart section carries its figures as a table too.
    for section in ("rungs", "movement", "gaps", "trend"):
        body = html.split(f'<section aria-labelledby="{section}">', 1)[1].split("</section>")[0]
        assert '<details class="chart-table">' in body and "<table" in body, section
    assert "<script" not in html


def test_the_summary_is_sentences_a_director_can_read_aloud() -> None:
    view = golden_view()
    said = build_pictures(view)["summary"]
    assert said[0] == "7 services were scored against A small rubric for tests."
    assert any(line.startswith("Since the last cycle, of ") for line in said)
    assert all(line.endswith(".") for line in said)
    html = render_portfolio(view, "html")
    md = render_portfolio(view, "md")
    for line in said:
        assert f"<p>{line}</p>" in html
        assert line in md
    one = build_pictures(view_of([summary("a", rung=2)]))["summary"]
    assert one[0] == "1 service was scored against A small rubric for tests."
    assert one[1].startswith("Most often a service stands on rung 2, Asked: 1 of 1 services "
                             "(100%) does.")
    # No last cycle given: nothing is said about movement.
    assert not any("last cycle" in line for line in one)


def test_columns_that_would_be_all_dashes_are_dropped() -> None:
    view = view_of([summary("a", target_is_default=True), summary("b", target_is_default=True)])
    html, md = render_portfolio(view, "html"), render_portfolio(view, "md")
    services = html.split('<section aria-labelledby="services">', 1)[1]
    assert ">Target</th>" not in services
    assert "| Target |" not in md
    assert "| Team |" not in md
    assert "Holds back" in html  # the mini rubric's factors do gate a rung
    view["weakest_factors"] = [{**f, "gates": []} for f in view["weakest_factors"]]
    assert "Holds back" not in render_portfolio(view, "html")
    assert "Holds back" not in render_portfolio(view, "md")
    with_target = render_portfolio(view_of([summary("a")]), "html")
    assert ">Target</th>" in with_target.split('<section aria-labelledby="services">', 1)[1]


def test_out_of_scope_types_come_late_folded_with_their_counts_first() -> None:
    html = render_portfolio(golden_view(), "html")
    order = [html.index(f'<section aria-labelledby="{name}">')
             for name in ("summary", "rungs", "activities", "barriers", "scope", "services")]
    assert order == sorted(order)
    scope = html.split('<section aria-labelledby="scope">', 1)[1].split("</section>")[0]
    assert scope.index('<ul class="scope-counts">') < scope.index('<details class="folded">')
    assert "<li>Co-delivery: <strong>1 service</strong></li>" in scope


def test_rung_colours_keep_every_number_readable() -> None:
    # Every shade a rung or a count is drawn in holds its own text at 4.5:1 or more, and the
    # first rungs (the ones most services stand on) are told apart by more than a tint.
    css = (Path(__file__).parent.parent / "src" / "coprod_ladder" / "reports"
           / "portfolio.css").read_text("utf-8")
    shades = re.findall(r"\.(lvl|heat)-(\d) \{ background: (#[0-9a-f]{6}); --fill: \3; "
                        r"--text: ([^;]+);", css)
    assert len(shades) == 8 + 6
    ink, white = "#1b1b1b", "#ffffff"
    for _, _, fill, text in shades:
        colour = white if text == "#fff" else ink
        if text == "var(--muted)":
            colour = "#555555"
        assert contrast(fill, colour) >= 4.5, (fill, text)
    lvl = {int(n): fill for kind, n, fill, _ in shades if kind == "lvl"}
    assert all(contrast(lvl[a], lvl[a + 1]) >= 1.15 for a in (1, 2, 3))


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_markdown_escapes_table_breaking_text() -> None:
    md = render_portfolio(golden_view(), "md")
    assert r"Harbour Youth \<Club\> & \| Friends" in md


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+44 1234", "'+44 1234"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("Harbour", "Harbour"), (3, 3), (-1, -1), ("", ""),
])
def test_spreadsheet_cell(value: object, safe: object) -> None:
    assert spreadsheet_cell(value) == safe


def test_csv_opens_in_excel_and_cannot_run_formulas() -> None:
    s = scored(answers_yaml("evil", name="=1+2", team="@SUM(A1)", area="-north"), "e.yaml")
    text = render_portfolio(view_of([s], previous=[summary("evil", 3)]), "csv",
                            CsvHeaders.IDS)
    # Ids are for code: no byte-order mark to trip a script up (labels, for Excel, have one).
    assert text.startswith("service_id,service_name,team,tag_area,assessed_on,rung_level")
    assert render_portfolio(view_of([s]), "csv").startswith("\ufeffService id,")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["service_name"] == "'=1+2" and rows[0]["team"] == "'@SUM(A1)"
    assert rows[0]["tag_area"] == "'-north"
    assert rows[0]["rung_change"] == "-1"  # numbers coprod writes stay numbers
    assert rows[0]["design_level"] == "2" and rows[0]["stale"] == "no"
    assert "\r\n" in text


def test_csv_headers_are_labels_by_default_and_ids_on_request() -> None:
    view = view_of([scored(answers_yaml("a", area="north"), "a.yaml")])
    labels = render_portfolio(view, "csv").removeprefix("\ufeff").split("\r\n")
    ids = render_portfolio(view, "csv", CsvHeaders.IDS).removeprefix(
        "\ufeff").split("\r\n")
    assert labels[0].startswith("Service id,Service,Team,Tag: area,Assessed on,Rung (level),")
    assert "Co-design (level)" in labels[0] and labels[0].endswith(",Answers file")
    assert ids[0].startswith("service_id,service_name,team,tag_area,")
    assert len(labels[0].split(",")) == len(ids[0].split(",")) and labels[1:] == ids[1:]


def test_csv_placement_is_in_words_for_people_and_an_id_for_code() -> None:
    view = view_of([summary("a", rung=2), summary("b", rung=2, provisional=True),
                    summary("c", rung=0)])
    by_format = {}
    for headers in CsvHeaders:
        text = render_portfolio(view, "csv", headers).removeprefix("\ufeff")
        by_format[headers] = [row["placement" if headers is CsvHeaders.IDS else "Placement"]
                              for row in csv.DictReader(io.StringIO(text))]
    assert by_format[CsvHeaders.LABELS] == ["firm", "provisional", "not yet placed"]
    assert by_format[CsvHeaders.IDS] == ["firm", "provisional", "not_placed"]
    assert [s["placement"] for s in view["services"]] == by_format[CsvHeaders.IDS]


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


def write_services(folder: Path, count: int = 6) -> None:
    for i in range(count):
        area = "north" if i % 3 else "south"
        (folder / area).mkdir(parents=True, exist_ok=True)
        (folder / area / f"s{i}.yaml").write_text(
            answers_yaml(f"service-{i}", level=1 + i % 3, area=area,
                         validated=i % 2 == 0), encoding="utf-8")


def test_a_broken_file_exits_1_and_the_rest_are_still_reported(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_services(answers, 4)
    (answers / "north" / "broken.yaml").write_text(
        "rubric: {id: mini, version: 1.0.0}\nservice: {id: bad, name: Bad}\n"
        "criteria:\n  design-asked: {answer: brilliant}\n", encoding="utf-8")
    code, out, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / "out"),
                         "--as-of", "2026-11-01")
    assert code == 1, err
    assert f"{answers / 'north' / 'broken.yaml'}:4:26: error [unknown-answer]" in err
    assert "4 services scored, 1 file failed" in err
    view = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    assert len(view["services"]) == 4 and len(view["failures"]) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "portfolio.csv", "portfolio.html", "portfolio.json", "portfolio.md", "portfolio.xlsx"]
    assert "Portfolio as of 2026-11-01: 4 services" in out


def test_output_is_byte_identical_across_runs_and_jobs(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_services(answers, 9)
    outputs = []
    for name, jobs in (("one", "1"), ("again", "1"), ("two", "2")):
        code, _, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / name),
                           "--as-of", "2026-11-01", "--jobs", jobs, "--group-by", "area",
                           "--min-group", "2")
        assert code == 0, err
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) == 5


def test_previous_expected_and_service_reports(tmp_path: Path) -> None:
    answers, last = tmp_path / "answers", tmp_path / "last"
    write_services(answers, 3)
    last.mkdir()
    (last / "s0.yaml").write_text(answers_yaml("service-0", level=2), encoding="utf-8")
    (last / "gone.yaml").write_text(answers_yaml("gone-service"), encoding="utf-8")
    expected = tmp_path / "expected.txt"
    expected.write_text("service-0\nservice-1\nriver-youth\n", encoding="utf-8")
    code, out, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / "out"),
                         "--previous", str(last), "--expected", str(expected),
                         "--service-reports", "--as-of", "2026-11-01")
    assert code == 0, err
    view = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    assert view["expected"]["missing"] == ["river-youth"]
    assert [m["service_id"] for m in view["movement"]["moved_down"]] == ["service-0"]
    assert [g["service_id"] for g in view["movement"]["gone"]] == ["gone-service"]
    assert (tmp_path / "out" / "services" / "south" / "s0.html").exists()
    assert view["services"][0]["report"] == "services/south/s0"
    assert 'href="services/south/s0.html"' in (tmp_path / "out" / "portfolio.html").read_text(
        "utf-8")
    assert "Since the last cycle: 0 up, 0 same, 1 down" in out


def test_every_service_name_links_to_its_report_in_html_and_markdown(tmp_path: Path) -> None:
    answers, last = tmp_path / "answers", tmp_path / "last"
    answers.mkdir()
    last.mkdir()
    for i, level in enumerate((1, 1, 2)):
        (answers / f"s{i}.yaml").write_text(answers_yaml(f"service-{i}", level=level),
                                            encoding="utf-8")
        (last / f"s{i}.yaml").write_text(answers_yaml(f"service-{i}", level=2), encoding="utf-8")
    code, _, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / "out"),
                       "--previous", str(last), "--service-reports", "--as-of", "2026-11-01")
    assert code == 0, err
    out = tmp_path / "out"
    html = (out / "portfolio.html").read_text("utf-8")
    md = (out / "portfolio.md").read_text("utf-8")
    html_sections = ('<section aria-labelledby="gaps">', '<section aria-labelledby="movement">',
                     '<section aria-labelledby="services">')
    md_sections = ("## Gaps to target", "### Moved down", "## All services")
    for page, suffix, links, sections in (
            (html, ".html", re.findall(r'<a href="(services/[^"]+)"', html), html_sections),
            (md, ".md", re.findall(r"\]\((services/[^)]+)\)", md), md_sections)):
        assert links and all(link.endswith(suffix) and (out / link).is_file() for link in links)
        # Linked wherever a name is shown: the gaps, the moves and "All services".
        for section in sections:
            part = page.split(section, 1)[1].split("</section>" if suffix == ".html"
                                                   else "\n## ", 1)[0]
            assert f"services/s0{suffix}" in part, (suffix, section)


def test_the_hidden_groups_tag_values_never_show(tmp_path: Path) -> None:
    # "All services" lists every service, but never by the roll-up's tag, so nobody can sum
    # the list by group and find what the hidden groups' row would have said.
    services = ([summary(f"n{i}", tags=(("area", "north"),)) for i in range(5)]
                + [summary("lone", tags=(("area", "tiny-hamlet"),))])
    view = view_of(services, group_by="area", min_group=5)
    for fmt in ("html", "md"):
        text = render_portfolio(view, fmt)
        assert "tiny-hamlet" not in text and "north" not in text.split("By area", 1)[1][:2000]


def test_a_bad_expected_file_is_bad_input(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_services(answers, 1)
    expected = tmp_path / "expected.yaml"
    expected.write_text("- ok\n- Not An Id\n", encoding="utf-8")
    code, _, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / "out"),
                       "--expected", str(expected))
    assert code == 3
    assert f"{expected}:2:3: error [expected/bad-id]" in err


def test_no_answers_files_is_bad_input(tmp_path: Path) -> None:
    code, _, err = run("portfolio", str(tmp_path), "-r", MINI, "-o", str(tmp_path / "out"))
    assert code == 3
    assert "no *.yaml or *.yml answers files" in err


def test_missing_folder_is_bad_input_as_in_every_command(tmp_path: Path) -> None:
    code, _, err = run("portfolio", str(tmp_path / "nope"), "-r", MINI)
    assert code == 3
    assert f"{tmp_path / 'nope'}:1:1: error [unreadable] no such file or folder" in err


def test_group_by_an_unknown_tag_warns(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_services(answers, 2)
    code, _, err = run("portfolio", str(answers), "-r", MINI, "-o", str(tmp_path / "out"),
                       "--group-by", "ward")
    assert code == 0
    assert "no service has the tag 'ward'" in err


def test_a_golden_file_differing_only_in_line_endings_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPROD_UPDATE_GOLDEN", raising=False)
    golden = tmp_path / "rows.csv"
    golden.write_bytes(b"a,b\r\n1,2\r\n")
    golden_files.check_golden("a,b\r\n1,2\r\n", golden)
    with pytest.raises(AssertionError, match="line endings differ"):
        golden_files.check_golden("a,b\n1,2\n", golden)
