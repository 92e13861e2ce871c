"""A council's own rubric made from another: the text `coprod rubric init` writes.

This module owns what an adopted copy says about where it came from. The copy gets its own
id and starts its own versions at 1.0.0; its history gains the release that adopted the
source (`replaces_rubric`), and the releases kept from the source's own history say whose
they are (`rubric`), so answers written for any version of the source read through the copy.
Everything else (comments, layout, wording) is kept as it was. It works on text only and must
not print or read files; the caller checks the result with `parse_rubric`.
"""

from __future__ import annotations

import re

from coprod_ladder.language import _

#: The version an adopted copy starts at: its own numbering, not the source's.
FIRST_VERSION = "1.0.0"

_TOP_LEVEL = re.compile(r"^(id|version): *(.*?) *$", flags=re.MULTILINE)
_HISTORY = re.compile(r"^history:[ \t]*(#.*)?\n", flags=re.MULTILINE)
_NEXT_TOP_LEVEL = re.compile(r"^[^\s#-]", flags=re.MULTILINE)
_ITEM = re.compile(r"^([ \t]*)- ([a-z_]+):", flags=re.MULTILINE)


class NotAdoptable(ValueError):
    """The text lacks what an adopted copy needs (a top-level id, version or block history)."""


def _top_level(text: str, key: str) -> str:
    for match in _TOP_LEVEL.finditer(text):
        if match.group(1) == key:
            return match.group(2).strip("'\"")
    raise NotAdoptable(_("the rubric has no top-level '{key}:' line").format(key=key))


def _set_top_level(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)


def _adoption(indent: str, source_id: str, source_version: str, new_id: str) -> str:
    inner = indent + "  "
    return (f"{indent}- version: {FIRST_VERSION}\n"
            f"{inner}replaces: {source_version}\n"
            f"{inner}replaces_rubric: {source_id}\n"
            f"{inner}summary: >-\n"
            f"{inner}  '{new_id}' adopted from the coprod rubric '{source_id}' "
            f"{source_version}, unchanged.\n"
            f"{inner}  Answers written for '{source_id}' are read through this release.\n")


def adopted_copy(text: str, new_id: str) -> str:
    """Return a rubric's text as the first version of a council's own rubric, `new_id`.

    Raises NotAdoptable when the text has no top-level id or version, or a history written
    in flow style (`history: [...]`), which cannot be extended line by line.
    """
    source_id = _top_level(text, "id")
    source_version = _top_level(text, "version")
    copy = _set_top_level(_set_top_level(text, "id", new_id), "version", FIRST_VERSION)
    header = (f"# Copied from the coprod rubric '{source_id}' {source_version} by `coprod "
              f"rubric init`.\n# Its history says so, so answers written for '{source_id}' "
              "score with this rubric.\n# Change what you need, raise `version` and record "
              "each release under history\n# (docs/writing-a-rubric.md, \"Adopting a "
              "rubric\"); check it: coprod rubric check FILE\n")
    start = _HISTORY.search(copy)
    if start is None:
        if re.search(r"^history:", copy, flags=re.MULTILINE):
            raise NotAdoptable(_("the rubric's history is not a block list; write it one "
                                 "release per '- version:' item"))
        ending = "" if copy.endswith("\n") else "\n"
        return (header + copy + ending + "\nhistory:\n"
                + _adoption("  ", source_id, source_version, new_id))
    end = _NEXT_TOP_LEVEL.search(copy, start.end())
    section = copy[start.end():end.start() if end else len(copy)]
    first = _ITEM.search(section)
    indent = first.group(1) if first else "  "
    kept = _mark_kept_releases(section, indent, source_id)
    return (header + copy[:start.end()]
            + _adoption(indent, source_id, source_version, new_id) + kept
            + copy[start.end() + len(section):])


def _mark_kept_releases(section: str, indent: str, source_id: str) -> str:
    """Add `rubric: SOURCE` to each release of the source's own history, as its first key."""
    lines = section.splitlines(keepends=True)
    out: list[str] = []
    for line in lines:
        match = _ITEM.match(line)
        if match and match.group(1) == indent:
            out.append(f"{indent}- rubric: {source_id}\n")
            out.append(f"{indent}  {line[len(indent) + 2:]}")
        else:
            out.append(line)
    return "".join(out)
