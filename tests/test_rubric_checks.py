"""Every schema, rubric-meaning and answers finding code, pinned to its line and column.

Each case edits tests/data/rubrics/mini.yaml (or a small answers file for it) and lists the
exact findings expected, so a change that moves a position or adds a stray finding fails here.
A rubric finding is given as `at(anchor, code)`: the anchor is text found once in the edited
rubric, and the » in it marks the finding's line and column. So a line added to mini.yaml
moves the expectations with it; no case pins an absolute line number of mini.yaml.
Guard tests make sure every code in rubric_checks.CODES has a case.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

import golden_files
from conftest import edit_text
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.diagnostics import Severity
from coprod_ladder.loader import MAX_SCHEMA_DIAGNOSTICS
from coprod_ladder.model import Rubric
from coprod_ladder.rubric import checks as rubric_checks
from coprod_ladder.rubric.load import load_rubric, parse_rubric

MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"
GOLDEN = Path(__file__).parent / "golden" / "messages"

Found = list[tuple[int, int, str]]


class At(NamedTuple):
    """An expected finding at the » in `anchor`, text that occurs once in the edited rubric."""

    anchor: str
    code: str


at = At


def located(text: str, expected: list[At]) -> Found:
    """Turn each expected finding's anchor into the (line, column, code) it marks in `text`."""
    found: Found = []
    for anchor, code in expected:
        literal = anchor.replace("»", "")
        assert anchor.count("»") == 1, f"mark the position in {anchor!r} with one »"
        assert text.count(literal) == 1, f"expected exactly one {literal!r} in the rubric"
        offset = text.index(literal) + anchor.index("»")
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        found.append((line, column, code))
    return found

# The last answer set option in mini.yaml; new answer sets are added after it.
LAST_OPTION = "      - id: not-in-place\n        label: Not in place\n        meets: false\n"
READINESS_SET = "    answer_set: status\n    guidance: Name a lead."
FACTOR_SET = "    answer_set: status\n    guidance: Offer two seats"
DELIVERY_GUIDANCE = "    guidance: Ask at the end of each session.\n"


def asking(questions: str) -> list[tuple[str, str]]:
    """The edit that gives mini.yaml's delivery criterion a voice block with these questions."""
    return [(DELIVERY_GUIDANCE, f"{DELIVERY_GUIDANCE}    voice:\n      ask:\n{questions}")]

# The answer set every item of mini.yaml uses, as written there.
STATUS_SET = MINI.read_text(encoding="utf-8").split("answer_sets:\n")[1].split("rungs:")[0]
# An answer set no answer of which meets, and the criterion of the rung 'asked' that may be
# marked not applicable.
NEVER_MET_SET = ("  - id: never\n    name: Never met\n    options:\n"
                 "      - id: nope\n        label: Not yet\n        meets: false\n")
DELIVERY_ASKED = ("    answer_set: status\n    evidence_required: true\n"
                  "    not_applicable_allowed: true\n")
LAST_RUNG = "    in_practice: Young people sit on the board.\n"
LAST_LINE = "    mitigation: Show what changed because of what people said.\n"


def release(body: str, *, version: str = "1.0.0",
            replaces: str = "0.9.0") -> list[tuple[str, str]]:
    """Return the edit that appends one history release (summary, then `body`) to mini.yaml."""
    head = (f"history:\n  - version: {version}\n    replaces: {replaces}\n"
            "    summary: Changed.\n")
    return [(LAST_LINE, LAST_LINE + head + body)]


