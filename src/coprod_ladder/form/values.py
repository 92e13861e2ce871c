"""The form's answers: answers ↔ the page's state, and the answers file the page writes.

Owns the state the page keeps (one entry per question key: the chosen `value` and the
details: reasons, evidence, what children and families said, validation, notes), how an
Answers becomes that state (`form_state`, to pre-fill a form), and `answers_yaml`, the
Python mirror of the page's own writer (`toYaml` in `form.js`): block mappings, every string
JSON-double-quoted, so `coprod score` reads what the page saved. `tests/test_form.py` proves
the YAML scores as the answers do, and the browser test that the page writes the same.
Pure: it must not print, read the clock or touch files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from coprod_ladder.model import Answers, CheckedRubric
from coprod_ladder.questionnaire.flow import SCOPE_IN, SCOPE_OUT, answer_values

#: The optional service tags the form asks about; any others are carried through unchanged.
ASKED_TAGS = ("area", "age")
ANSWERS_FORMAT = "coprod-answers/1"
# Characters a YAML reader folds or refuses inside a double-quoted string even though JSON
# leaves them raw: written as \u escapes (the page's writer escapes the same set).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _evidence(items: Any) -> list[dict[str, str]]:
    return [{k: v for k, v in (("what", e.what), ("where", e.where),
                               ("date", e.date.isoformat() if e.date else None)) if v}
            for e in items]


def _service_state(rubric: CheckedRubric, answers: Answers,
                   put: Callable[..., None]) -> None:
    """The service section's entries: its details, its country, the duties and the date."""
    service = answers.service
    put("service.name", service.name)
    put("service.id", service.id)
    if service.team is not None:
        put("service.team", service.team)
    for tag in ASKED_TAGS:
        if tag in service.tags:
            put(f"service.tags.{tag}", service.tags[tag])
    if answers.assessed_by is not None:
        put("assessed_by", answers.assessed_by)
    if answers.assessed_on is not None:
        put("assessed_on", answers.assessed_on.isoformat())
    if service.jurisdiction is not None:  # none named: none written back (the first applies)
        put("service.jurisdiction", service.jurisdiction)
    if service.contact is not None:  # not asked by the form: carried back as it was
        put("service.contact", service.contact)
    for duty in rubric.duties:  # "no" once the service section is done, as `assess` reads it
        if duty.id in service.duties or answers.assessed_on is not None:
            put(f"service.duties.{duty.id}", "yes" if duty.id in service.duties else "no")


def form_state(rubric: CheckedRubric, answers: Answers | None, *,
               quick: bool) -> dict[str, Any]:
    """The page's state for these answers: `{"answers": {key: entry}, "keep": {...}}`.

    An entry holds `value` (what the conditions read, as `flow.answer_values` gives it) and
    any details. `keep` holds what the form does not ask but must write back (other tags).
    """
    if answers is None:
        return {"answers": {}, "keep": {"tags": {}}}
    values = answer_values(rubric, answers, quick=quick)
    state: dict[str, dict[str, Any]] = {}

    def put(key: str, value: Any = None, **details: Any) -> None:
        entry = {k: v for k, v in details.items() if v not in (None, "", [])}
        if value is not None:
            entry["value"] = value
        state[key] = entry

    _service_state(rubric, answers, put)
    for type_id, declared in answers.types.items():
        put(f"types.{type_id}", values.get(f"types.{type_id}"), reason=declared.out_of_scope,
            target=declared.target, target_reason=declared.target_reason,
            estimate=declared.estimate if not quick else None)
    for section, items in (("criteria", answers.criteria),
                           ("success_factors", answers.success_factors),
                           ("readiness", answers.readiness)):
        for item_id, given in items.items():
            extra = {}
            if section == "criteria":
                crit = answers.criteria[item_id]
                extra = {"na_reason": crit.not_applicable, "cyp_say": crit.cyp_say,
                         "validated_by": crit.validated.by if crit.validated else None,
                         "validated_on": crit.validated.on.isoformat()
                         if crit.validated and crit.validated.on else None,
                         # Not asked by the form: carried back as it was.
                         "we_will": crit.we_will.text if crit.we_will else None,
                         "we_will_by": crit.we_will.by.isoformat()
                         if crit.we_will and crit.we_will.by else None}
            value = "n/a" if extra.get("na_reason") else given.answer
            put(f"{section}.{item_id}", value, evidence=_evidence(given.evidence),
                note=given.note, **extra)
    if answers.main_work:
        put("main_work", list(answers.main_work))
    if answers.target is not None:
        put("target", answers.target.rung, reason=answers.target.reason)
    other = {k: v for k, v in answers.service.tags.items() if k not in ASKED_TAGS}
    return {"answers": state, "keep": {"tags": other}}


