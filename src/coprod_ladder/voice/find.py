"""Which voice files belong to a service, and which belong to none that was scored.

A voice file is a YAML file named `*.voice.yaml` (or `.yml`), or any YAML file whose
`format:` is `coprod-voice/1`. A service's voice files are those naming its id, beside its
answers file or in the folder given with `--voice`. This module tells voice files from
answers files by their first few kilobytes (so scoring a folder never reads a voice file as
answers), and names the voice files no scored service claimed, so none is dropped silently.
It reads files, never prints, and never parses a whole file (`voice.read` does that).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from coprod_ladder.collect import (
    VOICE_SUFFIXES,
    FileKind,
    collect_yaml_files,
    is_yaml_name,
    kind_of_head,
    read_head,
)
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _
from coprod_ladder.voice.found import FoundVoices, PathsInFolders, among

__all__ = ["VOICE_SUFFIXES", "FoundVoices", "PathsInFolders", "Peeked", "VoiceIndex",
           "is_voice_file", "peek", "unclaimed_voice_files"]
_SERVICE = re.compile(rb"^service:[ \t]*['\"]?([a-z0-9][a-z0-9_.-]*)", re.M)


@dataclass(frozen=True)
class Peeked:
    """What the head of a file says: whether it is a voice file, and for which service."""

    is_voice: bool
    service: str | None = None
    service_line: int = 1


#: What most files say, one object each: a VoiceIndex keeps what every file under the folders
#: it searched said, so at 45,000 answers files one Peeked each would weigh 2.5 MB.
_SAYS_NOTHING = {False: Peeked(False), True: Peeked(True)}


def peek(path: str) -> Peeked:
    """Read the head of a file: a voice file by its name or its `format:` line."""
    named = path.endswith(VOICE_SUFFIXES)
    head = read_head(path)
    if head is None:
        # Unreadable, or not a regular file: reading it later says why.
        return _SAYS_NOTHING[named]
    if not (named or kind_of_head(head) is FileKind.VOICE):
        return _SAYS_NOTHING[False]
    found = _SERVICE.search(head)
    if found is None:
        return _SAYS_NOTHING[True]
    return Peeked(True, found.group(1).decode("ascii"), head.count(b"\n", 0, found.start()) + 1)


def is_voice_file(path: str) -> bool:
    """True for a voice file (see the module), which is never read as answers."""
    return peek(path).is_voice


class VoiceIndex:
    """Voice files by folder, for one run: each folder is listed and each file peeked once,
    however many answers files sit beside them. Made by the command (one per run, so a file
    written between two runs is seen); worker processes each keep their own copy."""

    def __init__(self, voice_dir: str | None = None, scanned: Sequence[Path] = ()) -> None:
        self.voice_dir = voice_dir
        # Folders the command searched for answers files: a voice file anywhere under them
        # belongs to the service it names, as one under --voice does.
        self.scanned = tuple(str(p) for p in scanned if p.is_dir())
        self._folders: dict[str, tuple[str, ...]] = {}
        self._peeked: dict[str, Peeked] = {}
        # The voice files of each listing (a key of `_folders`) by the service they name, so
        # finding one service's files does not look at every voice file of the run again
        # (that was services x voice files, each with a realpath: hours at 10,000 services).
        self._claims: dict[str, dict[str, tuple[str, ...]]] = {}
        # The voice files the command found under the paths it was given, when it says so
        # (`take_found`): then the folders searched are not listed and peeked again.
        self.found: FoundVoices | None = None
        # The files named on the command line, whose folders were not searched (`take_found`).
        self.given: frozenset[str] = frozenset()

    def take_found(self, files: Iterable[str], given: Iterable[str] = ()) -> None:
        """Take the voice files the command found under its paths (see `cli.inputs`), in
        their order, reading what service each names now (call it before workers start:
        each inherits what was read). They stand for the folders searched, which are then
        never listed again (at 45,000 services that listing and its peeks were tens of
        megabytes in every worker). A voice file named on the command line is among them,
        so it is heard wherever it lies. `given` are the files named on the command line:
        the folder of an answers file among them was not searched, so it is still listed
        for the voice files beside it."""
        self.found = FoundVoices(files, peek)
        self.given = frozenset(given)

    def peek(self, path: str) -> Peeked:
        """`peek`, once per voice file.

        Only voice files are remembered: a run asks again about its voice files (whose service
        each names), while an answers file is peeked once by each listing of its folder.
        Remembering every file was 2 MB of a 10,000-service portfolio's 73 MB peak.
        """
        found = self._peeked.get(path)
        if found is None:
            found = peek(path)
            if found.is_voice:
                self._peeked[path] = found
        return found

    def beside(self, folder: str) -> tuple[str, ...]:
        """The voice files directly in a folder (hidden files skipped), sorted by name."""
        found = self._folders.get(folder)
        if found is None:
            try:
                names = sorted(os.listdir(folder or "."))
            except OSError:
                names = []
            found = self._folders[folder] = tuple(
                path for name in names if is_yaml_name(name) and not name.startswith(".")
                for path in (os.path.join(folder, name),) if self.peek(path).is_voice)
        return found

    def head(self, path: str) -> Peeked:
        """`peek`, remembered if it was before, and not remembered now: for a file looked at
        once, such as by `unclaimed_voice_files` in a run whose workers did the finding."""
        return self._peeked.get(path) or peek(path)

    def _listed(self) -> tuple[str, ...]:
        """The folders whose voice files (with their subfolders') `under_voice_dir` lists."""
        if self.found is not None:
            return (self.voice_dir,) if self.voice_dir else ()
        return (*([self.voice_dir] if self.voice_dir else []), *self.scanned)

    def _under_key(self) -> str | None:
        """The `_folders` key of the listing under --voice and the folders searched."""
        folders = self._listed()
        if not folders:
            return None
        return "\0" + "\0".join(folders)  # no folder name holds a NUL: apart from `beside`'s

    def under_listed(self) -> tuple[str, ...]:
        """The voice files under --voice (and the folders searched, unless the command said
        what it found), peeked once each."""
        key = "\0\0" + "\0".join(self._listed())  # apart from `_under_key`'s
        found = self._folders.get(key)
        if found is None:
            found = self._folders[key] = tuple(
                f for f in collect_yaml_files([Path(d) for d in self._listed()]).files
                if self.peek(f).is_voice)
        return found

    def under_voice_dir(self) -> tuple[str, ...]:
        """The voice files in the folder given with --voice and in the folders searched for
        answers files, with their subfolders (apart from those the command found: see
        `take_found`)."""
        key = self._under_key()
        if key is None:
            return ()
        found = self._folders.get(key)
        if found is None:
            found = self._folders[key] = self.under_listed()
        return found

    def _claimed(self, key: str, files: tuple[str, ...], service_id: str) -> tuple[str, ...]:
        """Those of `files` (the listing `key`) that name `service_id`, in their order."""
        claims = self._claims.get(key)
        if claims is None:
            grouped: dict[str, list[str]] = {}
            for path in files:
                service = self.peek(path).service
                if service is not None:
                    grouped.setdefault(service, []).append(path)
            claims = self._claims[key] = {k: tuple(v) for k, v in grouped.items()}
        return claims.get(service_id, ())

    def files_for(self, service_id: str, answers_path: str | None) -> tuple[str, ...]:
        """A service's voice files: beside its answers file (unless it came from standard
        input), then under --voice, each once."""
        found: list[str] = []
        seen: set[str] = set()
        candidates: tuple[str, ...] = ()
        claimed = self.found.claims(service_id) if self.found is not None else ()
        if answers_path:
            folder = os.path.dirname(answers_path)
            if self.found is None or answers_path in self.given:
                candidates = self._claimed(folder, self.beside(folder), service_id)
            else:
                # Found in a folder the command searched, so its folder's voice files are
                # among those found: they come first, as a listing of the folder gives them.
                candidates = tuple(p for p in claimed if os.path.dirname(p) == folder)
                claimed = tuple(p for p in claimed if os.path.dirname(p) != folder)
        key = self._under_key()
        if key is not None:
            candidates += self._claimed(key, self.under_voice_dir(), service_id)
        candidates += claimed
        for path in candidates:
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(path)
        return tuple(found)


def unclaimed_voice_files(paths: Iterable[Path], index: VoiceIndex,
                          scored: Sequence[str]) -> list[Diagnostic]:
    """One finding per voice file under `paths` or --voice whose service was not scored,
    with the fix. When the command told the index what it found (`VoiceIndex.found`), those
    files stand for `paths`, which are not listed again."""
    services = sorted(scored)  # searched with `among`
    left: Iterable[tuple[str, str | None, int]]
    if index.found is not None:
        # What each found file names was read once (`take_found`): only the files under
        # --voice are read again here.
        left = chain(index.found.unclaimed(services), _unclaimed_heads(
            index, index.under_listed(), services))
    else:
        files = [f for f in collect_yaml_files(paths).files if index.peek(f).is_voice]
        left = _unclaimed_heads(index, [*files, *index.under_voice_dir()], services)
    found: list[Diagnostic] = []
    seen: set[str] = set()
    for path, service, line in left:
        real = os.path.realpath(path)  # once a file is to be reported: each is reported once
        if real in seen:
            continue
        seen.add(real)
        if service is None:
            message = _("this voice file does not say which service it is for; add "
                        "'service: <id>' with the id of the service's answers file")
        else:
            message = _("this voice file is for the service '{service}', but no answers "
                        "file for '{service}' was scored; score that answers file with it "
                        "(put this file beside it, or pass its folder with --voice), or "
                        "correct the service id").format(service=service)
        found.append(Diagnostic(path, line, 1, Severity.ERROR, "voice-no-answers", message))
    return found


def _unclaimed_heads(index: VoiceIndex, files: Iterable[str], services: Sequence[str]
                     ) -> Iterator[tuple[str, str | None, int]]:
    """Those of `files` whose head names no service in `services` (sorted), as
    `FoundVoices.unclaimed` gives them."""
    for path in files:
        head = index.head(path)
        if head.service is None or not among(services, head.service):
            yield path, head.service, head.service_line

