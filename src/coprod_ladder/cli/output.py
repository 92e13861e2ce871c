"""Where output goes: the two consoles, diagnostic formats, and turning errors into exit codes.

Only this package prints. stdout carries the payload (reports, findings, JSON); stderr carries
everything else (progress, summaries, errors), so `coprod ... > file` stays clean.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from typer.exceptions import TyperException

from coprod_ladder.cli.stop import Terminated
from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.errors import AlreadyReported, CoprodError, ExitCode, LoadError, OutputError
from coprod_ladder.language import NP_, SOURCE_LANGUAGE, _, current, pgettext
from coprod_ladder.rendering.findings import FindingFormat, format_findings
from coprod_ladder.safe_text import one_line, terminal_block

if TYPE_CHECKING:
    from rich.console import Console

    from coprod_ladder.batch import Failed


def escape(text: str) -> str:
    """Make supplied text safe for one line of Rich markup on a terminal.

    Control characters, bidi overrides and line breaks become visible escapes
    (`safe_text.one_line`), then Rich's markup is escaped. Rich is imported on first use, so
    `--help` never pays.
    """
    from rich.markup import escape as rich_escape

    return rich_escape(one_line(text))


def escape_block(text: str) -> str:
    """As `escape`, for text shown over several lines: line breaks are kept."""
    from rich.markup import escape as rich_escape

    return rich_escape(terminal_block(text))


def stdout_console() -> Console:
    """Return a console for the payload."""
    from rich.console import Console

    return Console(highlight=False)


def stderr_console() -> Console:
    """Return a console for messages, progress and errors."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


#: How much coprod says besides its payload, findings, warnings and errors (which it always
#: says): -1 with `coprod --quiet`, 1 with `coprod --verbose`. Set once, by the root options.
_verbosity = 0


def set_verbosity(level: int) -> None:
    """Say less (-1), as usual (0) or more (1) from now on."""
    global _verbosity
    _verbosity = level


def summary_console(*, stdout: bool = False) -> Console:
    """Return a console for summaries, counts and progress: silent with --quiet."""
    from rich.console import Console

    return Console(stderr=not stdout, highlight=False, quiet=_verbosity < 0)


def note(text: str) -> None:
    """Print a line on stderr with --verbose only (what coprod read, and from where)."""
    if _verbosity > 0:
        stderr_console().print(escape(text), soft_wrap=True)


def resolve_format(fmt: FindingFormat) -> FindingFormat:
    """Pick a concrete format for `auto`: GitHub annotations in Actions, text on a terminal.

    GitHub sets GITHUB_ACTIONS=true; any other value (false, empty) means not in Actions.
    """
    if fmt is not FindingFormat.AUTO:
        return fmt
    if os.environ.get("GITHUB_ACTIONS", "").strip().lower() == "true":
        return FindingFormat.GITHUB
    return FindingFormat.TEXT if sys.stdout.isatty() else FindingFormat.PARSABLE


#: How findings for a person name each severity (the machine formats keep the English code).
SEVERITY_WORDS = {
    Severity.ERROR: NP_("severity", "error"),
    Severity.WARNING: NP_("severity", "warning"),
    Severity.INFO: NP_("severity", "info"),
}


def print_findings_text(console: Console, diagnostics: Sequence[Diagnostic]) -> None:
    """Print findings for a person: grouped by file, coloured by severity."""
    shown: str | None = None
    width = max((len(f"{d.line}:{d.column}") for d in diagnostics), default=0)
    english = current() == SOURCE_LANGUAGE
    for d in diagnostics:
        if d.path != shown:
            shown = d.path
            console.print(f"[bold]{escape(d.path)}[/bold]")
        style = {Severity.ERROR: "red", Severity.WARNING: "yellow",
                 Severity.INFO: "cyan"}[d.severity]
        where = f"{d.line}:{d.column}".ljust(width)
        severity = d.severity if english else pgettext("severity", SEVERITY_WORDS[d.severity])
        console.print(
            f"  {where}  [{style}]{severity:<7}[/{style}]  "
            f"{escape(d.message)}  [dim]\\[{escape(d.code)}][/dim]",
            soft_wrap=True,
        )


