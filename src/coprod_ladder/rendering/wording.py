"""The words of every report: sentences as whole templates with named fields, and the helpers
that word names and numbers (lists of names, short type names, percentages, mean rungs).

Each sentence is one template here, filled with `str.format` after it is translated into the
language in use (`language._`), never glued together from pieces, so a translation (issue
26) can reorder its words. A sentence about a count is one `ngettext` message with its
singular and plural, so Welsh gets each of its six forms. Every view builder, template filter
and renderer words names and numbers through the helpers here, so each has one rule. The view
builder picks which sentence applies and fills it; templates and the terminal only show the
result. Pure: no rules about the ladder here, only words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coprod_ladder.language import N_, _, ngettext, pgettext

SENTENCES: dict[str, str] = {
    "plan-whole-organisation": N_("Whole organisation"),
    "plan-barrier-now": N_("Not met in {count} of {services} services ({percent}%)"),
    "stands": N_("Where the service stands: {rung} (rung {level} of {rungs}, {band}), "
                 "{firmness}."),
    "stands-not-placed": N_("Where the service stands: not yet placed. {answered} answers "
                            "count so far; at least {needed} are needed to say where it "
                            "stands."),
    "stands-no-main-work": N_("Where the service stands: not yet placed, because nothing is "
                              "answered yet about its main work ({main})."),
    "firm": N_("firm"),
    "provisional": N_("provisional"),
    "with-evidence": N_("With the evidence for the answers you gave: {rung}."),
    "with-evidence-same": N_("Adding evidence to the answers you gave would not change this."),
    "range": N_("The open questions leave it between {low} and {high}."),
    "range-fixed": N_("The open questions cannot change where it stands."),
    "doing-with-types": N_("Already “doing with” children, young people or families in: "
                           "{types}."),
    "main-work": N_("Its main work: {types}. The overall rung never stands above the best of "
                    "these."),
    "main-work-default": N_("Its main work, as the rubric counts it for this service: {types}. "
                            "The overall rung never stands above the best of these."),
    "unvalidated": N_("Nothing behind this “doing with” rung has been checked with children, "
                      "young people or families yet, so it stays provisional. Ask them, and "
                      "record who confirmed it."),
    "law-of": N_("The law this report cites is the law of {country}."),
    "law-of-listed": N_("This report cites the law of {country}, set out at the end of the "
                        "report."),
    "below-floor": N_("{type} stands at {rung}, below {floor}, the lowest rung the law "
                      "expects: {duty}"),
    "practice-to-target": N_("Practice to build, toward {rung}:"),
    "practice-optional": N_("Your target is reached. If you want to go further, this is what "
                            "{rung} would need (optional):"),
    "practice-top": N_("This is the top rung. Keep checking with children, young people and "
                       "families that the way you work still suits them."),
    "more-types": N_("{rung} needs at least {types} types of co-production in the service's "
                     "scope at that rung, and the service has {count} in scope. Bring another "
                     "part of its work into scope, or keep {current} as the target."),
    "more-types-to-place": N_("Too few questions are in the service's scope to place it: at "
                              "least {needed} answers are needed, and its scope holds {count}. "
                              "Bring another part of its work into scope."),
    "progress": N_("Toward {rung}: {met} of {total} criteria it needs are met ({percent}%)."),
    "quoted": N_("“{text}”"),
    "voice-none": N_("No voice files were read for this service, so nothing here has been "
                     "checked with children, young people or families through their own "
                     "answers."),
    "voice-small-groups": N_("A group with fewer than {min_group} answers is not shown on its "
                             "own (“fewer than {min_group} answered”); it counts only in the "
                             "totals."),
    "voice-fewer-than": N_("fewer than {min_group} answered"),
    "voice-none-on-scale": N_("no answers on the scale"),
    "voice-type-line": N_("{name}: {text}"),
    "voice-agree-cell": N_("{percent}% ({count})"),
    "voice-table-key": N_("Each figure is the share of answers saying it happens mostly or "
                          "always; in brackets, how many people answered."),
    # TRANSLATORS: {group} is a group's name ("children", "parents and carers"); {words} is a
    # point of the answer scale ("not often"); {answer} is the service's own answer.
    "voice-blind-spot": N_("Blind spot: “{statement}” You answered “{answer}”, but {count} "
                           "{group} asked “{question}” said {words} on average ({mean} of 4)."),
    "voice-hidden-strength": N_("Hidden strength: “{statement}” You answered “{answer}”, but "
                                "{count} {group} asked “{question}” said {words} on average "
                                "({mean} of 4)."),
    "voice-blind-spot-step": N_("Ask {group} what would make this true for them: {count} of "
                                "them, asked “{question}”, said {words} on average."),
    # {items} are quoted statements, each ending in its own full stop: none is added here.
    "voice-confirmed": N_("Confirmed by children, young people or families: {items}"),
    "voice-not-confirmed": N_("Answered by them but not confirmed, so the “doing with” rung "
                              "stays provisional: {items}"),
    "summary-barrier": N_("{name} (not met by {count} of {total} services)"),
    "summary-no-barriers": N_("No service rates any success factor or readiness step as not "
                              "met."),
    "groups-pooled": N_("Smaller groups, together"),
    # What children, young people and families say, across the portfolio.
    "voice-nobody": N_("nobody answered"),
    "voice-agree-share": N_("{percent}% agree"),
    "portfolio-voices-heard-none": N_("No service has heard children, young people or families "
                                      "answer for themselves yet: no voice file was read."),
    "portfolio-voices-hidden": N_("A group's share is hidden where fewer than {min_group} of "
                                  "its people answered, so nobody can be picked out."),
    "summary-not-heard": N_("Services that heard nobody yet: {names}."),
    "gap-picture": N_("{service}: stands on rung {level}, target rung {target}."),
    "trend-picture": N_("{type}: mean rung {now} this cycle, {before} last cycle."),
    "trend-picture-now": N_("{type}: mean rung {now}."),
}
"""Every sentence that does not depend on a count, by key: translated where it is said."""

# Sentences about a count: one message each, with its singular and plural, so a language
# with more forms (Welsh has six) gets each. The calls run when a sentence is said, never at
# import time (the language is chosen later).
COUNT_SENTENCES: dict[str, Callable[[int], str]] = {
    "evidence-group": lambda n: ngettext(
        "Add evidence to {count} answer you gave: the rung needs it shown (what it is, where "
        "it is kept, its date).",
        "Add evidence to {count} answers you gave: the rung needs it shown (what it is, where "
        "it is kept, its date).", n),
    "questions-group-place": lambda n: ngettext(
        "Answer this question to place the service.",
        "Answer these {count} questions to place the service.", n),
    "questions-group-firm": lambda n: ngettext(
        "Answer this question to firm up where it stands.",
        "Answer these {count} questions to firm up where it stands.", n),
    # The portfolio's opening summary, read aloud at a meeting.
    "summary-services": lambda n: ngettext(
        "{count} service was scored against {rubric}.",
        "{count} services were scored against {rubric}.", n),
    "summary-most": lambda n: ngettext(
        "Most often a service stands on rung {level}, {rung}: {count} of {total} services "
        "({percent}%) does. The middle service stands on rung {median}.",
        "Most often a service stands on rung {level}, {rung}: {count} of {total} services "
        "({percent}%) do. The middle service stands on rung {median}.", n),
    "summary-doing-with": lambda n: ngettext(
        "{count} service ({percent}%) is already “doing with” children, young people or "
        "families, on {floor} or higher.",
        "{count} services ({percent}%) are already “doing with” children, young people or "
        "families, on {floor} or higher.", n),
    # Past tense, so the verbs fit any count ("1 fell short", "5 fell short").
    "summary-targets": lambda n: ngettext(
        "Of the {count} service that set a target, {reached} reached it; {below} fell short.",
        "Of the {count} services that set a target, {reached} reached it; {below} fell short.",
        n),
    "summary-moved": lambda n: ngettext(
        "Since the last cycle, of the {count} service assessed both times, {up} moved up, "
        "{same} stayed on the same rung and {down} moved down.",
        "Since the last cycle, of {count} services assessed both times, {up} moved up, {same} "
        "stayed on the same rung and {down} moved down: a mean change of {change} rungs.", n),
    "summary-new": lambda n: ngettext(
        "{count} service is new since then.",
        "{count} services are new since then.", n),
    "summary-gone": lambda n: ngettext(
        "{count} service of the last cycle is not in this one.",
        "{count} services of the last cycle are not in this one.", n),
    "summary-barriers": lambda n: ngettext(
        "The biggest shared barrier, which needs action at organisation level: {barriers}.",
        "The biggest shared barriers, which need action at organisation level: {barriers}.", n),
    "portfolio-voices-heard": lambda n: ngettext(
        "{heard} of the {count} service heard children, young people or families answer for "
        "themselves: {people} people in all.",
        "{heard} of {count} services heard children, young people or families answer for "
        "themselves: {people} people in all.", n),
    "portfolio-voices-not-heard": lambda n: ngettext(
        "{count} service heard nobody yet, so nothing it answered has been checked with the "
        "people it serves.",
        "{count} services heard nobody yet, so nothing they answered has been checked with the "
        "people they serve.", n),
}
"""Every sentence about a count, by key: the count picks the form (see `say_count`)."""


def say(key: str, **fields: object) -> str:
    """Say one sentence in the language in use, its named fields filled."""
    return _(SENTENCES[key]).format(**fields)


def say_count(key: str, count: int, **fields: object) -> str:
    """Say the sentence about `count` in the form the language uses for that count."""
    return COUNT_SENTENCES[key](count).format(count=count, **fields)


def group_count(group: str, count: int) -> str:
    """How many of a group answered, as a list of groups says it ("5 children")."""
    # TRANSLATORS: {group} is a group's name ("children", "young people", "parents and
    # carers"); the count is of people, of any number.
    return _("{count} {group}").format(count=count, group=group)


def tag_label(tag: str) -> str:
    """A tag as a heading says it: "local_area" gives "Local area" (the tag itself is an id)."""
    words = tag.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else tag


def names(items: Sequence[str]) -> str:
    """A list of names as one phrase: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    if last[:1].lower() in _VOWELS:
        # TRANSLATORS: as "{rest} and {last}", when the last name starts with a vowel (Welsh
        # says "ac" there, "a" elsewhere).
        joined = pgettext("the last name starts with a vowel", "{rest} and {last}")
    else:
        # TRANSLATORS: the end of a list of names: {rest} is the others, separated by ", ".
        joined = _("{rest} and {last}")
    return joined.format(rest=", ".join(items[:-1]), last=last)


_VOWELS = frozenset("aeiouyâêîôûŷáéíóú")  # not "w": as often a consonant, in names


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
