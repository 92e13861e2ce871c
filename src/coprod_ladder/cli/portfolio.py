"""`coprod portfolio`: every service on one page for the strategy lead, with trends.

This module is the shell around `coprod_ladder.portfolio`: it finds the files, spreads the
scoring over worker processes (`cli.pool`), shows progress, reads the clock for `--as-of`,
writes the reports and picks the exit code. Workers send back only small summaries or a
failed file's diagnostics, never score cards, so memory stays flat however many services there are.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli.memory import settle
from coprod_ladder.cli.output import (
    escape,
    exit_for_failures,
    print_diagnostics_to_stderr,
    stderr_console,
    summary_console,
)
from coprod_ladder.cli.params import (
    complete,
    complete_rubric,
    date_value,
    from_settings,
    whole_number,
)
from coprod_ladder.cli.score import STDOUT, VOICE_HELP, prepare_output_folder, scored_line
from coprod_ladder.errors import AlreadyReported, ExitCode, NothingToRead
from coprod_ladder.language import N_, _, ngettext, pgettext

if TYPE_CHECKING:
    from rich.progress import Progress

    from coprod_ladder.batch import Failed
    from coprod_ladder.cli.pool import ServiceJob
    from coprod_ladder.diagnostics import Diagnostic
    from coprod_ladder.model import CheckedRubric
    from coprod_ladder.portfolio import Portfolio
    from coprod_ladder.rendering.csv_table import CsvHeaders
    from coprod_ladder.rendering.portfolio_formats import PortfolioDocument
    from coprod_ladder.rendering.registry import Renderer
    from coprod_ladder.service_summary import ServiceSummary
    from coprod_ladder.voice.find import VoiceIndex

    Outcome = ServiceSummary | Failed

# Jobs per chunk at most: a summary is small, so a chunk may be large (see pool.chunk_size).
MOST_PER_CHUNK = 64
SERVICES_DIR = "services"


def _summariser(rubric: CheckedRubric, reports: Path | None, voices: VoiceIndex
                ) -> Callable[[ServiceJob], tuple[Outcome, ...]]:
    """What a worker does with one service: score it with its voice files, write its reports
    if asked, summarise; then the voice files of it that could not be read, as failures."""
    from coprod_ladder.batch import Result, Scored, score_file, score_team
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.report_files import render_reports, write_service_reports
    from coprod_ladder.rubric.load import fixed_rubric
    from coprod_ladder.service_summary import summarise

    choose = fixed_rubric(rubric)

    def summarise_one(job: ServiceJob) -> tuple[Outcome, ...]:
        if job.staff:  # one service answered by several staff: scored as one
            return tuple(o for r in score_team((job.answers, *job.staff), choose, voices)
                         for o in summarise_result(r, job))
        return summarise_result(score_file(Path(job.answers), choose, voices), job)

    def summarise_result(result: Result, job: ServiceJob) -> tuple[Outcome, ...]:
        if not isinstance(result, Scored):
            return (result,)
        link = None
        # A team scored file by file after all (see batch.score_team) names only its first.
        if reports is not None and job.report is not None and result.path == job.answers:
            view = build_view(result.card, result.warnings)
            link = f"{SERVICES_DIR}/{job.report}"
            write_service_reports(reports, link, render_reports(view, SERVICE_REPORTS.default))
        # The job's own string when it is the same text: one copy of each path is kept.
        path = job.answers if result.path == job.answers else result.path
        return (summarise(result.card, path=path, warnings=result.warnings, report=link),
                *result.voice_failures)

    return summarise_one


def score_all(jobs: list[ServiceJob], rubric: CheckedRubric, reports: Path | None,
              workers: int, progress: Progress, description: str,
              voices: VoiceIndex) -> tuple[list[ServiceSummary], list[Failed]]:
    """Score every service with its voice files, in this process (one worker) or in worker
    processes. Empties `jobs` as it goes (see `pool.run_jobs`)."""
    from coprod_ladder.cli.pool import run_jobs
    from coprod_ladder.service_summary import ServiceSummary

    outcomes: list[Outcome] = []
    total = len(jobs)
    try:
        # The workers are forked before the progress bar starts its refresh thread: a process
        # should not fork while another thread holds a lock.
        with run_jobs(jobs, _summariser(rubric, reports, voices), workers=workers,
                      most=MOST_PER_CHUNK) as chunks, progress:
            task = progress.add_task(description, total=total)
            for chunk in chunks:
                for found in chunk:
                    outcomes.extend(found)
                progress.advance(task, len(chunk))
                settle()  # the summaries so far stay: keep them out of the GC's way
    except BaseException:
        if reports is not None:
            # A worker stopped mid-write removes its temp file on the way out, but one killed
            # after the grace period, or stopped before its write's clean-up was in place,
            # cannot: clear them, so a stopped run leaves nothing partial behind.
            from coprod_ladder.atomic_files import remove_temp_files_under

            remove_temp_files_under(reports)
        raise
    summaries = [o for o in outcomes if isinstance(o, ServiceSummary)]
    failures = [o for o in outcomes if not isinstance(o, ServiceSummary)]
    return summaries, failures


def _progress() -> Progress:
    """Return a progress bar on stderr, silent when stderr is not a terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    err = summary_console()
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


