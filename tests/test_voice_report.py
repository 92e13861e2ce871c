"""The report section "What children, young people and families say", in every text format
and the terminal summary: golden files for the example youth service with a voice file."""

from __future__ import annotations

from pathlib import Path

import pytest

import golden_files
from coprod_ladder.answers.read import read_answers
from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rendering.terminal import summary_lines
from coprod_ladder.rendering.views import ReportView
from coprod_ladder.rubric.load import fixed_rubric
from coprod_ladder.scoring import score
from coprod_ladder.voice.model import VoiceAnswer
from voice_fixtures import VOICED, voice_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "youth-service.yaml"
GOLDEN = Path(__file__).parent / "golden" / "reports"
A, YP, PA, CH = VoiceAnswer, VoiceGroup.YOUNG_PEOPLE, VoiceGroup.PARENTS, VoiceGroup.CHILDREN


def _view() -> ReportView:
    answers, _, _ = read_answers(EXAMPLE.read_bytes(), "examples/youth-service.yaml",
                                 fixed_rubric(VOICED))
    routine = "own-plans-informing"  # answered "routine"
    told = "own-plans-told-back"
    crowd = ([(YP, {routine: a, told: A.ALWAYS}) for a in
              (A.NOT_OFTEN, A.SOMETIMES, A.NEVER, A.SOMETIMES, A.ALWAYS, A.DONT_KNOW)]
             + [(PA, {routine: A.MOSTLY, told: A.ALWAYS})] * 5
             + [(CH, {routine: A.NEVER})] * 2)
    card = score(VOICED, answers, [voice_file(crowd, service=answers.service.id)])
    return build_view(card)


@pytest.mark.parametrize("fmt", [r.name for r in SERVICE_REPORTS if not r.binary])
def test_the_voice_section_matches_its_golden_file(fmt: str) -> None:
    text = SERVICE_REPORTS.get(fmt).render_bytes(_view()).decode("utf-8")
    golden_files.check_golden(text, GOLDEN / f"youth-voice.{fmt}")


def test_the_section_shows_who_answered_agreement_and_the_blind_spot_first() -> None:
    view = _view()
    voice = view["voice"]
    assert voice["heard"] and voice["respondents"] == 13
    assert voice["sentence"].startswith("13 people answered (2 children, 6 young people and 5 "
                                        "parents and carers)")
    (blind,) = voice["blind_spots"]
    assert blind["item_id"] == "own-plans-informing" and blind["group"] == "young-people"
    assert view["actions"][0]["why"] == "blind_spot"
    assert "Did staff do this with you?" in view["actions"][0]["next_step"]
    own = next(t for t in voice["types"] if t["activity"] == "own-plans")
    children = next(g for g in own["groups"] if g["group"] == "children")
    assert children["text"] == "fewer than 5 answered" and children["agree_percent"] is None


def test_the_terminal_summary_names_the_voices_and_the_blind_spot() -> None:
    text = "\n".join("".join(part for part, _ in line) for line in summary_lines(_view())
                     if isinstance(line, list))
    assert "13 people answered" in text and "You answered “Yes, routinely”" in text
