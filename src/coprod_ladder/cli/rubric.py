"""`coprod rubric ...`: check (the CI command), list, show, init a copy, print the JSON Schema.

Long module: five commands and the tables of `rubric show`, each command's help written out
as a message to translate (Typer reads help when it is imported, before the language is
chosen, so help cannot be a docstring).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli import rubric_translations
from coprod_ladder.cli.command_help import RUBRIC_HELP
from coprod_ladder.cli.help import CONTEXT_SETTINGS, ReadableCommand, ReadableGroup
from coprod_ladder.cli.output import (
    STDIN_NAME,
    print_diagnostics_to_stderr,
    print_findings,
    read_stdin,
    reads_stdin,
    stderr_console,
    stdout_console,
    summary_console,
)
from coprod_ladder.cli.params import complete, complete_rubric, complete_source, one_of
from coprod_ladder.errors import (
    AlreadyReported,
    CoprodError,
    ExitCode,
    NothingToRead,
    OutputError,
)
from coprod_ladder.language import N_, NP_, _, ngettext, pgettext
from coprod_ladder.rendering.findings import FindingFormat
from coprod_ladder.safe_text import one_line, terminal_block

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType
    from rich.table import Table

    from coprod_ladder.diagnostics import Diagnostic
    from coprod_ladder.model import CheckedRubric, Rubric

app = typer.Typer(
    help=RUBRIC_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=ReadableGroup,
    context_settings=CONTEXT_SETTINGS,
)

app.add_typer(rubric_translations.app, name="translations")
_read_format = one_of(FindingFormat, NP_("is not", "a findings format"))
_complete_format = complete([f.value for f in FindingFormat])


CHECK_HELP = N_("""\
Check rubric files and report every problem, one per line, as path:line:col.

Finds YAML mistakes, keys that are missing, unknown or of the wrong type, and problems
with the rubric's meaning (duplicate ids, rungs out of order, references to rungs,
activities or answer sets that do not exist, rungs no service could reach). Findings go
to stdout and a one-line summary to stderr.

Exit status: 0 no errors (warnings allowed unless --strict), 1 findings, 2 wrong usage,
3 a file could not be read.

Examples:

