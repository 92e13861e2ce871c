"""`coprod score` and `coprod demo`: rate answers files and write a gap report per service."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli.output import (
    STDIN_NAME,
    escape,
    exit_for_failures,
    note,
    print_diagnostics_to_stderr,
    read_stdin,
    reads_stdin,
    stderr_console,
    summary_console,
)
from coprod_ladder.cli.params import complete, complete_rubric, from_settings, whole_number
from coprod_ladder.errors import AlreadyReported, ExitCode, NothingToRead
from coprod_ladder.language import N_, _, ngettext, pgettext

if TYPE_CHECKING:
    from coprod_ladder.batch import Failed, Result
    from coprod_ladder.cli.score_pool import Rendered
    from coprod_ladder.rendering.registry import Renderer
    from coprod_ladder.rendering.views import ReportView
    from coprod_ladder.rubric.load import RubricChooser
    from coprod_ladder.voice.find import VoiceIndex

#: Completion for --format of score and assess: the names in
#: rendering.report_formats.SERVICE_REPORTS (written out, so that --help loads no renderer;
#: tests/test_cli_conventions.py compares).
complete_service_formats = complete(("html", "md", "json", "xlsx"))

FORMAT_HELP = N_("Report formats to write: html, md, json, or xlsx for the action plan as an "
                 "Excel workbook (repeat the option for several). Default: html, md and json.")


def report_formats(values: list[str] | None) -> list[Renderer[ReportView]]:
    """The report formats --format asks for (see `rendering.report_formats.SERVICE_REPORTS`)."""
    from coprod_ladder.rendering.registry import UnknownFormat
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS

    try:
        return SERVICE_REPORTS.choose(values)
    except UnknownFormat as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None


def rubric_chooser(rubric: str | None) -> RubricChooser:
    from coprod_ladder.rubric.load import fixed_rubric, load_rubric, shipped_rubric_by_id

    if rubric is None:
        return shipped_rubric_by_id()
    loaded, warnings = load_rubric(rubric)
    note(_("rubric: {id} {version} (from --rubric {rubric})").format(
        id=loaded.id, version=loaded.version, rubric=rubric))
    print_diagnostics_to_stderr(warnings)
    return fixed_rubric(loaded)


STDOUT = Path("-")
OUT_HELP = N_("Folder to write the reports to; - writes one JSON document to stdout instead.")


def write_reports(results: Iterable[Result | Rendered], out: Path,
                  formats: list[Renderer[ReportView]]) -> list[Failed]:
    """Write each scored service's reports, print its summary, and return the failures.

    Each service is written as soon as it is scored and then dropped, so memory stays flat
    however many files there are (only failures are kept, for the exit code).

    With `--out -` every service's JSON report goes to stdout in one document (see
    docs/report-json.md) and every summary to stderr, so a pipeline reads only the JSON.
    """
    from coprod_ladder.atomic_files import LeftoverIndex
    from coprod_ladder.batch import Failed, Scored, unique_report_name
    from coprod_ladder.cli.memory import settle
    from coprod_ladder.cli.score_pool import Rendered, render_scored
    from coprod_ladder.cli.summary import print_lines, print_summary
    from coprod_ladder.rendering.service_report import build_view
    from coprod_ladder.report_files import write_service_reports

    to_stdout = out == STDOUT
    console, err = summary_console(stdout=not to_stdout), stderr_console()
    used: set[str] = set()
    first_file: dict[str, str] = {}
    failures: list[Failed] = []
    services: list[ReportView] = []
    written = scored = 0
    leftovers = None if to_stdout else LeftoverIndex(out)
    for result in results:
        if isinstance(result, Failed):
            failures.append(result)
            print_diagnostics_to_stderr(result.diagnostics)
            continue
        print_diagnostics_to_stderr(result.warnings)
        service_id = result.service_id if isinstance(result, Rendered) else result.card.service_id
        name = unique_report_name(service_id, used)
        if name != service_id:
            err.print(_("warning: {path} answers for the service '{service}', as {first} "
                        "does; its reports are named {name}.*").format(
                path=escape(result.path), service=escape(service_id),
                first=escape(first_file[service_id]), name=escape(name)), soft_wrap=True)
        first_file.setdefault(service_id, result.path)
        if to_stdout and isinstance(result, Scored):
            view = build_view(result.card, result.warnings)
            services.append(view)
            print_summary(console, view)
        else:
            ready = render_scored(result, formats) if isinstance(result, Scored) else result
            written += write_service_reports(out, name, ready.reports, leftovers=leftovers)
            print_lines(console, ready.summary)
        scored += 1
        if scored == 1:
            settle()  # the rubric, templates and modules are loaded now: keep them out of GC
    where = (_("one JSON document written to stdout") if to_stdout else
             _("{reports} written to {folder}").format(
                 reports=ngettext("{count} report file", "{count} report files",
                                  written).format(count=written),
                 folder=escape(str(out))))
    summary_console().print("\n" + scored_line(scored, len(failures), where), soft_wrap=True)
    if to_stdout:
        document = {"format": "coprod-scores/1", "services": services,
                    "failures": [{"path": f.path, "problems": [d.as_dict() for d in f.diagnostics]}
                                 for f in failures]}
        typer.echo(render_json(document), nl=False)
    return failures


def scored_line(scored: int, failed: int, where: str) -> str:
    """"3 services scored, 1 file failed; WHERE": the last line of score and portfolio."""
    return _("{services} scored, {failed} failed; {where}").format(
        services=ngettext("{count} service", "{count} services", scored).format(count=scored),
        failed=ngettext("{count} file", "{count} files", failed).format(count=failed),
        where=where)


def prepare_output_folder(out: Path) -> None:
    """Create the output folder, and clear temp files a killed run left in it."""
    from coprod_ladder.atomic_files import make_folder, remove_temp_files_under

    make_folder(out)
    remove_temp_files_under(out)


def render_json(document: object) -> str:
    """Return a JSON document the way every coprod JSON output looks: sorted keys, indented."""
    from coprod_ladder.json_text import dumps_finite

    return dumps_finite(document) + "\n"


def check_stdout_formats(out: Path, fmt: list[str] | None) -> None:
    """Refuse --out - with a format other than json: stdout carries one format only."""
    if out == STDOUT and fmt and any(f.strip().lower() != "json"
                                     for value in fmt for f in value.split(",")):
        raise typer.BadParameter(_("--out - writes JSON to stdout; leave out --format or use "
                                   "--format json"), param_hint="--format")


VOICE_HELP = (N_("Folder of voice files (what children, young people and families said, "
              "coprod-voice/1) to read with the answers, matched by service id. Voice files "
              "beside an answers file are always read."))


def voice_index(voice: Path | None, scanned: Sequence[Path]) -> VoiceIndex:
    """The voice files a run reads: under --voice (which must exist: exit 3 with its path if
    it does not) and under the folders it scores."""
    from coprod_ladder.collect import collect_yaml_files
    from coprod_ladder.voice.find import VoiceIndex

    if voice is not None:
        problems = [replace(p, message=_("{problem}; --voice takes the folder of the voice "
                                         "files to read").format(problem=p.message))
                    for p in collect_yaml_files([voice]).problems if p.path == str(voice)]
        if problems:
            print_diagnostics_to_stderr(problems)
            raise AlreadyReported(ExitCode.INPUT)
    return VoiceIndex(str(voice) if voice is not None else None, scanned)


def with_voice_findings(results: Iterable[Result | Rendered], paths: Iterable[Path],
                        voices: VoiceIndex) -> Generator[Result | Rendered, None, None]:
    """The results, each followed by its service's voice files that could not be read, then
    one failure per voice file no scored service claimed: no voice is dropped silently."""
    from coprod_ladder.batch import Failed
    from coprod_ladder.cli.score_pool import Rendered
    from coprod_ladder.voice.find import unclaimed_voice_files

    scored: list[str] = []
    anything = False
    for result in results:
        anything = True
        yield result
        if not isinstance(result, Failed):
            scored.append(result.service_id if isinstance(result, Rendered)
                          else result.card.service_id)
            yield from result.voice_failures
    if not anything:
        return  # no answers file at all: the run says so, and its note names the voice files
    for problem in unclaimed_voice_files(paths, voices, scored):
        yield Failed(problem.path, (problem,))


def score(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., metavar="PATH", show_default=False, readable=False,
        help=N_("Answers files, or folders to search for *.yaml / *.yml answers files (hidden "  # noqa: B008
             "files and folders are skipped); - reads one answers file from standard input."),
    ),
    rubric: str | None = typer.Option(
        None, "--rubric", "-r", metavar="ID|FILE", show_default=False,
        autocompletion=complete_rubric,
        help=N_("A shipped rubric name or a rubric file. Default: the rubric each answers file "
                "names."),
    ),
    fmt: list[str] | None = typer.Option(  # noqa: B008
        None, "--format", "-f", metavar="FORMAT", show_default=False, help=FORMAT_HELP,
        autocompletion=complete_service_formats),
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-reports"), "--out", "-o", metavar="FOLDER", help=OUT_HELP, readable=False,
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", parser=whole_number(0), metavar="N", show_default=False,
        help=N_("Worker processes to score with. Default (0): one per usable core, fewer for a "
             "few files; 1 scores in this process. The output is the same whatever N is.")),
    voice: Path | None = typer.Option(  # noqa: B008
        None, "--voice", metavar="FOLDER", show_default=False, readable=False, help=VOICE_HELP),
) -> None:
    """Score answers files: where each service stands, why, and the actions for the next rung.

    `--help` shows command_help.SCORE_HELP.
    """
    from coprod_ladder.cli.score_pool import score_files

    if out == STDOUT and not from_settings(ctx, "out") and from_settings(ctx, "fmt"):
        fmt = None  # --out - writes JSON, whatever formats the config file sets
    check_stdout_formats(out, fmt)
    formats = report_formats(fmt)
    if out != STDOUT:
        prepare_output_folder(out)  # an output problem shows before any scoring
    voices = voice_index(voice, [] if reads_stdin(paths) else paths)
    results: Generator[Result | Rendered, None, None]
    if reads_stdin(paths):
        results = _score_stdin(rubric_chooser(rubric), voices)
    else:
        to_stdout = out == STDOUT  # one process, and the views themselves, not reports
        results = score_files(paths, rubric_chooser(rubric), None if to_stdout else formats,
                              1 if to_stdout else jobs, voices)
    results = with_voice_findings(results, [] if reads_stdin(paths) else paths, voices)
    # Closed on the way out, whatever stops the run: that stops the workers at once.
    with closing(results):
        first = next(results, None)
        if first is None:
            raise NothingToRead(pgettext("nothing to read in", "the paths given"),
                                pgettext("nothing to read", "answers files"))
        failures = write_reports(chain([first], results), out, formats)
    exit_for_failures(failures)


def _score_stdin(choose: RubricChooser, voices: VoiceIndex) -> Generator[Result, None, None]:
    """Score the one answers file on standard input (PATH `-`), with voice files under
    --voice."""
    from coprod_ladder.batch import Failed, score_source

    raw, problems = read_stdin()
    yield (Failed(STDIN_NAME, tuple(problems)) if raw is None
           else score_source(raw, STDIN_NAME, choose, voices))


def demo(
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-demo"), "--out", "-o", metavar="FOLDER", readable=False,
        help=N_("Folder to write the example reports to."),  # noqa: B008
    ),
) -> None:
    """Score the example services shipped with coprod and write their gap reports.

    `--help` shows command_help.DEMO_HELP.
    """
    from coprod_ladder.answers.team_files import find_teams, mismatch_problems
    from coprod_ladder.batch import Failed, Scored, score_source, score_team_sources
    from coprod_ladder.resources import examples_dir
    from coprod_ladder.rubric.load import fixed_rubric, load_rubric
    from coprod_ladder.voice.find import VoiceIndex

    rubric, _warnings = load_rubric("default")
    choose = fixed_rubric(rubric)
    sources = sorted((p for p in examples_dir().iterdir() if p.name.endswith(".yaml")),
                     key=lambda p: p.name)
    voices = VoiceIndex(str(examples_dir() / "voice"))
    # Several staff's answers for one example service are scored as one (see answers.team).
    teams = find_teams([str(p) for p in sources])
    scored = [score_team_sources([(Path(p).read_bytes(), f"examples/{Path(p).name}")
                                  for p in team], choose, voices)
              if len(team) > 1 else
              (score_source(Path(team[0]).read_bytes(), f"examples/{Path(team[0]).name}",
                            choose, voices),)
              for team in teams.groups]
    mismatched = [Failed(problem.path, (problem,), unreadable=True)
                  for mismatch in teams.mismatches for problem in mismatch_problems(mismatch)]
    results = list(with_voice_findings([*mismatched, *(r for found in scored for r in found)],
                                       [], voices))
    failures = write_reports(results, out, report_formats(None))
    first = next((r for r in results if isinstance(r, Scored)), None)
    if first is not None and out != STDOUT:
        summary_console().print(_("Open {path} in a browser to read a full report.").format(
            path=f"{out / first.card.service_id}.html"), soft_wrap=True)
    exit_for_failures(failures)
