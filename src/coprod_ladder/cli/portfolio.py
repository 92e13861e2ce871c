"""`coprod portfolio`: every service on one page for the strategy lead, with trends.

This module is the shell around `coprod_ladder.portfolio`: it finds the files, spreads the
scoring over worker processes, shows progress, reads the clock for `--as-of`, writes the
reports and picks the exit code. Workers send back only small summaries or a failed file's
diagnostics, never score cards, so memory stays flat however many services there are.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from coprod_ladder.cli.output import (
    handle_errors,
    print_diagnostics_to_stderr,
    stderr_console,
    stdout_console,
)
from coprod_ladder.errors import ExitCode

if TYPE_CHECKING:
    from rich.progress import Progress

    from coprod_ladder.batch import Failed, RubricChooser
    from coprod_ladder.model import Rubric
    from coprod_ladder.portfolio import CsvHeaders, ServiceSummary

    Outcome = ServiceSummary | Failed
    WorkItem = tuple[str, str | None]  # (answers file, report name under services/ or None)

CHUNK = 64
SERVICES_DIR = "services"

# Set in each worker process (and in this one for --jobs 1) by _start_worker.
_worker: tuple[RubricChooser, Path | None] | None = None


def _start_worker(rubric: Rubric, reports: Path | None, ignore_interrupt: bool) -> None:
    """Prepare a process to score files: the rubric, and where service reports go."""
    from coprod_ladder.batch import fixed_rubric

    global _worker
    if ignore_interrupt:
        # Ctrl-C reaches the whole process group; the parent stops the pool, so workers
        # ignore it instead of each printing a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (fixed_rubric(rubric), reports)
    _settle()


def _settle() -> None:
    """Move everything alive now (modules, the rubric, summaries so far) out of the GC's way.

    Scoring makes many short-lived objects, so the cyclic GC runs often; each full pass used
    to rescan every long-lived object too, which cost about a sixth of the run at 10,000
    services. A collection first, so no garbage is kept for good.
    """
    gc.collect()
    gc.freeze()


def _summarise_chunk(items: Sequence[WorkItem]) -> list[Outcome]:
    """Score a chunk of files in this process; return a summary or a failure for each."""
    from coprod_ladder.batch import Scored, score_file
    from coprod_ladder.portfolio import summarise
    from coprod_ladder.report import TEXT_FORMATS, build_view, render

    assert _worker is not None, "_start_worker was not called"
    choose, reports = _worker
    out: list[Outcome] = []
    for path, name in items:
        result = score_file(Path(path), choose)
        if not isinstance(result, Scored):
            out.append(result)
            continue
        link = None
        if reports is not None and name is not None:
            view = build_view(result.card, result.warnings)
            target = reports / name
            target.parent.mkdir(parents=True, exist_ok=True)
            for fmt in TEXT_FORMATS:
                target.with_name(f"{target.name}.{fmt.value}").write_text(
                    render(view, fmt), encoding="utf-8")
            link = f"{SERVICES_DIR}/{name}"
        out.append(summarise(result.card, path=result.path, warnings=result.warnings,
                             report=link))
    return out


def _chunks(items: Sequence[WorkItem], jobs: int) -> list[Sequence[WorkItem]]:
    # Small enough that both cores stay busy to the end and the bar moves; large enough
    # that sending work and results between processes costs little.
    size = max(1, min(CHUNK, -(-len(items) // (jobs * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def score_all(items: Sequence[WorkItem], rubric: Rubric, reports: Path | None, jobs: int,
              progress: Progress, description: str) -> tuple[list[ServiceSummary], list[Failed]]:
    """Score every file, in this process (jobs 1) or in a pool of worker processes."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from coprod_ladder.portfolio import ServiceSummary

    outcomes: list[Outcome] = []
    if jobs <= 1 or len(items) <= 1:
        _start_worker(rubric, reports, False)
        with progress:
            task = progress.add_task(description, total=len(items))
            for chunk in _chunks(items, 1):
                outcomes.extend(_summarise_chunk(chunk))
                progress.advance(task, len(chunk))
                _settle()
    else:
        # The work is submitted, and so the workers forked, before the progress bar starts
        # its refresh thread: a process should not fork while another thread holds a lock.
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                   initargs=(rubric, reports, True))
        try:
            pending = {pool.submit(_summarise_chunk, chunk) for chunk in _chunks(items, jobs)}
            with progress:
                task = progress.add_task(description, total=len(items))
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        chunk_out = future.result()
                        outcomes.extend(chunk_out)
                        progress.advance(task, len(chunk_out))
                    _settle()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
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

    err = stderr_console()
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


