"""Meaning checks on a schema-valid rubric: references, ids, rung order, reachability.

The history's checks live in `rubric.history`; their codes are listed here with the rest.

Each check yields Diagnostics with a stable kebab-case code and the position of the offending
key or value. Errors are what would make scoring wrong; warnings are what makes a rubric
weaker for managers (missing guidance, unused scales). Pure: no I/O, no printing.

Long module: every check sits beside its findings' sentences, each one whole per case so it
can be translated (issue 26), and beside CODES, so a reviewer reads a finding in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import N_, _
from coprod_ladder.model import Rubric, VoiceGroup
from coprod_ladder.rubric import history, plain
from coprod_ladder.yaml_positions import position
from coprod_ladder.yaml_source import YamlDocument

# Pseudo-answers a risk trigger may use besides an answer set's own options.
PSEUDO_ANSWERS = ("unanswered", "unvalidated")

#: Every code this module can produce, with its severity; the docs and tests use this list.
CODES: dict[str, Severity] = {
    "duplicate-id": Severity.ERROR,
    "duplicate-level": Severity.ERROR,
    "rung-order": Severity.ERROR,
    "rung-gap": Severity.ERROR,
    "unknown-rung": Severity.ERROR,
    "unknown-activity": Severity.ERROR,
    "unknown-answer-set": Severity.ERROR,
    "unknown-item": Severity.ERROR,
    "unknown-answer": Severity.ERROR,
    "unknown-source": Severity.ERROR,
    "empty-answer-set": Severity.ERROR,
    "unknown-option-meets": Severity.ERROR,
    "unreachable-rung": Severity.ERROR,
    "threshold-needs-share": Severity.ERROR,
    "risk-never-raised": Severity.ERROR,
    "history-version": Severity.ERROR,
    "history-unknown-id": Severity.ERROR,
    "history-cycle": Severity.ERROR,
    "history-incomplete": Severity.ERROR,
    "unknown-duty": Severity.ERROR,
    "unknown-jurisdiction": Severity.ERROR,
    "missing-guidance": Severity.WARNING,
    "rung-without-criteria": Severity.WARNING,
    "activity-without-criteria": Severity.WARNING,
    "unused-answer-set": Severity.WARNING,
    "long-text": Severity.WARNING,
    "hard-to-read": Severity.WARNING,
    "two-asks": Severity.WARNING,
    "long-voice-question": Severity.WARNING,
    "hard-voice-question": Severity.WARNING,
}


class Findings:
    """The findings of one rubric's checks, each placed at its key or value in the file."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.items: list[Diagnostic] = []

    def add(self, loc: Sequence[int | str], code: str, message: str, *, key: bool = False) -> None:
        line, column = position(self.doc.root, loc, want_key=key)
        self.items.append(Diagnostic(self.doc.path, line, column, CODES[code], code, message))


def check_rubric(rubric: Rubric, doc: YamlDocument) -> list[Diagnostic]:
    """Return every meaning problem in a rubric that already matches the schema."""
    found = Findings(doc)
    _check_ids(rubric, found)
    _check_rungs(rubric, found)
    _check_references(rubric, found)
    _check_reachability(rubric, found)
    _check_coverage(rubric, found)
    _check_floors(rubric, found)
    _check_duties(rubric, found)
    _check_jurisdictions(rubric, found)
    history.check_history(rubric, found)
    _check_plain_language(rubric, found)
    _check_voice_questions(rubric, found)
    if rubric.scoring.rule == "threshold" and rubric.scoring.min_share is None:
        found.add(("scoring", "rule"), "threshold-needs-share",
                  _("the 'threshold' rule needs 'min_share' (for example 0.8: a rung counts "
                    "once 80% of its required criteria are met)"))
    return found.items


Loc = tuple[int | str, ...]


def _duplicates(ids: Iterator[tuple[str, Loc]]) -> Iterator[tuple[str, Loc, Loc]]:
    first: dict[str, Loc] = {}
    for ident, loc in ids:
        if ident in first:
            yield ident, loc, first[ident]
        else:
            first[ident] = loc


