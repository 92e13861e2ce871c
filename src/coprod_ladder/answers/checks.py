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
from coprod_ladder.language import _
from coprod_ladder.loader import problem_recorder
from coprod_ladder.model import Answers, ItemKind, Rubric
from coprod_ladder.rendering.labels import item_kind_words
from coprod_ladder.scoring import real_reason, reason_problem
from coprod_ladder.scoring.floors import duty_text, floors_for, service_duties
from coprod_ladder.scoring.per_rubric import items_by_id, rungs_by_id
from coprod_ladder.yaml_source import YamlDocument

_Add = Callable[..., None]


def _did_you_mean(problem: str, given: str, known: Iterable[str]) -> str:
    """The problem with an unknown id, and the id meant (the closest known one) or what to do."""
    close = difflib.get_close_matches(given, list(known), n=1)
    if close:
        # TRANSLATORS: {problem} is a whole clause, such as "the rubric 'x' has no criterion 'y'".
        return _("{problem}; did you mean '{id}'?").format(problem=problem, id=close[0])
    return _("{problem}; check the id or remove it").format(problem=problem)


def _check_types(answers: Answers, rubric: Rubric, add: _Add) -> None:
    """Scope and per-type targets: known types, real reasons, no always-in-scope type left out."""
    activities = items_by_id(rubric).activities
    rungs = rungs_by_id(rubric)
    for tid, declared in answers.types.items():
        activity = activities.get(tid)
        if activity is None:
            add(("types", tid), Severity.ERROR, "unknown-type", _did_you_mean(
                _("the rubric '{rubric}' has no type of co-production '{type}'").format(
                    rubric=rubric.id, type=tid), tid, activities), key=True)
            continue
        if declared.out_of_scope is not None:
            if activity.always_in_scope:
                add(("types", tid, "out_of_scope"), Severity.ERROR, "always-in-scope",
                    _("the rubric '{rubric}' counts '{type}' as part of every service's work, "
                      "so it cannot be out of scope; remove 'out_of_scope' and answer its "
                      "questions").format(rubric=rubric.id, type=activity.name), key=True)
            elif not real_reason(declared.out_of_scope, rubric):
                code, message = _reason_message(
                    declared.out_of_scope, rubric,
                    _("why '{type}' is not part of the service's work").format(
                        type=activity.name),
                    _("A peer-education programme: it sets no council policy"))
                add(("types", tid, "out_of_scope"), Severity.ERROR, code, message)
        if declared.target is not None and declared.target not in rungs:
            add(("types", tid, "target"), Severity.ERROR, "unknown-rung",
                _("the target rung '{rung}' is not a rung of '{rubric}' (rungs: {rungs})").format(
                    rung=declared.target, rubric=rubric.id,
                    rungs=", ".join(r.id for r in rubric.rungs_in_order())))


def _reason_message(reason: str, rubric: Rubric, explains: str,
                    example: str) -> tuple[str, str]:
    """The code and sentence for a reason that does not count, with an example of one that
    does."""
    problem, given = reason_problem(reason, rubric), reason.strip()
    # TRANSLATORS: {explains} is a clause such as "why 'x' does not apply".
    if problem == "stock-phrase":
        return "reason-stock-phrase", _(
            "'{reason}' is a stock phrase, not a reason; say {explains} in your own words "
            "(for example '{example}')").format(reason=given, explains=explains,
                                                example=example)
    if problem == "too-few-words":
        return "reason-too-short", _(
            "the reason '{reason}' is too short to explain {explains}; say it in at least "
            "{count} words (for example '{example}')").format(
                reason=given, explains=explains, count=rubric.scoring.min_reason_words,
                example=example)
    return "reason-too-short", _(
        "the reason '{reason}' is too short to explain {explains}; say it in at least "
        "{count} characters (for example '{example}')").format(
            reason=given, explains=explains, count=rubric.scoring.min_reason_chars,
            example=example)


