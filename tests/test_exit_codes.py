"""One exit code per cause, in every command: the README's table, walked cause by cause.

Each command that reads answers or rubric files meets the same causes (a missing path, a file
that is not a regular file, a file it cannot read, bad YAML, a folder with nothing to read,
an output it cannot write) and must give the same exit code for each, with a message that
names the path. 0 ok, 1 findings, 2 usage, 3 bad input or output, 4 a bug (never here).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_ladder import atomic_files
from coprod_ladder.errors import ExitCode

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"

#: How each command is pointed at its input (a file or a folder) and its output folder.
COMMANDS: dict[str, Callable[[Path, Path], list[object]]] = {
    "score": lambda src, out: ["score", src, "-r", MINI, "-o", out],
    "portfolio": lambda src, out: ["portfolio", src, "-r", MINI, "-o", out,
                                   "--as-of", "2026-11-01"],
    "rubric check": lambda src, out: ["rubric", "check", "-f", "parsable", src],
}
#: A good input for each command: an answers file, or a rubric for `rubric check`.
GOOD = {"score": SERVICE, "portfolio": SERVICE, "rubric check": MINI}


def _folder_with(tmp_path: Path, command: str, name: str = "a.yaml") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    shutil.copy(GOOD[command], folder / name)
    return folder


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_path_exits_3(run_cli, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope"
    result = run_cli(*COMMANDS[command](missing, tmp_path / "out"), exit_code=ExitCode.INPUT)
    assert f"{missing}:1:1: error [unreadable] no such file or folder" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_folder_exits_3(run_cli, tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty"
    (empty / ".github" / "workflows").mkdir(parents=True)
    (empty / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (empty / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = run_cli(*COMMANDS[command](empty, tmp_path / "out"), exit_code=ExitCode.INPUT)
    assert "no *.yaml or *.yml" in result.stderr and "hidden files" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_at_once_and_exits_3(run_cli, tmp_path: Path, command: str) -> None:
    folder = _folder_with(tmp_path, command)
    os.mkfifo(folder / "pipe.yaml")  # nobody writes to it: opening it would wait for ever
    result = run_cli(*COMMANDS[command](folder, tmp_path / "out"), exit_code=ExitCode.INPUT)
    assert (f"{folder / 'pipe.yaml'}:1:1: error [unreadable] this is a named pipe (FIFO), not "
            "a regular file") in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_named_on_the_command_line_is_refused(run_cli, tmp_path: Path,
                                                    command: str) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_cli(*COMMANDS[command](fifo, tmp_path / "out"), exit_code=ExitCode.INPUT)
    assert "named pipe (FIFO)" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_file_exits_3(run_cli, tmp_path: Path, command: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder_with(tmp_path, command)
    unreadable = folder / "a.yaml"
    if os.geteuid() == 0:  # root reads anything: refuse the way a locked file does
        real_open = Path.open

        def locked(self: Path, *args: object, **kwargs: object) -> object:
            if self == unreadable:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", locked)
    else:
        unreadable.chmod(0)
    result = run_cli(*COMMANDS[command](folder, tmp_path / "out"), exit_code=ExitCode.INPUT)
    assert (f"{unreadable}:1:1: error [unreadable] cannot read the file: permission denied"
            in result.output)


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_yaml_is_a_finding_and_exits_1(run_cli, tmp_path: Path, command: str) -> None:
    folder = _folder_with(tmp_path, command)
    (folder / "bad.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    result = run_cli(*COMMANDS[command](folder, tmp_path / "out"),
                     exit_code=ExitCode.FINDINGS)
    assert f"{folder / 'bad.yaml'}:2:1: error [syntax]" in result.output


@pytest.mark.parametrize("command", ["score", "portfolio"])
@pytest.mark.parametrize("fault", ["out-is-a-file", "out-under-a-file", "folder-in-the-way",
                                   "disk-full", "read-only"])
def test_an_output_that_cannot_be_written_exits_3(run_cli, tmp_path: Path, command: str,
                                                  fault: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    report = "harbour-youth.html" if command == "score" else "portfolio.html"
    if fault == "out-is-a-file":
        out.write_text("not a folder", encoding="utf-8")
    elif fault == "out-under-a-file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "out"
    elif fault == "folder-in-the-way":
        (out / report).mkdir(parents=True)
    elif fault == "read-only":  # as root, a mode of 0o555 would not stop the write
        real_open = os.open

        def refused(path: str, flags: int, *args: object) -> int:
            if flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", path)
            return real_open(path, flags, *args)  # type: ignore[arg-type]

        out.mkdir()
        monkeypatch.setattr(atomic_files.os, "open", refused)
    else:
        out.mkdir()
        (out / report).write_text("the old report\n", encoding="utf-8")

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic_files.os, "replace", full)
    result = run_cli(*COMMANDS[command](SERVICE, out), exit_code=ExitCode.INPUT)
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert (str(out) in line and "--out" in line) or "free some space" in line, line
    assert "internal error" not in result.output
    if fault == "disk-full":
        assert (out / report).read_text(encoding="utf-8") == "the old report\n"
    if out.is_dir():
        assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", ["score", "portfolio"])
def test_an_unreadable_rubric_option_exits_3(run_cli, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "rubric.yaml"
    os.mkfifo(fifo)
    args = COMMANDS[command](SERVICE, tmp_path / "out")
    args[args.index(MINI)] = fifo
    result = run_cli(*args, exit_code=ExitCode.INPUT)
    assert "named pipe (FIFO)" in result.output


def test_an_expected_file_that_is_a_fifo_exits_3(run_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "expected.txt"
    os.mkfifo(fifo)
    result = run_cli(*COMMANDS["portfolio"](SERVICE, tmp_path / "out"), "--expected", fifo,
                     exit_code=ExitCode.INPUT)
    assert "named pipe (FIFO)" in result.output


@pytest.mark.parametrize("date", ["0001-06-01", "1899-12-31", "2201-01-01"])
def test_a_date_out_of_range_is_a_usage_error(run_cli, tmp_path: Path, date: str) -> None:
    result = run_cli("portfolio", SERVICE, "-r", MINI, "-o", tmp_path, "--as-of", date,
                     exit_code=ExitCode.USAGE)
    assert "between 1900 and 2200" in result.stderr


def test_a_full_disk_in_a_worker_process_exits_3_and_stops_the_pool(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SERVICE.read_text(encoding="utf-8")
    for n in range(6):
        (folder / f"s{n}.yaml").write_text(text.replace("harbour-youth", f"s{n}"), "utf-8")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", full)  # the forked workers inherit it
    out = tmp_path / "out"
    result = run_cli("portfolio", folder, "-r", MINI, "-o", out, "--jobs", "2",
                     "--service-reports", exit_code=ExitCode.INPUT)
    assert "the disk is full; free some space and run again" in result.stderr
    assert [p for p in out.rglob("*") if p.is_file()] == []


# ---- the table: every command through every cause ---------------------------------------
#
# The rule (README, "Exit codes"): a file that cannot be read at all (missing, not a regular
# file, no permission, over the 1 MiB limit) is bad input, 3, in every command and for every
# file it reads. Content that is wrong (bad YAML, keys of the wrong kind) is a finding, 1, in a
# file the command was given to check, score or migrate (answers files; rubric files for
# `rubric check`); in a file the command needs before it can start (--rubric, --expected,
# `rubric show`), the same content is bad input, 3, since nothing can be done without it.

OLD_SERVICE = DATA / "answers" / "default-1.0.0" / "camhs.yaml"
RESPONSE = DATA / "voice" / "mini-response.yaml"
YOUTH = DATA.parent.parent / "examples" / "youth-service.yaml"
MAPPING = DATA / "voice" / "mapping.yaml"
VOICE_IMPORT = ["voice", "import", "--service", "harbour-youth", "-r", MINI, "-o", "{o}"]
CAUSES = ["missing", "fifo", "unreadable", "too-large", "bad-yaml", "bad-content"]
AS_SUBJECT = {"missing": 3, "fifo": 3, "unreadable": 3, "too-large": 3, "bad-yaml": 1,
              "bad-content": 1}
AS_SUPPORT = dict.fromkeys(CAUSES, 3)

#: (how to run it with the file under test at {f} and an output at {o}, a good file, codes)
TABLE: dict[str, tuple[list[object], Path, dict[str, int]]] = {
    "score": (["score", "{f}", "-r", MINI, "-o", "{o}"], SERVICE, AS_SUBJECT),
    "score folder": (["score", "{d}", "-r", MINI, "-o", "{o}"], SERVICE, AS_SUBJECT),
    "portfolio": (["portfolio", "{d}", "-r", MINI, "-o", "{o}", "--as-of", "2026-11-01"],
                  SERVICE, AS_SUBJECT),
    "rubric check": (["rubric", "check", "-f", "parsable", "{f}"], MINI, AS_SUBJECT),
    "migrate": (["migrate", "{f}", "--out", "{o}/new.yaml"], OLD_SERVICE, AS_SUBJECT),
    "migrate --in-place": (["migrate", "{f}", "--in-place"], OLD_SERVICE, AS_SUBJECT),
    # --answers names a file to create when it is missing: that cause is not a fault there.
    "assess": (["assess", "-r", MINI, "--answers", "{f}", "-o", "{o}"], SERVICE,
               {c: n for c, n in AS_SUBJECT.items() if c != "missing"}),
    "rubric show": (["rubric", "show", "{f}"], MINI, AS_SUPPORT),
    "rubric check --previous": (["rubric", "check", "-f", "parsable", MINI, "--previous",
                                 "{f}"], MINI, AS_SUPPORT),
    "score --rubric": (["score", SERVICE, "-r", "{f}", "-o", "{o}"], MINI, AS_SUPPORT),
    "portfolio --rubric": (["portfolio", SERVICE, "-r", "{f}", "-o", "{o}", "--as-of",
                            "2026-11-01"], MINI, AS_SUPPORT),
    "portfolio --expected": (["portfolio", SERVICE, "-r", MINI, "-o", "{o}", "--as-of",
                              "2026-11-01", "--expected", "{f}"], SERVICE, AS_SUPPORT),
    "migrate --rubric": (["migrate", OLD_SERVICE, "--rubric", "{f}"], MINI, AS_SUPPORT),
    "assess --rubric": (["assess", "-r", "{f}", "--answers", "{d}/a.yaml", "-o", "{o}"],
                        SERVICE, AS_SUPPORT),
    # The answers file names the service and rubric a template is made for: needed to start.
    "voice template": (["voice", "template", "{f}", "--for", "parents", "-o", "{o}"], SERVICE,
                       AS_SUPPORT),
    "voice form": (["voice", "form", "{f}", "--for", "parents", "-o", "{o}"], SERVICE,
                   AS_SUPPORT),
    "voice back": (["voice", "back", "{f}", "--voice", YOUTH.parent / "voice", "-o", "{o}"],
                   YOUTH, AS_SUPPORT),
    "voice import": ([*VOICE_IMPORT, "{f}"], RESPONSE, AS_SUBJECT),
    "voice import --mapping": ([*VOICE_IMPORT, RESPONSE, "--mapping", "{f}"], MAPPING,
                               AS_SUPPORT),
    "voice import --rubric": (["voice", "import", RESPONSE, "--service", "harbour-youth",
                               "-r", "{f}", "-o", "{o}"], MINI, AS_SUPPORT),
}


def _faulty(folder: Path, cause: str, good: Path) -> Path:
    """Make `folder/x.yaml` show `cause` (beside it, in the folder, one good file)."""
    from coprod_ladder.file_bytes import MAX_BYTES

    path = folder / "x.yaml"
    if cause == "fifo":
        os.mkfifo(path)
    elif cause in ("unreadable", "missing"):
        path.write_bytes(good.read_bytes())  # unreadable: locked below; missing: removed below
    elif cause == "too-large":
        path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    elif cause == "bad-yaml":
        path.write_text("key: [unclosed\n", encoding="utf-8")
    else:  # the right YAML, the wrong kinds of value: a rubric or answers file in name only
        path.write_text("rubric: {id: mini, version: 0.1.0}\nservice: 3\nid: [1]\n",
                        encoding="utf-8")
    return path


def _lock(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `path` unreadable: chmod 0, and as root (who reads anything) refuse it by hand."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_open, real_access = Path.open, os.access

    def locked(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def no_access(where: object, mode: int, *args: object, **kwargs: object) -> bool:
        if Path(str(where)) == path:
            return False  # what os.access says to anyone but root
        return real_access(where, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    monkeypatch.setattr(os, "access", no_access)


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("command", "cause"), [
    pytest.param(command, cause, id=f"{command}-{cause}")
    for command, (_, _, codes) in TABLE.items() for cause in codes])
def test_one_code_per_cause_in_every_command(run_cli, tmp_path: Path, command: str, cause: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    import coprod_ladder.cli.assess as assess_cli

    args, good, codes = TABLE[command]
    folder = tmp_path / "in"
    folder.mkdir()
    in_folder = command in ("score folder", "portfolio")
    if in_folder:
        shutil.copy(good, folder / "good.yaml")
    path = _faulty(folder, cause, good)
    if cause == "missing":  # the file named, or the folder named
        path.unlink()
        if in_folder:
            shutil.rmtree(folder)
            path = folder
    if cause == "unreadable":
        _lock(path, monkeypatch)
    # assess asks its questions only in a terminal; the file is read before the first one.
    monkeypatch.setattr(assess_cli, "sys", types.SimpleNamespace(stdin=_Terminal()))
    out = tmp_path / "out"
    out.mkdir()
    given = [str(a).format(f=path, d=folder, o=out) for a in args]
    result = run_cli(*given, input="")
    assert result.exit_code == codes[cause], result.explain()
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert str(path) in result.output, result.explain()
    if cause in ("bad-yaml", "bad-content") and command.startswith("migrate"):
        assert path.read_bytes() == _faulty(tmp_path, cause, good).read_bytes()  # untouched


@pytest.mark.parametrize("args", [
    ["score", SERVICE, "-r", MINI, "-o", "{o}"],
    ["portfolio", SERVICE, "-r", MINI, "-o", "{o}", "--as-of", "2026-11-01"],
    ["demo", "-o", "{o}"],
    ["migrate", OLD_SERVICE, "--out", "{o}/new.yaml"],
    ["rubric", "init", "{o}/mine.yaml"],
    [*VOICE_IMPORT, RESPONSE],
    ["voice", "form", YOUTH, "--for", "parents", "-o", "{o}"],
    ["voice", "back", YOUTH, "--voice", YOUTH.parent / "voice", "-o", "{o}"],
], ids=["score", "portfolio", "demo", "migrate", "rubric init", "voice import", "voice form",
        "voice back"])
def test_an_output_under_a_file_exits_3_in_every_command(run_cli, tmp_path: Path,
                                                         args: list[object]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be\n", encoding="utf-8")
    result = run_cli(*[str(a).format(o=blocker) for a in args], exit_code=ExitCode.INPUT)
    assert f"cannot write {blocker}" in result.stderr, result.explain()
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be\n"