CHECK_CASES = [
    pytest.param([("      - id: establishing", "      - id: effective")],
                 [at("id: »effective\n        label: Being established", "duplicate-id")],
                 id="duplicate-id-answer-option"),
    pytest.param([("  - id: delivery-together", "  - id: design-asked")],
                 [at("id: »design-asked\n    activity: delivery", "duplicate-id")],
                 id="duplicate-id-criterion"),
    pytest.param([("    title: Co-production in children's services\n",
                   "    title: Co-production in children's services\n  - id: seed\n"
                   "    title: Again\n")],
                 [at("id: »seed\n    title: Again", "duplicate-id")], id="duplicate-id-source"),
    pytest.param([("    summary: Running the service.\n",
                   "    summary: Running the service.\n  - id: design\n    name: Again\n"
                   "    summary: Twice.\n")],
                 [at("id: »design\n    name: Again", "duplicate-id")],
                 id="duplicate-id-activity"),
    pytest.param([(LAST_OPTION, LAST_OPTION + STATUS_SET.replace(
                       "name: How far it is in place", "name: Again"))],
                 [at("id: »status\n    name: Again", "duplicate-id")],
                 id="duplicate-id-answer-set"),
    pytest.param([(LAST_LINE, LAST_LINE + "  - id: tokenism\n    name: Again\n"
                   "    summary: Twice.\n    raised_when:\n      - item: design-asked\n"
                   "        answers: [effective]\n    mitigation: Once.\n")],
                 [at("id: »tokenism\n    name: Again", "duplicate-id")],
                 id="duplicate-id-risk"),
    # criteria, success factors and readiness steps share one namespace
    pytest.param([("  - id: ready-lead", "  - id: design-asked")],
                 [at("id: »design-asked\n    name: A senior lead", "duplicate-id")],
                 id="duplicate-id-readiness-step"),
    pytest.param([("  - id: csf-governance", "  - id: ready-lead")],
                 [at("id: »ready-lead\n    name: A senior lead", "duplicate-id")],
                 id="duplicate-id-factor-and-readiness-step"),
    pytest.param([("  - id: told\n", "  - id: asked\n")],
                 [at("id: »asked\n    level: 2", "duplicate-id")], id="duplicate-id-rung"),
    pytest.param([("    level: 3", "    level: 2")],
                 [at("level: »2\n    name: Together", "duplicate-level")], id="duplicate-level"),
    pytest.param([("  - id: asked\n    level: 2", "  - id: asked\n    level: 3"),
                  ("  - id: together\n    level: 3", "  - id: together\n    level: 2")],
                 [at("level: »2", "rung-order")], id="rung-order"),
    pytest.param([("    level: 3", "    level: 4")],
                 [at("level: »4", "rung-gap")], id="rung-gap"),
    pytest.param([("    activity: delivery\n    rung: together",
                   "    activity: delivery\n    rung: top")],
                 [at("rung: »top", "unknown-rung")], id="unknown-rung-in-criterion"),
    pytest.param([("gates: [together]", "gates: [together, summit]")],
                 [at("gates: [together, »summit]", "unknown-rung")],
                 id="unknown-rung-gated-by-factor"),
    pytest.param([("    activity: delivery\n    rung: together",
                   "    activity: deliver\n    rung: together")],
                 [at("activity: »deliver\n    rung: together", "unknown-activity")],
                 id="unknown-activity"),
    pytest.param([(READINESS_SET, READINESS_SET.replace("status", "scale"))],
                 [at("answer_set: »scale", "unknown-answer-set")], id="unknown-answer-set"),
    pytest.param([("    answer_set: status\n    guidance: Run a short survey.",
                   "    answer_set: scale\n    guidance: Run a short survey.")],
                 [at("answer_set: »scale\n    guidance: Run a short survey.",
                     "unknown-answer-set")], id="unknown-answer-set-in-criterion"),
    pytest.param([("      - item: design-together", "      - item: design-togther")],
                 [at("item: »design-togther", "unknown-item")], id="unknown-item-in-risk"),
    pytest.param([("      - item: design-asked", "      - item: design-askd"),
                  ("answers: [not-in-place, unanswered]", "answers: [not-in-place, nope]")],
                 [at("item: »design-askd", "unknown-item"),
                  at("answers: [not-in-place, »nope]", "unknown-answer")],
                 id="every-trigger-of-a-risk-is-checked"),
    pytest.param([("answers: [effective, needs-improving]", "answers: [effective, improving]")],
                 [at("answers: [effective, »improving]", "unknown-answer")],
                 id="unknown-answer-in-risk"),
    pytest.param([("    source: seed", "    source: sead")],
                 [at("source: »sead", "unknown-source")], id="unknown-source"),
    pytest.param([(LAST_OPTION,
                   LAST_OPTION + "  - id: yes-no\n    name: Yes or no\n    options: []\n"),
                  (READINESS_SET, READINESS_SET.replace("status", "yes-no"))],
                 [at("options: »[]", "empty-answer-set")], id="empty-answer-set"),
    pytest.param([(LAST_OPTION, LAST_OPTION + "  - id: never\n    name: Never met\n    options:\n"
                                              "      - id: nope\n        label: Not yet\n"
                                              "        meets: false\n"),
                  (FACTOR_SET, FACTOR_SET.replace("status", "never"))],
                 [at("id: »together", "unreachable-rung")], id="unreachable-rung"),
    pytest.param([(LAST_OPTION, LAST_OPTION + NEVER_MET_SET),
                  (DELIVERY_ASKED, DELIVERY_ASKED.replace("status", "never")
                   .replace("    not_applicable_allowed: true\n", ""))],
                 [at("id: »asked\n    level: 2", "unreachable-rung"),
                  at("id: »together\n    level: 3", "unreachable-rung")],
                 id="unreachable-rung-by-criterion"),
    pytest.param([("  rule: gated", "  rule: threshold")],
                 [at("rule: »threshold", "threshold-needs-share")], id="threshold-needs-share"),
    pytest.param([("    min_matches: 2", "    min_matches: 3")],
                 [at("min_matches: »3", "risk-never-raised")], id="risk-never-raised"),
    pytest.param([("    guidance: Run a short survey.\n", "")],
                 [at("id: »design-asked", "missing-guidance")], id="missing-guidance-criterion"),
    pytest.param([("    guidance: Name a lead.\n", "")],
                 [at("id: »ready-lead", "missing-guidance")], id="missing-guidance-factor"),
    pytest.param([(LAST_RUNG, LAST_RUNG + "  - id: leading\n    level: 4\n    name: Leading\n"
                                          "    band: doing with\n    summary: Young people lead.\n"
                                          "    in_practice: They run the board.\n")],
                 [at("id: »leading", "rung-without-criteria")], id="rung-without-criteria"),
    pytest.param([("    summary: Running the service.\n",
                   "    summary: Running the service.\n  - id: review\n    name: Co-review\n"
                   "    summary: Reviewing the service.\n")],
                 [at("id: »review", "activity-without-criteria")], id="activity-without-criteria"),
    pytest.param([(LAST_OPTION, LAST_OPTION + "  - id: spare\n    name: Spare\n    options:\n"
                                              "      - id: yes\n        label: Yes\n"
                                              "        meets: true\n")],
                 [at("id: »spare", "unused-answer-set")], id="unused-answer-set"),
    pytest.param([("    statement: We ask families how delivery went.",
                   "    statement: We ask families how delivery went after every session, every "
                   "term and every year, so that we can change it and they can see what changed.")],
                 [at("    statement: »We ask families how delivery went after", "long-text")],
                 id="long-text"),
    pytest.param([("    statement: We ask families how delivery went.",
                   "    statement: Commissioning accountabilities necessitate consultation.")],
                 [at("    statement: »Commissioning", "hard-to-read")], id="hard-to-read"),
    pytest.param([("    statement: We ask families how delivery went.",
                   "    statement: We ask families how delivery went, and tell them what "
                   "changed.")],
                 [at("    statement: »We ask families how delivery went, and", "two-asks")],
                 id="two-asks"),
    pytest.param(asking("        parents: When you went to a session, did staff ask you "
                        "afterwards how it had gone for you and for your child?\n"),
                 [at("        parents: »When you went", "long-voice-question")],
                 id="long-voice-question"),
    pytest.param(asking("        young-people: Were deliberations regarding delivery "
                        "communicated?\n        parents: Were deliberations communicated?\n"),
                 [at("        young-people: »Were", "hard-voice-question")],
                 id="hard-voice-question"),
    pytest.param([("        label: Not in place\n        meets: false\n",
                   "        label: Not in place\n        meets: true\n        unknown: true\n")],
                 [at("meets: »true\n        unknown: true", "unknown-option-meets")],
                 id="unknown-option-meets"),
    # history: where answers for earlier versions go
    pytest.param(release("    items:\n      design-old: design-asked\n"
                         "      delivery-old: delivery-askd\n"),
                 [at("delivery-old: »delivery-askd", "history-unknown-id")],
                 id="history-unknown-item"),
    pytest.param(release("    items:\n      design-old: [design-asked, design-later]\n"),
                 [at("design-old: [design-asked, »design-later]", "history-unknown-id")],
                 id="history-unknown-split-target"),
    pytest.param(release("    rungs:\n      joined: top\n"),
                 [at("joined: »top", "history-unknown-id")], id="history-unknown-rung"),
    pytest.param(release("    answer_options:\n      status:\n        partly: improving\n"),
                 [at("partly: »improving", "history-unknown-id")], id="history-unknown-answer"),
    pytest.param(release("    answer_options:\n      scale:\n        partly: effective\n"),
                 [at("»scale:", "history-unknown-id")], id="history-unknown-answer-set"),
    pytest.param(release("    items:\n      design-old: design-asked\n"
                         "      design-asked: design-together\n"),
                 [at("design-old: »design-asked", "history-cycle")], id="history-chain"),
    pytest.param(release("    rungs:\n      asked: together\n      together: asked\n"),
                 [at("asked: »together", "history-cycle"), at("together: »asked", "history-cycle")],
                 id="history-loop"),
    pytest.param(release("", version="0.9.0", replaces="0.8.0"),
                 [at("version: »0.9.0", "history-version")], id="history-not-current"),
    pytest.param(release("", replaces="1.2.0"),
                 [at("replaces: »1.2.0", "history-version")], id="history-replaces-later"),
    pytest.param(release("  - version: 0.9.0\n    replaces: 1.0.0\n    summary: Back.\n"),
                 [at("replaces: »0.9.0", "history-cycle"),
                  at("replaces: »1.0.0", "history-version")],
                 id="history-version-loop"),
    pytest.param(release("  - version: 0.9.1\n    replaces: 0.9.0\n    summary: Again.\n"),
                 [at("replaces: »0.9.0\n    summary: Again.", "history-version")],
                 id="history-two-releases-replace-one"),
    # statutory floors
    pytest.param([(LAST_LINE, LAST_LINE + "statutory_floors:\n  - id: art-12\n"
                   "    activity: design\n    rung: summit\n    duty: Views count.\n")],
                 [at("rung: »summit", "unknown-rung")], id="floor-unknown-rung"),
    pytest.param([(LAST_LINE, LAST_LINE + "statutory_floors:\n  - id: art-12\n"
                   "    activity: plans\n    rung: asked\n    duty: Views count.\n"
                   "    source: uncrc\n")],
                 [at("activity: »plans", "unknown-activity"),
                  at("source: »uncrc", "unknown-source")],
                 id="floor-unknown-activity-and-source"),
    pytest.param([(LAST_LINE, LAST_LINE + "duties:\n  - id: send\n    name: SEND\n"
                   "    question: Does it work with children with SEND?\n"
                   "statutory_floors:\n  - id: forum\n    activity: design\n    rung: asked\n"
                   "    when_duty: sned\n    duty: Plan with the forum.\n")],
                 [at("when_duty: »sned", "unknown-duty")], id="floor-unknown-duty"),
    # jurisdictions: floors and law texts name only the countries the rubric lists
    pytest.param([(LAST_LINE, LAST_LINE + "jurisdictions:\n  - id: england\n    name: England\n"
                   "statutory_floors:\n  - id: art-12\n    activity: design\n    rung: asked\n"
                   "    duty: Views count.\n    jurisdictions: [walse]\n"
                   "    law:\n      england: Views count in England.\n"
                   "      wales: Views count in Wales.\n")],
                 [at("jurisdictions: [»walse]", "unknown-jurisdiction"),
                  at("»wales: Views count", "unknown-jurisdiction")],
                 id="floor-unknown-jurisdiction"),
]


