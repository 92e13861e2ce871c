"""Write answers files: a stable, readable YAML a manager can edit by hand, saved atomically.

This module owns how an answers file looks on disk: a short comment header (what the file is,
how to carry on with it), keys in a fixed, logical order, criteria in rubric order with the
statement as a comment, and empty fields left out. `dump_answers` is pure and round-trips:
`parse_answers(dump_answers(a))` gives back an equal model. `save_answers` does the one write,
through `atomic_files` (a temp file in the same folder, flushed and fsynced, then renamed), so
a crash, a closed terminal or Ctrl-C never leaves a broken or half-written file. It never prints,
prompts or reads the clock.
"""

from __future__ import annotations

import re
import shlex
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from coprod_ladder.atomic_files import write_atomically
from coprod_ladder.language import _
from coprod_ladder.model import Answers, CriterionAnswer, FactorAnswer, Rubric

_COMMENT_WIDTH = 96
# Line breaks YAML folds or normalises: text holding any of these is written double-quoted
# (with escapes) rather than as a literal block, so it reads back exactly.
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")


class _Dumper(yaml.SafeDumper):
    """Safe dumper: never anchors/aliases (the loader refuses them), multi-line text as `|`."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if _ODD_BREAKS.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _represent_str)


def _yaml(data: Mapping[str, Any], indent: int = 0) -> str:
    """Dump one mapping as block YAML, every line indented by `indent` spaces."""
    text: str = yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=_COMMENT_WIDTH, indent=2)
    pad = " " * indent
    # Empty lines stay empty: inside a literal block they still read back as empty lines.
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _comment(text: str, indent: int = 0) -> str:
    """Return `text` as YAML comment lines, whitespace folded and wrapped to fit."""
    pad = " " * indent
    lines = textwrap.wrap(" ".join(text.split()), width=_COMMENT_WIDTH - indent - 2) or [""]
    return "".join(f"{pad}# {line}\n" for line in lines)


# Within an answer: what was answered first, then the evidence for it, then notes.
_ITEM_ORDER = ("answer", "not_applicable", "evidence", "cyp_say", "validated", "note")


def _item(given: CriterionAnswer | FactorAnswer) -> dict[str, Any]:
    """Return an answer's fields in a fixed order, leaving out empty ones."""
    data = given.model_dump(exclude_none=True, exclude_defaults=True)
    ordered = {key: data.pop(key) for key in _ITEM_ORDER if key in data}
    return {**ordered, **data}  # a field added to the model later is still written


def _in_order(ids: Iterable[str], order: list[str]) -> list[str]:
    """Sort ids by their place in `order`; ids the rubric does not know keep their order, last."""
    rank = {item_id: n for n, item_id in enumerate(order)}
    listed = list(enumerate(ids))
    return [i for _, i in sorted(listed, key=lambda p: (rank.get(p[1], len(rank)), p[0]))]


def _header(answers: Answers, path: str | None) -> str:
    where = shlex.quote(path) if path and path.isprintable() else "FILE"
    # TRANSLATORS: YAML comment lines: keep "# " at the start of every line, and each line
    # under 96 characters.
    return _(
        "# coprod answers file: one service's self-assessment against the rubric "
        "'{rubric}'.\n"
        "# Carry on with it, or change an answer:  coprod assess --answers {path}\n"
        "# Score it and write the gap report:      coprod score {path}\n"
        "# Fine to edit by hand: answers use the ids of the rubric's answer scale; a criterion\n"
        "# without an answer counts as not yet answered. Dates look like 2026-03-31.\n"
        "# coprod rewrites this file after every answer, so keep notes in `note:` fields,\n"
        "# not in comments like these.\n"
    ).format(rubric=answers.rubric.id, path=where)


