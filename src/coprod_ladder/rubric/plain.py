"""Plain-language measures for rubric text: words, reading ease and likely two-ask joins.

Pure functions, no I/O. `rubric check` uses them (through `rubric.checks`) on every rubric, with
the thresholds in the rubric's `plain_language` block.

Reading ease is the Flesch formula, 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables /
words), with syllables counted by a small rule of our own (groups of vowels, less a silent final
"e" and a few endings), so the check needs no dictionary and gives the same answer everywhere.
On the default rubric's criteria texts it lands on average within a point of textstat 0.7.3
(which counts with pyphen), with single short texts up to 20 points apart; treat a short
text's score as a hint that it has long words, not as a verdict.

A likely two-ask join is "and" or "or" (or "and then") followed by a word that starts a second
clause: a finite verb from a short list ("and know", "or joined"), or a question word ("and
why", "and how"). Joins inside examples (after "such as", "for example", "including" or "like",
to the end of the sentence) are left out, since either example answers yes. Lists of nouns
("training and support", "children and families") are never flagged: the heuristic finds joined
clauses, and a reviewer still reads for lists of separate things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?;:]+(?=\s|$)")
_SYLLABLE = re.compile(r"[aeiouy]{1,2}")
_EXAMPLES = re.compile(r"\b(such as|for example|for instance|including|like|e\.g\.)\b[^.?!]*",
                       re.IGNORECASE)
_JOIN = re.compile(r"\b(and|or)\s+(then\s+)?([A-Za-z']+)", re.IGNORECASE)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that, straight after "and" or "or", start a second clause (a second ask).
CLAUSE_VERBS = _word_set("""
    is are was were be been has have had do does did can could will would should must may might
    get gets got know knows give gives gave keep keeps kept tell tells told decide decides
    decided make makes made take takes took agree agrees agreed explain explains explained
    say says said choose chooses chose write writes wrote hear hears heard reply replies
    replied changed checked shared helped backed scored joined asked added controlled showed
    ran led met
""")
#: Question words that, after "and" or "or", add a second thing to tell or ask ("and why").
QUESTION_WORDS = _word_set("why how what when whether who where")


def words(text: str) -> list[str]:
    """The words of a text (letters, apostrophes and hyphens), as the measures count them."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """A rule-of-thumb syllable count for one English word (at least 1).

    Vowel groups of one or two letters, after dropping a leading "y" and a silent ending: "e"
    after a consonant (not "-ble", "-tle"), "ed" (not "-ted", "-ded") and "es" (not after s,
    x, z, c, g or h).
    """
    w = re.sub(r"[^a-z-]", "", word.lower())
    if "-" in w:
        return sum(syllables(part) for part in w.split("-") if part)
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?<=[^aeiouytd])ed$", "", w)
    w = re.sub(r"(?<=[^aeiouysxzcgh])es$", "", w)
    w = re.sub(r"(?<![^aeiouy]l)(?<=[^aeiouy])e$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_SYLLABLE.findall(w)))


def reading_ease(text: str) -> float:
    """Flesch reading ease of a text (higher is easier; 60 and above is plain English)."""
    found = words(text)
    if not found:
        return 100.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())) or 1)
    syllable_count = sum(syllables(w) for w in found)
    return 206.835 - 1.015 * (len(found) / sentences) - 84.6 * (syllable_count / len(found))


def two_ask_joins(text: str) -> list[str]:
    """The joins in a statement that likely make it ask two things (empty when none)."""
    plain = _EXAMPLES.sub("", " ".join(text.split()))
    found = []
    for match in _JOIN.finditer(plain):
        nxt = match.group(3).lower()
        if match.group(2) or nxt in CLAUSE_VERBS or nxt in QUESTION_WORDS:
            found.append(match.group(0))
    return found


@dataclass(frozen=True)
class Measured:
    """One text's measures."""

    words: int
    ease: float
    joins: tuple[str, ...]


def measure(text: str, *, joins: bool) -> Measured:
    """Measure a text; `joins` looks for two-ask joins too (statements only)."""
    flat = " ".join(text.split())
    return Measured(len(flat.split()), reading_ease(flat),
                    tuple(two_ask_joins(flat)) if joins else ())
