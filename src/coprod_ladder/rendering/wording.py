"""The words of every report: sentences as whole templates with named fields, and the helpers
that word names and numbers (lists of names, short type names, percentages, mean rungs).

Each sentence is one template here, filled with `str.format`, never glued together from
pieces, so a translation (issue 23) can reorder its words. Every view builder, template filter
and renderer words names and numbers through the helpers here, so each has one rule. The view
builder picks which sentence applies and fills it; templates and the terminal only show the
result. Pure: no rules about the ladder here, only words.
"""

from __future__ import annotations

from collections.abc import Sequence

SENTENCES: dict[str, str] = {
    "plan-whole-organisation": "Whole organisation",
    "plan-barrier-now": "Not met in {count} of {services} services ({percent}%)",
    "stands": "Where the service stands: {rung} (rung {level} of {rungs}, {band}), {firmness}.",
    "stands-not-placed": "Where the service stands: not yet placed. {answered} answers count so "
                         "far; at least {needed} are needed to say where it stands.",
    "stands-no-main-work": "Where the service stands: not yet placed, because nothing is answered "
                           "yet about its main work ({main}).",
    "firm": "firm",
    "provisional": "provisional",
    "with-evidence": "With the evidence for the answers you gave: {rung}.",
    "with-evidence-same": "Adding evidence to the answers you gave would not change this.",
    "range": "The open questions leave it between {low} and {high}.",
    "range-fixed": "The open questions cannot change where it stands.",
    "doing-with-types": "Already “doing with” children, young people or families in: {types}.",
    "main-work": "Its main work: {types}. The overall rung never stands above the best of these.",
    "main-work-default": "Its main work, as the rubric counts it for this service: {types}. "
                         "The overall rung never stands above the best of these.",
    "unvalidated": "Nothing behind this “doing with” rung has been checked with children, young "
                   "people or families yet, so it stays provisional. Ask them, and record who "
                   "confirmed it.",
    "law-of": "The law this report cites is the law of {country}.",
    "law-of-listed": "This report cites the law of {country}, set out at the end of the report.",
    "below-floor": "{type} stands at {rung}, below {floor}, the lowest rung the law expects: "
                   "{duty}",
    "evidence-group": "Add evidence to {count} answers you gave: the rung needs it shown (what "
                      "it is, where it is kept, its date).",
    "evidence-group-one": "Add evidence to 1 answer you gave: the rung needs it shown (what it "
                          "is, where it is kept, its date).",
    "questions-group-place": "Answer these {count} questions to place the service.",
    "questions-group-place-one": "Answer this question to place the service.",
    "questions-group-firm": "Answer these {count} questions to firm up where it stands.",
    "questions-group-firm-one": "Answer this question to firm up where it stands.",
    "practice-to-target": "Practice to build, toward {rung}:",
    "practice-optional": "Your target is reached. If you want to go further, this is what "
                         "{rung} would need (optional):",
    "practice-top": "This is the top rung. Keep checking with children, young people and "
                    "families that the way you work still suits them.",
    "more-types": "{rung} needs at least {types} types of co-production in the service's "
                  "scope at that rung, and the service has {count} in scope. Bring another part "
                  "of its work into scope, or keep {current} as the target.",
    "more-types-to-place": "Too few questions are in the service's scope to place it: at least "
                           "{needed} answers are needed, and its scope holds {count}. Bring "
                           "another part of its work into scope.",
    "progress": "Toward {rung}: {met} of {total} criteria it needs are met ({percent}%).",
    "quoted": "“{text}”",
    "voice-none": "No voice files were read for this service, so nothing here has been checked "
                  "with children, young people or families through their own answers.",
    "voice-heard": "{count} people answered ({who}), in {files} voice files.",
    "voice-heard-one-file": "{count} people answered ({who}), in one voice file.",
    "voice-group-count": "{count} {group}",
    "voice-small-groups": "A group with fewer than {min_group} answers is not shown on its own "
                          "(“fewer than {min_group} answered”); it counts only in the totals.",
    "voice-fewer-than": "fewer than {min_group} answered",
    "voice-none-on-scale": "no answers on the scale",
    "voice-type-line": "{name}: {text}",
    "voice-agree-cell": "{percent}% ({count})",
    "voice-table-key": "Each figure is the share of answers saying it happens mostly or always; "
                       "in brackets, how many people answered.",
    "voice-blind-spot": "Blind spot: “{statement}” You answered “{answer}”, but {count} {group} "
                        "asked “{question}” said {words} on average ({mean} of 4).",
    "voice-hidden-strength": "Hidden strength: “{statement}” You answered “{answer}”, but {count} "
                             "{group} asked “{question}” said {words} on average ({mean} of 4).",
    "voice-blind-spot-step": "Ask {group} what would make this true for them: {count} of them, "
                             "asked “{question}”, said {words} on average.",
    # {items} are quoted statements, each ending in its own full stop: none is added here.
    "voice-confirmed": "Confirmed by children, young people or families: {items}",
    "voice-not-confirmed": "Answered by them but not confirmed, so the “doing with” rung stays "
                           "provisional: {items}",
    # The portfolio's opening summary, read aloud at a meeting. A key ending "-one" is the
    # form for a count of 1 (see `say_count`).
    "summary-services": "{count} services were scored against {rubric}.",
    "summary-services-one": "1 service was scored against {rubric}.",
    "summary-most": "Most often a service stands on rung {level}, {rung}: {count} of {total} "
                    "services ({percent}%) do. The middle service stands on rung {median}.",
    "summary-most-one": "Most often a service stands on rung {level}, {rung}: 1 of {total} "
                        "services ({percent}%) does. The middle service stands on rung "
                        "{median}.",
    "summary-doing-with": "{count} services ({percent}%) are already “doing with” children, "
                          "young people or families, on {floor} or higher.",
    "summary-doing-with-one": "1 service ({percent}%) is already “doing with” children, young "
                              "people or families, on {floor} or higher.",
    # Past tense, so the verbs fit any count ("1 fell short", "5 fell short").
    "summary-targets": "Of the {count} services that set a target, {reached} reached it; "
                       "{below} fell short.",
    "summary-targets-one": "Of the 1 service that set a target, {reached} reached it; {below} "
                           "fell short.",
    "summary-moved": "Since the last cycle, of {count} services assessed both times, {up} moved "
                     "up, {same} stayed on the same rung and {down} moved down: a mean change "
                     "of {change} rungs.",
    "summary-moved-one": "Since the last cycle, of the 1 service assessed both times, {up} "
                         "moved up, {same} stayed on the same rung and {down} moved down.",
    "summary-new": "{count} services are new since then.",
    "summary-new-one": "1 service is new since then.",
    "summary-gone": "{count} services of the last cycle are not in this one.",
    "summary-gone-one": "1 service of the last cycle is not in this one.",
    "summary-barriers": "The biggest shared barriers, which need action at organisation "
                        "level: {barriers}.",
    "summary-barriers-one": "The biggest shared barrier, which needs action at organisation "
                            "level: {barriers}.",
    "summary-barrier": "{name} (not met by {count} of {total} services)",
    "summary-no-barriers": "No service rates any success factor or readiness step as not met.",
    "groups-pooled": "Smaller groups, together",
    # What children, young people and families say, across the portfolio.
    "voice-nobody": "nobody answered",
    "voice-agree-share": "{percent}% agree",
    "portfolio-voices-heard": "{heard} of {count} services heard children, young people or "
                              "families answer for themselves: {people} people in all.",
    "portfolio-voices-heard-one": "{heard} of the 1 service heard children, young people or "
                                  "families answer for themselves: {people} people in all.",
    "portfolio-voices-heard-none": "No service has heard children, young people or families "
                                   "answer for themselves yet: no voice file was read.",
    "portfolio-voices-not-heard": "{count} services heard nobody yet, so nothing they answered "
                                  "has been checked with the people they serve.",
    "portfolio-voices-not-heard-one": "1 service heard nobody yet, so nothing it answered has "
                                      "been checked with the people it serves.",
    "portfolio-voices-hidden": "A group's share is hidden where fewer than {min_group} of its "
                               "people answered, so nobody can be picked out.",
    "summary-not-heard": "Services that heard nobody yet: {names}.",
    "gap-picture": "{service}: stands on rung {level}, target rung {target}.",
    "trend-picture": "{type}: mean rung {now} this cycle, {before} last cycle.",
    "trend-picture-now": "{type}: mean rung {now}.",
}


