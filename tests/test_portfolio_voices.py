"""The portfolio hears children, young people and families: who was heard, who was not,
agreement by group with small groups hidden, coverage by roll-up row, and blind spots."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import RunCli
from coprod_ladder.portfolio import build_portfolio
from coprod_ladder.rendering.portfolio_view import build_portfolio_view
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.service_summary import ServiceSummary

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RUBRIC, _ = load_rubric("default")
TYPES = len(RUBRIC.activities)
AS_OF = dt.date(2026, 6, 30)


def _examples(tmp_path: Path) -> Path:
    """A folder like a council's: answers files, and their voice files in a subfolder."""
    folder = tmp_path / "answers"
    shutil.copytree(EXAMPLES, folder)
    return folder


def _portfolio(run_cli: RunCli, folder: Path, out: Path, *extra: object,
               exit_code: int = 0) -> dict[str, object]:
    result = run_cli("portfolio", folder, "-o", out, "--as-of", "2026-06-30", *extra,
                     exit_code=exit_code)
    assert exit_code or result.exit_code == 0
    return json.loads((out / "portfolio.json").read_text(encoding="utf-8"))  # type: ignore


def test_the_portfolio_reads_voice_files_under_its_folder(run_cli: RunCli,
                                                          tmp_path: Path) -> None:
    doc = _portfolio(run_cli, _examples(tmp_path), tmp_path / "out")
    voices: dict[str, object] = doc["voices"]  # type: ignore[assignment]
    assert voices["heard"] == 1 and voices["services"] == 5
    groups = {g["group"]: g for g in voices["groups"]}  # type: ignore[attr-defined]
    # Three children answered: counted, but their share is hidden.
    assert groups["children"]["respondents"] == 3
    assert groups["children"]["agree_percent"] is None
    assert groups["children"]["text"] == "fewer than 5 answered"
    assert groups["young-people"]["respondents"] == 14
    assert groups["young-people"]["agree_percent"] is not None
    assert voices["small_note"]
    (heard,) = voices["heard_services"]  # type: ignore[misc]
    assert heard["service_id"] == "northfield-youth" and heard["total_blind_spots"] >= 1
    assert {s["service_id"] for s in voices["not_heard"]} == {  # type: ignore[attr-defined]
        "fostering-recruitment-support", "riverside-childrens-centre",
        "send-assessment-review", "young-minds-camhs"}


