"""The language coprod speaks: how it is chosen, the Welsh plural forms, and the catalogues.

The interface's own Welsh (issue 26) is being written message by message; these tests hold the
machinery to its promises: `--lang`, then COPROD_LANG, then the locale; the six Welsh plural
forms; every catalogue compiles; every message the code uses has its Welsh, with the same
named fields, or the check fails.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from coprod_ladder import language
from coprod_ladder.language.active import catalogue
from coprod_ladder.language.choose import choose_language, language_of
from coprod_ladder.language.messages import problems
from coprod_ladder.rendering.templates import environment


@pytest.mark.parametrize(
    ("flag", "environ", "expected"),
    [
        (None, {}, ("en", "default", None)),
        ("cy", {}, ("cy", "--lang", None)),
        ("CY", {"COPROD_LANG": "en"}, ("cy", "--lang", None)),
        (None, {"COPROD_LANG": "cy"}, ("cy", "COPROD_LANG", None)),
        ("en", {"COPROD_LANG": "cy"}, ("en", "--lang", None)),
        (None, {"LANG": "cy_GB.UTF-8"}, ("cy", "locale", None)),
        (None, {"LANGUAGE": "fr:cy", "LANG": "en_GB.UTF-8"}, ("cy", "locale", None)),
        (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "cy_GB.UTF-8"}, ("en", "default", None)),
        (None, {"COPROD_LANG": "  ", "LANG": "cy_GB"}, ("cy", "locale", None)),
        ("fr", {}, ("en", "--lang", "fr")),
        (None, {"COPROD_LANG": "klingon"}, ("en", "COPROD_LANG", "klingon")),
    ],
)
def test_the_language_comes_from_the_flag_then_the_variable_then_the_locale(
        flag: str | None, environ: dict[str, str], expected: tuple[str, str, str | None]) -> None:
    choice = choose_language(flag, environ)
    assert (choice.lang, choice.source, choice.problem) == expected


@pytest.mark.parametrize(("value", "code"), [("cy-GB", "cy"), ("en_GB.UTF-8", "en"),
                                             ("C", None), ("", None)])
def test_language_of_reads_the_part_before_the_region(value: str, code: str | None) -> None:
    assert language_of(value) == code


def test_welsh_has_six_plural_forms_for_0_1_2_3_6_and_11() -> None:
    forms = ["dim cath", "un gath", "dwy gath", "tair cath", "chwe chath", "{count} cath"]
    welsh = Catalog(locale="cy")
    welsh.add(("{count} cat", "{count} cats"), tuple(forms))
    buffer = BytesIO()
    write_mo(buffer, welsh)
    buffer.seek(0)
    translations = stdlib_gettext.GNUTranslations(buffer)
    said = [translations.ngettext("{count} cat", "{count} cats", n) for n in (0, 1, 2, 3, 6, 11)]
    assert said == forms
    assert translations.ngettext("{count} cat", "{count} cats", 4) == "{count} cath"


def test_every_catalogue_compiles_and_has_the_welsh_plural_rule() -> None:
    for lang in language.LANGUAGES:
        compiled = catalogue(lang)
        assert compiled.translations is not None
    if catalogue("cy").messages:
        assert "nplurals=6" in catalogue("cy").translations.info().get("plural-forms", "")


def test_every_message_the_code_uses_has_its_welsh_with_the_same_fields() -> None:
    assert [str(p) for p in problems("cy")] == []


def test_english_is_the_message_itself_and_using_restores_the_language() -> None:
    assert language.current() == "en"
    assert language._("Where the service stands") == "Where the service stands"
    assert language.ngettext("{count} answer", "{count} answers", 1) == "{count} answer"
    assert language.ngettext("{count} answer", "{count} answers", 0) == "{count} answers"
    with language.using("cy"):
        assert language.current() == "cy"
        assert language.html_lang() == "cy"
    assert language.current() == "en"
    assert language.html_lang() == "en-GB"
    with pytest.raises(ValueError, match="does not speak"), language.using("fr"):
        pass


def test_reports_say_their_language_in_html_lang() -> None:
    template = environment().from_string('<html lang="{{ html_lang() }}">{{ _("Yes") }}')
    assert template.render() == '<html lang="en-GB">Yes'
    with language.using("cy"):
        assert template.render().startswith('<html lang="cy">')


def _coprod(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COPROD_LANG", "COPROD_PREVIEW_LANGUAGE", "LANGUAGE", "LC_ALL",
                        "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "coprod_ladder", *args], capture_output=True,
                          text=True, env={**env, **environ, "NO_COLOR": "1"}, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)


@pytest.mark.parametrize(("args", "environ", "named"), [
    (("--lang", "fr", "rubric", "list"), {}, "--lang"),
    (("--lang=de", "rubric", "list"), {}, "--lang"),
    (("rubric", "list"), {"COPROD_LANG": "xx"}, "COPROD_LANG"),
])
def test_an_unknown_language_is_a_usage_error_naming_where_it_came_from(
        args: tuple[str, ...], environ: dict[str, str], named: str) -> None:
    done = _coprod(*args, **environ)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"Invalid value for {named}" in done.stderr
    assert "coprod speaks en or cy" in done.stderr


@pytest.mark.parametrize(("args", "environ"), [
    (("-v", "--lang", "cy", "rubric", "list"), {"LANG": "en_GB.UTF-8"}),
    (("-v", "rubric", "list"), {"LANG": "cy_GB.UTF-8"}),
    (("-v", "rubric", "list"), {"COPROD_LANG": "cy"}),
])
def test_welsh_asked_for_by_the_flag_the_variable_or_the_locale_is_spoken(
        args: tuple[str, ...], environ: dict[str, str]) -> None:
    done = _coprod(*args, **environ)
    assert done.returncode == 0, done.stderr
    assert "language: cy" in done.stderr
    assert "Ysgol cydgynhyrchu" in done.stdout  # the default rubric's title, in Welsh


def test_rubric_list_remembers_each_language_s_titles_apart(tmp_path: Path) -> None:
    english = _coprod("rubric", "list", XDG_CACHE_HOME=str(tmp_path))
    welsh = _coprod("--lang", "cy", "rubric", "list", XDG_CACHE_HOME=str(tmp_path))
    again = _coprod("rubric", "list", XDG_CACHE_HOME=str(tmp_path))
    assert "Ladder of co-production" in english.stdout
    assert "Ysgol cydgynhyrchu" in welsh.stdout and "Ladder of" not in welsh.stdout
    assert again.stdout == english.stdout


@pytest.mark.parametrize(("preview", "spoken"), [("", "en"), ("1", "cy")])
def test_a_language_not_yet_ready_is_refused_with_a_note_unless_previewed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], preview: str,
        spoken: str) -> None:
    from coprod_ladder import cli

    monkeypatch.setattr(language, "READY", frozenset({"en"}))
    monkeypatch.setenv("COPROD_LANG", "cy")
    monkeypatch.setenv("COPROD_PREVIEW_LANGUAGE", preview)
    try:
        assert cli._choose_language(["rubric", "list"]) == ["rubric", "list"]
        assert language.current() == spoken
    finally:
        language.activate("en")
    noted = "Cymraeg text is not written yet, so it speaks English for now" in (
        capsys.readouterr().err)
    assert noted is (spoken == "en")


def test_english_asked_for_is_spoken_without_a_note() -> None:
    done = _coprod("-v", "--lang", "en", "rubric", "list", LANG="cy_GB.UTF-8")
    assert done.returncode == 0, done.stderr
    assert "not written yet" not in done.stderr
    assert "language: en" in done.stderr
