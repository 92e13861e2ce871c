"""What the package says about itself: its name, classifiers, URLs, shipped data and changelog.

The wheel itself is built and checked by .ci/run (every file once, all the shipped data); these
tests read the installed metadata and the package folder, as a tool installing coprod would.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

import coprod_ladder
from coprod_ladder import HOMEPAGE, __version__, resources
from coprod_ladder.errors import ExitCode
from coprod_ladder.rubric.schemas import SCHEMA_FILES, render_schema

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(coprod_ladder.__file__).parent


@pytest.fixture(scope="module")
def metadata() -> importlib.metadata.PackageMetadata:
    return importlib.metadata.metadata("coprod")


def test_the_distribution_is_named_like_the_command(metadata) -> None:
    assert metadata["Name"] == "coprod"
    assert metadata["Version"] == __version__
    scripts = importlib.metadata.distribution("coprod").entry_points.select(
        group="console_scripts")
    assert [(s.name, s.value) for s in scripts] == [("coprod", "coprod_ladder.cli:main")]


def test_classifiers_name_each_supported_python_the_console_and_typing(metadata) -> None:
    classifiers = set(metadata.get_all("Classifier") or [])
    assert {"Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
            "Programming Language :: Python :: 3.13", "Environment :: Console",
            "Typing :: Typed"} <= classifiers
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata.get_all("Keywords") or metadata["Keywords"]


def test_project_urls_all_point_at_the_one_homepage(metadata) -> None:
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues", "Documentation", "Changelog"} <= set(urls)
    assert urls["Homepage"] == HOMEPAGE
    assert all(url.startswith(HOMEPAGE) for url in urls.values()), urls
    for url in urls.values():  # links into the repository name files that exist
        if "/blob/main/" in url:
            assert (REPO / url.split("/blob/main/", 1)[1]).is_file(), url


def test_the_package_is_marked_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_the_schemas_are_shipped_in_the_package_and_schema_path_prints_where(
        run_cli, kind: str) -> None:
    args = ["rubric", "schema", "--path"] + ([f"--{kind}"] if kind != "rubric" else [])
    result = run_cli(*args, exit_code=ExitCode.OK)
    assert result.stderr == ""
    printed = Path(result.stdout.rstrip("\n"))
    assert result.stdout.count("\n") == 1
    assert printed.is_absolute() and printed.name == SCHEMA_FILES[kind]
    assert printed.parent.parent == PACKAGE
    assert printed.read_text(encoding="utf-8") == render_schema(kind)


def test_schema_path_says_so_when_the_installation_has_no_schemas(run_cli, monkeypatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path)
    result = run_cli("rubric", "schema", "--path", exit_code=ExitCode.INPUT)
    assert result.stdout == ""
    assert "this installation has no rubric schema" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_changelog_has_an_unreleased_section_and_the_current_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert any(h.split()[0] == __version__ for h in headings[1:]), headings
