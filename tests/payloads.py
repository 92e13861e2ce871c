"""Rubrics and answers files with markup typed into every free-text field, for escaping tests.

`hostile_rubric` and `hostile_answers` take the shipped default rubric and an example answers
file and append `PAYLOAD` to every field a person writes in their own words. The payload tries
every way of running script or breaking a table: an <img onerror>, an <svg onload>, a <script>,
an attribute break-out, a Markdown javascript: link and a table pipe. Rendered safely, it shows
as text and `window.__pwned` is never set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PAYLOAD = ('<img src=x onerror="window.__pwned=1"> "><svg onload=window.__pwned=2>'
           "<script>window.__pwned=3</script> | [click](javascript:window.__pwned=4)")
# Keys whose values are words a rubric author or a manager writes (never ids or enums).
RUBRIC_TEXT = {"title", "summary", "name", "statement", "guidance", "help", "in_practice",
               "description", "label", "mitigation", "credit", "framework", "example",
               "indicators", "author"}
ANSWERS_TEXT = {"name", "team", "reason", "what", "where", "cyp_say", "note", "by",
                "assessed_by", "not_applicable", "tags"}


def _poison(node: Any, keys: set[str], inside: bool = False) -> tuple[Any, int]:
    """Return `node` with PAYLOAD appended to every string under one of `keys`, and a count."""
    if isinstance(node, dict):
        out, count = {}, 0
        for key, value in node.items():
            # PyYAML reads the key `on:` (validated on a date) as True; write it back as on.
            key = "on" if key is True else key
            out[key], n = _poison(value, keys, inside or key in keys)
            count += n
        return out, count
    if isinstance(node, list):
        items = [_poison(item, keys, inside) for item in node]
        return [i for i, _ in items], sum(n for _, n in items)
    if inside and isinstance(node, str):
        return f"{node} {PAYLOAD}", 1
    return node, 0


def hostile_rubric(folder: Path) -> tuple[Path, int]:
    """Write the default rubric with the payload in every text field; return (path, fields)."""
    data = yaml.safe_load((REPO / "rubrics" / "default.yaml").read_text(encoding="utf-8"))
    poisoned, count = _poison(data, RUBRIC_TEXT)
    path = folder / "hostile-rubric.yaml"
    path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path, count


def hostile_answers(folder: Path, example: str = "youth-service.yaml") -> tuple[Path, int]:
    """Write an example answers file with the payload in every text field."""
    data = yaml.safe_load((REPO / "examples" / example).read_text(encoding="utf-8"))
    poisoned, count = _poison(data, ANSWERS_TEXT)
    path = folder / f"hostile-{example}"
    path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path, count


def long_name_rubric(folder: Path) -> Path:
    """Write the default rubric with rung names of about 42 to 52 characters."""
    data = yaml.safe_load((REPO / "rubrics" / "default.yaml").read_text(encoding="utf-8"))
    for rung in data["rungs"]:
        rung["name"] = f"{rung['name']} with children and families in every decision"[:52]
    path = folder / "long-names.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def long_link_answers(folder: Path) -> Path:
    """Write an example answers file whose evidence is kept at a very long SharePoint link."""
    data = yaml.safe_load((REPO / "examples" / "youth-service.yaml").read_text(encoding="utf-8"))
    link = ("https://northfieldcouncil.sharepoint.com/sites/ChildrensServices/Shared%20Documents"
            "/Forms/AllItems.aspx?id=%2Fsites%2FChildrensServices%2FShared%20Documents%2F"
            "Youth%20Council%2F2026%2FMinutes%2Dof%2Dthe%2Dyouth%2Dcouncil%2Dmeeting.pdf")
    for answer in data["criteria"].values():
        for evidence in answer.get("evidence", []):
            evidence["where"] = link
    data = _poison(data, set())[0]  # only to turn PyYAML's `True` keys back into `on`
    path = folder / "long-link.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
