"""The questionnaire state machine, driven by scripted entries: no terminal, no files, no clock."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from coprod_ladder.model import Answers, CriterionAnswer, Evidence, FactorAnswer, Target, TypeAnswer
from coprod_ladder.questionnaire import (
    STEP_HANDLERS,
    InvalidEntry,
    Kind,
    Session,
    State,
    Step,
    derive_service_id,
    new_answers,
    questions_for,
    read_date,
    read_service_id,
    read_text,
)
from coprod_ladder.questionnaire.editing import describe
from coprod_ladder.resources import builtin_rubric_names
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.scoring.law import factors_in

TESTS = Path(__file__).parent
MINI, _ = load_rubric(str(TESTS / "data" / "rubrics" / "mini.yaml"))
TODAY = dt.date(2026, 5, 14)
SERVICE_KEYS = ["service.name", "service.id", "service.team", "service.tags.area",
                "service.tags.age", "assessed_by", "assessed_on"]


IN_SCOPE = {"design": TypeAnswer(), "delivery": TypeAnswer()}


def fresh(quick: bool = False, *, scoped: bool = True) -> Session:
    """A new session; `scoped`: both types already declared part of the service's work."""
    answers = new_answers(MINI, "Harbour Youth", "harbour-youth")
    if scoped:
        answers = answers.model_copy(update={"types": IN_SCOPE})
    return Session.start(MINI, answers, TODAY, quick=quick)


def run(session: Session, *entries: str) -> Session:
    for entry in entries:
        session = session.handle(entry)
    return session


def goto(session: Session, key: str) -> Session:
    """Jump to a question through the review screen, as a manager would."""
    number = [q.key for q in session.questions].index(key) + 1
    return run(session, "r", str(number))


def with_items(criteria: dict[str, CriterionAnswer] | None = None,
               factors: dict[str, FactorAnswer] | None = None, **extra: object) -> Answers:
    answers = new_answers(MINI, "Harbour Youth", "harbour-youth")
    return answers.model_copy(update={"assessed_on": TODAY, "criteria": criteria or {},
                                      "success_factors": factors or {}, "types": IN_SCOPE,
                                      **extra})


def met(evidence: bool = False) -> CriterionAnswer:
    return CriterionAnswer(answer="effective",
                           evidence=[Evidence(what="survey")] if evidence else [])


# ---- order of questions -----------------------------------------------------------------------


def test_full_mode_asks_the_service_then_activity_by_activity_rung_by_rung_then_factors() -> None:
    assert [q.key for q in questions_for(MINI)] == [
        *SERVICE_KEYS,
        "types.design", "criteria.design-asked", "criteria.design-together",
        "types.delivery", "criteria.delivery-asked", "criteria.delivery-together",
        "success_factors.csf-governance", "readiness.ready-lead", "main_work", "target"]


def test_declaring_a_type_out_of_scope_needs_a_real_reason_and_drops_its_questions() -> None:
    session = goto(fresh(scoped=False), "types.delivery")
    session = run(session, "2")
    assert session.step is Step.SCOPE_REASON
    session = run(session, "n/a")
    assert session.message is not None and "too short" in session.message.text
    session = run(session, "Sessions are run by the school, not by us.")
    assert session.answers.types["delivery"].out_of_scope == (
        "Sessions are run by the school, not by us.")
    assert "criteria.delivery-asked" not in [q.key for q in session.questions]


def test_a_short_not_applicable_reason_is_refused() -> None:
    session = run(goto(fresh(), "criteria.delivery-asked"), "n", "x")
    assert session.message is not None and "too short" in session.message.text
    assert "delivery-asked" not in session.answers.criteria


def test_the_answers_that_count_are_named_in_the_help() -> None:
    session = run(goto(fresh(), "criteria.design-asked"), "?")
    assert session.message is not None
    assert "Answers 1 and 2 count as in place; the others do not." in session.message.text


