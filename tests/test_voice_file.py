"""Voice files (`coprod-voice/1`): read, checked against their rubric, written back unchanged."""

from __future__ import annotations

import pytest

from coprod_ladder.errors import LoadError
from coprod_ladder.model import CheckedRubric, VoiceGroup
from coprod_ladder.resources import read_builtin_rubric
from coprod_ladder.rubric.load import load_rubric, parse_rubric
from coprod_ladder.voice.model import AgeBand, Respondent, VoiceAnswer, VoiceFile
from coprod_ladder.voice.read import read_voice
from coprod_ladder.voice.write import dump_voice

ITEM = load_rubric("default")[0].criteria[0].id


def _without_voice(text: str, item: str) -> str:
    """The rubric text with the item's own `voice:` block (its last key) taken out."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"  - id: {item}\n")
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("    "))
    voice = next((n for n in range(start, end) if lines[n] == "    voice:\n"), end)
    return "".join(lines[:voice] + lines[end:])


def _rubric_asking_the_first_item() -> CheckedRubric:
    """The default rubric with voice questions on its first item, for children and young people
    (the default rubric's own voice questions may change; these tests must not)."""
    text = _without_voice(read_builtin_rubric("default")[1].decode("utf-8"), ITEM)
    block = (f"  - id: {ITEM}\n    voice:\n      ask:\n        children: Did staff ask you?\n"
             "        young-people: Did staff ask what you think?\n")
    assert f"  - id: {ITEM}\n" in text
    rubric, problems = parse_rubric(text.replace(f"  - id: {ITEM}\n", block, 1), "default.yaml")
    assert rubric is not None, problems
    return rubric


RUBRIC = _rubric_asking_the_first_item()


def _voice(**fields: object) -> str:
    rubric = fields.pop("rubric", f"{{id: default, version: {RUBRIC.version}}}")
    respondents = fields.pop("respondents", f"""
  - id: r1
    group: young-people
    age_band: 13-15
    answers: {{{ITEM}: mostly}}""")
    return f"format: coprod-voice/1\nrubric: {rubric}\nservice: youth-service\n" \
           f"respondents:{respondents}\n"


def _codes(text: str) -> list[tuple[int, str]]:
    with pytest.raises(LoadError) as caught:
        read_voice(text, "voice.yaml", RUBRIC)
    return [(d.line, d.code) for d in caught.value.diagnostics]


def test_a_good_file_reads_and_round_trips() -> None:
    voice, warnings = read_voice(_voice(), "voice.yaml", RUBRIC)
    assert warnings == []
    assert voice.respondents[0].answers == {ITEM: VoiceAnswer.MOSTLY}
    assert voice.respondents[0].age_band is AgeBand.FROM_13_TO_15
    again, _ = read_voice(dump_voice(voice), "again.yaml", RUBRIC)
    assert again == voice


def test_written_text_is_stable_and_anonymous() -> None:
    voice = VoiceFile.model_validate({
        "rubric": {"id": "default", "version": RUBRIC.version}, "service": "camhs",
        "respondents": [Respondent(id="r2", group=VoiceGroup.PARENTS)]})
    text = dump_voice(voice)
    assert text == dump_voice(voice)
    assert text.startswith("# What children, young people and families said")
    assert "name" not in text.split("\n", 2)[2]


def test_another_rubric_version_is_refused_with_the_fix() -> None:
    with pytest.raises(LoadError) as caught:
        read_voice(_voice(rubric="{id: default, version: 1.0.0}"), "voice.yaml", RUBRIC)
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.code) == (2, "voice-other-version")
    assert f"make a new form from version {RUBRIC.version}" in problem.message


def test_another_rubric_is_refused() -> None:
    assert _codes(_voice(rubric="{id: iap2, version: 1.3.0}")) == [(2, "voice-other-rubric")]


def test_unknown_item_and_duplicate_respondent_are_placed() -> None:
    respondents = f"""
  - id: r1
    group: children
    answers: {{{ITEM}x: always}}
  - id: r1
    group: parents
    answers: {{{ITEM}: never}}"""
    assert _codes(_voice(respondents=respondents)) == [
        (7, "voice-unknown-item"), (8, "voice-duplicate-respondent"), (10, "voice-not-asked")]


def test_an_answer_off_the_scale_is_a_schema_error_on_its_line() -> None:
    respondents = f"""
  - id: r1
    group: children
    answers: {{{ITEM}: yes please}}"""
    ((line, code),) = _codes(_voice(respondents=respondents))
    assert line == 7 and code.startswith("schema/")
