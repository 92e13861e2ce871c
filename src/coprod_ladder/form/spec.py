"""The manager's self-assessment as a form spec: plain data the form engine turns into a page.

Owns `manager_form_spec` (the question table of `questionnaire.questions`, with each
question's and choice's show-when condition, the rules the page checks, the page's own
strings and the stamp), and `FORM_VERSION`. Everything manager-specific lives here, none in
the page's script, so another form (the easy-read one for children and families) is another
spec for the same engine; docs/form.md describes the spec. Pure: it must not print, read the
clock or touch files.
"""

from __future__ import annotations

from typing import Any

from coprod_ladder.form.page_words import (
    in_both_languages,
    own_language_notices,
    plural_forms,
    plural_rule,
    translated,
)
from coprod_ladder.form.values import form_state
from coprod_ladder.language import N_, html_lang, ngettext
from coprod_ladder.model import Answers, CheckedRubric, ScoringRule
from coprod_ladder.questionnaire.questions import Kind, Question, counting_note, question_table

#: The version of the spec and page format; an answers file records the rubric, not this.
FORM_VERSION = "1"
_DETAILS = {Kind.CRITERION: "criterion", Kind.SUCCESS_FACTOR: "factor",
            Kind.READINESS: "factor"}
_INPUT = {Kind.TEXT: "text", Kind.SERVICE_ID: "text", Kind.DATE: "date",
          Kind.MAIN_WORK: "several"}

# The page's own words, each a whole sentence with named {fields}, so it can be translated:
# marked here, translated when a spec is made (page_words.translated). Those with a count are
# in `_counted` and `_plurals`, made in the language being spoken.
MANAGER_STRINGS: dict[str, Any] = {
    "title": N_("Self-assessment: {rubric}"),
    "intro": N_("Answer what you can about the service. Your answers are kept in this browser "
                 "as you go; save an answers file to keep them safe or to carry on elsewhere."),
    "quick_intro": N_("Quick version: only the questions that decide where the service stands "
                       "and its next rung."),
    "progress_done": N_("Section {n} of {total}: every question in view is answered"),
    "section_nav": N_("Sections"),
    "previous": N_("Previous section"),
    "next": N_("Next section"),
    "review": N_("Review your answers"),
    "review_intro": N_("Every question in view, with what is still to do."),
    "review_none": N_("Nothing left to do: every question is answered."),
    "unanswered": N_("Not answered yet"),
    "needs_evidence": N_("Needs evidence: this counts for the rung only with evidence"),
    "reason_problem": N_("The reason does not count yet: {problem}"),
    "reason_stock_phrase": N_("say why in your own words, not a stock phrase"),
    "go_to": N_("Go to this question"),
    "save": N_("Save answers file"),
    "open": N_("Open an answers file"),
    "drop": N_("Or drop an answers file on this page."),
    "opened": N_("Opened {file}: your answers are filled in."),
    "saved_note": N_("Answers kept in this browser at {time}."),
    "refused_rubric": N_("{file} is for the rubric {rubric} {version}; this form is for "
                          "{form_rubric} {form_version}. Nothing was changed. Ask for a form made "
                          "for that rubric, or run: coprod form --answers {file}"),
    "refused_not_answers": N_("{file} is not a coprod answers file. Nothing was changed. Open "
                               "the file coprod or this form saved."),
    "not_applicable": N_("Not applicable to this service"),
    "na_reason": N_("Why does this not apply to the service?"),
    "out_reason": N_("Why is this not part of the service's work?"),
    "target_reason": N_("Why this rung? (a sentence for the report)"),
    "evidence": N_("Evidence"),
    # TRANSLATORS: the name a screen reader gives one piece of evidence: "Evidence 2".
    "evidence_item": N_("Evidence {n}"),
    "evidence_what": N_("What is the evidence?"),
    "evidence_where": N_("Where is it kept?"),
    "evidence_date": N_("Date of the evidence"),
    "add_evidence": N_("Add evidence"),
    "remove_evidence": N_("Remove this evidence"),
    "cyp_say": N_("What did children, young people or families say about it?"),
    "validated_by": N_("Who among children, young people or families checked this claim?"),
    "validated_on": N_("When did they check it?"),
    "more_help": N_("More about this question"),
    "optional": N_("(optional)"),
    "finish_title": N_("Send your answers"),
    "finish": N_("Save your answers file and send it to {who}."),
    "finish_default": N_("Save your answers file and send it to the person who sent you this "
                          "form."),
    "finish_back": N_("They run coprod score on it and send you back the gap report: where the "
                       "service stands, why, and the next steps for the next rung."),
    "no_script": N_("This form needs JavaScript, which your browser has turned off."),
    "file_header": [
        N_("coprod answers file, saved by the coprod form in a browser."),
        N_("Score it: coprod score FILE. Carry on with it in the form: open the file there."),
    ],
}