def _check_ids(rubric: Rubric, found: Findings) -> None:
    groups: list[tuple[str, Iterator[tuple[str, Loc]]]] = [
        (N_("the rung id '{id}' is already used at line {line}; ids must be unique"),
         ((r.id, ("rungs", i, "id")) for i, r in enumerate(rubric.rungs))),
        (N_("the activity id '{id}' is already used at line {line}; ids must be unique"),
         ((a.id, ("activities", i, "id")) for i, a in enumerate(rubric.activities))),
        (N_("the answer set id '{id}' is already used at line {line}; ids must be unique"),
         ((a.id, ("answer_sets", i, "id")) for i, a in enumerate(rubric.answer_sets))),
        (N_("the risk id '{id}' is already used at line {line}; ids must be unique"),
         ((r.id, ("risks", i, "id")) for i, r in enumerate(rubric.risks))),
        (N_("the source id '{id}' is already used at line {line}; ids must be unique"),
         ((s.id, ("sources", i, "id")) for i, s in enumerate(rubric.sources))),
        # Criteria, success factors and readiness steps share one namespace: answers files and
        # risk triggers name them by id alone.
        (N_("the item id '{id}' is already used at line {line}; ids must be unique"),
         _item_ids(rubric)),
    ]
    for what, ids in groups:
        for ident, loc, first in _duplicates(ids):
            found.add(loc, "duplicate-id",
                      _(what).format(id=ident, line=position(found.doc.root, first)[0]))
    for s, answer_set in enumerate(rubric.answer_sets):
        options = ((o.id, ("answer_sets", s, "options", i, "id"))
                   for i, o in enumerate(answer_set.options))
        for ident, loc, _first in _duplicates(options):
            found.add(loc, "duplicate-id",
                      _("the answer '{id}' appears twice in the answer set '{set}'").format(
                          id=ident, set=answer_set.id))
        for i, option in enumerate(answer_set.options):
            if option.unknown and option.meets:
                found.add(("answer_sets", s, "options", i, "meets"), "unknown-option-meets",
                          _("'{id}' is a \"don't know\" answer (unknown: true), so it counts "
                            "as unanswered and cannot also meet; set meets: false").format(
                                id=option.id))


def _item_ids(rubric: Rubric) -> Iterator[tuple[str, Loc]]:
    for i, c in enumerate(rubric.criteria):
        yield c.id, ("criteria", i, "id")
    for i, f in enumerate(rubric.success_factors):
        yield f.id, ("success_factors", i, "id")
    for i, f in enumerate(rubric.readiness):
        yield f.id, ("readiness", i, "id")


def _check_rungs(rubric: Rubric, found: Findings) -> None:
    seen_levels: dict[int, int] = {}
    previous = 0
    for i, rung in enumerate(rubric.rungs):
        if rung.level in seen_levels:
            found.add(("rungs", i, "level"), "duplicate-level",
                      _("level {level} is already used by the rung '{rung}'; each rung needs "
                        "its own level").format(level=rung.level,
                                                rung=rubric.rungs[seen_levels[rung.level]].id))
            continue
        seen_levels[rung.level] = i
        if rung.level < previous:
            found.add(("rungs", i, "level"), "rung-order",
                      _("rung '{rung}' (level {level}) comes after level {previous}; list the "
                        "rungs from the bottom (level 1) up").format(
                            rung=rung.id, level=rung.level, previous=previous))
        previous = max(previous, rung.level)
    expected = 1
    for level in sorted(seen_levels):
        if level != expected:
            i = seen_levels[level]
            found.add(("rungs", i, "level"), "rung-gap",
                      _("level {expected} is missing: levels must run 1, 2, 3... without gaps, "
                        "but the next one here is {level}").format(expected=expected,
                                                                   level=level))
            break
        expected += 1


def _check_references(rubric: Rubric, found: Findings) -> None:
    """Every id a criterion, factor, readiness step or risk names must be defined."""
    _check_criterion_references(rubric, found)
    for section in ("success_factors", "readiness"):
        _check_factor_references(rubric, section, found)
    _check_risk_references(rubric, found)


def _rung_list(rubric: Rubric) -> str:
    return ", ".join(r.id for r in rubric.rungs_in_order())


