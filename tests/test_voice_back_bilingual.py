""""You said, we did" in Welsh and bilingually (issue 26, item 3).

`coprod voice back --bilingual` writes the page Welsh first and English after, whatever
language coprod speaks: in HTML each text in Welsh with its English after it in a span marked
`lang="en-GB"` on a `<html lang="cy">` page; in Markdown the whole page in Welsh, then the
whole page in English. Any page in Welsh opens with the language notices (the Welsh is a
draft), in Welsh and in English. The English page is unchanged (tests/test_voice_back.py and
its golden files); the Welsh page has no English but what people and the rubric supplied.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import RunCli
from coprod_ladder.answers.read import load_answers
from coprod_ladder.cli import app
from coprod_ladder.language import gettext, using
from coprod_ladder.language.notices import _DRAFT
from coprod_ladder.rendering.voice_words import say_count, say_voice
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.rubric.translation import rubric_texts
from welsh_check import english_words, untranslated_messages, visible_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
YOUTH = EXAMPLES / "youth-service.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "voice-back"
PREVIEW = {"COPROD_PREVIEW_LANGUAGE": "1"}
SECOND = '<span class="second-language" lang="en-GB">'
RUBRIC, _ = load_rubric("default")
ANSWERS = load_answers(YOUTH, RUBRIC)[0]
SERVICE = ANSWERS.service
WHO = {"cy": "3 phlentyn, 14 o bobl ifanc a 7 o rieni a gofalwyr",
       "en": "3 children, 14 young people and 7 parents and carers"}


def _in(lang: str, say: str, **fields: object) -> str:
    with using(lang):
        return say_voice(say, **fields)


def _welsh(english: str) -> str:
    with using("cy"):
        return gettext(english)


def _thanks(lang: str) -> str:
    with using(lang):
        return say_count("back-thanks", 24, who=WHO[lang])


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;").replace('"', "&#34;")


def _pages(run_cli: RunCli, out: Path, *extra: str, lang: str = "en") -> tuple[str, str]:
    # In-process, the language is chosen as `coprod --lang` chooses it, before the command.
    with using(lang):
        result = run_cli("voice", "back", YOUTH, "--voice", EXAMPLES / "voice", "-o", out,
                         *extra, exit_code=0, env=PREVIEW)
    assert result.exit_code == 0 and "northfield-youth" in result.stderr
    html, md = ((out / f"northfield-youth.you-said-we-did.{fmt}").read_text(encoding="utf-8")
                for fmt in ("html", "md"))
    return html, md


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The bilingual page (HTML, Markdown), written once by coprod speaking English."""
    from conftest import CliResult

    def run(*args: object, exit_code: int, env: dict[str, str]) -> CliResult:
        result = CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", **env},
                                    catch_exceptions=False)
        assert result.exit_code == exit_code, result.stdout + result.stderr
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return _pages(run, tmp_path_factory.mktemp("bilingual"), "--bilingual")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_bilingual_page_is_welsh_first_whatever_language_coprod_speaks(
        run_cli: RunCli, tmp_path: Path, lang: str, bilingual: tuple[str, str]) -> None:
    html, md = _pages(run_cli, tmp_path, "--bilingual", lang=lang)
    assert (html, md) == bilingual
    assert html.startswith('<!DOCTYPE html>\n<html lang="cy">')


@pytest.mark.parametrize(("what", "welsh", "english"), [
    ("title", _in("cy", "back-title", service=SERVICE.name),
     _in("en", "back-title", service=SERVICE.name)),
    ("thanks", _thanks("cy"), _thanks("en")),
    ("a heading", _in("cy", "back-promises-heading"), _in("en", "back-promises-heading")),
    ("the notice", None, _DRAFT),
])
def test_each_html_text_is_in_welsh_then_in_english_marked_as_english(
        what: str, welsh: str | None, english: str, bilingual: tuple[str, str]) -> None:
    welsh = welsh or _welsh(english)
    assert welsh != english, what
    html = bilingual[0]
    assert f"{_html(welsh)}{SECOND}{_html(english)}</span>" in html, what
    assert html.index(_html(welsh)) < html.index(_html(english)), what


def test_the_html_title_names_the_page_in_both_languages(bilingual: tuple[str, str]) -> None:
    welsh = _in("cy", "back-title", service=SERVICE.name)
    english = _in("en", "back-title", service=SERVICE.name)
    assert f"<title>{_html(welsh)} / {_html(english)}</title>" in bilingual[0]


