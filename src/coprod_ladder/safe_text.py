"""Text a user or a rubric supplied, made safe for where it goes: one function per destination.

Service names, rubric names, YAML keys quoted in a finding, file paths: any of them may hold
characters that act instead of showing. This module owns the rules, one function per place
text goes, and every output uses them:

- `one_line`: a line of terminal or line-based output (the summaries of `score`, `portfolio`
  and `assess`, findings as `text` and `parsable`, every message on stderr). Control
  characters (C0 such as ESC and BEL, DEL, C1), bidirectional embeddings, overrides and
  isolates (which can make a line read differently from what it holds), line and paragraph
  separators and line breaks are written as visible escapes (`\\x1b`, `\\u202e`, `\\n`), so
  text can neither drive the terminal (retitle it, clear it, move the cursor) nor split one
  finding over two lines.
- `terminal_block`: text shown in a terminal over several lines (`rubric show`, the
  questions of `assess`): the same, except that line breaks are kept.
- `github_command`: a value in a GitHub Actions workflow command (`::error file=...::...`):
  GitHub's own escapes for `%`, line breaks and (in properties) `:` and `,`, then `one_line`'s
  for the rest.
- `markdown_text`: text in a Markdown report (the `md` filter of the templates): every
  character that could make a link, HTML or a table gets a backslash, a line break becomes a
  space (a report line stays one line), and the rest is escaped as `one_line` does, so
  `cat report.md` in a terminal is as safe as the summary.
- `spreadsheet_cell`: a cell or header of the CSV: text that a spreadsheet would run as a
  formula (`= + - @`, a tab or carriage return first) gets a leading apostrophe
  (`runs_as_formula` is the test; the workbook marks such cells as text instead).

HTML is escaped by the templates (Jinja's autoescape) and JSON and SARIF by the JSON encoder,
which escapes every control character. Left-to-right and right-to-left marks (U+200E, U+200F,
U+061C) are kept: they belong in names written in Arabic or Hebrew script, and cannot reorder
more than the character beside them. Part of the foundation: imports nothing.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
_UNSAFE_KEEPING_LINES = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escaped(found: re.Match[str]) -> str:
    char = found.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Return `text` safe for one line of terminal or line-based output (see the docstring)."""
    return _UNSAFE.sub(_escaped, text)


def terminal_block(text: str) -> str:
    """Return `text` safe for a terminal, keeping its line breaks (see the docstring)."""
    return _UNSAFE_KEEPING_LINES.sub(_escaped, text)


def github_command(text: str, *, prop: bool = False) -> str:
    """Return `text` safe as a GitHub workflow command's message (or, `prop`, a property)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return one_line(text)


#: Each Markdown character a typed text could use to make a link, HTML or a table.
_MARKDOWN_ESCAPES = str.maketrans({**{char: "\\" + char for char in "\\`*_[]<>|"},
                                   "\n": " "})


def markdown_text(value: object) -> str:
    """Return `value` as text safe in a Markdown report line (see the docstring)."""
    return one_line(str(value).replace("\r\n", "\n").translate(_MARKDOWN_ESCAPES))


def runs_as_formula(value: object) -> bool:
    """Return True for text a spreadsheet would run as a formula (or that starts one).

    Text starting with = + - @ (or a tab or carriage return); numbers never count.
    """
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def spreadsheet_cell(value: object) -> object:
    """Keep a text cell from being run as a formula by Excel or LibreOffice.

    Text that `runs_as_formula` gets a leading apostrophe; the numbers coprod itself writes
    are left as numbers.
    """
    if runs_as_formula(value):
        return "'" + str(value)
    return value
