"""`coprod rubric translations export|import`: a rubric's translation round-trips through PO."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_ladder.model import Rubric
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import TranslatedText, Translation, fingerprint, rubric_texts
from coprod_ladder.rubric.translation_file import read_translation
from coprod_ladder.rubric.translation_po import export_po, import_po, translation_yaml

ROOT = Path(__file__).resolve().parent.parent


def _rubric() -> Rubric:
    return load_rubric(None)[0]


RUBRIC = _rubric()
KEYS = list(rubric_texts(RUBRIC))
# Any words a translator might type: letters of any script, quotes, backslashes, new lines.
WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                              whitelist_characters="\n"), min_size=1, max_size=40).map(
    str.strip).filter(bool)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), st.tuples(WORDS, st.booleans()), max_size=8))
def test_a_translation_comes_back_from_its_po_file_as_it_went(
        chosen: dict[str, tuple[str, bool]]) -> None:
    english = rubric_texts(RUBRIC)
    texts = {key: TranslatedText(text, fingerprint(english[key]),
                                 "reviewed" if reviewed else "draft")
             for key, (text, reviewed) in chosen.items()}
    translation = Translation(RUBRIC.id, "cy", {k: texts[k] for k in KEYS if k in texts})
    back, problems = import_po(export_po(RUBRIC, "cy", translation), "x.po", RUBRIC)
    assert problems == []
    assert back == translation
    # ...and the translation file written from it reads back the same.
    assert back is not None
    again, _, found = read_translation(translation_yaml(back, RUBRIC), "t.yaml")
    assert found == []
    assert again == translation


def _filled(po: bytes, key: str, text: str, *, fuzzy: bool) -> bytes:
    """The PO file with `key`'s entry translated, as a translator's tool would save it."""
    lines = po.decode().split("\n")
    at = lines.index(f'msgctxt "{key}"')
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr"))
    lines[end] = f'msgstr "{text}"'
    if not fuzzy and lines[at - 1] == "#, fuzzy":
        del lines[at - 1]
    return "\n".join(lines).encode()


def test_fuzzy_is_a_draft_and_a_cleared_flag_is_reviewed() -> None:
    po = export_po(RUBRIC, "cy")
    po = _filled(po, "title", "Ysgol cydgynhyrchu", fuzzy=False)
    po = _filled(po, KEYS[2], "Drafft", fuzzy=True)
    back, _ = import_po(po, "x.po", RUBRIC)
    assert back is not None
    assert back.language == "cy"
    assert {k: t.status for k, t in back.texts.items()} == {"title": "reviewed", KEYS[2]: "draft"}


def test_text_translated_from_older_english_keeps_the_older_fingerprint() -> None:
    po = _filled(export_po(RUBRIC, "cy"), "title", "Ysgol", fuzzy=False)
    old_english = rubric_texts(RUBRIC)["title"]
    edited = po.replace(f'msgid "{old_english}"'.encode(), b'msgid "An older title"')
    back, _ = import_po(edited, "x.po", RUBRIC)
    assert back is not None
    assert back.texts["title"].source_fingerprint == fingerprint("An older title")
    # so exporting again flags it for review, with the Welsh kept for the translator
    again = export_po(RUBRIC, "cy", back).decode()
    assert '#, fuzzy\nmsgctxt "title"\nmsgid "Ladder' in again
    assert 'msgstr "Ysgol"' in again


def test_an_unknown_key_is_a_warning_at_its_line_and_left_out() -> None:
    po = export_po(RUBRIC, "cy") + (
        b'\nmsgctxt "criteria.gone.statement"\nmsgid "Old"\nmsgstr "Hen"\n')
    back, problems = import_po(po, "x.po", RUBRIC)
    assert back is not None and back.texts == {}
    [problem] = problems
    assert (problem.code, str(problem.severity)) == ("translation-unknown-key", "warning")
    assert problem.line == po.decode().split("\n").index('msgctxt "criteria.gone.statement"') + 1


@pytest.mark.parametrize(("raw", "code"), [
    (b"this is not a PO file\n", "translation-po-invalid"),
    (b'msgid ""\nmsgstr ""\n\nmsgctxt "title"\nmsgid "x"\nmsgstr "y"\n', "translation-po-language"),
])
def test_a_po_file_coprod_cannot_use_is_an_error_saying_what_to_do(raw: bytes, code: str) -> None:
    back, [problem] = import_po(raw, "x.po", RUBRIC)
    assert back is None
    assert problem.code == code
    assert "export" in problem.message or "Language" in problem.message


def _coprod(*args: str, cwd: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **environ}
    return subprocess.run([sys.executable, "-m", "coprod_ladder", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_export_is_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    first = _coprod("rubric", "translations", "export", "default", "--lang", "cy", cwd=tmp_path)
    second = _coprod("rubric", "translations", "export", "default", "--lang", "cy",
                     cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "POT-Creation-Date" not in first.stdout  # no clock in the file
    # Spoken in Welsh, the English to translate is still the English.
    welsh = _coprod("rubric", "translations", "export", "default", "--lang", "cy",
                    cwd=tmp_path, COPROD_LANG="cy")
    assert welsh.stdout == first.stdout


def test_the_journey_export_translate_import_check(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text((ROOT / "rubrics" / "default.yaml").read_text().replace(
        "\nid: default\n", "\nid: mine\n", 1))
    done = _coprod("rubric", "translations", "export", "mine.yaml", "--lang", "cy",
                   "--out", "mine.cy.po", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "wrote mine.cy.po" in done.stderr + done.stdout
    po = _filled((tmp_path / "mine.cy.po").read_bytes(), "title", "Ysgol", fuzzy=True)
    (tmp_path / "mine.cy.po").write_bytes(po)
    done = _coprod("rubric", "translations", "import", "mine.yaml", "mine.cy.po", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 of 513 texts translated, 1 of them drafts" in done.stderr + done.stdout
    written = tmp_path / "translations" / "mine.cy.yaml"
    translation, _, problems = read_translation(written.read_bytes(), str(written))
    assert problems == [] and translation is not None
    assert translation.texts["title"].text == "Ysgol"
    check = _coprod("rubric", "check", "--format", "json", "mine.yaml", cwd=tmp_path)
    assert '"translation-missing"' in check.stdout
    assert '"translation-drafts"' in check.stdout


@pytest.mark.parametrize(("args", "code", "says"), [
    (("import", "default", "x.po"), 2, "give --out FILE"),
    (("import", "mine.yaml", "nowhere.po"), 3, "nowhere.po"),
    (("import", "mine.yaml", "bad.po"), 3, "not a PO file"),
    (("import", "mine.yaml", "unknown.po"), 1, "translation-unknown-key"),
    (("export", "mine.yaml", "--lang", "cy", "--out", "folder"), 3, "folder"),
    (("export", "no-such-rubric", "--lang", "cy"), 3, "no-such-rubric"),
])
def test_each_cause_has_its_exit_code_and_names_the_file(
        tmp_path: Path, args: tuple[str, ...], code: int, says: str) -> None:
    (tmp_path / "mine.yaml").write_text((ROOT / "rubrics" / "default.yaml").read_text()
                                        .replace("\nid: default\n", "\nid: mine\n", 1))
    (tmp_path / "bad.po").write_text("garbage\n")
    (tmp_path / "unknown.po").write_bytes(
        export_po(RUBRIC, "cy") + b'\nmsgctxt "nope.x"\nmsgid "a"\nmsgstr "b"\n')
    (tmp_path / "folder").mkdir()
    done = _coprod("rubric", "translations", *args, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_the_translation_file_written_passes_yamllint_and_reads_back(tmp_path: Path) -> None:
    long = " ".join(["Testun hir iawn, gyda “dyfynodau”, 'collnodau' a: colonau."] * 12)
    english = rubric_texts(RUBRIC)
    translation = Translation(RUBRIC.id, "cy", {
        key: TranslatedText(long if n % 2 else "na", fingerprint(english[key]))
        for n, key in enumerate(KEYS[:6])})
    written = tmp_path / "default.cy.yaml"
    written.write_text(translation_yaml(translation, RUBRIC), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-c",
                           str(ROOT / ".yamllint"), str(written)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout
    again, _, problems = read_translation(written.read_bytes(), str(written))
    assert problems == [] and again == translation