\b
  coprod rubric check --strict rubrics/
  coprod rubric check --format sarif rubrics/ > coprod.sarif
  coprod rubric check my-council.yaml --previous default""")


@app.command("check", cls=ReadableCommand, help=CHECK_HELP)
def check(
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., metavar="PATH", show_default=False, readable=False,
        help=N_("Rubric files or folders. Every *.yaml and *.yml file below a folder is checked, "  # noqa: B008
             "in sorted order; hidden files and folders below it are skipped. - reads one "
             "rubric from standard input (named <stdin> in findings)."),
    ),
    fmt: FindingFormat = typer.Option(  # noqa: B008
        FindingFormat.AUTO, "--format", "-f", metavar="FORMAT",
        parser=_read_format, autocompletion=_complete_format,
        help=N_("text for people, parsable for path:line:col tools, github for GitHub Actions "  # noqa: B008
             "annotations, sarif for GitHub code scanning, json for programs. auto picks "
             "github when GITHUB_ACTIONS=true, text on a terminal and parsable otherwise."),
    ),
    strict: bool = typer.Option(False, "--strict", help=N_("Fail on warnings as well as errors.")),
    previous: str | None = typer.Option(
        None, "--previous", metavar="NAME|FILE", autocompletion=complete_rubric,
        help=N_("An earlier version of the same rubric, or the rubric a copy was adopted from "
             "(such as default): check that the history says where each of its ids and "
             "answers went.")),
    sarif_root: Path | None = typer.Option(  # noqa: B008
        None, "--sarif-root", metavar="FOLDER", file_okay=False,
        help=N_("With --format sarif: write file paths relative to this folder (default: the "  # noqa: B008
             "top of the git work tree, or the working folder outside one), as GitHub code "
             "scanning expects. Files outside it get absolute file:// URIs.")),
) -> None:
    """Check rubric files and report every problem, one per line, as path:line:col.

    `--help` shows CHECK_HELP.
    """
    from coprod_ladder.answers.migrate import ancestors
    from coprod_ladder.collect import collect_yaml_files
    from coprod_ladder.diagnostics import Severity
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.loader import parse_document
    from coprod_ladder.rubric.checks import check_history_against
    from coprod_ladder.rubric.load import load_rubric, parse_rubric
    from coprod_ladder.rubric.translation_checks import check_translation_files
    from coprod_ladder.rubric.translation_file import is_translation, translations_beside

    earlier = load_rubric(previous)[0] if previous is not None else None
    if reads_stdin(paths):
        files, findings = [STDIN_NAME], []
    else:
        collected = collect_yaml_files(paths)
        files, findings = collected.files, list(collected.problems)
    unreadable = bool(findings)
    if not files and not findings:
        raise NothingToRead(pgettext("nothing to read in", "the folders given"),
                            pgettext("nothing to read", "files"))
    rubrics_read: dict[str, CheckedRubric] = {}
    translations: dict[str, bytes | None] = {}  # path -> bytes, or None: read it later
    for file in files:
        raw, problems = read_stdin() if file == STDIN_NAME else read_file_bytes(Path(file), file)
        if raw is None:
            unreadable = True
            findings.extend(problems)
            continue
        if isinstance(raw, bytes) and is_translation(raw):
            translations[str(file)] = raw
            continue
        checked, diagnostics = parse_rubric(raw, str(file))
        findings.extend(diagnostics)
        if checked is not None:
            rubrics_read.setdefault(checked.id, checked)
            if file != STDIN_NAME:
                for beside in translations_beside(Path(file), checked.id):
                    translations.setdefault(str(beside), None)
        if earlier is not None and checked is not None and (
                checked.id == earlier.id or earlier.id in ancestors(checked)):
            findings.extend(check_history_against(checked, parse_document(raw, str(file)),
                                                  earlier))
    findings.extend(check_translation_files(translations, rubrics_read))
    files = [*files, *(p for p in translations if p not in files)]
    print_findings(findings, fmt, sarif_root=sarif_root)
    errors = sum(1 for d in findings if d.severity is Severity.ERROR)
    warnings = sum(1 for d in findings if d.severity is Severity.WARNING)
    counts = {
        "files": ngettext("{count} file", "{count} files", len(files)).format(count=len(files)),
        "errors": ngettext("{count} error", "{count} errors", errors).format(count=errors),
        "warnings": ngettext("{count} warning", "{count} warnings", warnings).format(
            count=warnings),
    }
    summary_console().print(
        _("{files} checked: {errors}, {warnings} (--strict: warnings fail)").format(**counts)
        if strict and warnings else _("{files} checked: {errors}, {warnings}").format(**counts),
        soft_wrap=True, markup=False,
    )
    if unreadable:
        raise AlreadyReported(ExitCode.INPUT)
    if errors or (strict and warnings):
        raise AlreadyReported(ExitCode.FINDINGS)


def _shipped_names() -> list[str]:
    from coprod_ladder.resources import builtin_rubric_names

    try:
        return builtin_rubric_names()
    except (FileNotFoundError, NotADirectoryError):  # an installation without rubrics/
        return []


LIST_HELP = N_("""\
List the rubrics shipped with coprod: name, version and title, one per line.

Use a name with --rubric NAME or `coprod rubric show NAME`.

Example:

\b
  coprod rubric list""")


@app.command("list", cls=ReadableCommand, help=LIST_HELP)
def list_rubrics() -> None:
    """List the rubrics shipped with coprod: name, version and title, one per line.

    `--help` shows LIST_HELP.
    """
    from coprod_ladder.cli.checked_rubrics import read_cache, rubric_key, write_cache
    from coprod_ladder.language import current
    from coprod_ladder.resources import read_builtin_rubric, shipped_translation

    names = _shipped_names()
    if not names:
        stderr_console().print(_("no rubrics are shipped with this installation"))
        return
    rows: list[tuple[str, str, str]] = []
    broken: list[Diagnostic] = []
    checked = read_cache()
    remembered = len(checked)
    lang = current()
    for name in names:
        raw = read_builtin_rubric(name)[1]
        # In another language the title comes from the rubric's translation: remember it by
        # that file's bytes too (read here, without the models, to keep `list` fast).
        translated = shipped_translation(name, lang)
        key = rubric_key(raw, lang, translated.read_bytes()
                         if lang != "en" and translated.is_file() else b"")
        if key not in checked:
            from coprod_ladder.errors import LoadError
            from coprod_ladder.rubric.load import load_rubric

            try:
                rubric, _warnings = load_rubric(name)
            except LoadError as exc:
                broken.extend(exc.diagnostics)
                rows.append((name, "?", _("(has errors: see below)")))
                continue
            checked[key] = (rubric.version, rubric.title)
        rows.append((name, *checked[key]))
    if len(checked) > remembered:
        write_cache(checked)
    name_width = max(len(r[0]) for r in rows)
    version_width = max(len(r[1]) for r in rows)
    for name, version, title in rows:
        typer.echo(one_line(f"{name:<{name_width}}  {version:<{version_width}}  {title}"))
    if broken:
        print_diagnostics_to_stderr(broken)
        raise AlreadyReported(ExitCode.INPUT)


SHOW_HELP = N_("""\
Show one rubric in the terminal: its ladder, criteria, success factors and risks.

