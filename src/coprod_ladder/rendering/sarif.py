"""Findings as SARIF 2.1.0, the format GitHub code scanning and many editors read.

This module owns `rubric check --format sarif`: one run of the `coprod` tool, one rule per
finding code (with a plain-English description, help in text and Markdown, and a link to the
code's section of docs/findings.md), and one result per finding at its file, line and
column, with a fingerprint that survives lines moving. Paths are written relative to a root
(the repository's top folder, for GitHub code scanning). It returns a string and must not
print, read files or read the clock; the output is the same for the same findings.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath
from urllib.parse import quote

from coprod_ladder import HOMEPAGE
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import N_, _

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: The page with one section per finding code; helpUri points at the code's section.
FINDINGS_DOC = "docs/findings.md"
#: The name of coprod's own fingerprint in `partialFingerprints` (version it if it changes).
FINGERPRINT = "coprodFindingHash/v1"

#: What each finding code means and how to fix it; shown by code scanning beside the finding.
FINDING_HELP: dict[str, str] = {
    # Reading the file
    "unreadable": N_("The file could not be read: it is missing, not a regular file, or not "
                     "readable. Check the path and the file's permissions."),
    "too-large": N_("The file is far larger than any rubric or answers file; check that it is "
                    "the file you meant."),
    "encoding": N_("The file must be UTF-8 text. Save it as UTF-8 from your editor."),
    "empty": N_("The file holds nothing. Add the rubric's keys, or remove the file."),
    # YAML
    "syntax": N_("The YAML cannot be read. Check the indentation and the quotes around the line "
                 "shown."),
    "duplicate-key": N_("A key appears twice in the same mapping; only one can count. Remove or "
                        "rename one of them."),
    "alias": N_("Anchors, aliases and merge keys (&, *, <<) are not allowed. Write the values "
                "out in full."),
    "unsafe-tag": N_("Tags such as !!python/... are never read. Write plain values."),
    "too-deep": N_("The file nests far deeper than any rubric does. Check the indentation."),
    # Schema
    "schema/root": N_("A rubric file is a mapping of keys (id:, title:, rungs: ...), not a list "
                      "or a single value."),
    "schema/missing": N_("A required key is missing. Add it; `coprod rubric schema` lists every "
                         "key."),
    "schema/unknown-key": N_("The key is not part of the format, usually a typo. Use one of the "
                             "keys suggested."),
    "schema/type": N_("The value has the wrong type (text, a number, true or false, a list, a "
                      "mapping). Quote text that looks like a number or a date."),
    "schema/value": N_("The value is outside what the format allows (an id's letters, a number's "
                       "range, a list that is too short)."),
    "schema/too-many": N_("There are more schema problems than are shown. Fix the ones listed "
                          "and check again."),
    # Meaning (rubric.checks.CODES)
    "duplicate-id": N_("Two items share an id; every id must be unique within its list."),
    "duplicate-level": N_("Two rungs share a level; each rung needs its own level."),
    "rung-order": N_("Rungs must be listed bottom first, level 1 upward."),
    "rung-gap": N_("Rung levels must run 1, 2, 3 ... without gaps."),
    "unknown-rung": N_("The rung named does not exist in this rubric. Use one of its rung ids."),
    "unknown-activity": N_("The activity named does not exist in this rubric. Use one of its "
                           "activity ids."),
    "unknown-answer-set": N_("The answer set named does not exist in this rubric."),
    "unknown-item": N_("A risk trigger names a criterion or factor that does not exist."),
    "unknown-answer": N_("The answer named is not an option of the item's answer set."),
    "unknown-source": N_("The source named is not listed under sources."),
    "unknown-duty": N_("The duty named is not declared under duties."),
    "unknown-jurisdiction": N_("The jurisdiction named is not listed under jurisdictions. Use "
                               "one of its ids (england, wales in the default rubric)."),
    "empty-answer-set": N_("An answer set needs at least one option that meets the criterion and "
                           "one that does not."),
    "unreachable-rung": N_("No service could ever stand on this rung. Add criteria for it, or "
                           "remove the gate that blocks it."),
    "threshold-needs-share": N_("The threshold rule needs min_share: the share of criteria that "
                                "must be met."),
    "risk-never-raised": N_("No answer could ever raise this risk. Check its raised_when "
                            "triggers."),
    "missing-guidance": N_("The criterion has no guidance on how to reach it. Add guidance so "
                           "the report can say what to do next."),
    "rung-without-criteria": N_("The rung has no criteria for any activity, so it is reached "
                                "without doing anything."),
    "activity-without-criteria": N_("The activity has no criteria, so it never shows in any "
                                    "report."),
    "unused-answer-set": N_("No criterion or factor uses this answer set. Use it or remove it."),
    "long-text": N_("The text has more words than the rubric's plain_language limit (25 for a "
                    "statement, 60 for other texts by default). Split it, or move detail to the "
                    "hint."),
    "hard-to-read": N_("The text's Flesch reading ease is below the rubric's plain_language "
                       "limit (60 by default). Use shorter words and sentences."),
    "two-asks": N_("The statement likely asks two things: 'and' or 'or' joins a second clause "
                   "(a verb such as 'and tell', or 'and why'). Ask one thing, and give the other "
                   "its own statement."),
    "long-voice-question": N_("A voice question has more words than the rubric's voice limit "
                              "(max_question_words, 20 by default). Ask one thing, in fewer "
                              "words."),
    "hard-voice-question": N_("A children's or young people's voice question has a Flesch "
                              "reading ease below the rubric's voice limit (min_reading_ease, 70 "
                              "by default). Use shorter, everyday words and a shorter sentence."),
    "unknown-option-meets": N_("A \"don't know\" option counts as unanswered, so it cannot also "
                               "meet a criterion. Set meets: false."),
    "history-version": N_("The history must run from older versions to the current one, each "
                          "release naming the version it replaces. Check the version numbers."),
    "history-unknown-id": N_("The history maps an id to one this version does not have. Use an "
                             "id of the current rubric, or mark the old one as removed."),
    "history-cycle": N_("The history renames ids in a loop or a chain. Map each old id straight "
                        "to its id in the current version."),
    "history-incomplete": N_("An id of the earlier version is neither kept nor named in the "
                             "history, so old answers to it would be lost. Say where it went."),
    "translation-missing": N_("A text of the rubric has no translation in this file, so readers "
                              "see it in English. Add it under texts, with the fingerprint the "
                              "message gives as from."),
    "translation-stale": N_("The English this text was translated from has changed since (its "
                            "fingerprint differs), so the English is shown instead. Translate "
                            "the current English and set from to the fingerprint the message "
                            "gives."),
    "translation-unknown-key": N_("The translation has a key the rubric has no text for: a typo, "
                                  "or a text the rubric has dropped. Correct the key or remove "
                                  "the text."),
    "translation-unknown-rubric": N_("The translation names a rubric that is neither among the "
                                     "files checked nor shipped. Check the translation with its "
                                     "rubric, or correct the rubric id at its top."),
    "translation-drafts": N_("Some translations in use are still drafts. Once someone who "
                             "knows the language has checked them, set status: reviewed."),
}

_GENERIC_HELP = N_("See `coprod rubric check --help` and the message for what to change.")


def doc_anchor(code: str) -> str:
    """Return the anchor GitHub gives the heading `` `code` `` in docs/findings.md.

    GitHub lower-cases a heading, drops what is not a letter, digit, space, '-' or '_', and
    turns spaces into '-': `schema/root` becomes `schemaroot`.
    """
    return re.sub(r"[^a-z0-9 _-]", "", code.lower()).replace(" ", "-")


def help_uri(code: str) -> str:
    """Return the link to a finding code's section of docs/findings.md."""
    return f"{HOMEPAGE}/blob/main/{FINDINGS_DOC}#{doc_anchor(code)}"


