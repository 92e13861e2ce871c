"""`coprod voice form`: the easy-read form for children, young people and parents.

The spec (only that group's questions, the age band only where the group is asked it, the
scale's words and symbols, the stamp), the page (self-contained, its CSP, escaping, the same
bytes twice) and the command (exit codes, the file it writes). tests/test_browser.py fills one
in Chromium, saves it and imports what it saved.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

import payloads
from coprod_ladder.errors import ExitCode
from coprod_ladder.form.page import asset_text, form_page
from coprod_ladder.form.voice_spec import (
    AGE_KEY,
    HELP_KEY,
    VOICE_FORM_STRINGS,
    VOICE_FORM_VERSION,
    voice_form_spec,
)
from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering.voice_words import (
    AGE_BAND_WORDS,
    AGE_BANDS_FOR,
    ANSWER_WORDS,
    HELPED_BY_WORDS,
)
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.voice.template import questions_for

REPO = Path(__file__).resolve().parents[1]
YOUTH = REPO / "examples" / "youth-service.yaml"
RUBRIC = load_rubric("default")[0]
SPEC_JSON = re.compile(r'<script type="application/json" id="form-spec">(.*?)</script>',
                       re.DOTALL)


def _spec(group: VoiceGroup, name: str = "Northfield Youth") -> dict:
    return voice_form_spec(RUBRIC, "northfield-youth", name, group)


@pytest.mark.parametrize("group", list(VoiceGroup))
def test_the_form_asks_only_the_questions_the_rubric_asks_of_that_group(
        group: VoiceGroup) -> None:
    spec = _spec(group)
    items = [q["key"].removeprefix("item.") for q in spec["questions"]
             if q["key"].startswith("item.")]
    asked = questions_for(RUBRIC, group)
    assert items == [q.item for q in asked] and items
    assert [q["title"] for q in spec["questions"] if q["key"].startswith("item.")] == [
        q.text for q in asked]
    others = {q.text for g in VoiceGroup if g is not group for q in questions_for(RUBRIC, g)}
    assert not others & {q["title"] for q in spec["questions"]} - {q.text for q in asked}
    assert spec["voice"]["items"] == items and spec["voice"]["group"] == group.value


@pytest.mark.parametrize("group", list(VoiceGroup))
def test_who_helped_is_asked_of_everyone_and_the_age_band_of_children_and_young_people(
        group: VoiceGroup) -> None:
    by_key = {q["key"]: q for q in _spec(group)["questions"]}
    assert [c["label"] for c in by_key[HELP_KEY]["choices"]] == list(HELPED_BY_WORDS.values())
    if group is VoiceGroup.PARENTS:
        assert AGE_KEY not in by_key
    else:
        assert [c["label"] for c in by_key[AGE_KEY]["choices"]] == [
            AGE_BAND_WORDS[b] for b in AGE_BANDS_FOR[group]]


def test_every_scale_answer_has_its_words_and_a_symbol_the_page_carries() -> None:
    spec = _spec(VoiceGroup.CHILDREN)
    page = form_page(spec)
    item = next(q for q in spec["questions"] if q["key"].startswith("item."))
    assert [c["label"] for c in item["choices"]] == list(ANSWER_WORDS.values())
    for choice in item["choices"]:
        assert f'<symbol id="{choice["symbol"]}"' in page
    assert all(q["optional"] for q in spec["questions"])  # nobody has to answer anything


def test_the_opening_says_you_can_stop_skip_and_stay_anonymous() -> None:
    for group in VoiceGroup:
        intro = _spec(group)["strings"]["intro"]
        assert "stop at any time" in intro and "Nobody will know which answers are yours" in intro
        assert "Northfield Youth" in intro and "{" not in intro
    assert _spec(VoiceGroup.CHILDREN)["strings"]["intro"] != _spec(
        VoiceGroup.PARENTS)["strings"]["intro"]


def test_the_form_is_stamped_and_keeps_answers_only_for_the_tab() -> None:
    spec = _spec(VoiceGroup.YOUNG_PEOPLE)
    assert spec["stamp"]["rubric"] == RUBRIC.id and spec["stamp"]["version"] == RUBRIC.version
    assert spec["stamp"]["form_version"] == VOICE_FORM_VERSION
    assert spec["voice"]["service"] == "northfield-youth"
    assert spec["storage"] == "session" and spec["writer"] == "voice"
    assert spec["storage_key"].endswith("/northfield-youth/young-people")


def test_the_page_is_self_contained_and_its_csp_allows_no_network() -> None:
    page = form_page(_spec(VoiceGroup.PARENTS))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert policy.startswith("default-src 'none'; ") and "unsafe" not in policy
    inline = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(inline) == 4 and asset_text("voice.js") in inline
    for body in inline:
        digest = hashlib.sha256(body.encode()).digest()
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "<img" not in page


def test_the_manager_form_carries_no_voice_writer_or_symbols() -> None:
    from coprod_ladder.form.spec import manager_form_spec

    page = form_page(manager_form_spec(RUBRIC, quick=True))
    assert "coprodWriters.voice" not in page and "<symbol id" not in page


def test_the_service_name_and_question_text_are_escaped() -> None:
    spec = _spec(VoiceGroup.YOUNG_PEOPLE, name=payloads.PAYLOAD)
    spec["questions"][-1]["title"] = payloads.PAYLOAD
    page = form_page(spec)
    assert payloads.PAYLOAD not in page
    found = SPEC_JSON.search(page)
    assert found and "<" not in found.group(1)
    assert json.loads(found.group(1))["questions"][-1]["title"] == payloads.PAYLOAD


def test_the_same_inputs_give_the_same_bytes() -> None:
    assert form_page(_spec(VoiceGroup.CHILDREN)) == form_page(_spec(VoiceGroup.CHILDREN))


def test_the_writer_keeps_its_wording_in_the_spec() -> None:
    script = asset_text("voice.js") + asset_text("form.js")
    for text in VOICE_FORM_STRINGS.values():
        for line in text if isinstance(text, list) else [text]:
            assert " " not in line or line not in script


# ---- the command ---------------------------------------------------------------------------------


def test_voice_form_writes_one_page_and_says_where(run_cli, tmp_path: Path) -> None:
    result = run_cli("voice", "form", YOUTH, "--for", "young-people", "--out",
                     tmp_path / "forms", exit_code=ExitCode.OK)
    (page,) = (tmp_path / "forms").iterdir()
    assert page.name == "northfield-youth.young-people.form.html"
    assert str(page) in result.stderr.replace("\n", "")
    text = page.read_text(encoding="utf-8")
    assert "Northfield Youth" in text and '"group":"young-people"' in text
    assert [p.name for p in (tmp_path / "forms").iterdir()] == [page.name]  # no temp file left


def test_voice_form_escapes_what_the_answers_file_says(run_cli, tmp_path: Path) -> None:
    hostile, _ = payloads.hostile_answers(tmp_path)
    run_cli("voice", "form", hostile, "--for", "parents", "--out", tmp_path / "o",
            exit_code=ExitCode.OK)
    (page,) = (tmp_path / "o").iterdir()
    assert payloads.PAYLOAD not in page.read_text(encoding="utf-8")


def test_voice_form_refuses_a_bad_output_folder(run_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("voice", "form", YOUTH, "--for", "parents", "--out", blocker / "forms",
                     exit_code=ExitCode.INPUT)
    assert "Traceback" not in result.stderr and str(blocker) in result.stderr


def test_voice_form_needs_a_group_it_knows(run_cli, tmp_path: Path) -> None:
    result = run_cli("voice", "form", YOUTH, "--for", "teachers", "--out", tmp_path,
                     exit_code=ExitCode.USAGE)
    assert "not a group" in result.stderr
    run_cli("voice", "form", YOUTH, "--out", tmp_path, exit_code=ExitCode.USAGE)
    assert list(tmp_path.iterdir()) == []


def test_voice_form_says_so_when_the_rubric_asks_that_group_nothing(run_cli,
                                                                   tmp_path: Path) -> None:
    service = REPO / "tests" / "data" / "answers" / "mini-service.yaml"
    mini = REPO / "tests" / "data" / "rubrics" / "mini.yaml"
    result = run_cli("voice", "form", service, "--for", "children", "-r", mini, "--out", tmp_path,
                     exit_code=ExitCode.FINDINGS)
    assert "asks no questions" in result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []


def test_voice_form_refuses_an_answers_file_it_cannot_read(run_cli, tmp_path: Path) -> None:
    result = run_cli("voice", "form", tmp_path / "missing.yaml", "--for", "parents",
                     "--out", tmp_path, exit_code=ExitCode.INPUT)
    assert "missing.yaml" in result.stderr


def test_what_the_form_says_is_easy_to_read() -> None:
    from reading_ease import flesch_reading_ease

    texts = [s for s in VOICE_FORM_STRINGS.values()  # sentences, not titles or headers
             if isinstance(s, str) and s.endswith(".")]
    texts += [_spec(g, name="the youth club")["strings"]["intro"] for g in VoiceGroup]
    for text in texts:
        assert flesch_reading_ease(text) >= 80, text  # "easy" or easier
        for sentence in re.split(r"(?<=[.?!:])\s+", text):
            assert len(sentence.split()) <= 20, sentence
    children = _spec(VoiceGroup.CHILDREN, name="the youth club")["strings"]["intro"]
    assert flesch_reading_ease(children) >= 90  # "very easy": for 8 to 12 year olds


def test_a_failed_write_leaves_no_form_behind(run_cli, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from coprod_ladder import atomic_files

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", full)
    result = run_cli("voice", "form", YOUTH, "--for", "children", "--out", tmp_path / "o",
                     exit_code=ExitCode.INPUT)
    assert "the disk is full" in result.stderr
    assert [p for p in (tmp_path / "o").rglob("*") if p.is_file()] == []
