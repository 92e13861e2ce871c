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

from coprod_ladder.form.values import form_state
from coprod_ladder.model import Answers, CheckedRubric
from coprod_ladder.questionnaire.questions import Kind, Question, counting_note, question_table

#: The version of the spec and page format; an answers file records the rubric, not this.
FORM_VERSION = "1"
_DETAILS = {Kind.CRITERION: "criterion", Kind.SUCCESS_FACTOR: "factor",
            Kind.READINESS: "factor"}
_INPUT = {Kind.TEXT: "text", Kind.SERVICE_ID: "text", Kind.DATE: "date",
          Kind.MAIN_WORK: "several"}

# The page's own words, each a whole sentence with named {fields}, so it can be translated.
MANAGER_STRINGS: dict[str, Any] = {
    "title": "Self-assessment: {rubric}",
    "intro": ("Answer what you can about the service. Your answers are kept in this browser "
              "as you go; save an answers file to keep them safe or to carry on elsewhere."),
    "quick_intro": ("Quick version: only the questions that decide where the service stands "
                    "and its next rung."),
    "progress": "Section {n} of {total}: about {minutes} minutes left",
    "progress_done": "Section {n} of {total}: every question in view is answered",
    "section_nav": "Sections",
    "previous": "Previous section",
    "next": "Next section",
    "review": "Review your answers",
    "review_intro": "Every question in view, with what is still to do.",
    "review_open": "{count} to do",
    "review_none": "Nothing left to do: every question is answered.",
    "unanswered": "Not answered yet",
    "needs_evidence": "Needs evidence: this counts for the rung only with evidence",
    "reason_problem": "The reason does not count yet: {problem}",
    "reason_too_short": "say why in at least {n} characters",
    "reason_too_few_words": "say why in at least {n} words",
    "reason_stock_phrase": "say why in your own words, not a stock phrase",
    "go_to": "Go to this question",
    "save": "Save answers file",
    "open": "Open an answers file",
    "drop": "Or drop an answers file on this page.",
    "opened": "Opened {file}: your answers are filled in.",
    "saved_note": "Answers kept in this browser at {time}.",
    "refused_rubric": ("{file} is for the rubric {rubric} {version}; this form is for "
                       "{form_rubric} {form_version}. Nothing was changed. Ask for a form made "
                       "for that rubric, or run: coprod form --answers {file}"),
    "refused_not_answers": ("{file} is not a coprod answers file. Nothing was changed. Open "
                            "the file coprod or this form saved."),
    "not_applicable": "Not applicable to this service",
    "na_reason": "Why does this not apply to the service?",
    "out_reason": "Why is this not part of the service's work?",
    "target_reason": "Why this rung? (a sentence for the report)",
    "evidence": "Evidence",
    "evidence_what": "What is the evidence?",
    "evidence_where": "Where is it kept?",
    "evidence_date": "Date of the evidence",
    "add_evidence": "Add evidence",
    "remove_evidence": "Remove this evidence",
    "cyp_say": "What did children, young people or families say about it?",
    "validated_by": "Who among children, young people or families checked this claim?",
    "validated_on": "When did they check it?",
    "more_help": "More about this question",
    "optional": "(optional)",
    "finish_title": "Send your answers",
    "finish": "Save your answers file and send it to {who}.",
    "finish_default": ("Save your answers file and send it to the person who sent you this "
                       "form."),
    "finish_back": ("They run coprod score on it and send you back the gap report: where the "
                    "service stands, why, and the next steps for the next rung."),
    "no_script": "This form needs JavaScript, which your browser has turned off.",
    "file_header": [
        "coprod answers file, saved by the coprod form in a browser.",
        "Score it: coprod score FILE. Carry on with it in the form: open the file there.",
    ],
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
                      send_to: str | None = None) -> dict[str, Any]:
    """The self-assessment's form spec: JSON-ready, the same for the same inputs."""
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
        "format": "coprod-form/1",
        "theme": "manager",
        "stamp": {"rubric": rubric.id, "version": rubric.version, "title": rubric.title,
                  "quick": quick, "form_version": FORM_VERSION},
        "storage_key": f"coprod-form/{rubric.id}/{rubric.version}/"
                       f"{'quick' if quick else 'full'}/{service or 'new'}",
        "strings": MANAGER_STRINGS,
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
