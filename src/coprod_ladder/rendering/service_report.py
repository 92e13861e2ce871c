"""A service's gap report as a view: every choice of wording, rounding and order, once.

`build_view` turns a ScoreCard into a `ReportView` (see `views`), so every format (Markdown,
HTML, JSON, the Excel action plan, see `formats`) and the terminal summary agree; renderers
only lay it out. Pure: never reads the clock; the same ScoreCard gives the same view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.language import _, current
from coprod_ladder.model import Band, Evidence, ItemKind, Rung
from coprod_ladder.rendering.labels import action_kind_words, band_words, state_words
from coprod_ladder.rendering.staff_view import staff_names, staff_section, staff_step
from coprod_ladder.rendering.views import (
    ActionView,
    ClaimView,
    EvidenceView,
    FactorView,
    ItemMapView,
    JurisdictionView,
    LadderRungView,
    NextView,
    ReportView,
    RungView,
    RungWithMappingsView,
    TypeRowView,
    VerdictView,
    notices_view,
)
from coprod_ladder.rendering.voice_view import blind_spot_step, voice_section
from coprod_ladder.rendering.wording import names, say, say_count, short_name, whole_percent
from coprod_ladder.scoring import (
    ActivityResult,
    Blocker,
    CriterionResult,
    FactorResult,
    ScoreCard,
    Status,
    TypeState,
)

REPORT_FORMAT = "coprod-report/3"


#: How rung mappings (`maps_to` keys) are named in reports; other keys are shown as written.
MODEL_NAMES = {"tlap": "TLAP", "hart": "Hart", "arnstein": "Arnstein", "iap2": "IAP2",
               "shier": "Shier", "lundy": "Lundy"}


def _rung_fields(rung: Rung) -> RungView:
    return {"id": rung.id, "level": rung.level, "name": rung.name, "band": str(rung.band),
            "summary": rung.summary}


def _rung(rung: Rung | None) -> RungView | None:
    return None if rung is None else _rung_fields(rung)


def _rung_with_mappings(rung: Rung, *, firm: bool) -> RungWithMappingsView:
    """The rung a service stands on, with its nearest rungs in other models (dashes left out);
    only for a firm placement, since a provisional one may yet move."""
    return {**_rung_fields(rung),
            "maps_to": [{"model": MODEL_NAMES.get(k, k), "rung": v}
                        for k, v in rung.maps_to.items() if v.strip(" -–—")] if firm else []}


def _evidence(items: Sequence[Evidence]) -> list[EvidenceView]:
    return [{"what": e.what, "where": e.where, "date": e.date.isoformat() if e.date else None}
            for e in items]


def _blocker(blocker: Blocker, priority: int, activity_names: Mapping[str, str],
             law: Mapping[str, str]) -> ActionView:
    return {
        "priority": priority,
        "item_id": blocker.item_id,
        "kind": blocker.kind,
        "title": blocker.title,
        "rung": blocker.rung.id,
        "rung_name": blocker.rung.name,
        "status": str(blocker.status),
        "next_step": (blind_spot_step(blocker) if blocker.voice else
                      staff_step(blocker) if blocker.staff else blocker.guidance),
        "effort": str(blocker.effort),
        "activity": blocker.activity,
        "activity_name": activity_names.get(blocker.activity or "") if blocker.activity else None,
        "kind_name": action_kind_words(blocker.kind),
        "holds_back_rungs": blocker.unblocks,
        "why": str(blocker.reason),
        "law": law.get(blocker.item_id),
    }


_Names = tuple[Mapping[str, str], Mapping[str, str]]  # type names, rung names, by id


def _claim(result: CriterionResult, names: _Names) -> ClaimView:
    c = result.criterion
    return {"id": c.id, "statement": c.statement, "rung": c.rung, "activity": c.activity,
            "answer": result.answer_label, "evidence_required": c.evidence_required,
            "activity_name": names[0].get(c.activity, c.activity),
            "rung_name": names[1].get(c.rung, c.rung)}


def _band_rung(rung: Rung, rungs: int) -> dict[str, object]:
    return {"rung": rung.name, "level": rung.level, "rungs": rungs, "band": band_words(rung.band)}


def _verdict(card: ScoreCard) -> VerdictView:
    """The first screen's three figures and what goes with them (see wording.SENTENCES)."""
    by_id = {a.activity_id: a for a in card.activities}
    main_names = [short_name(by_id[t].name) for t in card.main_work]
    if card.placed:
        sentence = say("stands", **_band_rung(card.rung, len(card.rungs)),
                       firmness=say("provisional" if card.provisional else "firm"))
    elif card.main_work and not any(by_id[t].rung is not None for t in card.main_work):
        sentence = say("stands-no-main-work", main=names(main_names))
    else:
        sentence = say("stands-not-placed", answered=card.coverage_counted,
                       needed=card.coverage_needed)
    evidence = card.with_evidence
    if not card.evidence_to_add:
        with_evidence_sentence = None
    elif evidence is not None and (not card.placed or evidence.level != card.rung.level):
        with_evidence_sentence = say("with-evidence", rung=evidence.name)
    else:
        with_evidence_sentence = say("with-evidence-same")
    low, high = card.range_low, card.range_high
    range_sentence = (say("range", low=low.name, high=high.name)
                      if low is not None and high is not None and low.level != high.level
                      else say("range-fixed"))
    doing_with = [short_name(a.name) for a in card.activities
                  if a.rung is not None and a.rung.band is Band.DOING_WITH]
    named = set(card.main_work_named)
    main_sentence = None
    if main_names:
        main_sentence = say("main-work" if named else "main-work-default",
                            types=names(main_names))
    return {
        "placed": card.placed, "provisional": card.provisional,
        "rung": _rung(card.rung) if card.placed else None,
        "sentence": sentence,
        "with_evidence": _rung(evidence),
        "with_evidence_sentence": with_evidence_sentence,
        "range_low": _rung(low), "range_high": _rung(high),
        "range_sentence": range_sentence,
        "doing_with_types": doing_with,
        "doing_with_sentence": (say("doing-with-types", types=names(doing_with))
                                if doing_with else None),
        "main_work": [{"id": t, "name": by_id[t].name, "named": t in named,
                       "rung": _rung(by_id[t].rung)} for t in card.main_work],
        "main_work_sentence": main_sentence,
        "unvalidated_doing_with": card.unvalidated_doing_with,
        "unvalidated_sentence": _unvalidated(card),
        "below_floors": [
            {"id": f.floor_id, "activity": f.activity_id, "activity_name": f.activity_name,
             "rung": _rung_fields(f.rung), "floor": _rung_fields(f.floor), "duty": f.duty,
             "sentence": say("below-floor", type=f.activity_name, rung=f.rung.name,
                             floor=f.floor.name, duty=f.duty)}
            for f in card.below_floors],
    }


