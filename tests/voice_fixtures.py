"""A rubric with voice questions on every criterion, and voice files made in code, for tests.

The default rubric's own voice questions may change; these tests must not, so they drop them
and ask every criterion of the default rubric of every group, in a copy made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coprod_ladder.model import CheckedRubric, VoiceGroup
from coprod_ladder.resources import read_builtin_rubric
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.voice.model import Respondent, VoiceAnswer, VoiceFile

_ASK = ("    voice:\n      ask:\n        children: Did staff do this with you?\n"
        "        young-people: Did staff do this with you?\n"
        "        parents: Did staff do this with you and your child?\n")


def voiced_rubric_text() -> str:
    """The default rubric's text with every criterion asked of every group."""
    text = read_builtin_rubric("default")[1].decode("utf-8")
    head, rest = text.split("\ncriteria:\n", 1)
    body, tail = rest.split("\nsuccess_factors:\n", 1)
    lines: list[str] = []
    in_own_voice = False
    for line in body.split("\n"):
        # The rubric's own voice block (a criterion's last key) goes: this copy asks its own.
        if line == "    voice:":
            in_own_voice = True
            continue
        if in_own_voice and line.startswith("      "):
            continue
        in_own_voice = False
        lines.append(line)
        if line.startswith("    answer_set: "):
            lines.append(_ASK.rstrip("\n"))
    return head + "\ncriteria:\n" + "\n".join(lines) + "\nsuccess_factors:\n" + tail


def voiced_rubric() -> CheckedRubric:
    """The default rubric with every criterion asked of children, young people and parents."""
    rubric, problems = parse_rubric(voiced_rubric_text(), "voiced.yaml")
    assert rubric is not None, problems
    return rubric


VOICED = voiced_rubric()


def voice_file(people: Iterable[tuple[VoiceGroup, Mapping[str, VoiceAnswer]]],
               service: str = "youth-service", first: int = 1) -> VoiceFile:
    """A voice file for `service` holding one respondent per (group, answers) pair."""
    return VoiceFile.model_validate({
        "rubric": {"id": VOICED.id, "version": VOICED.version}, "service": service,
        "respondents": [Respondent(id=f"r{n}", group=group, answers=dict(answers))
                        for n, (group, answers) in enumerate(people, start=first)]})
