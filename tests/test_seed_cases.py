"""Golden cases from the seed: the four services the think piece presents as co-production.

Each answers file in tests/data/seed was written only from what the think piece says about the
service; everything it is silent on is left unanswered, and types it gives no basis for are
declared out of scope with a reason. The types of co-production the seed names must show a
"doing with" rung, and no service may be placed in "doing to" overall, in the score card, in
every report format, and through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RunCli
from coprod_ladder.batch import Scored, score_file
from coprod_ladder.model import Band
from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rubric.load import shipped_rubric_by_id

SEED = Path(__file__).parent / "data" / "seed"
# The service, and the types of co-production the think piece names for it.
NAMED = {
    "surrey-camhs-youth-advisers": {"co-delivery", "co-design"},
    "bradford-peer-educators": {"co-delivery"},
    "derbyshire-uni-fi": {"co-design"},
    "time-dollar-youth-courts": {"co-delivery"},
}


def scored(service_id: str) -> Scored:
    result = score_file(SEED / f"{service_id}.yaml", shipped_rubric_by_id())
    assert isinstance(result, Scored), getattr(result, "diagnostics", None)
    return result


@pytest.mark.parametrize("service_id", sorted(NAMED))
def test_the_types_the_seed_names_show_doing_with(service_id: str) -> None:
    card = scored(service_id).card
    bands = {a.activity_id: a.rung.band for a in card.activities if a.rung is not None}
    for type_id in NAMED[service_id]:
        assert bands.get(type_id) is Band.DOING_WITH, (type_id, bands)


@pytest.mark.parametrize("service_id", sorted(NAMED))
def test_no_seed_service_is_placed_in_doing_to(service_id: str) -> None:
    result = scored(service_id)
    card = result.card
    if card.placed:
        assert card.rung.band is not Band.DOING_TO
    # Little is said: placed provisionally, or (where the think piece answers fewer questions
    # than the coverage floor asks, whatever the scope) not yet placed; never firm.
    assert card.provisional or not card.placed
    assert card.answered < card.questions
    # Either way, the first screen names the types already "doing with".
    named = build_view(card, result.warnings)["verdict"]["doing_with_types"]
    assert set(named) >= {t for t in NAMED[service_id]}


@pytest.mark.parametrize("service_id", sorted(NAMED))
def test_reports_never_state_bottom_rung_facts(service_id: str) -> None:
    result = scored(service_id)
    view = build_view(result.card, result.warnings)
    bottom = result.card.rungs[0].summary.split(".")[0]
    for fmt in ("md", "html"):  # JSON lists the rubric's rungs
        text = SERVICE_REPORTS.get(fmt).render_bytes(view).decode("utf-8")
        assert bottom not in text.replace("\n", " ")
        assert "Provisional" in text or "Not yet placed" in text
    report = json.loads(SERVICE_REPORTS.get("json").render_bytes(view))
    types = {t["id"]: t for t in report["profile"]}
    assert all(t["state"] != "placed" or t["rung"]["band"] != "doing to"
               for t in types.values() if t["id"] in NAMED[service_id])


def test_coprod_score_places_every_seed_service(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("score", str(SEED), "--out", str(tmp_path), exit_code=0)
    assert result.output.count("Where the service stands:") == len(NAMED)
    assert "Not involved" not in result.output
