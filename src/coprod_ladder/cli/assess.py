"""`coprod assess`: the interactive self-assessment."""

from __future__ import annotations

import typer

from coprod_ladder.errors import ExitCode


def assess() -> None:
    """Run the interactive self-assessment (being built)."""
    typer.echo("coprod assess is not available yet", err=True)
    raise typer.Exit(ExitCode.USAGE)