def dump_answers(answers: Answers, *, rubric: Rubric | None = None,
                 path: str | None = None) -> str:
    """Return the answers as the text of an answers file.

    With `rubric`, criteria and factors are written in rubric order, each under a comment
    with its statement; `path` is shown in the header's "carry on" command.
    """
    parts = [_header(answers, path), _yaml(_top(answers))]
    if answers.types:
        parts.append(_types(answers, rubric))
    statements, orders = _rubric_order(rubric)
    sections: list[tuple[str, Mapping[str, CriterionAnswer | FactorAnswer]]] = [
        ("criteria", answers.criteria),
        ("success_factors", answers.success_factors),
        ("readiness", answers.readiness),
    ]
    for name, items in sections:
        if not items:
            continue
        parts.append(f"{name}:\n")
        for item_id in _in_order(items, orders.get(name, [])):
            note = statements.get(f"{name}.{item_id}")
            if note:
                parts.append(_comment(note, indent=2))
            body = _item(items[item_id])
            parts.append(_yaml({item_id: body}, indent=2) if body else f"  {item_id}: {{}}\n")
    return "".join(parts)


def _top(answers: Answers) -> dict[str, Any]:
    """The keys above the answers: format, rubric, service, who assessed it, when, target,
    main work."""
    top: dict[str, Any] = {"format": answers.format,
                           "rubric": {"id": answers.rubric.id, "version": answers.rubric.version}}
    service: dict[str, Any] = {"id": answers.service.id, "name": answers.service.name}
    if answers.service.team is not None:
        service["team"] = answers.service.team
    if answers.service.tags:
        service["tags"] = dict(answers.service.tags)
    if answers.service.duties:
        service["duties"] = list(answers.service.duties)
    if answers.service.jurisdiction is not None:
        service["jurisdiction"] = answers.service.jurisdiction
    if answers.service.contact is not None:
        service["contact"] = answers.service.contact
    top["service"] = service
    if answers.assessed_by is not None:
        top["assessed_by"] = answers.assessed_by
    if answers.assessed_on is not None:
        top["assessed_on"] = answers.assessed_on
    if answers.target is not None:
        top["target"] = {"rung": answers.target.rung}
        if answers.target.reason is not None:
            top["target"]["reason"] = answers.target.reason
    if answers.main_work:
        top["main_work"] = list(answers.main_work)
    return top


def _rubric_order(rubric: Rubric | None) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The comment above each item (its statement or name), and each section's item order."""
    if rubric is None:
        return {}, {}
    activity = {a.id: a.name for a in rubric.activities}
    rung = rubric.rung_by_id()
    statements: dict[str, str] = {}
    for c in rubric.criteria:
        where = activity.get(c.activity, c.activity)
        statements[f"criteria.{c.id}"] = (
            _("{type}, rung {level} {rung}: {statement}").format(
                type=where, level=rung[c.rung].level, rung=rung[c.rung].name,
                statement=c.statement)
            if c.rung in rung else f"{where}: {c.statement}")
    for f in rubric.success_factors:
        statements[f"success_factors.{f.id}"] = f.name
    for f in rubric.readiness:
        statements[f"readiness.{f.id}"] = f.name
    orders = {"criteria": [c.id for c in rubric.criteria],
              "success_factors": [f.id for f in rubric.success_factors],
              "readiness": [f.id for f in rubric.readiness]}
    return statements, orders


def _types(answers: Answers, rubric: Rubric | None) -> str:
    """The `types:` section: scope and per-type targets, in rubric order, each named."""
    order = [a.id for a in rubric.activities] if rubric is not None else []
    names = {a.id: a.name for a in rubric.activities} if rubric is not None else {}
    parts = ["types:\n"]
    for type_id in _in_order(answers.types, order):
        declared = answers.types[type_id]
        body = {key: value for key, value in (("out_of_scope", declared.out_of_scope),
                                              ("target", declared.target),
                                              ("target_reason", declared.target_reason),
                                              ("estimate", declared.estimate))
                if value is not None}
        if type_id in names:
            parts.append(_comment(names[type_id], indent=2))
        parts.append(_yaml({type_id: body}, indent=2) if body else f"  {type_id}: {{}}\n")
    return "".join(parts)


def save_answers(path: Path, answers: Answers, *, rubric: Rubric | None = None) -> None:
    """Write `answers` to `path` atomically and durably; raise OutputError on failure.

    A symlink is followed: the file it points to is updated and the link kept. Temp files a
    killed save left next to the file are removed first.
    """
    write_atomically(path, dump_answers(answers, rubric=rubric, path=str(path)), durable=True,
                     follow_links=True)
