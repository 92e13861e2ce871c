"""The demo's example voice file: made by tests/make_example_voice.py, and shown by the demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from make_example_voice import OUT, example_voice

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_example_is_what_the_generator_makes() -> None:
    assert OUT.read_text(encoding="utf-8") == example_voice(), (
        "examples/voice/ is stale: run python tests/make_example_voice.py")


def test_the_example_says_it_is_made_up() -> None:
    assert OUT.read_text(encoding="utf-8").startswith("# EXAMPLE DATA")


def test_the_demo_shows_the_example_voices(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "coprod_ladder", "demo", "-o", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "northfield-youth.md").read_text(encoding="utf-8")
    section = report.split("## What children, young people and families say", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert "24 people answered (3 children, 14 young people and 7 parents and carers)" in section
    assert "fewer than 5 answered" in section  # the three children, counted only in totals
    assert "Blind spot: “" in section and "Hidden strength: “" in section
    plan = report.split("## What to do next", 1)[1]
    assert "do not see this practice" in plan.split("\n2. ", 1)[0]  # the blind spot first
    others = [(tmp_path / f).read_text(encoding="utf-8") for f in ("send-team.md",)
              if (tmp_path / f).exists()]
    assert all("No voice files were read" in text for text in others)
