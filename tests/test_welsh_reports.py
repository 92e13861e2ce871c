"""Welsh in the report templates (issue 26): no English left in what the templates themselves say.

The templates in reports/ (service report, portfolio, "you said, we did", the ladder figure and
the portfolio's CSS label) are rendered in Welsh over the shipped examples and the portfolio
test's every-section view. What a template says itself goes through gettext; the sentences the
views carry are built in Python (rendering/, another part of the work) and the rubric is still
English, so every text the view hands the template counts as supplied and is removed before
checking. Two checks, as tests/welsh_check.py explains, and a third that reads the templates'
source: no literal words outside `{{ _("...") }}`.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import test_portfolio
import test_report
from coprod_ladder.batch import Scored, score_source
from coprod_ladder.language import ngettext, using
from coprod_ladder.language.messages import extract
from coprod_ladder.rendering import labels
from coprod_ladder.rendering.portfolio_pictures import build_pictures
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rendering.templates import environment, template_text
from coprod_ladder.rendering.voice_back import render_back, you_said_we_did
from coprod_ladder.resources import examples_dir
from coprod_ladder.rubric.load import fixed_rubric, load_rubric
from coprod_ladder.rubric.translation import rubric_texts
from coprod_ladder.safe_text import markdown_text
from coprod_ladder.voice.find import VoiceIndex
from welsh_check import english_words, untranslated_messages, visible_text

REPORTS = Path(__file__).resolve().parent.parent / "reports"
TEMPLATES = sorted(p.name for p in REPORTS.glob("*.j2"))

# --------------------------------------------------------------------------------------------
# What the templates say themselves: their source


_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_SHOWN_ATTRIBUTE = re.compile(r'(?:title|alt|aria-label|placeholder)="([^"]*)"')
_CSS_CONTENT = re.compile(r'content:\s*([^;]*);')
#: Letters in a template's literal text that are not words: a class name built in a macro.
_NOT_WORDS = {"lvl"}


def literal_words(source: str, html: bool) -> list[str]:
    """The words a template would print as they stand: outside every Jinja tag, and in HTML
    outside the markup (but inside the attributes people read or hear) and the styles."""
    text = _JINJA.sub(" ", source)
    if html:
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        shown = _SHOWN_ATTRIBUTE.findall(text)
        text = " ".join([re.sub(r"<[^>]*>", " ", text), *shown])
        text = re.sub(r"&[a-z]+;", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z']+", text) if w not in _NOT_WORDS]


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_prints_a_word_that_does_not_go_through_gettext(name: str) -> None:
    source = (REPORTS / name).read_text(encoding="utf-8")
    assert literal_words(source, html=not name.endswith(".md.j2")) == []


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.css")))
def test_no_stylesheet_label_is_english_text(name: str) -> None:
    """A `content:` label is shown to readers: its words come from a template variable."""
    for value in _CSS_CONTENT.findall((REPORTS / name).read_text(encoding="utf-8")):
        words = re.findall(r"[A-Za-z]{2,}", _JINJA.sub(" ", re.sub(r"attr\([^)]*\)", " ", value)))
        assert words == [], f"{name}: content {value!r} has English words"


def test_the_source_check_finds_an_unwrapped_heading() -> None:
    source = (REPORTS / "service.html.j2").read_text(encoding="utf-8")
    assert literal_words(source.replace('{{ _("At a glance") }}', "At a glance"), html=True) \
        == ["At", "glance"]


# --------------------------------------------------------------------------------------------
# What the templates say in Welsh: rendered


@cache
def _report_message_ids() -> frozenset[str]:
    """The message ids used by the templates in reports/ (the others are other areas')."""
    found: set[str] = set()
    for message in extract():
        if message.id and any(path.startswith("reports/") for path, _ in message.locations):
            found.update([message.id] if isinstance(message.id, str) else message.id)
    return frozenset(found)


def _texts(value: Any) -> Iterator[str]:
    """Every text in a view: the sentences Python built and the rubric's and user's words."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, enum.Enum):
        yield from _texts(value.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, BaseModel):
        yield from _texts(value.model_dump())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, Iterable) and not isinstance(value, bytes):
        for item in value:
            yield from _texts(item)


def _label_words() -> Iterator[str]:
    """The words the label filters give (rendering/labels.py, another area's), in any case."""
    for name, words in vars(labels).items():
        if name.endswith("_WORDS") and isinstance(words, dict):
            for key in words:
                for pick in labels.FILTERS.values():
                    try:
                        yield pick(key)
                    except (KeyError, ValueError):
                        pass
            yield from words.values()


def supplied(*views: Any, rubric: Any = None) -> list[str]:
    """What the view and the rubric supply, as shown in HTML and in Markdown."""
    texts = {t for view in views for t in _texts(view)}
    texts.update(_label_words())
    if rubric is not None:
        texts.update(rubric_texts(rubric).values())
    shown = set()
    for text in texts:
        for form in (text, text.lower(), text.capitalize()):
            shown.update([form, markdown_text(form)])
    return sorted(t for t in shown if len(t) >= 3)


def _problems(page: str, fmt: str, given: list[str]) -> dict[str, list[str]]:
    text = visible_text(page) if fmt == "html" else page
    ours = _report_message_ids()
    return {"untranslated": [m for m in untranslated_messages(text, given) if m in ours],
            "english": english_words(text, given)}


NO_PROBLEMS: dict[str, list[str]] = {"untranslated": [], "english": []}


@cache
def _default_rubric() -> Any:
    rubric, _ = load_rubric("default")
    return rubric


def _shipped(name: str) -> Scored:
    """A shipped example scored as `coprod demo` scores it, with its voice files."""
    voices = VoiceIndex(str(examples_dir() / "voice"))
    path = examples_dir() / name
    result = score_source(path.read_bytes(), f"examples/{name}", fixed_rubric(_default_rubric()),
                          voices)
    assert isinstance(result, Scored)
    return result


EXAMPLES = sorted(p.name for p in examples_dir().glob("*.yaml"))


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_a_shipped_service_report_in_welsh_has_no_english_of_the_templates(
        example: str, fmt: str) -> None:
    result = _shipped(example)
    with using("cy"):
        view = build_view(result.card, result.warnings)
        page = "".join(template_text(f"service.{fmt}.j2", v=view))
    assert _problems(page, fmt, supplied(view, rubric=_default_rubric())) == NO_PROBLEMS


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_test_service_report_in_welsh_has_no_english_of_the_templates(fmt: str) -> None:
    with using("cy"):
        view = test_report.mini_view()
        page = "".join(template_text(f"service.{fmt}.j2", v=view))
    assert _problems(page, fmt, supplied(view)) == NO_PROBLEMS


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_portfolio_in_welsh_has_no_english_of_the_templates(fmt: str) -> None:
    """The portfolio test's view touches every section: movement, groups, stale, missing."""
    with using("cy"):
        view = test_portfolio.golden_view()
        pictures = build_pictures(view)
        page = "".join(environment().get_template(f"portfolio.{fmt}.j2").generate(
            p=view, pic=pictures))
    if fmt == "html":
        assert "Angen sylw" in page  # the alert label of portfolio.css
    assert _problems(page, fmt, supplied(view, pictures)) == NO_PROBLEMS


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_you_said_we_did_in_welsh_has_no_english_of_the_templates(fmt: str) -> None:
    result = _shipped("youth-service.yaml")
    with using("cy"):
        view = you_said_we_did(result.card)
        page = render_back(view, fmt)
    assert _problems(page, fmt, supplied(view)) == NO_PROBLEMS


def test_a_welsh_report_says_it_is_welsh() -> None:
    result = _shipped("youth-service.yaml")
    with using("cy"):
        page = "".join(template_text("service.html.j2", v=build_view(result.card)))
    assert '<html lang="cy">' in page
    assert "<title>Northfield Youth Service: adroddiad bylchau cydgynhyrchu</title>" in page


@pytest.mark.parametrize("unwrapped", [
    ('{{ _("At a glance") }}', "At a glance"),  # a message id left as text: untranslated
    ('{{ _("Warnings") }}', "Warnings about the answers and the rubric"),  # new English words
])
def test_the_rendered_check_finds_a_heading_left_in_english(unwrapped: tuple[str, str]) -> None:
    wrapped, text = unwrapped
    source = (REPORTS / "service.html.j2").read_text(encoding="utf-8")
    assert wrapped in source
    result = _shipped("youth-service.yaml")
    with using("cy"):
        view = build_view(result.card, result.warnings)
        view["warnings"] = ["Rhybudd prawf"]  # so the Warnings section shows
        page = environment().from_string(source.replace(wrapped, text)).render(v=view)
    assert _problems(page, "html", supplied(view, rubric=_default_rubric())) != NO_PROBLEMS


# --------------------------------------------------------------------------------------------
# Plurals: Welsh has a form for 0, 1, 2, 3, 6 and the rest


@pytest.mark.parametrize(("count", "welsh"), [
    (0, "0 gris i fynd at y targed."),
    (1, "1 gris i fynd at y targed."),
    (2, "2 ris i fynd at y targed."),
    (3, "3 gris i fynd at y targed."),
    (6, "6 gris i fynd at y targed."),
    (11, "11 o risiau i fynd at y targed."),
])
def test_rungs_to_go_take_the_welsh_form_for_each_count(count: int, welsh: str) -> None:
    page = environment().from_string(
        '{{ ngettext("%(num)d rung to go to the target.", "%(num)d rungs to go to the target.",'
        " n) }}")
    with using("cy"):
        assert page.render(n=count) == welsh
    assert page.render(n=count) == (f"{count} rung to go to the target." if count == 1 else
                                    f"{count} rungs to go to the target.")


@pytest.mark.parametrize(("count", "welsh"), [
    (0, "0 gwasanaeth"), (1, "1 gwasanaeth"), (2, "2 wasanaeth"), (3, "3 gwasanaeth"),
    (6, "6 gwasanaeth"), (11, "11 gwasanaeth"),
])
def test_a_count_of_services_takes_the_welsh_form_for_each_count(count: int, welsh: str) -> None:
    with using("cy"):
        assert ngettext("%(num)d service", "%(num)d services", count) % {"num": count} == welsh
