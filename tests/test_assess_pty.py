"""`coprod assess` end to end in a real pseudo-terminal: answer, get killed, resume, finish.

Each test spawns `python -m coprod_ladder assess` under pexpect, as a manager would run it, and
answers whatever question is on the screen. Timeouts are generous and nothing is timed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coprod_ladder.answers.read import load_answers
from coprod_ladder.model import Answers, Rubric
from coprod_ladder.questionnaire import is_answered, questions_for
from coprod_ladder.resources import builtin_rubric_names
from coprod_ladder.rubric.load import load_rubric

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

MINI = str(Path(__file__).parent / "data" / "rubrics" / "mini.yaml")
# How long to wait for the next prompt: a bound on a hang, not on speed (a busy machine may
# take seconds to start Python and load the rubric).
TIMEOUT = 90
FILE = "harbour-youth.answers.yaml"

# Every prompt the session can show, so the driver can answer whatever comes next: one list,
# which the benchmark of `assess` (benchmarks/assess_timing.py) answers too.
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from assess_timing import PROMPTS  # noqa: E402


def spawn(cwd: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50"}
    env.pop("COPROD_DEBUG", None)
    return pexpect.spawn(sys.executable, ["-m", "coprod_ladder", "assess", *args],
                         cwd=str(cwd), env=env, encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(50, 100))


@dataclass
class Driver:
    """Answers every question: the best choice (`best`, its number on screen), one piece of
    evidence for each met answer, a text for each service detail; keeps count of what it gave."""

    child: pexpect.spawn
    best: str = "1"
    country: str = ""  # which country's law applies: Enter takes the first (England)
    choices: int = 0
    evidence: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    questions: set[int] = field(default_factory=set)
    last: str = ""
    screens: list[str] = field(default_factory=list)  # what was on screen before each prompt

    def step(self) -> str | None:
        """Answer the next prompt; return its name, or None when the program ended."""
        names = list(PROMPTS)
        index = self.child.expect([*PROMPTS.values(), pexpect.EOF])
        if index == len(names):
            return None
        name = names[index]
        before = self.child.before
        self.screens.append(before)
        for number in re.findall(r"question (\d+) of \d+", before):
            self.questions.add(int(number))
        if name == "name":
            self.child.sendline("Harbour Youth")
        elif name in ("id", "date", "where", "evidence date", "review"):
            self.child.sendline("")
        elif name == "details":
            wants = "No evidence" in before
            self.child.sendline("e" if wants else "")
        elif name == "what":
            text = f"Evidence {len(self.evidence) + 1}: 'quoted' <b>"
            self.evidence.append(text)
            self.child.sendline(text)
        elif name == "reason":
            self.child.sendline("Young people asked for it")
        elif "Which rung should the service aim for" in before:
            self.child.sendline("")  # the suggested target: the next rung
        elif "Which country's law applies to this service?" in before:
            self.child.sendline(self.country)
        elif "About the service" in before and "1-2 choose" in before.rsplit("Keys:", 1)[-1]:
            self.child.sendline("2")  # a duty (yes or no) the service does not have: "No"
        elif "choose" in before.rsplit("Keys:", 1)[-1].split("\n", 1)[0]:
            self.choices += 1
            self.child.sendline(self.best)
        else:  # a service detail
            text = f"Detail {len(self.texts) + 1}"
            self.texts.append(text)
            self.child.sendline(text)
        self.last = name
        return name

    def run_until(self, stop: str | None = None, after_choices: int | None = None) -> None:
        """Answer prompts until `stop` is next on screen after `after_choices` choices."""
        while True:
            if after_choices is not None and self.choices >= after_choices and stop is not None:
                self.child.expect(PROMPTS[stop])
                self.last = stop
                return
            if self.step() is None:
                return


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None
    return int(child.exitstatus)


def saved(path: Path, rubric: Rubric) -> Answers:
    answers, diagnostics = load_answers(path, rubric)
    assert not [d for d in diagnostics if d.severity == "error"]
    return answers


def answered(answers: Answers) -> int:
    """Count the choices saved: scale answers, types declared part of the work or not, and
    the main work (one question)."""
    return len(answers.types) + bool(answers.main_work) + sum(
        1 for items in (answers.criteria, answers.success_factors, answers.readiness)
        for a in items.values() if a.answer is not None)


# The number of the best answer on screen: the mini rubric lists it first; the default rubric
# lists answers from "No" up, so "Yes, routinely" and "Strong" are fourth.
BEST = {MINI: "1", "default": "4"}
RUBRICS = [pytest.param(MINI, id="mini")]
if "default" in builtin_rubric_names():
    RUBRICS.append(pytest.param("default", id="default"))
else:  # pragma: no cover - only while the default rubric is being written
    RUBRICS.append(pytest.param("default", id="default",
                                marks=pytest.mark.skip(reason="rubrics/default.yaml absent")))


@pytest.mark.parametrize("rubric_ref", RUBRICS)
def test_quick_assessment_killed_then_resumed_loses_nothing(tmp_path: Path,
                                                             rubric_ref: str) -> None:
    rubric, _ = load_rubric(rubric_ref)
    path = tmp_path / FILE

    # First sitting: answer two scale questions, start a third's evidence, then SIGKILL.
    first = Driver(spawn(tmp_path, "--rubric", rubric_ref, "--quick"), best=BEST[rubric_ref])
    first.run_until(stop="details", after_choices=2)
    first.child.sendline("e")
    first.child.expect(PROMPTS["what"])
    first.child.sendline("Typed just before the kill")
    first.child.expect(PROMPTS["where"])  # the evidence is saved before this is asked
    first.child.kill(signal.SIGKILL)
    first.child.expect(pexpect.EOF)
    first.child.close()
    assert first.child.signalstatus == signal.SIGKILL

    before = saved(path, rubric)
    assert answered(before) == 2
    assert before.service.name == "Harbour Youth"
    assert before.service.team == first.texts[0]
    assert before.assessed_on is not None
    given = [e.what for items in (before.criteria, before.success_factors)
             for a in items.values() for e in a.evidence]
    assert sorted(given) == sorted([*first.evidence, "Typed just before the kill"])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    # Second sitting: resume at the first unanswered question and finish.
    second = Driver(spawn(tmp_path, "--rubric", rubric_ref, "--quick", "--answers", FILE),
                    best=BEST[rubric_ref])
    second.child.expect(r"starting at question (\d+)")
    start = int(second.child.match.group(1))
    # The service (its details, its country where the rubric lists several, the rubric's
    # duties, the date), two answered, then the next.
    country = 1 if len(rubric.jurisdictions) > 1 else 0
    assert start == 7 + country + len(rubric.duties) + 2 + 1
    second.run_until()
    assert "Where the service stands:" in second.child.before
    assert finish(second.child) == 0

    after = saved(path, rubric)
    assert answered(after) == 2 + second.choices
    for section in ("criteria", "success_factors", "readiness"):
        earlier, later = getattr(before, section), getattr(after, section)
        for item_id, answer in earlier.items():
            assert later[item_id].answer == answer.answer
            assert later[item_id].evidence[: len(answer.evidence)] == answer.evidence
    assert after.target is not None and after.target.reason == "Young people asked for it"
    assert after.types == before.types | after.types and before.types  # scope kept on resume
    final = questions_for(rubric, after, quick=True)
    assert [q.key for q in final if not is_answered(q, after)] == []
    reports = sorted(p.name for p in (tmp_path / "coprod-reports").iterdir())
    assert reports == ["harbour-youth.html", "harbour-youth.json", "harbour-youth.md"]
    report = json.loads((tmp_path / "coprod-reports" / "harbour-youth.json").read_text("utf-8"))
    # Every type picked as roughly on the bottom rung and what was asked met with evidence:
    # placed, provisionally, since the rest was not asked.
    assert report["rung"] is not None and report["placement"]["provisional"] is True


@pytest.mark.skipif("default" not in builtin_rubric_names(), reason="no default rubric")
def test_a_service_in_wales_says_so_in_its_answers_file_and_report(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--rubric", "default", "--quick")
    driver = Driver(child, best=BEST["default"], country="2")  # 2 Wales (1 England)
    driver.run_until()
    asked = next(s for s in driver.screens if "Which country's law applies" in s)
    assert re.search(r"1\s+England\s+\(suggested\)", asked)
    assert re.search(r"2\s+Wales", asked)
    assert finish(child) == 0
    text = (tmp_path / FILE).read_text(encoding="utf-8")
    assert re.search(r"^  jurisdiction: wales$", text, flags=re.MULTILINE), text
    assert saved(tmp_path / FILE, load_rubric("default")[0]).service.jurisdiction == "wales"
    report = json.loads((tmp_path / "coprod-reports" / "harbour-youth.json").read_text("utf-8"))
    assert report["service"]["jurisdiction"]["id"] == "wales"


def test_ctrl_c_exits_130_and_keeps_the_file(tmp_path: Path) -> None:
    rubric, _ = load_rubric(MINI)
    driver = Driver(spawn(tmp_path, "--rubric", MINI))
    driver.run_until(stop="details", after_choices=2)
    driver.child.sendintr()
    driver.child.expect("To carry on: coprod assess --answers harbour-youth.answers.yaml")
    assert finish(driver.child) == 130
    answers = saved(tmp_path / FILE, rubric)
    assert answered(answers) == 2  # the first type's scope and its first criterion
    assert answers.service.team == driver.texts[0]


def test_q_saves_and_quits_with_0(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--rubric", MINI)
    child.expect(PROMPTS["name"])
    child.sendline("Harbour Youth")
    child.expect(PROMPTS["id"])
    child.sendline("")
    child.expect(PROMPTS["answer"])
    child.sendline("Early help")
    child.expect(PROMPTS["answer"])
    child.sendline("q")
    child.expect("To carry on")
    assert finish(child) == 0
    rubric, _ = load_rubric(MINI)
    assert saved(tmp_path / FILE, rubric).service.team == "Early help"


# (prompt on screen, what is typed, the message that must follow, or None: accepted)
INVALID_THEN_VALID = [
    ("name", "   ", "This cannot be empty"),
    ("name", "Harbour Youth", None),
    ("id", "Not An Id!", "is not a usable id"),
    ("id", "", None),
    *[("answer", "", None)] * 4,  # team, area, ages, who: left blank
    ("date", "31/02/2026", "is not a date"),
    ("date", "", None),
    ("answer", "9", "is not one of the answers"),
    ("answer", "1", None),  # co-design is part of the service's work
    ("answer", "n", "does not let this question be marked not applicable"),
    ("answer", "q", None),
]


def test_invalid_entries_are_asked_again_in_the_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--rubric", MINI)
    for prompt, typed, message in INVALID_THEN_VALID:
        child.expect(PROMPTS[prompt])
        child.sendline(typed)
        if message is not None:
            child.expect(message)
    assert finish(child) == 0


def test_without_a_terminal_it_says_to_use_score_and_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "coprod_ladder", "assess", "--rubric", MINI],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          cwd=tmp_path, timeout=60,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"})
    assert done.returncode == 2, done.stderr
    assert "coprod score" in done.stderr
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_saved_assessment_of_the_same_service_is_offered_not_overwritten(
        tmp_path: Path) -> None:
    (tmp_path / FILE).write_text(
        "rubric: {id: mini, version: 0.9.0}\nservice: {id: harbour-youth, name: Harbour Youth}\n"
        "assessed_on: 2026-05-14\ncriteria:\n  design-asked: {answer: effective}\n",
        encoding="utf-8")
    child = spawn(tmp_path, "--rubric", MINI)
    child.expect(PROMPTS["name"])
    child.sendline("Harbour Youth")
    child.expect(PROMPTS["id"])
    child.sendline("")
    child.expect(r"already holds a saved assessment\. Carry on with it\? \[Y/n\] ")
    child.sendline("")
    child.expect("were given against version 0.9.0")  # an older rubric: check, then mark
    child.expect(r"starting at\s+question 8")  # co-design's scope, then its criteria
    child.expect(PROMPTS["answer"])
    child.sendline("q")
    assert finish(child) == 0
    rubric, _ = load_rubric(MINI)
    answers = saved(tmp_path / FILE, rubric)
    assert answers.rubric.version == rubric.version
    assert answers.criteria["design-asked"].answer == "effective"


def test_ctrl_c_during_a_save_is_held_until_the_file_is_in_place() -> None:
    from coprod_ladder.cli.assess import _deferred_interrupt

    finished = []
    with pytest.raises(KeyboardInterrupt), _deferred_interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        finished.append(True)  # still runs: the interrupt waits for the block to end
    assert finished == [True]


def test_ctrl_c_before_the_service_has_a_name_saves_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--rubric", MINI)
    child.expect(PROMPTS["name"])
    child.sendintr()
    child.expect("Stopped before anything was saved")
    assert finish(child) == 130
    assert list(tmp_path.iterdir()) == []


def test_sigterm_exits_143_and_keeps_every_answer(tmp_path: Path) -> None:
    rubric, _ = load_rubric(MINI)
    driver = Driver(spawn(tmp_path, "--rubric", MINI))
    driver.run_until(stop="details", after_choices=2)  # the first type's scope, an answer
    driver.child.kill(signal.SIGTERM)
    driver.child.expect("stopped: coprod was asked to stop")
    assert finish(driver.child) == 143
    assert answered(saved(tmp_path / FILE, rubric)) == 2
    assert [p.name for p in tmp_path.iterdir()] == [FILE]


def test_a_linked_answers_file_is_updated_through_the_link(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    first = spawn(store, "--rubric", MINI)
    for prompt, text in (("name", "Harbour Youth"), ("id", ""), ("answer", "Early help"),
                         ("answer", "q")):
        first.expect(PROMPTS[prompt])
        first.sendline(text)
    assert finish(first) == 0
    link = tmp_path / "link.yaml"
    link.symlink_to(store / FILE)
    leftover = store / f".{FILE}.k3j9xqa_.tmp"  # as a save killed part way leaves it
    leftover.write_text("half a file", encoding="utf-8")

    second = spawn(tmp_path, "--rubric", MINI, "--answers", "link.yaml")
    second.expect(PROMPTS["answer"])
    second.sendline("northshire")
    second.expect(PROMPTS["answer"])
    second.sendline("q")
    assert finish(second) == 0
    assert link.is_symlink() and link.resolve() == (store / FILE).resolve()
    assert "northshire" in (store / FILE).read_text(encoding="utf-8")
    assert sorted(p.name for p in store.iterdir()) == [FILE]


def test_help_and_back_at_the_first_prompts_and_the_file_follows_the_id(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--rubric", MINI)
    child.expect(PROMPTS["name"])
    child.sendline("?")
    child.expect("The service's name as people know it")
    child.expect(PROMPTS["name"])
    child.sendline("b")
    child.expect("This is the first question")
    child.expect(PROMPTS["name"])
    child.sendline("Harbour Youth")
    child.expect(PROMPTS["id"])
    child.sendline("?")
    child.expect("A short id made of lower-case letters")
    child.expect(PROMPTS["id"])
    child.sendline("b")  # back to the name: nothing typed here becomes an id
    child.expect(PROMPTS["name"])
    child.sendline("Harbour Youth")
    child.expect(PROMPTS["id"])
    child.sendline("")
    child.expect(PROMPTS["answer"])  # the team
    child.sendline("b")  # back to the id, inside the assessment
    child.expect(PROMPTS["answer"])
    child.sendline("harbour-youth-club")
    child.expect("Now saving to harbour-youth-club.answers.yaml")
    child.expect(PROMPTS["answer"])
    child.sendline("q")
    child.expect("To carry on: coprod assess --answers harbour-youth-club.answers.yaml")
    assert finish(child) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["harbour-youth-club.answers.yaml"]
    rubric, _ = load_rubric(MINI)
    assert saved(tmp_path / names[0], rubric).service.id == "harbour-youth-club"


def test_quick_mode_asks_roughly_about_co_design_and_asks_duties_and_main_work(
        tmp_path: Path) -> None:
    from coprod_ladder.questionnaire import Kind

    rubric, _ = load_rubric("default")
    questions = questions_for(rubric, None, quick=True)
    kinds = {q.key: q.kind for q in questions}
    assert kinds["types.co-design"] is Kind.SCOPE  # always in scope, still asked roughly
    (design,) = [q for q in questions if q.key == "types.co-design"]
    assert all(c.id != "out" for c in design.choices)  # ... but it cannot be left out
    assert [k for k, kind in kinds.items() if kind is Kind.DUTY] == [
        f"service.duties.{d.id}" for d in rubric.duties]
    assert kinds["main_work"] is Kind.MAIN_WORK


def test_the_reports_at_the_end_replace_a_planted_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own content\n", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "harbour-youth.html").symlink_to(victim)
    answers = tmp_path / "answers.yaml"
    answers.write_bytes((Path(MINI).parents[1] / "answers" / "mini-service.yaml").read_bytes())
    driver = Driver(spawn(tmp_path, "--rubric", MINI, "--answers", "answers.yaml", "--out",
                          "reports"))
    driver.run_until()
    assert finish(driver.child) == 0
    assert victim.read_text(encoding="utf-8") == "the victim's own content\n"
    report = reports / "harbour-youth.html"
    assert not report.is_symlink() and report.read_text("utf-8").startswith("<!DOCTYPE html>")
