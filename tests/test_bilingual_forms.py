"""Bilingual forms (issue 26, item 3): Welsh first and the English beside it, on the manager's
form and on every group's easy-read voice form.

Rendered in-process by the functions cli/form.py and cli/voice.py call, with
`bilingual=True`: the page is `<html lang="cy">`; every text (the page title, a question, a
button, the script's run-time sentences) is in both languages, the Welsh first and the English
in a span marked `lang="en-GB"`; a text the same in both is shown once; ids, rules and the
saved file are those of one language. In Chromium, axe passes and the run-time "saved" line
is in both languages, Welsh first. The English-only and Welsh-only forms are tested, unchanged,
by tests/test_form.py, tests/test_voice_form.py and tests/test_welsh_forms.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from browser.ready import browser_missing
from coprod_ladder.answers.read import load_answers
from coprod_ladder.form.page import form_page
from coprod_ladder.form.page_words import (
    PLURAL_RULES,
    filled,
    flat,
    pair,
    rubric_file_in_other_language,
)
from coprod_ladder.form.spec import manager_form_spec
from coprod_ladder.form.voice_spec import voice_form_spec
from coprod_ladder.language import gettext, using
from coprod_ladder.language.notices import _DRAFT
from coprod_ladder.model import TextLanguage, VoiceGroup
from coprod_ladder.rubric.load import load_rubric

REPO = Path(__file__).resolve().parent.parent
YOUTH = REPO / "examples" / "youth-service.yaml"
ENGLISH_RUBRIC, _ = load_rubric("default")
with using("cy"):
    WELSH_RUBRIC, _ = load_rubric("default")
SERVICE = ("northfield-youth", "Northfield Youth")
SECOND = '<span class="second-language" lang="en-GB">'
_TO_YOUNG_KEPT = ("Your answers stay on this device only while this page is open. When you save "
                  "them, or close the page, they are wiped, so the next person cannot see them.")


def _made(kind: str, rubric: Any, **options: Any) -> dict[str, Any]:
    if kind.startswith("voice "):
        group = VoiceGroup(kind.removeprefix("voice "))
        return voice_form_spec(rubric, *SERVICE, group, **options)
    answers = load_answers(YOUTH, ENGLISH_RUBRIC)[0] if kind == "manager from answers" else None
    return manager_form_spec(rubric, quick=kind != "manager full", answers=answers,
                             send_to="Sam Patel", **options)


def _three(kind: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(bilingual, Welsh only, English only) specs of one form."""
    with using("cy"):
        welsh = _made(kind, WELSH_RUBRIC)
    return _made(kind, ENGLISH_RUBRIC, bilingual=True), welsh, _made(kind, ENGLISH_RUBRIC)


KINDS = ["manager full", "manager quick", "manager from answers",
         *[f"voice {g.value}" for g in VoiceGroup]]


def _in_order(page: str, welsh: str, english: str) -> None:
    """The Welsh, then straight after it the English marked as English, in the page."""
    expected = f"{_html(welsh)}{SECOND}{_html(english)}</span>"
    assert expected in page, expected


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;").replace('"', "&#34;")


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_says_each_text_in_welsh_then_in_english(kind: str) -> None:
    both, welsh, english = _three(kind)
    page = form_page(both)
    assert '<html lang="cy">' in page
    title = (welsh["strings"]["title"].format(rubric=welsh["stamp"]["title"]),
             english["strings"]["title"].format(rubric=english["stamp"]["title"]))
    assert title[0] != title[1]
    _in_order(page, *title)  # the heading
    assert f"<title>{_html(title[0])} / {_html(title[1])}</title>" in page
    with using("cy"):
        skip = gettext("Skip to the questions")
    assert skip != "Skip to the questions"
    _in_order(page, skip, "Skip to the questions")


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_the_script_writes_is_welsh_then_english(kind: str) -> None:
    both, welsh, english = _three(kind)
    for role, text in both["strings"].items():
        if role == "file_header":
            # Comments in the saved file: the Welsh lines, then the English ones.
            assert text == welsh["strings"][role] + english["strings"][role]
        else:
            assert text == pair(welsh["strings"][role], english["strings"][role]), role
    assert isinstance(both["strings"]["save"], dict)
    assert list(both["strings"]["save"]) == ["cy", "en"]  # Welsh first
    for role, forms in both.get("plurals", {}).items():
        assert forms == {"cy": welsh["plurals"][role], "en": english["plurals"][role]}
    assert both["plural_rule"] == {"cy": PLURAL_RULES["cy"], "en": PLURAL_RULES["en"]}
    assert (both["lang"], both["second_lang"]) == ("cy", "en-GB")
    for b, w, e in zip(both["questions"], welsh["questions"], english["questions"],
                       strict=True):
        assert b["title"] == pair(w["title"], e["title"])
        assert b["help"] == pair(w["help"], e["help"])
        for bc, wc, ec in zip(b["choices"], w["choices"], e["choices"], strict=True):
            assert bc["label"] == pair(wc["label"], ec["label"])
    asked = [q for q in both["questions"] if isinstance(q["title"], dict)]
    assert asked, "no question is in both languages"


