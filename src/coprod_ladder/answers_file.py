"""Write answers files: a stable, readable YAML a manager can edit by hand, saved atomically.

This module owns how an answers file looks on disk: a short comment header (what the file is,
how to carry on with it), keys in a fixed, logical order, criteria in rubric order with the
statement as a comment, and empty fields left out. `dump_answers` is pure and round-trips:
`parse_answers(dump_answers(a))` gives back an equal model. `save_answers` does the one write,
atomically (a temp file in the same folder, flushed and fsynced, then `os.replace`), so a
crash, a closed terminal or Ctrl-C never leaves a broken or half-written file. It never prints,
prompts or reads the clock.
"""

from __future__ import annotations

import os
import re
import shlex
import tempfile
import textwrap
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import yaml

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
    return (
        "# coprod answers file: one service's self-assessment against the rubric "
        f"'{answers.rubric.id}'.\n"
        f"# Carry on with it, or change an answer:  coprod assess --answers {where}\n"
        f"# Score it and write the gap report:      coprod score {where}\n"
        "# Fine to edit by hand: answers use the ids of the rubric's answer scale; a criterion\n"
        "# without an answer counts as not yet answered. Dates look like 2026-03-31.\n"
        "# coprod rewrites this file after every answer, so keep notes in `note:` fields,\n"
        "# not in comments like these.\n"
    )


def dump_answers(answers: Answers, *, rubric: Rubric | None = None,
                 path: str | None = None) -> str:
    """Return the answers as the text of an answers file.

    With `rubric`, criteria and factors are written in rubric order, each under a comment
    with its statement; `path` is shown in the header's "carry on" command.
    """
    parts = [_header(answers, path)]
    top: dict[str, Any] = {"format": answers.format,
                           "rubric": {"id": answers.rubric.id, "version": answers.rubric.version}}
    service: dict[str, Any] = {"id": answers.service.id, "name": answers.service.name}
    if answers.service.team is not None:
        service["team"] = answers.service.team
    if answers.service.tags:
        service["tags"] = dict(answers.service.tags)
    top["service"] = service
    if answers.assessed_by is not None:
        top["assessed_by"] = answers.assessed_by
    if answers.assessed_on is not None:
        top["assessed_on"] = answers.assessed_on
    if answers.target is not None:
        top["target"] = {"rung": answers.target.rung}
        if answers.target.reason is not None:
            top["target"]["reason"] = answers.target.reason
    if answers.types:
        top["types"] = {k: v.model_dump(exclude_none=True) for k, v in answers.types.items()}
    parts.append(_yaml(top))

    statements: dict[str, str] = {}
    criteria_order: list[str] = []
    sf_order: list[str] = []
    ready_order: list[str] = []
    if rubric is not None:
        activity = {a.id: a.name for a in rubric.activities}
        rung = rubric.rung_by_id()
        for c in rubric.criteria:
            criteria_order.append(c.id)
            where = activity.get(c.activity, c.activity)
            if c.rung in rung:
                where += f", rung {rung[c.rung].level} {rung[c.rung].name}"
            statements[f"criteria.{c.id}"] = f"{where}: {c.statement}"
        for f in rubric.success_factors:
            sf_order.append(f.id)
            statements[f"success_factors.{f.id}"] = f.name
        for f in rubric.readiness:
            ready_order.append(f.id)
            statements[f"readiness.{f.id}"] = f.name

    sections: list[tuple[str, Mapping[str, CriterionAnswer | FactorAnswer], list[str]]] = [
        ("criteria", answers.criteria, criteria_order),
        ("success_factors", answers.success_factors, sf_order),
        ("readiness", answers.readiness, ready_order),
    ]
    for name, items, order in sections:
        if not items:
            continue
        parts.append(f"{name}:\n")
        for item_id in _in_order(items, order):
            note = statements.get(f"{name}.{item_id}")
            if note:
                parts.append(_comment(note, indent=2))
            body = _item(items[item_id])
            parts.append(_yaml({item_id: body}, indent=2) if body else f"  {item_id}: {{}}\n")
    return "".join(parts)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader only ever sees the old or the new file.

    Writes a temp file in the same folder, flushes and fsyncs it, then renames it over the
    target with os.replace. On any failure the temp file is removed and the old file is left
    exactly as it was.
    """
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    # Make the rename itself durable; not every platform lets a folder be opened for this.
    with suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def save_answers(path: Path, answers: Answers, *, rubric: Rubric | None = None) -> None:
    """Write `answers` to `path` atomically (see write_atomically); raises OSError on failure."""
    write_atomically(path, dump_answers(answers, rubric=rubric, path=str(path)))
