"""`coprod score` and `coprod demo`: rate answers files and write gap reports."""

from __future__ import annotations

import typer

from coprod_ladder.errors import ExitCode


def score() -> None:
    """Score answers files and write a gap report for each service (being built)."""
    typer.echo("coprod score is not available yet", err=True)
    raise typer.Exit(ExitCode.USAGE)


def demo() -> None:
    """Score the shipped example services and write their reports (being built)."""
    typer.echo("coprod demo is not available yet", err=True)
    raise typer.Exit(ExitCode.USAGE)