def repository_root(start: Path) -> Path:
    """Return the top folder of the git work tree holding `start` (where `.git` is), or
    `start` itself outside one; SARIF paths are written relative to it."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def print_findings(diagnostics: Sequence[Diagnostic], fmt: FindingFormat, *,
                   sarif_root: Path | None = None) -> None:
    """Print findings on stdout in the chosen format (`auto` is resolved here).

    SARIF names files relative to `sarif_root` (default: the git work tree's top folder,
    or the working folder outside one), as GitHub code scanning places them.
    """
    chosen = resolve_format(fmt)
    if chosen is FindingFormat.TEXT:
        print_findings_text(stdout_console(), diagnostics)
    elif chosen is FindingFormat.SARIF:
        from coprod_ladder import __version__
        from coprod_ladder.rendering.sarif import render_sarif

        cwd = Path.cwd().resolve()
        root = (sarif_root.resolve() if sarif_root is not None else repository_root(cwd))
        typer.echo(render_sarif(diagnostics, tool_version=__version__, root=str(root),
                                cwd=str(cwd)), nl=False)
    else:
        # Machine formats go out as plain text: Rich must never wrap or colour them.
        typer.echo(format_findings(diagnostics, chosen), nl=False)


def exit_for_failures(failures: Sequence[Failed]) -> None:
    """Exit 3 when a file could not be read at all, 1 when a file failed to score, else go on.

    The failures are on stderr already, so the exit says nothing more.
    """
    from coprod_ladder.batch import is_unreadable

    if any(is_unreadable(f) for f in failures):
        raise AlreadyReported(ExitCode.INPUT)
    if failures:
        raise AlreadyReported(ExitCode.FINDINGS)


#: Dates outside these years are typing mistakes (0001-06-01, 20266-01-01), not real dates.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def check_date_range(value: dt.date | None, option: str) -> dt.date | None:
    """Refuse a date outside EARLIEST_YEAR..LATEST_YEAR as a usage error (exit 2)."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise typer.BadParameter(
            _("{date} is not a date coprod can use; give a date between {earliest} and "
                      "{latest}, like 2026-03-31").format(date=f"{value:%Y-%m-%d}",
                                                          earliest=EARLIEST_YEAR,
                                                          latest=LATEST_YEAR),
            param_hint=option)
    return value


#: A PATH of `-` reads one file from standard input; findings name it like this.
STDIN = Path("-")
STDIN_NAME = "<stdin>"


def reads_stdin(paths: Sequence[Path]) -> bool:
    """Return True when PATH is `-` (one file from standard input); refuse `-` among others."""
    if STDIN not in paths:
        return False
    if len(paths) > 1:
        raise typer.BadParameter(_("- reads one file from standard input; give it "
                                           "alone, or name files instead"), param_hint="PATH")
    return True


def read_stdin() -> tuple[bytes | None, list[Diagnostic]]:
    """Read one file's bytes from standard input (see `yaml_source.read_stream_bytes`)."""
    from coprod_ladder.file_bytes import read_stream_bytes

    return read_stream_bytes(sys.stdin.buffer, STDIN_NAME)


def print_diagnostics_to_stderr(diagnostics: Sequence[Diagnostic]) -> None:
    """Print findings on stderr in the plain `path:line:col: severity [code] message` form."""
    for d in diagnostics:
        sys.stderr.write(f"{d}\n")


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn expected failures into a message on stderr and the right exit code.

    The one place where an error becomes an exit code: `help.ReadableCommand` runs every
    command inside it, and commands raise `CoprodError`s instead of exiting. A user never sees
    a traceback for bad input. Unexpected exceptions become exit 4 with a one-line message
    (COPROD_DEBUG=1 shows the traceback).
    """
    try:
        yield
    except (typer.Exit, TyperException):  # Typer's own: --help, usage errors (exit 2)
        raise
    except KeyboardInterrupt:
        stderr_console().print(_("interrupted"))
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except Terminated:
        stderr_console().print(_("stopped: coprod was asked to stop (SIGTERM)"))
        raise typer.Exit(ExitCode.TERMINATED) from None
    except AlreadyReported as exc:
        raise typer.Exit(exc.exit_code) from None
    except LoadError as exc:
        print_diagnostics_to_stderr(exc.diagnostics)
        stderr_console().print(_("error: {message}").format(message=escape(exc.message)),
                               soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except CoprodError as exc:
        stderr_console().print(_("error: {message}").format(message=escape(exc.message)),
                               soft_wrap=True)
        if exc.hint:
            stderr_console().print(_("hint: {hint}").format(hint=escape(exc.hint)),
                                   soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # `coprod ... | head` closed the pipe: nothing to say
            raise
        # Reading problems are diagnostics already; an OSError that gets here happened while
        # writing, or to the system (disk full): a problem with the output, never a bug.
        where = exc.filename if exc.filename is not None else "the output"
        message = OutputError.from_os_error(str(where), exc).message
        stderr_console().print(_("error: {message}").format(message=escape(message)),
                               soft_wrap=True)
        raise typer.Exit(ExitCode.INPUT) from None
    except Exception as exc:
        if os.environ.get("COPROD_DEBUG"):
            raise
        stderr_console().print(
            _("internal error: {kind}: {details}\nThis is a bug in coprod. Run again "
                      "with COPROD_DEBUG=1 to see the details, and report it.").format(
                kind=escape(type(exc).__name__), details=escape(str(exc))),
            soft_wrap=True,
        )
        raise typer.Exit(ExitCode.INTERNAL) from None