def _check_criterion_references(rubric: Rubric, found: Findings) -> None:
    rungs = {r.id for r in rubric.rungs}
    activities = {a.id for a in rubric.activities}
    sets = rubric.answer_set_by_id()
    for i, c in enumerate(rubric.criteria):
        if c.rung not in rungs:
            found.add(("criteria", i, "rung"), "unknown-rung",
                      _("criterion '{id}' names the rung '{rung}', which this rubric does not "
                        "have (rungs: {rungs})").format(id=c.id, rung=c.rung,
                                                        rungs=_rung_list(rubric)))
        if c.activity not in activities:
            found.add(("criteria", i, "activity"), "unknown-activity",
                      _("criterion '{id}' names the activity '{activity}', which this rubric "
                        "does not have (activities: {activities})").format(
                            id=c.id, activity=c.activity,
                            activities=", ".join(sorted(activities))))
        if c.answer_set not in sets:
            found.add(("criteria", i, "answer_set"), "unknown-answer-set",
                      _("criterion '{id}' uses the answer set '{set}', which is not defined "
                        "under answer_sets (defined: {sets})").format(
                            id=c.id, set=c.answer_set, sets=", ".join(sorted(sets))))
        if not c.guidance:
            found.add(("criteria", i, "id"), "missing-guidance",
                      _("criterion '{id}' has no 'guidance': say what a service does to meet "
                        "it, so the gap report can recommend a next step").format(id=c.id))


def _check_factor_references(rubric: Rubric, section: str, found: Findings) -> None:
    rungs = {r.id for r in rubric.rungs}
    sets = rubric.answer_set_by_id()
    sources = {s.id for s in rubric.sources}
    for i, f in enumerate(getattr(rubric, section)):
        if f.answer_set not in sets:
            found.add((section, i, "answer_set"), "unknown-answer-set",
                      _("'{id}' uses the answer set '{set}', which is not defined under "
                        "answer_sets (defined: {sets})").format(
                            id=f.id, set=f.answer_set, sets=", ".join(sorted(sets))))
        for g, gate in enumerate(f.gates):
            if gate not in rungs:
                found.add((section, i, "gates", g), "unknown-rung",
                          _("'{id}' gates the rung '{rung}', which this rubric does not have "
                            "(rungs: {rungs})").format(id=f.id, rung=gate,
                                                       rungs=_rung_list(rubric)))
        if f.source is not None and f.source not in sources:
            found.add((section, i, "source"), "unknown-source",
                      _("'{id}' cites the source '{source}', which is not listed under "
                        "sources").format(id=f.id, source=f.source))
        if not f.guidance:
            found.add((section, i, "id"), "missing-guidance",
                      _("'{id}' has no 'guidance': say how an organisation strengthens "
                        "it").format(id=f.id))


def _check_risk_references(rubric: Rubric, found: Findings) -> None:
    sets = rubric.answer_set_by_id()
    item_sets = {c.id: c.answer_set for c in rubric.criteria}
    item_sets |= {f.id: f.answer_set for f in (*rubric.success_factors, *rubric.readiness)}
    for i, risk in enumerate(rubric.risks):
        if risk.min_matches > len(risk.raised_when):
            found.add(("risks", i, "min_matches"), "risk-never-raised",
                      _("risk '{id}' needs {needed} matching triggers but lists only {listed} "
                        "under raised_when, so it can never be raised").format(
                            id=risk.id, needed=risk.min_matches, listed=len(risk.raised_when)))
        for t, trigger in enumerate(risk.raised_when):
            set_id = item_sets.get(trigger.item)
            if set_id is None:
                found.add(("risks", i, "raised_when", t, "item"), "unknown-item",
                          _("risk '{id}' looks at '{item}', which is not a criterion, success "
                            "factor or readiness step of this rubric").format(
                                id=risk.id, item=trigger.item))
                continue
            if set_id not in sets:
                continue  # reported as unknown-answer-set on the item itself
            options = {o.id for o in sets[set_id].options}
            for a, answer in enumerate(trigger.answers):
                if answer not in options and answer not in PSEUDO_ANSWERS:
                    found.add(("risks", i, "raised_when", t, "answers", a), "unknown-answer",
                              _("'{answer}' is not an answer in the set '{set}' used by "
                                "'{item}' (answers: {answers}, or {pseudo})").format(
                                    answer=answer, set=set_id, item=trigger.item,
                                    answers=", ".join(sorted(options)),
                                    pseudo=" / ".join(PSEUDO_ANSWERS)))