def _codes(params: list) -> set[str]:
    return {expected[-1] for param in params for expected in param.values[1]}


def test_every_rubric_check_code_has_a_pinned_case() -> None:
    # history-incomplete needs an earlier version; test_migration.py pins it.
    assert _codes(CHECK_CASES) | {"history-incomplete"} == set(rubric_checks.CODES)


@pytest.mark.parametrize("added", ["", "# A line added at the top moves every finding.\n"],
                         ids=["as-is", "line-added"])
@pytest.mark.parametrize(("edits", "expected"), CHECK_CASES)
def test_rubric_check_finding(edits: list[tuple[str, str]], expected: list[At], added: str,
                              edit_mini) -> None:
    text = added + edit_mini(*edits)
    rubric, diagnostics = parse_rubric(text, "r.yaml")
    assert [(d.line, d.column, d.code) for d in diagnostics] == located(text, expected)
    for d in diagnostics:
        assert d.severity is rubric_checks.CODES[d.code]
        assert d.path == "r.yaml" and d.message
    errors = any(d.severity is Severity.ERROR for d in diagnostics)
    assert (rubric is None) == errors, "a rubric with errors must not be returned"


def test_a_rung_is_reachable_when_its_never_met_criterion_may_be_not_applicable(
        edit_mini) -> None:
    # delivery-asked may be marked not applicable, so a scale with no answer that meets
    # does not make its rung unreachable.
    text = edit_mini((LAST_OPTION, LAST_OPTION + NEVER_MET_SET),
                     (DELIVERY_ASKED, DELIVERY_ASKED.replace("status", "never")))
    rubric, diagnostics = parse_rubric(text, "r.yaml")
    assert diagnostics == []
    assert rubric is not None