Prints the title, licence and attribution, how the scoring works, the rungs with their
band and summary, the activities, how many criteria sit at each rung for each activity,
the success factors and what they gate, the readiness steps and the risks.

Examples:

\b
  coprod rubric show default
  coprod rubric show my-council.yaml | less -R""")


@app.command("show", cls=ReadableCommand, help=SHOW_HELP)
def show(
    rubric: str = typer.Argument(
        ..., metavar="NAME|FILE", show_default=False, autocompletion=complete_rubric,
        help=N_("A shipped rubric's name (see `coprod rubric list`) or the path of a rubric file."),
    ),
) -> None:
    """Show one rubric in the terminal: its ladder, criteria, success factors and risks.

    `--help` shows SHOW_HELP.
    """
    from coprod_ladder.rubric.load import load_rubric

    loaded, warnings = load_rubric(rubric)
    console = stdout_console()
    for index, part in enumerate(render_rubric(loaded)):
        if index:
            console.print()
        console.print(part)
    if warnings:
        print_diagnostics_to_stderr(warnings)


INIT_HELP = N_("""\
Write a copy of a rubric to make your council's own.

The copy gets its own id and starts at version 1.0.0, and its history records the rubric
and version it came from, so answers written for that rubric score with the copy (read
through the history, with one warning each) and `coprod migrate --rubric FILE` moves them
over. docs/writing-a-rubric.md ("Adopting a rubric") explains every step.

Examples:

\b
  coprod rubric init rubrics/my-council.yaml
  coprod rubric init rubrics/mine.yaml --from starter --id mine""")


@app.command("init", cls=ReadableCommand, help=INIT_HELP)
def init(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,  # noqa: B008
                                readable=False,
                                help=N_("Where to write the new rubric (must not exist yet).")),  # noqa: B008
    source: str = typer.Option(
        "default", "--from", metavar="NAME", autocompletion=complete_source,
        help=N_("What to copy: a shipped rubric's name, or 'starter' for a small, complete one.")),
    new_id: str | None = typer.Option(
        None, "--id", metavar="ID", help=N_("The new rubric's id (default: from FILE's name).")),
) -> None:
    """Write a copy of a rubric to make your council's own.

    `--help` shows INIT_HELP.
    """
    import re

    from coprod_ladder.atomic_files import write_atomically
    from coprod_ladder.resources import STARTER_RUBRIC, read_builtin_rubric, read_starter_rubric
    from coprod_ladder.rubric.adopt import FIRST_VERSION, adopted_copy
    from coprod_ladder.rubric.load import parse_rubric

    chosen_id = new_id or re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", chosen_id or ""):
        raise typer.BadParameter(_("'{id}' cannot be a rubric id; use lower-case letters, "
                                   "digits and '-'").format(id=chosen_id), param_hint="--id")
    _name, raw = read_starter_rubric() if source == STARTER_RUBRIC else read_builtin_rubric(
        source)
    text = adopted_copy(raw.decode("utf-8"), chosen_id)
    rubric, problems = parse_rubric(text, str(file))
    if rubric is None:  # pragma: no cover - shipped rubrics are checked in CI
        raise RuntimeError(f"the starting copy has problems: {[str(p) for p in problems]}")
    if file.exists():
        raise OutputError(_("{file} already exists; choose another name").format(file=file))
    # The user named the file, so a link there is followed; an output problem is an
    # OutputError: exit 3.
    write_atomically(file, text, follow_links=True)
    summary_console().print(one_line(_("wrote {file}: '{id}' {version}, a copy of '{source}' "
                                       "whose history says so; check it with: coprod rubric "
                                       "check {file}").format(file=file, id=chosen_id,
                                                              version=FIRST_VERSION,
                                                              source=source)),
                           markup=False, highlight=False, soft_wrap=True)


SCHEMA_HELP = N_("""\
Print the JSON Schema of rubric files (or of answers files, or voice files).

