"""Findings as SARIF 2.1.0, the format GitHub code scanning and many editors read.

This module owns `rubric check --format sarif`: one run of the `coprod` tool, one rule per
finding code (with a plain-English help text), and one result per finding at its file, line
and column. It returns a string and must not print or read the clock; the output is the same
for the same findings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from coprod_ladder.diagnostics import Diagnostic, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: What each finding code means and how to fix it; shown by code scanning beside the finding.
FINDING_HELP: dict[str, str] = {
    # Reading the file
    "unreadable": "The file could not be read: it is missing, not a regular file, or not "
                  "readable. Check the path and the file's permissions.",
    "too-large": "The file is far larger than any rubric or answers file; check that it is "
                 "the file you meant.",
    "encoding": "The file must be UTF-8 text. Save it as UTF-8 from your editor.",
    "empty": "The file holds nothing. Add the rubric's keys, or remove the file.",
    # YAML
    "syntax": "The YAML cannot be read. Check the indentation and the quotes around the line "
              "shown.",
    "duplicate-key": "A key appears twice in the same mapping; only one can count. Remove or "
                     "rename one of them.",
    "alias": "Anchors, aliases and merge keys (&, *, <<) are not allowed. Write the values "
             "out in full.",
    "unsafe-tag": "Tags such as !!python/... are never read. Write plain values.",
    "too-deep": "The file nests far deeper than any rubric does. Check the indentation.",
    # Schema
    "schema/root": "A rubric file is a mapping of keys (id:, title:, rungs: ...), not a list "
                   "or a single value.",
    "schema/missing": "A required key is missing. Add it; `coprod rubric schema` lists every "
                      "key.",
    "schema/unknown-key": "The key is not part of the format, usually a typo. Use one of the "
                          "keys suggested.",
    "schema/type": "The value has the wrong type (text, a number, true or false, a list, a "
                   "mapping). Quote text that looks like a number or a date.",
    "schema/value": "The value is outside what the format allows (an id's letters, a number's "
                    "range, a list that is too short).",
    "schema/too-many": "There are more schema problems than are shown. Fix the ones listed "
                       "and check again.",
    # Meaning (rubric.checks.CODES)
    "duplicate-id": "Two items share an id; every id must be unique within its list.",
    "duplicate-level": "Two rungs share a level; each rung needs its own level.",
    "rung-order": "Rungs must be listed bottom first, level 1 upward.",
    "rung-gap": "Rung levels must run 1, 2, 3 ... without gaps.",
    "unknown-rung": "The rung named does not exist in this rubric. Use one of its rung ids.",
    "unknown-activity": "The activity named does not exist in this rubric. Use one of its "
                        "activity ids.",
    "unknown-answer-set": "The answer set named does not exist in this rubric.",
    "unknown-item": "A risk trigger names a criterion or factor that does not exist.",
    "unknown-answer": "The answer named is not an option of the item's answer set.",
    "unknown-source": "The source named is not listed under sources.",
    "unknown-duty": "The duty named is not declared under duties.",
    "empty-answer-set": "An answer set needs at least one option that meets the criterion and "
                        "one that does not.",
    "unreachable-rung": "No service could ever stand on this rung. Add criteria for it, or "
                        "remove the gate that blocks it.",
    "threshold-needs-share": "The threshold rule needs min_share: the share of criteria that "
                             "must be met.",
    "risk-never-raised": "No answer could ever raise this risk. Check its raised_when "
                         "triggers.",
    "missing-guidance": "The criterion has no guidance on how to reach it. Add guidance so "
                        "the report can say what to do next.",
    "rung-without-criteria": "The rung has no criteria for any activity, so it is reached "
                             "without doing anything.",
    "activity-without-criteria": "The activity has no criteria, so it never shows in any "
                                 "report.",
    "unused-answer-set": "No criterion or factor uses this answer set. Use it or remove it.",
    "unknown-option-meets": "A \"don't know\" option counts as unanswered, so it cannot also "
                            "meet a criterion. Set meets: false.",
    "history-version": "The history must run from older versions to the current one, each "
                       "release naming the version it replaces. Check the version numbers.",
    "history-unknown-id": "The history maps an id to one this version does not have. Use an "
                          "id of the current rubric, or mark the old one as removed.",
    "history-cycle": "The history renames ids in a loop or a chain. Map each old id straight "
                     "to its id in the current version.",
    "history-incomplete": "An id of the earlier version is neither kept nor named in the "
                          "history, so old answers to it would be lost. Say where it went.",
}

_GENERIC_HELP = "See `coprod rubric check --help` and the message for what to change."


def _uri(path: str) -> str:
    """Return a file path as a URI reference: relative paths stay relative, as code scanning
    expects; absolute ones become file:// URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def _rule_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.replace("/", "-").split("-"))


def sarif_log(diagnostics: Sequence[Diagnostic], *, tool_version: str) -> dict[str, object]:
    """Build the SARIF log: every code found becomes a rule, every finding a result."""
    codes = sorted({d.code for d in diagnostics})
    index = {code: n for n, code in enumerate(codes)}
    levels = {d.code: d.severity for d in diagnostics}
    rules = []
    for code in codes:
        help_text = FINDING_HELP.get(code, _GENERIC_HELP)
        rules.append({
            "id": code,
            "name": _rule_name(code),
            "shortDescription": {"text": help_text.split(". ")[0].rstrip(".") + "."},
            "help": {"text": help_text},
            "defaultConfiguration": {
                "level": "error" if levels[code] is Severity.ERROR else "warning"},
        })
    results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": "error" if d.severity is Severity.ERROR else "warning",
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.path)},
            "region": {"startLine": d.line, "startColumn": d.column},
        }}],
    } for d in diagnostics]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "coprod", "version": tool_version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], *, tool_version: str) -> str:
    """Return the SARIF log as indented JSON text ending in a newline."""
    return json.dumps(sarif_log(diagnostics, tool_version=tool_version), indent=2,
                      ensure_ascii=False) + "\n"
