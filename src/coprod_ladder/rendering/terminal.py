"""What coprod shows in the terminal, as data: a service's summary and the portfolio overview.

Both are built from the same views as the files (`ReportView`, the portfolio view), so the
terminal and the reports never disagree. A summary is lines of styled pieces; the shell
prints them with Rich on a terminal (colour, wrapping) or as `plain_text` anywhere else:
Rich's layout work cost about a sixth of `coprod score` over many files, where nobody sees
the colours. Pure: nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod_ladder.language import _, ngettext
from coprod_ladder.rendering.labels import reason_words, state_words, status_words
from coprod_ladder.rendering.views import PortfolioView, ReportView
from coprod_ladder.rendering.wording import say
from coprod_ladder.safe_text import one_line
from coprod_ladder.scoring.results import TypeState

Piece = tuple[str, str]
"""Some text and its Rich style ("" for none)."""
Line = list[Piece]


@dataclass(frozen=True)
class Grid:
    """Rows of two columns: the first one as wide as its widest cell, then a gap."""

    rows: list[tuple[Line, Line]]
    gap: int
    right_align_first: bool = False


def summary_lines(v: ReportView, *, max_actions: int = 5) -> list[Line | Grid]:
    """Return the verdict first (where the service stands, with evidence, the range), then the
    profile, the target and what to do next, grouped by kind."""
    service = v["service"]
    out: list[Line | Grid] = [[]]
    out.append([(service["name"], "bold")]
               + ([(" ", ""), (f"({service['team']})", "dim")] if service["team"] else []))
    for notice in v["language_notices"]:  # in the report's language, then in English
        out.append([("  ", ""), (notice["text"], "yellow")])
        if notice["english"] != notice["text"]:
            out.append([("  ", ""), (notice["english"], "dim")])
    out += _verdict(v)
    out += _voices(v)
    out += _staff(v)
    out.append([("  " + _("Profile by type of co-production:"), "")])
    out.append(_profile(v))
    if v["scope_hint"]:
        out.append([("  ", ""), (v["scope_hint"], "dim")])
    if v["placement"]["placed"] and v["rung"] is not None:
        out += _standing(v)
    return out + _what_next(v, max_actions)


def _verdict(v: ReportView) -> list[Line | Grid]:
    """The first screen's figures, each one sentence the view has already worded."""
    verdict = v["verdict"]
    out: list[Line | Grid] = [[("  ", ""), (verdict["sentence"], "bold")]]
    for key in ("with_evidence_sentence", "range_sentence", "doing_with_sentence",
                "main_work_sentence"):
        sentence = verdict[key]
        if sentence:
            out.append([(f"  {sentence}", "")])
    if verdict["unvalidated_sentence"]:
        out.append([("  ", ""), (verdict["unvalidated_sentence"], "yellow")])
    out += [[("  ", ""), (f["sentence"], "yellow")] for f in verdict["below_floors"]]
    return out


def _staff(v: ReportView) -> list[Line | Grid]:
    """Who answered, when several staff did, and how many items they disagree on."""
    staff = v["staff"]
    if staff is None:
        return []
    out: list[Line | Grid] = [[("  ", ""), (staff["sentence"], "")]]
    if staff["disagree"]:
        out.append([("  ", ""), (ngettext(
            "Staff disagree on {count} item: talk it through (first in what to do next).",
            "Staff disagree on {count} items: talk them through (first in what to do next).",
            staff["disagree"]).format(count=staff["disagree"]), "yellow")])
    return out


def _voices(v: ReportView) -> list[Line | Grid]:
    """What children, young people and families said, when a voice file was read: who, the
    agreement per type, the biggest blind spots and hidden strengths (three of each)."""
    voice = v["voice"]
    if not voice["heard"]:
        return []
    out: list[Line | Grid] = [[("  ", ""), (voice["sentence"], "")]]
    if voice["types"]:
        out.append([("  ", ""), (voice["table_key"], "")])
    out += [[("    ", ""), (say("voice-type-line", name=t["name"], text=t["text"]), "")]
            for t in voice["types"]]
    out += [[("  ", ""), (b["sentence"], "yellow")] for b in voice["blind_spots"][:3]]
    out += [[("  ", ""), (h["sentence"], "green")] for h in voice["hidden_strengths"][:3]]
    return out


def _standing(v: ReportView) -> list[Line | Grid]:
    """What holds the service back, and its target."""
    placement = v["placement"]
    out: list[Line | Grid] = []
    if placement["held_back"] and placement["practice_rung"] is not None:
        held = ", ".join(f["name"] for f in v["held_back_by"])
        out.append([("  " + _("Practice supports {rung}; held back by: {factors}").format(
            rung=placement["practice_rung"]["name"], factors=held), "")])
    target_rung = v["target"]["rung"]
    name = target_rung["name"] if target_rung else ""
    if v["target"]["reached"]:
        target: Line = [("  " + _("Target: {rung}").format(rung=name), ""), (" ", ""),
                        (_("(reached)"), "green")]
    elif v["target"]["is_default"]:
        target = [("  " + _("Target: {rung} (the next rung; no target set)").format(rung=name),
                   "")]
    else:
        target = [("  " + _("Target: {rung}").format(rung=name), "")]
    out.append(target)
    return out


