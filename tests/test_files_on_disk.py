"""Reading and writing files: the collector's rules, atomic writes, symlinks and leftovers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coprod_ladder import atomic_files
from coprod_ladder.answers.read import load_answers
from coprod_ladder.answers.write import save_answers
from coprod_ladder.atomic_files import remove_stale_temp_files, write_atomically
from coprod_ladder.collect import collect_yaml_files
from coprod_ladder.errors import OutputError
from coprod_ladder.rubric.load import load_rubric

DATA = Path(__file__).parent / "data"
MINI, _ = load_rubric(str(DATA / "rubrics" / "mini.yaml"))
SERVICE = DATA / "answers" / "mini-service.yaml"


def _tree(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("a: 1\n", encoding="utf-8")


# ---- collecting files -------------------------------------------------------------------------


def test_a_folder_gives_its_yaml_files_sorted_skipping_hidden_names(tmp_path: Path) -> None:
    _tree(tmp_path, "b.yaml", "a.YML", "sub/c.Yaml", "notes.txt", ".hidden.yaml",
          ".github/workflows/ci.yml", "sub/.cache/x.yaml", "z.yaml.bak")
    found = collect_yaml_files([tmp_path])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == [
        "a.YML", "b.yaml", "sub/c.Yaml"]
    assert found.problems == []


@pytest.mark.parametrize("given", [".", "./areas", "areas/", "areas//north/"])
def test_files_found_are_spelled_as_paths_spell_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    # Reports, findings and service ids' files name the paths the way a user reads them:
    # 'areas/north/a.yaml', never './areas/north/a.yaml' or 'areas//north/a.yaml'.
    (tmp_path / "areas" / "north").mkdir(parents=True)
    (tmp_path / "areas" / "north" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert collect_yaml_files([Path(given)]).files == ["areas/north/a.yaml"]


def test_a_hidden_file_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    _tree(tmp_path, ".pre-commit-config.yaml")
    assert collect_yaml_files([tmp_path / ".pre-commit-config.yaml"]).files == [
        str(tmp_path / ".pre-commit-config.yaml")]


def test_symlinks_are_followed_and_each_file_listed_once(tmp_path: Path) -> None:
    _tree(tmp_path, "real/a.yaml")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "loop").symlink_to(tmp_path)  # a link back up the tree
    (tmp_path / "b.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    found = collect_yaml_files([tmp_path, tmp_path / "real" / "a.yaml"])
    assert len(found.files) == 1 and found.problems == []


def test_missing_paths_dangling_links_and_pipes_are_problems(tmp_path: Path) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(tmp_path / "pipe.yml")
    found = collect_yaml_files([tmp_path, tmp_path / "missing"])
    assert found.files == []
    assert [(p.path, p.code, p.message.split(";")[0]) for p in found.problems] == [
        (str(tmp_path / "gone.yaml"), "unreadable",
         "the link leads to nothing (its target was moved or deleted)"),
        (str(tmp_path / "pipe.yml"), "unreadable", "this is a named pipe (FIFO), not a regular "
                                                   "file"),
        (str(tmp_path / "missing"), "unreadable", "no such file or folder"),
    ]


# ---- writing files ----------------------------------------------------------------------------


def test_a_symlinked_answers_file_is_updated_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "store" / "harbour.answers.yaml"
    real.parent.mkdir()
    answers, _ = load_answers(SERVICE, MINI)
    save_answers(real, answers, rubric=MINI)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    changed = answers.model_copy(update={"assessed_by": "Someone new"})
    save_answers(link, changed, rubric=MINI)
    assert link.is_symlink()
    assert load_answers(real, MINI)[0].assessed_by == "Someone new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "store"]
    assert [p.name for p in real.parent.iterdir()] == ["harbour.answers.yaml"]


def test_temp_files_a_killed_save_left_are_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "a.answers.yaml"
    leftovers = [tmp_path / ".a.answers.yaml.k3j_9xqa.tmp",
                 tmp_path / ".a.answers.yaml.00000000.tmp"]
    for leftover in leftovers:
        leftover.write_text("half a file", encoding="utf-8")
    other = tmp_path / ".b.answers.yaml.k3j_9xqa.tmp"  # another file's: not ours to remove
    other.write_text("x", encoding="utf-8")
    write_atomically(path, "new\n", durable=True)  # as save_answers writes
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, path.name]
    assert remove_stale_temp_files(path) == []


def test_a_run_clears_temp_files_a_killed_run_left_in_its_output_folder(
        run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "services" / "north").mkdir(parents=True)
    leftovers = [out / ".harbour-youth.html.ab12cd34.tmp",
                 out / "services" / "north" / ".s1.json.zz_9yy8x.tmp"]
    for leftover in leftovers:
        leftover.write_text("half a report", encoding="utf-8")
    kept = out / "notes.tmp"  # not coprod's naming: left alone
    kept.write_text("mine", encoding="utf-8")
    run_cli("score", SERVICE, "-r", DATA / "rubrics" / "mini.yaml", "-o", out, exit_code=0)
    assert not any(leftover.exists() for leftover in leftovers)
    assert kept.exists()


def test_an_interrupt_at_any_step_leaves_the_old_file_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.html"
    path.write_text("old\n", encoding="utf-8")
    for step in ("open", "fdopen", "chmod", "replace"):
        real = getattr(atomic_files.os, step)

        def interrupted(*args: object, _real: object = real, **kwargs: object) -> object:
            result = _real(*args, **kwargs)  # type: ignore[operator]
            if hasattr(result, "close"):
                result.close()  # the handle this simulation never hands back
            raise KeyboardInterrupt  # as a signal handled right after the call returns

        with monkeypatch.context() as patch:
            patch.setattr(atomic_files.os, step, interrupted)
            with pytest.raises(KeyboardInterrupt):
                write_atomically(path, "new\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"], step
        assert path.read_text(encoding="utf-8") == ("new\n" if step == "replace" else "old\n")
        path.write_text("old\n", encoding="utf-8")


def test_a_write_error_names_the_path_and_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "report.html").mkdir()
    with pytest.raises(OutputError, match=r"report\.html: a folder is in the way; move or "
                                          r"rename it"):
        write_atomically(tmp_path / "report.html", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_one_index_removes_leftovers_in_every_folder_listing_each_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod_ladder.atomic_files import LeftoverIndex
    from coprod_ladder.report_files import RenderedReports, write_service_reports

    (tmp_path / "north").mkdir()
    mine = [tmp_path / ".a.html.ab12cd34.tmp", tmp_path / "north" / ".b.json.zz_9yy8x.tmp"]
    theirs = tmp_path / "north" / ".c.json.zz_9yy8x.tmp"  # a file not written this time
    for leftover in (*mine, theirs):
        leftover.write_text("half a report", encoding="utf-8")
    listed: list[str] = []
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda folder: listed.append(str(folder))
                        or real_listdir(folder))
    index = LeftoverIndex(tmp_path)
    reports = RenderedReports((("html", b"<p>\n"), ("json", b"{}\n")))
    for name in ("a", "north/b", "north/d", "north/e"):
        write_service_reports(tmp_path, name, reports, leftovers=index)
    assert not any(leftover.exists() for leftover in mine)
    assert theirs.exists()
    assert sorted(listed) == sorted([str(tmp_path), str(tmp_path / "north")])
    assert (tmp_path / "north" / "e.json").read_bytes() == b"{}\n"