def test_every_format_names_the_services_that_heard_nobody(run_cli: RunCli,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    _portfolio(run_cli, _examples(tmp_path), out)
    md = (out / "portfolio.md").read_text(encoding="utf-8")
    brief = md.split("## In brief", 1)[1].split("\n## ", 1)[0]
    assert "1 of 5 services heard children, young people or families" in brief
    assert "Services that heard nobody yet: Fostering Recruitment and Support Team" in brief
    section = md.split("## What children, young people and families say", 1)[1]
    assert "| Children (8 to 12) | 1 | 3 | fewer than 5 answered |" in section
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    assert 'id="voices"' in html and "Blind spots by type of co-production" in html
    rows = list(csv.DictReader(io.StringIO(
        (out / "portfolio.csv").read_text(encoding="utf-8-sig"))))
    youth = next(r for r in rows if r["Service id"] == "northfield-youth")
    assert (youth["Children who answered"], youth["Young people who answered"],
            youth["Parents and carers who answered"]) == ("3", "14", "7")
    assert int(youth["Blind spots"]) >= 1
    others = [r for r in rows if r["Service id"] != "northfield-youth"]
    assert {r["Young people who answered"] for r in others} == {"0"}


def test_voice_files_in_another_folder_are_read_with_voice(run_cli: RunCli,
                                                           tmp_path: Path) -> None:
    folder = _examples(tmp_path)
    elsewhere = tmp_path / "voices"
    shutil.move(str(folder / "voice"), elsewhere)
    assert _portfolio(run_cli, folder, tmp_path / "a")["voices"]["heard"] == 0  # type: ignore
    doc = _portfolio(run_cli, folder, tmp_path / "b", "--voice", elsewhere)
    assert doc["voices"]["heard"] == 1  # type: ignore[index]


def test_a_voice_file_for_no_scored_service_fails_with_the_fix(run_cli: RunCli,
                                                               tmp_path: Path) -> None:
    folder = _examples(tmp_path)
    stray = folder / "voice" / "northfield-youth.voice.yaml"
    stray.write_text(stray.read_text(encoding="utf-8").replace(
        "service: northfield-youth", "service: harbour-youth"), encoding="utf-8")
    result = run_cli("portfolio", folder, "-o", tmp_path / "out", "--as-of", "2026-06-30",
                     exit_code=1)
    assert "no answers file for 'harbour-youth' was scored" in result.stderr
    assert "voice-no-answers" in result.stderr


def test_score_reads_voice_files_in_a_subfolder_of_its_folder(run_cli: RunCli,
                                                              tmp_path: Path) -> None:
    folder = _examples(tmp_path)
    run_cli("score", folder, "-o", tmp_path / "out", "--format", "json", exit_code=0)
    report = json.loads((tmp_path / "out" / "northfield-youth.json").read_text("utf-8"))
    assert report["voice"]["heard"] and report["voice"]["respondents"] == 24


def _summary(n: int, area: str, voices: tuple[int, int, int]) -> ServiceSummary:
    return ServiceSummary(
        path=f"s{n}.yaml", service_id=f"s{n:03d}", service_name=f"Service {n}", team=None,
        tags=(("area", area),), assessed_on=None, rung=2, target=4, target_is_default=True,
        progress_met=0, progress_total=1, activities=(2,) * TYPES, factors_not_met=(),
        factors_unrated=(), claims_without_evidence=0, claims_not_validated=0,
        not_yet_answered=0, high_without_evidence=(), high_not_validated=(), risks=(),
        type_states=("placed",) * TYPES, voices=voices if sum(voices) else (),
        voice_agree=tuple((v, v) for v in voices) if sum(voices) else (),
        blind_spots=(0,) * TYPES if sum(voices) else ())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcde"),
                          st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9))),
                min_size=1, max_size=25),
       st.integers(1, 6))
def test_no_voice_row_shows_a_group_the_roll_up_hides(
        services: list[tuple[str, tuple[int, int, int]]], min_group: int) -> None:
    summaries = [_summary(n, area, v) for n, (area, v) in enumerate(services)]
    p = build_portfolio(summaries, [], RUBRIC, as_of=AS_OF,
                        group_by="area", min_group=min_group)
    view = build_portfolio_view(p)
    assert p.rollup is not None
    shown = {g.name for g in p.rollup.groups}
    rows = view["voices"]["by_tag"] or []
    assert {r["name"] for r in rows if not r["pooled"]} == shown
    assert all(r["services"] >= min_group for r in rows)
    # A group's share shows only when enough of its people answered.
    for g in view["voices"]["groups"]:
        assert (g["agree_percent"] is not None) <= (g["respondents"] >= p.voices.min_respondents)


def test_adding_people_never_hides_a_share_that_was_shown() -> None:
    few = _summary(1, "a", (2, 0, 0))
    more = few.replace(voices=(6, 0, 0), voice_agree=((6, 6), (0, 0), (0, 0)))
    hidden = build_portfolio_view(build_portfolio([few], [], RUBRIC, as_of=AS_OF))
    shown = build_portfolio_view(build_portfolio([more], [], RUBRIC, as_of=AS_OF))
    assert hidden["voices"]["groups"][0]["agree_percent"] is None
    assert shown["voices"]["groups"][0]["agree_percent"] == 100


def test_people_read_statements_not_criterion_ids(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _portfolio(run_cli, _examples(tmp_path), out)
    ids = [c.id for c in RUBRIC.criteria]
    for name in ("portfolio.md", "portfolio.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert [i for i in ids if i in text] == [], name


def test_a_missing_voice_folder_stops_the_run_with_its_path(run_cli: RunCli,
                                                            tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    for command in ("portfolio", "score"):
        result = run_cli(command, EXAMPLES, "-o", tmp_path / command, "--voice", missing,
                         exit_code=3)
        assert f"{missing}:1:1: error [unreadable] no such file or folder; --voice takes" \
            in result.stderr
        assert not (tmp_path / command).exists() or not any((tmp_path / command).iterdir())