def test_mini_rubric_is_clean(mini_text: str) -> None:
    rubric, diagnostics = parse_rubric(mini_text, "mini.yaml")
    assert diagnostics == []
    assert isinstance(rubric, Rubric)


def test_messages_name_what_to_fix(edit_mini) -> None:
    _, diagnostics = parse_rubric(edit_mini(("    activity: delivery\n    rung: together",
                                             "    activity: delivery\n    rung: top")), "r.yaml")
    assert "'top'" in diagnostics[0].message
    assert "told, asked, together" in diagnostics[0].message


# --- schema ---------------------------------------------------------------------------------

SCHEMA_CASES = [
    pytest.param([("    name: Told\n", "")], [at("»id: told", "schema/missing")],
                 id="missing-in-list-item"),
    pytest.param([("licence: MIT\n", "")], [at("»id: mini", "schema/missing")],
    id="missing-at-top"),
    pytest.param([("    in_practice: Letters go out.\n",
                   "    in_practice: Letters go out.\n    colour: red\n")],
                 [at("»colour: red", "schema/unknown-key")], id="unknown-key"),
    pytest.param([("    guidance: Name a lead.", "    guidence: Name a lead.")],
                 [at("»guidence: Name a lead.", "schema/unknown-key")], id="unknown-key-typo"),
    pytest.param([("    level: 1\n", "    level: one\n")],
                 [at("level: »one", "schema/type")], id="type-number"),
    pytest.param([("scoring:\n  rule: gated", "scoring: gated")],
                 [at("scoring: »gated", "schema/type")], id="type-mapping"),
    pytest.param([("version: 1.0.0", "version: 1.0")],
                 [at("version: »1.0", "schema/type")], id="type-text-given-a-number"),
    pytest.param([("    gates: [together]", "    gates: together")],
                 [at("gates: »together", "schema/type")], id="type-list"),
    # A key is text, as editors and JSON Schema read it: `3:` is the id "3", but an id
    # must still look like one.
    pytest.param([("    in_practice: Letters go out.\n",
                   "    in_practice: Letters go out.\n    maps_to:\n      Hart Ladder: x\n")],
                 [at("»Hart Ladder: x", "schema/value")], id="key-not-an-id"),
    pytest.param([("    band: doing to", "    band: doing alongside")],
                 [at("band: »doing alongside", "schema/value")], id="value-choice"),
    pytest.param([("  - id: design\n", "  - id: Co Design\n")],
                 [at("id: »Co Design", "schema/value")], id="value-id-pattern"),
    pytest.param([("    level: 1\n", "    level: 0\n")],
                 [at("level: »0", "schema/value")], id="value-range"),
    pytest.param([("  - framework: Test ladder\n    credit: Written for coprod's tests.\n", ""),
                  ("attribution:\n", "attribution: []\n")],
                 [at("attribution: »[]", "schema/value")], id="value-empty-list"),
    pytest.param([("id: mini\n", "format: coprod-rubric/2\nid: mini\n")],
                 [at("format: »coprod-rubric/2", "schema/value")], id="value-format-version"),
    pytest.param([("    in_practice: Letters go out.\n",
                   "    in_practice: Letters go out.\n    maps_to:\n      Hart Ladder: 4\n")],
                 [at("»Hart Ladder: 4", "schema/value"), at("Hart Ladder: »4", "schema/type")],
                 id="value-bad-key-and-type"),
]


