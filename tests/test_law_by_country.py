"""Law by country (issue 18): a Welsh service is told Welsh law, an English one English law.

A service says which country's law applies (`service: jurisdiction:`); without it, the default
rubric reads England, so every answers file written before jurisdictions existed scores as it
did. Floors, the law beside a statement and the report's opening line follow the country; a
floor or factor that exists in one country only is never applied in the other. That the
country never moves a rung is a property in test_scoring_properties.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.model import Answers
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.scoring import score

RUBRIC = load_rubric("default")[0]
SEND_TEAM = Path(__file__).parent.parent / "examples" / "send-team.yaml"
WELSH_OFFER = "sf-welsh-active-offer"


def _send_team(country: str | None) -> Answers:
    data = yaml.safe_load(SEND_TEAM.read_text(encoding="utf-8"))
    if country is not None:
        data["service"]["jurisdiction"] = country
    return Answers.model_validate(data)


def _view(country: str | None) -> Any:
    return build_view(score(RUBRIC, _send_team(country)))


def test_a_file_that_names_no_country_scores_as_england() -> None:
    silent, english = _view(None), _view("england")
    assert silent == english
    assert silent["service"]["jurisdiction"]["name"] == "England"


def test_the_floors_cite_the_law_of_the_services_country() -> None:
    english, welsh = _view("england")["verdict"], _view("wales")["verdict"]
    own_plans = {f["activity"]: f["duty"] for f in english["below_floors"]}["own-plans"]
    assert "Children Act 1989 s22(4)-(5)" in own_plans and "Wales" not in own_plans
    (welsh_floor,) = welsh["below_floors"]
    assert "Social Services and Well-being (Wales) Act 2014" in welsh_floor["duty"]
    assert "Children Act 1989" not in welsh_floor["sentence"]


def test_a_floor_that_exists_in_england_only_says_so_and_is_not_applied_in_wales() -> None:
    english = {f["id"]: f for f in _view("england")["verdict"]["below_floors"]}
    assert english["send-parent-carer-forum"]["duty"].startswith("In England only")
    welsh = {f["id"] for f in _view("wales")["verdict"]["below_floors"]}
    assert "send-parent-carer-forum" not in welsh


def test_the_target_warning_follows_the_country_too() -> None:
    text = SEND_TEAM.read_text(encoding="utf-8")
    english = parse_answers(text, "send.yaml", RUBRIC)[1]
    welsh = parse_answers(text.replace("  name: SEND Assessment and Review Team\n",
                                       "  name: SEND Assessment and Review Team\n"
                                       "  jurisdiction: wales\n"), "send.yaml", RUBRIC)[1]
    assert [d.code for d in english] == ["target-below-floor"]
    assert "In England only" in english[0].message
    assert [d.code for d in welsh] == []  # the forum floor is English law


def test_the_welsh_active_offer_is_asked_of_a_welsh_service_only() -> None:
    english = [f["id"] for f in _view("england")["success_factors"]]
    welsh = [f["id"] for f in _view("wales")["success_factors"]]
    assert WELSH_OFFER not in english and WELSH_OFFER in welsh
    assert set(welsh) - set(english) == {WELSH_OFFER}


def test_an_answer_to_the_welsh_offer_changes_nothing_for_an_english_service() -> None:
    answers = _send_team(None)
    rated = answers.model_copy(update={"success_factors": {
        **answers.success_factors, WELSH_OFFER: answers.success_factors["sf-safe"]}})
    assert build_view(score(RUBRIC, rated)) == build_view(score(RUBRIC, answers))


def test_the_wales_standards_show_for_a_welsh_service_and_lundy_for_both() -> None:
    def models(view: Any) -> set[str]:
        return {m["model"] for a in view["answers"] for m in a["maps_to"]}
    assert models(_view("wales")) == {"National Participation Standards", "Lundy element"}
    assert models(_view("england")) == {"Lundy element"}
    feedback = next(a for a in _view("wales")["answers"] if a["id"] == "co-planning-told-back")
    assert {"model": "National Participation Standards", "value": "Feedback"} in feedback["maps_to"]


def test_the_law_beside_a_statement_is_the_services_own() -> None:
    def law(country: str) -> str | None:
        view = _view(country)
        return next(a["law"] for a in view["answers"] if a["id"] == "own-plans-engaging")
    english, welsh = law("england"), law("wales")
    assert english is not None and "Independent Reviewing Officer" in english
    assert welsh is not None and "Part 6" in welsh and "Children Act 1989" not in welsh
    local_offer = next(a["law"] for a in _view("wales")["answers"]
                       if a["id"] == "co-assessment-told-back")
    assert local_offer is None  # the SEND Local Offer is English law; nothing is cited


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_welsh_report_opens_with_welsh_law_and_shows_the_standards(
        run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "send.yaml"
    path.write_text(SEND_TEAM.read_text(encoding="utf-8").replace(
        "  name: SEND Assessment and Review Team\n",
        "  name: SEND Assessment and Review Team\n  jurisdiction: wales\n"), encoding="utf-8")
    run_cli("score", path, "-o", tmp_path / "out", "--format", fmt, "--format", "json",
            exit_code=0)
    text = (tmp_path / "out" / f"send-assessment-review.{fmt}").read_text(encoding="utf-8")
    assert "The law this report cites is the law of Wales." in text  # the law section
    # One sentence at the top says whose law, and where it is set out.
    opening = "This report cites the law of Wales, set out at the end of the report."
    assert -1 < text.index(opening) < text.index("At a glance")
    assert "The law it draws on" not in text
    assert "National Participation Standards: Feedback" in text
    assert "Children Act 1989" not in text and "Welsh without having to ask" in text
    view = json.loads((tmp_path / "out" / "send-assessment-review.json").read_text("utf-8"))
    assert view["service"]["jurisdiction"]["id"] == "wales"


def test_an_unknown_country_is_placed_on_its_line_and_stops_the_score(
        run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "send.yaml"
    text = SEND_TEAM.read_text(encoding="utf-8").replace(
        "  name: SEND Assessment and Review Team\n",
        "  name: SEND Assessment and Review Team\n  jurisdiction: cymru\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("score", path, "-o", tmp_path / "out", exit_code=1)
    line = text.splitlines().index("  jurisdiction: cymru") + 1
    assert f"{path}:{line}:17: error [unknown-jurisdiction]" in result.stderr
    assert "jurisdictions: england, wales" in result.stderr


def test_rewriting_an_answers_file_keeps_its_country(run_cli: RunCli, tmp_path: Path) -> None:
    """assess and migrate rewrite the file: the country must survive, or a Welsh service
    would silently be read as English next time."""
    path = tmp_path / "youth.yaml"
    youth = Path(__file__).parent.parent / "examples" / "youth-service.yaml"
    path.write_text(youth.read_text(encoding="utf-8").replace(
        "  version: 2.2.0\n", "  version: 2.1.0\n"), encoding="utf-8")
    run_cli("migrate", "--in-place", path, exit_code=0)
    answers, problems = parse_answers(path.read_text(encoding="utf-8"), "youth.yaml", RUBRIC)
    assert answers is not None and problems == []
    assert answers.service.jurisdiction == "wales"
    assert answers.success_factors[WELSH_OFFER].answer == "weak"
