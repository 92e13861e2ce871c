"""Reading translation files (`coprod-rubric-translation/1`), issue 26 item 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_ladder.diagnostics import Severity
from coprod_ladder.rubric.translation import TranslatedText
from coprod_ladder.rubric.translation_file import load_translation, read_translation

GOOD = """\
format: coprod-rubric-translation/1
rubric: coprod-default
language: cy
texts:
  title:
    text: Ysgol gyd-gynhyrchu
    from: 0123456789ab
    status: reviewed
  rungs.informing.name:
    text: Hysbysu
    from: abcdef012345
"""


def test_a_good_file_gives_the_translation_and_where_each_key_is() -> None:
    translation, positions, problems = read_translation(GOOD, "cy.yaml")
    assert problems == []
    assert translation is not None
    assert (translation.rubric, translation.language) == ("coprod-default", "cy")
    assert translation.texts == {
        "title": TranslatedText("Ysgol gyd-gynhyrchu", "0123456789ab", "reviewed"),
        "rungs.informing.name": TranslatedText("Hysbysu", "abcdef012345", "draft"),
    }
    assert positions == {"title": (5, 3), "rungs.informing.name": (9, 3)}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("texts: [unclosed\n", "syntax", 2),
        ("- a list\n", "schema/root", 1),
        (GOOD.replace("format: coprod-rubric-translation/1\n", ""), "schema/missing", 1),
        (GOOD.replace("translation/1", "translation/9"), "schema/value", 1),
        (GOOD.replace("from: 0123456789ab", "from: abc"), "schema/value", 7),
        (GOOD.replace("status: reviewed", "status: done"), "schema/value", 8),
        (GOOD.replace("    status: reviewed", "    staus: reviewed"), "schema/unknown-key", 8),
        (GOOD.replace("language: cy", "language: Welsh"), "schema/value", 3),
        (GOOD.replace("text: Hysbysu", "text: ''"), "schema/value", 10),
        (GOOD.replace("  rungs.informing.name:", "  title:"), "duplicate-key", 9),
        (GOOD.replace("text: Hysbysu", "text: 12"), "schema/type", 10),
    ],
)
def test_a_bad_file_gives_positioned_errors_not_a_traceback(
    text: str, code: str, line: int
) -> None:
    translation, positions, problems = read_translation(text, "cy.yaml")
    assert translation is None
    assert positions == {}
    assert code in {p.code for p in problems}
    first = next(p for p in problems if p.code == code)
    assert (first.path, first.line, first.severity) == ("cy.yaml", line, Severity.ERROR)


def test_an_unreadable_or_undecodable_file_is_a_finding(tmp_path: Path) -> None:
    missing = load_translation(tmp_path / "nope.yaml")
    assert missing[0] is None and [p.code for p in missing[2]] == ["unreadable"]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(GOOD.replace("Hysbysu", "Hysb\xfdsu").encode("latin-1"))
    bad = load_translation(latin)
    assert bad[0] is None and [p.code for p in bad[2]] == ["encoding"]
    good = tmp_path / "cy.yaml"
    good.write_text(GOOD, encoding="utf-8")
    assert load_translation(good)[0] is not None
