"""Find the YAML files a command was pointed at: one set of rules for every command.

This module owns turning command-line paths into a list of files to read, for `score`,
`portfolio` and `rubric check` alike:

- a folder is searched recursively for `*.yaml` and `*.yml` files (any letter case);
- below a folder, hidden files and folders (names starting with '.', such as `.github/` or
  `.pre-commit-config.yaml`) are skipped; a hidden file named on the command line is read;
- symlinks are followed (a link that loops back is walked once), and each file is listed once
  however many paths lead to it;
- files come back sorted by path, folder by folder in the order given, as plain strings
  (at 30,000 files, Path objects and the stat results of a walk cost tens of megabytes);
- a missing path, a link leading nowhere, and anything that is not a regular file (a named
  pipe, a device, a socket) is a problem with code `unreadable`; the walk opens no file.

`file_kinds` then sorts the files found by what they are (answers, voice, rubric, other) from
the top-level `format:` line in each file's first few KB, never by parsing it (a file named
`*.voice.yaml` or `*.voice.yml` is a voice file by its name alone), so a folder may
hold several kinds and each command takes the kind it reads. A file it cannot tell (no
`format:` line, one it does not know, or a file it cannot open) counts as answers, unless it is
plainly a rubric, so reading it says what is wrong, as before kinds were known.

It never prints or exits; the CLI turns problems into exit code 3.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import N_, _

YAML_SUFFIXES = (".yaml", ".yml")
#: A file with one of these names is a voice file, whatever its first lines say.
VOICE_SUFFIXES = (".voice.yaml", ".voice.yml")
UNREADABLE = "unreadable"


@dataclass
class Collected:
    """The files found, and the paths that could not be used (each one exit 3)."""

    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    """Those of `files` named on the command line, not found in a folder searched."""


def is_yaml_name(name: str) -> bool:
    """Return True for a name ending in .yaml or .yml, in any letter case."""
    return name.lower().endswith(YAML_SUFFIXES)


def describe_kind(mode: int) -> str | None:
    """Name what a non-regular file is, or None for a regular file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


#: The sentence for each kind `describe_kind` names (whole sentences: "a" and "an" differ).
_NOT_A_FILE = {
    "a named pipe (FIFO)": N_("this is a named pipe (FIFO), not a regular file; give the path "
                              "of a YAML file"),
    "a device": N_("this is a device, not a regular file; give the path of a YAML file"),
    "a socket": N_("this is a socket, not a regular file; give the path of a YAML file"),
    "not a regular file": N_("this is not a regular file, not a regular file; give the path of "
                             "a YAML file"),
}


def not_a_file(path: str, kind: str) -> Diagnostic:
    """Return the problem for a path that is a pipe, device or socket instead of a file."""
    return Diagnostic(path, 1, 1, Severity.ERROR, UNREADABLE, _(_NOT_A_FILE[kind]))


def _missing(path: Path) -> Diagnostic:
    message = (_("the link leads to nothing (its target was moved or deleted)")
               if path.is_symlink() else _("no such file or folder"))
    return Diagnostic(str(path), 1, 1, Severity.ERROR, UNREADABLE, message)


def collect_yaml_files(paths: Iterable[Path]) -> Collected:
    """Expand the paths given into the YAML files to read, by the rules in the module docstring."""
    found = Collected()
    seen: set[int] = set()

    def add(path: str, key: int) -> bool:
        """List the file unless it already is; True when it was listed now."""
        if key in seen:
            return False
        seen.add(key)
        found.files.append(path)
        return True

    for path in paths:
        try:
            info = path.stat()  # follows symlinks; never opens the file
        except OSError:
            found.problems.append(_missing(path))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, found, add)
            continue
        kind = describe_kind(info.st_mode)
        if kind is not None:
            found.problems.append(not_a_file(str(path), kind))
        elif add(str(path), _file_key(info)):
            found.given.append(str(path))
    return found


def _file_key(info: os.stat_result) -> int:
    """One number per file: its device and inode, as one int. A set of these is how each file
    is listed once; at 80,000 files, (device, inode) tuples were 5 MB more."""
    return (info.st_dev << 64) | info.st_ino


def _walk(folder: Path, found: Collected, add: Callable[[str, int], bool]) -> None:
    """Add the YAML files below `folder` in path order, skipping hidden names and link loops.

    Each folder's entries are read sorted by name and a subfolder is walked where its name
    falls, so files come out in the order Paths sort ('a/x.yaml' before 'a-b/x.yaml') with
    nothing held but the names found: no list of every file to sort at the end.
    """
    visited: set[int] = set()
    stack = [_entries(str(folder), visited)]
    # Each path as Path spells it ('a.yaml', not './a.yaml'): the folder is, so only a walk
    # from '.' needs its './' taken off. A Path for each file interned every name found.
    strip = 2 if str(folder) == "." else 0
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_folder = entry.is_dir()  # follows symlinks
        except OSError:
            is_folder = False
        if is_folder:
            stack.append(_entries(entry.path, visited))
            continue
        if not is_yaml_name(entry.name):
            continue
        path = entry.path[strip:]
        try:
            info = entry.stat()  # follows symlinks; never opens the file
        except OSError:
            found.problems.append(_missing(Path(path)))
            continue
        kind = describe_kind(info.st_mode)
        if kind is not None:
            found.problems.append(not_a_file(path, kind))
        else:
            add(path, _file_key(info))