def artifact_uri(path: str, *, root: str | None = None, cwd: str | None = None) -> str:
    """Return a finding's file as code scanning wants it: relative to `root`, never with `..`.

    `path` is as the finding names it (relative to `cwd`, or absolute). With `root` and `cwd`
    (both absolute) a file inside `root` becomes a relative URI from it and any other file an
    absolute file:// URI; without them a relative path stays as it is, tidied (`a/../b` is
    `b`), unless it climbs out with `..`, which becomes absolute only when `cwd` is known.
    """
    pure = PurePath(path).as_posix()
    if not posixpath.isabs(pure) and cwd is not None:
        pure = posixpath.join(PurePath(cwd).as_posix(), pure)
    pure = posixpath.normpath(pure)
    if posixpath.isabs(pure):
        if root is not None:
            base = posixpath.normpath(PurePath(root).as_posix())
            if PurePosixPath(pure).is_relative_to(base):
                return quote(posixpath.relpath(pure, base))
        return "file://" + quote(pure)
    return quote(pure)


#: The groups of docs/findings.md, in order, and the codes each holds.
_GROUPS = (("Reading the file", ("unreadable", "too-large", "encoding", "empty")),
           ("YAML", ("syntax", "duplicate-key", "alias", "unsafe-tag", "too-deep")),
           ("The format (schema)", ("schema/root", "schema/missing", "schema/unknown-key",
                                    "schema/type", "schema/value", "schema/too-many")))