def _check_reachability(rubric: Rubric, found: Findings) -> None:
    sets = rubric.answer_set_by_id()
    for s, answer_set in enumerate(rubric.answer_sets):
        if not answer_set.options:
            found.add(("answer_sets", s, "options"), "empty-answer-set",
                      _("the answer set '{set}' has no options; give it at least one answer "
                        "that meets and one that does not").format(set=answer_set.id))
    never_met: dict[str, str] = {}
    for c in rubric.criteria:
        chosen = sets.get(c.answer_set)
        if (c.required and chosen is not None and not c.not_applicable_allowed
                and not any(o.meets for o in chosen.options)):
            never_met.setdefault(c.rung, _("criterion '{id}' (its answer set '{set}' has no "
                                           "answer with 'meets: true')").format(
                                               id=c.id, set=chosen.id))
    for f in [*rubric.success_factors, *rubric.readiness]:
        chosen = sets.get(f.answer_set)
        if chosen is not None and not any(o.meets for o in chosen.options):
            for gate in f.gates:
                never_met.setdefault(gate, _("'{id}' (its answer set '{set}' has no answer "
                                             "with 'meets: true')").format(
                                                 id=f.id, set=chosen.id))
    blocked_by: str | None = None
    index = {r.id: i for i, r in enumerate(rubric.rungs)}
    for rung in rubric.rungs_in_order():
        blocked_by = blocked_by or never_met.get(rung.id)
        if blocked_by:
            found.add(("rungs", index[rung.id], "id"), "unreachable-rung",
                      # TRANSLATORS: {blocker} is "criterion 'x' (its answer set ...)".
                      _("no service can ever reach the rung '{rung}': it is blocked by "
                        "{blocker}").format(rung=rung.id, blocker=blocked_by))


def _check_coverage(rubric: Rubric, found: Findings) -> None:
    used_sets = {c.answer_set for c in rubric.criteria}
    used_sets |= {f.answer_set for f in [*rubric.success_factors, *rubric.readiness]}
    for s, answer_set in enumerate(rubric.answer_sets):
        if answer_set.id not in used_sets:
            found.add(("answer_sets", s, "id"), "unused-answer-set",
                      _("the answer set '{set}' is not used by any criterion or factor").format(
                          set=answer_set.id))
    rungs_with_required = {c.rung for c in rubric.criteria if c.required}
    factors = [*rubric.success_factors, *rubric.readiness]
    rungs_with_required |= {g for f in factors for g in f.gates}
    bottom = min((r.level for r in rubric.rungs), default=1)
    for i, rung in enumerate(rubric.rungs):
        if rung.level != bottom and rung.id not in rungs_with_required:
            found.add(("rungs", i, "id"), "rung-without-criteria",
                      _("the rung '{rung}' has no required criteria, so every service that "
                        "reaches the rung below stands on it too").format(rung=rung.id))
    activities_used = {c.activity for c in rubric.criteria}
    for i, activity in enumerate(rubric.activities):
        if activity.id not in activities_used:
            found.add(("activities", i, "id"), "activity-without-criteria",
                      _("the activity '{activity}' has no criteria, so it can never be "
                        "rated").format(activity=activity.id))


def _check_floors(rubric: Rubric, found: Findings) -> None:
    rungs = {r.id for r in rubric.rungs}
    activities = {a.id for a in rubric.activities}
    sources = {s.id for s in rubric.sources}
    for i, floor in enumerate(rubric.statutory_floors):
        if floor.activity not in activities:
            found.add(("statutory_floors", i, "activity"), "unknown-activity",
                      _("the statutory floor '{id}' names the activity '{activity}', which "
                        "this rubric does not have (activities: {activities})").format(
                            id=floor.id, activity=floor.activity,
                            activities=", ".join(sorted(activities))))
        if floor.rung not in rungs:
            found.add(("statutory_floors", i, "rung"), "unknown-rung",
                      _("the statutory floor '{id}' names the rung '{rung}', which this rubric "
                        "does not have").format(id=floor.id, rung=floor.rung))
        if floor.source is not None and floor.source not in sources:
            found.add(("statutory_floors", i, "source"), "unknown-source",
                      _("the statutory floor '{id}' cites the source '{source}', which is not "
                        "listed under sources").format(id=floor.id, source=floor.source))


