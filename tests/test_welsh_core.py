"""The core's messages in Welsh (issue 26): every kind of finding, and the scoring reasons.

Each table reuses the cases that pin the English findings (rubric checks and schema problems
in test_rubric_checks, YAML problems in test_yaml_source), runs them again inside
`using("cy")`, and asks tests/welsh_check.py for English left in each message. What the file
or the rubric supplied (its keys and values, the YAML parser's own English, the model's key
names) is taken out first: it is not coprod's to translate. The scoring reasons are checked
on the shipped examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import edit_text
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.language import ngettext, using
from coprod_ladder.loader import parse_document
from coprod_ladder.model import Answers, Band, Rubric
from coprod_ladder.resources import examples_dir
from coprod_ladder.rubric.load import load_rubric, parse_rubric
from coprod_ladder.rubric.plain import two_ask_joins
from coprod_ladder.rubric.translation import rubric_texts
from coprod_ladder.rubric.translation_checks import translation_findings
from coprod_ladder.scoring import score
from test_rubric_checks import CHECK_CASES, SCHEMA_CASES
from test_rubric_translation_checks import (
    _complete,
    _english_edited,
    _made_from_other_english,
    _one_draft,
    _positions,
    _rubric,
    _stale_draft,
    _two_drafts,
    _with_typo,
    _without_title,
)
from test_yaml_source import DOCUMENT_CASES, MINI_CASES
from welsh_check import english_words, untranslated_messages

MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"


def _strings(value: Any) -> Iterator[str]:
    """Every text in parsed YAML, keys and values."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _field_names(model: type[BaseModel], seen: set[type] | None = None) -> Iterator[str]:
    """The keys a model allows, all the way down (findings list them: 'allowed here: ...')."""
    seen = set() if seen is None else seen
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield name
        for inner in _models_in(info.annotation):
            yield from _field_names(inner, seen)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _models_in(arg)


_KEYS = frozenset([*_field_names(Rubric), *_field_names(Answers), *(b.value for b in Band)])


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parser_words(text: str) -> list[str]:
    """PyYAML's own English about a text it cannot read (it has no catalogue)."""
    try:
        yaml.load(text, Loader=_LOADER)  # the safe loader coprod uses
    except yaml.MarkedYAMLError as exc:
        return [w for w in (exc.problem, exc.context) if w]
    except yaml.YAMLError as exc:
        return [str(exc)]
    except ValueError as exc:
        return [str(exc)]
    return []


