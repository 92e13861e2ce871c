"""Read answers written for an earlier version of a rubric through the rubric's `history`.

This module owns the meaning of a release record (`Release`): which earlier version it
replaces, where each old criterion, factor, rung and answer option went, and how answers are
carried across renames, splits, merges and removals. `migrate_answers` is pure: it takes an
answers model and the current rubric and returns new answers plus a short account of what
moved, or Diagnostics (positioned in the original file) when the answers cannot be carried.
It never reads or writes files and never prints.

Rules, in the words docs/writing-a-rubric.md uses:
* an id not listed in a release is kept as it is;
* a split copies the answer, evidence and notes to every new id;
* a merge keeps the answer that claims least (not met, then "don't know" or unanswered, then
  met), so a merge never claims more than the manager did; parts marked "not applicable" are
  left out of that choice, and "not applicable" stays only when every part had it; evidence
  and notes are joined;
* a removed id's answer is dropped and named in the warning;
* "not applicable" on a criterion that no longer allows it is dropped (the criterion becomes
  unanswered, never "not met");
* a version is a rubric id and a version number: a council's copy of another rubric reads
  answers written for that rubric through the release that adopted it (`replaces_rubric`),
  and for its earlier versions through the releases kept from it (`rubric`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coprod_ladder.answers.write import dump_answers
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.errors import CoprodError
from coprod_ladder.language import _, ngettext
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import (
    Answers,
    AnswerSet,
    CriterionAnswer,
    FactorAnswer,
    Release,
    Rubric,
    RubricRef,
    Target,
    TypeAnswer,
)
from coprod_ladder.yaml_positions import position
from coprod_ladder.yaml_source import YamlDocument

SECTIONS = ("criteria", "success_factors", "readiness")


@dataclass
class MigrationNote:
    """What happened to one file's answers on the way to the current version."""

    from_version: str
    to_version: str
    from_rubric: str = ""
    to_rubric: str = ""
    renamed: int = 0
    split: int = 0
    merged: int = 0
    removed: list[str] = field(default_factory=list)
    not_applicable_dropped: list[str] = field(default_factory=list)
    scoped_out: list[str] = field(default_factory=list)
    removed_reasons: dict[str, str] = field(default_factory=dict)

    def versions(self) -> str:
        """Return "1.0.0 -> 2.0.0", or "default 2.0.0 -> my-council 1.0.0" across rubrics."""
        if self.from_rubric != self.to_rubric:
            return (f"{self.from_rubric} {self.from_version} -> "
                    f"{self.to_rubric} {self.to_version}")
        return f"{self.from_version} -> {self.to_version}"

    def describe(self) -> str:
        """Return one sentence for the warning a manager sees: a list of what moved, each item
        a whole clause with its count."""
        parts = []
        if self.renamed:
            parts.append(ngettext("{count} renamed", "{count} renamed",
                                  self.renamed).format(count=self.renamed))
        if self.split:
            parts.append(ngettext("{count} split in two or more", "{count} split in two or more",
                                  self.split).format(count=self.split))
        if self.merged:
            parts.append(ngettext("{count} made from several old answers",
                                  "{count} made from several old answers",
                                  self.merged).format(count=self.merged))
        if self.removed:
            more = len(self.removed) - 3
            shown = ", ".join(self.removed[:3])
            if more > 0:
                shown = ngettext("{ids} and {count} more", "{ids} and {count} more",
                                 more).format(ids=shown, count=more)
            parts.append(ngettext("{count} dropped because the question was removed ({ids})",
                                  "{count} dropped because the question was removed ({ids})",
                                  len(self.removed)).format(count=len(self.removed), ids=shown))
        if self.not_applicable_dropped:
            parts.append(_("'not applicable' dropped where it is no longer allowed ({ids})")
                         .format(ids=", ".join(self.not_applicable_dropped)))
        if self.scoped_out:
            parts.append(_("types marked not applicable throughout are now declared out of "
                           "scope ({ids})").format(ids=", ".join(self.scoped_out)))
        if not parts:
            return _("answers moved: no answers needed to move")
        # TRANSLATORS: {moved} is a list of clauses joined by "; ", such as "2 renamed".
        return _("answers moved: {moved}").format(moved="; ".join(parts))