@pytest.mark.parametrize("kind", KINDS)
def test_ids_rules_and_the_saved_file_are_those_of_one_language(kind: str) -> None:
    both, welsh, english = _three(kind)
    for key in ("storage_key", "rules", "prefill", "duties", "types", "rungs", "items",
                "format", "theme", "send_to"):
        assert both[key] == welsh[key] == english[key], key
    for spec in (welsh, english):
        assert [(q["key"], q["when"], [c["id"] for c in q["choices"]]) for q in both["questions"]] \
            == [(q["key"], q["when"], [c["id"] for c in q["choices"]]) for q in spec["questions"]]
    if "voice" in both:
        assert both["voice"] == welsh["voice"] == english["voice"]


@pytest.mark.parametrize("kind", ["manager quick", "voice children", "voice parents"])
def test_the_rubric_may_be_given_in_either_language(kind: str) -> None:
    with using("cy"):
        from_welsh = _made(kind, WELSH_RUBRIC, bilingual=True)
    assert from_welsh == _made(kind, ENGLISH_RUBRIC, bilingual=True)
    assert form_page(from_welsh) == form_page(_made(kind, ENGLISH_RUBRIC, bilingual=True))


def test_a_rubric_file_in_welsh_needs_its_english_passed() -> None:
    unshipped = WELSH_RUBRIC.model_copy(update={"version": "9.9.9"})
    unshipped._text_language = WELSH_RUBRIC.text_language
    with pytest.raises(ValueError, match="pass other_language="):
        manager_form_spec(unshipped, quick=True, bilingual=True)
    english = ENGLISH_RUBRIC.model_copy(update={"version": "9.9.9"})
    for given, other in ((unshipped, english), (english, unshipped)):
        spec = manager_form_spec(given, quick=True, bilingual=True, other_language=other)
        assert spec["stamp"]["title"] == pair(WELSH_RUBRIC.title, ENGLISH_RUBRIC.title)


def test_a_rubric_file_in_english_uses_its_own_welsh_when_given() -> None:
    # Its own translation (beside the file) wins over coprod's shipped one of the same id.
    own = WELSH_RUBRIC.model_copy(update={"title": "Ysgol y cyngor"})
    own._text_language = WELSH_RUBRIC.text_language
    spec = voice_form_spec(ENGLISH_RUBRIC, *SERVICE, VoiceGroup.PARENTS, bilingual=True,
                           other_language=own)
    assert spec["stamp"]["title"] == SERVICE[1]  # the voice form's title is the service's
    page = form_page(manager_form_spec(ENGLISH_RUBRIC, quick=True, bilingual=True,
                                       other_language=own))
    assert f"{SECOND}Self-assessment: " in page and "Hunanasesiad: Ysgol y cyngor" in page


def test_a_rubric_file_gives_its_own_welsh_and_its_english(tmp_path: Path) -> None:
    # A council's copy of a rubric, with its own Welsh beside it: what a command does for
    # --rubric FILE, in either language, is load the file in the other language too.
    (tmp_path / "translations").mkdir()
    file = tmp_path / "council.yaml"
    file.write_bytes((REPO / "rubrics" / "default.yaml").read_bytes())
    shipped = REPO / "rubrics" / "translations" / "default.cy.yaml"
    own = shipped.read_text(encoding="utf-8").replace(
        f"text: {WELSH_RUBRIC.title}\n", "text: Ysgol y cyngor\n", 1)
    assert own != shipped.read_text(encoding="utf-8")
    (tmp_path / "translations" / "default.cy.yaml").write_text(own, encoding="utf-8")
    made = []
    for lang in ("en", "cy"):
        with using(lang):
            loaded, _warnings = load_rubric(str(file))
            other = rubric_file_in_other_language(str(file))
            made.append(manager_form_spec(loaded, quick=True, bilingual=True,
                                          other_language=other))
    assert made[0] == made[1]
    assert made[0]["stamp"]["title"] == {"cy": "Ysgol y cyngor", "en": ENGLISH_RUBRIC.title}
    assert rubric_file_in_other_language("default") is None
    assert rubric_file_in_other_language(None) is None