def test_a_type_out_of_scope_drops_its_questions() -> None:
    answers = new_answers(MINI, "Harbour", "harbour").model_copy(update={
        "types": {"delivery": TypeAnswer(out_of_scope="We run no sessions ourselves.")}})
    keys = [q.key for q in questions_for(MINI, answers)]
    assert "types.delivery" in keys and "criteria.delivery-asked" not in keys


@pytest.mark.skipif("default" not in builtin_rubric_names(), reason="no default rubric yet")
def test_full_mode_order_on_the_default_rubric() -> None:
    rubric, _ = load_rubric("default")
    questions = questions_for(rubric)
    # Which country's law applies comes before the duties, since it decides their law.
    duties = ["service.jurisdiction", *(f"service.duties.{d.id}" for d in rubric.duties)]
    assert [q.key for q in questions[:7 + len(duties)]] == [*SERVICE_KEYS[:-1], *duties,
                                                             SERVICE_KEYS[-1]]
    criteria = [q for q in questions if q.kind is Kind.CRITERION]
    assert len(criteria) == len(rubric.criteria)
    activities = [a.name for a in rubric.activities]
    # Each activity's questions are together, in rubric order, rungs from the bottom up.
    seen = [q.section for n, q in enumerate(criteria) if n == 0 or criteria[n - 1].section
            != q.section]
    assert seen == activities
    for name in activities:
        levels = [q.rung.level for q in criteria if q.section == name and q.rung]
        assert levels == sorted(levels)
    scope = [q for q in questions if q.kind is Kind.SCOPE]
    assert len(scope) == sum(1 for a in rubric.activities if not a.always_in_scope)
    tail = [q.kind for q in questions[7 + len(duties) + len(criteria) + len(scope):]]
    england = rubric.jurisdictions[0]  # no country named: the first, whose factors are asked
    assert tail == ([Kind.SUCCESS_FACTOR] * len(factors_in(rubric.success_factors, england))
                    + [Kind.READINESS] * len(factors_in(rubric.readiness, england))
                    + [Kind.MAIN_WORK, Kind.TARGET])


QUICK_CASES = {
    "nothing answered: each type's second rung": (
        {}, {}, {}, ["types.design", "criteria.design-asked",
                     "types.delivery", "criteria.delivery-asked"]),
    # The factors follow the highest rough rung, not the placement, so the list of questions
    # does not grow as criteria are answered: on the top rung, the factor that gates it.
    "a type estimated on the top rung: that rung's criteria confirm it": (
        {}, {}, {"design": TypeAnswer(estimate="together")},
        ["types.design", "criteria.design-together",
         "types.delivery", "criteria.delivery-asked", "success_factors.csf-governance"]),
    "a type placed on a rung: that rung and the next": (
        {"design-asked": met()}, {}, {},
        ["types.design", "criteria.design-asked", "criteria.design-together",
         "types.delivery", "criteria.delivery-asked", "success_factors.csf-governance"]),
    "the service on a rung: the factors that gate the next one": (
        {"design-asked": met(), "delivery-asked": met(True)}, {}, {},
        ["types.design", "criteria.design-asked", "criteria.design-together",
         "types.delivery", "criteria.delivery-asked", "criteria.delivery-together",
         "success_factors.csf-governance"]),
    "a type out of scope: no questions about it": (
        {}, {}, {"delivery": TypeAnswer(out_of_scope="Sessions are run by the school.")},
        ["types.design", "criteria.design-asked", "types.delivery"]),
}


@pytest.mark.parametrize(("criteria", "factors", "types", "expected"), QUICK_CASES.values(),
                         ids=QUICK_CASES.keys())
def test_quick_mode_asks_only_what_decides_the_current_and_next_rung(
        criteria: dict[str, CriterionAnswer], factors: dict[str, FactorAnswer],
        types: dict[str, TypeAnswer], expected: list[str]) -> None:
    answers = with_items(criteria, factors)
    answers = answers.model_copy(update={"types": {**answers.types, **types}})
    keys = [q.key for q in questions_for(MINI, answers, quick=True)]
    assert keys == [*SERVICE_KEYS, *expected, "main_work", "target"]


