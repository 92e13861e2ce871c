"""docs/writing-a-rubric.md stays true: its complete example checks clean, every check code is
documented, and `coprod rubric init` gives a starting copy."""

from __future__ import annotations

import os
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from coprod_ladder.model import Rubric
from coprod_ladder.rubric.checks import CODES
from coprod_ladder.rubric.load import load_rubric

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "writing-a-rubric.md"
STARTER = ROOT / "src" / "coprod_ladder" / "starter-rubric.yaml"


def complete_example() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## A small, complete rubric", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert match, "the guide's last section needs a ```yaml block"
    return match.group(1)


def copy_starter_into_guide() -> None:
    """Write the starter rubric (the one source) into the guide's last ```yaml block."""
    text = GUIDE.read_text(encoding="utf-8")
    head, section = text.split("## A small, complete rubric", 1)
    start = section.index("```yaml\n") + len("```yaml\n")
    end = section.index("```", start)
    section = section[:start] + STARTER.read_text(encoding="utf-8") + section[end:]
    GUIDE.write_text(head + "## A small, complete rubric" + section, encoding="utf-8")


def test_the_guides_example_is_the_starter_and_checks_clean(run_cli, tmp_path: Path) -> None:
    # The starter file is the one source: the guide shows a copy, made by this test.
    if os.environ.get("COPROD_UPDATE_GOLDEN"):
        copy_starter_into_guide()
    assert complete_example() == STARTER.read_text(encoding="utf-8"), (
        "the guide's example is not src/coprod_ladder/starter-rubric.yaml: edit the starter "
        "file (never the guide's copy), then run COPROD_UPDATE_GOLDEN=1 .venv/bin/python -m "
        "pytest tests/test_rubric_docs.py to copy it into docs/writing-a-rubric.md")
    path = tmp_path / "example.yaml"
    path.write_text(complete_example(), encoding="utf-8")
    result = run_cli("rubric", "check", "--strict", path, exit_code=0)
    assert "0 errors, 0 warnings" in result.stderr


def field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Return the names of every field of a model and of the models inside it."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names.update(field_names(annotation, seen))
        for inner in typing.get_args(annotation):
            visit(inner)

    for info in model.model_fields.values():
        visit(info.annotation)
    return names


def test_every_rubric_field_is_in_the_guide() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = sorted(name for name in field_names(Rubric)
                     if f"`{name}`" not in text and f"{name}:" not in text)
    assert missing == []


def test_every_check_code_is_documented() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in text]
    assert missing == []


@pytest.mark.parametrize(("source", "new_id"), [("default", "my-council"),
                                                ("starter", "my-council"),
                                                ("iap2", "my-council")])
def test_init_writes_a_copy_with_its_own_id(source: str, new_id: str, run_cli,
                                            tmp_path: Path) -> None:
    path = tmp_path / "My Council.yaml"
    result = run_cli("rubric", "init", path, "--from", source, exit_code=0)
    assert f"'{new_id}'" in result.stderr
    copy, warnings = load_rubric(str(path))
    original, _ = load_rubric(source if source != "starter" else str(STARTER))
    assert (copy.id, warnings) == (new_id, [])
    assert copy.criteria == original.criteria
    assert path.read_text("utf-8").startswith(f"# Copied from the coprod rubric '{source}'")


def test_init_never_overwrites(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = run_cli("rubric", "init", path, exit_code=3)
    assert path.read_text("utf-8") == "keep me\n"
    assert "already exists" in result.stderr


@pytest.mark.parametrize(("args", "code"), [(["--from", "nonesuch"], 3), (["--id", "Bad Id"], 2)],
                         ids=["unknown-source", "bad-id"])
def test_init_bad_options(args: list[str], code: int, run_cli, tmp_path: Path) -> None:
    result = run_cli("rubric", "init", tmp_path / "x.yaml", *args, exit_code=code)
    assert not (tmp_path / "x.yaml").exists()
    assert "Traceback" not in result.output


def test_show_lists_floors_history_and_dont_know(run_cli) -> None:
    out = run_cli("rubric", "show", "default", exit_code=0).stdout
    for words in ("Statutory floors", "for services that: Works with children with SEND",
                  "History",
                  "replaces 1.0.0", "Don't know ?"):
        assert words in out
    starter = run_cli("rubric", "show", STARTER, exit_code=0).stdout
    assert "Statutory floors" in starter and "replaces 1.0.0" in starter
