"""Compiled templates kept between runs (rendering/compiled_templates.py) change only speed.

A run loads the templates an earlier run compiled instead of compiling them again. These tests
pin what a user relies on: the reports are the same bytes whether the templates were compiled
or loaded, in English and Welsh, from separate processes; a file compiled by other code, for
another language, or damaged is never used; and a cache folder that cannot be written costs
nothing but the speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_ladder import language
from coprod_ladder.rendering import compiled_templates, templates

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _no_cache_after() -> Iterator[None]:
    yield
    compiled_templates.keep_compiled_templates(None, str)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _score(out: Path, cache: Path, *lang: str) -> dict[str, bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "coprod_ladder", *lang, "score", str(EXAMPLES),
                           "--out", str(out)], env=env, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr
    return _files(out)


@pytest.mark.parametrize("lang", [(), ("--lang", "cy")], ids=["en", "cy"])
def test_reports_are_the_same_bytes_compiled_loaded_or_without_a_cache(
        tmp_path: Path, lang: tuple[str, ...]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    without = _score(tmp_path / "without", blocked / "cache", *lang)  # cannot be written
    compiled = _score(tmp_path / "compiled", tmp_path / "cache", *lang)
    kept = sorted((tmp_path / "cache" / "coprod" / "templates").iterdir())
    assert kept, "the first run keeps what it compiled"
    assert all(p.name.startswith(f"{lang[1] if lang else 'en'}-") for p in kept)
    loaded = _score(tmp_path / "loaded", tmp_path / "cache", *lang)
    assert len(without) >= 3
    assert compiled == without
    assert loaded == without


def _compile_refused(*_: Any) -> Any:
    raise AssertionError("compiled again")


def test_a_kept_template_is_loaded_not_compiled_again(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-1")
    first = templates.environment().get_template("service.md.j2")
    assert list(tmp_path.iterdir())
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-1")  # a new run
    monkeypatch.setattr(templates._ViewEnvironment, "_parse", _compile_refused)
    again = templates.environment().get_template("service.md.j2")
    assert again is not first
    assert again.root_render_func.__code__.co_code == first.root_render_func.__code__.co_code


def test_other_code_and_another_language_compile_their_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-1")
    templates.environment().get_template("service.md.j2")
    old = {p.name for p in tmp_path.iterdir()}
    parsed: list[str] = []
    parse = templates._ViewEnvironment._parse

    def counted(self: Any, source: str, name: str | None, filename: str | None) -> Any:
        parsed.append(f"{self.language}:{name}")
        return parse(self, source, name, filename)

    monkeypatch.setattr(templates._ViewEnvironment, "_parse", counted)
    with language.using("cy"):
        templates.environment().get_template("service.md.j2")
    assert parsed == ["cy:service.md.j2"]  # Welsh is not served the English code
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-2")  # an upgrade
    templates.environment().get_template("service.md.j2")
    assert parsed == ["cy:service.md.j2", "en:service.md.j2"]
    now = {p.name for p in tmp_path.iterdir()}
    assert not old & now, "the upgrade removed what the old code compiled"
    assert any(n.startswith("cy-") for n in now)


def test_a_damaged_file_is_compiled_again(tmp_path: Path) -> None:
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-1")
    first = templates.environment().get_template("service.md.j2")
    for kept in tmp_path.iterdir():
        kept.write_bytes(kept.read_bytes()[:40])  # the header, then nothing readable
    compiled_templates.keep_compiled_templates(tmp_path, lambda: "code-1")
    again = templates.environment().get_template("service.md.j2")
    assert again.root_render_func.__code__.co_code == first.root_render_func.__code__.co_code
    assert all(p.stat().st_size > 40 for p in tmp_path.iterdir()), "written again, whole"
