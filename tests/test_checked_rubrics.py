"""`coprod rubric list` remembers rubrics that passed every check, and only those."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_ladder import resources
from coprod_ladder.cli import checked_rubrics
from coprod_ladder.errors import ExitCode


@pytest.fixture
def shipped(tmp_path: Path, mini_text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "good.yaml").write_text(mini_text)
    monkeypatch.setattr(resources, "rubrics_dir", lambda: folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the rubric was loaded again")

    monkeypatch.setattr("coprod_ladder.rubric.load.load_rubric", refuse)


def test_a_clean_rubric_is_listed_the_second_time_without_loading_it(
        run_cli, shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_cli("rubric", "list", exit_code=ExitCode.OK)
    assert checked_rubrics.cache_file().is_file()
    _no_loading(monkeypatch)
    assert run_cli("rubric", "list", exit_code=ExitCode.OK).stdout == first.stdout
    assert first.stdout == "good  1.0.0  A small rubric for tests\n"


def test_an_edited_rubric_is_checked_again(run_cli, shipped: Path) -> None:
    run_cli("rubric", "list", exit_code=ExitCode.OK)
    good = shipped / "good.yaml"
    good.write_text(good.read_text().replace("    level: 3", "    level: 2"))
    result = run_cli("rubric", "list", exit_code=ExitCode.INPUT)
    assert result.stdout == "good  ?  (has errors: see below)\n"
    assert "error [duplicate-level]" in result.stderr


def test_a_change_to_coprod_itself_means_checking_again(
        run_cli, shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli("rubric", "list", exit_code=ExitCode.OK)
    monkeypatch.setattr(checked_rubrics, "code_digest", lambda: "another coprod")
    loaded: list[str] = []
    real = checked_rubrics_loader()
    monkeypatch.setattr("coprod_ladder.rubric.load.load_rubric",
                        lambda name: loaded.append(name) or real(name))
    run_cli("rubric", "list", exit_code=ExitCode.OK)
    assert loaded == ["good"]


def checked_rubrics_loader():  # the real loader, before a test replaces it
    from coprod_ladder.rubric.load import load_rubric

    return load_rubric


@pytest.mark.parametrize("content", ["not json", '{"format": "other"}',
                                     '{"format": "coprod-checked-rubrics/1", "rubrics": 3}'])
def test_a_damaged_cache_is_ignored_and_replaced(run_cli, shipped: Path, content: str) -> None:
    path = checked_rubrics.cache_file()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    result = run_cli("rubric", "list", exit_code=ExitCode.OK)
    assert result.stdout == "good  1.0.0  A small rubric for tests\n"
    assert json.loads(path.read_text())["format"] == checked_rubrics.CACHE_FORMAT


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(
        run_cli, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = run_cli("rubric", "list", exit_code=ExitCode.OK)
    assert result.stdout == "good  1.0.0  A small rubric for tests\n"
    assert result.stderr == ""