def release_path(rubric: Rubric, version: str,
                 rubric_id: str | None = None) -> list[Release] | None:
    """Return the releases that lead from `version` to the rubric's version, oldest first.

    `rubric_id` is the rubric `version` belongs to (default: this one; another rubric's id for
    the rubric this one was copied from). Returns [] when that is the current version and None
    when the history has no way there.
    """
    by_replaces = {rubric.replaced_version(r): r for r in rubric.history}
    node = (rubric_id or rubric.id, version)
    goal = (rubric.id, rubric.version)
    path: list[Release] = []
    seen = {node}
    while node != goal:
        release = by_replaces.get(node)
        if release is None or rubric.release_version(release) in seen:
            return None
        node = rubric.release_version(release)
        seen.add(node)
        path.append(release)
    return path


def ancestors(rubric: Rubric) -> set[str]:
    """Return the ids of the rubrics this one's history says it was copied from."""
    return {i for r in rubric.history for i in (r.rubric, r.replaces_rubric)
            if i is not None and i != rubric.id}


def needs_migration(answers: Answers, rubric: Rubric) -> bool:
    """Return True when the answers are for an earlier version its history knows: of this
    rubric, or of the rubric it was copied from."""
    given = (answers.rubric.id, answers.rubric.version)
    return (given != (rubric.id, rubric.version)
            and (answers.rubric.id == rubric.id or answers.rubric.id in ancestors(rubric))
            and bool(release_path(rubric, answers.rubric.version, answers.rubric.id)))


def _targets(release: Release, item_id: str) -> list[str]:
    if item_id not in release.items:
        return [item_id]
    moved = release.items[item_id]
    if moved is None:
        return []
    return [moved] if isinstance(moved, str) else list(moved)


def _map_option(release: Release, answer_set: AnswerSet | None, old: str | None) -> str | None:
    if old is None:
        return None
    if answer_set is not None:
        return release.answer_options.get(answer_set.id, {}).get(old, old)
    hits = {m[old] for m in release.answer_options.values() if old in m}
    return hits.pop() if len(hits) == 1 else old


Given = CriterionAnswer | FactorAnswer


def _as_section(given: Given, section: str) -> Given:
    """Carry an answer into `section`'s answer type, keeping what both types have."""
    if section == "criteria":
        if isinstance(given, CriterionAnswer):
            return given
        return CriterionAnswer(answer=given.answer, evidence=given.evidence, note=given.note)
    if isinstance(given, FactorAnswer):
        return given
    said = (_("Children and families said: {said}").format(said=given.cyp_say)
            if given.cyp_say else None)
    notes = [n for n in (given.note, said) if n]
    return FactorAnswer(answer=given.answer, evidence=given.evidence,
                        note=" / ".join(notes) or None)


def _rank(answer_set: AnswerSet | None, answer: str | None) -> tuple[int, int]:
    """Order answers by how much they claim: not met, then unknown or unanswered, then met."""
    options = {o.id: (n, o) for n, o in enumerate(answer_set.options)} if answer_set else {}
    if answer is None or answer not in options:
        return (1, 0)
    n, option = options[answer]
    return (2 if option.meets else 1 if option.unknown else 0, n)


def _is_not_applicable(given: Given) -> bool:
    return isinstance(given, CriterionAnswer) and given.not_applicable is not None


def _merge(parts: Sequence[Given], answer_set: AnswerSet | None) -> Given:
    """Combine several old answers that now answer one item (see the module docstring).

    The answer that claims least wins, so a merge never says more than the manager did; a
    part marked not applicable neither lifts nor lowers it.
    """
    counted = [g for g in parts if not _is_not_applicable(g)] or list(parts)
    chosen = min(counted, key=lambda g: _rank(answer_set, g.answer))
    evidence = [e for g in parts for e in g.evidence]
    unique = [e for n, e in enumerate(evidence) if e not in evidence[:n]]
    notes = [g.note for g in parts if g.note]
    joined = " / ".join(dict.fromkeys(notes)) or None
    if isinstance(chosen, FactorAnswer):
        return chosen.model_copy(update={"evidence": unique, "note": joined})
    crit = [g for g in counted if isinstance(g, CriterionAnswer)]
    says = " / ".join(dict.fromkeys(g.cyp_say for g in crit if g.cyp_say)) or None
    return chosen.model_copy(update={
        "evidence": unique, "note": joined, "cyp_say": says,
        "validated": chosen.validated if all(g.validated for g in crit) else None})


