"""`coprod assess` in Welsh: the questionnaire's every screen, its replies and the answers
files' checks speak Welsh apart from what the rubric or the manager supplied (issue 26).

Two styles, as the other assess tests use: the pure `Session` driven in-process through every
step (with, at each step, the keys and mistakes a manager might type), and the real command in
a pseudo-terminal (`COPROD_PREVIEW_LANGUAGE=1 coprod --lang cy assess`). The command's own lines
(its start, "Saving to ...", the review's heading) belong to the command line's catalogue; the
terminal test checks that none of the questionnaire's messages shows there in English.
Every Welsh string is an AI-written draft, not reviewed by a Welsh speaker.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.welsh_check import english_words, untranslated_messages

from coprod_ladder.answers.migrate import MigrationNote
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.answers.write import dump_answers
from coprod_ladder.errors import LoadError, OutputError
from coprod_ladder.language import _, using
from coprod_ladder.language.messages import extract
from coprod_ladder.model import CheckedRubric, ItemKind
from coprod_ladder.questionnaire import Kind, Session, State, Step, new_answers
from coprod_ladder.questionnaire.flow import SCOPE_OUT
from coprod_ladder.rendering.labels import band_words, item_kind_words
from coprod_ladder.resources import builtin_rubric_names
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import rubric_texts

TESTS = Path(__file__).parent
MINI_PATH = str(TESTS / "data" / "rubrics" / "mini.yaml")
TODAY = dt.date(2026, 5, 14)

#: What the manager types (English on purpose: it is theirs, and shows again as typed).
TYPED = {
    Step.NOT_APPLICABLE: "The team holds no budget at all for this part of the work",
    Step.EVIDENCE_WHAT: "Minutes of the youth forum, March",
    Step.EVIDENCE_WHERE: "Shared drive, folder Forum",
    Step.CYP_SAY: "They said the forum listens to them",
    Step.VALIDATED_BY: "The youth council",
    Step.VALIDATED_ON: "2026-01-02",
    Step.TARGET_REASON: "Young people asked for it",
    Step.SCOPE_REASON: "We hold no budget and cannot raise money for this",
}
TEXT_ANSWER = "Early Help North"
#: Mistakes and keys tried at every step, from a copy of the session (it is immutable).
PROBES = ("zz", "?", "n", "", "99", "-", "b", "e", "c", "v", "x", "1999-99-99", "2999-01-01",
          "ab")
#: The questionnaire's area: the message ids it files in assess.po.
AREA = ("questionnaire/", "errors.py", "answers/")


def rubrics() -> list[object]:
    found: list[object] = [pytest.param(MINI_PATH, id="mini")]
    if "default" in builtin_rubric_names():
        found.append(pytest.param("default", id="default"))
    return found


def supplied_by(rubric: CheckedRubric) -> list[str]:
    """Text the rubric and the manager supplied, and the words of other areas (band and item
    kind names from rendering/labels, translated there) that prompts quote."""
    texts = list(rubric_texts(rubric).values())
    texts += [band_words(r.band) for r in rubric.rungs]
    texts += [item_kind_words(k) for k in ItemKind]
    texts += [*TYPED.values(), TEXT_ANSWER, "Harbour Youth", "harbour-youth"]
    return texts


@dataclass
class Seen:
    """Everything the questionnaire put in front of the manager."""

    texts: list[str] = field(default_factory=list)
    steps: set[Step] = field(default_factory=set)
    replies: set[str] = field(default_factory=set)

    def add(self, *texts: str | None) -> None:
        self.texts += [t for t in texts if t]

    def joined(self) -> str:
        return "\n".join(self.texts)


def show(session: Session, seen: Seen) -> None:
    """What a terminal or the form shows for the session's step."""
    prompt = session.prompt()
    seen.steps.add(prompt.step)
    seen.add(prompt.ask, prompt.default, prompt.now, *prompt.keys, *prompt.details)
    question = prompt.question
    if question is not None:
        seen.add(question.section, question.title, question.help, question.example,
                 question.typing, question.scale, question.intro, *question.more_help)
        for choice in question.choices:
            seen.add(choice.label, choice.description)
    if prompt.step is Step.REVIEW:
        for row in session.review():
            seen.add(row.section, row.title, row.answer)


