"""The whole journey in Welsh, from the command line: no English escapes (issue 26, item 5).

Every command a Welsh council runs (help, demo's reports in every format, portfolio, the
manager's form, a voice form, "you said, we did") is run with `--lang cy` in a fresh process,
and its output is searched for English: message ids coprod has (wrapped but not translated)
and common English words (text nobody wrapped). What the user supplied (names, evidence,
notes, children's words in the examples) and rubric text still in English (listed by the
report as such) are removed first.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_ladder.language import READY, using
from coprod_ladder.language.notices import _DRAFT
from coprod_ladder.rubric.load import load_rubric
from welsh_check import english_words, untranslated_messages, visible_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [
            k for k in value if isinstance(k, str)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _supplied() -> list[str]:
    """Every string the example files hold, and the rubric's texts still in English."""
    found: list[str] = []
    for path in sorted(EXAMPLES.rglob("*.y*ml")):
        found += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for ref in ("default", "iap2"):
        # The rubric's own text (in Welsh, and any still in English), and the names of
        # frameworks and standards it quotes as they are (maps_to, sources, attribution).
        with using("cy"):
            found += _strings(load_rubric(ref)[0].model_dump(mode="json"))
        found += _strings(load_rubric(ref)[0].model_dump(mode="json"))
    # The notice that the Welsh is a draft is said in English too, on purpose.
    found.append(_DRAFT)
    # Proper names and codes coprod prints as they are.
    found += ["coprod", "CAMHS", "SEND", "Microsoft Forms", "SmartSurvey", "SurveyMonkey"]
    return [s for s in found if len(s) > 1]


SUPPLIED = _supplied()


def _coprod(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update({"COPROD_LANG": "cy", "NO_COLOR": "1", "COLUMNS": "120"})
    env.pop("COPROD_PREVIEW_LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "coprod_ladder", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False,
                          stdin=subprocess.DEVNULL)


def _english_in(text: str) -> list[str]:
    return untranslated_messages(text, SUPPLIED) + english_words(text, SUPPLIED)


def _readable(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return visible_text(text)
    if path.suffix == ".md":
        return re.sub(r"\\(.)", r"\1", text)  # Markdown's escapes: the words are the same
    if path.suffix == ".json":
        return "\n".join(_strings(json.loads(text)))
    return text


def test_welsh_is_ready() -> None:
    assert "cy" in READY


@pytest.mark.parametrize("args", [
    ("--help",), ("score", "--help"), ("demo", "--help"), ("portfolio", "--help"),
    ("assess", "--help"), ("form", "--help"), ("rubric", "check", "--help"),
    ("voice", "--help"), ("voice", "form", "--help"), ("voice", "back", "--help"),
])
def test_help_is_welsh(args: tuple[str, ...], tmp_path: Path) -> None:
    done = _coprod(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _english_in(done.stdout) == []


def test_the_demo_reports_are_welsh_in_every_format(tmp_path: Path) -> None:
    done = _coprod("demo", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _english_in(done.stdout + done.stderr) == []
    written = sorted(p for p in (tmp_path / "out").rglob("*") if p.suffix in (".html", ".md"))
    assert written
    for path in written:
        assert (path.name, _english_in(_readable(path))) == (path.name, [])
    html = unescape(next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8"))
    assert '<html lang="cy"' in html
    assert "Drafft yw'r testun Cymraeg" in html
    assert "awaits review by a Welsh speaker" in html  # and in English too


def test_the_portfolio_is_welsh(tmp_path: Path) -> None:
    done = _coprod("portfolio", str(EXAMPLES), "--out", "p", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for path in sorted((tmp_path / "p").rglob("*")):
        if path.suffix in (".html", ".md"):
            assert (path.name, _english_in(_readable(path))) == (path.name, [])


def test_the_forms_are_welsh(tmp_path: Path) -> None:
    assert _coprod("form", "--out", "form.html", cwd=tmp_path).returncode == 0
    [page] = sorted((tmp_path / "form.html").glob("*.html"))
    assert _english_in(_readable(page)) == []
    # A form in Welsh only says, in Welsh and English, that its Welsh is a draft.
    assert "Drafft yw'r testun Cymraeg" in unescape(page.read_text(encoding="utf-8"))
    done = _coprod("voice", "form", str(EXAMPLES / "youth-service.yaml"), "--for",
                   "young-people", "--out", "v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for path in sorted((tmp_path / "v").rglob("*.html")):
        assert (path.name, _english_in(_readable(path))) == (path.name, [])


def test_a_welsh_paper_form_is_read_back_whatever_language_coprod_speaks(
        tmp_path: Path) -> None:
    import csv

    done = _coprod("voice", "template", str(EXAMPLES / "youth-service.yaml"), "--for",
                   "young-people", "--out", "t", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = next((tmp_path / "t").glob("*.form.txt")).read_text(encoding="utf-8")
    assert _english_in(text) == []
    assert "Weithiau" in text and "Sometimes" not in text
    paper = next((tmp_path / "t").glob("*.paper.csv"))
    with paper.open(encoding="utf-8-sig", newline="") as handle:
        [header] = list(csv.reader(handle))
    row = ["1", "Weithiau", "Bob amser"] + [""] * (len(header) - 4)
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, ["", *row]])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "COPROD_"))}
    english = subprocess.run(
        [sys.executable, "-m", "coprod_ladder", "voice", "import", str(filled), "--service",
         "northfield-youth", "--for", "young-people", "--out", "v"], cwd=tmp_path,
        env={**env, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=120, check=False)
    assert english.returncode == 0, english.stderr
    voice = yaml.safe_load((tmp_path / "v" / "northfield-youth.voice.yaml").read_text())
    [respondent] = voice["respondents"]
    assert sorted(respondent["answers"].values()) == ["always", "sometimes"]
