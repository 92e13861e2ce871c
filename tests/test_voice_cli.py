"""Voice files in `coprod score`: found beside the answers or under --voice, never read as
answers, and never dropped silently (another rubric version, or no answers for the service)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import RunCli
from coprod_ladder.model import VoiceGroup
from coprod_ladder.voice.model import VoiceAnswer
from coprod_ladder.voice.write import dump_voice
from voice_fixtures import VOICED, voice_file, voiced_rubric_text

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "youth-service.yaml"
SERVICE = "northfield-youth"
# Claimed "routine" in the example, with no `validated:` record.
ITEM = "own-plans-informing"


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(EXAMPLE, answers / "youth-service.yaml")
    rubric = tmp_path / "voiced.yaml"
    rubric.write_text(voiced_rubric_text(), encoding="utf-8")
    return answers, rubric


def _agreeing(service: str = SERVICE) -> str:
    return dump_voice(voice_file([(VoiceGroup.YOUNG_PEOPLE, {ITEM: VoiceAnswer.ALWAYS})] * 6,
                                 service=service))


def _unchecked(run_cli: RunCli, *args: object) -> list[str]:
    result = run_cli("score", *args, "--out", "-", exit_code=0)
    (service,) = json.loads(result.stdout)["services"]
    return [c["id"] for c in service["claims_not_validated"]]


def test_a_voice_file_beside_the_answers_is_read_and_confirms_a_claim(
        run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    assert ITEM in _unchecked(run_cli, answers, "--rubric", rubric)
    (answers / "young-people.voice.yaml").write_text(_agreeing(), encoding="utf-8")
    assert ITEM not in _unchecked(run_cli, answers, "--rubric", rubric)


def test_a_voice_file_named_plainly_is_told_from_answers_by_its_format(
        run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    (answers / "survey-march.yaml").write_text(_agreeing(), encoding="utf-8")
    result = run_cli("score", answers, "--rubric", rubric, "--out", tmp_path / "out",
                     exit_code=0)
    assert "1 service scored, 0 files failed" in result.output


def test_voice_files_are_read_from_the_voice_folder(run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    voices = tmp_path / "voices" / "spring"
    voices.mkdir(parents=True)
    (voices / "yp.voice.yaml").write_text(_agreeing(), encoding="utf-8")
    assert ITEM not in _unchecked(run_cli, answers / "youth-service.yaml", "--rubric", rubric,
                                  "--voice", tmp_path / "voices")


def test_a_voice_file_named_on_the_command_line_is_heard_wherever_it_lies(
        run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    elsewhere = tmp_path / "survey-exports"
    elsewhere.mkdir()
    (elsewhere / "march.voice.yaml").write_text(_agreeing(), encoding="utf-8")
    assert ITEM not in _unchecked(run_cli, answers, elsewhere / "march.voice.yaml",
                                  "--rubric", rubric)


def test_a_file_named_as_a_voice_file_is_never_scored_as_answers(
        run_cli: RunCli, tmp_path: Path) -> None:
    # The name says voice file, as it does when coprod finds a service's voice files: one
    # rule for both, so a copy of an answers file saved under that name is not scored twice.
    answers, rubric = _folder(tmp_path)
    shutil.copy(answers / "youth-service.yaml", answers / "northfield.voice.yaml")
    result = run_cli("score", answers, "--rubric", rubric, "--out", tmp_path / "out",
                     exit_code=1)
    assert "1 service scored" in result.output
    assert "note: 1 voice file is read as the voice of the service it names" in result.stderr


def test_a_voice_file_for_a_service_with_no_answers_is_reported_with_the_fix(
        run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    stray = answers / "camhs.voice.yaml"
    stray.write_text(_agreeing(service="riverside-camhs"), encoding="utf-8")
    result = run_cli("score", answers, "--rubric", rubric, "--out", tmp_path / "out",
                     exit_code=1)
    assert f"{stray}:7:1: error [voice-no-answers]" in result.stderr
    assert "no answers file for 'riverside-camhs' was scored" in result.stderr
    assert "1 service scored, 1 file failed" in result.output


def test_a_voice_file_for_another_rubric_version_is_reported_and_the_service_still_scored(
        run_cli: RunCli, tmp_path: Path) -> None:
    answers, rubric = _folder(tmp_path)
    old = answers / "old.voice.yaml"
    old.write_text(_agreeing().replace(f"version: {VOICED.version}", "version: 2.0.0"),
                   encoding="utf-8")
    result = run_cli("score", answers, "--rubric", rubric, "--out", tmp_path / "out",
                     exit_code=1)
    assert f"{old}:" in result.stderr and "[voice-other-version]" in result.stderr
    assert f"make a new form from version {VOICED.version}" in result.stderr
    assert (tmp_path / "out" / f"{SERVICE}.json").exists()