def probe(session: Session, seen: Seen) -> None:
    """Every reply the session gives to a key or a mistake at this step."""
    for entry in PROBES:
        after = session.handle(entry)
        if after.message is not None:
            seen.add(after.message.text)
            seen.replies.add(after.message.text)


def entry_for(session: Session, done: set[str]) -> str:
    """What a thorough manager types: every step visited at least once."""
    step, question = session.step, session.current
    if step is Step.REVIEW:
        return "f"
    if step in TYPED:
        return TYPED[step]
    assert question is not None
    first = question.key not in done
    done.add(question.key)
    if step is Step.EVIDENCE_DATE:
        return _("today")  # the Welsh word for it works
    if step is Step.DETAILS:
        for key in ("e", "c", "v"):
            if f"{question.key}:{key}" not in done and (key == "e" or
                                                        question.kind is Kind.CRITERION):
                done.add(f"{question.key}:{key}")
                return key
        return ""
    if question.kind is Kind.TEXT:
        return TEXT_ANSWER if question.optional else ""
    if question.kind in (Kind.SERVICE_ID, Kind.DATE, Kind.JURISDICTION, Kind.TARGET):
        return ""
    if question.kind is Kind.DUTY:
        return "1"
    if question.kind is Kind.MAIN_WORK:
        return "1"
    if question.kind is Kind.SCOPE:
        out = next((c for c in question.choices if c.id == SCOPE_OUT), None)
        if out is not None and "scope-out" not in done:
            done.add("scope-out")
            return str(out.number)
        return "1"
    # The first criterion is met (its details are visited); a later one, where the rubric
    # allows, is marked not applicable.
    if (question.not_applicable_allowed and first and "met" in done
            and "not-applicable" not in done):
        done.add("not-applicable")
        return "n"
    done.add("met")
    best = next((c for c in question.choices if c.meets), question.choices[0])
    return str(best.number)


def walk(rubric: CheckedRubric, *, quick: bool) -> tuple[Seen, Session]:
    """Drive a session from a fresh answers file to the end, showing and probing each step."""
    seen = Seen()
    session = Session.start(rubric, new_answers(rubric, "Harbour Youth", "harbour-youth"),
                            TODAY, quick=quick)
    done: set[str] = set()
    for _turn in range(2000):
        if session.state is not State.RUNNING:
            break
        show(session, seen)
        probe(session, seen)
        session = session.handle(entry_for(session, done))
        if session.message is not None:
            seen.add(session.message.text)
    assert session.state is State.FINISHED, "the walk must reach the end"
    return seen, session


@pytest.fixture(scope="module", params=rubrics())
def rubric(request: pytest.FixtureRequest) -> CheckedRubric:
    loaded, _warnings = load_rubric(request.param)
    return loaded


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
def test_every_screen_and_reply_of_the_assessment_is_welsh(rubric: CheckedRubric,
                                                          quick: bool) -> None:
    with using("cy"):
        seen, _end = walk(rubric, quick=quick)
    text = seen.joined()
    supplied = supplied_by(rubric)
    assert untranslated_messages(text, supplied) == []
    assert english_words(text, supplied) == []
    # The walk went through the steps a manager meets (a walk that skipped them proves little).
    assert {Step.ASK, Step.DETAILS, Step.EVIDENCE_WHAT, Step.EVIDENCE_DATE,
            Step.TARGET_REASON, Step.REVIEW} <= seen.steps
    if not quick:
        assert {Step.CYP_SAY, Step.VALIDATED_BY, Step.SCOPE_REASON} <= seen.steps
    assert len(seen.replies) >= 8
    assert "Eich ateb" in text and "b yn ôl" in text


def test_the_same_walk_in_english_shows_the_english_it_always_did() -> None:
    mini, _warnings = load_rubric(MINI_PATH)
    seen, _end = walk(mini, quick=False)
    text = seen.joined()
    for english in ("Your answer", "b back", "s skip for later", "q save and quit",
                    "About the service",
                    "Add details, or Enter for the next question",
                    "What is the evidence? (e.g. survey results, minutes of the youth forum)"):
        assert english in text
    assert "Eich ateb" not in text


