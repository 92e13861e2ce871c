"""Welsh from the rendering layer (issue 26): what the Python builds for people to read.

The service report's view model, the portfolio's view and pictures, the terminal summaries,
"you said, we did" and the workbook's own words are rendered in Welsh over the shipped
examples, and must hold no English of ours: no message id word for word
(`untranslated_messages`) and no common English word (`english_words`), once the text the
rubric and the answers files supplied (still English) is taken out. Ids (`not_met`, `doing
with` as a band id) are not for reading and are left out of the walk. The templates' own
words are the reports' tests' to check. Counted sentences have Welsh's six plural forms.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from coprod_ladder.batch import Scored, score_source
from coprod_ladder.language import using
from coprod_ladder.language.notices import _DRAFT
from coprod_ladder.portfolio import build_portfolio
from coprod_ladder.rendering import voice_words
from coprod_ladder.rendering.portfolio_pictures import build_pictures
from coprod_ladder.rendering.portfolio_view import ActionPlan, build_portfolio_view, materialise
from coprod_ladder.rendering.service_report import MODEL_NAMES, build_view
from coprod_ladder.rendering.terminal import plain_text, portfolio_overview, summary_lines
from coprod_ladder.rendering.voice_back import you_said_we_did
from coprod_ladder.rendering.wording import say_count
from coprod_ladder.rendering.workbook import (
    service_plan,
    write_action_plan_workbook,
    write_portfolio_workbook,
)
from coprod_ladder.rubric.load import load_rubric, shipped_rubric_by_id
from coprod_ladder.rubric.translation import rubric_texts
from coprod_ladder.scoring import ScoreCard
from coprod_ladder.service_summary import summarise
from coprod_ladder.voice.find import VoiceIndex
from welsh_check import english_words, untranslated_messages

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
VOICE = ROOT / "examples" / "voice"
AS_OF = dt.date(2026, 12, 3)

#: Keys whose values are ids, dates or paths for code, not words for people.
ID_KEYS = frozenset({
    "id", "band", "status", "state", "kind", "why", "effort", "format", "group", "placement",
    "activity", "item_id", "type_id", "path", "report", "service_id", "criterion", "tag",
    "version", "assessed_on", "as_of", "stale_before", "on", "date", "rung", "tags",
    "type_states", "activities", "voices", "respondents", "blind_spots", "model",
    # Words other parts of coprod make (scoring's reasons for a risk, loading's warnings):
    # their areas' tests check their Welsh.
    "because", "warnings",
})


def _strings(value: Any, key: str = "") -> Iterator[str]:
    """Every text for people in a view: strings, except those under an id key."""
    if isinstance(value, str):
        if key not in ID_KEYS:
            yield value
    elif isinstance(value, dict):
        for k, item in value.items():
            if not (k in ID_KEYS and isinstance(item, str | dict)):
                yield from _strings(item, str(k))
            elif isinstance(item, dict) and k not in ("tags", "type_states", "activities",
                                                      "voices", "respondents", "blind_spots"):
                yield from _strings(item, str(k))  # a rung's view under "rung" is words
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, key)


def _yaml_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, item in value.items():
            yield str(k)
            yield from _yaml_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _yaml_strings(item)


@cache
def _supplied() -> tuple[str, ...]:
    """Every text the rubrics, the answers files and the voice files supply (still English)."""
    found: set[str] = set()
    for ref, lang in (("default", "en"), ("iap2", "en"), ("default", "cy"), ("iap2", "cy")):
        with using(lang):  # the rubric's own text, in English and in its Welsh translation
            rubric, _ = load_rubric(ref)
        found.update(rubric_texts(rubric).values())
        found.update(rung.maps_to.get(k, "") for rung in rubric.rungs for k in rung.maps_to)
        found.update(j.law or "" for j in rubric.jurisdictions)
        found.update(" ".join((j.law or "").split()) for j in rubric.jurisdictions)
        found.update(j.name for j in rubric.jurisdictions)
    rubrics = sorted((ROOT / "src" / "coprod_ladder" / "rubrics").glob("*.yaml"))
    for path in [*rubrics, *EXAMPLES, *sorted(VOICE.glob("*.yaml"))]:
        found.update(_yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    found.update(MODEL_NAMES.values())
    found.add(_DRAFT)  # the notice that the Welsh is a draft is said in English too, on purpose
    return tuple(s for s in found if s and s.strip())


def _check(texts: list[str]) -> None:
    text = "\n".join(texts)
    assert untranslated_messages(text, _supplied()) == []
    assert english_words(text, _supplied()) == []


@cache
def _card(path: Path) -> ScoreCard:
    result = score_source(path.read_bytes(), str(path), shipped_rubric_by_id(),
                          VoiceIndex(str(VOICE)))
    assert isinstance(result, Scored), getattr(result, "diagnostics", None)
    return result.card


def _portfolio_view() -> dict[str, Any]:
    summaries = [summarise(_card(p), path=str(p)) for p in EXAMPLES]
    rubric, _ = load_rubric("default")
    return build_portfolio_view(build_portfolio(summaries, [], rubric, as_of=AS_OF,
                                                group_by="local_area"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_service_report_view_and_its_summary_are_welsh(path: Path) -> None:
    with using("cy"):
        view = build_view(_card(path))
        texts = list(_strings(view))
        texts.append(plain_text(summary_lines(view, max_actions=3)))
        texts += [str(v) for row in service_plan(view) for k, v in row.items()
                  if k in ("kind", "status", "effort", "rung_name") and v]
    _check(texts)


def test_the_same_view_in_english_is_english() -> None:
    """The check can fail: the English view of the same service is caught by it."""
    view = build_view(_card(EXAMPLES[0]))
    english = "\n".join([*_strings(view), plain_text(summary_lines(view))])
    assert untranslated_messages(english, _supplied())
    assert english_words(english, _supplied())


def test_the_portfolio_view_its_summary_and_overview_are_welsh() -> None:
    with using("cy"):
        view = _portfolio_view()
        texts = list(_strings(materialise(view)))
        texts += build_pictures(view)["summary"]
        texts += [g["words"] for g in build_pictures(view)["gaps"]]
        texts += [t["words"] for t in build_pictures(view)["trend"] if t["words"]]
        texts.append(plain_text(portfolio_overview(view)))
        texts += [str(v) for row in ActionPlan(_portfolio_build()) for k, v in row.items()
                  if k in ("kind", "status", "effort", "service_name") and v]
    _check(texts)


def _portfolio_build() -> Any:
    summaries = [summarise(_card(p), path=str(p)) for p in EXAMPLES]
    rubric, _ = load_rubric("default")
    return build_portfolio(summaries, [], rubric, as_of=AS_OF)


def test_you_said_we_did_is_welsh() -> None:
    youth = next(p for p in EXAMPLES if p.stem == "youth-service")
    with using("cy"):
        page = you_said_we_did(_card(youth))
    # The notices (the Welsh is a draft) are in Welsh and, on purpose, in English too.
    notices = [n["cy"] if isinstance(n, dict) else n for n in page["notices"]]
    assert notices
    _check(list(_strings({k: v for k, v in page.items() if k != "notices"})) + notices)


def test_a_date_is_in_welsh_in_welsh_and_as_before_in_english() -> None:
    from coprod_ladder.rendering.voice_back import _day

    assert _day(dt.date(2026, 12, 3)) == "3 December 2026"
    with using("cy"):
        assert _day(dt.date(2026, 12, 3)) == "3 Rhagfyr 2026"
        assert _day(dt.date(2027, 3, 31)) == "31 Mawrth 2027"


def _workbook_text(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(max_row=2):
            texts += [str(c.value) for c in row if isinstance(c.value, str)]
        texts += [dv.promptTitle or "" for dv in sheet.data_validations.dataValidation]
        texts += [dv.prompt or "" for dv in sheet.data_validations.dataValidation]
    return texts


def test_the_workbooks_sheets_headings_and_notes_are_welsh() -> None:
    with using("cy"):
        view = _portfolio_view()
        portfolio = io.BytesIO()
        write_portfolio_workbook(view, ActionPlan(_portfolio_build()), portfolio)
        plan = io.BytesIO()
        write_action_plan_workbook(build_view(_card(EXAMPLES[0])), plan)
    texts = _workbook_text(portfolio.getvalue()) + _workbook_text(plan.getvalue())
    assert "Gwasanaethau" in texts and "Cynllun gweithredu" in texts
    _check(texts)


def test_the_csv_header_stays_english_in_welsh() -> None:
    from coprod_ladder.rendering.csv_table import CsvHeaders, csv_columns

    view = _portfolio_view()
    english = csv_columns(view, CsvHeaders.LABELS)
    with using("cy"):
        assert csv_columns(view, CsvHeaders.LABELS) == english


# The forms of one counted sentence for 0, 1, 2, 3, 6 and 11: each Welsh form, and the English
# singular for 1 only.
PLURALS = [
    (0, "Sgoriwyd 0 gwasanaeth yn ôl R.", "0 services were scored against R."),
    (1, "Sgoriwyd 1 gwasanaeth yn ôl R.", "1 service was scored against R."),
    (2, "Sgoriwyd 2 wasanaeth yn ôl R.", "2 services were scored against R."),
    (3, "Sgoriwyd 3 gwasanaeth yn ôl R.", "3 services were scored against R."),
    (6, "Sgoriwyd 6 gwasanaeth yn ôl R.", "6 services were scored against R."),
    (11, "Sgoriwyd 11 o wasanaethau yn ôl R.", "11 services were scored against R."),
]


@pytest.mark.parametrize(("count", "welsh", "english"), PLURALS)
def test_a_counted_sentence_has_each_welsh_form(count: int, welsh: str, english: str) -> None:
    assert say_count("summary-services", count, rubric="R") == english
    with using("cy"):
        assert say_count("summary-services", count, rubric="R") == welsh


CHILDREN = [(0, "Atebodd 0 o blant."), (1, "Atebodd 1 plentyn."), (2, "Atebodd 2 blentyn."),
            (3, "Atebodd 3 phlentyn."), (6, "Atebodd 6 phlentyn."), (11, "Atebodd 11 o blant.")]


@pytest.mark.parametrize(("count", "welsh"), CHILDREN)
def test_how_many_children_answered_mutates_as_welsh_does(count: int, welsh: str) -> None:
    from coprod_ladder.model import VoiceGroup

    with using("cy"):
        assert voice_words.group_answered(VoiceGroup.CHILDREN, count) == welsh


def test_a_form_speaks_to_a_child_as_ti_and_to_a_parent_as_chi() -> None:
    from coprod_ladder.model import VoiceGroup

    assert voice_words.about_you("AGE", VoiceGroup.CHILDREN) == voice_words.ABOUT_YOU["AGE"]
    with using("cy"):
        assert "dy" in voice_words.about_you("HELP", VoiceGroup.YOUNG_PEOPLE).split()
        assert "eich" in voice_words.about_you("HELP", VoiceGroup.PARENTS).split()
        assert voice_words.form_title("S", VoiceGroup.CHILDREN) == "Dy farn di am S"


def test_the_young_peoples_messages_are_the_same_english_as_the_forms() -> None:
    young = voice_words._YOUNG_ABOUT_YOU
    about = voice_words.ABOUT_YOU
    assert young == (about["AGE"], about["HELP"], about["COMMENT"],
                     voice_words.VOICE_SENTENCES["template-title"])


def test_a_welsh_form_is_read_back_as_an_english_one() -> None:
    from coprod_ladder.voice.model import VoiceAnswer

    assert voice_words.answer_from_words("Ddim yn aml") is VoiceAnswer.NOT_OFTEN
    assert voice_words.answer_from_words("Not often") is VoiceAnswer.NOT_OFTEN


@pytest.mark.parametrize(("items", "english", "welsh"), [
    (["A", "B"], "A and B", "A a B"),
    (["A", "B", "Ely"], "A, B and Ely", "A, B ac Ely"),
    (["Ynys Môn", "Wrexham"], "Ynys Môn and Wrexham", "Ynys Môn a Wrexham"),
    (["A", "ysgol"], "A and ysgol", "A ac ysgol"),
])
def test_a_list_of_names_ends_with_a_or_ac_in_welsh(items: list[str], english: str,
                                                    welsh: str) -> None:
    from coprod_ladder.rendering.wording import names

    assert names(items) == english
    with using("cy"):
        assert names(items) == welsh


def test_sarif_help_is_welsh_and_its_rule_ids_stay() -> None:
    from coprod_ladder.diagnostics import Severity
    from coprod_ladder.rendering.sarif import FINDING_HELP, _rule

    with using("cy"):
        rules = [_rule(code, Severity.ERROR) for code in FINDING_HELP]
    assert [r["id"] for r in rules] == list(FINDING_HELP)
    texts = [str(part["text"]) for r in rules  # type: ignore[index]
             for part in (r["fullDescription"], r["help"])]
    # The English a finding quotes: words of English text ('and'), and a YAML key (`from`).
    quoted = ("'and tell'", "'and why'", "'and'", "`from`")
    _check([functools.reduce(lambda text, q: text.replace(q, ""), quoted, t) for t in texts])