def test_quick_mode_questions_are_known_once_each_type_is_placed_roughly() -> None:
    session = run(fresh(quick=True, scoped=False), "", "", "", "", "")  # the service
    assert session.key == "types.design"
    session = run(session, "2")  # design: roughly on Asked
    assert session.key == "criteria.design-asked"
    assert len(session.questions) == 14  # Asked, Together, and the factor that gates Together
    session = run(session, "1", "e", "Feedback forms", "", "", "")
    assert session.key == "criteria.design-together"  # Asked confirmed; the next rung decides
    assert len(session.questions) == 14  # answering a criterion does not move the total
    session = run(session, "3", "1", "1", "")  # design-together not met; delivery on Told
    assert session.key == "success_factors.csf-governance"
    assert len(session.questions) == 15
    # Changing an answer can take questions away again.
    session = run(session, "r", "8", "1")
    assert [q.key for q in session.questions].count("criteria.design-together") == 0


# ---- a whole assessment -----------------------------------------------------------------------


def test_a_whole_assessment_scripted() -> None:
    session = fresh(scoped=False)
    assert session.key == "service.team"  # the name and id come with the new answers
    session = run(
        session,
        "Early help", "South", "", "Sam Patel", "",     # team, area, (no ages), who, today
        "1",                                             # design is part of the work
        "1", "",                                         # design-asked: met, no details
        "3",                                             # design-together: not met
        "1",                                             # delivery is part of the work
        "n", "We do not deliver sessions",               # delivery-asked: not applicable
        "s",                                             # delivery-together: later
        "2", "",                                         # success factor
        "4",                                             # readiness
        "",                                              # main work: none beyond the rubric's
        "", "The youth council asked for it",            # target: the suggested next rung
    )
    assert session.step is Step.REVIEW
    assert [q.key for q in session.unanswered()] == ["criteria.delivery-together"]
    session = run(session, "")                           # Enter: answer the skipped one
    assert session.key == "criteria.delivery-together"
    session = run(session, "4")
    assert session.step is Step.REVIEW
    session = run(session, "")
    assert session.state is State.FINISHED
    a = session.answers
    assert a.service.team == "Early help"
    assert a.service.tags == {"area": "South"}
    assert (a.assessed_by, a.assessed_on) == ("Sam Patel", TODAY)
    assert a.criteria["design-asked"].answer == "effective"
    assert a.criteria["design-together"].answer == "establishing"
    assert a.criteria["delivery-asked"] == CriterionAnswer(
        not_applicable="We do not deliver sessions")
    assert a.criteria["delivery-together"].answer == "not-in-place"
    assert list(a.criteria) == [c.id for c in MINI.criteria]  # kept in rubric order
    assert a.success_factors["csf-governance"].answer == "needs-improving"
    assert a.readiness["ready-lead"].answer == "not-in-place"
    # Design stands on Asked, delivery has no rung: overall the service stands one rung
    # below its best type, so the suggested target is the next rung up, Asked.
    assert a.target == Target(rung="asked", reason="The youth council asked for it")
    assert a.types == {"design": TypeAnswer(), "delivery": TypeAnswer()}


def test_evidence_what_cyp_and_f_said_and_validation_are_saved_as_typed() -> None:
    session = goto(fresh(), "criteria.design-asked")
    session = run(session, "1")
    assert session.step is Step.DETAILS
    session = run(session, "e", "Annual survey: 212 replies")
    # Saved at once, before where and when are asked: nothing typed is lost.
    assert session.answers.criteria["design-asked"].evidence == [
        Evidence(what="Annual survey: 212 replies")]
    assert session.step is Step.EVIDENCE_WHERE
    session = run(session, "https://intranet.example/survey", "01/02/2026",
                  "c", 'They said "mostly": <script>', "v", "Youth council", "today")
    given = session.answers.criteria["design-asked"]
    assert given.evidence == [Evidence(what="Annual survey: 212 replies",
                                       where="https://intranet.example/survey",
                                       date=dt.date(2026, 2, 1))]
    assert given.cyp_say == 'They said "mostly": <script>'
    assert given.validated is not None
    assert (given.validated.by, given.validated.on) == ("Youth council", TODAY)
    assert session.step is Step.DETAILS
    assert len(session.prompt().details) == 3
    session = run(session, "c", "-")  # '-' clears what they said
    assert session.answers.criteria["design-asked"].cyp_say is None
    session = run(session, "")
    assert session.step is Step.REVIEW  # came from the review, so back to it


