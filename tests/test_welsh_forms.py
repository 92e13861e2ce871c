"""The forms and the voice files' messages in Welsh (issue 26): `coprod form`, the voice forms
for children, young people and parents, and what voice import and reading say.

Rendered in-process inside `using("cy")` by the functions cli/form.py and cli/voice.py call.
The page's own words (its visible frame and the table its script writes from) must have no
English left; text the rubric or the question table supplies (questionnaire/ and
rendering/voice_words.py are other areas, wrapped there) is `supplied`. Children and young
people are spoken to as "ti", parents and carers as "chi". The script's plural rule must be
the catalogue's. In Chromium, the Welsh form writes Welsh as it runs, and axe still passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.ready import browser_missing
from coprod_ladder.answers.read import load_answers
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.errors import LoadError
from coprod_ladder.form.page import form_page
from coprod_ladder.form.page_words import PLURAL_RULES, plural_rule
from coprod_ladder.form.spec import MANAGER_STRINGS, manager_form_spec
from coprod_ladder.form.voice_spec import _TO_YOUNG, VOICE_FORM_STRINGS, voice_form_spec
from coprod_ladder.language import ngettext, using
from coprod_ladder.language.active import catalogue
from coprod_ladder.language.notices import _DRAFT
from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering.voice_words import (
    AGE_BAND_WORDS,
    ANSWER_WORDS,
    GROUP_WORDS,
    HELPED_BY_WORDS,
)
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import rubric_texts
from coprod_ladder.voice.find import VoiceIndex, unclaimed_voice_files
from coprod_ladder.voice.importing import ImportOptions, import_response, import_table
from coprod_ladder.voice.read import read_voice
from coprod_ladder.voice.tables import Cell, Table, read_table
from coprod_ladder.voice.template import questions_for
from coprod_ladder.voice.write import dump_voice
from welsh_check import english_words, untranslated_messages, visible_text

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
YOUTH = EXAMPLES / "youth-service.yaml"
RUBRIC, _ = load_rubric("default")
SERVICE_NAME = "Northfield Youth"
# Words of other areas that the forms show: the voice scale, groups, ages and helpers
# (rendering/voice_words.py) and the rubric's own text.
OTHER_AREAS = [*ANSWER_WORDS.values(), *GROUP_WORDS.values(), *AGE_BAND_WORDS.values(),
               *HELPED_BY_WORDS.values(), *rubric_texts(RUBRIC).values(),
               _DRAFT]  # the notice that the Welsh is a draft is said in English too, on purpose


def _question_texts(spec: dict[str, Any]) -> list[str]:
    """What the question table or the rubric put in a spec (questionnaire/'s words)."""
    texts = [spec["stamp"]["title"]]
    for section in spec["sections"]:
        texts += [section["title"], section["intro"] or ""]
    for q in spec["questions"]:
        texts += [q["title"], q["help"] or "", q["example"] or "", q["counting_note"] or "",
                  q["scale"] or "", *q["more_help"]]
        texts += [t for c in q["choices"] for t in (c["label"], c["description"] or "")]
    return [t for t in texts if t]


def _page_texts(spec: dict[str, Any]) -> list[str]:
    """Every text of the page's own table: what the script writes as it runs."""
    texts: list[str] = []
    for value in spec["strings"].values():
        texts += value if isinstance(value, list) else [value]
    for forms in spec.get("plurals", {}).values():
        texts += forms
    # The {fields} the script fills are names, not words.
    return [re.sub(r"\{\w+\}", " ", t) for t in texts if t]


def _manager_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    answers, _warnings = load_answers(YOUTH, RUBRIC)
    yield "full", manager_form_spec(RUBRIC, quick=False)
    yield "quick", manager_form_spec(RUBRIC, quick=True, send_to="Sam Patel")
    yield "from answers", manager_form_spec(RUBRIC, quick=True, answers=answers)


def _voice_spec(group: VoiceGroup) -> dict[str, Any]:
    return voice_form_spec(RUBRIC, "northfield-youth", SERVICE_NAME, group)


def _welsh(kind: str) -> list[tuple[str, dict[str, Any]]]:
    with using("cy"):
        if kind == "manager":
            return list(_manager_specs())
        return [(g.value, _voice_spec(g)) for g in VoiceGroup]


def _english(kind: str) -> list[tuple[str, dict[str, Any]]]:
    if kind == "manager":
        return list(_manager_specs())
    return [(g.value, _voice_spec(g)) for g in VoiceGroup]


@pytest.mark.parametrize("kind", ["manager", "voice"])
def test_the_welsh_form_has_no_english_of_its_own(kind: str) -> None:
    for name, spec in _welsh(kind):
        with using("cy"):
            page = form_page(spec)
        supplied = [*_question_texts(spec), *OTHER_AREAS, SERVICE_NAME, "Sam Patel"]
        assert '<html lang="cy">' in page, name
        for text in (visible_text(page), "\n".join(_page_texts(spec))):
            assert untranslated_messages(text, supplied) == [], name
            assert english_words(text, supplied) == [], name


@pytest.mark.parametrize("kind", ["manager", "voice"])
def test_every_text_the_script_writes_is_welsh_in_a_welsh_form(kind: str) -> None:
    # A message left unwrapped is the same in both languages: this finds even "Add evidence",
    # which has no word the English-word check knows.
    for (name, welsh), (_name, english) in zip(_welsh(kind), _english(kind), strict=True):
        same = [role for role, text in welsh["strings"].items()
                if text and text == english["strings"][role] and role != "intro"]
        same += [role for role, forms in welsh.get("plurals", {}).items()
                 if set(forms) & set(english["plurals"][role])]
        assert same == [], name
        assert welsh["strings"]["intro"] != english["strings"]["intro"]


def test_the_english_form_is_as_before() -> None:
    (_, spec), *_rest = _english("manager")
    page = form_page(spec)
    assert '<html lang="en-GB">' in page
    assert {k: v for k, v in spec["strings"].items() if k in MANAGER_STRINGS} == MANAGER_STRINGS
    assert spec["plurals"]["progress"] == [
        "Section {n} of {total}: about {minutes} minute left",
        "Section {n} of {total}: about {minutes} minutes left"]
    voice = _voice_spec(VoiceGroup.CHILDREN)
    assert {k: v for k, v in voice["strings"].items() if k != "intro"} == VOICE_FORM_STRINGS


def test_each_sentence_for_children_and_young_people_is_the_parents_english_again() -> None:
    # Two Welsh versions of one English sentence ("ti" and "chi"): the English must not drift.
    assert {role: VOICE_FORM_STRINGS[role] for role in _TO_YOUNG} == _TO_YOUNG


# Words that only "chi" (to parents) or only "ti" (to children and young people) use.
CHI = {"chi", "eich", "chi'n", "gallwch", "rydych", "pwyswch", "rhowch", "fyddwch", "atoch"}
TI = {"ti", "dy", "di", "rwyt", "gelli", "pwysa", "rho", "fyddi", "ti'n"}


@pytest.mark.parametrize(("group", "own", "other"), [
    (VoiceGroup.CHILDREN, TI, CHI), (VoiceGroup.YOUNG_PEOPLE, TI, CHI),
    (VoiceGroup.PARENTS, CHI, TI)])
def test_children_and_young_people_are_spoken_to_as_ti_parents_as_chi(
        group: VoiceGroup, own: set[str], other: set[str]) -> None:
    with using("cy"):
        spec = _voice_spec(group)
    words = {w.lower() for text in _page_texts(spec) for w in re.findall(r"[\w']+", text)}
    assert words & own
    assert not words & other, sorted(words & other)


def test_the_scripts_plural_rule_is_the_catalogues() -> None:
    welsh = catalogue("cy").translations.plural  # type: ignore[attr-defined]

    def pick(rule: dict[str, Any], n: int) -> int:  # as form.js's counted() does
        return int(rule["exact"].get(str(n), rule["other"]))

    assert [pick(PLURAL_RULES["cy"], n) for n in range(500)] == [welsh(n) for n in range(500)]
    assert [pick(PLURAL_RULES["en"], n) for n in range(500)] == [int(n != 1)
                                                                 for n in range(500)]
    with using("cy"):
        assert plural_rule() == PLURAL_RULES["cy"]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 6, 11])
