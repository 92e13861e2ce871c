"""`coprod migrate`: rewrite answers files written for an older rubric version.

Without --in-place the new text goes to stdout (one file) or to --out; with --in-place each
file is replaced atomically. A file that cannot be migrated is never touched.
"""

from __future__ import annotations

from pathlib import Path

import typer

from coprod_ladder.cli.output import print_diagnostics_to_stderr, summary_console
from coprod_ladder.cli.params import complete_rubric
from coprod_ladder.errors import AlreadyReported, ExitCode
from coprod_ladder.language import N_, _, ngettext
from coprod_ladder.safe_text import one_line


def migrate(
    files: list[Path] = typer.Argument(  # noqa: B008
        ..., metavar="FILE", show_default=False, readable=False,
        help=N_("Answers files to bring up to date.")),  # noqa: B008
    in_place: bool = typer.Option(False, "--in-place",
                                  help=N_("Replace each file with its migrated version.")),
    out: Path | None = typer.Option(  # noqa: B008
        None, "--out", "-o", metavar="FILE", readable=False,
        help=N_("Write the migrated file here (one FILE only).")),  # noqa: B008
    rubric: str | None = typer.Option(
        None, "--rubric", metavar="ID|FILE", autocompletion=complete_rubric,
        help=N_("Migrate to this rubric (default: the shipped rubric each file names).")),
) -> None:
    """Rewrite answers files for the current version of their rubric.

    `--help` shows command_help.MIGRATE_HELP.
    """
    from coprod_ladder.answers.migrate import migrate_text
    from coprod_ladder.atomic_files import write_atomically
    from coprod_ladder.cli.score import rubric_chooser
    from coprod_ladder.diagnostics import has_errors
    from coprod_ladder.file_bytes import read_file_bytes

    err = summary_console()
    if in_place and out is not None:
        raise typer.BadParameter(_("use either --in-place or --out, not both"),
                                 param_hint="--out")
    if not in_place and len(files) > 1:
        raise typer.BadParameter(_("several files need --in-place (or migrate them one at a "
                                   "time with --out)"), param_hint="FILE")
    if out is not None and out.resolve() == files[0].resolve():
        raise typer.BadParameter(_("--out names the file being migrated; use --in-place to "
                                   "replace it"), param_hint="--out")
    choose = rubric_chooser(rubric)
    failed = changed = unreadable = 0
    for path in files:
        raw, problems = read_file_bytes(path, str(path))
        if raw is None:
            print_diagnostics_to_stderr(problems)
            failed += 1
            unreadable += 1
            continue
        text, note, diagnostics = migrate_text(raw, str(path), choose)
        print_diagnostics_to_stderr(diagnostics)
        result: str | bytes
        if text is None:
            if has_errors(diagnostics):
                failed += 1
                continue
            if in_place:
                err.print(one_line(_("{path}: already up to date, left as it is").format(
                    path=path)), soft_wrap=True, markup=False, highlight=False)
                continue
            # The result is the file as it is: --out and stdout still get it, byte for byte,
            # so `migrate FILE --out NEW` always leaves NEW holding the current version.
            said = (_("{path}: already up to date; copied unchanged to {out}") if out is not None
                    else _("{path}: already up to date"))
            err.print(one_line(said.format(path=path, out=out)), soft_wrap=True, markup=False,
                      highlight=False)
            result = raw
        else:
            changed += 1
            result = text
        if note is not None:
            err.print(one_line(f"{path}: {note.versions()}; {note.describe()}"),
                      soft_wrap=True, markup=False, highlight=False)
        if in_place or out is not None:
            target = path if in_place else out
            assert target is not None
            # Durable, like every answers save; a problem with the path is an
            # OutputError, which handle_errors turns into exit 3 naming the path.
            # The user named the file, so a link there is followed (see atomic_files).
            write_atomically(target, result, durable=True, follow_links=True)
        else:
            typer.echo(result, nl=False)
    err.print(ngettext("{count} file migrated, {failed} failed",
                       "{count} files migrated, {failed} failed", changed).format(
        count=changed, failed=failed), highlight=False)
    # As score and portfolio: a file that could not be read at all is bad input (3); one
    # whose content is wrong is a finding (1).
    if unreadable:
        raise AlreadyReported(ExitCode.INPUT)
    if failed:
        raise AlreadyReported(ExitCode.FINDINGS)
