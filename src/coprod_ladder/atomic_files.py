"""Write files atomically: a reader, a crash or an interrupt meets the old file or the new one.

This module owns every write coprod makes to disk (reports, portfolio outputs, answers files):
the content goes to a temp file in the target's own folder, named `.NAME.XXXXXXXX.tmp`, which is
then renamed over the target with os.replace. On any failure or interrupt the temp file is
removed and the target is left as it was. Temp files of that naming left by a killed process
are removed by the next write of the same file. Every OSError becomes an OutputError that names
the path and says what to do. It never prints, prompts or reads the clock.

Symlinks: a file the user named (`assess --answers FILE`, `migrate --in-place`, `migrate --out
FILE`, `rubric init FILE`) is written with `follow_links=True`, so the file a link points to is
updated and the link kept. Every other file is one coprod names itself, in a folder it writes
into (reports, portfolio files, the rubric cache): there a symlink is never followed but
replaced by the new file, because anyone who can write to a shared reports folder could
otherwise plant a link that makes the next run overwrite any file the runner can write. The
subfolders coprod makes inside an output folder (`services/`, `north/`) are refused, never
followed, when a link stands in their place (`make_folders_within`).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from coprod_ladder.errors import OutputError
from coprod_ladder.language import _

TEMP_SUFFIX = ".tmp"
# Eight random characters between prefix and suffix, as tempfile.mkstemp names them too, so
# leftovers of earlier versions are recognised as well.
_TEMP_RANDOM = r"[a-z0-9_]{8}"


def real_target(path: Path) -> Path:
    """Return the file a write to `path` should replace: the end of any chain of symlinks."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents if needed; raise OutputError when something is in the way.

    For a folder the user named (`--out FOLDER`): a link there is followed.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.from_os_error(str(folder), exc) from None


def make_folders_within(root: Path, relative: str) -> Path:
    """Create the subfolders `relative` ('services/north') names below `root`; return the last.

    `root` is the folder the user named and must exist. A symlink where one of the subfolders
    should be is refused with an OutputError (exit 3), never followed: coprod names these
    folders, so a link there was planted by someone else.
    """
    folder = root
    for part in Path(relative).parts:
        folder = folder / part
        try:
            os.mkdir(folder)
            continue
        except FileExistsError:
            pass
        except OSError as exc:
            raise OutputError.from_os_error(str(folder), exc) from None
        try:
            info = os.lstat(folder)
        except OSError as exc:
            raise OutputError.from_os_error(str(folder), exc) from None
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(_("cannot write {folder}: it is a symbolic link, and coprod "
                                "writes its reports only into folders it made itself; remove "
                                "the link or choose another folder with --out").format(
                                    folder=folder))
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError.from_os_error(str(folder), OSError(errno.EEXIST, "File exists"))
    return folder


def stale_temp_files(path: Path, *, follow_links: bool = True) -> list[Path]:
    """Return the temp files a killed write of `path` left in its folder, sorted."""
    target = real_target(path) if follow_links else path
    pattern = re.compile(rf"\.{re.escape(target.name)}\.{_TEMP_RANDOM}{re.escape(TEMP_SUFFIX)}")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return sorted(target.parent / n for n in names if pattern.fullmatch(n))


class LeftoverIndex:
    """The temp files killed writes left in the folders of a batch of writes, each folder
    listed once.

    Looking for leftovers lists the target's folder; before every one of n reports written
    to one folder, that made writing them cost n squared (a third of the time at 1,000
    services). Pass one index to every write of the batch instead: `folder` is listed now,
    and any other folder (a subfolder such as `services/north`) the first time a file is
    written there. Until subfolders were indexed too, each write into one listed it again
    and compiled a pattern for it: 0.28 s of CPU for 3,000 reports in five subfolders.
    """

    def __init__(self, folder: Path) -> None:
        self._by_folder: dict[str, dict[str, list[str]]] = {}
        self._listed(str(folder))

    def _listed(self, folder: str) -> dict[str, list[str]]:
        """The leftovers in `folder` by the name of the file they were for."""
        found = self._by_folder.get(folder)
        if found is None:
            found = self._by_folder[folder] = {}
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
            for name in names:
                leftover = _LEFTOVER.fullmatch(name)
                if leftover:
                    found.setdefault(leftover.group(1), []).append(name)
        return found

    def remove_for(self, target: Path) -> None:
        """Remove the leftovers of `target`, listed when its folder was first written to."""
        folder = os.path.dirname(target)
        for name in self._listed(folder).pop(os.path.basename(target), ()):
            with suppress(OSError):
                os.unlink(os.path.join(folder, name))