@pytest.mark.parametrize("kind", ["manager quick", "voice young-people"])
def test_the_page_says_its_welsh_is_a_draft_in_both_languages(kind: str) -> None:
    both, _welsh, _english = _three(kind)
    with using("cy"):
        draft = gettext(_DRAFT)
    assert both["notices"] == [{"cy": draft, "en": _DRAFT}]
    page = form_page(both)
    assert (f'<p class="language-notice">{_html(draft)}{SECOND}{_html(_DRAFT)}</span></p>'
            in page)


def test_the_notice_counts_the_rubrics_texts_left_in_english() -> None:
    partly = WELSH_RUBRIC.model_copy()
    partly._text_language = TextLanguage("cy", ("title", "summary"), 0)
    spec = manager_form_spec(partly, quick=True, bilingual=True)
    assert spec["notices"][-1] == {
        "cy": spec["notices"][-1]["cy"],
        "en": "2 texts of the rubric have no Welsh yet, so they are shown in English."}
    assert "2" in spec["notices"][-1]["cy"]


@pytest.mark.parametrize(("welsh", "english", "shown"), [
    ("Nesaf", "Next", {"cy": "Nesaf", "en": "Next"}),
    ("coprod", "coprod", "coprod"),         # the same in both: shown once
    ("", "", ""),
    (None, None, None),
])
def test_a_text_the_same_in_both_languages_is_shown_once(welsh: str | None,
                                                         english: str | None,
                                                         shown: object) -> None:
    assert pair(welsh, english) == shown


def test_fields_are_filled_in_each_languages_own_words() -> None:
    title = filled({"cy": "Hunanasesiad: {rubric}", "en": "Self-assessment: {rubric}"},
                   rubric={"cy": "Ysgol", "en": "Ladder"})
    assert title == {"cy": "Hunanasesiad: Ysgol", "en": "Self-assessment: Ladder"}
    assert filled("Page {n}", n="2") == "Page 2"
    assert flat(title) == "Hunanasesiad: Ysgol / Self-assessment: Ladder"


def test_the_english_and_welsh_forms_have_no_second_language() -> None:
    _both, welsh, english = _three("manager quick")
    for spec in (welsh, english):
        assert "second_lang" not in spec
        with using("cy" if spec is welsh else "en"):
            page = form_page(spec)
        body = page.split("<style>")[0] + page.split("</style>")[1].split("<script")[0]
        # Only its notice, that the Welsh is a draft, is said in English as well.
        body = re.sub(r'<p class="language-notice">.*?</p>', "", body)
        assert "second-language" not in body


def test_markup_in_a_text_stays_text_in_both_languages() -> None:
    spec = _made("voice children", ENGLISH_RUBRIC, bilingual=True)
    spec = json.loads(json.dumps(spec))
    spec["stamp"]["title"] = {"cy": "<b>Ysgol</b>", "en": "<i>Ladder</i>"}
    page = form_page(spec)
    assert "<b>" not in page.split("<script")[0] and "<i>" not in page.split("<script")[0]
    assert re.search(r"&lt;b&gt;Ysgol&lt;/b&gt;.*&lt;i&gt;Ladder&lt;/i&gt;", page)


# ---- in a real browser --------------------------------------------------------------------------

BROWSER_MISSING = browser_missing()  # the `browser` fixture is in conftest.py