def _check_main_work(answers: Answers, rubric: Rubric, add: _Add) -> None:
    """Main work names known types that are in scope; duties are the rubric's."""
    activities = items_by_id(rubric).activities
    duties = {d.id for d in rubric.duties}
    out = {tid for tid, t in answers.types.items() if t.out_of_scope is not None}
    for i, tid in enumerate(answers.main_work):
        if tid not in activities:
            add(("main_work", i), Severity.ERROR, "unknown-type", _did_you_mean(
                _("the rubric '{rubric}' has no type of co-production '{type}' to count as "
                  "main work").format(rubric=rubric.id, type=tid), tid, activities))
        elif tid in out:
            add(("main_work", i), Severity.ERROR, "main-work-out-of-scope",
                _("'{type}' is named as main work but declared out of scope; remove it from "
                  "'main_work', or remove its 'out_of_scope'").format(
                      type=activities[tid].name))
    for i, duty in enumerate(answers.service.duties):
        if duty not in duties:
            add(("service", "duties", i), Severity.ERROR, "unknown-duty",
                _("{problem} (duties: {duties})").format(
                    problem=_did_you_mean(_("the rubric '{rubric}' has no duty '{duty}'").format(
                        rubric=rubric.id, duty=duty), duty, duties),
                    duties=", ".join(sorted(duties)) or _("none")))
    jurisdictions = {j.id for j in rubric.jurisdictions}
    named = answers.service.jurisdiction
    if named is not None and named not in jurisdictions:
        add(("service", "jurisdiction"), Severity.ERROR, "unknown-jurisdiction",
            _("{problem} (jurisdictions: {jurisdictions})").format(
                problem=_did_you_mean(
                    _("the rubric '{rubric}' has no jurisdiction '{jurisdiction}'").format(
                        rubric=rubric.id, jurisdiction=named), named, jurisdictions),
                jurisdictions=", ".join(sorted(jurisdictions)) or _("none")))
    declared = service_duties(answers)
    for tid in sorted(out):
        activity = activities.get(tid)
        if activity is not None and not declared.isdisjoint(activity.main_work_for):
            add(("types", tid, "out_of_scope"), Severity.ERROR, "main-work-out-of-scope",
                _("the rubric counts '{type}' as main work for a service with the duties it "
                  "declares ({duties}), so it cannot be out of scope; answer its questions, or "
                  "remove the duty from 'service: duties' if the service does not have "
                  "it").format(type=activity.name,
                               duties=", ".join(sorted(declared & set(activity.main_work_for)))),
                key=True)


