"""Every shipped rubric reads plainly: short statements a busy manager can take in at a glance.

Statements (criterion statements and the one-line summaries of success factors and readiness
steps, which are what `coprod assess` asks) have at most 25 words and a Flesch reading ease
of at least 60; guidance texts have at most 60 words. Reading ease is counted by
`reading_ease.py` (pyphen's syllables, textstat 0.7.3's formula and rounding, so the scores
are the ones textstat gave).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_ladder.model import Rubric
from coprod_ladder.resources import builtin_rubric_names
from coprod_ladder.rubric.load import load_rubric
from reading_ease import flesch_reading_ease

MAX_STATEMENT_WORDS = 25
MIN_READING_EASE = 60.0
MAX_GUIDANCE_WORDS = 60
STARTER_RUBRIC = (Path(__file__).resolve().parents[1] / "src" / "coprod_ladder"
                  / "starter-rubric.yaml")


def words(text: str) -> int:
    return len(text.split())


def statement_problems(text: str) -> list[str]:
    """Return what makes a statement hard to read (empty when it is fine)."""
    text = " ".join(text.split())
    found = []
    if words(text) > MAX_STATEMENT_WORDS:
        found.append(f"{words(text)} words (at most {MAX_STATEMENT_WORDS})")
    ease = flesch_reading_ease(text)
    if ease < MIN_READING_EASE:
        found.append(f"reading ease {ease:.1f} (at least {MIN_READING_EASE:.0f})")
    return found


def texts(rubric: Rubric) -> list[tuple[str, str, str]]:
    """Return (kind, item id, text) for every statement and guidance text in a rubric."""
    out = [("statement", c.id, c.statement) for c in rubric.criteria]
    out += [("guidance", c.id, c.guidance) for c in rubric.criteria if c.guidance]
    for factor in [*rubric.success_factors, *rubric.readiness]:
        out.append(("statement", factor.id, factor.summary))
        if factor.guidance:
            out.append(("guidance", factor.id, factor.guidance))
    return out


def cases() -> list[object]:
    refs = [*builtin_rubric_names(), str(STARTER_RUBRIC)]
    found = []
    for ref in refs:
        rubric, _ = load_rubric(ref)
        found += [pytest.param(kind, text, id=f"{rubric.id}:{item}:{kind}")
                  for kind, item, text in texts(rubric)]
    return found


@pytest.mark.parametrize(("kind", "text"), cases())
def test_shipped_text_is_plain(kind: str, text: str) -> None:
    if kind == "statement":
        assert statement_problems(text) == []
    else:
        assert words(text) <= MAX_GUIDANCE_WORDS


@pytest.mark.parametrize(("text", "expected"), [
    ("We ask families before we change the service.", []),
    (("Children, young people and families are equal partners through the whole commissioning "
      "cycle, from assessing need to choosing providers and monitoring contracts, and share in "
      "the final decisions."), ["28 words (at most 25)", "reading ease"]),
    ("Commissioning organisational accountabilities necessitate comprehensive consultation.",
     ["reading ease"]),
], ids=["plain", "long-and-hard", "short-but-hard"])
def test_the_measure_flags_long_or_hard_statements(text: str, expected: list[str]) -> None:
    problems = statement_problems(text)
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected, strict=True):
        assert start in problem