# The Welsh of an element and its English: the text before the span, and the span's.
_PARTS = ("const n = arguments[0]; const s = n.querySelector(':scope > .second-language');"
          "return [s ? n.textContent.slice(0, n.textContent.length - s.textContent.length)"
          " : n.textContent, s ? s.textContent : null, s ? s.lang : null];")


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=f"browser test: {BROWSER_MISSING}")
def test_a_bilingual_form_in_chromium_says_saved_in_welsh_then_english(browser: Any,
                                                                      tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from browser.audit import axe_violations, open_page

    page = tmp_path / "ffurflen-dwyieithog.html"
    page.write_text(form_page(manager_form_spec(ENGLISH_RUBRIC, quick=True, bilingual=True)),
                    encoding="utf-8")
    for width in (320, 1280):
        open_page(browser, page, width)
        browser.execute_script("localStorage.clear(); location.reload();")
        WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.coprodForm"))
        assert browser.execute_script("return document.documentElement.lang") == "cy"
        assert axe_violations(browser) == []
    title = browser.execute_script(_PARTS, browser.find_element(By.ID, "form-title"))
    assert title == ["Hunanasesiad: Ysgol cydgynhyrchu ar gyfer gwasanaethau plant",
                     "Self-assessment: Ladder of co-production for children's services",
                     "en-GB"]
    assert browser.title == f"{title[0]} / {title[1]}"
    assert browser.execute_script(_PARTS, browser.find_element(By.ID, "next"))[1:] == [
        "Next section", "en-GB"]
    legend = browser.find_element(By.CSS_SELECTOR, "fieldset[data-key='service.name'] legend")
    assert browser.execute_script(_PARTS, legend) == [
        "Beth yw enw'r gwasanaeth?", "What is the service called?", "en-GB"]
    name = browser.find_element(By.CSS_SELECTOR, "fieldset[data-key='service.name'] input")
    name.send_keys("Clwb Ieuenctid yr Harbwr\t")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return document.getElementById('form-status').textContent"))
    welsh, english, lang = browser.execute_script(
        _PARTS, browser.find_element(By.ID, "form-status"))
    assert welsh.startswith("Atebion wedi'u cadw yn y porwr hwn am "), welsh
    assert english.startswith("Answers kept in this browser at "), english
    assert lang == "en-GB"
    welsh, english, _lang = browser.execute_script(_PARTS, browser.find_element(By.ID, "progress"))
    assert re.fullmatch(r"Adran 1 o \d+: tua \d+ munud ar ôl", welsh), welsh
    assert re.fullmatch(r"Section 1 of \d+: about \d+ minutes? left", english), english
    # The English is a second language, not a faint one: its colour is the text's.
    colours = browser.execute_script(
        "const s = document.querySelector('#form-status .second-language');"
        "return [getComputedStyle(s).color, getComputedStyle(s.parentNode).color]")
    assert colours[0] == colours[1]
    assert axe_violations(browser) == []
    # A refused file's notice, and the review page's count and problems: both languages.
    browser.execute_script("window.coprodForm.openText('hen.yaml', 'nid: ffeil')")
    alert = browser.execute_script(_PARTS, browser.find_element(By.ID, "form-alert"))
    assert alert[0].startswith("Nid yw hen.yaml yn ffeil atebion coprod."), alert
    assert alert[1:] == ["hen.yaml is not a coprod answers file. Nothing was changed. Open the "
                         "file coprod or this form saved.", "en-GB"]
    browser.execute_script("document.querySelector('#section-list li:last-child button')"
                           ".click()")
    count = browser.execute_script(_PARTS, browser.find_element(By.ID, "review-count"))
    assert re.fullmatch(r"\d+ i'w gwneud", count[0]) and re.fullmatch(r"\d+ to do", count[1])
    problem = browser.find_element(By.CSS_SELECTOR, "#review-list li .problem")
    assert browser.execute_script(_PARTS, problem)[1:] == [" Not answered yet", "en-GB"]
    assert axe_violations(browser) == []
    # The saved answers file is the one a Welsh or English form saves: ids, not words.
    saved = browser.execute_script("return window.coprodForm.toYaml()")
    assert 'name: "Clwb Ieuenctid yr Harbwr"' in saved
    assert "# coprod answers file, saved by the coprod form in a browser." in saved


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=f"browser test: {BROWSER_MISSING}")
def test_no_text_on_any_page_of_the_full_form_is_left_unshown(browser: Any,
                                                              tmp_path: Path) -> None:
    # A pair written where the script expects a string would show "[object Object]".
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from browser.audit import open_page

    page = tmp_path / "llawn.html"
    answers, _warnings = load_answers(YOUTH, ENGLISH_RUBRIC)
    page.write_text(form_page(manager_form_spec(ENGLISH_RUBRIC, quick=False, answers=answers,
                                                bilingual=True)), encoding="utf-8")
    open_page(browser, page, 1280)
    browser.execute_script("localStorage.clear(); location.reload();")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.coprodForm"))
    pages = 0
    for _ in range(60):
        pages += 1
        body = browser.execute_script("return document.body.innerText")
        assert "[object Object]" not in body and "undefined" not in body
        attributes = browser.execute_script(
            "return [...document.querySelectorAll('[aria-label], [placeholder]')]"
            ".map(e => (e.getAttribute('aria-label') || '') + (e.placeholder || ''))")
        assert not [a for a in attributes if "[object Object]" in a]
        if browser.find_element(By.ID, "review").is_displayed():
            break
        browser.find_element(By.ID, "next").click()
    assert pages > 3
    assert browser.execute_script(
        "return [...document.querySelectorAll('.second-language')]"
        ".every(s => s.lang === 'en-GB' && s.textContent.trim())")


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=f"browser test: {BROWSER_MISSING}")
def test_a_child_fills_the_bilingual_voice_form_and_it_saves_ids(browser: Any,
                                                                tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from browser.audit import axe_violations, download_to, open_page
    from coprod_ladder.voice.read import load_voice

    page = tmp_path / "plant-dwyieithog.html"
    spec = voice_form_spec(ENGLISH_RUBRIC, *SERVICE, VoiceGroup.CHILDREN, bilingual=True)
    page.write_text(form_page(spec), encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    download_to(browser, downloads)
    open_page(browser, page, 375)
    browser.execute_script("sessionStorage.clear(); location.reload();")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.coprodForm"))
    assert axe_violations(browser) == []
    # A choice the same in both languages (a string in the spec) shows once; one that
    # differs (a pair) shows its English too.
    shown = browser.execute_script(
        "return [...document.querySelectorAll('fieldset.question .choice label')]"
        ".map(l => !!l.querySelector('.second-language'))")
    assert shown == [isinstance(c["label"], dict) for q in spec["questions"]
                     for c in q["choices"]]
    browser.find_element(By.CSS_SELECTOR, "fieldset.question label").click()
    kept = browser.execute_script(_PARTS, browser.find_element(By.ID, "kept-note"))
    assert kept[0].startswith("Dim ond tra bydd y dudalen hon ar agor"), kept
    assert kept[1:] == [_TO_YOUNG_KEPT, "en-GB"]
    for _ in range(20):
        if browser.find_element(By.ID, "review").is_displayed():
            break
        browser.find_element(By.ID, "next").click()
    assert axe_violations(browser) == []
    browser.find_element(By.ID, "save-button-end").click()
    WebDriverWait(browser, 30).until(
        lambda _: [p for p in downloads.glob("*.yaml") if p.stat().st_size > 0])
    thanks = browser.execute_script(_PARTS, browser.find_element(By.ID, "thanks-title"))
    assert thanks == ["Diolch", "Thank you", "en-GB"]
    assert axe_violations(browser) == []
    voice, _warnings = load_voice(next(downloads.glob("*.yaml")), ENGLISH_RUBRIC)
    (person,) = voice.respondents
    assert person.group is VoiceGroup.CHILDREN and person.age_band.value == "under-8"


@pytest.mark.parametrize("args", [
    ("form", "--bilingual", "--out", "out"),
    ("voice", "form", "EXAMPLE", "--for", "children", "--bilingual", "--out", "out"),
])
def test_the_commands_write_a_bilingual_form_whatever_language_coprod_speaks(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    import os
    import subprocess
    import sys

    example = Path(__file__).resolve().parent.parent / "examples" / "youth-service.yaml"
    argv = [str(example) if a == "EXAMPLE" else a for a in args]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "COPROD_"))}
    done = subprocess.run([sys.executable, "-m", "coprod_ladder", *argv], cwd=tmp_path,
                          env={**env, "NO_COLOR": "1"}, capture_output=True, text=True,
                          timeout=120, check=False, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    [page] = sorted((tmp_path / "out").glob("*.html"))
    html = page.read_text(encoding="utf-8")
    assert '<html lang="cy"' in html
    assert 'class="second-language" lang="en-GB"' in html
    assert "Drafft yw'r testun Cymraeg" in html
