"""`coprod rubric ...`: list, show, check (the CI command) and print the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from coprod_ladder.cli.output import (
    FindingFormat,
    format_findings,
    handle_errors,
    print_findings_text,
    resolve_format,
    stderr_console,
    stdout_console,
)
from coprod_ladder.errors import ExitCode

app = typer.Typer(
    help="Check, list and show rubrics (the ladders and criteria services are assessed against).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def collect_yaml_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into their *.yaml / *.yml files, sorted; return files and missing paths."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}
                                and p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing


@app.command("check")
def check(
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., help="Rubric files or folders (every *.yaml and *.yml below a folder is checked)."
    ),
    fmt: FindingFormat = typer.Option(
        FindingFormat.AUTO, "--format", "-f",
        help="text for people, parsable for path:line:col tools, github for Actions "
             "annotations, json for programs; auto picks github in GitHub Actions, text on a "
             "terminal, parsable otherwise.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings as well as errors."),
) -> None:
    """Check rubric files and report every problem as path:line:col (exit 1 on findings)."""
    from coprod_ladder.diagnostics import Severity
    from coprod_ladder.loader import parse_rubric
    from coprod_ladder.yaml_source import read_file_bytes

    with handle_errors():
        files, missing = collect_yaml_files(paths)
        err = stderr_console()
        if missing:
            for m in missing:
                err.print(f"error: no such file or folder: {m}", soft_wrap=True)
            raise typer.Exit(ExitCode.INPUT)
        if not files:
            err.print("error: no *.yaml or *.yml files found in the paths given")
            raise typer.Exit(ExitCode.INPUT)
        findings = []
        unreadable = False
        for file in files:
            raw, problems = read_file_bytes(file, str(file))
            if raw is None:
                unreadable = True
                findings.extend(problems)
                continue
            _, diagnostics = parse_rubric(raw, str(file))
            findings.extend(diagnostics)
        chosen = resolve_format(fmt)
        if chosen is FindingFormat.TEXT:
            print_findings_text(stdout_console(), findings)
        else:
            typer.echo(format_findings(findings, chosen), nl=False)
        errors = sum(1 for d in findings if d.severity is Severity.ERROR)
        warnings = len(findings) - errors
        summary = (f"{len(files)} file{'s' if len(files) != 1 else ''} checked: "
                   f"{errors} error{'s' if errors != 1 else ''}, "
                   f"{warnings} warning{'s' if warnings != 1 else ''}")
        err.print(summary)
        if unreadable:
            raise typer.Exit(ExitCode.INPUT)
        if errors or (strict and warnings):
            raise typer.Exit(ExitCode.FINDINGS)


@app.command("list")
def list_rubrics() -> None:
    """List the rubrics shipped with coprod."""
    from coprod_ladder.loader import load_rubric
    from coprod_ladder.resources import builtin_rubric_names

    with handle_errors():
        out = stdout_console()
        for name in builtin_rubric_names():
            rubric, _ = load_rubric(name)
            out.print(f"{name}\t{rubric.version}\t{rubric.title}", soft_wrap=True, markup=False)


@app.command("schema")
def schema(
    answers: bool = typer.Option(
        False, "--answers", help="Print the schema of answers files instead of rubric files."
    ),
) -> None:
    """Print the JSON Schema of the rubric format (or, with --answers, of answers files)."""
    from coprod_ladder.model import Answers, Rubric

    model = Answers if answers else Rubric
    document = model.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    typer.echo(json.dumps(document, indent=2, sort_keys=True))
