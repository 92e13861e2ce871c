"""The JSON Schemas of rubric, answers and voice files, for editors and for other tools.

This module owns turning the pydantic models into the schemas shipped in `schemas/` and
printed by `coprod rubric schema`: each with an `$id`, a description on every property (editors
show it on hover), and the rules the models enforce stated where JSON Schema can state them
(text that is not blank, mapping keys that must be ids). It returns plain data and must not
print or read files.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from coprod_ladder.model import Answers, Rubric
from coprod_ladder.voice.model import VoiceFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_IDS = {"rubric": "urn:coprod:schema:rubric:1", "answers": "urn:coprod:schema:answers:1",
              "voice": "urn:coprod:schema:voice:1"}
SCHEMA_FILES = {"rubric": "rubric.schema.json", "answers": "answers.schema.json",
                "voice": "voice.schema.json"}

#: What each property means, by "Model.field". Every property needs one (a test checks).
DESCRIPTIONS: dict[str, str] = {
    # Rubric
    "Rubric.format": "The file format; always coprod-rubric/1.",
    "Rubric.id": "Short id of the rubric, used in answers files (rubric: {id: ...}).",
    "Rubric.version": "Version of the rubric, like 1.2.0. Answers record the version they used.",
    "Rubric.title": "Title shown at the top of reports.",
    "Rubric.summary": "What the rubric is for, in a sentence or two.",
    "Rubric.licence": "The licence the rubric is published under.",
    "Rubric.attribution": "Frameworks the rubric draws on, with credit to their authors.",
    "Rubric.sources": "Works the rubric cites; factors point at them by id.",
    "Rubric.scoring": "How answers place each type of co-production, and the service, on a rung.",
    "Rubric.plain_language": "Plain-language thresholds rubric check warns against: words, "
                             "reading ease and two-ask joins.",
    "PlainLanguage.max_statement_words": "Most words a statement (what assess asks) may have.",
    "PlainLanguage.max_text_words": "Most words a hint, guidance text, indicator or summary "
                                    "may have.",
    "PlainLanguage.min_reading_ease": "Lowest Flesch reading ease a text may have (60 is "
                                      "plain English).",
    "PlainLanguage.two_asks": "true: report statements that likely join two asks with and "
                              "or or.",
    "Rubric.answer_sets": "Answer scales criteria and factors use, best answer first.",
    "Rubric.rungs": "The rungs of the ladder of involvement, bottom first.",
    "Rubric.activities": "The types of co-production (co-design, co-delivery ...).",
    "Rubric.criteria": "What a service does that places it on a rung for one activity.",
    "Rubric.success_factors": "Critical success factors, rated on an answer scale.",
    "Rubric.readiness": "Organisational readiness steps, rated on an answer scale.",
    "Rubric.risks": "Known risks of co-production and the answers that raise them.",
    "Rubric.statutory_floors": "The lowest rungs the law or statutory guidance expects; a "
                               "target below one is reported.",
    "Rubric.duties": "Legal duties or kinds of work a service may have; assess asks about each, "
                     "and floors and main work follow the answers.",
    "Rubric.jurisdictions": "The countries whose law the rubric cites (England, Wales); the "
                            "first is the default for a service that names none.",
    "Jurisdiction.id": "Short id answers files use under service: jurisdiction.",
    "Jurisdiction.name": "The country's name, for reports.",
    "Jurisdiction.law": "The participation law of this country in a few lines; reports for a "
                        "service here open with it.",
    "Jurisdiction.maps": "Item mappings reports show for a service here: maps_to key, then the "
                         "name reports give it.",
    "StatutoryFloor.jurisdictions": "Ids of the jurisdictions the floor applies in (none: all).",
    "StatutoryFloor.law": "The duty's text per jurisdiction id, citing that country's law.",
    "Criterion.law": "The law behind the statement, per jurisdiction id; reports cite the "
                     "service's own.",
    "Criterion.maps_to": "The nearest part of other frameworks, by framework key (such as "
                         "wales-standards).",
    "Factor.law": "The law behind the factor, per jurisdiction id; reports cite the service's "
                  "own.",
    "Factor.maps_to": "The nearest part of other frameworks, by framework key (such as "
                      "wales-standards).",
    "Factor.jurisdictions": "Ids of the only jurisdictions where it is asked and scored "
                            "(none: all).",
    "Duty.id": "Short id answers files use under service: duties.",
    "Duty.name": "The duty in a few words, for reports.",
    "Duty.question": "The yes-or-no question coprod assess asks about it.",
    "StatutoryFloor.when_duty": "Id of the duty a service must have for the floor to apply.",
    "Rubric.history": "What changed in each version, and how answers to the earlier version "
                      "map to this one (coprod migrate).",
    "StatutoryFloor.id": "Short id of the floor.",
    "StatutoryFloor.activity": "Id of the type of co-production the floor is for.",
    "StatutoryFloor.rung": "Id of the lowest rung expected.",
    "StatutoryFloor.duty": "The duty in plain words, shown when a target is below the floor.",
    "StatutoryFloor.when_tags": "Service tags that must all match for the floor to apply, "
                                "such as duty: send.",
    "StatutoryFloor.source": "Id of the source (under sources) the duty comes from.",
    "Release.version": "The version this release made, like 2.0.0.",
    "Release.replaces": "The version it replaces, like 1.0.0.",
    "Release.rubric": "For a release kept from the rubric this one was copied from: that "
                      "rubric's id (both versions are its versions). Leave out for this "
                      "rubric's own releases.",
    "Release.replaces_rubric": "For the release that adopted another rubric as this one: the "
                               "id of the rubric whose version it replaces, such as default.",
    "Release.summary": "What changed, in plain words.",
    "Release.rungs": "Old rung id to new rung id, for rungs renamed or merged.",
    "Release.activities": "Old type id to new type id, for types renamed or merged.",
    "Release.answer_options": "Per answer set of this version: old option id to new option id.",
    "Release.items": "Old criterion or factor id to its new id, a list of ids (split) or null "
                     "(removed); ids left out are kept.",
    "Attribution.framework": "Name of the framework, for example the TLAP ladder.",
    "Attribution.credit": "The credit line the framework's authors ask for.",
    "Attribution.url": "Where to read about the framework.",
    "Source.id": "Short id other parts of the rubric use to cite this work.",
    "Source.title": "Title of the work.",
    "Source.author": "Author or authors of the work.",
    "Source.year": "Year of publication, as a whole number.",
    "Source.url": "Where to find the work.",
    "ScoringRule.rule": "gated: a rung counts when all its criteria are met; threshold: when "
                        "min_share of them are.",
    "ScoringRule.min_share": "For the threshold rule: the share of a rung's criteria (0 to 1) "
                             "that must be met.",
    "ScoringRule.explanation": "Plain words on how scoring works, shown in reports.",
    "ScoringRule.overall": "How the rungs of each type of co-production sum up in one rung.",
    "ScoringRule.min_coverage": "Share of in-scope questions (0 to 1) that must be answered "
                                "before a service is placed.",
    "ScoringRule.min_reason_chars": "Fewest characters a not-applicable or out-of-scope "
                                    "reason may have.",
    "ScoringRule.min_reason_words": "Fewest words such a reason may have.",
    "ScoringRule.refused_reasons": "Stock phrases refused as reasons, such as not relevant "
                                   "(compared without case or punctuation).",
    "ScoringRule.validation_for_doing_with": "true: a doing-with rung with nothing validated "
                                             "by children, young people or families is "
                                             "provisional.",
    "OverallRule.rule": "breadth: the highest rung enough types reach.",
    "OverallRule.types": "How many in-scope types must reach a rung for the service to stand "
                         "on it.",
    "OverallRule.max_drop": "At most this many rungs below the best type.",
    "OverallRule.explanation": "Plain words on the overall rule, shown in reports.",
    "AnswerSet.id": "Short id criteria and factors use to pick this scale.",
    "AnswerSet.name": "Name of the scale, shown before its options.",
    "AnswerSet.options": "The answers a manager can give, best first.",
    "AnswerOption.id": "Short id written in answers files.",
    "AnswerOption.label": "The answer as a manager reads it.",
    "AnswerOption.meets": "true when this answer counts as meeting the criterion.",
    "AnswerOption.unknown": "true for a \"don't know\" answer: counted as unanswered.",
    "AnswerOption.description": "More about what this answer means.",
    "AnswerOption.voice_point": "Where this answer sits on the voice scale, 0 (never) to 4 "
                                "(always), to set it beside what families say.",
    "Rung.id": "Short id criteria and targets use for this rung.",
    "Rung.level": "Position on the ladder: 1 is the bottom, then 2, 3 ... without gaps.",
    "Rung.name": "Name of the rung, for example Consulting.",
    "Rung.band": "The group the rung belongs to: doing to, doing for or doing with.",
    "Rung.summary": "What the rung means, in a sentence.",
    "Rung.in_practice": "What a service on this rung does, in practice.",
    "Rung.maps_to": "The matching rung in other ladders, by framework id (hart, arnstein ...).",
    "Activity.id": "Short id criteria use for this type of co-production.",
    "Activity.name": "Name of the type of co-production.",
    "Activity.summary": "What this type of co-production covers.",
    "Activity.example": "An example from children's services.",
    "Activity.always_in_scope": "true when no service may declare this type out of scope; it "
                                "is main work for every service.",
    "Activity.main_work_for": "Duty ids that make this type part of a service's main work.",
    "Criterion.id": "Short id answers files use for this criterion.",
    "Criterion.activity": "Id of the type of co-production this criterion belongs to.",
    "Criterion.rung": "Id of the rung this criterion helps place a service on.",
    "Criterion.statement": "What the service does, as a manager would say it.",
    "Criterion.help": "More about the statement, shown with the question.",
    "Criterion.required": "false when the criterion is optional for its rung.",
    "Criterion.evidence_required": "true when the criterion counts only with evidence.",
    "Criterion.not_applicable_allowed": "true when a service may mark it not applicable, with "
                                        "a reason.",
    "Criterion.answer_set": "Id of the answer scale for this criterion.",
    "Criterion.guidance": "What to do to meet the criterion: the next step in reports.",
    "Criterion.effort": "Rough effort of that next step: low, medium or high.",
    "Criterion.voice": "The item asked of children, young people or parents about their own "
                       "experience, or why it cannot be.",
    "VoiceQuestions.ask": "One question per group (children, young-people, parents), answered "
                          "on the voice scale never to always.",
    "VoiceQuestions.easy_read": "true when the questions were written to easy-read rules.",
    "VoiceQuestions.not_asked": "Why families cannot answer this item (budgets, staff policy).",
    "Rubric.voice": "How what children, young people and families say is weighed.",
    "VoiceRules.min_group": "Fewest respondents a group needs to be shown on its own.",
    "VoiceRules.blind_spot_margin": "Share of the scale by which the service's answer may "
                                    "exceed a group's before it is a blind spot.",
    "VoiceRules.confirm_min_respondents": "Fewest respondents on the scale for a group to "
                                          "confirm an item.",
    "VoiceRules.confirm_share": "Share of those respondents who must say mostly or always.",
    "VoiceRules.max_question_words": "Most words a children's or young people's question may "
                                     "have.",
    "VoiceRules.min_reading_ease": "Lowest Flesch reading ease of a children's or young "
                                   "people's question.",
    "VoiceRules.comments_read_by": "Who reads free-text comments first, in case one holds a "
                                   "disclosure (a role, not a name).",
    "Factor.id": "Short id answers files use for this factor.",
    "Factor.name": "Name of the factor.",
    "Factor.summary": "What the factor means.",
    "Factor.indicators": "Signs that the factor is in place.",
    "Factor.answer_set": "Id of the answer scale for this factor.",
    "Factor.guidance": "What to do to put the factor in place.",
    "Factor.gates": "Ids of rungs a service cannot stand on while this factor is not met.",
    "Factor.source": "Id of the source this factor comes from.",
    "Factor.owner": "Who usually acts on it: organisation or service.",
    "Risk.id": "Short id of the risk.",
    "Risk.name": "Name of the risk, for example tokenism.",
    "Risk.summary": "What the risk is.",
    "Risk.raised_when": "Answer patterns that raise the risk.",
    "Risk.min_matches": "How many of those patterns must match to raise it.",
    "Risk.mitigation": "What to do about the risk.",
    "Trigger.item": "Id of a criterion or factor.",
    "Trigger.answers": "Answer ids that match; also unanswered or unvalidated.",
    "Trigger.weight": "How much a match counts toward the risk's min_matches (default 1).",
    # Answers
    "Answers.format": "The file format; always coprod-answers/1.",
    "Answers.rubric": "Which rubric, and which version of it, these answers are for.",
    "Answers.service": "The service being assessed.",
    "Answers.assessed_by": "Who gave the answers.",
    "Answers.assessed_on": "When the answers were given, like 2026-03-31.",
    "Answers.target": "The rung the service aims for, and why.",
    "Answers.main_work": "Ids of the types of co-production that are the service's main work; "
                         "the overall rung never stands above the best of them.",
    "Answers.types": "What the service says about each type of co-production, by activity id.",
    "Answers.criteria": "Answers to the rubric's criteria, by criterion id.",
    "Answers.success_factors": "Ratings of the success factors, by factor id.",
    "Answers.readiness": "Ratings of the readiness steps, by step id.",
    "RubricRef.id": "Id of the rubric.",
    "RubricRef.version": "Version of the rubric the answers were given against.",
    "Service.id": "Short id of the service, used for report file names.",
    "Service.name": "Name of the service.",
    "Service.team": "Team or directorate the service sits in.",
    "Service.tags": "Labels for roll-ups, for example area: north.",
    "Service.duties": "Ids of the rubric's duties the service has, such as send.",
    "Service.jurisdiction": "Id of the country whose law applies, such as wales; without it, "
                            "the rubric's first jurisdiction (England in the default rubric).",
    "CriterionAnswer.answer": "Id of the answer given; leave out to answer later.",
    "CriterionAnswer.evidence": "Evidence for the answer.",
    "CriterionAnswer.cyp_say": "What children, young people and families say about it.",
    "CriterionAnswer.validated": "Who among children, young people or families checked the "
                                 "answer.",
    "CriterionAnswer.not_applicable": "Why the criterion does not apply to this service.",
    "CriterionAnswer.note": "Any note to keep with the answer.",
    "CriterionAnswer.we_will": "What the service will do about it, in words for the children, "
                               "young people and families who answered.",
    "WeWill.text": "What the service will do, in plain words.",
    "WeWill.by": "The date it will be done by.",
    "Service.contact": "How children, young people and families can tell the service more.",
    "FactorAnswer.answer": "Id of the rating given; leave out to answer later.",
    "FactorAnswer.evidence": "Evidence for the rating.",
    "FactorAnswer.note": "Any note to keep with the rating.",
    "Evidence.what": "What the evidence is.",
    "Evidence.where": "Where it is kept.",
    "Evidence.date": "Its date, like 2026-03-31.",
    "Validation.by": "Who checked the answer.",
    "Validation.on": "When they checked it, like 2026-03-31.",
    "TypeAnswer.out_of_scope": "Why this type of co-production is not part of the service's "
                               "work.",
    "TypeAnswer.target": "Id of the rung the service aims for in this type.",
    "TypeAnswer.target_reason": "Why that target.",
    "TypeAnswer.estimate": "In quick mode, roughly where the manager thinks the type stands; it "
                           "only chooses the questions asked and never places the type.",
    "Target.rung": "Id of the rung the service aims for.",
    "Target.reason": "Why that rung: not every decision should be co-produced.",
    # Voice files
    "VoiceFile.format": "The file format; always coprod-voice/1.",
    "VoiceFile.rubric": "Which rubric, and which version of it, the questions came from.",
    "VoiceFile.service": "Id of the service the answers are about (as in its answers file).",
    "VoiceFile.source": "How the answers were collected.",
    "VoiceFile.collected_from": "First day answers were collected, like 2026-11-02.",
    "VoiceFile.collected_to": "Last day answers were collected, like 2026-11-30.",
    "VoiceFile.respondents": "One entry per person who answered; anonymous.",
    "VoiceSource.collector": "The tool the answers came from: coprod-form, paper, "
                             "microsoft-forms, google-forms or csv.",
    "VoiceSource.form_version": "Version of the form that collected them.",
    "VoiceSource.files": "Names of the files imported (names only, never folders).",
    "Respondent.id": "An id unique in this file; never a name or a case number.",
    "Respondent.group": "children (8 to 12), young-people (13 and over) or parents.",
    "Respondent.age_band": "A wide age band, such as 13-15, or not-said.",
    "Respondent.helped_by": "Who helped the person fill in the form.",
    "Respondent.answers": "Answers on the voice scale (never ... always, dont-know, "
                          "rather-not-say), by item id.",
    "Respondent.comment": "Free text, kept only when the import was asked to keep comments.",
}


class _CoprodSchema(GenerateJsonSchema):
    """Say in the schema what the models enforce, where JSON Schema can say it."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        result = super().str_schema(schema)
        if schema.get("strip_whitespace") and schema.get("min_length") and "pattern" not in result:
            result["pattern"] = r"\S"  # blank text is stripped to nothing and refused
        return result

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        result = super().dict_schema(schema)
        if "patternProperties" in result:
            result["additionalProperties"] = False  # a key must be an id
        return result


def _describe_properties(document: dict[str, Any], model: type[BaseModel]) -> None:
    definitions = {**document.get("$defs", {}), model.__name__: document}
    for name, definition in definitions.items():
        for field, prop in definition.get("properties", {}).items():
            description = DESCRIPTIONS.get(f"{name}.{field}")
            if description is not None:
                prop.pop("title", None)  # the key itself is the title; the words go on hover
                prop["description"] = description


def schema_for(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of rubric ("rubric"), answers ("answers") or voice files."""
    models: dict[str, type[BaseModel]] = {"rubric": Rubric, "answers": Answers,
                                          "voice": VoiceFile}
    model = models[kind]
    document = model.model_json_schema(schema_generator=_CoprodSchema)
    _describe_properties(document, model)
    document["$schema"] = DRAFT
    document["$id"] = SCHEMA_IDS[kind]
    return document


def render_schema(kind: str) -> str:
    """Return a schema as the text of its shipped file: sorted keys, two-space indent."""
    return json.dumps(schema_for(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