def test_factor_details_offer_evidence_only() -> None:
    session = run(goto(fresh(), "success_factors.csf-governance"), "1")
    assert session.step is Step.DETAILS
    assert not any(k.startswith("c ") for k in session.prompt().keys)
    session = run(session, "c")
    assert session.message is not None and session.message.kind == "error"
    session = run(session, "e", "Board minutes", "", "")
    assert session.answers.success_factors["csf-governance"].evidence == [
        Evidence(what="Board minutes")]


# ---- moving around ----------------------------------------------------------------------------


def test_back_goes_to_the_previous_question_and_enter_keeps_its_answer() -> None:
    session = fresh()
    session = run(session, "b")
    assert session.key == "service.id"
    session = run(session, "b")
    assert session.key == "service.name"
    session = run(session, "b")
    assert session.key == "service.name"
    assert session.message is not None and "first question" in session.message.text
    session = run(session, "")  # keep the name
    assert session.key == "service.team"  # on to the first unanswered question again
    assert session.answers.service.name == "Harbour Youth"


def test_back_then_change_then_carry_on_where_you_were() -> None:
    session = run(fresh(), "", "", "", "", "", "1", "", "3")
    assert session.key == "criteria.delivery-asked"
    session = run(session, "b", "b", "b", "2", "")  # back past the scope question
    assert session.answers.criteria["design-asked"].answer == "needs-improving"
    assert session.key == "criteria.delivery-asked"  # the next unanswered, not the next one


def test_skip_leaves_the_question_for_later() -> None:
    session = run(fresh(), "", "", "", "", "", "s")
    assert session.key == "criteria.design-together"
    assert "design-asked" not in session.answers.criteria
    row = session.review()[8]
    assert (row.title, row.answer, row.answered) == (
        "Rung 2: We ask children what they think of the service design.", None, False)


def test_review_lists_every_question_and_jumps_back_to_the_review() -> None:
    session = run(fresh(), "Early help", "r")
    assert session.step is Step.REVIEW
    rows = session.review()
    assert [r.number for r in rows] == list(range(1, 18))
    assert rows[2].answer == "Early help"
    session = run(session, "3", "Youth work")
    assert session.answers.service.team == "Youth work"
    assert session.step is Step.REVIEW
    session = run(session, "3", "-")  # an optional detail can be cleared
    assert session.answers.service.team is None


def test_quit_and_finish() -> None:
    session = run(fresh(), "Early help", "q")
    assert session.state is State.QUIT
    assert session.answers.service.team == "Early help"
    assert run(session, "anything") is session  # a stopped session ignores input
    session = run(fresh(), "r", "f")
    assert session.state is State.FINISHED


def test_help_is_information_not_an_answer() -> None:
    session = goto(fresh(), "criteria.design-asked")
    after = run(session, "?")
    assert after.message is not None and after.message.kind == "info"
    assert "Run a short survey." in after.message.text  # the criterion's guidance
    assert (after.key, after.step, after.answers) == (session.key, session.step, session.answers)


# ---- not applicable ---------------------------------------------------------------------------