_LEFTOVER = re.compile(rf"\.(.+)\.{_TEMP_RANDOM}{re.escape(TEMP_SUFFIX)}")


def remove_stale_temp_files(path: Path, *, follow_links: bool = True) -> list[Path]:
    """Remove the temp files a killed write of `path` left behind; return the ones removed."""
    removed = []
    for leftover in stale_temp_files(path, follow_links=follow_links):
        with suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def remove_temp_files_under(folder: Path) -> list[Path]:
    """Remove every temp file of coprod's naming below `folder`; return the ones removed.

    For an output folder before a run writes into it: a run that was killed (SIGKILL, power
    cut) can leave `.NAME.XXXXXXXX.tmp` files beside the reports it was writing.
    """
    pattern = re.compile(rf"\..+\.{_TEMP_RANDOM}{re.escape(TEMP_SUFFIX)}")
    removed = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if pattern.fullmatch(name):
                with suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed.append(Path(root, name))
    return sorted(removed)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temp_name(target: Path) -> Path:
    """Return a fresh temp-file path beside `target`, in the naming stale_temp_files knows."""
    # Eight hex digits (within _TEMP_RANDOM), from one call: thousands of reports are written.
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


@contextmanager
def atomic_writer(path: Path, *, binary: bool = False, newline: str | None = "\n",
                  durable: bool = False, follow_links: bool = False,
                  leftovers: LeftoverIndex | None = None) -> Iterator[IO[Any]]:
    """Yield a handle whose content replaces `path` when the block ends without an exception.

    `follow_links` is for a file the user named: a symlink there is followed and its target
    replaced. Otherwise (every file coprod names itself) a symlink at `path` is replaced by the
    new file, and the file it pointed to is never touched (see the module docstring).

    `durable` is for files that hold a person's only copy of their work (answers files): it
    fsyncs the file and its folder, and first removes the temp files a killed save of the same
    file left. Reports can always be written again, so they skip both costs (listing a folder
    of thousands of reports before every write made a portfolio half as fast again); commands
    that write reports clear a whole output folder once with remove_temp_files_under.
    """
    target = real_target(path) if follow_links else path
    shown = str(path)
    try:
        # lstat: a link coprod replaces must not lend it the mode of the file it points to.
        info = os.lstat(target)
        mode = _new_file_mode() if stat.S_ISLNK(info.st_mode) else info.st_mode & 0o777
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as exc:
        raise OutputError.from_os_error(shown, exc) from None
    if leftovers is not None:
        leftovers.remove_for(target)
    elif durable:
        remove_stale_temp_files(target, follow_links=False)
    # The temp file is named before it is created, so an interrupt that lands just after the
    # file appears (a signal is handled as the system call returns) still finds it to remove.
    tmp = _temp_name(target)
    fd: int | None = None
    handle: IO[Any] | None = None
    try:
        while True:
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                tmp = _temp_name(target)
        handle = (os.fdopen(fd, "wb") if binary else
                  os.fdopen(fd, "w", encoding="utf-8", newline=newline))
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp, fd, handle)
        raise OutputError.from_os_error(shown, exc) from None
    except BaseException:
        _discard(tmp, fd, handle)
        raise
    if durable:
        _sync_folder(target.parent)


def _discard(tmp: Path, fd: int | None, handle: IO[Any] | None) -> None:
    """Close and remove a temp file after a failure or an interrupt; never raise."""
    with suppress(OSError):
        if handle is not None:
            handle.close()
        elif fd is not None:
            os.close(fd)
    with suppress(OSError):
        os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened for this.
    with suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_atomically(path: Path, content: str | bytes, *, durable: bool = False,
                     follow_links: bool = False,
                     leftovers: LeftoverIndex | None = None) -> None:
    """Replace `path` with `content` (text is written as UTF-8 with \\n line ends).

    `follow_links` only for a file the user named (see `atomic_writer`).
    """
    with atomic_writer(path, binary=isinstance(content, bytes), durable=durable,
                       follow_links=follow_links, leftovers=leftovers) as handle:
        handle.write(content)


def write_pieces_atomically(path: Path, pieces: Iterable[str]) -> None:
    """Replace `path` with text given piece by piece, so it is never one string in memory.

    Line ends are written exactly as given (the CSV writer's \\r\\n stay \\r\\n).
    """
    with atomic_writer(path, newline="") as handle:
        handle.writelines(pieces)
