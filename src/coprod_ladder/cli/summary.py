"""The terminal summary of one service's score: the profile by type first, then where the
service stands overall, why, and the first actions. Wording shared with the reports comes from
`report` so the two never disagree.

The summary is built once as plain lines of styled pieces, then either printed with Rich on a
terminal (colour, wrapping) or written as plain text to a file or pipe. Rich's layout work
cost about a sixth of `coprod score` over many files, where nobody sees the colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coprod_ladder.report import placement_sentence, scope_sentence
from coprod_ladder.scoring import ScoreCard, TypeState

if TYPE_CHECKING:
    from rich.console import Console

Piece = tuple[str, str]
"""Some text and its Rich style ("" for none)."""
Line = list[Piece]


@dataclass(frozen=True)
class Grid:
    """Rows of two columns: the first one as wide as its widest cell, then a gap."""

    rows: list[tuple[Line, Line]]
    gap: int
    right_align_first: bool = False


def summary_lines(card: ScoreCard, *, max_actions: int = 5) -> list[Line | Grid]:
    """Return the profile, where a service stands, what holds it back and the first actions."""
    service = card.answers.service
    out: list[Line | Grid] = [[]]
    out.append([(service.name, "bold")]
               + ([(" ", ""), (f"({service.team})", "dim")] if service.team else []))
    out.append([("  Profile by type of co-production:", "")])
    out.append(_profile(card))
    hint = scope_sentence(card)
    if hint:
        out.append([("  ", ""), (hint, "dim")])
    if not card.placed:
        out.append([(f"  {placement_sentence(card)}", "")])
        return out
    out.append([(f"  Overall: rung {card.rung.level} of {len(card.rungs)}, ", ""),
                (card.rung.name, "bold"), (f" ({card.rung.band})", "")]
               + ([(" ", ""), ("provisional", "yellow")] if card.provisional else []))
    if card.provisional:
        out.append([("  ", ""), (placement_sentence(card), "dim")])
    if card.practice_rung is not None and card.practice_rung.level > card.rung.level:
        held = ", ".join(f.factor.name for f in card.factors if f.holds_back)
        out.append([(f"  Practice supports {card.practice_rung.name}; held back by "
                     f"organisation-wide factors: {held}", "")])
    target: Line = [(f"  Target: {card.target.name}", "")]
    if card.target_reached:
        target += [(" ", ""), ("(reached)", "green")]
    elif card.target_is_default:
        target += [(" (the next rung; no target set)", "")]
    out.append(target)
    if card.next_rung is None and not card.actions:
        out.append([("  This is the top rung.", "")])
        return out
    if card.next_rung is not None and card.progress_total:
        share = card.progress_share or 0.0
        out.append([(f"  Toward {card.next_rung.name}: {card.progress_met} of "
                     f"{card.progress_total} criteria it needs are met ({share:.0%})", "")])
    if card.actions:
        out.append([("  Next steps:", "")])
        out.append(Grid([([(f"    {number}.", "")],
                          [(f"{action.title} ", ""),
                           (f"({action.reason}; {action.status})", "dim")])
                         for number, action in enumerate(card.actions[:max_actions], 1)],
                        gap=1, right_align_first=True))
        if len(card.actions) > max_actions:
            out.append([(f"     ... and {len(card.actions) - max_actions} more in the report",
                         "")])
    if card.risks:
        out.append([("  ", ""), ("Risks to watch:", "yellow"),
                    (" " + ", ".join(r.name for r in card.risks), "")])
    gaps = []
    if card.without_evidence:
        gaps.append(f"{len(card.without_evidence)} claims without evidence")
    if card.not_validated:
        gaps.append(f"{len(card.not_validated)} not checked with children, young people or "
                    "families")
    if card.unanswered:
        gaps.append(f"{len(card.unanswered)} not yet answered")
    if gaps:
        out.append([("  ", ""), ("; ".join(gaps), "dim")])
    return out


def _profile(card: ScoreCard) -> Grid:
    rows: list[tuple[Line, Line]] = []
    for a in card.activities:
        if a.state is TypeState.PLACED and a.rung is not None:
            shown: Line = [(f"{a.rung.level}. {a.rung.name}", "")]
            if a.provisional:
                shown += [(" ", ""), ("(provisional)", "dim")]
            if a.strengths:
                shown += [(" ", ""), (f"+{len(a.strengths)} above", "green")]
        else:
            shown = [(str(a.state), "dim")]
        rows.append(([(f"    {a.name}", "")], shown))
    return Grid(rows, gap=2)


def plain_summary(lines: list[Line | Grid]) -> str:
    """Return the summary as plain text: no colour, no wrapping, columns lined up."""
    text: list[str] = []
    for line in lines:
        if isinstance(line, Grid):
            cells = [("".join(t for t, _ in first), "".join(t for t, _ in second))
                     for first, second in line.rows]
            width = max((len(first) for first, _ in cells), default=0)
            gap = " " * line.gap
            for first, second in cells:
                lead = first.rjust(width) if line.right_align_first else first.ljust(width)
                text.append(f"{lead}{gap}{second}".rstrip() + "\n")
        else:
            text.append("".join(t for t, _ in line) + "\n")
    return "".join(text)


def print_summary(console: Console, card: ScoreCard, *, max_actions: int = 5) -> None:
    """Print the summary: with Rich on a terminal, as plain text anywhere else."""
    print_lines(console, summary_lines(card, max_actions=max_actions))


def print_lines(console: Console, lines: list[Line | Grid]) -> None:
    """Print summary lines: with Rich on a terminal, as plain text anywhere else."""
    if not console.is_terminal:
        console.file.write(plain_summary(lines))
        return
    from rich.table import Table
    from rich.text import Text

    for line in lines:
        if isinstance(line, Grid):
            table = Table.grid(padding=(0, line.gap))
            table.add_column(no_wrap=True, justify="right" if line.right_align_first else "left")
            table.add_column()
            for first, second in line.rows:
                table.add_row(Text.assemble(*first), Text.assemble(*second))
            console.print(table)
        else:
            console.print(Text.assemble(*line))
