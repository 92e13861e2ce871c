"""Several staff answering for one service, end to end (issue 20, item 4).

The merge keeps every field of a criterion (table tests) and holds its three properties over
whole answers files (hypothesis); teams are found from the top of each file; `coprod score`
writes one report for a team, says who answered and puts disagreements first in the actions;
a team that mixes rubric versions exits 3 naming both files; `coprod portfolio` counts the
service once and carries the staff figures in every format.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_ladder.answers.team import merge_staff, merge_team
from coprod_ladder.answers.team_files import find_teams, header_of
from coprod_ladder.batch import answer_scale
from coprod_ladder.errors import ExitCode
from coprod_ladder.model import Answers
from coprod_ladder.resources import examples_dir
from coprod_ladder.rubric.load import load_rubric

SCALE = ["routine", "sometimes", "started", "no"]
MANAGER = examples_dir() / "youth-service.yaml"
WORKER = examples_dir() / "youth-service-senior-worker.yaml"


def _answers(by: str, criteria: dict[str, Any], **top: Any) -> Answers:
    return Answers.model_validate({
        "rubric": {"id": "default", "version": "2.2.0"},
        "service": {"id": "svc", "name": "Service"},
        "assessed_by": by, "assessed_on": "2026-01-10", "criteria": criteria, **top})


def _merged(*staff: Answers) -> Answers:
    return merge_team(list(staff), lambda _cid: SCALE)


# --------------------------------------------------------------------------------------------
# The merge keeps every field
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ann", "bo", "field", "expected"),
    [
        ({"answer": "routine", "cyp_say": "We get a copy"},
         {"answer": "sometimes", "cyp_say": "Sometimes"},
         "cyp_say", "We get a copy\n\nSometimes"),
        ({"answer": "routine", "cyp_say": "Same words"},
         {"answer": "routine", "cyp_say": "Same words"}, "cyp_say", "Same words"),
        ({"answer": "routine", "note": "we ask"}, {"answer": "no", "note": "not yet"},
         "note", "Ann: we ask\n\nBo: not yet"),
        ({"answer": "routine"}, {"answer": "no", "note": "not yet"}, "note", "Bo: not yet"),
        ({"answer": "routine", "we_will": {"text": "Ask the youth council"}},
         {"answer": "no", "we_will": {"text": "Run a survey"}},
         "we_will", "Ask the youth council"),
        ({"answer": "routine"}, {"answer": "no", "we_will": {"text": "Run a survey"}},
         "we_will", "Run a survey"),
        ({"not_applicable": "We run no plans for individual children"},
         {"not_applicable": "No plans here, only open-access youth work"},
         "not_applicable", "Ann: We run no plans for individual children\n\n"
                           "Bo: No plans here, only open-access youth work"),
        ({"answer": "sometimes"}, {"not_applicable": "We run no plans for individual children"},
         "not_applicable", None),
        ({"answer": "routine", "validated": {"by": "Youth council"}},
         {"answer": "routine", "validated": {"by": "Parents' panel"}}, "validated",
         "Youth council"),
        ({"answer": "routine", "evidence": [{"what": "e1"}]},
         {"answer": "no", "evidence": [{"what": "e2"}]}, "evidence", ["e1", "e2"]),
        ({"answer": "dont-know"}, {"answer": "dont-know"}, "answer", "dont-know"),
        ({"answer": "dont-know"}, {"answer": "no"}, "answer", "no"),
        ({"answer": "routine"}, {"answer": "no"}, "answer", "no"),
    ],
)
def test_the_merge_keeps_every_field(ann: dict[str, Any], bo: dict[str, Any], field: str,
                                     expected: object) -> None:
    for files in ([_answers("Ann", {"c1": ann}), _answers("Bo", {"c1": bo})],
                  [_answers("Bo", {"c1": bo}), _answers("Ann", {"c1": ann})]):
        got = getattr(merge_team(files, lambda _cid: SCALE).criteria["c1"], field)
        if field == "we_will" and got is not None:
            got = got.text
        if field == "validated" and got is not None:
            got = got.by
        if field == "evidence":
            got = [e.what for e in got]
        assert got == expected


def test_factors_merge_and_a_partial_file_leaves_the_service_details_to_the_others() -> None:
    full = _answers("Zoe", {"c1": {"answer": "routine"}},
                    service={"id": "svc", "name": "Service", "team": "Early help",
                             "tags": {"area": "north"}},
                    target={"rung": "co-designing"}, main_work=["co-design"],
                    types={"co-financing": {"out_of_scope": "We hold no budget of our own"}},
                    success_factors={"f1": {"answer": "routine", "note": "strong"}})
    partial = _answers("Ann", {"c1": {"answer": "no"}},
                       success_factors={"f1": {"answer": "no", "note": "weak"}})
    merged = _merged(full, partial)
    assert (merged.service.team, merged.service.tags) == ("Early help", {"area": "north"})
    assert merged.target is not None and merged.target.rung == "co-designing"
    assert merged.main_work == ["co-design"]
    assert "co-financing" in merged.types
    assert merged.success_factors["f1"].answer == "no"
    assert merged.success_factors["f1"].note == "Ann: weak\n\nZoe: strong"
    assert merged.criteria["c1"].answer == "no"


def test_the_panel_names_who_answered_and_the_spread() -> None:
    merged, panel = merge_staff([_answers("Cy", {"c1": {"answer": "no"}}),
                                 _answers("Ann", {"c1": {"answer": "routine"}}),
                                 _answers("Bo", {"c1": {"answer": "routine"}})],
                                lambda _cid: SCALE, ["c.yaml", "a.yaml", "b.yaml"])
    assert panel.staff == ("Ann", "Bo", "Cy")
    assert panel.paths == ("a.yaml", "b.yaml", "c.yaml")
    team = panel.item("c1")
    assert team is not None
    assert (team.answer, team.spread) == ("routine", (("routine", 2), ("no", 1)))
    assert merged.criteria["c1"].answer == "routine"


def test_the_scale_is_best_first_whatever_order_the_rubric_lists_it() -> None:
    rubric, _ = load_rubric("default")
    assert list(answer_scale(rubric)("own-plans-informing")) == SCALE


# Whole answers files: the three properties of the merge hold for every field, not only the
# answer (the order of files never matters; an agreeing staff member changes no answer; the
# merged answer is never better than the best single one).
entries = st.fixed_dictionaries({"answer": st.sampled_from(SCALE)}, optional={
    "note": st.sampled_from(["a", "b"]), "cyp_say": st.sampled_from(["x", "y"]),
    "evidence": st.just([{"what": "e"}]), "we_will": st.just({"text": "do it"})})
staff_files = st.lists(st.dictionaries(st.sampled_from(["c1", "c2", "c3"]), entries,
                                       min_size=1),
                       min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(staff_files, st.randoms())
def test_whole_files_merge_the_same_whatever_their_order(files: list[dict[str, Any]],
                                                         random: Any) -> None:
    staff = [_answers(f"s{n}", criteria) for n, criteria in enumerate(files)]
    shuffled = list(staff)
    random.shuffle(shuffled)
    assert _merged(*staff) == _merged(*shuffled)


@settings(max_examples=60, deadline=None)
@given(staff_files)
def test_an_agreeing_staff_member_changes_no_answer(files: list[dict[str, Any]]) -> None:
    staff = [_answers(f"s{n}", criteria) for n, criteria in enumerate(files)]
    before = _merged(*staff)
    agreeing = _answers("zz", {cid: {"answer": c.answer} for cid, c in before.criteria.items()})
    after = _merged(*staff, agreeing)
    assert {c: a.answer for c, a in after.criteria.items()} == {
        c: a.answer for c, a in before.criteria.items()}


@settings(max_examples=60, deadline=None)
@given(staff_files)
def test_the_merged_answer_is_never_above_the_best_single_one(
        files: list[dict[str, Any]]) -> None:
    merged = _merged(*(_answers(f"s{n}", criteria) for n, criteria in enumerate(files)))
    for cid, answer in merged.criteria.items():
        best = min(SCALE.index(f[cid]["answer"]) for f in files if cid in f)
        assert answer.answer is not None and SCALE.index(answer.answer) >= best


# --------------------------------------------------------------------------------------------
# Teams are found from the top of each file
# --------------------------------------------------------------------------------------------

BLOCK = (b"# a comment\nformat: coprod-answers/1\nrubric:\n  id: default\n  version: 2.2.0\n"
         b"service:\n  id: svc\n  name: S\nassessed_by: Ann\nassessed_on: 2026-01-10\n"
         b"criteria: {}\n")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (BLOCK, ("svc", "2026-01-10", "Ann", "default@2.2.0")),
        (b"\xef\xbb\xbf" + BLOCK, ("svc", "2026-01-10", "Ann", "default@2.2.0")),
        (b"rubric: {id: r, version: 1.0.0}\nservice: {id: x, name: X}\n"
         b"assessed_by: 'Bo, worker'\nassessed_on: 2026-02-01\ncriteria: {}\n",
         ("x", "2026-02-01", "Bo, worker", "r@1.0.0")),
        (BLOCK.replace(b"assessed_by: Ann\n", b""), None),  # no name: never a team
        (BLOCK.replace(b"assessed_by: Ann", b"assessed_by: ''"), None),
        (BLOCK.replace(b"\ncriteria: {}\n", b"\n"), None),  # the head may stop mid-block
        (b"assessed_by: [unclosed\nservice: {id: x}\nx: 1\n", None),
    ],
)
def test_the_header_is_read_from_the_top_of_the_file(
        head: bytes, expected: tuple[str, str, str, str] | None) -> None:
    found = header_of(head, "f.yaml")
    got = None if found is None else (found.service_id, found.assessed_on, found.assessed_by,
                                      found.rubric)
    assert got == expected


def _staff_copy(source: Path, target: Path, by: str, version: str | None = None) -> Path:
    text = source.read_text(encoding="utf-8")
    text = "\n".join(f"assessed_by: {by}" if line.startswith("assessed_by:") else line
                     for line in text.split("\n"))
    if version is not None:
        text = text.replace("version: 2.2.0", f"version: {version}", 1)
    target.write_text(text, encoding="utf-8")
    return target


def test_teams_stand_where_their_first_file_does(tmp_path: Path) -> None:
    a = _staff_copy(MANAGER, tmp_path / "a.yaml", "Ann")
    other = shutil.copy(examples_dir() / "camhs.yaml", tmp_path / "b.yaml")
    c = _staff_copy(MANAGER, tmp_path / "c.yaml", "Cy")
    teams = find_teams([str(a), str(other), str(c)])
    assert teams.groups == ((str(a), str(c)), (str(other),))
    assert teams.mismatches == ()


# --------------------------------------------------------------------------------------------
# coprod score, demo and portfolio
# --------------------------------------------------------------------------------------------


def _team_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(MANAGER, folder / "manager.yaml")
    shutil.copy(WORKER, folder / "worker.yaml")
    shutil.copy(examples_dir() / "camhs.yaml", folder / "camhs.yaml")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_score_writes_one_report_for_a_team(run_cli: Any, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "reports"
    result = run_cli("score", _team_folder(tmp_path), "--out", out, "--jobs", jobs,
                     exit_code=ExitCode.OK)
    assert sorted(p.name for p in out.glob("*.html")) == ["northfield-youth.html",
                                                           "young-minds-camhs.html"]
    assert "2 services scored, 0 files failed" in result.stderr
    assert result.stdout.count("Answered by 2 staff: Ffion Hâf, Senior Youth Worker; "
                               "Priya Shah") == 1
    assert "Staff disagree on 1 item" in result.stdout
    markdown = (out / "northfield-youth.md").read_text(encoding="utf-8")
    assert "## Who answered" in markdown
    assert ("Staff disagree on “Children, families and staff have run design work together as "
            "equals for more than a year.”: 1 said “Yes, but not every time”; 1 said “No”."
            ) in markdown
    html = (out / "northfield-youth.html").read_text(encoding="utf-8")
    assert '<h2 id="staff">Who answered</h2>' in html
    camhs = json.loads((out / "young-minds-camhs.json").read_text(encoding="utf-8"))
    assert camhs["staff"] is None


def test_the_json_report_says_who_answered_and_puts_disagreements_first(
        run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    run_cli("score", MANAGER, WORKER, "--out", out, "--format", "json", exit_code=ExitCode.OK)
    report = json.loads((out / "northfield-youth.json").read_text(encoding="utf-8"))
    staff = report["staff"]
    assert staff["count"] == 2
    assert staff["names"] == ["Ffion Hâf, Senior Youth Worker",
                              "Priya Shah, Youth Service Manager, with the senior youth work team"]
    assert report["assessed_by"] == "; ".join(staff["names"])
    differ = {d["id"]: d for d in staff["differences"]}
    assert set(differ) == {"co-commissioning-engaging", "co-design-co-producing"}
    # "Not yet" (1) and "No" (0) are within the margin (a third of 4); 2 and 0 are not.
    assert differ["co-commissioning-engaging"]["disagree"] is False
    assert differ["co-design-co-producing"]["disagree"] is True
    assert differ["co-design-co-producing"]["spread"] == [
        {"answer": "sometimes", "label": "Yes, but not every time", "count": 1},
        {"answer": "no", "label": "No", "count": 1}]
    assert staff["disagree"] == 1
    reasons = [a["why"] for a in report["actions"]]
    first_other = next((n for n, r in enumerate(reasons)
                        if r not in ("blind_spot", "staff_disagree")), len(reasons))
    assert "staff_disagree" in reasons[:first_other]
    assert reasons.index("staff_disagree") > max(
        (n for n, r in enumerate(reasons) if r == "blind_spot"), default=-1)
    (action,) = [a for a in report["actions"] if a["item_id"] == "co-design-co-producing"]
    assert action["why"] == "staff_disagree"  # listed once: the next rung needs it too
    assert action["next_step"].startswith(
        "1 said “Yes, but not every time”; 1 said “No”. Agree one answer, with its evidence; "
        "until then “No” counts. Then: ")


def test_the_same_staff_twice_stay_two_files_as_before(run_cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(MANAGER, folder / "a.yaml")
    shutil.copy(MANAGER, folder / "b.yaml")
    out = tmp_path / "reports"
    result = run_cli("score", folder, "--out", out, exit_code=ExitCode.OK)
    assert "2 services scored" in result.stderr
    assert "Answered by" not in result.stdout


def test_a_team_mixing_rubric_versions_exits_3_naming_both_files(run_cli: Any,
                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    a = _staff_copy(MANAGER, folder / "a.yaml", "Ann")
    b = _staff_copy(MANAGER, folder / "b.yaml", "Bo", version="2.1.0")
    shutil.copy(examples_dir() / "camhs.yaml", folder / "camhs.yaml")
    out = tmp_path / "reports"
    result = run_cli("score", folder, "--out", out, exit_code=ExitCode.INPUT)
    for path, other in ((a, b), (b, a)):
        line = next(x for x in result.stderr.splitlines() if x.startswith(f"{path}:"))
        assert "[team-rubric-mismatch]" in line
        assert str(other) in line and "coprod migrate" in line
    assert not (out / "northfield-youth.html").exists()  # neither file is scored alone
    assert (out / "young-minds-camhs.html").exists()  # the rest still are
    assert "1 service scored, 2 files failed" in result.stderr


def test_one_unreadable_staff_file_fails_and_the_others_still_merge(run_cli: Any,
                                                                     tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    _staff_copy(MANAGER, folder / "a.yaml", "Ann")
    _staff_copy(MANAGER, folder / "b.yaml", "Bo")
    bad = _staff_copy(MANAGER, folder / "c.yaml", "Cy")
    bad.write_text(bad.read_text(encoding="utf-8").replace("answer: routine",
                                                           "answer: brilliant", 1),
                   encoding="utf-8")
    result = run_cli("score", folder, "--out", tmp_path / "reports",
                     exit_code=ExitCode.FINDINGS)
    assert f"{bad}:" in result.stderr and "[unknown-answer]" in result.stderr
    assert "Answered by 2 staff: Ann; Bo." in result.stdout


def test_portfolio_counts_a_team_once_in_every_format(run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "portfolio"
    result = run_cli("portfolio", _team_folder(tmp_path), "--out", out, exit_code=ExitCode.OK)
    assert "2 services scored, 0 files failed" in result.stderr
    assert "answered in 2 files" not in result.stderr
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    youth = next(s for s in data["services"] if s["service_id"] == "northfield-youth")
    assert youth["staff_count"] == 2
    assert youth["staff"][0] == "Ffion Hâf, Senior Youth Worker"
    with (out / "portfolio.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Services by id: northfield-youth, then young-minds-camhs.
    assert [r["Staff who answered"] for r in rows] == ["2", "1"]
    assert rows[0]["Staff names"].startswith("Ffion Hâf, Senior Youth Worker; Priya Shah")
    assert "answered by 2 staff" in (out / "portfolio.md").read_text(encoding="utf-8")
    assert "answered by 2 staff" in (out / "portfolio.html").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    sheet = load_workbook(out / "portfolio.xlsx", read_only=True)["Services"]
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    column = header.index("Staff who answered")
    assert [r[column] for r in cells] == [2, 1]


def test_portfolio_exits_3_for_a_team_mixing_rubric_versions(run_cli: Any,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    _staff_copy(MANAGER, folder / "a.yaml", "Ann")
    _staff_copy(MANAGER, folder / "b.yaml", "Bo", version="2.1.0")
    result = run_cli("portfolio", folder, "--out", tmp_path / "out", exit_code=ExitCode.INPUT)
    assert result.stderr.count("[team-rubric-mismatch]") == 2


# --------------------------------------------------------------------------------------------
# Golden files: the team's report and summary, as reviewed
# --------------------------------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden" / "reports"


def _team_view() -> Any:
    from coprod_ladder.batch import Scored, score_team_sources
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.rubric.load import fixed_rubric

    rubric, _ = load_rubric("default")
    results = score_team_sources(
        [(p.read_bytes(), f"examples/{p.name}") for p in (MANAGER, WORKER)],
        fixed_rubric(rubric))
    (scored,) = results
    assert isinstance(scored, Scored)
    return build_view(scored.card, scored.warnings)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_team_report_matches_its_golden_file(fmt: str) -> None:
    import golden_files
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS

    golden_files.check_golden(SERVICE_REPORTS.get(fmt).render_bytes(_team_view()),
                              GOLDEN / f"youth-team.{fmt}")


def test_the_team_summary_matches_its_golden_file() -> None:
    import golden_files
    from coprod_ladder.rendering.terminal import plain_text, summary_lines

    golden_files.check_golden(plain_text(summary_lines(_team_view())),
                              GOLDEN / "youth-team.summary.txt")


def test_teams_written_in_flow_style_are_found_too(tmp_path: Path) -> None:
    paths = []
    for name in ("Ann", "Bo"):
        path = tmp_path / f"{name}.yaml"
        path.write_text("rubric: {id: default, version: 2.2.0}\nservice: {id: x, name: X}\n"
                        f"assessed_by: {name}\nassessed_on: 2026-02-01\ncriteria: {{}}\n",
                        encoding="utf-8")
        paths.append(str(path))
    assert find_teams(paths).groups == (tuple(paths),)


def test_score_to_stdout_writes_one_service_for_a_team(run_cli: Any) -> None:
    result = run_cli("score", MANAGER, WORKER, "--out", "-", exit_code=ExitCode.OK)
    document = json.loads(result.stdout)
    assert [s["service"]["id"] for s in document["services"]] == ["northfield-youth"]
    assert document["services"][0]["staff"]["count"] == 2