@pytest.mark.parametrize(("edits", "expected"), SCHEMA_CASES)
def test_schema_finding(edits: list[tuple[str, str]], expected: list[At], edit_mini) -> None:
    text = edit_mini(*edits)
    rubric, diagnostics = parse_rubric(text, "r.yaml")
    assert rubric is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == located(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("- id: mini\n", [(1, 1, "schema/root")]),
     ("just some words\n", [(1, 1, "schema/root")]),
     ("\n\n  42\n", [(3, 3, "schema/root")])],
    ids=["list", "text", "number"],
)
def test_schema_root(text: str, expected: Found) -> None:
    _, diagnostics = parse_rubric(text, "r.yaml")
    assert [(d.line, d.column, d.code) for d in diagnostics] == expected


def test_schema_findings_are_capped_with_a_count_of_the_rest(mini_text: str) -> None:
    many = mini_text.replace("criteria:\n", "criteria:\n" + "  - {}\n" * 100, 1)
    _, diagnostics = parse_rubric(many, "r.yaml")
    codes = [d.code for d in diagnostics]
    assert codes.count("schema/too-many") == 1
    assert len(diagnostics) == MAX_SCHEMA_DIAGNOSTICS + 1
    capped = next(d for d in diagnostics if d.code == "schema/too-many")
    # 100 empty criteria each miss 5 required keys: 500 problems, 200 shown, so the count
    # of the rest is given at the 41st empty criterion.
    criteria_line = mini_text.splitlines().index("criteria:") + 1
    assert (capped.line, capped.column) == (criteria_line + 41, 5)
    assert capped.message.startswith("300 more schema problems")


