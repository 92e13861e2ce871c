"""Answers written for default 1.0.0 keep working: read through the history, or migrated.

The five examples as they were written for 1.0.0 are kept in tests/data/answers/default-1.0.0.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coprod_ladder.answers.checks import check_answers
from coprod_ladder.answers.migrate import migrate_answers, migrate_text, release_path
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.batch import Scored, score_file
from coprod_ladder.diagnostics import Severity
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import Answers, CriterionAnswer, Rubric
from coprod_ladder.resources import examples_dir
from coprod_ladder.rubric.load import fixed_rubric, load_rubric, shipped_rubric_by_id

DATA = Path(__file__).parent / "data"
OLD = DATA / "answers" / "default-1.0.0"
OLD_FILES = sorted(OLD.glob("*.yaml"))
OLD_RUBRIC = DATA / "rubrics" / "default-1.0.0.yaml"
OLD_RUBRIC_2_0 = DATA / "rubrics" / "default-2.0.0.yaml"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("default")[0]


def old_answers(name: str, edits: tuple[tuple[str, str], ...] = ()) -> tuple[str, Answers]:
    text = (OLD / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    answers, diagnostics = parse_answers(text, name)
    assert answers is not None, diagnostics
    return text, answers


def migrate(name: str, rubric: Rubric,
            edits: tuple[tuple[str, str], ...] = ()) -> Answers:
    text, answers = old_answers(name, edits)
    migrated, note, problems = migrate_answers(answers, rubric, parse_document(text, name))
    assert problems == [] and migrated is not None and note is not None
    return migrated


# ---- the history itself -------------------------------------------------------------------


def test_the_history_accounts_for_every_id_of_1_0_0(rubric: Rubric) -> None:
    old, _ = load_rubric(str(OLD_RUBRIC))
    release = release_path(rubric, old.version)
    assert release is not None and [r.version for r in release] == ["2.0.0", "2.1.0", "2.2.0"]
    old_items = {c.id for c in old.criteria} | {f.id for f in [*old.success_factors,
                                                                *old.readiness]}
    assert set(release[0].items) == old_items
    assert set(release[0].rungs) == {r.id for r in old.rungs}
    status = next(s for s in old.answer_sets if s.id == "status")
    assert set(release[0].answer_options["practice"]) == {o.id for o in status.options}


def test_the_history_accounts_for_every_id_of_2_0_0(rubric: Rubric) -> None:
    old, _ = load_rubric(str(OLD_RUBRIC_2_0))
    release = release_path(rubric, old.version)
    assert release is not None and [r.version for r in release] == ["2.1.0", "2.2.0"]
    old_items = {c.id for c in old.criteria} | {f.id for f in [*old.success_factors,
                                                                *old.readiness]}
    assert set(release[0].items) == old_items
    assert set(release[0].rungs) == {r.id for r in old.rungs}


def test_the_history_keeps_every_id_of_2_1_0(rubric: Rubric) -> None:
    old, _ = load_rubric(str(DATA / "rubrics" / "default-2.1.0.yaml"))
    release = release_path(rubric, old.version)
    assert release is not None and [r.version for r in release] == ["2.2.0"]
    assert release[0].items == {}  # 2.2.0 renames, splits and removes nothing
    kept = {c.id for c in rubric.criteria} | {f.id for f in [*rubric.success_factors,
                                                              *rubric.readiness]}
    assert {c.id for c in old.criteria} | {f.id for f in [*old.success_factors,
                                                          *old.readiness]} <= kept


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: p.stem)
def test_every_old_example_migrates_to_clean_current_answers(path: Path,
                                                             rubric: Rubric) -> None:
    answers = migrate(path.name, rubric)
    text = path.read_text(encoding="utf-8")
    assert answers.rubric.version == "2.2.0"
    assert check_answers(answers, rubric, parse_document(text, path.name)) == []


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: p.stem)
def test_shipped_examples_keep_every_migrated_answer(path: Path, rubric: Rubric) -> None:
    """examples/ holds `coprod migrate` output, completed with answers to what 2.0 added."""
    text, _, problems = migrate_text(path.read_bytes(), f"examples/{path.name}",
                                     shipped_rubric_by_id())
    assert problems == [] and text is not None
    migrated, _ = parse_answers(text, "migrated.yaml", rubric)
    shipped, _ = parse_answers((examples_dir() / path.name).read_bytes(),  # type: ignore[union-attr]
                               path.name, rubric)
    assert migrated is not None and shipped is not None
    assert (shipped.target, shipped.types) == (migrated.target, migrated.types)
    for section in ("criteria", "success_factors", "readiness"):
        carried, completed = getattr(migrated, section), getattr(shipped, section)
        # An example may add what the service will do (`we_will`), which no old file had.
        assert {k: _without_plans(completed.get(k)) for k in carried} == carried
    assert set(shipped.criteria) - set(migrated.criteria), "answer what 2.0 added"


def _without_plans(given: object) -> object:
    if isinstance(given, CriterionAnswer) and given.we_will is not None:
        return given.model_copy(update={"we_will": None})
    return given


# ---- the rules, on one file ---------------------------------------------------------------


def test_a_split_copies_the_answer_and_its_evidence(rubric: Rubric) -> None:
    answers = migrate("childrens-centre.yaml", rubric)
    asked, told = answers.criteria["co-design-consulting"], answers.criteria["co-design-told-back"]
    assert asked.answer == told.answer == "routine"  # was "effective"
    assert asked.evidence == told.evidence and asked.evidence


def test_a_merge_keeps_the_answer_that_meets_least(rubric: Rubric) -> None:
    answers = migrate("childrens-centre.yaml", rubric, (
        ("  co-design-informing:\n    answer: effective",
         "  co-design-informing:\n    answer: establishing"),))
    merged = answers.criteria["co-design-informing"]
    assert merged.answer == "started"  # educating was effective, informing establishing
    assert merged.evidence  # the educating answer's evidence is kept


def test_removed_items_are_dropped_and_renamed_items_move(rubric: Rubric) -> None:
    answers = migrate("send-team.yaml", rubric)
    assert "co-delivery-educating" not in answers.criteria
    assert "csf-lead" not in answers.success_factors
    assert answers.success_factors["sf-champion"].answer == "absent"
    assert "ready-open-question" in answers.readiness


def test_rungs_and_targets_follow_the_ladder(rubric: Rubric) -> None:
    answers = migrate("send-team.yaml", rubric, (("  rung: consulting", "  rung: educating"),))
    assert answers.target is not None and answers.target.rung == "informing"


def test_types_marked_not_applicable_throughout_become_out_of_scope(rubric: Rubric) -> None:
    answers = migrate("send-team.yaml", rubric)
    scoped = answers.types["co-commissioning"].out_of_scope or ""
    assert scoped.startswith("SEND services are commissioned")  # the full reason, not "As above"
    assert not any(c.startswith("co-commissioning-") for c in answers.criteria)


def test_not_applicable_is_dropped_where_2_0_refuses_it(rubric: Rubric) -> None:
    answers = migrate("youth-service.yaml", rubric, (
        ("  co-design-informing:\n    answer: effective",
         "  co-design-informing:\n    not_applicable: We have no building of our own."),
        ("  co-design-educating:\n    answer: effective",
         "  co-design-educating:\n    not_applicable: We have no building of our own.")))
    merged = answers.criteria["co-design-informing"]
    assert merged.not_applicable is None and merged.answer is None  # unanswered, never "no"


# ---- what cannot be migrated --------------------------------------------------------------


@pytest.mark.parametrize(("edits", "expected"), [
    ((("  id: default\n", "  id: iap2\n"),), (12, 7, "wrong-rubric")),
    ((("  version: 1.0.0", "  version: 0.5.0"),), (13, 12, "no-migration-path")),
    ((("  co-planning-informing:\n", "  co-planning-telling:\n"),), (58, 3, "unknown-old-item")),
], ids=["another-rubric", "unknown-version", "unknown-item"])
def test_answers_that_cannot_be_carried_say_where(edits: tuple[tuple[str, str], ...],
                                                   expected: tuple[int, int, str],
                                                   rubric: Rubric) -> None:
    text, answers = old_answers("send-team.yaml", edits)
    migrated, note, problems = migrate_answers(answers, rubric, parse_document(text, "s.yaml"))
    assert migrated is None and note is None
    assert [(d.line, d.column, d.code) for d in problems] == [expected]
    assert all(d.path == "s.yaml" and d.severity is Severity.ERROR for d in problems)


# ---- score, portfolio and migrate read old files ------------------------------------------


def test_score_reads_an_old_file_with_one_warning(run_cli, tmp_path: Path) -> None:
    result = run_cli("score", OLD / "send-team.yaml", "-o", tmp_path, exit_code=0)
    warnings = [line for line in result.stderr.splitlines() if "[migrated]" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{OLD / 'send-team.yaml'}:13:12: warning [migrated]")
    assert "coprod migrate" in warnings[0]
    assert (tmp_path / "send-assessment-review.json").exists()


OLD_2_0 = DATA / "answers" / "default-2.0.0"
OLD_2_1 = DATA / "answers" / "default-2.1.0"


@pytest.mark.parametrize("path", [*sorted(OLD_2_0.glob("*.yaml")), *sorted(OLD_2_1.glob("*.yaml"))],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_2_0_or_2_1_file_scores_as_the_shipped_example(path: Path, rubric: Rubric) -> None:
    """The examples as they were for 2.0.0 and 2.1.0 score with one warning, as examples/ does
    now."""
    before = score_file(path, fixed_rubric(rubric))
    after = score_file(examples_dir() / path.name, fixed_rubric(rubric))  # type: ignore[operator]
    assert isinstance(before, Scored) and isinstance(after, Scored)
    assert [d.code for d in before.warnings] == ["migrated", *(d.code for d in after.warnings)]
    assert "migrated" not in [d.code for d in after.warnings]
    assert before.card.rung == after.card.rung
    assert [a.rung for a in before.card.activities] == [a.rung for a in after.card.activities]


def test_an_old_file_scores_as_its_migrated_copy(rubric: Rubric, tmp_path: Path) -> None:
    old = OLD / "camhs.yaml"
    text, _, _ = migrate_text(old.read_bytes(), str(old), shipped_rubric_by_id())
    assert text is not None
    (tmp_path / "camhs.yaml").write_text(text, encoding="utf-8")
    before = score_file(old, fixed_rubric(rubric))
    after = score_file(tmp_path / "camhs.yaml", fixed_rubric(rubric))
    assert isinstance(before, Scored) and isinstance(after, Scored)
    assert before.card.rung == after.card.rung
    assert [a.rung for a in before.card.activities] == [a.rung for a in after.card.activities]
    assert [d.code for d in before.warnings] == ["migrated"] and after.warnings == ()


def test_portfolio_compares_a_1_0_cycle_with_a_2_0_cycle(run_cli, tmp_path: Path) -> None:
    last, now = tmp_path / "last", tmp_path / "now"
    shutil.copytree(OLD, last)
    now.mkdir()
    for path in OLD_FILES:
        shutil.copy(examples_dir() / path.name, now / path.name)  # type: ignore[arg-type]
    run_cli("portfolio", now, "-o", tmp_path / "out", "--previous", last,
            "--as-of", "2026-11-01", exit_code=0)
    view = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    movement = view["movement"]
    assert movement["new"] == [] and movement["gone"] == []  # matched across versions
    compared = movement["same"] + len(movement["moved_up"]) + len(movement["moved_down"])
    assert compared == len(OLD_FILES)


def test_migrate_prints_to_stdout_and_leaves_the_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "send.yaml"
    shutil.copy(OLD / "send-team.yaml", path)
    before = path.read_bytes()
    result = run_cli("migrate", path, exit_code=0)
    assert path.read_bytes() == before
    assert "version: 2.2.0" in result.stdout and "co-planning-told-back:" in result.stdout
    assert "1.0.0 -> 2.2.0" in result.stderr


def test_migrate_in_place_then_again(run_cli, tmp_path: Path) -> None:
    paths = [tmp_path / p.name for p in OLD_FILES]
    for old, new in zip(OLD_FILES, paths, strict=True):
        shutil.copy(old, new)
    result = run_cli("migrate", *paths, "--in-place", exit_code=0)
    assert "5 files migrated, 0 failed" in result.stderr
    for path in paths:
        answers, diagnostics = parse_answers(path.read_bytes(), str(path),
                                             load_rubric("default")[0])
        assert answers is not None and answers.rubric.version == "2.2.0", diagnostics
    again = run_cli("migrate", paths[0], "--in-place", exit_code=0)
    assert "already up to date" in again.stderr


def test_migrate_out_on_a_current_file_writes_it_unchanged(run_cli, tmp_path: Path) -> None:
    current = tmp_path / "current.yaml"
    run_cli("migrate", OLD / "camhs.yaml", "--out", current, exit_code=0)
    out = tmp_path / "new.yaml"
    result = run_cli("migrate", current, "--out", out, exit_code=0)
    assert out.read_bytes() == current.read_bytes()
    assert f"already up to date; copied unchanged to {out}" in result.stderr
    printed = run_cli("migrate", current, exit_code=0)  # to stdout, likewise
    assert printed.stdout == current.read_text("utf-8")


def test_migrate_to_out(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    run_cli("migrate", OLD / "camhs.yaml", "--out", out, exit_code=0)
    doc = parse_document(out.read_bytes(), "new.yaml")
    answers, _ = validate_model(doc, Answers, "answers")
    assert answers is not None and answers.rubric.version == "2.2.0"


@pytest.mark.parametrize("args", [
    ["{a}", "{b}"], ["{a}", "--in-place", "--out", "{b}"], ["{a}", "--out", "{a}"]],
    ids=["several-without-in-place", "in-place-and-out", "out-is-the-input"])
def test_migrate_usage_errors(args: list[str], run_cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (a, b):
        shutil.copy(OLD / "send-team.yaml", path)
    result = run_cli("migrate", *[x.format(a=a, b=b) for x in args], exit_code=2)
    assert a.read_bytes() == (OLD / "send-team.yaml").read_bytes()
    assert "Traceback" not in result.output


def test_migrating_a_file_for_another_rubric_is_refused(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    text = (OLD / "send-team.yaml").read_text("utf-8").replace("  id: default\n", "  id: iap2\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("migrate", path, "--in-place", "--rubric", "default", exit_code=1)
    assert path.read_text("utf-8") == text
    assert f"{path}:12:7: error [wrong-rubric]" in result.stderr


def test_migrating_a_broken_file_leaves_it_alone(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("rubric: [\n", encoding="utf-8")
    result = run_cli("migrate", path, "--in-place", exit_code=1)  # a finding, as in score
    assert path.read_text("utf-8") == "rubric: [\n"
    assert f"{path}:" in result.stderr and "Traceback" not in result.output


# ---- statutory floors -----------------------------------------------------------------------


DUTIES = "  duties: [send, holds-plans]\n"
OLDER_TAG = ("    directorate: education\n" + DUTIES,
             "    directorate: education\n    duty: send\n")


@pytest.mark.parametrize(("duties", "target", "floor"), [
    ((DUTIES, "  duties: [send]\n"), "consulting", "SEND Code of Practice"),
    (OLDER_TAG, "consulting", "SEND Code of Practice"),
    ((DUTIES, "  duties: [send]\n"), "engaging", None),
    ((DUTIES, ""), "consulting", None),
    ((DUTIES, ""), "informing", "right to give their views"),
], ids=["send-below", "send-below-older-tag", "send-at-floor", "floor-does-not-apply",
        "everyone-below-article-12"])
def test_a_target_below_a_statutory_floor_is_a_warning(duties: tuple[str, str], target: str,
                                                        floor: str | None,
                                                        rubric: Rubric) -> None:
    text = (examples_dir() / "send-team.yaml").read_text("utf-8")  # type: ignore[union-attr]
    assert duties[0] in text
    text = text.replace(*duties, 1)
    text = text.replace("target:\n  rung: consulting", f"target:\n  rung: {target}", 1)
    doc = parse_document(text, "send.yaml")
    answers, _ = validate_model(doc, Answers, "answers")
    assert answers is not None
    found = [d for d in check_answers(answers, rubric, doc) if d.code == "target-below-floor"]
    assert len(found) == (floor is not None)
    if floor is not None:
        assert found[0].severity is Severity.WARNING
        assert floor in found[0].message
        assert (found[0].line, found[0].column) == (text[:text.index("  rung: ")].count("\n") + 1,
                                                    9)


def test_a_type_target_below_its_floor_is_a_warning_at_that_target(rubric: Rubric) -> None:
    # The service aims at 'engaging', but its own plans (under Article 12) only at 'informing';
    # co-planning's own target meets its floor, so only own-plans is flagged.
    text = (examples_dir() / "send-team.yaml").read_text("utf-8")  # type: ignore[union-attr]
    text = text.replace("target:\n  rung: consulting", "target:\n  rung: engaging", 1)
    text = text.replace("types:\n", "types:\n  own-plans:\n    target: informing\n"
                        "  co-planning:\n    target: engaging\n", 1)
    doc = parse_document(text, "send.yaml")
    answers, _ = validate_model(doc, Answers, "answers")
    assert answers is not None
    found = [d for d in check_answers(answers, rubric, doc) if d.code == "target-below-floor"]
    assert [(d.line, d.column, d.severity) for d in found] == [
        (text[:text.index("    target: informing")].count("\n") + 1, 13, Severity.WARNING)]
    assert "right to give their views" in found[0].message


# ---- rubric check --previous: every old id accounted for ----------------------------------


# Each finding is reported at the release that should list the id (RELEASE), or at the
# rubric's own version when the earlier version cannot be reached.
RELEASE = "  - »version: 2.0.0\n    replaces:"


@pytest.mark.parametrize(("edits", "expected"), [
    ((), []),
    ((("      co-delivery-educating: null\n", ""),),
     [("'co-delivery-educating' (items of 1.0.0) is neither kept nor listed", RELEASE)]),
    ((("        not-in-place: \"no\"\n", ""),),
     [("the answer 'not-in-place' (1.0.0) has no match in the answer set 'practice'",
       RELEASE)]),
    ((("      educating: informing\n", ""),),
     [("'educating' (rungs of 1.0.0) is neither kept nor listed", RELEASE)]),
    ((("    replaces: 1.0.0\n", "    replaces: 0.9.0\n"),),
     [("the history has no way from 1.0.0 to 2.2.0", "\nversion: »2.2.0\n")]),
], ids=["complete", "item-left-out", "answer-left-out", "rung-left-out", "no-way-back"])
def test_check_previous_finds_old_ids_the_history_forgets(
        edits: tuple[tuple[str, str], ...], expected: list[tuple[str, str]], run_cli,
        tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[1] / "rubrics" / "default.yaml").read_text("utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "default.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("rubric", "check", "--format", "parsable", path,
                     "--previous", OLD_RUBRIC, exit_code=1 if expected else 0)
    found = [line for line in result.stdout.splitlines() if "[history-incomplete]" in line]
    assert len(found) == len(expected), result.explain()
    for line, (words, anchor) in zip(found, expected, strict=True):
        offset = text.index(anchor.replace("»", "")) + anchor.index("»")
        where = f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"
        assert line.startswith(f"{path}:{where}: error [history-incomplete] "), line
        assert words in line


def test_a_release_that_only_rewords_carries_answers_unchanged(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "iap2.yaml"
    path.write_text("rubric:\n  id: iap2\n  version: 1.0.0\nservice:\n  id: harbour\n"
                    "  name: Harbour Youth\ncriteria:\n  co-design-involve:\n    answer: partly\n",
                    encoding="utf-8")
    result = run_cli("migrate", path, exit_code=0)
    assert "version: 1.3.0" in result.stdout
    assert "co-design-involve:\n    answer: partly" in result.stdout
    assert "no answers needed to move" in result.stderr


def test_portfolio_prints_one_warning_per_old_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("portfolio", OLD, "-o", tmp_path / "out", "--as-of", "2026-11-01",
                     exit_code=0)
    warned = [line for line in result.stderr.splitlines() if "[migrated]" in line]
    assert sorted(line.split(":", 1)[0] for line in warned) == [str(p) for p in OLD_FILES]


@pytest.mark.parametrize(("educating", "informing", "expected"), [
    ("answer: effective", "answer: needs-improving", ("sometimes", None)),
    ("answer: effective", "answer: not-in-place", ("no", None)),
    ("answer: effective", "note: not sure yet", (None, None)),
    ("not_applicable: We hold no plans ourselves.", "answer: effective", ("routine", None)),
    ("not_applicable: We hold no plans ourselves.", "not_applicable: Plans belong to others.",
     (None, "We hold no plans ourselves.")),
], ids=["met-and-met", "met-and-not-met", "met-and-unanswered", "not-applicable-and-met",
        "both-not-applicable"])
def test_a_merge_never_claims_more_than_its_parts(educating: str, informing: str,
                                                  expected: tuple[str | None, str | None],
                                                  rubric: Rubric) -> None:
    text = ("rubric:\n  id: default\n  version: 1.0.0\nservice:\n  id: x\n  name: X\n"
            f"criteria:\n  co-planning-educating:\n    {educating}\n"
            f"  co-planning-informing:\n    {informing}\n"
            "  co-planning-engaging:\n    answer: establishing\n")  # the type stays in scope
    answers, _ = parse_answers(text, "m.yaml")
    assert answers is not None
    migrated, _, problems = migrate_answers(answers, rubric, parse_document(text, "m.yaml"))
    assert problems == [] and migrated is not None
    merged = migrated.criteria["co-planning-informing"]
    assert (merged.answer, merged.not_applicable) == expected
