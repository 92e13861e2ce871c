"""Merging several staff members' answers to one criterion (issue 20, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_ladder.answers.team import (
    AnswersFile,
    StaffAnswer,
    group_staff_files,
    merge_answers,
    merge_team,
    staff_disagree,
)
from coprod_ladder.model import Answers

SCALE = ["always", "often", "sometimes", "rarely", "never"]


@pytest.mark.parametrize(
    ("answers", "merged", "answered", "spread"),
    [
        (["often"], "often", 1, (("often", 1),)),
        (["always", "never"], "never", 2, (("always", 1), ("never", 1))),
        (["always", "often", "never"], "often", 3,
         (("always", 1), ("often", 1), ("never", 1))),
        (["always", "always", "rarely"], "always", 3, (("always", 2), ("rarely", 1))),
        ([None, "sometimes"], "sometimes", 1, (("sometimes", 1),)),
        ([None, None], None, 0, ()),
    ],
)
def test_merge_table(answers: list[str | None], merged: str | None, answered: int,
                     spread: tuple[tuple[str, int], ...]) -> None:
    team = merge_answers([StaffAnswer(f"staff {i}", a) for i, a in enumerate(answers)], SCALE)
    assert (team.answer, team.answered, team.spread) == (merged, answered, spread)


def test_notes_kept_with_who_wrote_them() -> None:
    team = merge_answers([StaffAnswer("Zoe, worker", "often", "we ask"),
                          StaffAnswer("Ann, manager", "never", "not yet")], SCALE)
    assert team.notes == (("Ann, manager", "not yet"), ("Zoe, worker", "we ask"))


@pytest.mark.parametrize(("answers", "margin", "disagree"),
                         [(["always", "often"], 1, False), (["always", "sometimes"], 1, True),
                          (["never"], 0, False)])
def test_staff_disagree(answers: list[str], margin: int, disagree: bool) -> None:
    team = merge_answers([StaffAnswer(str(i), a) for i, a in enumerate(answers)], SCALE)
    assert staff_disagree(team, margin) is disagree


answer_lists = st.lists(st.sampled_from(SCALE), min_size=1, max_size=8)


@given(answer_lists, st.randoms())
def test_order_never_matters(answers: list[str], random: object) -> None:
    staff = [StaffAnswer(f"s{i}", a, f"n{i}") for i, a in enumerate(answers)]
    shuffled = list(staff)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge_answers(staff, SCALE) == merge_answers(shuffled, SCALE)


@given(answer_lists)
def test_agreeing_staff_never_lowers(answers: list[str]) -> None:
    staff = [StaffAnswer(f"s{i}", a) for i, a in enumerate(answers)]
    before = merge_answers(staff, SCALE)
    after = merge_answers([*staff, StaffAnswer("new", before.answer)], SCALE)
    assert after.answer == before.answer


@given(answer_lists)
def test_never_above_best_single_answer(answers: list[str]) -> None:
    team = merge_answers([StaffAnswer(f"s{i}", a) for i, a in enumerate(answers)], SCALE)
    assert team.answer is not None
    assert SCALE.index(team.answer) >= min(SCALE.index(a) for a in answers)


def _file(path: str, service: str = "svc", on: str | None = "2026-01-10",
          by: str | None = "Ann", rubric: str = "r@1.0.0") -> AnswersFile:
    return AnswersFile(path, service, on, by, rubric)


@pytest.mark.parametrize(
    ("files", "group_sizes", "mismatches"),
    [
        ([_file("a", by="Ann"), _file("b", by="Bo"), _file("c", by="Cy")], [3], 0),
        ([_file("a", on="2026-01-10"), _file("b", on="2026-02-10", by="Bo")], [1, 1], 0),
        ([_file("a", by="Ann"), _file("b", by="Ann")], [1, 1], 0),
        ([_file("a", by=None), _file("b", by="Bo")], [1, 1], 0),
        ([_file("a", by="Ann"), _file("b", by="Bo", rubric="r@2.0.0")], [], 1),
        ([_file("a", service="x"), _file("b", service="y", by="Bo")], [1, 1], 0),
    ],
)
def test_group_staff_files(files: list[AnswersFile], group_sizes: list[int],
                           mismatches: int) -> None:
    groups, odd = group_staff_files(files)
    assert [len(g) for g in groups] == group_sizes
    assert len(odd) == mismatches


def test_mismatch_names_both_paths() -> None:
    _, odd = group_staff_files([_file("staff/ann.yaml", by="Ann"),
                                _file("staff/bo.yaml", by="Bo", rubric="r@2.0.0")])
    assert (odd[0].first.path, odd[0].second.path) == ("staff/ann.yaml", "staff/bo.yaml")


def _staff(by: str, answer: str, evidence: str) -> Answers:
    return Answers.model_validate({
        "rubric": {"id": "r", "version": "1.0.0"},
        "service": {"id": "svc", "name": "Service"},
        "assessed_by": by, "assessed_on": "2026-01-10",
        "criteria": {"c1": {"answer": answer, "evidence": [{"what": evidence}]}},
    })


def test_merge_team_whichever_order() -> None:
    files = [_staff("Cy", "never", "e3"), _staff("Ann", "always", "e1"),
             _staff("Bo", "often", "e2")]
    merged = merge_team(files, lambda _cid: SCALE)
    assert merged.criteria["c1"].answer == "often"
    assert [e.what for e in merged.criteria["c1"].evidence] == ["e1", "e2", "e3"]
    assert merge_team(list(reversed(files)), lambda _cid: SCALE) == merged
