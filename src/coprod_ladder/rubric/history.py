"""Checks of a rubric's history: versions that chain, ids that exist, no loops, nothing lost.

This module owns what `rubric check` says about `history` (codes `history-version`,
`history-unknown-id`, `history-cycle` and `history-incomplete`, listed with the others in
`rubric.checks.CODES`). A version is a rubric id and a number, so a council's copy of another
rubric is checked with the releases it kept from that rubric. Pure: no I/O, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

from coprod_ladder.answers.migrate import ancestors, release_path
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.language import N_, _
from coprod_ladder.model import Rubric
from coprod_ladder.yaml_positions import position

if TYPE_CHECKING:
    from coprod_ladder.rubric.checks import Findings


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("-")[0].split("+")[0].split("."))


def check_history(rubric: Rubric, found: Findings) -> None:
    """Check the release records: versions chain up to this one, ids exist, no cycles."""
    if not rubric.history:
        return
    items = {c.id for c in rubric.criteria}
    items |= {f.id for f in [*rubric.success_factors, *rubric.readiness]}
    rungs = {r.id for r in rubric.rungs}
    activities = {a.id for a in rubric.activities}
    sets = rubric.answer_set_by_id()
    replaced: dict[tuple[str, str], int] = {}
    _check_newest(rubric, found)
    later_old_ids: set[str] = set()
    for i in _newest_first(rubric):
        release = rubric.history[i]
        made, before = rubric.release_version(release), rubric.replaced_version(release)
        if made[0] == before[0] and _version_key(made[1]) <= _version_key(before[1]):
            found.add(("history", i, "replaces"), "history-version",
                      _("release {version} says it replaces {replaces}; a release replaces an "
                        "earlier version").format(version=release.version,
                                                  replaces=release.replaces))
        if before in replaced:
            found.add(("history", i, "replaces"), "history-version",
                      _("two releases replace {version} (see line {line}); each version is "
                        "replaced once").format(
                            version=_named(rubric, before),
                            line=position(found.doc.root, ("history", replaced[before]))[0]))
        replaced.setdefault(before, i)
        # Targets of the newest release are this rubric's ids; an older release may also name
        # ids that a newer release renames in turn.
        known_items = items | later_old_ids
        for old, moved in release.items.items():
            targets = [] if moved is None else [moved] if isinstance(moved, str) else moved
            for t, target in enumerate(targets):
                if target not in known_items:
                    loc = ("history", i, "items", old) + ((t,) if isinstance(moved, list) else ())
                    found.add(loc, "history-unknown-id",
                              _("'{old}' is mapped to '{new}', which is not a criterion, "
                                "success factor or readiness step of version {version}").format(
                                    old=old, new=target, version=release.version))
        _check_map_targets(found, i, "rungs", release.rungs, rungs | later_old_ids,
                           N_("'{old}' is mapped to '{new}', which is not a a rung of this "
                              "rubric"))
        _check_map_targets(found, i, "activities", release.activities, activities,
                           N_("'{old}' is mapped to '{new}', which is not a an activity of "
                              "this rubric"))
        for set_id, options in release.answer_options.items():
            if set_id not in sets:
                found.add(("history", i, "answer_options", set_id), "history-unknown-id",
                          _("'{set}' is not an answer set of this rubric (answer sets: "
                            "{sets})").format(set=set_id, sets=", ".join(sorted(sets))),
                          key=True)
                continue
            valid = {o.id for o in sets[set_id].options}
            _check_map_targets(found, i, ("answer_options", set_id), options, valid,
                               N_("'{old}' is mapped to '{new}', which is not a an answer in "
                                  "the set '{set}' of this rubric"), set_id)
        for section in ("items", "rungs", "activities"):
            _check_cycles(found, i, section, getattr(release, section))
        for options_set, options in release.answer_options.items():
            _check_cycles(found, i, ("answer_options", options_set), options)
        later_old_ids |= set(release.items) | set(release.rungs)
    _check_version_loop(rubric, found)


def _named(rubric: Rubric, version: tuple[str, str]) -> str:
    """Return "1.0.0" for a version of this rubric, "default 2.0.0" for another's."""
    return version[1] if version[0] == rubric.id else f"'{version[0]}' {version[1]}"


