"""Flesch reading ease, counted with pyphen's syllables: the plain-language tests' measure.

The same formula and counting as textstat 0.7.3 (which the tests used until it stopped
installing: it imports pkg_resources, which new setuptools no longer ships, and later textstat
releases fetch NLTK data at run time, which cannot work offline). Words are runs of letters and
digits once punctuation is taken out; a sentence ends at . ! or ?, and one of two words or
fewer does not count as a sentence; syllables are pyphen's hyphenation points plus one per
word (en_US). Sentence length and syllables per word are rounded to one decimal place, and the
score to two, half away from zero, exactly as textstat rounded them, so every score the tests
and docs quote is unchanged.
"""

from __future__ import annotations

import math
import re
from functools import cache

import pyphen

_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _round(number: float, points: int) -> float:
    scale = 10 ** points
    return float(math.floor(number * scale + math.copysign(0.5, number))) / scale


def word_count(text: str) -> int:
    """Count the words of `text` once punctuation is removed (hyphenated words count once)."""
    return len(_PUNCTUATION.sub("", text).split())


def sentence_count(text: str) -> int:
    """Count sentences; a fragment of two words or fewer is not one. At least 1."""
    sentences = _SENTENCE.findall(text)
    short = sum(1 for s in sentences if word_count(s) <= 2)
    return max(1, len(sentences) - short)


def syllable_count(text: str) -> int:
    """Count syllables: pyphen's hyphenation points in each word, plus one a word."""
    words = _PUNCTUATION.sub("", text.lower()).split()
    return sum(len(_dictionary().positions(word)) + 1 for word in words)


def flesch_reading_ease(text: str) -> float:
    """Return 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    words = word_count(text)
    per_sentence = _round(words / sentence_count(text), 1)
    per_word = _round(syllable_count(text) / words, 1) if words else 0.0
    return _round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 2)