def report_names(files: Sequence[Path], root: Path) -> list[str | None]:
    """Name each service report after its answers file's path under `root`, uniquely."""
    used: set[str] = set()
    names: list[str | None] = []
    for path in files:
        try:
            stem = path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            stem = path.stem
        name, suffix = stem, 2
        while name in used:  # north/a.yaml and north/a.yml: keep both reports
            name, suffix = f"{stem}-{suffix}", suffix + 1
        used.add(name)
        names.append(name)
    return names


def _read_expected(path: Path) -> list[str]:
    from coprod_ladder.errors import LoadError
    from coprod_ladder.portfolio import parse_expected
    from coprod_ladder.yaml_source import decode_text, read_file_bytes

    raw, problems = read_file_bytes(path, str(path))
    text = None
    if raw is not None:
        text, problems = decode_text(raw, str(path))
    if text is None:
        raise LoadError(str(path), problems, what="expected-services file")
    ids, problems = parse_expected(text, str(path))
    if problems:
        raise LoadError(str(path), problems, what="expected-services file")
    return ids


def _work_items(folder: Path, *, name_reports: bool) -> list[WorkItem]:
    """List the answers files under `folder` as plain strings, with their report names.

    Plain strings, not Path objects: at 10,000 files the Paths alone would outweigh the
    summaries.
    """
    from coprod_ladder.batch import collect_answer_files

    files = collect_answer_files([folder])[0]
    names = report_names(files, folder) if name_reports else [None] * len(files)
    return list(zip(map(str, files), names, strict=True))


def portfolio(
    folder: Path = typer.Argument(  # noqa: B008
        ..., exists=True, metavar="FOLDER",
        help="Folder of answers files; every *.yaml and *.yml below it is scored."),
    rubric: str = typer.Option(
        "default", "--rubric", "-r", metavar="ID|FILE",
        help="A shipped rubric name or a rubric file."),
    previous: Path | None = typer.Option(  # noqa: B008
        None, "--previous", exists=True, metavar="FOLDER",
        help="Folder of the last cycle's answers files: shows who moved up or down a rung."),
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-portfolio"), "--out", "-o", metavar="FOLDER",
        help="Folder to write the portfolio to."),
    group_by: str | None = typer.Option(
        None, "--group-by", metavar="TAG", help="Roll services up by this tag, for example area."),
    min_group: int = typer.Option(
        5, "--min-group", min=1, metavar="N",
        help="Hide roll-up groups with fewer services than this, so no small team is exposed."),
    expected: Path | None = typer.Option(  # noqa: B008
        None, "--expected", exists=True, dir_okay=False, metavar="FILE",
        help="File listing the service ids expected to answer (YAML list, or one id a line)."),
    service_reports: bool = typer.Option(
        False, "--service-reports",
        help="Also write each service's gap report (html, md, json) under services/."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, metavar="N",
        help="Worker processes to score with; 0 means one per core."),
    csv_headers: str = typer.Option(
        "labels", "--csv-headers", metavar="labels|ids",
        help="Name the CSV columns with readable labels (default), or with the stable ids "
             "scripts use (service_id, rung_level, ...)."),
    as_of: dt.datetime | None = typer.Option(  # noqa: B008
        None, "--as-of", formats=["%Y-%m-%d"], metavar="DATE",
        help="Date the report is as of (YYYY-MM-DD), for stale assessments. Default: today."),
) -> None:
    """Put every service on one page: rungs, heat map, barriers, gaps, trends.

    Scores every answers file under FOLDER and writes portfolio.html, .md, .json, .csv and
    .xlsx (an Excel workbook with an action plan to fill in).
    A bad file never stops the run: it is listed in the report and on stderr
    (path:line:col), and the exit code is 1 at the end.
    """
    from coprod_ladder.portfolio import CsvHeaders

    try:
        headers = CsvHeaders(csv_headers.strip().lower())
    except ValueError:
        raise typer.BadParameter(f"'{csv_headers}' is not a choice; use labels or ids",
                                 param_hint="--csv-headers") from None
    with handle_errors():
        _run(folder, rubric, previous, out, group_by, min_group, expected, service_reports,
             jobs, as_of.date() if as_of else dt.date.today(), headers)