def _more_types(card: ScoreCard, in_scope: int) -> str | None:
    """What is missing when answering and building practice cannot move the service: types
    in scope, to be placed at all or to reach the next rung."""
    if not card.needs_more_types:
        return None
    if not card.placed:
        return say("more-types-to-place", needed=card.coverage_needed, count=card.questions)
    if card.next_rung is None:
        return None
    return say("more-types", rung=card.next_rung.name, types=card.breadth_types,
               count=in_scope, current=card.rung.name)


def _group_sentence(key: str, count: int) -> str | None:
    """A group's heading: none for an empty group, the one-item wording for a single one."""
    if not count:
        return None
    return say_count(key, count)


def _next(card: ScoreCard, names_by_id: _Names) -> NextView:
    """What to do next, by kind: the evidence to add, the questions to answer, the practice."""
    evidence, questions = card.evidence_to_add, card.questions_to_answer
    place = "place" if not card.placed else "firm"
    if card.next_rung is None:
        practice = say("practice-top")
    elif card.beyond_target:
        practice = say("practice-optional", rung=card.next_rung.name)
    else:
        practice = say("practice-to-target", rung=card.next_rung.name)
    in_scope = sum(1 for a in card.activities if a.in_scope)
    progress = None
    if card.next_rung is not None and card.progress_total:
        progress = say("progress", rung=card.next_rung.name, met=card.progress_met,
                       total=card.progress_total,
                       percent=whole_percent(card.progress_met, card.progress_total))
    return {
        "evidence": {"count": len(evidence),
                     "sentence": _group_sentence("evidence-group", len(evidence)),
                     "claims": [_claim(r, names_by_id) for r in evidence]},
        "questions": {"count": len(questions),
                      "sentence": _group_sentence(f"questions-group-{place}", len(questions)),
                      "claims": [_claim(r, names_by_id) for r in questions]},
        "practice_sentence": practice,
        "practice_optional": card.beyond_target,
        "more_types_sentence": _more_types(card, in_scope),
        "progress_sentence": progress,
    }


def placement_sentence(card: ScoreCard) -> str:
    """Say how firm the overall placement is, in one sentence every format uses."""
    if not card.placed:
        text = _("Not yet placed: {answered} of {questions} questions answered, which is not "
                 "enough to say where the service stands. Answer more questions, or declare "
                 "the types that are not part of the service's work out of scope.")
    elif card.provisional:
        text = _("Provisional: {answered} of {questions} questions answered. Answering the "
                 "rest could move the service, so treat this placement as a first view.")
    elif card.answered == card.questions:
        text = _("Firm: all {questions} questions answered.")
    else:
        text = _("Firm: {answered} of {questions} questions answered; the open ones could not "
                 "change the placement.")
    return text.format(answered=card.answered, questions=card.questions)


