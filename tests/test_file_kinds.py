"""A folder may hold answers, voice files, rubrics and files coprod wrote: each command takes
the kind it reads and names the files it left alone, instead of failing them as broken answers
files. The kind comes from the `format:` line in a file's first few KB (`collect.file_kinds`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_ladder import model
from coprod_ladder.cli import app
from coprod_ladder.collect import FORMATS, HEAD_BYTES, FileKind, file_kinds, kind_of_head

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
MINI = DATA / "rubrics" / "mini.yaml"
SERVICE = DATA / "answers" / "mini-service.yaml"
VOICE = ("format: coprod-voice/1\nrubric: {id: mini, version: 1.0.0}\nservice: harbour-youth\n"
         "respondents: []\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("head", "kind"), [
    (b"format: coprod-answers/1\nrubric: {id: a, version: 1.0.0}\n", FileKind.ANSWERS),
    (b"# a comment first\nformat: coprod-voice/1\nservice: x\n", FileKind.VOICE),
    (b"\xef\xbb\xbfformat: 'coprod-rubric/1'\nid: r\n", FileKind.RUBRIC),
    (b'format: "coprod-report/2"  # written by coprod\n', FileKind.OTHER),
    (b'format: "coprod-report/3"\n', FileKind.OTHER),
    (b"format: coprod-portfolio/2\n", FileKind.OTHER),
    (b"id: r\nversion: 1.0.0\nlicence: CC-BY-4.0\nrungs: []\n", FileKind.RUBRIC),
    (b"format: coprod-rubric/9\nid: r\nrungs: []\n", FileKind.RUBRIC),
    (b"rubric: {id: a, version: 1.0.0}\nservice: {id: s, name: S}\n", FileKind.ANSWERS),
    (b"format: coprod-answers/9\nrubric: {id: a, version: 1.0.0}\n", FileKind.ANSWERS),
    (b"rungs: []\nservice: {id: s, name: S}\n", FileKind.ANSWERS),
    (b"answers:\n  format: coprod-voice/1\n", FileKind.ANSWERS),
    (b"", FileKind.ANSWERS),
    (b"\x00\x01binary", FileKind.ANSWERS),
], ids=["answers", "voice-after-comment", "rubric-bom-quoted", "other", "report-3",
        "portfolio-2", "plain-rubric", "unknown-format-plain-rubric", "no-format-answers",
        "unknown-format", "mixed-keys", "nested-format", "empty", "binary"])
def test_a_files_kind_comes_from_its_format_line(head: bytes, kind: FileKind) -> None:
    assert kind_of_head(head) is kind


def test_every_format_the_models_declare_is_known() -> None:
    for declared, kind in [(model.Answers, FileKind.ANSWERS), (model.Rubric, FileKind.RUBRIC)]:
        assert FORMATS[declared.model_fields["format"].default] is kind


def test_only_the_first_few_kb_are_read(tmp_path: Path) -> None:
    late = tmp_path / "late.yaml"
    late.write_bytes(b"#" * HEAD_BYTES + b"\nformat: coprod-voice/1\n")
    early = tmp_path / "early.yaml"
    early.write_bytes(b"format: coprod-voice/1\n" + b"#" * HEAD_BYTES + b"\n")
    kinds = file_kinds([str(late), str(early), str(tmp_path / "gone.yaml")])
    assert kinds.of(FileKind.VOICE) == [str(early)]
    # A file past its head, or one that cannot be opened, is read as answers, as before.
    assert kinds.of(FileKind.ANSWERS) == [str(late), str(tmp_path / "gone.yaml")]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(SERVICE, folder / "harbour.yaml")
    (folder / "harbour-voice.yaml").write_text(VOICE, encoding="utf-8")
    for n in range(5):
        (folder / f"voice-{n}.yaml").write_text(VOICE, encoding="utf-8")
    shutil.copy(MINI, folder / "mini-rubric.yaml")
    return folder


def test_score_reads_the_answers_and_names_what_it_left_alone(mixed: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "reports"
    code, _, err = run("score", str(mixed), "-r", str(MINI), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "harbour-youth.html", "harbour-youth.json", "harbour-youth.md"]
    assert (f"note: 6 voice files are read as the voice of the services they name, not "
            f"scored as answers: {mixed / 'harbour-voice.yaml'}, {mixed / 'voice-0.yaml'}, "
            f"{mixed / 'voice-1.yaml'}"
            " and 3 more\n") in err
    assert (f"note: 1 rubric left alone (score reads answers files): "
            f"{mixed / 'mini-rubric.yaml'}\n") in err
    assert "1 service scored, 0 files failed" in err


def test_portfolio_reads_the_answers_and_names_what_it_left_alone(mixed: Path,
                                                                 tmp_path: Path) -> None:
    code, _, err = run("portfolio", str(mixed), "-r", str(MINI), "-o", str(tmp_path / "p"))
    assert code == 0, err
    assert ("note: 6 voice files are read as the voice of the services they name, not scored "
            "as answers") in err
    assert "note: 1 rubric left alone (portfolio reads answers files)" in err
    assert "1 service scored, 0 files failed" in err


def test_a_folder_with_no_answers_files_has_nothing_to_score(tmp_path: Path) -> None:
    (tmp_path / "only-voice.yaml").write_text(VOICE, encoding="utf-8")
    code, _, err = run("score", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 3
    assert "note: 1 voice file is read as the voice of the service it names" in err
    assert "answers files" in err


def test_a_file_of_no_known_format_still_fails_as_answers(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text("format: coprod-answers/9\n", encoding="utf-8")
    code, _, err = run("score", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "left alone" not in err
    assert "expected 'coprod-answers/1'; got 'coprod-answers/9'" in err
