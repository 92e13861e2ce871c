"""The JSON Schemas: shipped and current, described, and in agreement with coprod's own checks.

An editor validates a rubric or answers file against the schema as you type; `coprod rubric
check` and `coprod score` validate it with the models. The two must give the same verdict
wherever JSON Schema can express the rule, so a file the editor passes is never refused by
coprod for its shape, and the other way round. Rules JSON Schema cannot express (a criterion
naming a rung that does not exist, duplicate ids) are left to coprod alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import edit_text
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.loader import _as_json
from coprod_ladder.rubric.load import parse_rubric
from coprod_ladder.rubric.schemas import SCHEMA_FILES, SCHEMA_IDS, render_schema, schema_for
from coprod_ladder.yaml_source import parse_yaml

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
MINI_TEXT = (DATA / "rubrics" / "mini.yaml").read_text(encoding="utf-8")
SERVICE_TEXT = (DATA / "answers" / "mini-service.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", SCHEMA_FILES)
def test_the_shipped_schema_files_are_current(kind: str) -> None:
    path = REPO / "schemas" / SCHEMA_FILES[kind]
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        path.write_text(render_schema(kind), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == render_schema(kind), (
        f"{path} is out of date: run COPROD_UPDATE_GOLDEN=1 python -m pytest tests/test_schemas.py")


@pytest.mark.parametrize("kind", SCHEMA_FILES)
def test_every_property_has_a_description_and_the_schema_an_id(kind: str) -> None:
    schema = schema_for(kind)
    assert schema["$id"] == SCHEMA_IDS[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    definitions = {**schema["$defs"], kind: schema}
    undescribed = [f"{name}.{prop}" for name, definition in definitions.items()
                   for prop, value in definition.get("properties", {}).items()
                   if not value.get("description")]
    assert undescribed == []
    count = sum(len(d.get("properties", {})) for d in definitions.values())
    assert count > {"rubric": 60, "answers": 20, "voice": 15}[kind]


def _schema_verdict(text: str, kind: str) -> bool:
    """Return True when the schema accepts the file as an editor sees it (YAML as JSON)."""
    doc = parse_yaml(text, "f.yaml")
    assert doc.ok, doc.diagnostics
    data = json.loads(_as_json(doc))
    validator = jsonschema.Draft202012Validator(schema_for(kind),
                                                format_checker=jsonschema.FormatChecker())
    return not list(validator.iter_errors(data))


def _coprod_verdict(text: str, kind: str) -> bool:
    """Return True when coprod finds nothing wrong with the file's shape."""
    if kind == "rubric":
        _, found = parse_rubric(text, "f.yaml")
    else:
        _, found = parse_answers(text, "f.yaml")
    return not [d for d in found if d.code.startswith("schema/")]


RUBRIC_CASES: list[Any] = [
    pytest.param([], True, id="unchanged"),
    pytest.param([("meets: true\n      - id: needs", "meets: yes\n      - id: needs")], False,
                 id="boolean-yes"),
    pytest.param([("meets: true\n      - id: needs", "meets: 1\n      - id: needs")], False,
                 id="boolean-1"),
    pytest.param([("    level: 2\n", "    level: '2'\n")], False, id="number-as-text"),
    pytest.param([("    level: 2\n", "    level: 2.5\n")], False, id="number-not-whole"),
    pytest.param([("    title: Co-production in children's services\n",
                   "    title: Co-production in children's services\n    year: '2001'\n")],
                 False, id="year-as-text"),
    pytest.param([("    title: Co-production in children's services\n",
                   "    title: Co-production in children's services\n    year: 2001\n")],
                 True, id="year-as-number"),
    pytest.param([("    name: Told\n", "    name: '   '\n")], False, id="blank-name"),
    pytest.param([("    name: Told\n", "    name: ''\n")], False, id="empty-name"),
    pytest.param([("    in_practice: Letters go out.\n",
                   "    in_practice: Letters go out.\n    maps_to: {Hart: x}\n")], False,
                 id="maps-to-key-not-an-id"),
    pytest.param([("    in_practice: Letters go out.\n",
                   "    in_practice: Letters go out.\n    maps_to: {hart: Informing}\n")], True,
                 id="maps-to-key-an-id"),
    pytest.param([("title: A small rubric for tests\n", "title: 2026-01-01\n")], True,
                 id="unquoted-date-as-title"),
    pytest.param([("title: A small rubric for tests\n", "title: 1.10\n")], False,
                 id="number-as-title"),
    pytest.param([("title: A small rubric for tests\n", "title: yes\n")], True,
                 id="yes-as-title"),
    pytest.param([("    band: doing to\n", "    band: done to\n")], False, id="unknown-band"),
    pytest.param([("id: mini\n", "id: Mini\n")], False, id="id-pattern"),
    pytest.param([("version: 1.0.0\n", "version: '1.0'\n")], False, id="version-pattern"),
    pytest.param([("licence: MIT\n", "")], False, id="missing-required"),
    pytest.param([("licence: MIT\n", "licence: MIT\nlicense: MIT\n")], False, id="unknown-key"),
    pytest.param([("  rule: gated\n", "  rule: gated\n  min_share: 0\n")], False,
                 id="share-zero"),
    pytest.param([("  rule: gated\n", "  rule: gated\n  min_coverage: '0.5'\n")], False,
                 id="share-as-text"),
]


@pytest.mark.parametrize(("edits", "valid"), RUBRIC_CASES)
def test_schema_and_rubric_check_agree(edits: list[tuple[str, str]], valid: bool) -> None:
    text = edit_text(MINI_TEXT, edits)
    assert (_schema_verdict(text, "rubric"), _coprod_verdict(text, "rubric")) == (valid, valid)


ANSWERS_CASES: list[Any] = [
    pytest.param([], True, id="unchanged"),
    pytest.param([("assessed_on: 2026-05-14\n", "assessed_on: '2026-05-14'\n")], True,
                 id="quoted-date"),
    pytest.param([("assessed_on: 2026-05-14\n", "assessed_on: 20260514\n")], False,
                 id="date-as-number"),
    pytest.param([("assessed_on: 2026-05-14\n", "assessed_on: '2026-13-45'\n")], False,
                 id="impossible-date"),
    pytest.param([("  team: Early help\n", "  team: '  '\n")], False, id="blank-team"),
    pytest.param([("  tags: {area: south, age: 11-19}\n", "  tags: {Area: south}\n")], False,
                 id="tag-key-not-an-id"),
    pytest.param([("assessed_by: Sam Patel\n", "assessed_by: Sam Patel\nassesed_on: x\n")],
                 False, id="unknown-key"),
    pytest.param([("rubric: {id: mini, version: 1.0.0}\n", "rubric: {id: mini}\n")], False,
                 id="missing-version"),
]


@pytest.mark.parametrize(("edits", "valid"), ANSWERS_CASES)
def test_schema_and_answers_checks_agree(edits: list[tuple[str, str]], valid: bool) -> None:
    text = edit_text(SERVICE_TEXT, edits)
    assert (_schema_verdict(text, "answers"), _coprod_verdict(text, "answers")) == (valid, valid)


def test_the_docs_show_the_modeline_and_the_vs_code_setting() -> None:
    docs = (REPO / "docs" / "schemas.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in docs
    assert '"yaml.schemas"' in docs
    for name in SCHEMA_FILES.values():
        assert f"schemas/{name}" in docs
