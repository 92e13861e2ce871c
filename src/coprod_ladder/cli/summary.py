"""The terminal summary of one service's score, with rich: the profile by type first, then
where the service stands overall, why, and the first actions. Wording shared with the reports
comes from `report` so the two never disagree."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from coprod_ladder.report import placement_sentence, scope_sentence
from coprod_ladder.scoring import ScoreCard, TypeState


def _profile(card: ScoreCard) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for a in card.activities:
        if a.state is TypeState.PLACED and a.rung is not None:
            shown = f"{a.rung.level}. {escape(a.rung.name)}"
            if a.provisional:
                shown += " [dim](provisional)[/dim]"
            if a.strengths:
                shown += f" [green]+{len(a.strengths)} above[/green]"
        else:
            shown = f"[dim]{escape(str(a.state))}[/dim]"
        table.add_row(f"    {escape(a.name)}", shown)
    return table


def print_summary(console: Console, card: ScoreCard, *, max_actions: int = 5) -> None:
    """Print the profile, where a service stands, what holds it back and the first actions."""
    service = card.answers.service
    console.print()
    console.print(f"[bold]{escape(service.name)}[/bold]"
                  + (f" [dim]({escape(service.team)})[/dim]" if service.team else ""))
    console.print("  Profile by type of co-production:")
    console.print(_profile(card))
    hint = scope_sentence(card)
    if hint:
        console.print(f"  [dim]{escape(hint)}[/dim]")
    if not card.placed:
        console.print(f"  {escape(placement_sentence(card))}")
        return
    console.print(f"  Overall: rung {card.rung.level} of {len(card.rungs)}, "
                  f"[bold]{escape(card.rung.name)}[/bold] ({card.rung.band})"
                  + (" [yellow]provisional[/yellow]" if card.provisional else ""))
    if card.provisional:
        console.print(f"  [dim]{escape(placement_sentence(card))}[/dim]")
    if card.practice_rung is not None and card.practice_rung.level > card.rung.level:
        held = ", ".join(f.factor.name for f in card.factors if f.holds_back)
        console.print(f"  Practice supports {escape(card.practice_rung.name)}; held back by "
                      f"organisation-wide factors: {escape(held)}")
    target = f"  Target: {escape(card.target.name)}"
    if card.target_reached:
        target += " [green](reached)[/green]"
    elif card.target_is_default:
        target += " (the next rung; no target set)"
    console.print(target)
    if card.next_rung is None and not card.actions:
        console.print("  This is the top rung.")
        return
    if card.next_rung is not None and card.progress_total:
        share = card.progress_share or 0.0
        console.print(f"  Toward {escape(card.next_rung.name)}: {card.progress_met} of "
                      f"{card.progress_total} criteria it needs are met ({share:.0%})")
    if card.actions:
        console.print("  Next steps:")
        steps = Table.grid(padding=(0, 1))
        steps.add_column(justify="right", no_wrap=True)
        steps.add_column()
        for number, action in enumerate(card.actions[:max_actions], 1):
            steps.add_row(f"    {number}.", f"{escape(action.title)} [dim]({action.reason}; "
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
