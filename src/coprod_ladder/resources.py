"""Find the data shipped inside the package: rubrics, templates, examples and JSON Schemas.

Everything is located through importlib.resources, so it works from a wheel, an editable
install and a source checkout alike. Reads only; never writes, prints or exits.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from coprod_ladder.errors import UnknownRubricError

DEFAULT_RUBRIC = "default"
_PACKAGE = files("coprod_ladder")


def rubrics_dir() -> Traversable:
    """Return the folder of shipped rubrics."""
    return _PACKAGE / "rubrics"


def shipped_translation(rubric_id: str, lang: str) -> Traversable:
    """Where a shipped rubric's translation into `lang` is (it may not exist)."""
    return rubrics_dir() / "translations" / f"{rubric_id}.{lang}.yaml"


def examples_dir() -> Traversable:
    """Return the folder of example answers files used by `coprod demo`."""
    return _PACKAGE / "examples"


def schema_file(kind: str) -> Traversable:
    """Return the shipped JSON Schema of rubric files (`kind` "rubric") or answers files."""
    return _PACKAGE / "schemas" / f"{kind}.schema.json"


def builtin_rubric_names() -> list[str]:
    """Return the names of the shipped rubrics, sorted."""
    return sorted(
        p.name.removesuffix(".yaml") for p in rubrics_dir().iterdir() if p.name.endswith(".yaml")
    )


def read_builtin_rubric(name: str) -> tuple[str, bytes]:
    """Return (display path, raw bytes) of a shipped rubric; raise UnknownRubricError."""
    resource = rubrics_dir() / f"{name}.yaml"
    if not resource.is_file():
        raise UnknownRubricError(name, builtin_rubric_names())
    return f"rubrics/{name}.yaml", resource.read_bytes()


STARTER_RUBRIC = "starter"


def read_starter_rubric() -> tuple[str, bytes]:
    """Return (display path, raw bytes) of the small, complete starter rubric."""
    return "starter-rubric.yaml", (_PACKAGE / "starter-rubric.yaml").read_bytes()