def test_not_applicable_needs_a_reason_and_is_refused_where_not_allowed() -> None:
    session = goto(fresh(), "criteria.design-asked")
    refused = run(session, "n")
    assert refused.message is not None and "does not let" in refused.message.text
    assert (refused.key, refused.step) == ("criteria.design-asked", Step.ASK)

    session = run(goto(fresh(), "criteria.delivery-asked"), "n")
    assert session.step is Step.NOT_APPLICABLE
    for empty in ("", "   ", "s"):
        again = run(session, empty)
        assert again.message is not None and "reason is needed" in again.message.text
        assert again.step is Step.NOT_APPLICABLE
    assert run(session, "b").step is Step.ASK
    session = run(session, "We commission, we do not deliver")
    assert session.answers.criteria["delivery-asked"].not_applicable == (
        "We commission, we do not deliver")
    # Answering it later replaces "not applicable".
    session = run(goto(session, "criteria.delivery-asked"), "3")
    assert session.answers.criteria["delivery-asked"] == CriterionAnswer(answer="establishing")


# ---- invalid entries are asked again -----------------------------------------------------------

INVALID = {
    "a number off the scale": ("criteria.design-asked", [], "7", "not one of the answers"),
    "a word that is no answer": ("criteria.design-asked", [], "maybe", "type a number from 1"),
    "Enter with no answer yet": ("criteria.design-asked", [], "", "type a number from 1 to 4"),
    "not applicable on a factor": ("success_factors.csf-governance", [], "n", "only some"),
    "a date that is not a date": ("assessed_on", [], "31/02/2026", "not a date"),
    "a date in words": ("assessed_on", [], "next Tuesday", "like 2026-03-31"),
    "a bad service id": ("service.id", [], "Harbour Youth!", "not a usable id"),
    "a clear on a needed field": ("service.name", [], "-", "cannot be cleared"),
    "text too long": ("service.team", [], "x" * 301, "keep it under 300"),
    "an evidence date in the future": ("criteria.design-asked", ["1", "e", "Survey", ""],
                                       "2026-06-01", "in the future"),
    "an empty not-applicable reason": ("criteria.delivery-asked", ["n"], "", "reason is needed"),
    "a detail key that does not exist": ("criteria.design-asked", ["1"], "x", "e, c or v"),
    "a target off the ladder": ("target", [], "9", "from 1 to 3"),
}


@pytest.mark.parametrize(("key", "before", "entry", "expected"), INVALID.values(),
                         ids=INVALID.keys())
def test_invalid_entries_are_asked_again_with_what_is_expected(
        key: str, before: list[str], entry: str, expected: str) -> None:
    session = run(goto(fresh(), key), *before)
    after = session.handle(entry)
    assert after.message is not None and after.message.kind == "error"
    assert expected in after.message.text
    assert (after.key, after.step, after.answers) == (session.key, session.step, session.answers)
    assert after.state is State.RUNNING


def test_an_invalid_review_entry_is_asked_again() -> None:
    session = run(fresh(), "r")
    after = session.handle("99")
    assert after.step is Step.REVIEW
    assert after.message is not None and "from 1 to 17" in after.message.text


# ---- resuming ---------------------------------------------------------------------------------

RESUME = {
    "new file: the first service detail after name and id": (
        new_answers(MINI, "Harbour Youth", "harbour-youth"), "service.team"),
    "service done: the first criterion": (with_items(), "criteria.design-asked"),
    "skipped early, answered later: the skipped one": (
        with_items({"design-together": met(), "delivery-asked": met()}),
        "criteria.design-asked"),
    "only the target left": (
        with_items({c.id: met() for c in MINI.criteria},
                   {"csf-governance": FactorAnswer(answer="weak")},
                   readiness={"ready-lead": FactorAnswer(answer="weak")}), "main_work"),
}


@pytest.mark.parametrize(("answers", "key"), RESUME.values(), ids=RESUME.keys())
def test_resume_starts_at_the_first_unanswered_question(answers: Answers, key: str) -> None:
    session = Session.start(MINI, answers, TODAY)
    assert (session.key, session.step) == (key, Step.ASK)


def test_resume_of_a_complete_file_opens_the_review() -> None:
    answers = with_items({c.id: met() for c in MINI.criteria},
                         {"csf-governance": FactorAnswer(answer="weak")},
                         readiness={"ready-lead": FactorAnswer(answer="weak")},
                         target=Target(rung="asked"))
    session = Session.start(MINI, answers, TODAY)
    assert session.step is Step.REVIEW
    assert run(session, "").state is State.FINISHED