def _counted(rules: ScoringRule) -> dict[str, str]:
    """The reason checks' sentences, in the plural form for the rubric's own minimums."""
    return {
        # TRANSLATORS: completes "The reason does not count yet: {problem}".
        "reason_too_short": ngettext("say why in at least {n} character",
                                     "say why in at least {n} characters",
                                     rules.min_reason_chars),
        # TRANSLATORS: completes "The reason does not count yet: {problem}".
        "reason_too_few_words": ngettext("say why in at least {n} word",
                                         "say why in at least {n} words",
                                         rules.min_reason_words),
    }


def _plurals() -> dict[str, list[str]]:
    """The sentences whose count the page knows only as it runs: every plural form."""
    return {
        "progress": plural_forms(lambda n: ngettext(
            "Section {n} of {total}: about {minutes} minute left",
            "Section {n} of {total}: about {minutes} minutes left", n)),
        # TRANSLATORS: how many questions in view still need something, on the review page.
        "review_open": plural_forms(lambda n: ngettext("{count} to do", "{count} to do", n)),
    }


def _question(q: Question, section: int) -> dict[str, Any]:
    kind = q.kind
    return {
        "key": q.key, "kind": kind.value, "section": section, "title": q.title,
        "help": q.help, "more_help": list(q.more_help), "example": q.example,
        "input": _INPUT.get(kind, "choice"), "optional": q.optional,
        "choices": [{"id": c.id, "label": c.label, "description": c.description,
                     "meets": bool(c.meets), "when": c.when} for c in q.choices],
        "counting_note": counting_note(q.choices) if kind in _DETAILS else None,
        "scale": q.scale, "details": _DETAILS.get(kind), "not_applicable":
        q.not_applicable_allowed, "evidence_required": q.evidence_required,
        "reason": ("out" if kind is Kind.SCOPE else "target" if kind is Kind.TARGET else None),
        "default": q.default, "when": q.when,
    }


def manager_form_spec(rubric: CheckedRubric, *, quick: bool, answers: Answers | None = None,
                      send_to: str | None = None, bilingual: bool = False,
                      other_language: CheckedRubric | None = None) -> dict[str, Any]:
    """The self-assessment's form spec: JSON-ready, the same for the same inputs.

    `bilingual`: every text in Welsh first and English beside it, whatever the language being
    spoken (`page_words.in_both_languages`; `other_language`: the same rubric loaded in the other
    language, needed only for a rubric file, not for coprod's shipped rubrics).
    """
    if bilingual:
        return in_both_languages(lambda shown: manager_form_spec(
            shown, quick=quick, answers=answers, send_to=send_to), rubric, other_language)
    table = question_table(rubric, answers, quick=quick)
    sections: list[dict[str, Any]] = []
    questions = []
    for q in table:
        if not sections or sections[-1]["title"] != q.section:
            # A type's scope question already opens with the type's summary: said once.
            said = q.intro is not None and (q.help or "").startswith(q.intro)
            sections.append({"title": q.section, "intro": None if said else q.intro})
        questions.append(_question(q, len(sections) - 1))
    rules = rubric.scoring
    service = answers.service.id if answers is not None else None
    return {
        **own_language_notices(rubric),
        "format": "coprod-form/1",
        "theme": "manager",
        "stamp": {"rubric": rubric.id, "version": rubric.version, "title": rubric.title,
                  "quick": quick, "form_version": FORM_VERSION},
        "storage_key": f"coprod-form/{rubric.id}/{rubric.version}/"
                       f"{'quick' if quick else 'full'}/{service or 'new'}",
        "lang": html_lang(),
        "strings": {**translated(MANAGER_STRINGS), **_counted(rules)},
        "plurals": _plurals(),
        "plural_rule": plural_rule(),
        "send_to": send_to,
        "rules": {"min_reason_chars": rules.min_reason_chars,
                  "min_reason_words": rules.min_reason_words,
                  "refused_reasons": list(rules.refused_reasons),
                  # Roughly how long a question takes, for "about N minutes left".
                  "seconds_per_question": 40},
        "sections": sections,
        "questions": questions,
        "duties": [d.id for d in rubric.duties],
        "types": [a.id for a in rubric.activities],
        "rungs": [r.id for r in rubric.rungs_in_order()],
        "items": {"criteria": [c.id for c in rubric.criteria],
                  "success_factors": [f.id for f in rubric.success_factors],
                  "readiness": [f.id for f in rubric.readiness]},
        "prefill": form_state(rubric, answers, quick=quick),
    }
