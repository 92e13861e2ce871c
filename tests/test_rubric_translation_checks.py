"""A translation checked against its rubric: missing, stale, unknown and draft texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

import pytest

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.model import Rubric
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import (
    TranslatedText,
    Translation,
    fingerprint,
    rubric_texts,
)
from coprod_ladder.rubric.translation_checks import TRANSLATION_CODES, translation_findings
from coprod_ladder.rubric.translation_file import read_translation

PATH = "cy.yaml"


def _rubric() -> Rubric:
    checked, _ = load_rubric(None)
    rubric: Rubric = getattr(checked, "rubric", checked)
    return rubric


def _complete(rubric: Rubric, status: Literal["draft", "reviewed"] = "reviewed") -> Translation:
    return Translation(rubric.id, "cy", {
        key: TranslatedText(f"[cy] {text}", fingerprint(text), status)
        for key, text in rubric_texts(rubric).items()})


def _positions(translation: Translation) -> dict[str, tuple[int, int]]:
    # As a file would hold them: each key on its own line, indented under `texts:`.
    return {key: (5 + 3 * n, 3) for n, key in enumerate(translation.texts)}


Case = Callable[[Rubric, Translation], tuple[Rubric, Translation]]


def _without_title(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    return r, replace(t, texts={k: v for k, v in t.texts.items() if k != "title"})


def _with_typo(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    return r, replace(t, texts={**t.texts, "titel": TranslatedText("Teitl", "0" * 12)})


def _english_edited(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    return r.model_copy(update={"title": r.title + " (revised)"}), t


def _made_from_other_english(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    return r, replace(t, texts={**t.texts, "title": replace(t.texts["title"],
                                                             source_fingerprint="f" * 12)})


def _two_drafts(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    keys = list(t.texts)[1:3]
    return r, replace(t, texts={k: replace(v, status="draft") if k in keys else v
                                for k, v in t.texts.items()})


def _one_draft(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    return r, replace(t, texts={k: replace(v, status="draft") if k == "summary" else v
                                for k, v in t.texts.items()})


def _stale_draft(r: Rubric, t: Translation) -> tuple[Rubric, Translation]:
    # A stale draft is reported as stale; it is not shown, so it is not a draft in use.
    r, t = _one_draft(r, t)
    return r.model_copy(update={"summary": r.summary + " Now longer."}), t


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r, t: (r, t), []),
        (_without_title, [("translation-missing", "'title' has no cy translation")]),
        (_with_typo, [("translation-unknown-key", "did you mean 'title'?")]),
        (_english_edited, [("translation-stale", "The English of 'title' has changed")]),
        (_made_from_other_english, [("translation-stale", "from ffffffffffff, now")]),
        (_one_draft, [("translation-drafts", "1 text in use is a draft ('summary')")]),
        (_two_drafts, [("translation-drafts", "2 texts in use are drafts")]),
        (_stale_draft, [("translation-stale", "'summary' has changed")]),
    ],
    ids=["complete", "missing", "unknown-key", "stale-after-an-english-edit",
         "stale-fingerprint", "one-draft", "drafts-counted-once", "stale-draft"],
)
def test_translation_findings(change: Case, expected: list[tuple[str, str]]) -> None:
    base = _rubric()
    rubric, translation = change(base, _complete(base))
    positions = _positions(translation)
    found = translation_findings(rubric, translation, positions, path=PATH)
    assert [(d.code, d.severity) for d in found] == [
        (code, TRANSLATION_CODES[code]) for code, _ in expected]
    for d, (_, words) in zip(found, expected, strict=True):
        assert words.lower() in d.message.lower()
        assert d.path == PATH


def test_a_finding_about_a_written_text_points_at_its_key() -> None:
    base = _rubric()
    rubric, translation = _english_edited(base, _complete(base))
    positions = _positions(translation)
    [stale] = translation_findings(rubric, translation, positions, path=PATH)
    assert (stale.line, stale.column) == positions["title"]


def test_a_missing_text_says_which_fingerprint_to_write() -> None:
    base = _rubric()
    rubric, translation = _without_title(base, _complete(base))
    [missing] = translation_findings(rubric, translation, _positions(translation), path=PATH)
    assert f"from: {fingerprint(base.title)}" in missing.message


def test_stale_after_an_english_edit_read_from_a_file() -> None:
    rubric = _rubric()
    only_title = f"""\
format: coprod-rubric-translation/1
rubric: {rubric.id}
language: cy
texts:
  summary:
    text: Crynodeb
    from: {fingerprint(rubric.summary)}
    status: reviewed
  title:
    text: Teitl
    from: {fingerprint(rubric.title)}
    status: reviewed
"""
    translation, positions, problems = read_translation(only_title, PATH)
    assert problems == [] and translation is not None

    def stale(r: Rubric) -> list[Diagnostic]:
        return [d for d in translation_findings(r, translation, positions, path=PATH)
                if d.code == "translation-stale"]

    assert stale(rubric) == []
    [finding] = stale(rubric.model_copy(update={"title": "A new title"}))
    assert (finding.line, finding.column, finding.severity) == (9, 3, Severity.WARNING)