def test_the_page_picks_the_welsh_plural_form_for_each_count(count: int) -> None:
    with using("cy"):
        spec = manager_form_spec(RUBRIC, quick=True)
        said = ngettext("Section {n} of {total}: about {minutes} minute left",
                        "Section {n} of {total}: about {minutes} minutes left", count)
    rule = spec["plural_rule"]
    forms = spec["plurals"]["progress"]
    assert len(forms) == 6
    assert forms[int(rule["exact"].get(str(count), rule["other"]))] == said
    assert ("munud" in said or "funud" in said) and "{minutes}" in said


# ---- what voice import and reading say ----------------------------------------------------------

QUESTION = questions_for(RUBRIC, VoiceGroup.YOUNG_PEOPLE)[0]
OPTIONS = ImportOptions(service="northfield-youth", group=VoiceGroup.YOUNG_PEOPLE)
VOICE_FILE = YOUTH.parent / "voice" / "northfield-youth.voice.yaml"


def _table(header: list[str], *rows: list[Cell]) -> list[Diagnostic]:
    return import_table(Table("export.csv", header, list(rows)), RUBRIC, OPTIONS).findings


def _voice_text(change: tuple[str, str]) -> list[Diagnostic]:
    text = VOICE_FILE.read_text(encoding="utf-8").replace(*change, 1)
    try:
        read_voice(text, "answers.voice.yaml", RUBRIC)
    except LoadError as exc:
        return list(exc.diagnostics)
    return []


