"""Check a schema-valid answers file against the rubric it answers.

Finds answers to criteria the rubric does not have, answers outside a criterion's scale,
"not applicable" where the rubric does not allow it or without a real reason, scope
declarations (unknown types, a type the rubric keeps in scope, reasons too short to explain
anything), unknown target rungs, and a rubric version other than the one loaded. Each problem
is a positioned Diagnostic. Pure.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.loader import problem_recorder
from coprod_ladder.model import Answers, ItemKind, Rubric
from coprod_ladder.rendering.labels import item_kind_words
from coprod_ladder.scoring import real_reason, reason_problem
from coprod_ladder.scoring.floors import duty_text, floors_for, service_duties
from coprod_ladder.yaml_source import YamlDocument

_Add = Callable[..., None]


def _did_you_mean(given: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(given, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else "; check the id or remove it"


def _check_types(answers: Answers, rubric: Rubric, add: _Add) -> None:
    """Scope and per-type targets: known types, real reasons, no always-in-scope type left out."""
    activities = {a.id: a for a in rubric.activities}
    rungs = rubric.rung_by_id()
    for tid, declared in answers.types.items():
        activity = activities.get(tid)
        if activity is None:
            add(("types", tid), Severity.ERROR, "unknown-type",
                f"the rubric '{rubric.id}' has no type of co-production '{tid}'"
                f"{_did_you_mean(tid, activities)}", key=True)
            continue
        if declared.out_of_scope is not None:
            if activity.always_in_scope:
                add(("types", tid, "out_of_scope"), Severity.ERROR, "always-in-scope",
                    f"the rubric '{rubric.id}' counts '{activity.name}' as part of every "
                    "service's work, so it cannot be out of scope; remove 'out_of_scope' and "
                    "answer its questions", key=True)
            elif not real_reason(declared.out_of_scope, rubric):
                code, message = _reason_message(
                    declared.out_of_scope, rubric,
                    f"why '{activity.name}' is not part of the service's work",
                    "A peer-education programme: it sets no council policy")
                add(("types", tid, "out_of_scope"), Severity.ERROR, code, message)
        if declared.target is not None and declared.target not in rungs:
            add(("types", tid, "target"), Severity.ERROR, "unknown-rung",
                f"the target rung '{declared.target}' is not a rung of '{rubric.id}' (rungs: "
                f"{', '.join(r.id for r in rubric.rungs_in_order())})")


def _reason_message(reason: str, rubric: Rubric, explains: str,
                    example: str) -> tuple[str, str]:
    """The code and sentence for a reason that does not count, with an example of one that
    does."""
    problem, given = reason_problem(reason, rubric), reason.strip()
    if problem == "stock-phrase":
        return "reason-stock-phrase", (
            f"'{given}' is a stock phrase, not a reason; say {explains} in your own words "
            f"(for example '{example}')")
    if problem == "too-few-words":
        return "reason-too-short", (
            f"the reason '{given}' is too short to explain {explains}; say it in at least "
            f"{rubric.scoring.min_reason_words} words (for example '{example}')")
    return "reason-too-short", (
        f"the reason '{given}' is too short to explain {explains}; say it in at least "
        f"{rubric.scoring.min_reason_chars} characters (for example '{example}')")


def _check_main_work(answers: Answers, rubric: Rubric, add: _Add) -> None:
    """Main work names known types that are in scope; duties are the rubric's."""
    activities = {a.id: a for a in rubric.activities}
    duties = {d.id for d in rubric.duties}
    out = {tid for tid, t in answers.types.items() if t.out_of_scope is not None}
    for i, tid in enumerate(answers.main_work):
        if tid not in activities:
            add(("main_work", i), Severity.ERROR, "unknown-type",
                f"the rubric '{rubric.id}' has no type of co-production '{tid}' to count as "
                f"main work{_did_you_mean(tid, activities)}")
        elif tid in out:
            add(("main_work", i), Severity.ERROR, "main-work-out-of-scope",
                f"'{activities[tid].name}' is named as main work but declared out of scope; "
                "remove it from 'main_work', or remove its 'out_of_scope'")
    for i, duty in enumerate(answers.service.duties):
        if duty not in duties:
            add(("service", "duties", i), Severity.ERROR, "unknown-duty",
                f"the rubric '{rubric.id}' has no duty '{duty}'"
                f"{_did_you_mean(duty, duties)} (duties: {', '.join(sorted(duties)) or 'none'})")
    jurisdictions = {j.id for j in rubric.jurisdictions}
    named = answers.service.jurisdiction
    if named is not None and named not in jurisdictions:
        add(("service", "jurisdiction"), Severity.ERROR, "unknown-jurisdiction",
            f"the rubric '{rubric.id}' has no jurisdiction '{named}'"
            f"{_did_you_mean(named, jurisdictions)} (jurisdictions: "
            f"{', '.join(sorted(jurisdictions)) or 'none'})")
    declared = service_duties(answers)
    for tid in sorted(out):
        activity = activities.get(tid)
        if activity is not None and not declared.isdisjoint(activity.main_work_for):
            add(("types", tid, "out_of_scope"), Severity.ERROR, "main-work-out-of-scope",
                f"the rubric counts '{activity.name}' as main work for a service with the duties "
                f"it declares ({', '.join(sorted(declared & set(activity.main_work_for)))}), so it "
                "cannot be out of scope; answer its questions, or remove the duty from "
                "'service: duties' if the service does not have it", key=True)