#: Last on the page, after the rubric's meaning: findings about a rubric's translation files.
_TRANSLATIONS = ("Translations", ("translation-missing", "translation-stale",
                                  "translation-unknown-key", "translation-unknown-rubric",
                                  "translation-drafts"))


def findings_doc(severities: dict[str, Severity]) -> str:
    """Return docs/findings.md: one section per finding code, the target of every helpUri.

    `severities` gives the meaning and translation checks' codes (`rubric.checks.CODES`,
    `rubric.translation_checks.TRANSLATION_CODES`); reading, YAML and format findings are
    always errors.
    """
    grouped = {code for _, codes in (*_GROUPS, _TRANSLATIONS) for code in codes}
    groups = [*_GROUPS, ("The rubric's meaning",
                         tuple(c for c in FINDING_HELP if c not in grouped)), _TRANSLATIONS]
    out = ["# What each finding means\n\n"
           "Every finding `coprod rubric check` reports has a code, shown in brackets "
           "(`[unknown-rung]`) and as the rule of a SARIF result; GitHub code scanning links "
           "each rule here. Errors fail the check; warnings fail it only with `--strict`; info "
           "findings never fail it.\n\n"
           "This page is made from the help texts in `src/coprod_ladder/rendering/sarif.py`; "
           "a test checks it is current (refresh it with `COPROD_UPDATE_GOLDEN=1 python -m "
           "pytest tests/test_sarif.py`).\n"]
    for title, codes in groups:
        out.append(f"\n## {title}\n")
        for code in codes:
            level = severities.get(code, Severity.ERROR).value
            # The page is for the project's readers, in English: the help's message id.
            out.append(f"\n### `{code}`\n\n{level}: {FINDING_HELP[code]}\n")
    return "".join(out)


def _rule_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.replace("/", "-").split("-"))


def _level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}[severity]


def _rule(code: str, severity: Severity) -> dict[str, object]:
    help_text = _(FINDING_HELP.get(code, _GENERIC_HELP))
    link = help_uri(code)
    return {
        "id": code,
        "name": _rule_name(code),
        "shortDescription": {"text": help_text.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": help_text},
        "help": {"text": _("{help} More: {link}").format(help=help_text, link=link),
                 "markdown": f"**`{code}`** ({_level(severity)})\n\n{help_text}\n\n"
                             + _("[What `{code}` means and how to fix it]({link})").format(
                                 code=code, link=link)},
        "helpUri": link,
        "defaultConfiguration": {"level": _level(severity)},
    }


def _fingerprints(uris: Sequence[str], diagnostics: Sequence[Diagnostic]) -> list[str]:
    """One fingerprint per finding: its file, code and message, not its line (so a finding
    keeps its identity when lines above it move), with a count for repeats in one file."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for uri, d in zip(uris, diagnostics, strict=True):
        key = (uri, d.code, d.message)
        seen[key] += 1
        digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:32]
        out.append(f"{digest}:{seen[key]}")
    return out


def sarif_log(diagnostics: Sequence[Diagnostic], *, tool_version: str, root: str | None = None,
              cwd: str | None = None) -> dict[str, object]:
    """Build the SARIF log: every code found becomes a rule, every finding a result.

    `root` and `cwd` place the files (see `artifact_uri`).
    """
    codes = sorted({d.code for d in diagnostics})
    index = {code: n for n, code in enumerate(codes)}
    levels = {d.code: d.severity for d in diagnostics}
    uris = [artifact_uri(d.path, root=root, cwd=cwd) for d in diagnostics]
    results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": d.line, "startColumn": d.column},
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    } for d, uri, fingerprint in zip(diagnostics, uris, _fingerprints(uris, diagnostics),
                                     strict=True)]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "coprod", "version": tool_version,
                                "informationUri": HOMEPAGE,
                                "rules": [_rule(code, levels[code]) for code in codes]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], *, tool_version: str, root: str | None = None,
                 cwd: str | None = None) -> str:
    """Return the SARIF log as indented JSON text ending in a newline."""
    return json.dumps(sarif_log(diagnostics, tool_version=tool_version, root=root, cwd=cwd),
                      indent=2, ensure_ascii=False) + "\n"