def report_names(files: Sequence[str], root: Path) -> list[str | None]:
    """Name each service report after its answers file's path under `root`, uniquely.

    north/a.yaml and north/a.yml both keep their reports: the second is north/a~2 (never
    north/a-2, which could be another file's report), and a warning says so.
    """
    from coprod_ladder.batch import unique_report_name

    used: set[str] = set()
    names: list[str | None] = []
    for file in files:
        path = Path(file)
        try:
            stem = path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            stem = path.stem
        name = unique_report_name(stem, used)
        if name != stem:
            stderr_console().print(_("warning: {path} would share its report name with another "
                                     "file; its reports are services/{name}.*").format(
                path=escape(str(path)), name=escape(name)), soft_wrap=True)
        names.append(name)
    return names


def _read_expected(path: Path) -> list[str]:
    from coprod_ladder.errors import LoadError
    from coprod_ladder.file_bytes import decode_text, read_file_bytes
    from coprod_ladder.portfolio import parse_expected

    raw, problems = read_file_bytes(path, str(path))
    text = None
    if raw is not None:
        text, problems = decode_text(raw, str(path))
    if text is None:
        raise LoadError(str(path), problems, what=pgettext("file kind", "expected-services file"))
    ids, problems = parse_expected(text, str(path))
    if problems:
        raise LoadError(str(path), problems, what=pgettext("file kind", "expected-services file"))
    return ids


def _work_items(folder: Path, *, name_reports: bool) -> tuple[list[ServiceJob], list[Failed],
                                                                list[str]]:
    """List the answers files under `folder` as jobs, with their report names; and the voice
    files found beside them.

    Files of other kinds are left alone, with a note (see `cli.inputs`). Paths that cannot be
    read (see `collect`) come back as failures; a missing folder, or one with no answers
    files, stops the run with exit 3.
    """
    from coprod_ladder.batch import Failed
    from coprod_ladder.cli.inputs import collect_inputs
    from coprod_ladder.cli.score_pool import team_jobs

    collected = collect_inputs([folder], "portfolio")
    if not collected.files:
        print_diagnostics_to_stderr(collected.problems)
        if collected.problems and collected.problems[0].path == str(folder):
            raise AlreadyReported(ExitCode.INPUT)
        raise NothingToRead(str(folder), pgettext("nothing to read", "answers files"))
    files = collected.files
    names = report_names(files, folder) if name_reports else [None] * len(files)
    failures = [Failed(p.path, (p,), unreadable=True) for p in collected.problems]
    # Several staff's files for one service and date are one job, so one summary.
    jobs, mismatched = team_jobs(files, names)
    return jobs, [*failures, *mismatched], collected.voice_files


_read_as_of = date_value("--as-of")