def check_answers(answers: Answers, rubric: Rubric, doc: YamlDocument) -> list[Diagnostic]:
    """Return every problem with an answers file when read against `rubric`."""
    out: list[Diagnostic] = []
    add = problem_recorder(doc, out)
    if answers.rubric.id != rubric.id:
        add(("rubric", "id"), Severity.ERROR, "wrong-rubric",
            f"these answers are for the rubric '{answers.rubric.id}', but they are being scored "
            f"with '{rubric.id}'; pass --rubric {answers.rubric.id} (or its file), or, if "
            f"'{rubric.id}' is a copy of '{answers.rubric.id}', say so in its history "
            "(docs/writing-a-rubric.md, \"Adopting a rubric\")")
        return out
    if answers.rubric.version != rubric.version:
        add(("rubric", "version"), Severity.WARNING, "rubric-version",
            f"these answers were given against version {answers.rubric.version} of the rubric "
            f"'{rubric.id}', but version {rubric.version} is loaded; criteria may have changed, "
            "so review the answers (coprod assess --answers FILE) and update the version")

    sets = rubric.answer_set_by_id()
    criteria = {c.id: c for c in rubric.criteria}
    for cid, given in answers.criteria.items():
        criterion = criteria.get(cid)
        if criterion is None:
            add(("criteria", cid), Severity.ERROR, "unknown-criterion",
                f"the rubric '{rubric.id}' has no criterion '{cid}'{_did_you_mean(cid, criteria)}",
                key=True)
            continue
        options = [o.id for o in sets[criterion.answer_set].options]
        if given.answer is not None and given.answer not in options:
            add(("criteria", cid, "answer"), Severity.ERROR, "unknown-answer",
                f"'{given.answer}' is not an answer to '{cid}'; expected one of: "
                f"{', '.join(options)}")
        if given.not_applicable is not None and not criterion.not_applicable_allowed:
            add(("criteria", cid, "not_applicable"), Severity.ERROR, "not-applicable-refused",
                f"the rubric does not allow '{cid}' to be marked not applicable; answer it instead",
                key=True)
        elif given.not_applicable is not None and not real_reason(given.not_applicable, rubric):
            code, message = _reason_message(
                given.not_applicable, rubric, f"why '{cid}' does not apply",
                "We are a statutory team and hold no budget")
            add(("criteria", cid, "not_applicable"), Severity.ERROR, code, message)
    _check_types(answers, rubric, add)
    _check_main_work(answers, rubric, add)
    for section, items in (("success_factors", rubric.success_factors),
                           ("readiness", rubric.readiness)):
        known = {f.id: f for f in items}
        for fid, given in getattr(answers, section).items():
            factor = known.get(fid)
            if factor is None:
                what = (ItemKind.SUCCESS_FACTOR if section == "success_factors"
                        else ItemKind.READINESS_STEP)
                add((section, fid), Severity.ERROR, "unknown-factor",
                    f"the rubric '{rubric.id}' has no {item_kind_words(what)} '{fid}'"
                    f"{_did_you_mean(fid, known)}",
                    key=True)
                continue
            options = [o.id for o in sets[factor.answer_set].options]
            if given.answer is not None and given.answer not in options:
                add((section, fid, "answer"), Severity.ERROR, "unknown-answer",
                    f"'{given.answer}' is not a rating for '{fid}'; expected one of: "
                    f"{', '.join(options)}")
    if answers.target is not None and answers.target.rung not in rubric.rung_by_id():
        add(("target", "rung"), Severity.ERROR, "unknown-rung",
            f"the target rung '{answers.target.rung}' is not a rung of '{rubric.id}' (rungs: "
            f"{', '.join(r.id for r in rubric.rungs_in_order())})")
        return out
    for loc, message in targets_below_floors(answers, rubric):
        add(loc, Severity.WARNING, "target-below-floor", message)
    return out


def targets_below_floors(answers: Answers,
                         rubric: Rubric) -> list[tuple[tuple[str, ...], str]]:
    """Return (where, message) for each target set below a statutory floor that applies.

    A floor applies when the service's tags match its `when_tags` and the type is in scope.
    The type's own target counts; without one, the service's overall target does.
    """
    rungs = rubric.rung_by_id()
    names = {a.id: a.name for a in rubric.activities}
    found: list[tuple[tuple[str, ...], str]] = []
    for floor in floors_for(rubric, answers):
        declared = answers.types.get(floor.activity)
        if declared is not None and declared.out_of_scope:
            continue
        loc: tuple[str, ...]
        if declared is not None and declared.target in rungs:
            target, loc = rungs[declared.target], ("types", floor.activity, "target")
        elif answers.target is not None:
            target, loc = rungs[answers.target.rung], ("target", "rung")
        else:
            continue
        floor_rung = rungs.get(floor.rung)
        if floor_rung is not None and target.level < floor_rung.level:
            found.append((loc, (
                f"the target '{target.name}' is below {floor_rung.name}, the lowest rung the "
                f"law expects for {names.get(floor.activity, floor.activity)}: "
                f"{duty_text(rubric, answers, floor)} Say why in the target's reason, or raise the "
                "target")))
    return found
