"""Make the demo's example voice file: what Northfield Youth Service's young people, parents
and children might say, made up, so `coprod demo` shows every part of the voice section.

Run `python tests/make_example_voice.py` to write `examples/voice/northfield-youth.voice.yaml`;
`tests/test_example_voice.py` checks the shipped file is what this makes, so it cannot drift.
Nobody real answered: the counts per item are chosen here (then shuffled with a fixed seed)
so the example holds agreement, a blind spot, a hidden strength and a group too small to show.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

from coprod_ladder.model import VoiceGroup
from coprod_ladder.resources import read_builtin_rubric
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.voice.model import (
    AgeBand,
    Collector,
    HelpedBy,
    Respondent,
    VoiceAnswer,
    VoiceFile,
    VoiceSource,
)
from coprod_ladder.voice.write import dump_voice

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SERVICE = EXAMPLES / "youth-service.yaml"
OUT = EXAMPLES / "voice" / "northfield-youth.voice.yaml"
HEADER = ("# EXAMPLE DATA, made up by tests/make_example_voice.py: no real person answered.\n"
          "# It shows what coprod does with the voices of a service's young people, parents\n"
          "# and children; see docs/voice.md for collecting real answers.\n")

NV, NO, SO, MO, AL, DK = (VoiceAnswer.NEVER, VoiceAnswer.NOT_OFTEN, VoiceAnswer.SOMETIMES,
                    VoiceAnswer.MOSTLY, VoiceAnswer.ALWAYS, VoiceAnswer.DONT_KNOW)
# Who answered: 14 young people, 7 parents and carers, and 3 children (too few to show alone).
PEOPLE: tuple[tuple[VoiceGroup, AgeBand, HelpedBy], ...] = (
    *((VoiceGroup.YOUNG_PEOPLE, AgeBand.FROM_13_TO_15, HelpedBy.NOBODY),) * 6,
    *((VoiceGroup.YOUNG_PEOPLE, AgeBand.FROM_13_TO_15, HelpedBy.STAFF),) * 2,
    *((VoiceGroup.YOUNG_PEOPLE, AgeBand.FROM_16_TO_18, HelpedBy.NOBODY),) * 6,
    *((VoiceGroup.PARENTS, AgeBand.ADULT, HelpedBy.NOBODY),) * 7,
    *((VoiceGroup.CHILDREN, AgeBand.FROM_8_TO_12, HelpedBy.FAMILY),) * 2,
    (VoiceGroup.CHILDREN, AgeBand.FROM_8_TO_12, HelpedBy.STAFF),
)
# Mostly what the service says: agreement where it answered "routinely", less where it answered
# "sometimes", and little where it has not started.
SAID_BY_ANSWER: dict[str | None, dict[VoiceGroup, tuple[VoiceAnswer, ...]]] = {
    "routine": {VoiceGroup.YOUNG_PEOPLE: (AL, AL, AL, AL, AL, MO, MO, MO, MO, MO, SO, SO, DK, DK),
                VoiceGroup.PARENTS: (AL, AL, AL, MO, MO, SO, DK),
                VoiceGroup.CHILDREN: (AL, MO, SO)},
    "sometimes": {VoiceGroup.YOUNG_PEOPLE: (AL, AL, MO, MO, MO, MO, SO, SO, SO, SO, NO, NO, DK, DK),
                  VoiceGroup.PARENTS: (AL, MO, MO, SO, SO, NO, DK),
                  VoiceGroup.CHILDREN: (MO, SO, NO)},
    None: {VoiceGroup.YOUNG_PEOPLE: (MO, MO, SO, SO, SO, SO, NO, NO, NO, NO, NV, NV, DK, DK),
           VoiceGroup.PARENTS: (MO, SO, SO, NO, NO, NV, DK),
           VoiceGroup.CHILDREN: (SO, NO, NV)},
}
# Where a group's view differs: a blind spot (the service says "routinely"; young people say
# feedback with a date seldom reaches them) and hidden strengths (the service says it has only
# started; young people and parents see more).
DIFFERENT: dict[tuple[str, VoiceGroup], tuple[VoiceAnswer, ...]] = {
    ("co-design-reply-date", VoiceGroup.YOUNG_PEOPLE):
        SAID_BY_ANSWER[None][VoiceGroup.YOUNG_PEOPLE],
    ("co-design-reply-date", VoiceGroup.PARENTS): SAID_BY_ANSWER[None][VoiceGroup.PARENTS],
    ("co-prioritisation-co-producing", VoiceGroup.YOUNG_PEOPLE):
        (AL, AL, AL, AL, AL, AL, MO, MO, MO, MO, MO, SO, SO, DK),
    ("own-plans-told-back", VoiceGroup.PARENTS): (AL, AL, AL, AL, MO, MO, DK),
}


def example_voice() -> str:
    """The example voice file's text (the same every time: a fixed seed)."""
    rubric, problems = parse_rubric(read_builtin_rubric("default")[1].decode("utf-8"),
                                    "default.yaml")
    assert rubric is not None, problems
    service = yaml.safe_load(SERVICE.read_text(encoding="utf-8"))["criteria"]
    shuffle = random.Random(20260212).shuffle
    answers: list[dict[str, VoiceAnswer]] = [{} for _ in PEOPLE]
    for criterion in rubric.criteria:
        asked = criterion.voice.ask if criterion.voice is not None else None
        for group in VoiceGroup:
            if not asked or group not in asked:
                continue
            who = [n for n, (g, _, _) in enumerate(PEOPLE) if g is group]
            answer = (service.get(criterion.id) or {}).get("answer")
            usual = SAID_BY_ANSWER.get(answer, SAID_BY_ANSWER[None])[group]
            said = list(DIFFERENT.get((criterion.id, group), usual))
            shuffle(said)
            for person, answer in zip(who, said, strict=True):
                answers[person][criterion.id] = answer
    voice = VoiceFile.model_validate({
        "rubric": {"id": rubric.id, "version": rubric.version},
        "service": "northfield-youth",
        "source": VoiceSource(collector=Collector.COPROD_FORM),
        "collected_from": dt.date(2026, 2, 2), "collected_to": dt.date(2026, 2, 27),
        "respondents": [Respondent(id=f"r{n:02d}", group=g, age_band=band, helped_by=helped,
                                   answers=answers[n - 1])
                        for n, (g, band, helped) in enumerate(PEOPLE, start=1)]})
    return HEADER + dump_voice(voice)


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(example_voice(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
