"""A rubric shown in the language spoken: its translation applied, what is still English kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_ladder.language import using
from coprod_ladder.model import Rubric
from coprod_ladder.rubric.in_language import rubric_in_language
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import TranslatedText, Translation, fingerprint, rubric_texts
from coprod_ladder.rubric.translation_po import translation_yaml

ROOT = Path(__file__).resolve().parent.parent
RUBRIC: Rubric = load_rubric(None)[0]
ENGLISH = rubric_texts(RUBRIC)
KEYS = list(ENGLISH)


def _file(texts: dict[str, TranslatedText], rubric: str = "default", lang: str = "cy"
          ) -> tuple[str, bytes]:
    yaml = translation_yaml(Translation(rubric, lang, texts), RUBRIC)
    return "translations/default.cy.yaml", yaml.encode()


def _current(key: str, text: str, status: str = "draft") -> TranslatedText:
    return TranslatedText(text, fingerprint(ENGLISH[key]), status)  # type: ignore[arg-type]


def test_without_a_translation_every_text_is_english_and_says_so() -> None:
    shown, problems = rubric_in_language(RUBRIC, "cy", None)
    assert problems == []
    assert shown.title == RUBRIC.title
    assert shown.text_language is not None
    assert shown.text_language.in_english == tuple(KEYS)
    assert RUBRIC.text_language is None  # the loaded rubric is left as it was


def test_current_texts_are_used_stale_ones_stay_english_and_drafts_are_counted() -> None:
    texts = {"title": _current("title", "Ysgol", "reviewed"),
             KEYS[1]: _current(KEYS[1], "Crynodeb"),
             KEYS[2]: TranslatedText("Hen", fingerprint("older English"), "reviewed")}
    shown, problems = rubric_in_language(RUBRIC, "cy", _file(texts))
    assert problems == []
    assert (shown.title, shown.summary) == ("Ysgol", "Crynodeb")
    assert shown.text_language is not None
    assert shown.text_language.drafts == 1
    assert "title" not in shown.text_language.in_english
    assert KEYS[2] in shown.text_language.in_english  # stale: shown in English
    assert shown.rungs[0].id == RUBRIC.rungs[0].id  # ids never change


@pytest.mark.parametrize(("found", "says"), [
    (("translations/default.cy.yaml", b"format: nonsense\n"), "cannot be used"),
    (_file({}, rubric="other"), "translates rubric 'other'"),
    (_file({}, lang="ga"), "into ga"),
])
def test_a_translation_that_cannot_be_used_is_a_warning_and_the_english_is_shown(
        found: tuple[str, bytes], says: str) -> None:
    shown, [problem] = rubric_in_language(RUBRIC, "cy", found)
    assert (problem.code, str(problem.severity)) == ("translation-unusable", "warning")
    assert says in problem.message
    assert problem.path == "translations/default.cy.yaml"
    assert shown.title == RUBRIC.title
    assert shown.text_language is not None and len(shown.text_language.in_english) == len(KEYS)


def test_a_rubric_file_is_shown_with_the_translation_beside_it(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text((ROOT / "rubrics" / "default.yaml").read_text())
    (tmp_path / "translations").mkdir()
    path, raw = _file({"title": _current("title", "Ein hysgol ni")})
    (tmp_path / path).write_bytes(raw)
    with using("cy"):
        shown, _ = load_rubric(str(mine))
    assert shown.title == "Ein hysgol ni"
    english, _ = load_rubric(str(mine))
    assert english.title == RUBRIC.title and english.text_language is None