def _check_newest(rubric: Rubric, found: Findings) -> None:
    """The newest of this rubric's own releases must be its current version."""
    own = [n for n, r in enumerate(rubric.history) if r.rubric in (None, rubric.id)]
    if not own:
        found.add(("history",), "history-version",
                  _("every release in history belongs to another rubric; add this rubric's "
                    "own release of {version} (with replaces_rubric if it was copied)").format(
                        version=rubric.version))
        return
    newest = max(own, key=lambda n: _version_key(rubric.history[n].version))
    if rubric.history[newest].version != rubric.version:
        found.add(("history", newest, "version"), "history-version",
                  _("the newest release in history is {newest}, but the rubric's version is "
                    "{version}; record the current version's changes first").format(
                        newest=rubric.history[newest].version, version=rubric.version))


def _newest_first(rubric: Rubric) -> list[int]:
    """Return the releases' indexes from the current version back along 'replaces', then the
    rest newest first, so a release's targets may be ids a later release renames."""
    made = {rubric.release_version(r): n for n, r in enumerate(rubric.history)}
    chain: list[int] = []
    node = (rubric.id, rubric.version)
    while node in made and made[node] not in chain:
        chain.append(made[node])
        node = rubric.replaced_version(rubric.history[made[node]])
    rest = sorted((n for n in range(len(rubric.history)) if n not in chain),
                  key=lambda n: _version_key(rubric.history[n].version), reverse=True)
    return chain + rest


def _check_map_targets(found: Findings, i: int, section: str | tuple[str, ...],
                       mapping: dict[str, str], valid: set[str], message: str,
                       set_id: str = "") -> None:
    """`message` is the finding's sentence (marked with N_), with {old}, {new} and {set}.

    The English "not a a rung" is a slip the golden findings pin (tests/golden/messages);
    mending it is a change of English for its own commit, not part of the translation."""
    where = (section,) if isinstance(section, str) else section
    for old, new in mapping.items():
        if new not in valid:
            found.add(("history", i, *where, old), "history-unknown-id",
                      _(message).format(old=old, new=new, set=set_id))


def _check_cycles(found: Findings, i: int, section: str | tuple[str, ...],
                  mapping: Mapping[str, object]) -> None:
    """Flag renames that loop (a -> b, b -> a) or chain (a -> b, b -> c) within one release.

    A release maps every old id at once, so a chain is ambiguous (does 'a' end as 'b' or 'c'?)
    and a loop swaps meanings silently; both are refused.
    """
    where = (section,) if isinstance(section, str) else section

    def targets(value: object) -> list[str]:
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(cast("Iterable[str]", value))

    for old, moved in mapping.items():
        for target in targets(moved):
            if target == old or target not in mapping:
                continue
            onward = [t for t in targets(mapping[target]) if t != target]
            if not onward:
                continue
            if old in onward:
                message = _("'{old}' becomes '{new}', but the same release also maps '{new}' to "
                            "'{onward}': a cycle. Map each old id straight to its final id")
            else:
                message = _("'{old}' becomes '{new}', but the same release also maps '{new}' to "
                            "'{onward}': a chain. Map each old id straight to its final id")
            found.add(("history", i, *where, old), "history-cycle",
                      message.format(old=old, new=target, onward=onward[0]))