def test_suggests_the_closest_key(edit_mini) -> None:
    _, diagnostics = parse_rubric(edit_mini(("    guidance: Name a lead.",
                                             "    guidence: Name a lead.")), "r.yaml")
    assert "did you mean 'guidance'?" in diagnostics[0].message


# --- answers --------------------------------------------------------------------------------

ANSWERS = """\
rubric:
  id: mini
  version: 1.0.0
service:
  id: harbour
  name: Harbour Youth
target:
  rung: together
criteria:
  design-asked:
    answer: effective
  delivery-asked:
    not_applicable: We do not run sessions ourselves.
success_factors:
  csf-governance:
    answer: establishing
readiness:
  ready-lead:
    answer: effective
"""

ANSWERS_CODES = {"wrong-rubric", "rubric-version", "unknown-criterion", "unknown-answer",
                 "not-applicable-refused", "unknown-factor", "unknown-rung", "reason-too-short",
                 "unknown-type"}
TYPES = "target:\n  rung: together\ntypes:\n"

ANSWERS_CASES = [
    pytest.param([], [], id="clean"),
    pytest.param([("  id: mini\n", "  id: iap2\n")], [at("  id: »iap2", "wrong-rubric")],
                 id="wrong-rubric"),
    pytest.param([("  version: 1.0.0", "  version: 1.1.0")],
                 [at("version: »1.1.0", "rubric-version")],
                 id="rubric-version"),
    pytest.param([("  design-asked:", "  design-askd:")],
                 [at("  »design-askd:", "unknown-criterion")],
                 id="unknown-criterion"),
    pytest.param([("    answer: effective\n  delivery", "    answer: brilliant\n  delivery")],
                 [at("answer: »brilliant", "unknown-answer")], id="unknown-answer-criterion"),
    pytest.param([("    answer: establishing", "    answer: maybe")],
                 [at("answer: »maybe", "unknown-answer")], id="unknown-answer-factor"),
    pytest.param([("  design-asked:\n    answer: effective\n",
                   "  design-asked:\n    not_applicable: Not for us.\n")],
                 [at("    »not_applicable: Not for us.", "not-applicable-refused")],
                 id="not-applicable-refused"),
    pytest.param([("  csf-governance:", "  csf-budget:")],
                 [at("  »csf-budget:", "unknown-factor")],
                 id="unknown-success-factor"),
    pytest.param([("  ready-lead:", "  ready-champion:")],
                 [at("  »ready-champion:", "unknown-factor")], id="unknown-readiness-step"),
    pytest.param([("  rung: together", "  rung: summit")], [at("rung: »summit", "unknown-rung")],
                 id="unknown-target-rung"),
    pytest.param([("    not_applicable: We do not run sessions ourselves.",
                   "    not_applicable: n/a")], [at("not_applicable: »n/a", "reason-too-short")],
                 id="not-applicable-reason-too-short"),
    pytest.param([("target:\n  rung: together\n", TYPES + "  delivery:\n    out_of_scope: x\n")],
                 [at("out_of_scope: »x", "reason-too-short")], id="out-of-scope-reason-too-short"),
    pytest.param([("target:\n  rung: together\n", TYPES + "  delivry:\n    out_of_scope: x\n")],
                 [at("  »delivry:", "unknown-type")], id="unknown-type"),
    pytest.param([("target:\n  rung: together\n", TYPES + "  design:\n    target: summit\n")],
                 [at("target: »summit", "unknown-rung")], id="unknown-type-target-rung"),
    pytest.param([("    answer: establishing", "    answer: [establishing]")],
                 [at("answer: »[establishing]", "schema/type")], id="schema-type"),
    pytest.param([("  name: Harbour Youth\n", "  name: Harbour Youth\nassessed_on: 31/12/2026\n")],
                 [at("assessed_on: »31/12/2026", "schema/type")], id="schema-date"),
    pytest.param([("  name: Harbour Youth\n", "  name: Harbour Youth\nassessed_on: 2026-31-12\n")],
                 [at("assessed_on: »2026-31-12", "syntax")], id="impossible-date"),
]