def _entries(folder: str, visited: set[int]) -> Iterator[os.DirEntry[str]]:
    """The entries of a folder not seen before, sorted by name, hidden names left out.

    A folder reached again through a link (a loop back up the tree) gives nothing, and so
    does one that cannot be listed, as `os.walk` would skip it.
    """
    try:
        info = os.stat(folder)
        if _file_key(info) in visited:
            return iter(())
        visited.add(_file_key(info))
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")),
                             key=lambda e: e.name, reverse=True)
    except OSError:
        return iter(())
    return _taken(entries)


def _taken(entries: list[os.DirEntry[str]]) -> Iterator[os.DirEntry[str]]:
    """The entries from the last to the first, each let go of as it is given: an entry keeps
    the stat read through it, and a folder of 13,000 files held them all (10 MB) to its end."""
    while entries:
        yield entries.pop()


class FileKind(StrEnum):
    """What a YAML file holds, as its `format:` line says."""

    ANSWERS = "answers"
    VOICE = "voice"
    RUBRIC = "rubric"
    OTHER = "other"


#: Every format coprod knows and the kind of file it makes: the one list an input kind is
#: added to. The rest are formats coprod writes (JSON, which YAML can read), not inputs.
FORMATS: dict[str, FileKind] = {
    "coprod-answers/1": FileKind.ANSWERS,
    "coprod-voice/1": FileKind.VOICE,
    "coprod-rubric/1": FileKind.RUBRIC,
    "coprod-report/2": FileKind.OTHER,  # before ids under every label (issue 27)
    "coprod-report/3": FileKind.OTHER,
    "coprod-scores/1": FileKind.OTHER,
    "coprod-portfolio/1": FileKind.OTHER,
    "coprod-portfolio/2": FileKind.OTHER,
    "coprod-checked-rubrics/1": FileKind.OTHER,
    "coprod-rubric-translation/1": FileKind.OTHER,  # checked by `rubric check` with its rubric
}

# The `format:` line is near the top of every file coprod writes or ships (after a comment
# header of a few hundred bytes); 4 KB is one page, so reading it costs one small read.
HEAD_BYTES = 4096
_FORMAT_LINE = re.compile(rb"""^format:[ \t]*["']?([A-Za-z0-9._/-]+)""", re.MULTILINE)
_TOP_LEVEL_KEY = re.compile(rb"^([a-z_]+):", re.MULTILINE)
# Top-level keys only a rubric has, and keys only an answers file has (see `model`): a file
# with no known `format:` line is plainly a rubric when its head has one of the first and none
# of the second.
_RUBRIC_KEYS = frozenset({b"licence", b"attribution", b"answer_sets", b"rungs", b"activities",
                          b"statutory_floors", b"plain_language", b"history"})
_ANSWERS_KEYS = frozenset({b"rubric", b"service", b"assessed_by", b"assessed_on", b"main_work",
                           b"target"})


@dataclass
class FileKinds:
    """The files found, sorted by kind, each list in the order `collect_yaml_files` gave."""

    files: dict[FileKind, list[str]] = field(
        default_factory=lambda: {kind: [] for kind in FileKind})

    def of(self, kind: FileKind) -> list[str]:
        return self.files[kind]

    def besides(self, kind: FileKind) -> dict[FileKind, list[str]]:
        """The files of every other kind that were found, by kind."""
        return {k: found for k, found in self.files.items() if k is not kind and found}


def kind_of_head(head: bytes) -> FileKind:
    """Tell a file's kind from its first bytes, by the rules in the module docstring."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    line = _FORMAT_LINE.search(head)
    if line is not None and (kind := FORMATS.get(line.group(1).decode("ascii"))) is not None:
        return kind
    keys = set(_TOP_LEVEL_KEY.findall(head))
    if keys & _RUBRIC_KEYS and not keys & _ANSWERS_KEYS:
        return FileKind.RUBRIC
    return FileKind.ANSWERS


def read_head(path: str, size: int = HEAD_BYTES) -> bytes | None:
    """Return a file's first `size` bytes, or None when it cannot be read at once.

    Non-blocking, so a file replaced by a named pipe since the walk cannot hang here; a file
    that is not a regular file gives None (reading it properly later says why).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def kind_of_file(path: str) -> FileKind:
    """Tell a file's kind: a voice file by its name (see VOICE_SUFFIXES), any other from its
    first HEAD_BYTES; a file that cannot be read is answers."""
    if path.endswith(VOICE_SUFFIXES):
        return FileKind.VOICE
    head = read_head(path)
    return FileKind.ANSWERS if head is None else kind_of_head(head)


def file_kinds(files: Iterable[str]) -> FileKinds:
    """Sort files by kind (see `kind_of_file`), keeping their order within each kind."""
    kinds = FileKinds()
    for path in files:
        kinds.files[kind_of_file(path)].append(path)
    return kinds