def _q(text: str) -> str:
    """A YAML double-quoted string: JSON's escapes, plus those YAML needs beyond them."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(text, ensure_ascii=False))


def _text(entry: dict[str, Any] | None, field: str = "value") -> str | None:
    found = (entry or {}).get(field)
    return found if isinstance(found, str) and found.strip() else None


def _item_lines(entry: dict[str, Any], criterion: bool) -> list[str]:
    lines = []
    if criterion and _text(entry, "value") == "n/a":
        if _text(entry, "na_reason"):
            lines.append(f"    not_applicable: {_q(entry['na_reason'])}")
    elif _text(entry):
        lines.append(f"    answer: {_q(entry['value'])}")
    evidence = [e for e in entry.get("evidence", []) if _text(e, "what")]
    if evidence:
        lines.append("    evidence:")
        for e in evidence:
            lines.append(f"      - what: {_q(e['what'])}")
            lines += [f"        {f}: {_q(e[f])}" for f in ("where", "date") if _text(e, f)]
    if criterion and _text(entry, "cyp_say"):
        lines.append(f"    cyp_say: {_q(entry['cyp_say'])}")
    if criterion and _text(entry, "validated_by"):
        lines += ["    validated:", f"      by: {_q(entry['validated_by'])}"]
        if _text(entry, "validated_on"):
            lines.append(f"      on: {_q(entry['validated_on'])}")
    if _text(entry, "note"):
        lines.append(f"    note: {_q(entry['note'])}")
    if criterion and _text(entry, "we_will"):
        lines += ["    we_will:", f"      text: {_q(entry['we_will'])}"]
        if _text(entry, "we_will_by"):
            lines.append(f"      by: {_q(entry['we_will_by'])}")
    return lines


def answers_yaml(spec: dict[str, Any], state: dict[str, Any]) -> str:
    """The answers file the page writes for `state`, line for line as `toYaml` in form.js."""
    held: dict[str, dict[str, Any]] = state["answers"]
    stamp = spec["stamp"]
    out = [f"# {line}" for line in spec["strings"]["file_header"]]
    out += [f"format: {_q(ANSWERS_FORMAT)}", "rubric:", f"  id: {_q(stamp['rubric'])}",
            f"  version: {_q(stamp['version'])}", "service:",
            f"  id: {_q(_text(held.get('service.id')) or '')}",
            f"  name: {_q(_text(held.get('service.name')) or '')}"]
    if _text(held.get("service.team")):
        out.append(f"  team: {_q(held['service.team']['value'])}")
    tags = {**state["keep"]["tags"], **{t: held[f"service.tags.{t}"]["value"]
                                        for t in ASKED_TAGS
                                        if _text(held.get(f"service.tags.{t}"))}}
    if tags:
        out.append("  tags:")
        out += [f"    {k}: {_q(v)}" for k, v in tags.items()]
    duties = [d for d in spec["duties"] if _text(held.get(f"service.duties.{d}")) == "yes"]
    if duties:
        out.append("  duties:")
        out += [f"    - {_q(d)}" for d in duties]
    if _text(held.get("service.jurisdiction")):
        out.append(f"  jurisdiction: {_q(held['service.jurisdiction']['value'])}")
    if _text(held.get("service.contact")):
        out.append(f"  contact: {_q(held['service.contact']['value'])}")
    for key in ("assessed_by", "assessed_on"):
        if _text(held.get(key)):
            out.append(f"{key}: {_q(held[key]['value'])}")
    if _text(held.get("target")):
        out += ["target:", f"  rung: {_q(held['target']['value'])}"]
        if _text(held["target"], "reason"):
            out.append(f"  reason: {_q(held['target']['reason'])}")
    out += _types_and_main_work(spec, held)
    for section, criterion in (("criteria", True), ("success_factors", False),
                               ("readiness", False)):
        items = [(i, _item_lines(held[f"{section}.{i}"], criterion))
                 for i in spec["items"][section] if f"{section}.{i}" in held]
        items = [(i, lines) for i, lines in items if lines]
        if items:
            out.append(f"{section}:")
            for item_id, lines in items:
                out += [f"  {item_id}:", *lines]
    return "\n".join(out) + "\n"


def _types_and_main_work(spec: dict[str, Any], held: dict[str, dict[str, Any]]) -> list[str]:
    out: list[str] = []
    lines_by_type = []
    for type_id in spec["types"]:
        entry = held.get(f"types.{type_id}")
        value = _text(entry)
        if entry is None or value is None:
            continue
        lines = []
        if value == SCOPE_OUT:
            if not _text(entry, "reason"):
                continue
            lines.append(f"    out_of_scope: {_q(entry['reason'])}")
        elif value != SCOPE_IN:
            lines.append(f"    estimate: {_q(value)}")
        elif _text(entry, "estimate"):
            lines.append(f"    estimate: {_q(entry['estimate'])}")
        lines += [f"    {f}: {_q(entry[f])}" for f in ("target", "target_reason")
                  if _text(entry, f)]
        lines_by_type.append((type_id, lines))
    out_types = {t for t in spec["types"] if _text(held.get(f"types.{t}")) == SCOPE_OUT}
    main = [t for t in (held.get("main_work") or {}).get("value") or []
            if t in spec["types"] and t not in out_types]
    if main:
        out.append("main_work:")
        out += [f"  - {_q(t)}" for t in main]
    if lines_by_type:
        out.append("types:")
        for type_id, lines in lines_by_type:
            out.append(f"  {type_id}:" + ("" if lines else " {}"))
            out += lines
    return out