def check_answers(answers: Answers, rubric: Rubric, doc: YamlDocument) -> list[Diagnostic]:
    """Return every problem with an answers file when read against `rubric`."""
    out: list[Diagnostic] = []
    add = problem_recorder(doc, out)
    if answers.rubric.id != rubric.id:
        # TRANSLATORS: "Adopting a rubric" is a heading of docs/writing-a-rubric.md (English).
        add(("rubric", "id"), Severity.ERROR, "wrong-rubric",
            _("these answers are for the rubric '{given}', but they are being scored with "
              "'{rubric}'; pass --rubric {given} (or its file), or, if '{rubric}' is a copy of "
              "'{given}', say so in its history (docs/writing-a-rubric.md, \"Adopting a "
              "rubric\")").format(given=answers.rubric.id, rubric=rubric.id))
        return out
    if answers.rubric.version != rubric.version:
        add(("rubric", "version"), Severity.WARNING, "rubric-version",
            _("these answers were given against version {given} of the rubric '{rubric}', but "
              "version {version} is loaded; criteria may have changed, so review the answers "
              "(coprod assess --answers FILE) and update the version").format(
                  given=answers.rubric.version, rubric=rubric.id, version=rubric.version))

    items = items_by_id(rubric)
    answer_ids, criteria = items.answer_ids, items.criteria
    for cid, given in answers.criteria.items():
        criterion = criteria.get(cid)
        if criterion is None:
            add(("criteria", cid), Severity.ERROR, "unknown-criterion", _did_you_mean(
                _("the rubric '{rubric}' has no criterion '{id}'").format(rubric=rubric.id,
                                                                         id=cid),
                cid, criteria), key=True)
            continue
        options = answer_ids[criterion.answer_set]
        if given.answer is not None and given.answer not in options:
            add(("criteria", cid, "answer"), Severity.ERROR, "unknown-answer",
                _("'{answer}' is not an answer to '{id}'; expected one of: {options}").format(
                    answer=given.answer, id=cid, options=", ".join(options)))
        if given.not_applicable is not None and not criterion.not_applicable_allowed:
            add(("criteria", cid, "not_applicable"), Severity.ERROR, "not-applicable-refused",
                _("the rubric does not allow '{id}' to be marked not applicable; answer it "
                  "instead").format(id=cid), key=True)
        elif given.not_applicable is not None and not real_reason(given.not_applicable, rubric):
            code, message = _reason_message(
                given.not_applicable, rubric, _("why '{id}' does not apply").format(id=cid),
                _("We are a statutory team and hold no budget"))
            add(("criteria", cid, "not_applicable"), Severity.ERROR, code, message)
    _check_types(answers, rubric, add)
    _check_main_work(answers, rubric, add)
    for section, known in (("success_factors", items.success_factors),
                           ("readiness", items.readiness)):
        for fid, given in getattr(answers, section).items():
            factor = known.get(fid)
            if factor is None:
                what = (ItemKind.SUCCESS_FACTOR if section == "success_factors"
                        else ItemKind.READINESS_STEP)
                # TRANSLATORS: {kind} is "critical success factor" or "readiness step".
                add((section, fid), Severity.ERROR, "unknown-factor", _did_you_mean(
                    _("the rubric '{rubric}' has no {kind} '{id}'").format(
                        rubric=rubric.id, kind=item_kind_words(what), id=fid), fid, known),
                    key=True)
                continue
            options = answer_ids[factor.answer_set]
            if given.answer is not None and given.answer not in options:
                add((section, fid, "answer"), Severity.ERROR, "unknown-answer",
                    _("'{answer}' is not a rating for '{id}'; expected one of: {options}").format(
                        answer=given.answer, id=fid, options=", ".join(options)))
    if answers.target is not None and answers.target.rung not in rungs_by_id(rubric):
        add(("target", "rung"), Severity.ERROR, "unknown-rung",
            _("the target rung '{rung}' is not a rung of '{rubric}' (rungs: {rungs})").format(
                rung=answers.target.rung, rubric=rubric.id,
                rungs=", ".join(r.id for r in rubric.rungs_in_order())))
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
    rungs = rungs_by_id(rubric)
    activities = items_by_id(rubric).activities
    found: list[tuple[tuple[str, ...], str]] = []
    for floor in floors_for(rubric, answers):
        declared = answers.types.get(floor.activity)
        if declared is not None and declared.out_of_scope:
            continue
        loc: tuple[str, ...]
        if declared is not None and declared.target is not None and declared.target in rungs:
            target, loc = rungs[declared.target], ("types", floor.activity, "target")
        elif answers.target is not None:
            target, loc = rungs[answers.target.rung], ("target", "rung")
        else:
            continue
        floor_rung = rungs.get(floor.rung)
        if floor_rung is not None and target.level < floor_rung.level:
            # TRANSLATORS: {duty} is the law's words for the duty, a whole sentence.
            found.append((loc, _(
                "the target '{target}' is below {floor}, the lowest rung the law expects for "
                "{type}: {duty} Say why in the target's reason, or raise the target").format(
                    target=target.name, floor=floor_rung.name,
                    type=(activities[floor.activity].name if floor.activity in activities
                          else floor.activity),
                    duty=duty_text(rubric, answers, floor))))
    return found