def test_a_question_and_what_it_says_are_one_welsh_line_then_one_english_line(
        bilingual: tuple[str, str]) -> None:
    html = bilingual[0]
    item = html.split('id="we-will"', 1)[1].split("<li>", 1)[1].split("</li>", 1)[0]
    welsh, english = item.split(SECOND, 1)
    assert "Ein haddewid:" in welsh and "We will:" not in welsh
    assert english.startswith('<span class="question">“') and "We will:" in english
    assert "31 Gorffennaf 2026" in welsh and "31 July 2026" in english


def test_the_bilingual_markdown_is_the_welsh_page_then_the_english_page(
        bilingual: tuple[str, str]) -> None:
    md = bilingual[1]
    english_page = (GOLDEN / "northfield-youth.md").read_text(encoding="utf-8")
    assert md.endswith("\n" + english_page)  # the English part is the English page itself
    welsh_part = md[:-len(english_page)]
    assert welsh_part.startswith(f"# {_in('cy', 'back-title', service=SERVICE.name)}\n")
    notice = _welsh(_DRAFT)
    assert f"> {notice}\n>\n> {_DRAFT}\n" in welsh_part.replace("\\", "")


def _supplied() -> list[str]:
    """What people and the rubric wrote: the service's names, contact and promises, the
    rubric's texts (in English and in Welsh), and the notice's English, shown on purpose."""
    with using("cy"):
        welsh_rubric, _warnings = load_rubric("default")
    texts = [SERVICE.name, SERVICE.id, SERVICE.contact or "", "coprod", _DRAFT,
             *rubric_texts(RUBRIC).values(), *rubric_texts(welsh_rubric).values()]
    texts += [a.we_will.text for a in ANSWERS.criteria.values() if a.we_will is not None]
    return texts


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_welsh_page_has_no_english_but_what_was_supplied(
        run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    html, md = _pages(run_cli, tmp_path, lang="cy")
    page = visible_text(html) if fmt == "html" else md
    supplied = _supplied()
    assert untranslated_messages(page, supplied) == []
    assert english_words(page, supplied) == []


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_welsh_page_opens_with_the_draft_notice_in_welsh_and_english(
        run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    pages = dict(zip(("html", "md"), _pages(run_cli, tmp_path, lang="cy"), strict=True))
    notice = _welsh(_DRAFT)
    page = pages[fmt]
    top = page.split("<p>", 1)[0] if fmt == "html" else page.split("\n## ", 1)[0]
    assert _html(notice) in top or notice in top
    assert _html(_DRAFT) in top or _DRAFT in top
    if fmt == "html":
        assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
        assert f"{_html(notice)}{SECOND}{_html(_DRAFT)}</span>" in page


def test_the_english_page_has_no_notice_and_no_second_language(
        run_cli: RunCli, tmp_path: Path) -> None:
    html, md = _pages(run_cli, tmp_path)
    assert html == (GOLDEN / "northfield-youth.html").read_text(encoding="utf-8")
    assert md == (GOLDEN / "northfield-youth.md").read_text(encoding="utf-8")
    assert "second-language" not in html and _DRAFT not in md


def test_the_welsh_and_bilingual_pages_pass_the_browser_audit_and_print_on_one_sheet(
        run_cli: RunCli, tmp_path: Path) -> None:
    """axe (WCAG 2.2 AA) and the report checks pass in Chromium; each page prints on one
    sheet, both sides at most (the English page alone prints on one side:
    tests/test_browser.py). Welsh is never set smaller than English to fit."""
    import base64
    import re

    from browser.audit import audit, chromium, missing_tools

    if missing_tools() is not None:
        pytest.skip(f"browser test: {missing_tools()}")
    _pages(run_cli, tmp_path / "cy", lang="cy")
    _pages(run_cli, tmp_path / "both", "--bilingual")
    with chromium() as browser:
        for name in ("cy", "both"):
            page = tmp_path / name / "northfield-youth.you-said-we-did.html"
            found = audit(browser, page)
            assert all(not problems for problems in found.values()), (name, found)
            pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {
                "preferCSSPageSize": True, "printBackground": True})["data"])
            assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2, name