def _final_ids(item_id: str, later: Sequence[Release]) -> list[str]:
    """Where `item_id` ends up after the releases still to come."""
    ids = [item_id]
    for release in later:
        ids = [t for i in ids for t in _targets(release, i)]
    return ids


def _current_homes(rubric: Rubric, release: Release, later: Sequence[Release],
                   ) -> tuple[dict[str, str], dict[str, AnswerSet]]:
    """Section and answer set of each id a release makes, as the current version has them.

    For the last release these are the current items. A release before it has no rubric of
    its own here, so an id takes the section and answer set of the current item it ends up as
    (the first, if it is split again).
    """
    sets = rubric.answer_set_by_id()
    section_of: dict[str, str] = {c.id: "criteria" for c in rubric.criteria}
    set_of: dict[str, AnswerSet] = {c.id: sets[c.answer_set] for c in rubric.criteria}
    for section in ("success_factors", "readiness"):
        for f in getattr(rubric, section):
            section_of[f.id] = section
            set_of[f.id] = sets[f.answer_set]
    if not later:
        return section_of, set_of
    sections: dict[str, str] = {}
    answer_sets: dict[str, AnswerSet] = {}
    for new_id in {t for old_id in release.items for t in _targets(release, old_id)}:
        found = [i for i in _final_ids(new_id, later) if i in set_of]
        if found:
            sections[new_id] = section_of[found[0]]
            answer_sets[new_id] = set_of[found[0]]
    return sections, answer_sets


def _apply_release(answers: Answers, release: Release, rubric: Rubric,
                   later: Sequence[Release], note: MigrationNote) -> Answers:
    """Carry answers through one release; `later` are the releases still to come."""
    current_section, current_set = _current_homes(rubric, release, later)
    landed: dict[str, list[tuple[str, Given]]] = {}
    renamed: list[str] = []
    for section in SECTIONS:
        for old_id, given in getattr(answers, section).items():
            targets = _targets(release, old_id)
            if not targets:
                note.removed.append(old_id)
                if isinstance(given, CriterionAnswer) and given.not_applicable:
                    note.removed_reasons[old_id] = given.not_applicable
            elif len(targets) > 1:
                note.split += 1
            elif targets[0] != old_id:
                renamed.append(targets[0])
            for new_id in targets:
                landed.setdefault(new_id, []).append((section, given))
    note.renamed += sum(1 for new_id in renamed if len(landed[new_id]) == 1)
    out: dict[str, dict[str, Given]] = {s: {} for s in SECTIONS}
    for new_id, arrivals in landed.items():
        section = current_section.get(new_id, arrivals[0][0])
        answer_set = current_set.get(new_id)
        carried = [_as_section(g, section) for _, g in arrivals]
        carried = [g.model_copy(update={"answer": _map_option(release, answer_set, g.answer)})
                   for g in carried]
        if len(carried) > 1:
            note.merged += 1
            out[section][new_id] = _merge(carried, answer_set)
        else:
            out[section][new_id] = carried[0]
    target = answers.target
    if target is not None:
        target = Target(rung=release.rungs.get(target.rung, target.rung), reason=target.reason)
    types = {release.activities.get(k, k): v.model_copy(update={
        "target": release.rungs.get(v.target, v.target) if v.target else None})
        for k, v in answers.types.items()}
    return answers.model_copy(update={
        "rubric": RubricRef(id=release.rubric or rubric.id, version=release.version),
        "target": target, "types": types,
        "criteria": out["criteria"], "success_factors": out["success_factors"],
        "readiness": out["readiness"]})


def _drop_refused_not_applicable(answers: Answers, rubric: Rubric,
                                 note: MigrationNote) -> Answers:
    allowed = {c.id: c.not_applicable_allowed for c in rubric.criteria}
    criteria = dict(answers.criteria)
    for cid, given in answers.criteria.items():
        if given.not_applicable is not None and not allowed.get(cid, True):
            note.not_applicable_dropped.append(cid)
            criteria[cid] = given.model_copy(update={"not_applicable": None})
    return answers.model_copy(update={"criteria": criteria})


