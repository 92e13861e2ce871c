"""The terminal summary of one service's score: rung, why, and the next actions, with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from coprod_ladder.scoring import ScoreCard


def print_summary(console: Console, card: ScoreCard, *, max_actions: int = 5) -> None:
    """Print where a service stands, what holds it back and the first actions."""
    service = card.answers.service
    console.print()
    console.print(f"[bold]{escape(service.name)}[/bold]"
                  + (f" [dim]({escape(service.team)})[/dim]" if service.team else ""))
    console.print(f"  Stands on rung {card.rung.level} of {len(card.rungs)}: "
                  f"[bold]{escape(card.rung.name)}[/bold] ({card.rung.band})")
    target = f"  Target: {escape(card.target.name)}"
    if card.target_reached:
        target += " [green](reached)[/green]"
    elif card.target_is_default:
        target += " (the next rung; no target set)"
    console.print(target)
    if card.next_rung is None:
        console.print("  This is the top rung.")
        return
    share = card.progress_share or 0.0
    console.print(f"  Toward {escape(card.next_rung.name)}: {card.progress_met} of "
                  f"{card.progress_total} required criteria met ({share:.0%})")
    if card.actions:
        console.print(f"  Next steps for {escape(card.next_rung.name)}:")
        steps = Table.grid(padding=(0, 1))
        steps.add_column(justify="right", no_wrap=True)
        steps.add_column()
        for number, action in enumerate(card.actions[:max_actions], 1):
            steps.add_row(f"    {number}.", f"{escape(action.title)} [dim]({action.kind}; "
                                            f"{action.status})[/dim]")
        console.print(steps)
        if len(card.actions) > max_actions:
            console.print(f"     ... and {len(card.actions) - max_actions} more in the report")
    if card.risks:
        names = ", ".join(r.name for r in card.risks)
        console.print(f"  [yellow]Risks to watch:[/yellow] {escape(names)}")
    gaps = []
    if card.without_evidence:
        gaps.append(f"{len(card.without_evidence)} claims without evidence")
    if card.not_validated:
        gaps.append(f"{len(card.not_validated)} not checked with children, young people or "
                    "families")
    if card.unanswered:
        gaps.append(f"{len(card.unanswered)} not yet answered")
    if gaps:
        console.print(f"  [dim]{escape('; '.join(gaps))}[/dim]")