def test_target_suggests_the_next_rung_and_keeps_a_chosen_one() -> None:
    session = Session.start(MINI, with_items({"design-asked": met(),
                                              "delivery-asked": met(True)}), TODAY)
    target = next(q for q in session.questions if q.key == "target")
    assert target.default == "together"  # standing on Asked, so Together is next
    session = run(goto(session, "target"), "1", "Statutory work; informing is right for now")
    assert session.answers.target == Target(
        rung="told", reason="Statutory work; informing is right for now")
    session = run(goto(session, "target"), "", "")
    assert session.answers.target == Target(
        rung="told", reason="Statutory work; informing is right for now")


# ---- reading typed text -----------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-03-31", dt.date(2026, 3, 31)),
    ("31/03/2026", dt.date(2026, 3, 31)),
    ("31-03-2026", dt.date(2026, 3, 31)),
    ("31.03.2026", dt.date(2026, 3, 31)),
    ("01/04/26", dt.date(2026, 4, 1)),
    (" today ", TODAY),
])
def test_dates_a_manager_might_type(raw: str, expected: dt.date) -> None:
    assert read_date(raw, TODAY) == expected


@pytest.mark.parametrize("raw", ["", "2026-02-30", "31/13/2026", "March", "2026/03/31x"])
def test_not_dates(raw: str) -> None:
    with pytest.raises(InvalidEntry, match="like 2026-03-31"):
        read_date(raw, TODAY)


@pytest.mark.parametrize(("name", "expected"), [
    ("Harbour Youth Club", "harbour-youth-club"),
    ("Ysgol Gân (Môn)", "ysgol-gan-mon"),
    ("  Ça & Ærø!  ", "ca-and-aero"),
    ("SEND 0–25 Team", "send-0-25-team"),
    ("!!!", "service"),
    ("a" * 100, "a" * 60),
])
def test_service_id_is_derived_from_the_name(name: str, expected: str) -> None:
    assert derive_service_id(name) == expected
    assert read_service_id(expected) == expected


def test_text_is_trimmed_and_must_not_be_empty() -> None:
    assert read_text("  Early help \n") == "Early help"
    with pytest.raises(InvalidEntry, match="cannot be empty"):
        read_text("   ")


# ---- question counts stay what the docs say ----------------------------------------------------


@pytest.mark.skipif("default" not in builtin_rubric_names(), reason="no default rubric yet")
def test_question_counts_on_the_default_rubric_match_docs() -> None:
    rubric, _ = load_rubric("default")
    full = len(questions_for(rubric))
    empty = new_answers(rubric, "X", "x")
    in_wales = empty.model_copy(update={"service": empty.service.model_copy(
        update={"jurisdiction": "wales"})})
    wales = len(questions_for(rubric, in_wales))
    best = len(questions_for(rubric, empty, quick=True))
    sets = rubric.answer_set_by_id()

    def top(set_id: str) -> str:
        return next(o.id for o in sets[set_id].options if o.meets)

    all_met = empty.model_copy(update={
        "criteria": {c.id: CriterionAnswer(answer=top(c.answer_set),
                                           evidence=[Evidence(what="e")])
                     for c in rubric.criteria},
        "success_factors": {f.id: FactorAnswer(answer=top(f.answer_set))
                            for f in rubric.success_factors},
        "readiness": {f.id: FactorAnswer(answer=top(f.answer_set)) for f in rubric.readiness}})
    # Quick mode asks, per type, the rung the manager picks and the next one: try each pick.
    picks = [empty.model_copy(update={"types": {a.id: TypeAnswer(estimate=r.id)
                                                for a in rubric.activities}})
             for r in rubric.rungs]
    worst = max(len(questions_for(rubric, a, quick=True)) for a in [all_met, *picks])
    doc = (TESTS.parent / "docs" / "assess.md").read_text(encoding="utf-8")
    stated = dict(re.findall(
        r"^\| (full|full, Wales|quick, best case|quick, worst case) \| (\d+) \|", doc,
        flags=re.MULTILINE))
    assert stated == {"full": str(full), "full, Wales": str(wales), "quick, best case": str(best),
                      "quick, worst case": str(worst)}, "update docs/assess.md"
    assert wales == full + 1, "a service in Wales is asked the Welsh active offer too"


