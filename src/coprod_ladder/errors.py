"""Exit codes and the errors the core raises when it cannot go on. Data only: nothing prints.

Messages are written in the language being spoken when the error is raised (the command line
chooses it before any command runs), so the handler prints them as they are.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from coprod_ladder.language import N_, _, ngettext

if TYPE_CHECKING:  # only named in annotations: `coprod --help` needs ExitCode, not Diagnostic
    from coprod_ladder.diagnostics import Diagnostic


class ExitCode(IntEnum):
    """What each exit status means, for every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    INTERNAL = 4
    INTERRUPTED = 130  # 128 + SIGINT
    TERMINATED = 143  # 128 + SIGTERM


class CoprodError(Exception):
    """Base class of every expected failure; carries the exit code the CLI should use.

    Commands raise these and never exit themselves: the CLI's one error handler
    (`cli.output.handle_errors`, around every command) prints the message and exits.
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class LoadError(CoprodError):
    """A rubric or answers file could not be loaded; carries every diagnostic found.

    Exit 3 (bad input) by default: a file a command needs before it can start (a rubric, an
    expected-services file) or one that cannot be read at all. An answers file the command
    was given to work on whose content is wrong is a finding instead (exit 1), in every
    command: pass `exit_code=ExitCode.FINDINGS`.
    """

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic], *, what: str = "file",
                 exit_code: ExitCode = ExitCode.INPUT) -> None:
        count = len(diagnostics)
        super().__init__(_problems_sentence(what, count).format(path=path, what=what,
                                                                count=count))
        self.path = path
        self.diagnostics = tuple(diagnostics)
        self.exit_code = exit_code


def _problems_sentence(what: str, count: int) -> str:
    """"{path}: the answers file has 2 problems", one whole sentence per kind of file (the
    kinds callers name), so each can be translated with its own grammar; any other kind is
    named by the caller's word."""
    if what == "answers file":
        return ngettext("{path}: the answers file has {count} problem",
                        "{path}: the answers file has {count} problems", count)
    if what == "rubric":
        return ngettext("{path}: the rubric has {count} problem",
                        "{path}: the rubric has {count} problems", count)
    if what == "voice file":
        return ngettext("{path}: the voice file has {count} problem",
                        "{path}: the voice file has {count} problems", count)
    if what == "mapping file":
        return ngettext("{path}: the mapping file has {count} problem",
                        "{path}: the mapping file has {count} problems", count)
    if what == "expected-services file":
        return ngettext("{path}: the expected-services file has {count} problem",
                        "{path}: the expected-services file has {count} problems", count)
    if what == "file":
        return ngettext("{path}: the file has {count} problem",
                        "{path}: the file has {count} problems", count)
    # TRANSLATORS: {what} is a kind of file, in English (a kind without its own sentence).
    return ngettext("{path}: the {what} has {count} problem",
                    "{path}: the {what} has {count} problems", count)


class AlreadyReported(CoprodError):
    """The command has shown what went wrong already (its findings, a session's own words).

    Carries only the exit code: 1 for findings, 3 for input that could not be read, 130 for a
    session stopped by the user. The handler prints nothing more.
    """

    def __init__(self, exit_code: ExitCode) -> None:
        super().__init__("")
        self.exit_code = exit_code


class UsageProblem(CoprodError):
    """The command cannot run the way it was started (exit 2), such as assess without a terminal."""

    exit_code = ExitCode.USAGE


class NothingToRead(CoprodError):
    """The paths given hold no YAML file to read (exit 3)."""

    def __init__(self, where: str, what: str = "files") -> None:
        place = _(where)  # "the paths given" (see _PLACES) or a folder's path, kept as it is
        if what == "answers files":
            sentence = _("no *.yaml or *.yml answers files found in {where} (hidden files and "
                         "folders are skipped)")
        elif what == "files":
            sentence = _("no *.yaml or *.yml files found in {where} (hidden files and folders "
                         "are skipped)")
        else:
            # TRANSLATORS: {what} is a kind of file, in English.
            sentence = _("no *.yaml or *.yml {what} found in {where} (hidden files and folders "
                         "are skipped)")
        super().__init__(sentence.format(what=what, where=place))


#: The places commands say they looked in (NothingToRead's `where`), so they are translated.
_PLACES = (N_("the paths given"), N_("the folders given"))


class UnknownRubricError(CoprodError):
    """A --rubric name matched no shipped rubric and no file."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        names = ", ".join(available) or _("none")
        super().__init__(
            _("no shipped rubric is called '{name}' and there is no such file").format(
                name=name),
            hint=_("shipped rubrics: {names}; or give the path of a rubric file").format(
                names=names),
        )
        self.name = name
        self.available = tuple(available)


class OutputError(CoprodError):
    """A file or folder coprod writes could not be written; nothing partial was left behind.

    The message names the path and says what to do, on one line. Built from a plain message
    so the error survives pickling on its way back from a worker process.
    """

    @classmethod
    def from_os_error(cls, path: str, exc: OSError) -> OutputError:
        """Explain an OSError met while writing `path` in words a manager can act on."""
        return cls(_("cannot write {path}: {reason}").format(path=path,
                                                              reason=explain_write_error(exc)))


class SaveError(CoprodError):
    """An answers file could not be saved; the previous version of it is intact (exit 3)."""


def explain_write_error(exc: OSError) -> str:
    """Say why a write failed and what to do about it."""
    advice = _WRITE_ADVICE.get(exc.errno or 0)
    if advice is not None:
        return _(advice)
    # The system's own words (in the system's language), then what to do.
    return _("{reason}; check the folder and run again").format(
        reason=(exc.strerror or str(exc)).lower())


_NO_PERMISSION = N_("no permission to write there; choose another folder with --out or fix "
                    "the folder's permissions")
#: What to do about each error a write can meet (translated where used).
_WRITE_ADVICE = {
    errno.ENOSPC: N_("the disk is full; free some space and run again"),
    errno.EDQUOT: N_("the disk quota is used up; free some space and run again"),
    errno.EACCES: _NO_PERMISSION,
    errno.EPERM: _NO_PERMISSION,
    errno.EROFS: N_("the disk is read-only; choose another folder with --out"),
    errno.ENOTDIR: N_("part of the path is a file, not a folder; choose another folder with "
                      "--out"),
    errno.EISDIR: N_("a folder is in the way; move or rename it, or choose another folder "
                     "with --out"),
    errno.EEXIST: N_("a file is in the way where a folder should be; move or rename it, or "
                     "choose another folder with --out"),
    errno.ENAMETOOLONG: N_("the name is too long; choose a shorter folder with --out"),
}
