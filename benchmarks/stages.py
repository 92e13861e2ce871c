"""Time each stage of scoring and reporting one answers file, in one process, per file.

    python benchmarks/stages.py FOLDER [--rubric FILE]

CPU time per file, in milliseconds, for: PyYAML's C loader over the file and its voice files
(the parse floor), coprod's reading and checking (`read_answers`), reading its voice files
(`read_voice`), `score()` with them, the report view (`build_view`), each report format, and
the portfolio's summary of the service. Used by run.py for the ratios
that need a stage on its own (the HTML report against parsing its file), and by hand to see
where the time goes. The garbage collector is frozen after the first file, as the commands do.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "default.yaml"


def stage_times(files: list[Path], rubric_path: Path = RUBRIC, *,
                reports: bool = True) -> dict[str, float]:
    """Return CPU milliseconds per file for each stage, over `files` (all valid answers).

    A file's voice files beside it are read and weighed with it, as `score` and `portfolio`
    do (the parse floor parses them too). Without `reports`, only what `portfolio` does per
    file: parse floor, read, score, summary.
    """
    from coprod_ladder.answers.read import read_answers
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.rubric.load import fixed_rubric, parse_rubric
    from coprod_ladder.scoring.engine import score
    from coprod_ladder.service_summary import summarise
    from coprod_ladder.voice.find import VoiceIndex
    from coprod_ladder.voice.read import read_voice

    rubric, _ = parse_rubric(rubric_path.read_bytes(), str(rubric_path))
    assert rubric is not None
    choose = fixed_rubric(rubric)
    renderers = {name: SERVICE_REPORTS.get(name) for name in ("html", "md", "json")}
    raws = [(path.read_bytes(), str(path)) for path in files]
    totals: dict[str, float] = {}

    def timed(stage: str, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        value = work(*args, **kwargs)
        totals[stage] = totals.get(stage, 0.0) + time.process_time() - start
        return value

    voices = VoiceIndex()
    first = True
    for raw, path in raws:
        timed("parse floor (CSafeLoader)", yaml.load, raw, Loader=yaml.CSafeLoader)
        answers, checked, warnings = timed("read and check", read_answers, raw, path, choose)
        heard = []
        for voice_path in voices.files_for(answers.service.id, path):  # found, not timed
            voice_raw = Path(voice_path).read_bytes()
            timed("parse floor (CSafeLoader)", yaml.load, voice_raw, Loader=yaml.CSafeLoader)
            heard.append(timed("read voice files", read_voice, voice_raw, voice_path,
                               checked)[0])
        card = timed("score()", score, checked, answers, heard)
        if reports:
            view = timed("build_view", build_view, card, tuple(warnings))
            for name, renderer in renderers.items():
                timed(f"{name} report", renderer.render_bytes, view)
        timed("portfolio summary", summarise, card, path=path)
        if first:
            gc.collect()
            gc.freeze()
            first = False
            totals.clear()
    return {stage: 1000 * seconds / (len(raws) - 1) for stage, seconds in totals.items()}


def main() -> None:
    """Print each stage's milliseconds per file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rubric", type=Path, default=RUBRIC)
    parser.add_argument("--limit", type=int, default=0, help="at most this many files")
    args = parser.parse_args()
    files = sorted(p for p in args.folder.rglob("*.yaml") if not p.name.endswith(".voice.yaml"))
    if args.limit:
        files = files[:args.limit]
    for stage, ms in stage_times(files, args.rubric).items():
        print(f"{stage:28} {ms:7.3f} ms")


if __name__ == "__main__":
    main()