def _scope_from_not_applicable(answers: Answers, rubric: Rubric,
                               note: MigrationNote) -> Answers:
    """Turn a type whose every answer is "not applicable" into an out-of-scope declaration.

    Before scope could be declared per type, a service left a type out by marking each of its
    criteria not applicable; the longest of those reasons becomes the type's reason.
    """
    criteria = dict(answers.criteria)
    types = dict(answers.types)
    for activity in rubric.activities:
        if activity.always_in_scope or activity.id in types:
            continue
        ids = [c.id for c in rubric.criteria if c.activity == activity.id]
        given = [answers.criteria[i] for i in ids if i in answers.criteria]
        if not given or any(g.not_applicable is None or g.answer is not None for g in given):
            continue
        # Ids follow "<activity>-<rung>" in shipped rubrics, so a removed criterion's reason
        # (often the full one, with "as above" on the rest) is found by its prefix.
        reasons = [g.not_applicable or "" for g in given]
        reasons += [r for old, r in note.removed_reasons.items()
                    if old.startswith(f"{activity.id}-")]
        reason = max(reasons, key=len)
        types[activity.id] = TypeAnswer(out_of_scope=reason)
        for i in ids:
            criteria.pop(i, None)
        note.scoped_out.append(activity.id)
    return answers.model_copy(update={"criteria": criteria, "types": types})


def _check_old_ids(answers: Answers, rubric: Rubric, releases: Sequence[Release],
                   doc: YamlDocument) -> list[Diagnostic]:
    """Find ids the old file uses that neither the history nor the current rubric knows."""
    known = {c.id for c in rubric.criteria}
    known |= {f.id for f in [*rubric.success_factors, *rubric.readiness]}
    listed = set().union(*(r.items for r in releases)) if releases else set()
    out: list[Diagnostic] = []
    for section in SECTIONS:
        for item_id in getattr(answers, section):
            if item_id not in listed and item_id not in known:
                line, column = position(doc.root, (section, item_id), want_key=True)
                out.append(Diagnostic(
                    doc.path, line, column, Severity.ERROR, "unknown-old-item",
                    _("'{id}' is not an item of '{rubric}' {version}'s successor, and the "
                      "rubric's history does not say where it went; remove it or fix the "
                      "id").format(id=item_id, rubric=rubric.id,
                                   version=answers.rubric.version)))
    return out


def migrate_answers(answers: Answers, rubric: Rubric,
                    doc: YamlDocument) -> tuple[Answers | None, MigrationNote | None,
                                                list[Diagnostic]]:
    """Carry answers for an earlier version of `rubric` to its current version.

    Returns (answers, note, []) after a migration, (answers, None, []) when nothing needed to
    change, and (None, None, diagnostics) when the answers cannot be carried: another rubric,
    or a version the history has no way from. `doc` positions the diagnostics.
    """
    def problem(loc: tuple[str, ...], code: str, message: str) -> list[Diagnostic]:
        line, column = position(doc.root, loc)
        return [Diagnostic(doc.path, line, column, Severity.ERROR, code, message)]

    given_id = answers.rubric.id
    if given_id != rubric.id and given_id not in ancestors(rubric):
        return None, None, problem(
            ("rubric", "id"), "wrong-rubric",
            _("these answers are for the rubric '{given}', not '{rubric}'; migrate them with "
              "--rubric {given} (or its file)").format(given=given_id, rubric=rubric.id))
    releases = release_path(rubric, answers.rubric.version, given_id)
    if releases is None:
        known = sorted({v for r in rubric.history
                        for i, v in (rubric.replaced_version(r), rubric.release_version(r))
                        if i == given_id} | ({rubric.version} if given_id == rubric.id else set()))
        return None, None, problem(
            ("rubric", "version"), "no-migration-path",
            _("the rubric '{rubric}' {version} has no record of how to carry answers from "
              "'{given}' {given_version} (versions of '{given}' it knows: {known}); answer "
              "again with coprod assess, or fix the version").format(
                  rubric=rubric.id, version=rubric.version, given=given_id,
                  given_version=answers.rubric.version, known=", ".join(known) or _("none")))
    if not releases:
        return answers, None, []
    unknown = _check_old_ids(answers, rubric, releases, doc)
    if unknown:
        return None, None, unknown
    note = MigrationNote(answers.rubric.version, rubric.version, from_rubric=given_id,
                         to_rubric=rubric.id)
    for n, release in enumerate(releases):
        answers = _apply_release(answers, release, rubric, releases[n + 1:], note)
    answers = _drop_refused_not_applicable(answers, rubric, note)
    answers = _scope_from_not_applicable(answers, rubric, note)
    return answers, note, []