def _check_duties(rubric: Rubric, found: Findings) -> None:
    """Duties named by floors and main work exist."""
    duties = {d.id for d in rubric.duties}
    known = ", ".join(sorted(duties)) or _("none declared under 'duties:'")
    for i, floor in enumerate(rubric.statutory_floors):
        if floor.when_duty is not None and floor.when_duty not in duties:
            found.add(("statutory_floors", i, "when_duty"), "unknown-duty",
                      _("the statutory floor '{id}' applies to the duty '{duty}', which this "
                        "rubric does not declare (duties: {known})").format(
                            id=floor.id, duty=floor.when_duty, known=known))
    for i, activity in enumerate(rubric.activities):
        for j, duty in enumerate(activity.main_work_for):
            if duty not in duties:
                found.add(("activities", i, "main_work_for", j), "unknown-duty",
                          _("'{id}' is main work for the duty '{duty}', which this rubric does "
                            "not declare (duties: {known})").format(
                                id=activity.id, duty=duty, known=known))


def _law_places(rubric: Rubric) -> Iterator[tuple[str, Loc, list[str], list[str]]]:
    """Each thing that names jurisdictions: (what, where, ids in `jurisdictions`, `law` keys)."""
    for i, floor in enumerate(rubric.statutory_floors):
        yield (_("the statutory floor '{id}'").format(id=floor.id), ("statutory_floors", i),
               floor.jurisdictions, list(floor.law))
    for i, c in enumerate(rubric.criteria):
        yield _("criterion '{id}'").format(id=c.id), ("criteria", i), [], list(c.law)
    for section in ("success_factors", "readiness"):
        for i, f in enumerate(getattr(rubric, section)):
            yield f"'{f.id}'", (section, i), f.jurisdictions, list(f.law)  # an id, no words


def _check_jurisdictions(rubric: Rubric, found: Findings) -> None:
    """Floors, items and their law texts name only the jurisdictions the rubric lists."""
    known = {j.id for j in rubric.jurisdictions}
    listed = (", ".join(j.id for j in rubric.jurisdictions)
              or _("none listed under 'jurisdictions:'"))
    for ident, loc, _first in _duplicates((j.id, ("jurisdictions", i, "id"))
                                        for i, j in enumerate(rubric.jurisdictions)):
        found.add(loc, "duplicate-id",
                  _("the jurisdiction id '{id}' is already used").format(id=ident))
    for what, loc, limited, law in _law_places(rubric):
        for j, ident in enumerate(limited):
            if ident not in known:
                found.add((*loc, "jurisdictions", j), "unknown-jurisdiction",
                          # TRANSLATORS: {what} is "the statutory floor 'x'", "criterion 'x'"
                          # or an id in quotes.
                          _("{what} is limited to the jurisdiction '{id}', which this rubric "
                            "does not list (jurisdictions: {listed})").format(
                                what=what, id=ident, listed=listed))
        for ident in law:
            if ident not in known:
                found.add((*loc, "law", ident), "unknown-jurisdiction",
                          _("{what} gives law for the jurisdiction '{id}', which this rubric "
                            "does not list (jurisdictions: {listed})").format(
                                what=what, id=ident, listed=listed), key=True)


def check_history_against(rubric: Rubric, doc: YamlDocument,
                          previous: Rubric) -> list[Diagnostic]:
    """Check that the history says where every id of an earlier version went.

    `previous` is the earlier version itself (for example a copy kept from before the change):
    each of its criteria, success factors, readiness steps, rungs, activities and answer
    options must be kept, or named in the release that replaces it.
    """
    return history.check_against(rubric, previous, Findings(doc))