def scope_sentence(card: ScoreCard) -> str | None:
    """The one-line hint for answers that declare no scope, or None."""
    if card.scope_declared:
        return None
    return _("Every type of co-production counts, because none is declared out of scope. If a "
             "type is not part of the service's work, say so under 'types:' with the reason.")


def _type_row(a: ActivityResult, rung_names: dict[str, str],
              law: Mapping[str, str]) -> TypeRowView:
    if a.state is TypeState.PLACED and a.rung is not None:
        shown = (_("{level}. {rung} (provisional)") if a.provisional
                 else "{level}. {rung}").format(level=a.rung.level, rung=a.rung.name)
    else:
        shown = state_words(a.state)
    return {
        "id": a.activity_id, "name": a.name, "state": str(a.state),
        "rung": _rung(a.rung), "shown": shown, "provisional": a.provisional,
        "out_of_scope": a.out_of_scope, "met": a.met, "total": a.total,
        "answered": a.answered, "next_rung": _rung(a.next_rung),
        "target": _rung(a.target), "target_reason": a.target_reason,
        "target_reached": (a.target is not None and a.rung is not None and not a.provisional
                           and a.rung.level >= a.target.level),
        "strengths": [{"id": c.criterion.id, "statement": c.criterion.statement,
                       "rung": c.criterion.rung,
                       "rung_name": rung_names.get(c.criterion.rung, c.criterion.rung)}
                      for c in a.strengths],
        "next_steps": [_blocker(b, i, {a.activity_id: a.name}, law)
                       for i, b in enumerate(a.next_steps, 1)],
        "not_applicable": a.state is TypeState.NOT_APPLICABLE,
    }


def _unvalidated(card: ScoreCard) -> str | None:
    """Why a "doing with" rung is not checked: families doubted items, or nobody checked any."""
    if card.doing_with_doubted:
        return say("voice-not-confirmed",
                   items=names([say("quoted", text=c.criterion.statement)
                                for c in card.doing_with_doubted]))
    return say("unvalidated") if card.unvalidated_doing_with else None


