"""Print what `rendering.terminal` builds: with Rich on a terminal, as plain text elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_ladder.rendering.terminal import Grid, Line, plain_text, safe_pieces, summary_lines

if TYPE_CHECKING:
    from rich.console import Console

    from coprod_ladder.rendering.views import ReportView


def print_summary(console: Console, view: ReportView, *, max_actions: int = 5) -> None:
    """Print a service's summary (see `rendering.terminal.summary_lines`)."""
    print_lines(console, summary_lines(view, max_actions=max_actions))


def print_lines(console: Console, lines: list[Line | Grid]) -> None:
    """Print lines: with Rich on a terminal (colour, wrapping), as plain text anywhere else;
    nothing on a quiet console (coprod --quiet).

    Either way every piece is made safe for a terminal line first (`terminal.safe_pieces`).
    """
    if console.quiet:
        return
    if not console.is_terminal:
        console.file.write(plain_text(lines))
        return
    from rich.table import Table
    from rich.text import Text

    for line in lines:
        if isinstance(line, Grid):
            table = Table.grid(padding=(0, line.gap))
            table.add_column(no_wrap=True, justify="right" if line.right_align_first else "left")
            table.add_column()
            for first, second in line.rows:
                table.add_row(Text.assemble(*safe_pieces(first)),
                              Text.assemble(*safe_pieces(second)))
            console.print(table)
        else:
            console.print(Text.assemble(*safe_pieces(line)))