def portfolio(
    ctx: typer.Context,
    folder: Path = typer.Argument(  # noqa: B008
        ..., metavar="FOLDER", show_default=False, readable=False,
        help=N_("Folder of answers files; every *.yaml and *.yml below it is scored (hidden "  # noqa: B008
             "files and folders are skipped).")),
    rubric: str = typer.Option(
        "default", "--rubric", "-r", metavar="ID|FILE", autocompletion=complete_rubric,
        help=N_("A shipped rubric name or a rubric file.")),
    previous: Path | None = typer.Option(  # noqa: B008
        None, "--previous", metavar="FOLDER", show_default=False, readable=False,
        help=N_("Folder of the last cycle's answers files: shows who moved up or down a rung.")),  # noqa: B008
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-portfolio"), "--out", "-o", metavar="FOLDER", readable=False,
        help=N_("Folder to write the portfolio to; - writes one format (see --format) to stdout.")),  # noqa: B008
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="FORMAT", show_default=False,
        autocompletion=complete(("html", "md", "json", "csv", "xlsx")),
        help=N_("Write only this format: html, md, json, csv or xlsx. Default: all five, or json "
             "with --out -.")),
    group_by: str | None = typer.Option(
        None, "--group-by", metavar="TAG", show_default=False,
        help=N_("Roll services up by this tag, for example area.")),
    min_group: int = typer.Option(
        5, "--min-group", parser=whole_number(1), metavar="N",
        help=N_("Hide roll-up groups with fewer services than this, so no small team is exposed.")),
    voice: Path | None = typer.Option(  # noqa: B008
        None, "--voice", metavar="FOLDER", show_default=False, readable=False, help=VOICE_HELP),
    expected: Path | None = typer.Option(  # noqa: B008
        None, "--expected", metavar="FILE", show_default=False, readable=False,
        help=N_("File listing the service ids expected to answer (YAML list, or one id a line).")),  # noqa: B008
    service_reports: bool = typer.Option(
        False, "--service-reports",
        help=N_("Also write each service's gap report (html, md, json) under services/.")),
    jobs: int = typer.Option(
        0, "--jobs", "-j", parser=whole_number(0), metavar="N", show_default=False,
        help=N_("Worker processes to score with. Default (0): one per usable core, fewer for a "
             "small folder; 1 scores in this process. The output is the same whatever N is.")),
    csv_headers: str = typer.Option(
        "labels", "--csv-headers", metavar="labels|ids",
        autocompletion=complete(("labels", "ids")),
        help=N_("Name the CSV columns with readable labels (default), or with the stable ids "
             "scripts use (service_id, rung_level, ...); with ids, a placement is an id too "
             "(not_placed).")),
    as_of: dt.date | None = typer.Option(  # noqa: B008
        None, "--as-of", parser=_read_as_of, metavar="DATE", show_default=False,
        help=N_("Date the report is as of (YYYY-MM-DD), for stale assessments. Default: today.")),  # noqa: B008
) -> None:
    """Put every service on one page: rungs, heat map, barriers, gaps, trends.

    `--help` shows command_help.PORTFOLIO_HELP.
    """
    from coprod_ladder.rendering.csv_table import CsvHeaders

    if out == STDOUT and not from_settings(ctx, "out") and from_settings(ctx, "fmt"):
        fmt = None  # --out - writes JSON, whatever format the config file sets
    formats = portfolio_formats(fmt, to_stdout=out == STDOUT)
    if out == STDOUT and service_reports:
        raise typer.BadParameter(_("--service-reports needs a folder to write to; give --out "
                                   "FOLDER"), param_hint="--out")
    try:
        headers = CsvHeaders(csv_headers.strip().lower())
    except ValueError:
        raise typer.BadParameter(_("'{value}' is not a choice; use labels or ids").format(
            value=csv_headers), param_hint="--csv-headers") from None
    _run(PortfolioJob(folder, rubric, previous, out, formats, headers, group_by, min_group,
                      expected, service_reports, jobs,
                      as_of or dt.date.today(), voice))


def portfolio_formats(value: str | None, *,
                      to_stdout: bool) -> list[Renderer[PortfolioDocument]]:
    """Return the formats to write (see `rendering.portfolio_formats.PORTFOLIO`).

    stdout carries exactly one format, json or csv; a folder gets all five by default.
    """
    from coprod_ladder.rendering.portfolio_formats import PORTFOLIO, PORTFOLIO_TO_STDOUT
    from coprod_ladder.rendering.registry import UnknownFormat

    if value is None:
        return [PORTFOLIO.get("json")] if to_stdout else list(PORTFOLIO.default)
    try:
        chosen = PORTFOLIO.get(value)
    except UnknownFormat as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    if to_stdout and chosen.name not in PORTFOLIO_TO_STDOUT:
        raise typer.BadParameter(_("--out - writes {formats} to stdout").format(
            formats=" or ".join(PORTFOLIO_TO_STDOUT)), param_hint="--format")
    return [chosen]


@dataclass(frozen=True)
class PortfolioJob:
    """What `coprod portfolio` was asked to do, with its options checked."""

    folder: Path
    rubric_ref: str
    previous: Path | None
    out: Path
    formats: list[Renderer[PortfolioDocument]]
    csv_headers: CsvHeaders
    group_by: str | None
    min_group: int
    expected_file: Path | None
    service_reports: bool
    jobs: int
    as_of: dt.date
    voice: Path | None = None  # --voice: voice files for this cycle's services

    @property
    def to_stdout(self) -> bool:
        return self.out == STDOUT


def _run(job: PortfolioJob) -> None:
    from coprod_ladder.portfolio import build_portfolio
    from coprod_ladder.rubric.load import load_rubric

    expected = _read_expected(job.expected_file) if job.expected_file is not None else None
    rubric, warnings = load_rubric(job.rubric_ref)
    print_diagnostics_to_stderr(warnings)
    summaries, before, failures = _score_both_cycles(job, rubric)
    result = build_portfolio(summaries, failures, rubric, as_of=job.as_of, previous=before,
                             group_by=job.group_by, min_group=job.min_group, expected=expected)
    names = _write_portfolio(job, result)
    err = stderr_console()
    for sid, paths in result.duplicates:
        err.print(ngettext("warning: the service '{service}' is answered in {count} file: "
                           "{files}", "warning: the service '{service}' is answered in {count} "
                           "files: {files}", len(paths)).format(
            service=escape(sid), count=len(paths), files=escape(", ".join(paths))),
            soft_wrap=True)
    # The HTML page first: it is the one people open.
    names.sort(key=lambda n: not n.endswith(".html"))
    if job.to_stdout:
        written = _("portfolio written to stdout")
    elif len(names) > 1:
        written = _("portfolio written to {path} (and {others})").format(
            path=escape(str(job.out / names[0])),
            others=", ".join(n.removeprefix("portfolio") for n in names[1:]))
    else:
        written = _("portfolio written to {path}").format(path=escape(str(job.out / names[0])))
    summary_console().print(scored_line(len(summaries), len(failures), written), soft_wrap=True)
    exit_for_failures(failures)