def test_the_welsh_word_for_today_gives_today_and_so_does_the_english() -> None:
    from coprod_ladder.questionnaire import read_date

    with using("cy"):
        assert read_date("heddiw", TODAY) == TODAY
        assert read_date("today", TODAY) == TODAY
        assert read_date("Heddiw", TODAY) == TODAY


# --------------------------------------------------------------------------------------------
# Answers files: the checks, the header, migration notes and errors, in Welsh
# --------------------------------------------------------------------------------------------

BAD_ANSWERS = """\
format: coprod-answers/1
rubric: {id: mini, version: 1.0.0}
service: {id: harbour-youth, name: Harbour Youth, duties: [nonsense-duty]}
criteria:
  design-asked: {answer: brilliant}
  design-askd: {answer: effective}
main_work: [nowhere]
target: {rung: sky}
"""


def test_answers_file_checks_are_welsh_and_name_the_values_given() -> None:
    mini, _warnings = load_rubric(MINI_PATH)
    with using("cy"):
        answers, diagnostics = parse_answers(BAD_ANSWERS, "harbour.answers.yaml", mini)
        error = LoadError("harbour.answers.yaml", diagnostics, what="answers file")
    assert answers is None and len(diagnostics) >= 4
    messages = "\n".join(d.message for d in diagnostics)
    option_ids = [o.id for s in mini.answer_sets for o in s.options]  # ids: never translated
    supplied = ["brilliant", "design-askd", "nonsense-duty", "nowhere", "sky", *option_ids,
                *rubric_texts(mini).values()]
    assert untranslated_messages(messages, supplied) == []
    assert english_words(messages, supplied) == []
    assert "nid oes gan y fframwaith 'mini'" in messages
    assert {d.code for d in diagnostics} >= {"unknown-answer", "unknown-criterion"}  # codes stay
    assert error.message.startswith("harbour.answers.yaml: mae ")
    assert english_words(error.message) == []


def test_the_answers_file_written_in_welsh_reads_back_the_same() -> None:
    mini, _warnings = load_rubric(MINI_PATH)
    answers = new_answers(mini, "Harbour Youth", "harbour-youth")
    with using("cy"):
        text = dump_answers(answers, rubric=mini, path="harbour-youth.answers.yaml")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header and all(len(line) <= 96 for line in header)
    assert "Ffeil atebion coprod" in text and "coprod assess --answers harbour-youth" in text
    assert english_words("\n".join(header)) == []
    again, diagnostics = parse_answers(text, "harbour-youth.answers.yaml", mini)
    assert again == answers and not diagnostics
    assert dump_answers(answers, rubric=mini, path="x.yaml").startswith(
        "# coprod answers file: one service's self-assessment")  # English unchanged


def test_migration_notes_and_write_errors_are_welsh() -> None:
    note = MigrationNote("1.0.0", "2.0.0", renamed=2, split=1, merged=3,
                         removed=["a-1", "a-2", "a-3", "a-4"], not_applicable_dropped=["b-1"],
                         scoped_out=["design"])
    with using("cy"):
        said = note.describe()
        full = OutputError.from_os_error("out/report.html", OSError(28, "No space left"))
    supplied = ["a-1", "a-2", "a-3", "b-1", "design", "out/report.html"]
    assert said.startswith("atebion wedi'u symud: 2 wedi'u hailenwi; 1 wedi'i rannu")
    assert "a 1 arall" in said
    assert english_words(said, supplied) == [] and untranslated_messages(said, supplied) == []
    assert full.message == "methu ysgrifennu out/report.html: mae'r ddisg yn llawn; rhyddhewch " \
                           "le a rhedwch eto"
    assert note.describe() == ("answers moved: 2 renamed; 1 split in two or more; 3 made from "
                               "several old answers; 4 dropped because the question was removed "
                               "(a-1, a-2, a-3 and 1 more); 'not applicable' dropped where it is "
                               "no longer allowed (b-1); types marked not applicable throughout "
                               "are now declared out of scope (design)")