def _run(folder: Path, rubric_ref: str, previous: Path | None, out: Path, group_by: str | None,
         min_group: int, expected_file: Path | None, service_reports: bool, jobs: int,
         as_of: dt.date, csv_headers: CsvHeaders) -> None:
    from coprod_ladder.loader import load_rubric
    from coprod_ladder.portfolio import (
        PortfolioFormat,
        action_plan,
        build_portfolio,
        build_portfolio_view,
        iter_portfolio,
    )

    err = stderr_console()
    jobs = jobs or os.cpu_count() or 1
    items = _work_items(folder, name_reports=service_reports)
    previous_items = (_work_items(previous, name_reports=False) if previous is not None
                      else None)
    expected = _read_expected(expected_file) if expected_file is not None else None
    if not items:
        err.print(f"error: no *.yaml or *.yml answers files found in {escape(str(folder))}",
                  soft_wrap=True)
        raise typer.Exit(ExitCode.INPUT)
    rubric, warnings = load_rubric(rubric_ref)
    print_diagnostics_to_stderr(warnings)

    reports = out / SERVICES_DIR if service_reports else None
    summaries, failures = score_all(items, rubric, reports, jobs, _progress(), "Scoring")
    before = None
    if previous_items is not None:
        before, previous_failures = score_all(previous_items, rubric, None, jobs, _progress(),
                                              "Last cycle")
        failures.extend(previous_failures)
    failures.sort(key=lambda f: f.path)
    for failure in failures:
        print_diagnostics_to_stderr(failure.diagnostics)
    if group_by and not any(s.tag(group_by) is not None for s in summaries):
        err.print(f"warning: no service has the tag '{escape(group_by)}', so the roll-up has "
                  "one group", soft_wrap=True)

    result = build_portfolio(summaries, failures, rubric, as_of=as_of, previous=before,
                             group_by=group_by, min_group=min_group, expected=expected)
    view = build_portfolio_view(result)
    out.mkdir(parents=True, exist_ok=True)
    for fmt in PortfolioFormat:
        # Written piece by piece, so even a huge portfolio is never one string in memory;
        # newline="" keeps the CSV's \r\n line ends exactly as the csv module wrote them.
        with (out / f"portfolio.{fmt.value}").open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(iter_portfolio(view, fmt, csv_headers))
    from coprod_ladder.workbook import portfolio_workbook

    (out / "portfolio.xlsx").write_bytes(portfolio_workbook(view, action_plan(result)))
    _print_overview(view)
    for sid, paths in result.duplicates:
        err.print(f"warning: the service '{escape(sid)}' is answered in {len(paths)} files: "
                  f"{escape(', '.join(paths))}", soft_wrap=True)
    scored, failed = len(summaries), len(failures)
    err.print(f"{scored} service{'s' if scored != 1 else ''} scored, {failed} file"
              f"{'s' if failed != 1 else ''} failed; portfolio written to "
              f"{escape(str(out / 'portfolio.html'))} (and .md, .json, .csv, .xlsx)",
              soft_wrap=True)
    if failures:
        raise typer.Exit(ExitCode.FINDINGS)


def _print_overview(view: dict[str, object]) -> None:
    """Print the headline figures on stdout for whoever ran the command."""
    from typing import Any, cast

    v = cast(dict[str, Any], view)
    console = stdout_console()
    t = v["totals"]
    console.print(f"[bold]Portfolio as of {v['as_of']}[/bold]: {t['services']} services, "
                  f"mean rung {t['mean_rung']}", soft_wrap=True)
    for r in reversed(v["ladder"]):
        console.print(f"  {r['level']}. {escape(r['name'])}: {r['services']}", soft_wrap=True)
    weakest = next((f for f in v["weakest_factors"] if f["not_met"]), None)
    if weakest:
        console.print(f"  Weakest success factor: {escape(weakest['name'])} "
                      f"({weakest['percent_not_met']}% not met)", soft_wrap=True)
    console.print(f"  At target: {t['at_or_above_target']} of {t['with_target']}; high claims "
                  f"to check: {t['high_claims_to_check']}; to refresh: {t['stale']}"
                  + (f"; expected but missing: {t['expected_missing']}"
                     if v["expected"] is not None else ""), soft_wrap=True)
    if v["movement"]:
        m = v["movement"]
        console.print(f"  Since the last cycle: {m['up']} up, {m['same']} same, {m['down']} "
                      f"down (mean change {m['mean_change']:+.2f})"
                      if m["mean_change"] is not None else
                      "  Since the last cycle: no service matched by id", soft_wrap=True)