def test_every_step_has_a_handler() -> None:
    assert set(STEP_HANDLERS) == set(Step)


def test_main_work_is_typed_as_numbers_and_checked() -> None:
    session = goto(fresh(), "main_work")
    (question,) = [q for q in session.questions if q.key == "main_work"]
    assert [c.id for c in question.choices] == ["design", "delivery"]
    refused = run(session, "1 9")
    assert refused.message is not None and "'9' is not one of the types" in refused.message.text
    assert refused.answers.main_work == []
    chosen = run(session, "2, 1")
    assert chosen.answers.main_work == ["design", "delivery"]  # in rubric order, once each
    assert describe(question, chosen.answers) == "1 Co-design; 2 Co-delivery"


@pytest.mark.skipif("default" not in builtin_rubric_names(), reason="no default rubric yet")
def test_duties_are_asked_in_plain_words_and_saved() -> None:
    rubric, _ = load_rubric("default")
    answers = new_answers(rubric, "Family hub", "family-hub")
    session = Session.start(rubric, answers, TODAY)
    session = goto(session, "service.duties.send")
    assert session.current is not None and "special educational needs" in session.current.title
    session = run(session, "1")
    assert session.answers.service.duties == ["send"]
    session = run(goto(session, "service.duties.send"), "2")
    assert session.answers.service.duties == []


# ---- which country's law applies ---------------------------------------------------------------


WELSH_FACTOR = "success_factors.sf-welsh-active-offer"


def test_the_country_is_asked_only_when_the_rubric_lists_several() -> None:
    assert "service.jurisdiction" not in [q.key for q in questions_for(MINI)]
    rubric, _ = load_rubric("default")
    (country,) = [q for q in questions_for(rubric) if q.key == "service.jurisdiction"]
    assert [(c.id, c.label) for c in country.choices] == [("england", "England"),
                                                          ("wales", "Wales")]
    assert country.default == "england" and country.section == "About the service"


def test_a_service_in_wales_is_asked_the_welsh_factor_and_keeps_its_country() -> None:
    rubric, _ = load_rubric("default")
    session = Session.start(rubric, new_answers(rubric, "Harbour Youth", "harbour-youth"), TODAY)
    assert WELSH_FACTOR not in [q.key for q in session.questions]
    session = goto(session, "service.jurisdiction")
    assert session.prompt().default == "1 England"  # Enter: the first country
    session = run(session, "2")
    assert session.answers.service.jurisdiction == "wales"
    assert WELSH_FACTOR in [q.key for q in session.questions]
    session = run(goto(session, "service.jurisdiction"), "")  # Enter keeps Wales
    assert session.answers.service.jurisdiction == "wales"
    session = run(goto(session, "service.jurisdiction"), "england")
    assert session.answers.service.jurisdiction == "england"
    assert WELSH_FACTOR not in [q.key for q in session.questions]


def test_enter_chooses_the_first_country_and_a_file_without_one_is_not_asked_again() -> None:
    rubric, _ = load_rubric("default")
    session = run(goto(Session.start(rubric, new_answers(rubric, "Harbour", "harbour"), TODAY),
                       "service.jurisdiction"), "")
    assert session.answers.service.jurisdiction == "england"
    # A file whose service section is done but names no country reads as England: the
    # question counts as answered and nothing is written for it.
    done = new_answers(rubric, "Harbour", "harbour").model_copy(update={"assessed_on": TODAY})
    (country,) = [q for q in questions_for(rubric, done) if q.key == "service.jurisdiction"]
    assert describe(country, done) == "1 England"
    resumed = Session.start(rubric, done, TODAY)
    assert resumed.current is not None and resumed.current.key != "service.jurisdiction"
    assert resumed.answers.service.jurisdiction is None