def _plain_texts(rubric: Rubric) -> Iterator[tuple[str, Loc, str]]:
    """Every text the plain-language checks read: (kind, location, text)."""
    for n, c in enumerate(rubric.criteria):
        yield "statement", ("criteria", n, "statement"), c.statement
        if c.help:
            yield "hint", ("criteria", n, "help"), c.help
        if c.guidance:
            yield "guidance", ("criteria", n, "guidance"), c.guidance
    for section in ("success_factors", "readiness"):
        for n, f in enumerate(getattr(rubric, section)):
            yield "statement", (section, n, "summary"), f.summary
            if f.guidance:
                yield "guidance", (section, n, "guidance"), f.guidance
            for i, text in enumerate(f.indicators):
                yield "indicator", (section, n, "indicators", i), text
    for section in ("rungs", "activities", "risks"):
        for n, item in enumerate(getattr(rubric, section)):
            yield "summary", (section, n, "summary"), item.summary


#: The plain-language findings for each kind of text: (too long, hard to read). Whole
#: sentences, because the name of the kind changes the words around it in other languages.
_PLAIN_FINDINGS = {
    "statement": (
        N_("this statement has {words} words; at most {most} keeps it easy to take in (split "
           "it, or move detail to the hint)"),
        N_("this statement has a reading ease of {ease}, below {least}; use shorter words and "
           "sentences")),
    "hint": (
        N_("this hint has {words} words; at most {most} keeps it easy to take in (cut it)"),
        N_("this hint has a reading ease of {ease}, below {least}; use shorter words and "
           "sentences")),
    "guidance": (
        N_("this guidance has {words} words; at most {most} keeps it easy to take in (cut it)"),
        N_("this guidance has a reading ease of {ease}, below {least}; use shorter words and "
           "sentences")),
    "indicator": (
        N_("this indicator has {words} words; at most {most} keeps it easy to take in (cut it)"),
        N_("this indicator has a reading ease of {ease}, below {least}; use shorter words and "
           "sentences")),
    "summary": (
        N_("this summary has {words} words; at most {most} keeps it easy to take in (cut it)"),
        N_("this summary has a reading ease of {ease}, below {least}; use shorter words and "
           "sentences")),
}


def _check_plain_language(rubric: Rubric, found: Findings) -> None:
    limits = rubric.plain_language
    for kind, loc, text in _plain_texts(rubric):
        measured = plain.measure(text, joins=kind == "statement" and limits.two_asks)
        most = limits.max_statement_words if kind == "statement" else limits.max_text_words
        too_long, too_hard = _PLAIN_FINDINGS[kind]
        if measured.words > most:
            found.add(loc, "long-text", _(too_long).format(words=measured.words, most=most))
        if measured.ease < limits.min_reading_ease:
            found.add(loc, "hard-to-read", _(too_hard).format(
                ease=f"{measured.ease:.0f}", least=f"{limits.min_reading_ease:.0f}"))
        if measured.joins:
            joins = ", ".join(f"'{j}'" for j in measured.joins)
            found.add(loc, "two-asks", _(
                # TRANSLATORS: {joins} are the English words found in the statement ('and know').
                "this statement likely asks two things (joined by {joins}); ask one thing per "
                "statement, and split the rest into its own").format(joins=joins))


#: The groups whose questions must reach `voice.min_reading_ease` (parents' need not).
_YOUNG_GROUPS = (VoiceGroup.CHILDREN, VoiceGroup.YOUNG_PEOPLE)


def _check_voice_questions(rubric: Rubric, found: Findings) -> None:
    """Voice questions short enough for everyone, and easy to read for children and young people."""
    limits = rubric.voice
    for n, criterion in enumerate(rubric.criteria):
        if criterion.voice is None:
            continue
        for group, question in criterion.voice.ask.items():
            loc = ("criteria", n, "voice", "ask", group.value)
            measured = plain.measure(question, joins=False)
            if measured.words > limits.max_question_words:
                found.add(loc, "long-voice-question",
                          _("this question for '{group}' has {words} words; at most {most} "
                            "keeps it easy to answer (ask one thing, in fewer words)").format(
                                group=group.value, words=measured.words,
                                most=limits.max_question_words))
            if group in _YOUNG_GROUPS and measured.ease < limits.min_reading_ease:
                found.add(loc, "hard-voice-question",
                          _("this question for '{group}' has a reading ease of {ease}, below "
                            "{least}; use shorter, everyday words and a shorter sentence").format(
                                group=group.value, ease=f"{measured.ease:.0f}",
                                least=f"{limits.min_reading_ease:.0f}"))
