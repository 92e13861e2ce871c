"""The `coprod` command line: the only place that prints, prompts, reads the clock or exits.

Each command lives in its own module and imports the heavy parts of the core (pydantic models,
Jinja) inside the command, and the root builds a command, importing its module, only when it is
named (cli/commands.py), so `coprod --help` starts quickly.
"""

from __future__ import annotations

import os
import signal
import sys

import typer

from coprod_ladder import __version__
from coprod_ladder.cli.commands import RootGroup
from coprod_ladder.cli.help import CONTEXT_SETTINGS
from coprod_ladder.cli.stop import Terminated
from coprod_ladder.errors import ExitCode
from coprod_ladder.language import N_, _

app = typer.Typer(
    name="coprod",
    help=(
        N_("See how far a children's service co-produces with children, young people and "
        "families, place it on a ladder of involvement, and get the actions for the next rung."
        "\n\nExamples:\n\n\b\n  coprod demo\n  coprod assess --quick\n"
        "  coprod score answers/ --out reports/\n  coprod portfolio answers/\n\n"
        "Language: --lang cy or --lang en before the command (coprod --lang cy score ...), "
        "else COPROD_LANG=cy|en, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else "
        "English.\n\n"
        "Environment: COPROD_DEBUG=1 shows the traceback of an internal error (exit 4); "
        "XDG_CACHE_HOME says where coprod keeps its cache (default ~/.cache/coprod); "
        "NO_COLOR turns colour off; GITHUB_ACTIONS=true makes `rubric check` write GitHub "
        "annotations.")
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=RootGroup,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprod {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q",
        help=N_("Say only what went wrong: findings, warnings and errors, and the payload "
             "(no summaries, counts or progress). Before the command: coprod -q score ...")),
    verbose: bool = typer.Option(
        False, "--verbose", "-v",
        help=N_("Also say what coprod read and from where (the settings file, the rubric).")),
) -> None:
    """See how far each service co-produces, and what it takes to reach the next rung."""
    from coprod_ladder.cli.checked_rubrics import cache_folder, code_digest
    from coprod_ladder.cli.output import note, set_verbosity
    from coprod_ladder.cli.params import apply_settings
    from coprod_ladder.language import current
    from coprod_ladder.rendering.compiled_templates import keep_compiled_templates

    # Reports render from templates compiled once and kept with coprod's cache, not
    # compiled again by every run and every worker (a quarter of a second each).
    keep_compiled_templates(cache_folder() / "templates", code_digest)

    if quiet and verbose:
        raise typer.BadParameter(_("use --quiet or --verbose, not both"), param_hint="--quiet")
    set_verbosity(-1 if quiet else 1 if verbose else 0)
    # Kept as it is in every language: the line that says which language was chosen is the
    # one a translator checks (tests/test_language.py reads it), whatever is chosen.
    note(f"language: {current()}")
    apply_settings(ctx)


def _on_sigterm(_signum: int, _frame: object) -> None:
    # One stop request is enough: a second one must not cut the clean-up short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def main() -> None:
    """Run the app; Ctrl-C exits 130 and SIGTERM 143, without a traceback.

    SIGTERM is turned into an exception in the main thread, so a stop by a service manager
    or a CI runner unwinds like Ctrl-C: worker processes are stopped, temp files removed, and
    no half-written report is left.
    """
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.argv[1:] = _choose_language(sys.argv[1:])
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(_("interrupted"), err=True)
        _leave_now(ExitCode.INTERRUPTED)
    except Terminated:
        typer.echo(_("stopped: coprod was asked to stop (SIGTERM)"), err=True)
        _leave_now(ExitCode.TERMINATED)
    except SystemExit as exc:
        if exc.code in (ExitCode.INTERRUPTED, ExitCode.TERMINATED):
            _leave_now(ExitCode(exc.code))
        raise


def _choose_language(args: list[str]) -> list[str]:
    """Speak the language asked for, and return the arguments without `--lang`.

    `--lang` is read here, before Typer parses anything, so that help is already in the
    language chosen; only where it is written before the command (coprod --lang cy score).
    An unknown language is a usage error (exit 2), as from Typer.
    """
    from coprod_ladder.language import LANGUAGES, READY, activate, choose_language

    flag: str | None = None
    rest = list(args)
    for index, arg in enumerate(args):
        if not arg.startswith("-"):
            break  # the command: what follows is its own
        if arg == "--lang" and index + 1 < len(args):
            flag = args[index + 1]
            rest = args[:index] + args[index + 2:]
            break
        if arg.startswith("--lang="):
            flag = arg.removeprefix("--lang=")
            rest = args[:index] + args[index + 1:]
            break
    choice = choose_language(flag, os.environ)
    if choice.problem is not None:
        where = "--lang" if choice.source == "--lang" else "COPROD_LANG"
        # Said in English: the language asked for is the one coprod does not speak.
        typer.echo(f"Usage: coprod [OPTIONS] COMMAND [ARGS]...\nTry 'coprod -h' for help.\n\n"
                   f"Error: Invalid value for {where}: coprod speaks "
                   f"{' or '.join(LANGUAGES)}, not {choice.problem!r}", err=True)
        sys.exit(ExitCode.USAGE)
    if choice.lang not in READY and os.environ.get("COPROD_PREVIEW_LANGUAGE") != "1":
        # COPROD_PREVIEW_LANGUAGE=1 lets translators see their unfinished work in place.
        asked_by = "your locale" if choice.source == "locale" else choice.source
        typer.echo(f"note: coprod's {LANGUAGES[choice.lang]} text is not written yet, so it "
                   f"speaks English for now (asked for by {asked_by}).", err=True)
        return rest
    activate(choice.lang)
    return rest


def _leave_now(code: ExitCode) -> None:
    """Exit at once after an interruption, once coprod's own clean-up has run.

    The standard library's process-pool exit hook can still find the wake-up pipe of a pool
    whose workers were just stopped closed, and print a traceback at shutdown; the files and
    workers are already dealt with, so the streams are flushed and the exit hooks skipped.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
