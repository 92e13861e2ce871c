"""Symlinks in the way of a write: coprod never writes through a link it did not name.

Files coprod names inside an output folder (every report of `score`, `demo` and `assess`,
every portfolio file, the service reports under `services/`) are replaced when a link stands
where they go, so a link planted in a shared reports folder cannot make the next run
overwrite a file elsewhere; a subfolder coprod names is refused (exit 3) when a link stands in
its place. A file the user names (`assess --answers`, `migrate --in-place`, `migrate --out`)
is still written through a link, as before. Every link here points outside the folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coprod_ladder.errors import ExitCode
from coprod_ladder.rubric.load import load_rubric

CURRENT = f"version: {load_rubric('default')[0].version}"  # what migrate writes

DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"
OLD_SERVICE = DATA / "answers" / "default-1.0.0" / "camhs.yaml"
VICTIM_TEXT = "the victim's own content\n"


def _plant(out: Path, name: str, victim: Path) -> Path:
    """Make `out/name` a link to `victim`, a file outside `out`; return the link."""
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    link = out / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim)
    return link


def _assert_replaced(link: Path, victim: Path, starts: bytes) -> None:
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert not link.is_symlink() and link.is_file()
    assert link.read_bytes().startswith(starts)


@pytest.mark.parametrize("suffix", ["html", "md", "json"])
def test_score_replaces_a_planted_link_instead_of_writing_through_it(
        run_cli, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    link = _plant(out, f"harbour-youth.{suffix}", victim)
    run_cli("score", SERVICE, "-r", MINI, "-o", out, exit_code=ExitCode.OK)
    starts = {"html": b"<!DOCTYPE html>", "md": b"# ", "json": b"{"}[suffix]
    _assert_replaced(link, victim, starts)


def test_score_replaces_a_planted_link_to_a_workbook(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    link = _plant(out, "harbour-youth.xlsx", victim)
    run_cli("score", SERVICE, "-r", MINI, "-o", out, "-f", "xlsx", exit_code=ExitCode.OK)
    _assert_replaced(link, victim, b"PK")


def test_demo_replaces_a_planted_link(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    victim = tmp_path / "victim.txt"
    run_cli("demo", "-o", out, exit_code=ExitCode.OK)  # to learn the reports' names
    names = sorted(p.name for p in out.iterdir())
    for name in names:
        (out / name).unlink()
        (out / name).symlink_to(victim)
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    run_cli("demo", "-o", out, exit_code=ExitCode.OK)
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert [n for n in names if (out / n).is_symlink()] == []


@pytest.mark.parametrize("suffix", ["html", "md", "json", "csv", "xlsx"])
def test_portfolio_replaces_a_planted_link(run_cli, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    link = _plant(out, f"portfolio.{suffix}", victim)
    run_cli("portfolio", SERVICE, "-r", MINI, "-o", out, "--as-of", "2026-11-01",
            exit_code=ExitCode.OK)
    starts = {"html": b"<!DOCTYPE html>", "md": b"# ", "json": b"{", "csv": b"\xef\xbb\xbf",
              "xlsx": b"PK"}[suffix]
    _assert_replaced(link, victim, starts)


def _answers_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "north").mkdir(parents=True)
    shutil.copy(SERVICE, folder / "north" / "harbour.yaml")
    return folder


def test_portfolio_replaces_a_planted_link_among_the_service_reports(
        run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    link = _plant(out, "services/north/harbour.json", victim)
    run_cli("portfolio", _answers_folder(tmp_path), "-r", MINI, "-o", out, "--as-of",
            "2026-11-01", "--service-reports", exit_code=ExitCode.OK)
    _assert_replaced(link, victim, b"{")


@pytest.mark.parametrize("folder", ["services", "services/north"])
def test_portfolio_refuses_a_planted_link_to_a_folder(run_cli, tmp_path: Path,
                                                      folder: str) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / folder).parent.mkdir(parents=True, exist_ok=True)
    (out / folder).symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("portfolio", _answers_folder(tmp_path), "-r", MINI, "-o", out,
                     "--as-of", "2026-11-01", "--service-reports", "--jobs", "1",
                     exit_code=ExitCode.INPUT)
    assert f"cannot write {out / folder}: it is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_the_rubric_cache_replaces_a_planted_link(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod_ladder.cli.checked_rubrics import cache_file, write_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    victim = tmp_path / "victim.txt"
    link = _plant(cache_file().parent, cache_file().name, victim)
    write_cache({"key": ("1.0.0", "A rubric")})
    _assert_replaced(link, victim, b"{")


# ---- files the user names: still followed -----------------------------------------------


def test_migrate_in_place_writes_through_a_link_the_user_named(run_cli, tmp_path: Path) -> None:
    real = tmp_path / "store" / "old.yaml"
    real.parent.mkdir()
    shutil.copy(OLD_SERVICE, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    run_cli("migrate", link, "--in-place", exit_code=ExitCode.OK)
    assert link.is_symlink()
    assert CURRENT in real.read_text(encoding="utf-8")


def test_migrate_out_writes_through_a_link_the_user_named(run_cli, tmp_path: Path) -> None:
    real = tmp_path / "store" / "new.yaml"
    real.parent.mkdir()
    real.write_text("# to be replaced\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    run_cli("migrate", OLD_SERVICE, "--out", link,
            exit_code=ExitCode.OK)
    assert link.is_symlink()
    assert CURRENT in real.read_text(encoding="utf-8")
