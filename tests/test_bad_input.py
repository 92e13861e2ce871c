"""Bad input never gives a traceback: each hostile or broken file through `coprod rubric check`.

Every case asserts the exit code, a clear `path:line:col: error [code]` finding on stdout and
no "Traceback" on either stream. Nothing here is timed: each run is bounded only against a
hang (alias bombs, deep nesting, huge files) by `hang_guard`, with a limit no machine comes
near, and how fast these files are refused is measured in benchmarks/run.py ("bad input").
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode
from hang_guard import finishes_within, run_bounded

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
) + "\n"

# (file content, expected exit code, expected "line:col: error [code]")
CASES = [
    pytest.param(b"", ExitCode.FINDINGS, "1:1: error [empty]", id="empty-file"),
    pytest.param(bytes(range(256)) * 4, ExitCode.FINDINGS, "1:1: error [encoding]",
                 id="binary-bytes"),
    pytest.param(b"id: mini\ntitle: caf\xe9 cr\xe8me\n", ExitCode.FINDINGS,
                 "2:11: error [encoding]", id="not-utf-8"),
    pytest.param(b"- id: mini\n- id: other\n", ExitCode.FINDINGS, "1:1: error [schema/root]",
                 id="list-at-root"),
    pytest.param(b"a rubric\n", ExitCode.FINDINGS, "1:1: error [schema/root]", id="scalar-at-root"),
    pytest.param(b"id: mini\nscoring:\n\trule: gated\n", ExitCode.FINDINGS, "3:1: error [syntax]",
                 id="tab-indentation"),
    pytest.param(b'id: mini\ntitle: "A small rubric\nsummary: x\n', ExitCode.FINDINGS,
                 "2:8: error [syntax]", id="unclosed-quote"),
    pytest.param(BOMB.encode(), ExitCode.FINDINGS, "1:4: error [alias]", id="billion-laughs"),
    pytest.param(b"[" * 20_000 + b"]" * 20_000 + b"\n", ExitCode.FINDINGS,
                 "1:1001: error [too-deep]", id="nested-20000-flow"),
    pytest.param(b"- " * 20_000 + b"x\n", ExitCode.FINDINGS, "1:1999: error [too-deep]",
                 id="nested-20000-block"),
    pytest.param("".join(" " * i + f"k{i}:\n" for i in range(200)).encode() + b" " * 200 + b"v\n",
                 ExitCode.FINDINGS, "64:64: error [too-deep]", id="nested-200-indented"),
    pytest.param(b"id: !!python/object/apply:os.system [echo hello]\n", ExitCode.FINDINGS,
                 "1:5: error [unsafe-tag]", id="python-apply"),
    pytest.param(b"id: !!python/name:os.system\n", ExitCode.FINDINGS, "1:5: error [unsafe-tag]",
                 id="python-name"),
    pytest.param(b"id: !!python/module:os\n", ExitCode.FINDINGS, "1:5: error [unsafe-tag]",
                 id="python-module"),
    pytest.param(b"id: mini\n---\nid: other\n", ExitCode.FINDINGS, "2:1: error [syntax]",
                 id="two-documents"),
    pytest.param(b"id: mini\ntitle: a\x07b\n", ExitCode.FINDINGS, "2:9: error [syntax]",
                 id="control-bell"),
    pytest.param(b"id: mini\ntitle: a\x1b[31mred\n", ExitCode.FINDINGS, "2:9: error [syntax]",
                 id="control-escape"),
    pytest.param(b"id: mini\ntitle: a\x7fb\n", ExitCode.FINDINGS, "2:9: error [syntax]",
                 id="control-delete"),
    pytest.param("id: mini\ntitle: a\u0080b\n".encode(), ExitCode.FINDINGS, "2:9: error [syntax]",
                 id="control-c1"),
    pytest.param(b"\xff\xfei\x00d\x00", ExitCode.FINDINGS, "1:1: error [encoding]", id="utf-16"),
]


def _check(run_cli, path: Path, *args: str):
    with finishes_within(f"rubric check {path.name}"):
        result = run_cli("rubric", "check", "--format", "parsable", *args, path)
    assert "Traceback" not in result.output, result.explain()
    return result


@pytest.mark.parametrize(("content", "exit_code", "finding"), CASES)
def test_bad_file_gives_a_finding_not_a_traceback(
    content: bytes, exit_code: int, finding: str, tmp_path: Path, run_cli
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = _check(run_cli, path)
    assert result.exit_code == exit_code, result.explain()
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{finding} "), result.explain()
    assert "1 file checked" in result.stderr


@pytest.mark.parametrize(
    "payload",
    [
        'id: !!python/object/apply:os.mkdir ["{marker}"]\n',
        'id: !!python/object/apply:os.system ["touch {marker}"]\n',
        'id: mini\nrungs:\n  - !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n',
        'id: !!python/object/apply:builtins.exec ["open(\'{marker}\', \'w\').close()"]\n',
    ],
    ids=["mkdir", "os-system", "popen", "exec"],
)
def test_python_tags_never_run(payload: str, tmp_path: Path, run_cli) -> None:
    marker = tmp_path / "created-by-the-payload"
    path = tmp_path / "evil.yaml"
    path.write_text(payload.format(marker=marker))
    before = set(_children(os.getpid()))
    result = _check(run_cli, path)
    assert result.exit_code == ExitCode.FINDINGS, result.explain()
    assert "[unsafe-tag]" in result.stdout
    assert "nothing in them is ever run" in result.stdout
    # No waiting: a process the payload started would still be this one's child (running, or
    # exited and not yet reaped), and one that has ended would have made the marker.
    assert set(_children(os.getpid())) - before == set()
    assert not marker.exists()


def test_a_hang_fails_with_a_clear_message() -> None:
    caught = pytest.raises(pytest.fail.Exception,
                           match=r"a loop was still running after 0 s: coprod hangs on this input")
    with caught, finishes_within("a loop", 0.05):
        while True:
            pass


def _children(pid: int) -> list[int]:
    """Return the ids of the processes whose parent is `pid` (from /proc; [] without it)."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if entry.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def test_a_valid_rubric_with_a_byte_order_mark_checks_clean(
    tmp_path: Path, run_cli, mini_text: str
) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + mini_text.encode())
    result = _check(run_cli, path)
    assert result.exit_code == ExitCode.OK, result.explain()
    assert result.stdout == ""