def supplied_by(text: str) -> list[str]:
    """What a file supplied to its findings: its texts, the model's keys, the parser's words."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        data = None
    found = [*_strings(data), *_KEYS, *_parser_words(text)]
    found += [j for s in list(found) for j in two_ask_joins(s)]
    return [s for s in found if len(s) >= 2]


def english_in(diagnostics: Iterable[Diagnostic], supplied: list[str]) -> list[str]:
    """Each message with English left in it, with what was found (empty when all Welsh)."""
    left = []
    for d in diagnostics:
        words = english_words(d.message, supplied)
        messages = untranslated_messages(d.message, supplied)
        if words or messages:
            left.append(f"[{d.code}] {d.message} -> {words} {messages}")
    return left


@pytest.fixture(scope="module")
def mini() -> str:
    return MINI.read_text(encoding="utf-8")


@pytest.mark.parametrize(("edits", "expected"), [*CHECK_CASES, *SCHEMA_CASES])
def test_rubric_findings_are_welsh(edits: list[tuple[str, str]], expected: list[Any],
                                   mini: str) -> None:
    text = edit_text(mini, edits)
    with using("cy"):
        _, diagnostics = parse_rubric(text, "r.yaml")
    assert diagnostics, "the case must produce its finding"
    assert english_in(diagnostics, supplied_by(text)) == []


@pytest.mark.parametrize(("edits", "expected"), MINI_CASES)
def test_yaml_findings_are_welsh(edits: list[tuple[str, str]], expected: list[Any],
                                 mini: str) -> None:
    text = edit_text(mini, edits)
    with using("cy"):
        diagnostics = parse_document(text, "r.yaml").diagnostics
    assert diagnostics
    assert english_in(diagnostics, supplied_by(text)) == []


@pytest.mark.parametrize(("raw", "expected"), DOCUMENT_CASES)
def test_file_findings_are_welsh(raw: bytes, expected: list[Any]) -> None:
    with using("cy"):
        diagnostics = parse_document(raw, "r.yaml").diagnostics
    assert diagnostics
    text = raw.decode("utf-8", errors="replace")
    assert english_in(diagnostics, supplied_by(text) if len(raw) < 10_000 else []) == []


@pytest.mark.parametrize(
    "text",
    ["- id: mini\n", "just some words\n", "\n\n  42\n"],
    ids=["list", "text", "number"],
)
def test_a_rubric_that_is_not_a_mapping_is_told_in_welsh(text: str) -> None:
    with using("cy"):
        _, diagnostics = parse_rubric(text, "r.yaml")
    assert [d.code for d in diagnostics] == ["schema/root"]
    assert diagnostics[0].message.startswith("rhaid i ffeil fframwaith fod yn fapiad")
    assert english_in(diagnostics, supplied_by(text)) == []


def test_the_cap_on_schema_findings_is_told_in_welsh(mini: str) -> None:
    many = mini.replace("criteria:\n", "criteria:\n" + "  - {}\n" * 100, 1)
    with using("cy"):
        _, diagnostics = parse_rubric(many, "r.yaml")
    capped = [d for d in diagnostics if d.code == "schema/too-many"]
    assert [d.message for d in capped] == [
        "ni ddangosir 300 problem sgema arall; trwsiwch y rhai a ddangoswyd a gwiriwch eto"]
    assert english_in(diagnostics, supplied_by(many)) == []


def test_an_answers_file_with_a_bad_shape_is_told_in_welsh() -> None:
    text = "rubric: {id: default, version: 1}\nservice: 7\ncolour: red\n"
    with using("cy"):
        _, diagnostics = parse_answers(text, "a.yaml")
    assert {d.code for d in diagnostics} >= {"schema/unknown-key", "schema/type"}
    assert english_in(diagnostics, supplied_by(text)) == []


def test_findings_stay_english_outside_welsh(mini: str) -> None:
    """The same case, outside `using`, still gives the English the other tests pin."""
    _, diagnostics = parse_rubric(edit_text(mini, [("licence: MIT\n", "")]), "r.yaml")
    assert [d.message for d in diagnostics] == ["the top level needs the key 'licence'"]


# ------------------------------------------------------------------------------------------
# Scoring: the sentences that say why (rule, overall rule, what raised a risk)
# ------------------------------------------------------------------------------------------

EXAMPLES = sorted(p.name for p in examples_dir().iterdir()  # type: ignore[attr-defined]
                  if p.name.endswith(".yaml"))


@pytest.fixture(scope="module")
def shipped() -> Any:
    rubric, _ = load_rubric()
    return rubric


@pytest.mark.parametrize("name", EXAMPLES)
def test_scoring_reasons_are_welsh_for_the_shipped_examples(name: str, shipped: Any) -> None:
    raw = (examples_dir() / name).read_bytes()  # type: ignore[operator]
    answers, problems = parse_answers(raw, name, shipped)
    assert answers is not None, problems
    with using("cy"):
        card = score(shipped, answers)
    supplied = [*rubric_texts(shipped).values(), *_strings(yaml.safe_load(raw)),
                *(o.label for s in shipped.answer_sets for o in s.options)]
    reasons = [card.rule_explanation, card.overall_explanation,
               *(why for risk in card.risks for why in risk.because)]
    for reason in reasons:
        assert english_words(reason, supplied) == [], reason
        assert untranslated_messages(reason, supplied) == [], reason


def test_some_example_raises_a_risk_so_its_reasons_are_checked(shipped: Any) -> None:
    raised = 0
    for name in EXAMPLES:
        raw = (examples_dir() / name).read_bytes()  # type: ignore[operator]
        answers, _ = parse_answers(raw, name, shipped)
        assert answers is not None
        with using("cy"):
            raised += sum(len(r.because) for r in score(shipped, answers).risks)
    assert raised, "no shipped example raises a risk: the risk reasons go unchecked"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("gated", "Mae pob math o gydgynhyrchu ar y gris uchaf lle mae ei holl ddatganiadau ar "
               "waith"),
     ("threshold", "Mae pob math o gydgynhyrchu ar y gris uchaf lle mae o leiaf 80% o'i "
                   "ddatganiadau ar waith")])
def test_the_default_rule_sentences_in_welsh(rule: str, expected: str, shipped: Any) -> None:
    """The shipped rubric words its own rule; a rubric that does not gets coprod's, in Welsh."""
    from coprod_ladder.scoring import rule_sentence

    rubric = shipped.model_copy(update={"scoring": shipped.scoring.model_copy(
        update={"rule": rule, "min_share": 0.8, "explanation": None})})
    with using("cy"):
        sentence = rule_sentence(rubric)
    assert sentence.startswith(expected)
    assert english_words(sentence) == [] and untranslated_messages(sentence) == []


