"""Score answers files for `coprod score`, in this process or in worker processes, in order.

Workers (see `cli.pool`) read, check and score their files and render each service's
reports and summary; this process names, writes and prints them in the order of the files,
exactly as scoring them one by one would, so the output is the same whatever the number of
workers. Only a few chunks are in flight at a time, so memory stays flat however many files
there are. It must not write or print: `cli.score` does.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprod_ladder.batch import Failed, Result, Scored
    from coprod_ladder.cli.pool import ServiceJob
    from coprod_ladder.diagnostics import Diagnostic
    from coprod_ladder.rendering.registry import Renderer
    from coprod_ladder.rendering.terminal import Grid, Line
    from coprod_ladder.rendering.views import ReportView
    from coprod_ladder.report_files import RenderedReports
    from coprod_ladder.rubric.load import RubricChooser
    from coprod_ladder.voice.find import VoiceIndex

# Jobs per chunk at most: small, because this process holds the reports of every chunk in
# flight (two per worker), about 170 KB a service.
MOST_PER_CHUNK = 8


@dataclass(frozen=True)
class Rendered:
    """A scored service, ready to write: its reports in the formats asked for, and summary."""

    path: str
    service_id: str
    warnings: tuple[Diagnostic, ...]
    reports: RenderedReports
    summary: list[Line | Grid]
    voice_failures: tuple[Failed, ...] = ()


def render_scored(result: Scored, formats: Sequence[Renderer[ReportView]]) -> Rendered:
    """Render a scored service's reports and its summary, all from one view."""
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.rendering.terminal import summary_lines
    from coprod_ladder.report_files import render_reports

    view = build_view(result.card, result.warnings)
    return Rendered(result.path, result.card.service_id, result.warnings,
                    render_reports(view, formats), summary_lines(view), result.voice_failures)


def score_files(paths: Sequence[Path], choose: RubricChooser,
                formats: Sequence[Renderer[ReportView]] | None,
                jobs: int, voices: VoiceIndex | None = None
                ) -> Generator[Result | Rendered, None, None]:
    """Yield a result for every answers file under `paths` (see `collect`), in order, each
    scored with its voice files (`voices`); voice files themselves are never read as answers.

    Files of other kinds are left alone, with a note (see `cli.inputs`). Paths that cannot be
    used come first, as Failed results. Each scored file comes back
    Rendered in `formats`, or as it Scored when `formats` is None (for `--out -`, which
    writes the views themselves). With more than one job (0: see `pool.default_workers`), files
    are scored by worker processes; otherwise here. `voices` is told which voice files were
    found under `paths` (`VoiceIndex.take_found`).
    """
    from coprod_ladder.batch import Failed
    from coprod_ladder.cli.inputs import collect_inputs
    from coprod_ladder.cli.pool import default_workers, run_jobs

    found = collect_inputs(paths, "score")
    if voices is not None:
        # Before the workers start: they inherit what it reads.
        voices.take_found(found.voice_files, found.given)
    problems, files = found.problems, found.files
    del found  # this generator lives as long as the run: keep no list of paths it is done with
    for problem in problems:
        yield Failed(problem.path, (problem,), unreadable=True)
    work, mismatched = team_jobs(files)
    del files
    yield from mismatched
    with run_jobs(work, _scorer(choose, formats, voices),
                  workers=jobs or default_workers(len(work)), most=MOST_PER_CHUNK) as chunks:
        for chunk in chunks:
            for results in chunk:
                yield from results


def team_jobs(files: Sequence[str], names: Sequence[str | None] | None = None
              ) -> tuple[list[ServiceJob], list[Failed]]:
    """One job per service: the answers files of several staff for one service and date go
    together (see `answers.team_files`); a team that mixes rubric versions is a failure of
    each of its files (exit 3), never scored. `names` are report names, by file."""
    from coprod_ladder.answers.team_files import find_teams, mismatch_problems
    from coprod_ladder.batch import Failed
    from coprod_ladder.cli.pool import ServiceJob

    teams = find_teams(files)
    name_of = dict(zip(files, names, strict=True)) if names is not None else {}
    jobs = [ServiceJob(group[0], name_of.get(group[0]), staff=group[1:])
            for group in teams.groups]
    failed = [Failed(problem.path, (problem,), unreadable=True)
              for mismatch in teams.mismatches for problem in mismatch_problems(mismatch)]
    return jobs, failed


def _scorer(choose: RubricChooser, formats: Sequence[Renderer[ReportView]] | None,
            voices: VoiceIndex | None = None
            ) -> Callable[[ServiceJob], tuple[Result | Rendered, ...]]:
    """What a worker does with one service: score it with its voice files, and render it
    unless formats is None."""
    from coprod_ladder.batch import Scored, score_file, score_team

    def score_one(job: ServiceJob) -> tuple[Result | Rendered, ...]:
        results = (score_team((job.answers, *job.staff), choose, voices) if job.staff
                   else (score_file(Path(job.answers), choose, voices),))
        return tuple(render_scored(r, formats) if formats is not None and isinstance(r, Scored)
                     else r for r in results)

    return score_one
