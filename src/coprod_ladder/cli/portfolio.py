"""`coprod portfolio`: every service on one page."""

from __future__ import annotations

import typer

from coprod_ladder.errors import ExitCode


def portfolio() -> None:
    """Summarise every service's answers on one page (being built)."""
    typer.echo("coprod portfolio is not available yet", err=True)
    raise typer.Exit(ExitCode.USAGE)