def migration_warning(note: MigrationNote, rubric_id: str, doc: YamlDocument) -> Diagnostic:
    """Return the one warning a file read through the history gets."""
    line, column = position(doc.root, ("rubric", "version"))
    if note.from_rubric and note.from_rubric != rubric_id:
        return Diagnostic(
            doc.path, line, column, Severity.WARNING, "migrated",
            _("these answers were written for '{given}' {given_version} and were read as "
              "'{rubric}' {version}, which was copied from it; {moved}. Update the file with: "
              "coprod migrate {path} --in-place --rubric FILE (the file of '{rubric}')").format(
                  given=note.from_rubric, given_version=note.from_version, rubric=rubric_id,
                  version=note.to_version, moved=note.describe(), path=doc.path))
    return Diagnostic(
        doc.path, line, column, Severity.WARNING, "migrated",
        _("these answers were written for '{rubric}' {given_version} and were read as "
          "{version}; {moved}. Update the file with: coprod migrate {path} --in-place").format(
              rubric=rubric_id, given_version=note.from_version, version=note.to_version,
              moved=note.describe(), path=doc.path))



def read_through_history(answers: Answers, rubric: Rubric,
                         doc: YamlDocument) -> tuple[Answers | None, list[Diagnostic]]:
    """Return the answers as the current rubric version reads them, with at most one warning.

    Answers for the current version, for another rubric, or for a version of this rubric the
    history does not know come back unchanged (the usual answers checks report those);
    answers that cannot be carried, and answers for a version of the rubric this one was
    copied from that the history does not know, come back as None with the reasons.
    """
    if not needs_migration(answers, rubric):
        if answers.rubric.id != rubric.id and answers.rubric.id in ancestors(rubric):
            # A version of the rubric this one was copied from that its history does not
            # know: say so (no-migration-path), not that the rubric is the wrong one.
            return None, migrate_answers(answers, rubric, doc)[2]
        return answers, []
    migrated, note, problems = migrate_answers(answers, rubric, doc)
    if migrated is None or note is None:
        return None, problems
    return migrated, [migration_warning(note, rubric.id, doc)]


def migrate_text(raw: bytes, path: str, rubric_for: Callable[[str], Rubric],
                 ) -> tuple[str | None, MigrationNote | None, list[Diagnostic]]:
    """Return the text of an answers file rewritten for the current rubric version.

    `rubric_for` gives the rubric an answers file names (it may raise CoprodError). Returns
    (text, note, warnings) after a migration, (None, None, []) when the file is already
    current, and (None, None, errors) when it cannot be migrated.
    """

    doc = parse_document(raw, path)
    answers, diagnostics = validate_model(doc, Answers, "answers")
    if answers is None:
        return None, None, sorted(diagnostics)
    try:
        rubric = rubric_for(answers.rubric.id)
    except CoprodError as exc:
        line, column = position(doc.root, ("rubric", "id"))
        return None, None, [Diagnostic(path, line, column, Severity.ERROR, "unknown-rubric",
                                       _("{problem}; pass --rubric ID|FILE").format(
                                           problem=exc.message))]
    migrated, note, problems = migrate_answers(answers, rubric, doc)
    if migrated is None or note is None:
        if not problems and answers.rubric.version == rubric.version:
            return None, None, sorted(diagnostics)
        return None, None, sorted([*diagnostics, *problems])
    return dump_answers(migrated, rubric=rubric, path=path), note, sorted(diagnostics)