@pytest.fixture(scope="module")
def mini_rubric() -> Rubric:
    rubric, warnings = load_rubric(str(MINI))
    assert warnings == []
    return rubric


def test_every_answers_code_has_a_pinned_case() -> None:
    assert _codes(ANSWERS_CASES) >= ANSWERS_CODES


@pytest.mark.parametrize("added", ["", "# A line added at the top moves every finding.\n"],
                         ids=["as-is", "line-added"])
@pytest.mark.parametrize(("edits", "expected"), ANSWERS_CASES)
def test_answers_finding(
    edits: list[tuple[str, str]], expected: list[At], added: str, mini_rubric: Rubric
) -> None:
    text = ANSWERS
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text = added + text
    answers, diagnostics = parse_answers(text, "a.yaml", mini_rubric)
    assert [(d.line, d.column, d.code) for d in diagnostics] == located(text, expected)
    errors = any(d.severity is Severity.ERROR for d in diagnostics)
    assert (answers is None) == errors


def test_answers_version_mismatch_is_only_a_warning(mini_rubric: Rubric) -> None:
    answers, diagnostics = parse_answers(ANSWERS.replace("1.0.0", "1.1.0"), "a.yaml", mini_rubric)
    assert answers is not None
    assert [d.severity for d in diagnostics] == [Severity.WARNING]