Editors such as VS Code use it to complete keys, explain them on hover and underline
mistakes as you type. The same schemas are shipped in the installed package (--path says
where) and in the repository's schemas/ folder; see docs/schemas.md for the one-line
modeline and the VS Code setting.

Examples:

\b
  coprod rubric schema > rubric.schema.json
  coprod rubric schema --answers --path
  coprod rubric schema --voice > voice.schema.json""")


@app.command("schema", cls=ReadableCommand, help=SCHEMA_HELP)
def schema(
    answers: bool = typer.Option(
        False, "--answers", help=N_("Print the schema of answers files instead of rubric files.")
    ),
    voice: bool = typer.Option(
        False, "--voice", help=N_("Print the schema of voice files (coprod voice import) instead.")
    ),
    where: bool = typer.Option(
        False, "--path",
        help=N_("Print where the installed schema file is, instead of the schema itself.")),
) -> None:
    """Print the JSON Schema of rubric files (or of answers files, or voice files).

    `--help` shows SCHEMA_HELP.
    """
    if answers and voice:
        raise typer.BadParameter(_("use --answers or --voice, not both"), param_hint="--voice")
    kind = "answers" if answers else "voice" if voice else "rubric"
    if where:
        from coprod_ladder.resources import schema_file

        location = schema_file(kind)
        if not location.is_file():  # an installation that left the package data out
            raise CoprodError(_("this installation has no {kind} schema at {location}").format(
                kind=kind, location=location),
                hint=_("reinstall coprod, or use: coprod rubric schema > FILE"))
        typer.echo(str(location))
        return
    from coprod_ladder.rubric.schemas import render_schema

    typer.echo(render_schema(kind), nl=False)


# --------------------------------------------------------------------------------------------
# `rubric show`: Rich renderables for one rubric
# --------------------------------------------------------------------------------------------


def render_rubric(rubric: Rubric) -> list[RenderableType]:
    """Build the Rich renderables `coprod rubric show` prints, top to bottom."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from coprod_ladder.cli.output import escape_block as escape
    from coprod_ladder.rendering.labels import band_words
    from coprod_ladder.rendering.rubric_text import criteria_grid, explain_scoring

    def table(title: str, *columns: str, caption: str | None = None, lines: bool = True) -> Table:
        t = Table(title=title, title_justify="left", title_style="bold", show_lines=lines,
                  expand=False, caption=caption, caption_justify="left")
        for column in columns:
            t.add_column(column, overflow="fold")
        return t

    parts: list[RenderableType] = []
    header = Text()
    header.append(terminal_block(rubric.title), style="bold")
    header.append(f"\n{rubric.id} {rubric.version}", style="dim")
    header.append(terminal_block(f"\n\n{rubric.summary}"))
    parts.append(Panel(header, expand=False))

    credits = Text()
    credits.append(_("Licence: "), style="bold")
    credits.append(terminal_block(rubric.licence))
    for a in rubric.attribution:
        credits.append(terminal_block("\n" + _("Based on {framework}: ").format(
            framework=a.framework)), style="bold")
        credits.append(terminal_block(a.credit + (f" {a.url}" if a.url else "")))
    for s in rubric.sources:
        by = ", ".join(str(x) for x in (s.author, s.year) if x)
        credits.append("\n" + _("Source [{id}]: ").format(id=s.id), style="bold")
        credits.append(terminal_block(s.title + (f" ({by})" if by else "")
                                      + (f" {s.url}" if s.url else "")))
    parts.append(credits)

    scoring = Text()
    scoring.append(_("Scoring ({rule}): ").format(rule=rubric.scoring.rule), style="bold")
    scoring.append(terminal_block(explain_scoring(rubric)))
    parts.append(scoring)

    rungs = table(_("Rungs (bottom first)"), _("Level"), _("Rung"), _("Band"), _("Summary"),
                  _("Maps to"))
    for r in rubric.rungs_in_order():
        maps = "\n".join(f"{k}: {v}" for k, v in r.maps_to.items()) or "-"
        rungs.add_row(str(r.level), f"{escape(r.name)}\n[dim]{r.id}[/dim]", band_words(r.band),
                      escape(r.summary), escape(maps))
    parts.append(rungs)

    activities = table(_("Activities"), _("Activity"), _("Summary"))
    for act in rubric.activities:
        activities.add_row(f"{escape(act.name)}\n[dim]{act.id}[/dim]", escape(act.summary))
    parts.append(activities)

    grid = table(_("Criteria per activity and rung"), _("Activity"),
                 *(str(r.level) for r in rubric.rungs_in_order()), _("All"),
                 # TRANSLATORS: the English says "criteria" even for one, as it always has.
                 caption=ngettext("{count} criteria. Columns are rung levels; '+1' is an "
                                  "optional criterion, '.' none.",
                                  "{count} criteria. Columns are rung levels; '+1' is an "
                                  "optional criterion, '.' none.",
                                  len(rubric.criteria)).format(count=len(rubric.criteria)),
                 lines=False)
    for column in grid.columns[1:]:
        column.justify = "right"
    for row in criteria_grid(rubric):
        grid.add_row(*(escape(cell) for cell in row))
    parts.append(grid)

    parts += _item_tables(rubric, table)
    return parts


