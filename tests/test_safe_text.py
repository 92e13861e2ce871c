"""Supplied text made safe for where it goes: hostile names through every output coprod writes.

A rubric and an answers file whose names hold terminal escapes (ESC, BEL, a C1 control, DEL),
bidirectional overrides, line breaks and spreadsheet formula prefixes are run through every
output: `rubric check` as text, github and parsable (the hostile text in a YAML key and in the
file's own name), `rubric show`, `score`'s and `portfolio`'s summaries and messages,
`assess`'s questions and summary, the Markdown reports, and the portfolio CSV (header and
rows). No stream may carry
one of those characters raw, each shows as a visible escape, and every finding stays on one
line.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import types
from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode
from coprod_ladder.safe_text import (
    github_command,
    one_line,
    spreadsheet_cell,
    terminal_block,
)

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"

#: As YAML writes it in double quotes: ESC ] title BEL (retitles a terminal), ESC [2J (clears
#: it), RIGHT-TO-LEFT OVERRIDE, NEL (a C1 control), DEL, a line break, and a formula prefix.
HOSTILE_YAML = r'=1+1 \e]0;pwned\a\e[2J\u202Eevil\u2066\N\x7F\nsecond line'
#: The raw characters no output may hold (line breaks are checked line by line instead).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _assert_safe(text: str, where: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"{where} holds {found.group()!r}: {text!r}"


def _hostile_rubric(edit_mini) -> str:
    """mini.yaml with hostile rung, activity, criterion and rubric names."""
    return edit_mini(
        ("title: A small rubric for tests", f'title: "{HOSTILE_YAML}"'),
        ("    name: Asked\n", f'    name: "{HOSTILE_YAML}"\n'),
        ("    name: Co-design\n", f'    name: "{HOSTILE_YAML}"\n'),
        ("    statement: We ask children what they think of the service design.",
         f'    statement: "{HOSTILE_YAML}"'),
        ("    guidance: Run a short survey.", f'    guidance: "{HOSTILE_YAML}"'),
    )


def _hostile_answers() -> str:
    text = SERVICE.read_text(encoding="utf-8")
    return (text.replace('name: Harbour Youth <Club> & "Friends"', f'name: "{HOSTILE_YAML}"')
            .replace("team: Early help", f'team: "{HOSTILE_YAML}"'))


@pytest.fixture
def hostile(tmp_path: Path, edit_mini) -> tuple[Path, Path]:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(_hostile_rubric(edit_mini), encoding="utf-8")
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(_hostile_answers(), encoding="utf-8")
    return rubric, folder


# ---- the helpers, one per destination ----------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b]0;t\x07b", "a\\x1b]0;t\\x07b"), ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"), ("\u202eevil\u2066x\u2069", "\\u202eevil\\u2066x\\u2069"),
    ("line\u2028sep", "line\\u2028sep"),
    ("Café – ‘quoted’ 日本 \u200f", "Café – ‘quoted’ 日本 \u200f"),
], ids=["escape-bell", "line-breaks", "del-c1", "bidi", "separator", "plain-unicode-kept"])
def test_one_line_escapes_what_acts_and_keeps_what_shows(raw: str, shown: str) -> None:
    assert one_line(raw) == shown


def test_terminal_block_keeps_line_breaks_only() -> None:
    assert terminal_block("a\nb\x1b[2J\r\u202e") == "a\nb\\x1b[2J\\r\\u202e"


def test_github_command_uses_github_escapes_then_visible_ones() -> None:
    assert github_command("50% a\nb\x1b") == "50%25 a%0Ab\\x1b"
    assert github_command("a:b,c\x07", prop=True) == "a%3Ab%2Cc\\x07"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_spreadsheet_cell_guards_every_formula_start(start: str) -> None:
    assert spreadsheet_cell(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_cell(-1) == -1


# ---- every output ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github", "parsable"])
def test_rubric_check_findings_are_safe_and_one_line_each(run_cli, tmp_path: Path,
                                                          mini_text: str, fmt: str) -> None:
    name = "bad\x1b[2J\u202e\n.yaml"  # a file name may hold them too
    path = tmp_path / name
    path.write_text(mini_text + f'"{HOSTILE_YAML}": 1\n', encoding="utf-8")
    result = run_cli("rubric", "check", "-f", fmt, path, exit_code=ExitCode.FINDINGS)
    _assert_safe(result.stdout, f"rubric check -f {fmt}")
    _assert_safe(result.stderr, "rubric check's summary")
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\u202eevil" in result.stdout
    lines = result.stdout.splitlines()
    if fmt == "parsable":
        assert all(line.startswith(f"{tmp_path}/bad\\x1b[2J\\u202e\\n.yaml:") for line in lines)
    elif fmt == "github":
        assert all(line.startswith("::error file=") for line in lines), lines
    else:
        assert "second line" not in "".join(x for x in lines if not x.startswith(" "))


def test_rubric_show_is_safe(run_cli, hostile: tuple[Path, Path]) -> None:
    rubric, _ = hostile
    result = run_cli("rubric", "show", rubric, exit_code=ExitCode.OK)
    _assert_safe(result.output, "rubric show")
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_score_summary_and_messages_are_safe(run_cli, tmp_path: Path,
                                             hostile: tuple[Path, Path]) -> None:
    rubric, folder = hostile
    shutil.copy(folder / "hostile.yaml", folder / "again.yaml")  # a duplicate id: a warning
    result = run_cli("score", folder, "-r", rubric, "-o", tmp_path / "out",
                     exit_code=ExitCode.OK)
    _assert_safe(result.output, "score")
    assert "=1+1 \\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\u2066\\x85\\x7f\\nsecond line" in (
        result.stdout)
    piped = run_cli("score", folder, "-r", rubric, "-o", "-", exit_code=ExitCode.OK)
    _assert_safe(piped.stderr, "score --out -'s summaries")
    for report in sorted((tmp_path / "out").glob("*.md")):  # `cat report.md` is as safe
        _assert_safe(report.read_text(encoding="utf-8"), report.name)
        assert "\\x1b\\]0;pwned" in report.read_text(encoding="utf-8")  # ] escaped for Markdown


def test_portfolio_overview_and_csv_are_safe(run_cli, tmp_path: Path,
                                             hostile: tuple[Path, Path]) -> None:
    rubric, folder = hostile
    out = tmp_path / "out"
    result = run_cli("portfolio", folder, "-r", rubric, "-o", out, "--as-of", "2026-11-01",
                     "--group-by", "\x1b]0;x\x07", exit_code=ExitCode.OK)
    _assert_safe(result.output, "portfolio")
    _assert_safe((out / "portfolio.md").read_text(encoding="utf-8"), "portfolio.md")
    for headers in ("labels", "ids"):
        run_cli("portfolio", folder, "-r", rubric, "-o", out, "--as-of", "2026-11-01",
                "--csv-headers", headers, "-f", "csv", exit_code=ExitCode.OK)
        rows = list(csv.reader(io.StringIO(
            (out / "portfolio.csv").read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == [], headers
    piped = run_cli("portfolio", folder, "-r", rubric, "-o", "-", "--as-of", "2026-11-01",
                    "-f", "csv", exit_code=ExitCode.OK)
    header = next(csv.reader(io.StringIO(piped.stdout.lstrip("\ufeff"))))
    assert any(label.startswith("'=1+1") for label in header), header


def test_assess_questions_and_summary_are_safe(run_cli, tmp_path: Path,
                                               hostile: tuple[Path, Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import coprod_ladder.cli.assess as assess_cli

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(assess_cli, "sys", types.SimpleNamespace(stdin=Terminal()))
    monkeypatch.chdir(tmp_path)
    rubric, folder = hostile
    # A new assessment: the first questions show the hostile rubric texts, then q.
    started = run_cli("assess", "-r", rubric, "-o", tmp_path / "out",
                      input=f"{one_line('x')}\nnew-one\n\n" + "q\n" * 3)
    _assert_safe(started.output, "assess's questions")
    assert "\\x1b]0;pwned\\x07" in started.output
    # A finished one: the review, then Enter to finish with the summary.
    finished = run_cli("assess", "-r", rubric, "--answers", folder / "hostile.yaml", "-o",
                       tmp_path / "out", input="\n\n\n")
    _assert_safe(finished.output, "assess's summary")
    assert "=1+1 \\x1b]0;pwned" in finished.output