def say(key: str, **fields: object) -> str:
    """Fill one sentence's template."""
    return SENTENCES[key].format(**fields)


def say_count(key: str, count: int, **fields: object) -> str:
    """Fill the sentence for `count`: its "-one" form when the count is 1 and one exists."""
    one = f"{key}-one"
    return SENTENCES[one if count == 1 and one in SENTENCES else key].format(count=count,
                                                                            **fields)


def tag_label(tag: str) -> str:
    """A tag as a heading says it: "local_area" gives "Local area" (the tag itself is an id)."""
    words = tag.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else tag


def names(items: Sequence[str]) -> str:
    """A list of names as one phrase: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return "{rest} and {last}".format(rest=", ".join(items[:-1]), last=items[-1])


def short_name(name: str) -> str:
    """The term in closing brackets of a plain type name ("Designing how the service works
    (co-design)" gives "co-design"), for narrow column headers; the name itself otherwise."""
    if name.endswith(")") and "(" in name:
        term = name[name.rindex("(") + 1:-1].strip()
        if term:
            return term
    return name


def whole_percent(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, from the counts: the one rounding every
    percentage in every format uses (a half rounds to even, as Python's `round` does)."""
    return round(100 * part / whole) if whole else 0


def mean_rung_text(value: float | None) -> str:
    """Show a mean rung the same way everywhere: one decimal, or a dash when there is none."""
    return "–" if value is None else f"{value:.1f}"