def build_view(card: ScoreCard, warnings: Sequence[Diagnostic] = ()) -> ReportView:
    """Turn a ScoreCard into the plain, JSON-ready structure every report format shows."""
    answers = card.answers
    activity_names = {a.activity_id: a.name for a in card.activities}
    ladder: list[LadderRungView] = []
    for rung in card.rungs:
        if not card.placed:
            state = "above"
        elif rung.level < card.rung.level:
            state = "passed"
        elif rung.level == card.rung.level:
            state = "current"
        else:
            state = "above"
        ladder.append({**_rung_fields(rung), "state": state,
                       "is_current": card.placed and rung.id == card.rung.id,
                       "is_target": rung.id == card.target.id})
    share = card.progress_share
    rung_names = {r.id: r.name for r in card.rungs}
    law = dict(card.item_law)
    maps = _item_maps(card)
    actions = [_blocker(b, i, activity_names, law) for i, b in enumerate(card.actions, 1)]
    names_by_id = (activity_names, rung_names)
    return {
        "format": REPORT_FORMAT,
        "lang": current(),
        "language_notices": notices_view(card.text_language),
        "rubric": {"id": card.rubric_id, "version": card.rubric_version,
                   "title": card.rubric_title},
        "service": {"id": answers.service.id, "name": answers.service.name,
                    "team": answers.service.team,
                    "tags": dict(sorted(answers.service.tags.items())),
                    "jurisdiction": _jurisdiction(card)},
        "assessed_by": (staff_names(card.staff.staff) if card.staff is not None
                        else answers.assessed_by),
        "assessed_on": answers.assessed_on.isoformat() if answers.assessed_on else None,
        "rule": {"name": card.rule, "explanation": card.rule_explanation,
                 "overall": card.overall_explanation},
        "placement": {"placed": card.placed, "provisional": card.provisional,
                      "answered": card.answered, "questions": card.questions,
                      "sentence": placement_sentence(card),
                      "practice_rung": _rung(card.practice_rung),
                      "held_back": card.placed and card.practice_rung is not None
                      and card.practice_rung.level > card.rung.level},
        "verdict": _verdict(card),
        "next": _next(card, names_by_id),
        "scope_hint": scope_sentence(card),
        "profile": [_type_row(a, rung_names, law) for a in card.activities],
        "out_of_scope": [{"id": a.activity_id, "name": a.name, "reason": a.out_of_scope}
                         for a in card.activities if not a.in_scope],
        "rung": (_rung_with_mappings(card.rung, firm=not card.provisional)
                 if card.placed else None),
        "next_rung": _rung(card.next_rung),
        "progress": {"met": card.progress_met, "total": card.progress_total,
                     "share": round(share, 4) if share is not None else None,
                     "percent": (None if share is None else
                                 whole_percent(card.progress_met, card.progress_total)
                                 if card.progress_total else 100)},
        "target": {"rung": _rung(card.target), "reason": card.target_reason,
                   "is_default": card.target_is_default, "reached": card.target_reached,
                   "reached_provisionally": (card.placed and card.provisional
                                             and card.rung.level >= card.target.level),
                   "rungs_to_go": max(0, card.target.level - card.rung.level)},
        "ladder": ladder,
        "actions": actions,
        "target_gap": [
            {"rung": _rung(g.rung), "required_met": g.required_met,
             "required_total": g.required_total,
             "blockers": [_blocker(b, i, activity_names, law)
                          for i, b in enumerate(g.blockers, 1)]}
            for g in card.target_gap
        ],
        "strengths": [{"id": c.criterion.id, "statement": c.criterion.statement,
                       "activity": activity_names.get(c.criterion.activity, c.criterion.activity),
                       "rung_name": rung_names.get(c.criterion.rung, c.criterion.rung)}
                      for c in card.strengths],
        "held_back_by": [_factor(f, rung_names, law, maps) for f in card.factors if f.holds_back],
        "success_factors": [_factor(f, rung_names, law, maps) for f in card.factors
                            if f.kind is ItemKind.SUCCESS_FACTOR],
        "readiness": [_factor(f, rung_names, law, maps) for f in card.factors
                      if f.kind is ItemKind.READINESS_STEP],
        "risks": [{"id": r.risk_id, "name": r.name, "summary": r.summary,
                   "mitigation": r.mitigation, "because": list(r.because)} for r in card.risks],
        "claims_without_evidence": [_claim(r, names_by_id) for r in card.without_evidence],
        "claims_not_validated": [_claim(r, names_by_id) for r in card.not_validated],
        "not_yet_answered": [_claim(r, names_by_id) for r in card.unanswered
                             if r.status is Status.UNANSWERED],
        "dont_know": [_claim(r, names_by_id) for r in card.unanswered
                      if r.status is Status.DONT_KNOW],
        "answers": [
            {
                "id": r.criterion.id,
                "activity": r.criterion.activity,
                "activity_name": activity_names.get(r.criterion.activity, r.criterion.activity),
                "rung": r.criterion.rung,
                "rung_name": rung_names.get(r.criterion.rung, r.criterion.rung),
                "statement": r.criterion.statement,
                "required": r.criterion.required,
                "evidence_required": r.criterion.evidence_required,
                "answer": r.answer_label,
                "status": str(r.status),
                "met": r.status is Status.MET,
                "evidence": _evidence(r.evidence),
                "cyp_say": r.cyp_say,
                "validated": ({"by": r.validated.by,
                               "on": r.validated.on.isoformat() if r.validated.on else None}
                              if r.validated else None),
                "not_applicable": r.not_applicable,
                "note": r.note,
                "in_scope": r.in_scope,
                "law": law.get(r.criterion.id),
                "maps_to": maps.get(r.criterion.id, []),
            }
            for r in card.criteria
        ],
        "warnings": [str(w) for w in warnings],
        "voice": voice_section(card),
        "staff": staff_section(card),
    }


def _factor(result: FactorResult, rung_names: dict[str, str], law: Mapping[str, str],
            maps: Mapping[str, list[ItemMapView]]) -> FactorView:
    return {
        "id": result.factor.id,
        "name": result.factor.name,
        "rating": result.answer_label,
        "status": str(result.status),
        "met": result.status is Status.MET,
        "gates": [rung_names.get(g, g) for g in result.factor.gates],
        "gates_next_rung": result.gates_next_rung,
        "holds_back": result.holds_back,
        "owner": result.factor.owner,
        "guidance": result.factor.guidance,
        "evidence": _evidence(result.evidence),
        "note": result.note,
        "law": law.get(result.factor.id),
        "maps_to": maps.get(result.factor.id, []),
    }


def _item_maps(card: ScoreCard) -> dict[str, list[ItemMapView]]:
    """Each item's mappings that the service's country shows, by item id."""
    found: dict[str, list[ItemMapView]] = {}
    for item_id, model, value in card.item_maps:
        found.setdefault(item_id, []).append({"model": model, "value": value})
    return found


def _jurisdiction(card: ScoreCard) -> JurisdictionView | None:
    j = card.jurisdiction
    if j is None:
        return None
    law = " ".join(j.law.split()) if j.law else None
    return {"id": j.id, "name": j.name, "law": law, "sentence": say("law-of", country=j.name),
            "opening": say("law-of-listed" if law else "law-of", country=j.name)}