IMPORT_PROBLEMS = {
    "unknown column": lambda: _table(["Favourite colour", QUESTION.title]),
    "unknown code": lambda: _table(["[Q99] What is this?"]),
    "no question": lambda: _table(["Start time"]),
    "off the scale": lambda: _table([QUESTION.title], [Cell("Maybe")]),
    "a formula": lambda: _table([QUESTION.title], [Cell("=A1", formula=True)]),
    "same response twice": lambda: _table(["ID", QUESTION.title], [Cell("7"), Cell("Never")],
                                          [Cell("7"), Cell("Never")]),
    "bad age": lambda: _table(["[AGE] How old are you?", QUESTION.title],
                              [Cell("ninety"), Cell("Never")]),
    "another service": lambda: import_response(
        VOICE_FILE.read_bytes(), "r.yaml", RUBRIC,
        ImportOptions(service="camhs")).findings,
    "another rubric": lambda: _voice_text(("id: default", "id: iap2")),
    "another version": lambda: _voice_text(("version: 2.2.0", "version: 1.0.0")),
    "same respondent twice": lambda: _voice_text(("- id: r02", "- id: r01")),
    "unknown item": lambda: _voice_text(("own-plans-informing:", "own-plans-informin:")),
    "unknown item, nothing like it": lambda: _voice_text(("own-plans-informing:", "zzz:")),
    "voice file for no scored service": lambda: unclaimed_voice_files(
        [VOICE_FILE.parent], VoiceIndex(), ["camhs"]),
    "empty CSV": lambda: read_table(b"", "empty.csv")[1],
    "not a workbook": lambda: read_table(b"not a zip", "export.xlsx")[1],
}
# What the user typed or the files hold, and the names of options and commands.
SUPPLIED = [QUESTION.title, QUESTION.text, "Favourite colour", "[Q99] What is this?",
            "Start time", "Maybe", "ninety", "How old are you?", "--for", "--service",
            "--mapping", "--rubric", "--voice", "coprod voice template",
            "Paste Special > Values", *OTHER_AREAS]


@pytest.mark.parametrize("case", sorted(IMPORT_PROBLEMS))
def test_what_voice_import_says_is_welsh(case: str) -> None:
    with using("cy"):
        found = IMPORT_PROBLEMS[case]()
    assert found, case
    for diagnostic in found:
        assert untranslated_messages(diagnostic.message, SUPPLIED) == [], diagnostic
        assert english_words(diagnostic.message, SUPPLIED) == [], diagnostic
    english = IMPORT_PROBLEMS[case]()
    assert [d.message for d in english] != [d.message for d in found]
    assert [d.code for d in english] == [d.code for d in found]


