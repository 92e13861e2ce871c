"""Finding English left in output that should be Welsh: for tests of every area (issue 26).

Two checks, because each misses what the other finds:
- `untranslated_messages`: message ids from coprod's catalogue (strings already wrapped in
  gettext) that appear word for word in the output, although Welsh for them exists or should.
- `english_words`: common English words in the visible text (strings nobody wrapped yet).
Text the user or the rubric supplied (evidence, notes, names, English rubric text left as a
visible fallback) is passed as `supplied` and removed before either check.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser

from coprod_ladder.language.messages import extract

#: Words that are English and not Welsh (nor code, units or names coprod prints).
ENGLISH_WORDS = frozenset([
    "the", "and", "your", "with", "you", "what", "this", "that", "for", "are", "have", "has",
    "which", "from", "not", "there", "their", "they", "will", "should", "been", "were", "would",
    "could", "about", "into", "when", "where", "these", "those", "each", "every", "done",
    "only", "because", "how", "who", "why", "our", "its", "than", "then", "them", "more", "most",
    "some", "such", "over", "under", "after", "before",
])

_FIELD = re.compile(r"\{[^}]*\}|%\([^)]*\)[sd]|%[sd]")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
# Around a word: punctuation and quotes; inside one: the marks of options, paths and codes.
_EDGES = ".,;:!?()[]{}“”‘’\"'«»…*"
_CODE_MARKS = ("-", ".", "/", "_", "=", "<", ">", "`", "@", ":", "|")


class _Visible(HTMLParser):
    """The text a reader sees: no tags, no attribute names, no <style> or <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        for name, value in attrs:  # what a screen reader or a tooltip says is visible too
            if name in ("title", "alt", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The visible text of an HTML page (or fragment)."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "\n".join(parser.parts)


@cache
def _fragments() -> tuple[tuple[str, str], ...]:
    """(message id, a stretch of it of three words or more with no fields) for every message."""
    found: list[tuple[str, str]] = []
    for message in extract():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for ident in ids:
            for piece in _FIELD.split(ident):
                piece = piece.strip(" .,:;()\n")
                if len(piece.split()) >= 3:
                    found.append((ident, piece))
    return tuple(found)


@cache
def _supplied_pattern(supplied: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for every supplied text, longest first, each matched as whole words (so
    a supplied "on" never eats the "on" inside "Participation")."""
    items = sorted({" ".join(s.split()) for s in supplied if s and s.strip()}, key=len,
                   reverse=True)
    if not items:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in items)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _without(text: str, supplied: Iterable[str]) -> str:
    text = html.unescape(text)
    pattern = _supplied_pattern(tuple(supplied))
    return pattern.sub(" ", text) if pattern is not None else text


def untranslated_messages(text: str, supplied: Iterable[str] = ()) -> list[str]:
    """Message ids whose English shows in `text` (run on Welsh output)."""
    rest = " ".join(_without(text, supplied).split())
    return sorted({ident for ident, piece in _fragments() if " ".join(piece.split()) in rest})


def english_words(text: str, supplied: Iterable[str] = ()) -> list[str]:
    """The English words in `text`, each once, in the order found (run on Welsh output).

    Command-line words are not prose: an option (`--for`), a file name
    (`you-said-we-did.html`), a metavar (`WHO`) or a code is passed over.
    """
    seen: dict[str, None] = {}
    for token in _without(text, supplied).split():
        core = token.strip(_EDGES)
        if any(mark in core for mark in _CODE_MARKS) or (core.isupper() and len(core) > 1):
            continue
        for word in _WORD.findall(core):
            if word.lower() in ENGLISH_WORDS:
                seen.setdefault(word.lower(), None)
    return list(seen)