def test_a_30_mb_file_is_refused_quickly_without_reading_it(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "huge.yaml"
    line = b"- just another line of a very large YAML list\n"
    with path.open("wb") as handle:
        for _ in range(30 * 1024 * 1024 // (len(line) * 1024) + 1):
            handle.write(line * 1024)
    assert path.stat().st_size > 30_000_000
    tracemalloc.start()
    try:
        result = _check(run_cli, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == ExitCode.INPUT, result.explain()
    assert result.stdout.startswith(f"{path}:1:1: error [too-large] ")
    assert peak < 5 * 1024 * 1024, f"peak Python memory {peak:,} bytes"


def test_a_file_just_over_the_limit_is_refused(tmp_path: Path, run_cli) -> None:
    from coprod_ladder.file_bytes import MAX_BYTES

    path = tmp_path / "big.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    result = _check(run_cli, path)
    assert result.exit_code == ExitCode.INPUT, result.explain()
    assert "[too-large]" in result.stdout


def test_too_many_values_are_refused_in_bounded_time(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text("criteria: [" + "1," * 400_000 + "1]\n")
    result = _check(run_cli, path)
    assert result.exit_code == ExitCode.FINDINGS, result.explain()
    assert "[too-large]" in result.stdout


def test_a_flood_of_schema_problems_is_capped(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "flood.yaml"
    path.write_text("criteria:\n" + "  - {}\n" * 90_000)
    result = _check(run_cli, path)
    assert result.exit_code == ExitCode.FINDINGS, result.explain()
    assert len(result.stdout.splitlines()) < 300
    assert "[schema/too-many]" in result.stdout


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path, run_cli, mini_text: str) -> None:
    (tmp_path / "a-empty.yaml").write_bytes(b"")
    (tmp_path / "b-binary.yml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c-good.yaml").write_text(mini_text)
    (tmp_path / "d-bomb.yaml").write_text(BOMB)
    result = _check(run_cli, tmp_path)
    assert result.exit_code == ExitCode.FINDINGS, result.explain()
    files = [line.split(":", 1)[0] for line in result.stdout.splitlines()]
    assert [Path(f).name for f in dict.fromkeys(files)] == ["a-empty.yaml", "b-binary.yml",
                                                             "d-bomb.yaml"]
    assert "4 files checked" in result.stderr


def test_show_with_a_bad_file_exits_3_with_findings_on_stderr(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(BOMB.encode())
    result = run_cli("rubric", "show", path, exit_code=ExitCode.INPUT)
    assert result.stdout == ""
    assert f"{path}:1:4: error [alias]" in result.stderr
    assert "Traceback" not in result.output


# --- the same, as a real process ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "exit_code", "code"),
    [
        pytest.param(BOMB.encode(), 1, "alias", id="billion-laughs"),
        pytest.param(b"[" * 20_000 + b"]" * 20_000, 1, "too-deep", id="nested-20000"),
        pytest.param(b"\x00\xff\xfe" * 1000, 1, "encoding", id="binary"),
        pytest.param(b"a: !!python/object/apply:os.system [true]\n", 1, "unsafe-tag", id="python"),
        pytest.param(b"#" * (40 * 1024 * 1024), 3, "too-large", id="40-mb"),
    ],
)
def test_real_process_never_prints_a_traceback(
    content: bytes, exit_code: int, code: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "COPROD_DEBUG"}}
    proc = run_bounded([sys.executable, "-m", "coprod_ladder", "rubric", "check", str(path)],
                       f"coprod rubric check {code}", stdin=subprocess.DEVNULL, env=env)
    assert proc.returncode == exit_code, proc.stdout + proc.stderr
    # Not on a terminal and not in GitHub Actions, `auto` means parsable.
    assert proc.stdout.startswith(f"{path}:") and f"error [{code}]" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