def _score_both_cycles(job: PortfolioJob, rubric: CheckedRubric) -> tuple[
        list[ServiceSummary], list[ServiceSummary] | None, list[Failed]]:
    """Score this cycle's files (and the last cycle's, with --previous); print what failed.

    Each list of files is emptied as it is scored (see `pool.run_jobs`): at 45,000 files the
    jobs weigh most of what the summaries do, and the summaries take their memory.
    """
    from coprod_ladder.cli.pool import default_workers
    from coprod_ladder.cli.score import voice_index
    from coprod_ladder.voice.find import VoiceIndex, unclaimed_voice_files

    voices = voice_index(job.voice, [job.folder])  # a missing --voice folder stops the run
    items, unusable, voice_files = _work_items(job.folder, name_reports=job.service_reports)
    voices.take_found(voice_files)
    del voice_files
    workers = job.jobs or default_workers(len(items))
    previous_items, previous_unusable, previous_voice_files = (
        _work_items(job.previous, name_reports=False) if job.previous is not None
        else (None, [], []))
    if not job.to_stdout:
        prepare_output_folder(job.out)  # an output problem shows before any scoring

    # Service reports go under out/services/, a folder coprod names (see report_files).
    reports = job.out if job.service_reports else None
    summaries, failures = score_all(items, rubric, reports, workers, _progress(),
                                    pgettext("progress", "Scoring"), voices)
    failures.extend(unusable)
    failures.extend(_unclaimed(unclaimed_voice_files([job.folder], voices,
                                                     [s.service_id for s in summaries])))
    before = None
    if previous_items is not None and job.previous is not None:
        beside = VoiceIndex(None, [job.previous])  # the last cycle's voice files are its own
        beside.take_found(previous_voice_files)
        before, previous_failures = score_all(previous_items, rubric, None, workers, _progress(),
                                              pgettext("progress", "Last cycle"), beside)
        failures.extend(previous_failures)
        failures.extend(previous_unusable)
        failures.extend(_unclaimed(unclaimed_voice_files([job.previous], beside,
                                                         [s.service_id for s in before])))
    failures.sort(key=lambda f: f.path)
    for failure in failures:
        print_diagnostics_to_stderr(failure.diagnostics)
    # Warnings of files that did score (such as one read through an older rubric version's
    # history), one line each, as `coprod score` prints them.
    # Only those with warnings are sorted: a summary's path is made again each time it is read.
    warned = [s for s in (*summaries, *(before or [])) if s.warnings]
    for summary in sorted(warned, key=lambda s: s.path):
        for warning in summary.warnings:
            sys.stderr.write(f"{warning}\n")
    if job.group_by and not any(s.tag(job.group_by) is not None for s in summaries):
        stderr_console().print(_("warning: no service has the tag '{tag}', so the roll-up has "
                                 "one group").format(tag=escape(job.group_by)), soft_wrap=True)
    return summaries, before, failures


def _unclaimed(problems: Sequence[Diagnostic]) -> list[Failed]:
    """A failed file for each voice file no scored service claimed: none is dropped silently."""
    from coprod_ladder.batch import Failed

    return [Failed(p.path, (p,)) for p in problems]


def _write_portfolio(job: PortfolioJob, result: Portfolio) -> list[str]:
    """Write the portfolio in every format asked for; print the overview. Return file names."""
    from coprod_ladder.cli.summary import print_lines
    from coprod_ladder.rendering.portfolio_formats import PortfolioDocument
    from coprod_ladder.rendering.portfolio_view import ActionPlan, build_portfolio_view
    from coprod_ladder.rendering.terminal import portfolio_overview
    from coprod_ladder.report_files import write_portfolio_files

    view = build_portfolio_view(result)
    doc = PortfolioDocument(view, ActionPlan(result), job.csv_headers)
    names: list[str] = []
    if job.to_stdout:
        # Written piece by piece, so even a huge portfolio is never one string in memory.
        for piece in job.formats[0].text_pieces(doc):
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        names = write_portfolio_files(job.out, doc, job.formats)
    print_lines(summary_console(stdout=not job.to_stdout), portfolio_overview(view))
    return names