def test_a_voice_file_written_in_welsh_says_what_it_is_in_welsh() -> None:
    voice = read_voice(VOICE_FILE.read_bytes(), "v.yaml", RUBRIC)[0]
    with using("cy"):
        text = dump_voice(voice)
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) == 2 and english_words("\n".join(header)) == []
    assert dump_voice(voice).startswith(
        "# What children, young people and families said about one service (coprod-voice/1).\n")


# ---- in a real browser --------------------------------------------------------------------------

BROWSER_MISSING = browser_missing()  # the `browser` fixture is in conftest.py


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=f"browser test: {BROWSER_MISSING}")
def test_a_welsh_form_in_chromium_writes_welsh_as_it_runs(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from browser.audit import axe_violations, open_page

    with using("cy"):
        spec = manager_form_spec(RUBRIC, quick=True)
        page = tmp_path / "ffurflen.html"
        page.write_text(form_page(spec), encoding="utf-8")
    supplied = [*_question_texts(spec), *OTHER_AREAS]
    open_page(browser, page, 1280)
    browser.execute_script("localStorage.clear(); location.reload();")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.coprodForm"))
    assert browser.execute_script("return document.documentElement.lang") == "cy"
    name = browser.find_element(By.CSS_SELECTOR, "fieldset[data-key='service.name'] input")
    name.send_keys("Clwb Ieuenctid yr Harbwr\t")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return document.getElementById('form-status').textContent"))
    status, progress, body = browser.execute_script(
        "return [document.getElementById('form-status').textContent,"
        " document.getElementById('progress').textContent, document.body.innerText]")
    assert status.startswith("Atebion wedi'u cadw yn y porwr hwn am "), status
    assert re.fullmatch(r"Adran 1 o \d+: tua \d+ munud ar ôl", progress), progress
    assert english_words(body, [*supplied, "Clwb Ieuenctid yr Harbwr"]) == []
    assert untranslated_messages(body, supplied) == []
    assert axe_violations(browser) == []
    # The review page: its count and its buttons in Welsh too.
    browser.execute_script("document.querySelector('#section-list li:last-child button')"
                           ".click()")
    review = browser.find_element(By.ID, "review").text
    assert "Adolygu eich atebion" in review and "i'w gwneud" in review
    assert english_words(review, supplied) == []
    assert axe_violations(browser) == []


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=f"browser test: {BROWSER_MISSING}")
def test_a_child_fills_the_welsh_voice_form_and_is_thanked_in_welsh(browser: Any,
                                                                   tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from browser.audit import axe_violations, download_to, open_page

    with using("cy"):
        spec = _voice_spec(VoiceGroup.CHILDREN)
        page = tmp_path / "plant.html"
        page.write_text(form_page(spec), encoding="utf-8")
    supplied = [*_question_texts(spec), *OTHER_AREAS, SERVICE_NAME]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    download_to(browser, downloads)
    open_page(browser, page, 375)
    browser.execute_script("sessionStorage.clear(); location.reload();")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.coprodForm"))
    first = browser.find_element(By.CSS_SELECTOR, "fieldset.question label")
    first.click()
    assert browser.find_element(By.ID, "progress").text == "Tudalen 1 o {}".format(
        len(spec["sections"]))
    for _ in range(len(spec["sections"]) + 1):
        if browser.find_element(By.ID, "review").is_displayed():
            break
        browser.find_element(By.ID, "next").click()
    body = browser.execute_script("return document.body.innerText")
    assert "Pwysa'r botwm i gadw dy atebion." in body
    assert english_words(body, supplied) == []
    assert untranslated_messages(body, supplied) == []
    assert axe_violations(browser) == []
    browser.find_element(By.ID, "save-button-end").click()
    WebDriverWait(browser, 30).until(
        lambda _: [p for p in downloads.glob("*.yaml") if p.stat().st_size > 0])
    thanks = browser.find_element(By.ID, "thanks").text
    assert thanks.startswith("Diolch\nDiolch am ddweud wrthon ni beth rwyt ti'n ei feddwl.")
    assert english_words(thanks, supplied) == []
    assert axe_violations(browser) == []
