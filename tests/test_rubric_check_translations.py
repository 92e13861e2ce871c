"""`coprod rubric check` on a rubric with translations beside it, as a council's CI runs it.

A translation file in `translations/` beside the rubric is checked with it (missing and stale
texts are warnings, so --strict fails; drafts are one info finding, which never fails), is
never mistaken for a rubric, and names its own line for a stale text.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI, RunCli

from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import fingerprint, rubric_texts


def _translation(path: Path, texts: dict[str, tuple[str, str, str]], rubric: str) -> None:
    lines = ["format: coprod-rubric-translation/1", f"rubric: {rubric}", "language: cy",
             "texts:"]
    for key, (text, source, status) in texts.items():
        lines += [f"  {key}:", f"    text: {text!r}", f"    from: {source}",
                  f"    status: {status}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _folder(tmp_path: Path, *, stale: str | None = None, status: str = "reviewed",
            leave_out: str | None = None) -> tuple[Path, Path, dict[str, str]]:
    rubric_path = tmp_path / "mini.yaml"
    rubric_path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    rubric = load_rubric(str(rubric_path))[0]
    english = rubric_texts(rubric)
    texts = {key: (f"Cymraeg {n}", fingerprint(text), status)
             for n, (key, text) in enumerate(english.items()) if key != leave_out}
    if stale is not None:
        texts[stale] = ("Hen Gymraeg", "0123456789ab", status)
    translation_path = tmp_path / "translations" / f"{rubric.id}.cy.yaml"
    _translation(translation_path, texts, rubric.id)
    return rubric_path, translation_path, english


def test_a_complete_reviewed_translation_passes_strict_and_is_not_read_as_a_rubric(
        tmp_path: Path, run_cli: RunCli) -> None:
    _folder(tmp_path)
    done = run_cli("rubric", "check", "--strict", "--format", "parsable", tmp_path, exit_code=0)
    assert done.stdout == ""
    assert "2 files checked: 0 errors, 0 warnings" in done.stderr


def test_a_stale_translation_is_found_at_its_line_after_an_english_edit(
        tmp_path: Path, run_cli: RunCli) -> None:
    rubric_path, translation_path, english = _folder(tmp_path)
    key = next(iter(english))
    old = english[key]
    text = rubric_path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    rubric_path.write_text(text.replace(old, old + " Now changed.", 1), encoding="utf-8")
    done = run_cli("rubric", "check", "--strict", "--format", "parsable", rubric_path,
                   exit_code=1)
    line = translation_path.read_text(encoding="utf-8").splitlines().index(f"  {key}:") + 1
    assert f"{translation_path}:{line}:3: warning [translation-stale]" in done.stdout
    assert "(--strict: warnings fail)" in done.stderr
    run_cli("rubric", "check", rubric_path, exit_code=0)  # warnings alone pass without --strict


def test_a_missing_translation_is_a_warning_and_drafts_are_one_info_finding(
        tmp_path: Path, run_cli: RunCli) -> None:
    _, _, english = _folder(tmp_path, status="draft", leave_out="title")
    done = run_cli("rubric", "check", "--format", "parsable", tmp_path, exit_code=0)
    findings = done.stdout.splitlines()
    assert [f for f in findings if "[translation-missing]" in f] == [
        f for f in findings if "'title' has no cy translation" in f]
    drafts = [f for f in findings if "[translation-drafts]" in f]
    assert len(drafts) == 1 and " info " in drafts[0]
    assert f"{len(english) - 1} texts in use are drafts" in drafts[0]


def test_a_translation_of_an_unknown_rubric_is_an_error_naming_the_fix(
        tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "lost.cy.yaml"
    _translation(path, {"title": ("Teitl", "0123456789ab", "draft")}, "no-such-rubric")
    done = run_cli("rubric", "check", "--format", "parsable", path, exit_code=1)
    assert f"{path}:1:1: error [translation-unknown-rubric]" in done.stdout
    assert "coprod rubric check RUBRIC.yaml" in done.stdout