def _what_next(v: ReportView, max_actions: int) -> list[Line | Grid]:
    """What to do next by kind (evidence, questions, practice), risks, and what is unchecked."""
    out: list[Line | Grid] = [[("  " + _("What to do next:"), "")]]
    nxt, actions = v["next"], v["actions"]
    if nxt["evidence"]["sentence"]:
        out.append([(f"    {nxt['evidence']['sentence']}", "")])
    if nxt["questions"]["sentence"]:
        claims = nxt["questions"]["claims"]
        out.append([(f"    {nxt['questions']['sentence']}", "")])
        out += [[(f"      - {c['statement']} ", ""), (f"({c['activity_name']})", "dim")]
                for c in claims[:max_actions]]
        if len(claims) > max_actions:
            out.append([("      " + _more(len(claims) - max_actions), "")])
    if actions or v["next_rung"] is None or nxt["more_types_sentence"]:
        out.append([(f"    {nxt['practice_sentence']}", "")])
    if nxt["more_types_sentence"]:
        out.append([(f"      {nxt['more_types_sentence']}", "")])
    if actions:
        out.append(Grid([([(f"      {a['priority']}.", "")],
                          [(f"{a['title']} ", ""),
                           ("({why}; {status})".format(why=reason_words(a["why"]),
                                                       status=status_words(a["status"])),
                            "dim")])
                         for a in actions[:max_actions]],
                        gap=1, right_align_first=True))
        if len(actions) > max_actions:
            out.append([("       " + _more(len(actions) - max_actions), "")])
    if v["risks"]:
        out.append([("  ", ""), (_("Risks to watch:"), "yellow"),
                    (" " + ", ".join(r["name"] for r in v["risks"]), "")])
    if v["claims_not_validated"]:
        count = len(v["claims_not_validated"])
        out.append([("  ", ""), (ngettext(
            "{count} answer of “in place” not yet checked with children, young people or "
            "families",
            "{count} answers of “in place” not yet checked with children, young people or "
            "families", count).format(count=count), "dim")])
    return out


def _more(count: int) -> str:
    return ngettext("... and {count} more in the report", "... and {count} more in the report",
                    count).format(count=count)


def _profile(v: ReportView) -> Grid:
    rows: list[tuple[Line, Line]] = []
    for t in v["profile"]:
        rung = t["rung"]
        if t["state"] == TypeState.PLACED and rung is not None:
            shown: Line = [(f"{rung['level']}. {rung['name']}", "")]
            if t["provisional"]:
                shown += [(" ", ""), (_("(provisional)"), "dim")]
            if t["strengths"]:
                shown += [(" ", ""), (_("+{count} above").format(count=len(t["strengths"])),
                                      "green")]
        else:
            shown = [(state_words(t["state"]), "dim")]
        rows.append(([(f"    {t['name']}", "")], shown))
    return Grid(rows, gap=2)


def portfolio_overview(v: PortfolioView) -> list[Line | Grid]:
    """Return the portfolio's headline figures, for whoever ran the command."""
    t = v["totals"]
    # The English has always said "services" for any count; other languages have each form.
    heading, colon, figures = ngettext(
        # TRANSLATORS: the words before the first colon are shown in bold.
        "Portfolio as of {date}: {count} services, mean rung {mean}",
        "Portfolio as of {date}: {count} services, mean rung {mean}", t["services"],
    ).format(date=v["as_of"], count=t["services"], mean=t["mean_rung"]).partition(":")
    out: list[Line | Grid] = [[(heading, "bold"), (colon + figures, "")]]
    out += [[(f"  {r['level']}. {r['name']}: {r['services']}", "")]
            for r in reversed(v["ladder"])]
    weakest = next((f for f in v["weakest_factors"] if f["not_met"]), None)
    if weakest:
        out.append([("  " + _("Weakest success factor: {name} ({percent}% not met)").format(
            name=weakest["name"], percent=weakest["percent_not_met"]), "")])
    figures = (_("At target: {reached} of {targets}; “doing with” answers to check: {check}; "
                 "to refresh: {stale}; expected but missing: {missing}")
               if v["expected"] is not None else
               _("At target: {reached} of {targets}; “doing with” answers to check: {check}; "
                 "to refresh: {stale}"))
    out.append([("  " + figures.format(
        reached=t["at_or_above_target"], targets=t["with_target"],
        check=t["high_claims_to_check"], stale=t["stale"], missing=t["expected_missing"]), "")])
    out.append([("  ", ""), (v["voices"]["sentence"], "")])
    m = v["movement"]
    if m:
        out.append([("  " + (_("Since the last cycle: {up} up, {same} same, {down} down (mean "
                               "change {change})").format(
            up=m["up"], same=m["same"], down=m["down"], change=f"{m['mean_change']:+.2f}")
            if m["mean_change"] is not None else
            _("Since the last cycle: no service matched by id")), "")])
    return out


def safe_pieces(line: Line) -> Line:
    """Return a line's pieces with their text made safe for a terminal line.

    Names come from answers files and rubrics (`safe_text.one_line`): a service called
    "\\x1b]0;..." must not retitle the terminal nor a line break split a summary line.
    """
    return [(one_line(text), style) for text, style in line]


def plain_text(lines: list[Line | Grid]) -> str:
    """Return lines as plain text: no colour, no wrapping, columns lined up, text made safe."""
    text: list[str] = []
    for line in lines:
        if isinstance(line, Grid):
            cells = [("".join(t for t, _ in safe_pieces(first)),
                      "".join(t for t, _ in safe_pieces(second)))
                     for first, second in line.rows]
            width = max((len(first) for first, _ in cells), default=0)
            gap = " " * line.gap
            for first, second in cells:
                lead = first.rjust(width) if line.right_align_first else first.ljust(width)
                text.append(f"{lead}{gap}{second}".rstrip() + "\n")
        else:
            text.append("".join(t for t, _ in safe_pieces(line)) + "\n")
    return "".join(text)
