"""Which answers files are one service answered by several staff, told from their first bytes.

Owns finding the teams among the answers files a command is given, before any is scored, so
that `score` and `portfolio` give each team one job (one worker reads its files together)
and report a team that mixes rubric versions before scoring anything. It reads only each
file's head (`collect.HEAD_BYTES`): the top-level `rubric`, `service`, `assessed_by` and
`assessed_on` blocks, parsed on their own. A file whose head does not hold all four whole
(no `assessed_by`, or keys further down) is never a team member: it is scored on its own, as
before. The worker checks the grouping again with the files read in full (`batch`). It must
not print or exit: the commands report what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from coprod_ladder.answers.team import AnswersFile, TeamMismatch, group_staff_files
from coprod_ladder.collect import read_head
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _

_HEADER_KEYS = (b"rubric", b"service", b"assessed_by", b"assessed_on")
_TOP_LEVEL = re.compile(rb"^([A-Za-z_][A-Za-z0-9_]*):", re.MULTILINE)
_HAS_ASSESSED_BY = re.compile(rb"^assessed_by:", re.MULTILINE)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def header_of(head: bytes, path: str) -> AnswersFile | None:
    """The grouping header of an answers file from its first bytes, or None (see the module)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _HAS_ASSESSED_BY.search(head) is None:
        return None  # the common case, without a YAML parse
    starts = [(m.group(1), m.start()) for m in _TOP_LEVEL.finditer(head)]
    blocks: list[bytes] = []
    for index, (key, start) in enumerate(starts):
        if key not in _HEADER_KEYS:
            continue
        if index + 1 == len(starts):
            return None  # the block may go on past the head
        blocks.append(head[start:starts[index + 1][1]])
    try:
        data = yaml.load(b"".join(blocks), Loader=_LOADER)
    except (yaml.YAMLError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    rubric, service, by, on = (data.get(k.decode()) for k in _HEADER_KEYS)
    if not (isinstance(rubric, dict) and isinstance(service, dict)
            and isinstance(service.get("id"), str) and isinstance(by, str) and by.strip()):
        return None
    return AnswersFile(path, service["id"], None if on is None else str(on), by,
                       f"{rubric.get('id')}@{rubric.get('version')}")


@dataclass(frozen=True)
class Teams:
    """The files a command reads, as groups to score together, in the order of the files.

    A group of one is a file scored on its own; a longer group is one service answered by
    several staff. `mismatches` are teams whose files answer different rubric versions:
    their files are in no group, and the command reports them (exit 3)."""

    groups: tuple[tuple[str, ...], ...]
    mismatches: tuple[TeamMismatch, ...]


# A first, rough look at the service id and date, for the block style coprod writes (two
# spaces of indent): only files that share them with another file are parsed, so a folder
# with no team parses no header at all. A file this cannot read is parsed; one it misreads
# only costs a parse. Plain bytes.find: a regular expression over every head cost more than
# the rest of the grouping together.
def _top_level(head: bytes, key: bytes) -> int:
    """Where the top-level `key` starts in the head (-1 when it is not there)."""
    if head.startswith(key):
        return 0
    found = head.find(b"\n" + key)
    return found + 1 if found >= 0 else -1


def _value_after(head: bytes, at: int) -> bytes | None:
    """The plain value on the line from `at` (the key's colon and beyond), or None."""
    end = head.find(b"\n", at)
    if end < 0:
        return None
    value = head[head.index(b":", at) + 1:end].split(b"#", 1)[0].strip().strip(b"'\"")
    return value or None


def _rough_key(head: bytes) -> tuple[bytes, bytes] | None:
    at_service, at_date = _top_level(head, b"service:"), _top_level(head, b"assessed_on:")
    if at_service < 0 or at_date < 0:
        return None
    at_id = head.find(b"\n  id:", at_service)
    service = _value_after(head, at_id + 1) if at_id >= 0 else None
    date = _value_after(head, at_date)
    return None if service is None or date is None else (service, date)


def _headers(files: Sequence[str]) -> list[AnswersFile]:
    """The headers of the files that may be in a team: those with `assessed_by` in their head
    whose rough service id and date another file shares (or that the rough look cannot read)."""
    # Only the paths are kept while looking: nearly every key is one file's own, and holding
    # every head until the end was the peak of a whole portfolio run (46 MB at 10,000
    # files). The few heads of possible teams are read again. Each key is kept as its hash,
    # and a file alone under its key as its path, no list: the keys and lists were 13 MB at
    # 45,000 files. Two keys with one hash only cost the parse of their files' headers.
    # Files the rough look cannot read go under None, always as a list: each is parsed.
    rough: dict[int | None, str | list[str]] = {}
    for path in files:
        head = read_head(path)
        if head is None or _top_level(head, b"assessed_by:") < 0:
            continue
        key = _rough_key(head)
        at = None if key is None else hash(key)
        found = rough.get(at)
        if found is None:
            rough[at] = [path] if at is None else path
        elif isinstance(found, list):
            found.append(path)
        else:
            rough[at] = [found, path]
    return [h for found in rough.values() if isinstance(found, list) for path in found
            if (head := read_head(path)) is not None and (h := header_of(head, path)) is not None]


def find_teams(files: Sequence[str]) -> Teams:
    """Group `files` into teams by their heads (see the module), keeping the files' order:
    a team stands where its first file does."""
    headers = _headers(files)
    grouped, mismatches = group_staff_files(headers)
    team_of: dict[str, tuple[str, ...]] = {}
    for group in grouped:
        if len(group) > 1:
            paths = tuple(sorted(f.path for f in group))
            team_of.update((p, paths) for p in paths)
    left_out = {f.path for m in mismatches for f in m.files}
    ordered: list[tuple[str, ...]] = []
    placed: set[tuple[str, ...]] = set()  # teams only: each other file comes once
    for path in files:
        if path in left_out:
            continue
        team = team_of.get(path)
        if team is None:
            ordered.append((path,))
        elif team not in placed:
            placed.add(team)
            ordered.append(team)
    return Teams(tuple(ordered), mismatches)


def mismatch_problems(mismatch: TeamMismatch) -> tuple[Diagnostic, ...]:
    """One error per file of a team that mixes rubric versions, each naming both versions'
    files and the fix; none of the team is scored, so none is dropped silently."""
    first, second = mismatch.first, mismatch.second
    found: list[Diagnostic] = []
    for file in mismatch.files or (first, second):
        other = second if file.rubric == first.rubric else first
        found.append(Diagnostic(file.path, 1, 1, Severity.ERROR, "team-rubric-mismatch", _(
            "answers the service '{service}' for {date} against the rubric {rubric}, but "
            "{other} (another staff member's answers for the same service and date) answers "
            "{other_rubric}; answer every staff file of one service and date against the same "
            "rubric version: carry the older files over with `coprod migrate FILE --in-place`"
        ).format(service=file.service_id, date=file.assessed_on or "", rubric=file.rubric,
                 other=other.path, other_rubric=other.rubric)))
    return tuple(found)