# Welsh counts: 0, 1, 2, 3, 6 and the rest each have their form ("problem" is feminine:
# un broblem, dwy broblem, tair problem, chwe phroblem).
PROBLEMS = [
    (0, "f.yaml: mae 0 problem yn y ffeil atebion"),
    (1, "f.yaml: mae 1 broblem yn y ffeil atebion"),
    (2, "f.yaml: mae 2 broblem yn y ffeil atebion"),
    (3, "f.yaml: mae 3 problem yn y ffeil atebion"),
    (6, "f.yaml: mae 6 phroblem yn y ffeil atebion"),
    (11, "f.yaml: mae 11 problem yn y ffeil atebion"),
]


@pytest.mark.parametrize(("count", "welsh"), PROBLEMS)
def test_the_count_of_problems_takes_its_welsh_form(count: int, welsh: str) -> None:
    from coprod_ladder.diagnostics import Diagnostic, Severity

    found = [Diagnostic("f.yaml", 1, 1, Severity.ERROR, "x", "y")] * count
    with using("cy"):
        assert LoadError("f.yaml", found, what="answers file").message == welsh
    english = LoadError("f.yaml", found, what="answers file").message
    assert english == f"f.yaml: the answers file has {count} problem{'s' if count != 1 else ''}"


# --------------------------------------------------------------------------------------------
# The real command in a pseudo-terminal
# --------------------------------------------------------------------------------------------


def area_messages() -> set[str]:
    """The message ids of this area (questionnaire/, errors.py, answers/)."""
    ids: set[str] = set()
    for message in extract():
        if message.id and any(path.startswith(AREA) for path, _line in message.locations):
            ids.update([message.id] if isinstance(message.id, str) else message.id)
    return ids


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_assess_in_a_terminal_in_welsh_shows_the_questionnaire_in_welsh(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    mini, _warnings = load_rubric(MINI_PATH)
    path = tmp_path / "harbour-youth.answers.yaml"
    path.write_text(dump_answers(new_answers(mini, "Harbour Youth", "harbour-youth"),
                                 rubric=mini), encoding="utf-8")
    with using("cy"):
        asks = [_("Your answer"), _("Date"), _("Add details, or Enter for the next question"),
                _("Question number, or Enter"), _("Why this rung? (a sentence for the report)")]
    ending = "|".join(re.escape(a) for a in asks)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50",
           "COPROD_PREVIEW_LANGUAGE": "1"}
    env.pop("COPROD_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "coprod_ladder", "--lang", "cy", "assess",
                                           "--rubric", MINI_PATH, "--answers", str(path)],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=90,
                          dimensions=(50, 100))
    screens: list[str] = []
    helped = wronged = choosing = False
    for _turn in range(200):
        child.expect(rf"({ending})(?: \[[^\]\r\n]*\])?: ")
        before, ask = child.before, child.match.group(1)
        screens.append(before + child.match.group(0))
        if "b yn ôl" in before:  # the keys are shown with a question, not under a reply
            choosing = re.search(r"1-\d+ dewis", before) is not None
        if not helped:
            entry, helped = "?", True
        elif ask == asks[3]:  # the review: save and quit
            child.sendline("q")
            break
        elif ask in asks[1:]:  # the date, the details, the target's reason: Enter
            entry = ""
        elif choosing and not wronged:
            entry, wronged = "9", True
        else:
            entry = "1" if choosing else TEXT_ANSWER
        child.sendline(entry)
    child.expect(pexpect.EOF)
    screens.append(child.before)
    child.close()
    assert child.exitstatus == 0
    screen = "\n".join(screens)
    assert "Eich ateb" in screen and "b yn ôl" in screen and "? cymorth" in screen
    assert "Bysellau:" in screen  # the help, asked for with ?
    assert "teipiwch rif o 1 i" in screen  # the reply to a number that is not a choice
    left = [m for m in untranslated_messages(screen, supplied_by(mini)) if m in area_messages()]
    assert left == []