def _check_version_loop(rubric: Rubric, found: Findings) -> None:
    by_replaces = {rubric.replaced_version(r): n for n, r in enumerate(rubric.history)}
    for start, n in by_replaces.items():
        seen = {start}
        version = rubric.release_version(rubric.history[n])
        while version in by_replaces:
            if version in seen:
                found.add(("history", n, "replaces"), "history-cycle",
                          _("the releases loop back to {version}: following 'replaces' from "
                            "{start} never reaches the current version").format(
                                version=_named(rubric, version), start=_named(rubric, start)))
                return
            seen.add(version)
            version = rubric.release_version(rubric.history[by_replaces[version]])


def check_against(rubric: Rubric, previous: Rubric, found: Findings) -> list[Diagnostic]:
    """Check that the history says where every id of `previous`, an earlier version, went."""
    if previous.id != rubric.id and previous.id not in ancestors(rubric):
        found.add(("id",), "history-incomplete",
                  _("the earlier version given is the rubric '{previous}', not '{rubric}' (nor "
                    "one its history says it was copied from)").format(previous=previous.id,
                                                                       rubric=rubric.id))
        return found.items
    releases = release_path(rubric, previous.version, previous.id)
    if releases is None:
        if previous.id != rubric.id:
            message = _("the history has no way from {earlier} to {version}; add a release with "
                        "'replaces: {replaces}' and 'replaces_rubric: {rubric}' under history")
        else:
            message = _("the history has no way from {earlier} to {version}; add a release with "
                        "'replaces: {replaces}' under history")
        found.add(("version",), "history-incomplete", message.format(
            earlier=_named(rubric, (previous.id, previous.version)), version=rubric.version,
            replaces=previous.version, rubric=previous.id))
        return found.items
    if not releases:
        return found.items
    release = releases[0]
    at = ("history", rubric.history.index(release))
    final = len(releases) == 1
    items = {c.id: c.answer_set for c in rubric.criteria}
    items |= {f.id: f.answer_set for f in [*rubric.success_factors, *rubric.readiness]}
    old_items = {c.id: c.answer_set for c in previous.criteria}
    old_items |= {f.id: f.answer_set for f in [*previous.success_factors, *previous.readiness]}
    groups = (("items", old_items, items), ("rungs", {r.id: "" for r in previous.rungs},
                                             {r.id: "" for r in rubric.rungs}),
              ("activities", {a.id: "" for a in previous.activities},
               {a.id: "" for a in rubric.activities}))
    for section, old, new in groups:
        listed = getattr(release, section)
        for old_id in old:
            if old_id not in listed and (old_id not in new or not final):
                found.add(at, "history-incomplete",
                          # TRANSLATORS: {section} is a YAML key: items, rungs or activities.
                          _("'{id}' ({section} of {earlier}) is neither kept nor listed under "
                            "the {version} release's '{section}'; say where it went (an id, a "
                            "list of ids for a split, or null if removed)").format(
                                id=old_id, section=section, earlier=previous.version,
                                version=release.version))
    # Answers are checked against the current answer sets, through every release to come
    # (an option may be mapped by any of them).
    old_sets = previous.answer_set_by_id()
    new_sets = rubric.answer_set_by_id()
    reported: set[tuple[str, str]] = set()
    for old_id, old_set in old_items.items():
        targets = [old_id]
        for step in releases:
            moves = [step.items.get(i, i) for i in targets]
            targets = [t for m in moves if m is not None
                       for t in ([m] if isinstance(m, str) else m)]
        for target in targets:
            new_set = items.get(target)
            if new_set is None or old_set not in old_sets or new_set not in new_sets:
                continue
            valid = {o.id for o in new_sets[new_set].options}
            mapped = {k for step in releases for k in step.answer_options.get(new_set, {})}
            for option in old_sets[old_set].options:
                key = (new_set, option.id)
                if option.id not in valid and option.id not in mapped and key not in reported:
                    reported.add(key)
                    found.add(at, "history-incomplete",
                              _("the answer '{id}' ({earlier}) has no match in the answer set "
                                "'{set}'; map it under answer_options: {set}").format(
                                    id=option.id, earlier=previous.version, set=new_set))
    return found.items