def test_a_type_the_rubric_keeps_in_scope_cannot_be_left_out() -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["activities"][0]["always_in_scope"] = True
    rubric = Rubric.model_validate(data)
    text = ANSWERS.replace("target:\n  rung: together\n",
                           TYPES + "  design:\n    out_of_scope: Not something we do here.\n")
    answers, diagnostics = parse_answers(text, "a.yaml", rubric)
    assert answers is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == located(
        text, [at("  design:\n    »out_of_scope", "always-in-scope")])
    assert "cannot be out of scope" in diagnostics[0].message


def test_unknown_criterion_suggests_the_closest_id(mini_rubric: Rubric) -> None:
    _, diagnostics = parse_answers(ANSWERS.replace("  design-asked:", "  design-askd:"),
                                   "a.yaml", mini_rubric)
    assert "did you mean 'design-asked'?" in diagnostics[0].message


def test_every_finding_reads_as_reviewed(mini_text: str, mini_rubric: Rubric) -> None:
    """The wording and severity of every finding above, as a manager or editor reads it.

    Refresh with COPROD_UPDATE_GOLDEN=1 and read the diff: these are the words users see.
    """
    lines: list[str] = []
    for param in [*CHECK_CASES, *SCHEMA_CASES]:
        text = edit_text(mini_text, param.values[0])
        _, diagnostics = parse_rubric(text, "r.yaml")
        lines += [f"{param.id}: {d.severity} [{d.code}] {_by_content(d.message, text)}"
                  for d in diagnostics]
    for param in ANSWERS_CASES:
        text = edit_text(ANSWERS, param.values[0])
        _, diagnostics = parse_answers(text, "a.yaml", mini_rubric)
        lines += [f"{param.id}: {d.severity} [{d.code}] {_by_content(d.message, text)}"
                  for d in diagnostics]
    golden_files.check_golden("\n".join(lines) + "\n", GOLDEN / "findings.txt")


def _by_content(message: str, text: str) -> str:
    """A message with each "line N" it names shown as that line's text: the golden then says
    which line a finding points to without pinning where the fixture happens to hold it."""
    lines = text.splitlines()
    return re.sub(r"\bline (\d+)\b",
                  lambda m: f"line «{lines[int(m.group(1)) - 1].strip()}»", message)


def test_the_findings_golden_names_lines_by_their_text() -> None:
    text = "a: 1\n  - id: design-asked\n"
    assert _by_content("already used at line 2; ids must be unique", text) == (
        "already used at line «- id: design-asked»; ids must be unique")
