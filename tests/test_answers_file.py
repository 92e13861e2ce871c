"""Answers files as coprod writes them: readable, fixed order, round-tripping, saved atomically."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from coprod_ladder import atomic_files
from coprod_ladder.answers import write as answers_file
from coprod_ladder.answers.read import load_answers, parse_answers
from coprod_ladder.answers.write import dump_answers, save_answers
from coprod_ladder.errors import OutputError
from coprod_ladder.model import (
    Answers,
    CriterionAnswer,
    Evidence,
    FactorAnswer,
    RubricRef,
    Service,
    Target,
    TypeAnswer,
    Validation,
)
from coprod_ladder.rubric.load import load_rubric

DATA = Path(__file__).parent / "data"
MINI, _ = load_rubric(str(DATA / "rubrics" / "mini.yaml"))
SAMPLE = Answers(
    rubric=RubricRef(id="mini", version="1.0.0"),
    service=Service(id="harbour-youth", name='Harbour Youth <Club> & "Friends"',
                    team="Early help", tags={"area": "south", "age": "11-19"}),
    assessed_by="Sam Patel", assessed_on=dt.date(2026, 5, 14),
    target=Target(rung="together", reason="The youth council asked to share design decisions."),
    criteria={
        "design-asked": CriterionAnswer(
            answer="effective",
            evidence=[Evidence(what="Annual survey results *with* 212 replies",
                               where="https://intranet.example/survey?a=1&b=2",
                               date=dt.date(2026, 2, 1))],
            cyp_say="<script>alert('x')</script> They listen | mostly",
            validated=Validation(by="Youth council", on=dt.date(2026, 3, 1))),
        "delivery-asked": CriterionAnswer(answer="needs-improving",
                                          note="Evidence is in the session log."),
        "design-together": CriterionAnswer(answer="establishing"),
        "delivery-together": CriterionAnswer(answer="not-in-place"),
    },
    success_factors={"csf-governance": FactorAnswer(
        answer="needs-improving", evidence=[Evidence(what="Board minutes")])},
    readiness={"ready-lead": FactorAnswer(answer="effective")},
)

TRICKY = {
    "quotes": """He said "it's fine" and 'left'""",
    "colon and hash": "Note: see minutes #4 - item: 2",
    "newlines": "First line\nsecond line\n\nafter a blank line",
    "indented lines": "List:\n  - one\n    - two",
    "trailing spaces inside": "line with spaces   \nnext",
    "windows line ends": "one\r\ntwo",
    "odd line breaks": "a\u2028b\x85c",
    "tab": "a\tb",
    "unicode": "Ysgol Gân, Môn — “quoted” ✓ 👍 ŵŷ",
    "script": "<script>alert('x')</script> & <b>bold</b>",
    "yaml words": "no",
    "yaml null": "null",
    "a number": "1.0",
    "a date as text": "2026-03-31",
    "starts with a dash": "- not a list",
    "starts with a brace": "{not: a mapping}",
    "starts with a bracket": "[1, 2]",
    "flow and anchor characters": "*alias &anchor !tag %directive @at `tick` | > ?",
    "long": "word " * 150 + "end  with  double  spaces",
    "backslashes": r"C:\Users\share\evidence.docx \n not a newline",
    "a lone quote": "'",
    "markdown": "[link](http://evil.example) **bold** _x_",
}


def tricky_answers(text: str) -> Answers:
    day = dt.date(2026, 2, 1)  # one date object shared by several fields: no YAML aliases
    return Answers(
        rubric=RubricRef(id="mini", version="1.0.0"),
        service=Service(id="svc", name=text[:300], team=text[:300],
                        tags={"area": text[:300], "age": "11-19"}),
        assessed_by=text[:300], assessed_on=day,
        target=Target(rung="together", reason=text),
        criteria={
            "delivery-together": CriterionAnswer(answer="not-in-place", note=text),
            "design-asked": CriterionAnswer(
                answer="effective",
                evidence=[Evidence(what=text, where=text[:300], date=day), Evidence(what="x")],
                cyp_say=text, validated=Validation(by=text[:300], on=day), note=text),
            "delivery-asked": CriterionAnswer(not_applicable=f"{text} (reason long enough)"),
            "design-together": CriterionAnswer(),
        },
        success_factors={"csf-governance": FactorAnswer(answer="establishing", note=text,
                                                        evidence=[Evidence(what=text)])},
        readiness={"ready-lead": FactorAnswer()},
        types={"delivery": TypeAnswer(target="together", target_reason=text, estimate="asked"),
               "design": TypeAnswer(out_of_scope=f"{text} (reason long enough)")},
    )


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
@pytest.mark.parametrize("with_rubric", [True, False], ids=["rubric order", "file order"])
def test_round_trip_gives_an_equal_model(text: str, with_rubric: bool) -> None:
    original = tricky_answers(text)
    dumped = dump_answers(original, rubric=MINI if with_rubric else None)
    parsed, diagnostics = parse_answers(dumped, "x.yaml", MINI)
    assert diagnostics == []
    assert parsed == original
    assert "&id" not in dumped and "*id" not in dumped


def test_round_trip_of_a_typical_answers_file() -> None:
    parsed, diagnostics = parse_answers(dump_answers(SAMPLE, rubric=MINI), "x.yaml", MINI)
    assert diagnostics == []
    assert parsed == SAMPLE


def test_the_file_is_readable_in_a_fixed_order_with_a_header() -> None:
    text = dump_answers(SAMPLE, rubric=MINI, path="harbour-youth.answers.yaml")
    lines = text.splitlines()
    assert lines[0].startswith("# coprod answers file")
    assert "coprod assess --answers harbour-youth.answers.yaml" in text
    top = [line.split(":")[0] for line in lines if line and line[0] not in "# "]
    assert top == ["format", "rubric", "service", "assessed_by", "assessed_on", "target",
                   "criteria", "success_factors", "readiness"]
    # Criteria in rubric order, each under its statement; fields in a fixed order.
    assert text.index("design-asked:") < text.index("delivery-asked:") < text.index(
        "design-together:") < text.index("delivery-together:")
    assert "  # Co-design, rung 2 Asked: We ask children what they think" in text
    entry = text[text.index("  design-asked:"):text.index("  # Co-delivery, rung 2")]
    keys = [line.strip().split(":")[0] for line in entry.splitlines()[1:]
            if line.startswith("    ") and line[4] not in " -"]
    assert keys == ["answer", "evidence", "cyp_say", "validated"]
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert dump_answers(SAMPLE, rubric=MINI) == dump_answers(SAMPLE, rubric=MINI)


def test_multi_line_text_is_a_literal_block() -> None:
    answers = SAMPLE.model_copy(update={"target": Target(rung="together",
                                                         reason="One.\nTwo.")})
    assert "  reason: |-\n    One.\n    Two.\n" in dump_answers(answers)


def test_rubric_order_puts_unknown_ids_last_in_their_own_order() -> None:
    answers = SAMPLE.model_copy(update={"criteria": {
        "zz-unknown": CriterionAnswer(answer="x"), "design-together": CriterionAnswer(),
        "aa-unknown": CriterionAnswer(), "design-asked": CriterionAnswer()}})
    text = dump_answers(answers, rubric=MINI)
    order = [k for k in ("design-asked", "design-together", "zz-unknown", "aa-unknown")
             if f"  {k}:" in text]
    assert sorted(order, key=lambda k: text.index(f"  {k}:")) == [
        "design-asked", "design-together", "zz-unknown", "aa-unknown"]


# ---- saving ----------------------------------------------------------------------------------


def test_save_writes_a_file_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "harbour-youth.answers.yaml"
    save_answers(path, SAMPLE, rubric=MINI)
    assert load_answers(path, MINI)[0] == SAMPLE
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    save_answers(path, SAMPLE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failed_save_leaves_the_old_file_intact_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    path = tmp_path / "harbour-youth.answers.yaml"
    save_answers(path, SAMPLE, rubric=MINI)
    before = path.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(answers_file, "dump_answers",
                            lambda *a, **k: "x" * 10)  # a different, shorter file ...
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
            handle.write = broken  # ... whose write fails half way
            return handle

        monkeypatch.setattr(atomic_files.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(atomic_files.os, failing, broken)
    changed = SAMPLE.model_copy(update={"assessed_by": "Someone else"})
    with pytest.raises(OutputError, match="the disk is full"):
        save_answers(path, changed, rubric=MINI)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_an_interrupt_during_save_leaves_the_old_file_intact(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    save_answers(path, SAMPLE)
    before = path.read_bytes()

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_answers(path, SAMPLE.model_copy(update={"assessed_by": "X"}))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_scope_and_type_targets_round_trip() -> None:
    scoped = SAMPLE.model_copy(update={"types": {
        "delivery": TypeAnswer(out_of_scope="We do not run sessions ourselves."),
        "design": TypeAnswer(target="together", target_reason="The youth council asked."),
    }})
    text = dump_answers(scoped, rubric=MINI)
    assert "  delivery:\n    out_of_scope: We do not run sessions ourselves.\n" in text
    parsed, diagnostics = parse_answers(text, "x.yaml", MINI)
    assert diagnostics == [] and parsed == scoped


def test_main_work_and_duties_round_trip() -> None:
    """What assess asks about the service's main work and duties is saved, never lost."""
    default = load_rubric("default")[0]
    answers = Answers(rubric=RubricRef(id="default", version=default.version),
                      service=Service(id="svc", name="Family hub", duties=["holds-plans", "send"]),
                      main_work=["own-plans", "co-delivery"])
    text = dump_answers(answers, rubric=default)
    assert "  duties:\n  - holds-plans\n  - send\n" in text
    assert "main_work:\n- own-plans\n- co-delivery\n" in text
    parsed, diagnostics = parse_answers(text, "x.yaml", default)
    assert diagnostics == [] and parsed == answers