@pytest.mark.parametrize(
    ("types", "max_drop", "expected"),
    [(1, 0, "o leiaf un math o gydgynhyrchu"),
     (2, 1, "o leiaf dau fath o gydgynhyrchu o fewn ei gwmpas yn ei gyrraedd, a byth fwy na "
            "un gris o dan"),
     (3, 2, "o leiaf tri math o gydgynhyrchu o fewn ei gwmpas yn ei gyrraedd, a byth fwy na "
            "dau ris o dan"),
     (7, 0, "o leiaf 7 math o gydgynhyrchu")],
    ids=["one", "two-drop-one", "three-drop-two", "seven"],
)
def test_the_overall_rule_in_welsh(types: int, max_drop: int, expected: str,
                                   shipped: Any) -> None:
    from coprod_ladder.scoring import overall_rule_sentence

    overall = shipped.scoring.overall.model_copy(
        update={"types": types, "max_drop": max_drop, "explanation": None})
    rubric = shipped.model_copy(
        update={"scoring": shipped.scoring.model_copy(update={"overall": overall})})
    with using("cy"):
        sentence = overall_rule_sentence(rubric)
    assert expected in sentence
    assert english_words(sentence) == []


# ------------------------------------------------------------------------------------------
# Plurals: Welsh has a form for 0, 1, 2, 3, 6 and the rest
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "mae angen o leiaf 0 eitem"),
     (1, "mae angen o leiaf un eitem"),
     (2, "mae angen o leiaf dwy eitem"),
     (3, "mae angen o leiaf tair eitem"),
     (6, "mae angen o leiaf chwe eitem"),
     (11, "mae angen o leiaf 11 eitem")],
)
def test_needs_at_least_n_items_in_welsh(count: int, expected: str) -> None:
    from coprod_ladder.loader import _plain_message

    error = {"type": "too_short", "msg": "", "ctx": {"min_length": count}}
    with using("cy"):
        assert _plain_message(error) == expected
    assert _plain_message(error) == (f"needs at least {count} item"
                                     + ("" if count == 1 else "s"))


# ------------------------------------------------------------------------------------------
# Translation files: what `rubric check` says about a rubric's Welsh texts
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "change",
    [_without_title, _with_typo, _english_edited, _made_from_other_english, _one_draft,
     _two_drafts, _stale_draft],
    ids=["missing", "unknown-key", "stale-after-an-english-edit", "stale-fingerprint",
         "one-draft", "drafts", "stale-draft"],
)
def test_translation_findings_are_welsh(change: Any) -> None:
    base = _rubric()
    rubric, translation = change(base, _complete(base))
    with using("cy"):
        found = translation_findings(rubric, translation, _positions(translation), path="cy.yaml")
    assert found
    supplied = [*rubric_texts(rubric).values(), *(repr(t) for t in rubric_texts(rubric).values()),
                *translation.texts, "titel", "from:"]  # from: is a YAML key
    assert english_in(found, supplied) == []


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "mae 0 testun sy'n cael eu defnyddio yn ddrafftiau"),
     (1, "mae un testun sy'n cael ei ddefnyddio yn ddrafft"),
     (2, "mae dau destun sy'n cael eu defnyddio yn ddrafftiau"),
     (3, "mae tri thestun sy'n cael eu defnyddio yn ddrafftiau"),
     (6, "mae chwe thestun sy'n cael eu defnyddio yn ddrafftiau"),
     (11, "mae 11 testun sy'n cael eu defnyddio yn ddrafftiau")],
)
def test_drafts_in_use_counted_in_welsh(count: int, expected: str) -> None:
    message = ("{count} text in use is a draft ('{first}'); once someone has checked it, set "
               "status: reviewed")
    plural = ("{count} texts in use are drafts (the first is '{first}'); once someone has "
              "checked them, set status: reviewed")
    with using("cy"):
        said = ngettext(message, plural, count).format(count=count, first="summary")
    assert said.startswith(expected)
    assert "'summary'" in said and english_words(said, ["status: reviewed"]) == []


@pytest.mark.parametrize(
    ("sentence", "welsh"),
    [("give either ask (a question per group) or not_asked (why families cannot answer this "
      "item), not both or neither", "gwerth annilys: rhowch naill ai ask"),
     ("collected_from is after collected_to; swap them",
      "gwerth annilys: mae collected_from ar ôl collected_to")],
    ids=["voice-ask", "voice-dates"],
)
def test_the_models_own_checks_are_told_in_welsh(sentence: str, welsh: str) -> None:
    """The model raises English (it sits below the language); the loader translates it."""
    from coprod_ladder.loader import _plain_message

    error = {"type": "value_error", "msg": f"Value error, {sentence}",
             "ctx": {"error": ValueError(sentence)}}
    with using("cy"):
        assert _plain_message(error).startswith(welsh)
    assert _plain_message(error) == f"value error, {sentence}"
