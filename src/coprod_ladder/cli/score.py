"""`coprod score` and `coprod demo`: rate answers files and write a gap report per service."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli.output import (
    handle_errors,
    print_diagnostics_to_stderr,
    stderr_console,
    stdout_console,
)
from coprod_ladder.errors import ExitCode

if TYPE_CHECKING:
    from coprod_ladder.batch import Result, RubricChooser
    from coprod_ladder.report import ReportFormat

FORMAT_HELP = ("Report formats to write: html, md, json, or xlsx for the action plan as an Excel "
               "workbook (repeat the option for several). Default: html, md and json.")


def report_formats(values: list[str] | None) -> list[ReportFormat]:
    from coprod_ladder.report import ReportFormat

    chosen: list[ReportFormat] = []
    for value in values or ["html", "md", "json"]:
        for part in value.split(","):
            name = {"markdown": "md"}.get(part.strip().lower(), part.strip().lower())
            try:
                fmt = ReportFormat(name)
            except ValueError:
                raise typer.BadParameter(
                    f"'{part}' is not a report format; use html, md, json or xlsx",
                    param_hint="--format") from None
            if fmt not in chosen:
                chosen.append(fmt)
    return chosen


def rubric_chooser(rubric: str | None) -> RubricChooser:
    from coprod_ladder.batch import fixed_rubric, shipped_rubric_by_id
    from coprod_ladder.loader import load_rubric

    if rubric is None:
        return shipped_rubric_by_id()
    loaded, warnings = load_rubric(rubric)
    print_diagnostics_to_stderr(warnings)
    return fixed_rubric(loaded)


def write_reports(results: list[Result], out: Path, formats: list[ReportFormat]) -> int:
    """Write each scored service's reports, print its summary, and return how many failed."""
    from coprod_ladder.batch import Scored
    from coprod_ladder.cli.summary import print_summary
    from coprod_ladder.report import build_view, render_bytes

    console, err = stdout_console(), stderr_console()
    used: set[str] = set()
    failed = 0
    written = 0
    for result in results:
        if not isinstance(result, Scored):
            failed += 1
            print_diagnostics_to_stderr(result.diagnostics)
            continue
        print_diagnostics_to_stderr(result.warnings)
        name = result.card.service_id
        suffix = 2
        while name in used:  # two files for one service: keep both reports
            name, suffix = f"{result.card.service_id}-{suffix}", suffix + 1
        used.add(name)
        view = build_view(result.card, result.warnings)
        out.mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            (out / f"{name}.{fmt.value}").write_bytes(render_bytes(view, fmt))
            written += 1
        print_summary(console, result.card)
    scored = len(results) - failed
    err.print(f"\n{scored} service{'s' if scored != 1 else ''} scored, {failed} file"
              f"{'s' if failed != 1 else ''} failed; {written} report file"
              f"{'s' if written != 1 else ''} written to {out}", soft_wrap=True)
    return failed


def score(
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., help="Answers files, or folders to search for *.yaml / *.yml answers files."
    ),
    rubric: str | None = typer.Option(
        None, "--rubric", "-r",
        help="A shipped rubric name or a rubric file. Default: the rubric each answers file names.",
    ),
    fmt: list[str] | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),  # noqa: B008
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-reports"), "--out", "-o", help="Folder to write the reports to."
    ),
) -> None:
    """Score answers files: where each service stands, why, and the actions for the next rung.

    Writes a gap report per service and prints a summary. A bad file is reported with
    path:line:col and the rest are still scored; the exit code is 1 if any file failed.
    """
    from coprod_ladder.batch import score_paths

    formats = report_formats(fmt)
    with handle_errors():
        results = list(score_paths(paths, rubric_chooser(rubric)))
        if not results:
            stderr_console().print("error: no *.yaml or *.yml answers files found in the paths "
                                   "given", soft_wrap=True)
            raise typer.Exit(ExitCode.INPUT)
        if write_reports(results, out, formats):
            raise typer.Exit(ExitCode.FINDINGS)


def demo(
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-demo"), "--out", "-o", help="Folder to write the example reports to."
    ),
) -> None:
    """Score the example services shipped with coprod and write their gap reports.

    A quick way to see what coprod does: five services (a youth service, a children's centre,
    a fostering team, a mental-health service and a SEND team) scored with the default rubric.
    """
    from coprod_ladder.batch import Scored, fixed_rubric, score_source
    from coprod_ladder.loader import load_rubric
    from coprod_ladder.resources import examples_dir

    with handle_errors():
        rubric, _ = load_rubric("default")
        choose = fixed_rubric(rubric)
        sources = sorted((p for p in examples_dir().iterdir() if p.name.endswith(".yaml")),
                         key=lambda p: p.name)
        results = [score_source(p.read_bytes(), f"examples/{p.name}", choose) for p in sources]
        failed = write_reports(results, out, report_formats(None))
        first = next((r for r in results if isinstance(r, Scored)), None)
        if first is not None:
            stderr_console().print(f"Open {out / first.card.service_id}.html in a browser to read "
                                   "a full report.", soft_wrap=True)
        if failed:
            raise typer.Exit(ExitCode.FINDINGS)