def _item_tables(rubric: Rubric, table: Callable[..., Table]) -> list[RenderableType]:
    """The tables of `rubric show` below the ladder: factors, risks, scales, floors, history."""
    from coprod_ladder.cli.output import escape_block as escape

    names = {r.id: r.name for r in rubric.rungs}
    parts: list[RenderableType] = []
    for title, label, factors in ((_("Success factors"), _("Factor"), rubric.success_factors),
                                  (_("Readiness"), _("Step"), rubric.readiness)):
        if not factors:
            continue
        t = table(title, label, _("Summary"), _("Gates"))
        for f in factors:
            gates = ", ".join(names.get(g, g) for g in f.gates) or "-"
            t.add_row(f"{escape(f.name)}\n[dim]{f.id}[/dim]", escape(f.summary), escape(gates))
        parts.append(t)

    if rubric.risks:
        t = table(_("Risks"), _("Risk"), _("Raised when"), _("Mitigation"))
        for risk in rubric.risks:
            triggers = "\n".join(f"{tr.item}: {' / '.join(tr.answers)}" for tr in risk.raised_when)
            if len(risk.raised_when) > 1:
                triggers = _("{count} of:\n{triggers}").format(count=risk.min_matches,
                                                                triggers=triggers)
            t.add_row(f"{escape(risk.name)}\n[dim]{risk.id}[/dim]", escape(triggers),
                      escape(risk.mitigation))
        parts.append(t)

    sets = table(_("Answer scales"), _("Scale"),
                 _("Answers (* counts as met; ? counts as unanswered)"))
    for scale in rubric.answer_sets:
        sets.add_row(f"{escape(scale.name)}\n[dim]{scale.id}[/dim]",
                     escape(", ".join(o.label + (" *" if o.meets else " ?" if o.unknown else "")
                                      for o in scale.options)))
    parts.append(sets)

    if rubric.statutory_floors:
        activity_names = {a.id: a.name for a in rubric.activities}
        t = table(_("Statutory floors"), _("Type"), _("Lowest rung"), _("Duty"))
        duty_names = {d.id: d.name for d in rubric.duties}
        for floor in rubric.statutory_floors:
            when = ", ".join([*([duty_names.get(floor.when_duty, floor.when_duty)]
                                if floor.when_duty else []),
                              *(f"{k}: {v}" for k, v in floor.when_tags.items())])
            t.add_row(escape(activity_names.get(floor.activity, floor.activity))
                      + ("\n[dim]" + _("for services that: {conditions}").format(
                          conditions=escape(when)) + "[/dim]" if when else ""),
                      escape(names.get(floor.rung, floor.rung)), escape(floor.duty))
        parts.append(t)

    if rubric.history:
        t = table(_("History"), _("Version"), _("What changed"))
        for release in rubric.history:
            moved = sum(1 for old, new in release.items.items() if new != old)
            made, before = (" ".join(v) if v[0] != rubric.id else v[1]
                            for v in (rubric.release_version(release),
                                      rubric.replaced_version(release)))
            # TRANSLATORS: the English says "ids" even for one, as it always has.
            moves = ngettext("{count} ids moved; answers for {version} are carried across "
                             "(coprod migrate)", "{count} ids moved; answers for {version} are "
                             "carried across (coprod migrate)", moved)
            t.add_row(f"{escape(made)}\n[dim]"
                      + _("replaces {version}").format(version=escape(before)) + "[/dim]",
                      escape(release.summary) + ("\n[dim]" + moves.format(
                          count=moved, version=escape(before)) + "[/dim]" if moved else ""))
        parts.append(t)
    return parts
