"""Lines of a YAML file written by hand, each string in a style drawn at random.

The benchmark's generators (generate.py for answers files, voices.py for voice files) write
their YAML line by line rather than through a dumper, so the files have the mix of styles
people's files have: plain, single-quoted (folded over lines), double-quoted, literal and
folded strings, comments. `Writer.text` returns the value a YAML loader reads back, so each
generator can return the data it meant beside the text. Nothing here reads or writes files.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from typing import Any

WIDTH = 100

# Words YAML 1.1 reads as something other than text when plain (booleans, nulls).
_NOT_TEXT = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ""}
# Text that is safe as a plain scalar: starts with a letter, no indicator characters inside.
_PLAIN = re.compile(r"[^\W\d_][^\n#:'\"\[\]{},&*!|>%@`\\]*")


def plain_ok(text: str, flow: bool = False) -> bool:
    """True when `text` reads back as itself written plain (in a flow collection if `flow`)."""
    return (_PLAIN.fullmatch(text) is not None and text.lower() not in _NOT_TEXT
            and not text.endswith(" ") and (not flow or "," not in text))


def quoted(text: str) -> str:
    """Double-quoted: JSON's escapes are YAML's, and non-ASCII stays as it is."""
    return json.dumps(text, ensure_ascii=False)


class Writer:
    """Lines of one YAML file, each string written in a style drawn from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []

    def comment(self, indent: int, text: str) -> None:
        """Write `text` as comment lines wrapped at WIDTH."""
        pad = " " * indent + "# "
        self.lines.extend(textwrap.wrap(text, WIDTH, initial_indent=pad, subsequent_indent=pad,
                                        break_long_words=False, break_on_hyphens=False))

    def key(self, indent: int, key: str, after: str = "") -> None:
        """Write `key:` opening a block collection."""
        self.lines.append(f"{' ' * indent}{key}:{after}")

    def raw(self, indent: int, key: str, value: str) -> None:
        """Write `key: value` with the value as given (ids, dates, flow collections)."""
        self.lines.append(f"{' ' * indent}{key}: {value}")

    def _block(self, first: str, paragraphs: list[str], deeper: str) -> None:
        """A block scalar: its first line, then the paragraphs wrapped, a blank line apart."""
        self.lines.append(first)
        for number, paragraph in enumerate(paragraphs):
            if number:
                self.lines.append("")
            self.lines.extend(textwrap.wrap(paragraph, WIDTH, initial_indent=deeper,
                                            subsequent_indent=deeper,
                                            break_long_words=False, break_on_hyphens=False))

    def rubric(self, rubric: dict[str, Any], flow: float) -> None:
        """Write the `rubric:` reference (id and version), as a flow mapping with chance
        `flow`."""
        if self.rng.random() < flow:
            self.raw(0, "rubric", f"{{id: {rubric['id']}, version: {rubric['version']}}}")
        else:
            self.key(0, "rubric")
            self.raw(2, "id", rubric["id"])
            self.raw(2, "version", plain_id(rubric["version"]))

    def text(self, indent: int, key: str, paragraphs: list[str], prefix: str = "") -> str:
        """Write a string in a random style; return the value a YAML loader reads back."""
        rng, head = self.rng, f"{' ' * indent}{prefix}{key}: "
        deeper = " " * (indent + len(prefix) + 2)
        joined = " ".join(paragraphs)
        roll = rng.random()
        if len(joined) > 160 and roll < 0.15:  # literal block: paragraphs kept apart
            self._block(head.rstrip() + " |-", paragraphs, deeper)
            return "\n\n".join(textwrap.fill(p, WIDTH - len(deeper), break_long_words=False,
                                             break_on_hyphens=False) for p in paragraphs)
        if len(joined) > 160 and roll < 0.3:  # folded block: a blank line ends a paragraph
            self._block(head.rstrip() + " >-", paragraphs, deeper)
            return "\n".join(paragraphs)
        if roll < 0.42 or (roll < 0.85 and not plain_ok(joined)):
            if roll < 0.6 and "\\" not in joined:  # single-quoted, folded over lines
                first = f"{head}'{joined.replace(chr(39), chr(39) * 2)}'"
            else:
                self.lines.append(head + quoted(joined))
                return joined
        elif plain_ok(joined):
            first = head + joined
        else:
            self.lines.append(head + quoted(joined))
            return joined
        self.lines.extend(textwrap.wrap(first, WIDTH, subsequent_indent=deeper,
                                        break_long_words=False, break_on_hyphens=False))
        return joined

    def flow_text(self, text: str) -> str:
        """A string inside a flow collection: plain when it can be, else quoted."""
        return text if plain_ok(text, flow=True) and self.rng.random() < 0.6 else quoted(text)


def plain_id(value: str) -> str:
    """An id or version: plain when YAML reads it as text, else single-quoted."""
    return value if plain_ok(value) else f"'{value}'"
