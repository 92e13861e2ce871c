"""The voice files a run found under the paths it was given, held compactly, each with the
service it names.

At 45,000 services a run finds about 34,000 voice files. Each worker process used to list
their folders again, read the head of every one and keep what each said as objects: 20 MB a
worker, and every head read once in each worker and once more in the command's own process
to find the files no service claimed. `FoundVoices` reads each head once, in the command's
process before any worker starts (each worker inherits it), and keeps the paths as names by
folder and the services as one sorted string: about 100 bytes a file. It reads file heads,
never whole files, and never prints.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprod_ladder.voice.find import Peeked

#: Joins names and service ids: no file name and no service id holds it.
_JOIN = "\0"


def among(ordered: Sequence[str], value: str) -> bool:
    """True when `value` is in the sorted `ordered` (sorted and searched, not a set: at 45,000
    services a set of their ids was 2.5 MB of a run's peak)."""
    at = bisect_left(ordered, value)
    return at < len(ordered) and ordered[at] == value


class PathsInFolders:
    """Paths in their order, held as the names in each run of one folder: at 34,000 voice
    files, whole paths were 4.4 MB of a run's peak, their names alone 1.5 MB. Iterating (or
    indexing) makes each path again, exactly as it was given."""

    def __init__(self, paths: Iterable[str]) -> None:
        folders: list[str] = []
        # The position of each run's first path, then the count of paths.
        run_starts = array("I")
        names: list[str] = []
        for path in paths:
            name = path.rpartition("/")[2]
            folder = path[:len(path) - len(name)]  # with its separator
            if not folders or folders[-1] != folder:
                folders.append(sys.intern(folder))
                run_starts.append(len(names))
            names.append(name)
        run_starts.append(len(names))
        name_starts = array("I", [0])
        for name in names:
            name_starts.append(name_starts[-1] + len(name) + 1)
        self._folders = tuple(folders)
        self._run_starts = run_starts
        self._names = _JOIN.join(names)
        self._name_starts = name_starts

    def __len__(self) -> int:
        return len(self._name_starts) - 1

    def __getitem__(self, at: int) -> str:
        if not 0 <= at < len(self):
            raise IndexError(at)
        run = bisect_right(self._run_starts, at) - 1
        return self._folders[run] + self._name(at)

    def __iter__(self) -> Iterator[str]:
        for run, folder in enumerate(self._folders):
            for at in range(self._run_starts[run], self._run_starts[run + 1]):
                yield folder + self._name(at)

    def __bool__(self) -> bool:
        return len(self) > 0

    def _name(self, at: int) -> str:
        return self._names[self._name_starts[at]:self._name_starts[at + 1] - 1]


class FoundVoices:
    """The voice files a run found, in its order, and the service each names (from its head,
    read once here: see the module)."""

    def __init__(self, files: Iterable[str], peek: Callable[[str], Peeked]) -> None:
        self.paths = PathsInFolders(files)
        services: list[str] = []
        positions, lines, self._unnamed = array("I"), array("I"), array("I")
        for at, path in enumerate(self.paths):
            said = peek(path)
            if said.service is None:
                self._unnamed.append(at)
            else:
                services.append(said.service)
                positions.append(at)
                lines.append(said.service_line)
        # Sorted by service, and within one service in the order found (the sort is stable).
        order = sorted(range(len(services)), key=services.__getitem__)
        starts = array("I", [0])
        for k in order:
            starts.append(starts[-1] + len(services[k]) + 1)
        self._ids = _JOIN.join(services[k] for k in order)
        self._id_starts = starts
        self._positions = array("I", (positions[k] for k in order))
        self._lines = array("I", (lines[k] for k in order))

    def claims(self, service_id: str) -> tuple[str, ...]:
        """The voice files found that name `service_id`, in the order found."""
        count = len(self._positions)
        k = bisect_left(range(count), service_id, key=self._id)
        claimed: list[str] = []
        while k < count and self._id(k) == service_id:
            claimed.append(self.paths[self._positions[k]])
            k += 1
        return tuple(claimed)

    def unclaimed(self, scored: Sequence[str]) -> list[tuple[str, str | None, int]]:
        """Each voice file found that names no service in `scored` (sorted), or none, in the
        order found: its path, the service it names (None when it names none) and the line
        that names it."""
        left: list[tuple[int, str | None, int]] = []
        for k in range(len(self._positions)):
            service = self._id(k)
            if not among(scored, service):
                left.append((self._positions[k], service, self._lines[k]))
        left.extend((at, None, 1) for at in self._unnamed)
        left.sort(key=lambda found: found[0])
        return [(self.paths[at], service, line) for at, service, line in left]

    def _id(self, k: int) -> str:
        return self._ids[self._id_starts[k]:self._id_starts[k + 1] - 1]
