"""`coprod assess`: the self-assessment a service manager finishes in one sitting.

This module only prompts, saves and prints. The questions, their order, and what every typed
entry means live in the pure `questionnaire` module; the file format in `answers.write`. The
answers file is saved atomically after every entry, so Ctrl-C, a closed terminal or a crash
never loses more than the entry being typed.

Long module: the one interactive command, in the order a manager meets it: the first two
prompts, the loop with its saves (and the file following the id), the finish.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli.output import (
    escape,
    print_diagnostics_to_stderr,
    stdout_console,
)
from coprod_ladder.cli.params import quick_option, rubric_option
from coprod_ladder.cli.score import FORMAT_HELP, complete_service_formats
from coprod_ladder.errors import AlreadyReported, ExitCode, SaveError, UsageProblem
from coprod_ladder.language import N_, _, ngettext, pgettext
from coprod_ladder.safe_text import one_line, terminal_block

if TYPE_CHECKING:
    from rich.console import Console

    from coprod_ladder.model import Answers, CheckedRubric
    from coprod_ladder.questionnaire import Prompt, Session
    from coprod_ladder.rendering.registry import Renderer
    from coprod_ladder.rendering.views import ReportView

ANSWERS_SUFFIX = ".answers.yaml"


def _readline() -> None:
    """Turn on line editing (arrow keys, history) where the platform has it."""
    try:
        import readline  # noqa: F401  # imported for its side effect on input()
    except ImportError:  # pragma: no cover - Windows without pyreadline
        pass


@contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C while a save runs, then raise it once the file is in place."""
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    except ValueError:  # not the main thread (some test runners): nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _save(path: Path, answers: Answers, rubric: CheckedRubric) -> None:
    from coprod_ladder.answers.write import save_answers
    from coprod_ladder.errors import OutputError

    try:
        with _deferred_interrupt():
            save_answers(path, answers, rubric=rubric)
    except OutputError as exc:
        raise SaveError(_("could not save the answers: {problem}").format(problem=exc.message),
                        hint=_("the file still holds every answer up to the one before; free "
                               "some space or fix the folder's permissions, then carry on with "
                               "coprod assess --answers {path}").format(path=path)) from None


def _ask(console: Console, text: str) -> str:
    """Read one line; the prompt is plain text so line editing redraws it correctly."""
    console.file.flush()
    return input(one_line(text))  # the default shown may be a saved answer


# --------------------------------------------------------------------------------------------
# Showing questions
# --------------------------------------------------------------------------------------------


def _say(console: Console, message: str, *, info: bool = False) -> None:
    """Print what was wrong with an entry (or help) as a sentence, before asking again."""
    style = "cyan" if info else "red"
    console.print(f"[{style}]{escape(message[:1].upper() + message[1:])}[/{style}]")


def _keys(keys: tuple[str, ...]) -> str:
    return "[dim]" + _("Keys: {keys}").format(keys=escape(" · ".join(keys))) + "[/dim]"


def _indented(console: Console, text: str, style: str) -> None:
    from rich.padding import Padding
    from rich.text import Text

    console.print(Padding(Text(terminal_block(text), style=style), (0, 0, 0, 2)))


def _show_question(console: Console, session: Session, prompt: Prompt,
                   new_section: bool) -> None:
    from coprod_ladder.questionnaire import Kind
    from coprod_ladder.rendering.labels import band_words

    question = prompt.question
    assert question is not None
    console.print()
    console.rule(_("{section} · question {number} of {total}").format(
        section=escape(question.section), number=prompt.number, total=prompt.total),
        align="left", style="dim")
    if new_section and question.intro:
        from rich.text import Text

        console.print(Text(terminal_block(question.intro), style="italic"))
    if question.kind is Kind.CRITERION and question.rung is not None:
        rung = _("Rung {level} of {count}: {name} ({band})").format(
            level=question.rung.level, count=len(session.rubric.rungs), name=question.rung.name,
            band=band_words(question.rung.band))
        # The section names the activity (full mode) or the rung (quick mode): show the other.
        context = rung if question.section == question.activity else question.activity or ""
        console.print(f"[dim]{escape(context)}[/dim]")
    console.print(f"[bold]{escape(question.title)}[/bold]")
    if question.help:
        _indented(console, question.help, "dim")
    if question.example and question.kind not in (Kind.CRITERION, Kind.TARGET):
        _indented(console, question.example, "dim")
    if question.typing:
        _indented(console, question.typing, "dim")
    if question.evidence_required:
        console.print("  [yellow]" + _("Needs evidence to count for the rung.") + "[/yellow]")
    if question.choices:
        if question.scale:
            console.print(f"{escape(question.scale)}:")
        rated = question.kind in (Kind.CRITERION, Kind.SUCCESS_FACTOR, Kind.READINESS)
        for choice in question.choices:
            mark = ""
            if question.kind in (Kind.TARGET, Kind.JURISDICTION) \
                    and choice.id == question.default:
                mark = "  [dim]" + _("(suggested)") + "[/dim]"
            elif rated and choice.meets:
                mark = "  [green]" + _("(counts as in place)") + "[/green]"
            console.print(f"  [bold]{choice.number}[/bold]  {escape(choice.label)}{mark}")
    if prompt.now is not None:
        console.print(_("Now: {answer}").format(answer=escape(prompt.now)))
    for line in prompt.details:
        console.print(f"  [dim]{escape(line)}[/dim]")
    console.print(_keys(prompt.keys))


def _show_details_menu(console: Console, prompt: Prompt) -> None:
    console.print(_("Details for this answer, if you have them {note}:").format(
        note="[dim]" + _("(CYP&F: children, young people and families)") + "[/dim]"))
    for line in prompt.details:
        console.print(f"  [dim]{escape(line)}[/dim]")
    console.print(_keys(prompt.keys))


def _show_review(console: Console, session: Session) -> None:
    from rich.table import Table

    rows = session.review()
    left = sum(1 for r in rows if not r.answered)
    console.print()
    console.rule(ngettext("Review · {count} question, {answered} answered",
                          "Review · {count} questions, {answered} answered", len(rows)).format(
        count=len(rows), answered=len(rows) - left), align="left", style="dim")
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis",
                     max_width=min(58, max(24, console.width // 2)))
    table.add_column(overflow="fold")
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            table.add_row("", f"[bold]{escape(section)}[/bold]", "")
        if row.answer is not None:
            answer = escape(row.answer)
        else:
            answer = ("[dim]" + _("left blank") + "[/dim]" if row.answered
                      else "[yellow]" + _("— not answered") + "[/yellow]")
        if row.details:
            answer += " [dim]" + ngettext("(+{count} detail)", "(+{count} details)",
                                          row.details).format(count=row.details) + "[/dim]"
        table.add_row(str(row.number), escape(row.title), answer)
    console.print(table)
    console.print(_keys(session.prompt().keys))


def _prompt_text(prompt: Prompt) -> str:
    default = f" [{prompt.default}]" if prompt.default else ""
    return f"{prompt.ask}{default}: "


def _show(console: Console, session: Session, previous: tuple[object, ...] | None,
          section: str | None) -> None:
    """Show what the current step needs; the full question only when it is new."""
    from coprod_ladder.questionnaire import Step

    prompt = session.prompt()
    where = (session.key, session.step)
    if session.step is Step.REVIEW:
        if previous != where:
            _show_review(console, session)
        return
    if session.step is Step.ASK:
        if previous != where:
            new_section = prompt.question is not None and prompt.question.section != section
            _show_question(console, session, prompt, new_section)
        return
    if session.step is Step.DETAILS:
        if previous != where:
            _show_details_menu(console, prompt)
        return
    if previous != where:
        console.print(f"[dim]({escape(' · '.join(prompt.keys))})[/dim]")


# --------------------------------------------------------------------------------------------
# Starting: a new assessment or a saved one
# --------------------------------------------------------------------------------------------


def _ask_with_keys(console: Console, text: str, read: Callable[[str], str], help_text: str,
                   *, first: bool = False) -> str | None:
    """Ask one of the first two questions, where `?` and `b` mean what they mean at every
    other prompt: help, and back (None). Nothing typed here becomes a name or an id by
    accident."""
    from coprod_ladder.questionnaire import InvalidEntry

    while True:
        raw = _ask(console, text)
        command = raw.strip().lower()
        if command in ("?", "help"):
            _say(console, help_text, info=True)
            continue
        if command == "b":
            if first:
                _say(console, _("This is the first question."), info=True)
                continue
            return None
        try:
            return read(raw)
        except InvalidEntry as exc:
            _say(console, str(exc))


def _load_saved(path: Path, rubric_ref: str | None) -> tuple[Answers, CheckedRubric]:
    from coprod_ladder.answers.read import read_answers
    from coprod_ladder.cli.score import rubric_chooser
    from coprod_ladder.errors import LoadError
    from coprod_ladder.file_bytes import read_file_bytes

    raw, problems = read_file_bytes(path, str(path))
    if raw is None:  # cannot be read at all: exit 3
        raise LoadError(str(path), problems, what=pgettext("file kind", "answers file"))
    choose = rubric_chooser(rubric_ref)  # a --rubric that cannot be loaded: exit 3
    try:
        answers, rubric, warnings = read_answers(raw, str(path), choose)
    except LoadError as exc:  # what the file says is wrong: a finding, as in score (exit 1)
        raise LoadError(exc.path, exc.diagnostics, what=pgettext("file kind", "answers file"),
                        exit_code=ExitCode.FINDINGS) from None
    print_diagnostics_to_stderr(warnings)
    return answers, rubric


def _start_new(console: Console, rubric: CheckedRubric, path: Path | None,
               rubric_ref: str | None) -> tuple[Answers, CheckedRubric, Path, bool]:
    """Ask the service's name and id; return the answers, rubric, file and whether resumed."""
    from coprod_ladder.questionnaire import (
        derive_service_id,
        new_answers,
        read_service_id,
        read_text,
    )

    console.print(_("First, the service.") + " [dim]" + _(
        "(Ctrl-C stops; nothing is saved until it has a name and an id. ? help · b back)")
        + "[/dim]")
    name_help = _("The service's name as people know it, for example Harbour Youth Club; it "
                  "heads every report.")
    id_help = _("A short id made of lower-case letters, digits and '-', used for the answers "
                "file and report names; Enter takes the suggestion.")
    name: str | None = None
    while True:
        if name is None:
            name = _ask_with_keys(console, _("What is the service called?") + " ", read_text,
                                  name_help, first=True)
            if name is None:
                continue
        suggested = derive_service_id(name)

        def read_id(raw: str, suggested: str = suggested) -> str:
            return read_service_id(raw) if raw.strip() else suggested

        service_id = _ask_with_keys(
            console, _("A short id for it, used for file names [{suggested}]:").format(
                suggested=suggested) + " ", read_id, id_help)
        if service_id is None:  # b: back to the name
            name = None
            continue
        chosen = path or Path(f"{service_id}{ANSWERS_SUFFIX}")
        if path is not None or not chosen.exists():
            break
        reply = _ask(console, _("{path} already holds a saved assessment. Carry on with it? "
                                "[Y/n]").format(path=chosen) + " ").strip().lower()
        # TRANSLATORS: the answers that mean yes at the [Y/n] prompt, separated by spaces.
        if reply in ("", "y", "yes", *_("y yes").split()):
            answers, loaded = _load_saved(chosen, rubric_ref)
            return answers, loaded, chosen, True
        console.print(_("Then choose another id, so that file is kept."))
    return new_answers(rubric, name, service_id), rubric, chosen, False


def _check_writable(path: Path | None) -> None:
    """Fail before the first question, not after it, when the answers cannot be saved.

    A symlink is followed: the answers are saved to the file it points to.
    """
    from coprod_ladder.atomic_files import real_target

    path = real_target(path) if path is not None else None
    folder = path.parent if path is not None else Path()
    where = (str(path) if path is not None
             else _("this folder ({folder})").format(folder=Path.cwd()))
    if not folder.is_dir():
        raise SaveError(_("cannot save the answers to {where}: the folder {folder} does not "
                          "exist").format(where=where, folder=folder))
    if not os.access(folder, os.W_OK) or (
            path is not None and path.exists() and not os.access(path, os.W_OK)):
        raise SaveError(_("cannot save the answers to {where}: no permission to write "
                          "there").format(where=where),
                        hint=_("pass --answers with a file in a folder you can write to"))


def _intro(console: Console, rubric: CheckedRubric, quick: bool) -> None:
    from coprod_ladder.questionnaire import questions_for

    full = len(questions_for(rubric))
    console.print(_("{command}: how far does the service co-produce with children, young "
                    "people and families?").format(command="[bold]coprod assess[/bold]"))
    console.print(ngettext("Rubric: {title} ({id} {version}), {count} rung.",
                           "Rubric: {title} ({id} {version}), {count} rungs.",
                           len(rubric.rungs)).format(
        title=escape(rubric.title), id=escape(rubric.id), version=rubric.version,
        count=len(rubric.rungs)))
    if quick:
        console.print(_("Quick mode: only the questions that decide where the service stands "
                        "and its next rung; more follow while rungs are met."))
    else:
        console.print(ngettext(
            "{count} question, in this order: the service, each type of co-production rung by "
            "rung, the critical success factors, the organisational readiness steps, and the "
            "target rung. (--quick asks only those that decide the rung.)",
            "{count} questions, in this order: the service, each type of co-production rung by "
            "rung, the critical success factors, the organisational readiness steps, and the "
            "target rung. (--quick asks only those that decide the rung.)", full).format(
            count=full))
    console.print(_("Each answer is saved as soon as you give it. Type {key} (or Ctrl-C) to "
                    "stop and carry on later.").format(key="[bold]q[/bold]"))
    console.print()


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


def assess(
    rubric: str | None = rubric_option(),
    answers: Path | None = typer.Option(  # noqa: B008
        None, "--answers", "-a", metavar="FILE", show_default=False, readable=False,
        help=N_("The answers file to carry on with, or to create (a symlink is followed). "  # noqa: B008
             "Default: <service-id>.answers.yaml in this folder."),
    ),
    quick: bool = quick_option(),
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-reports"), "--out", "-o", metavar="FOLDER", readable=False,
        help=N_("Folder to write the reports to."),  # noqa: B008
    ),
    fmt: list[str] | None = typer.Option(  # noqa: B008
        None, "--format", "-f", metavar="FORMAT", show_default=False, help=FORMAT_HELP,
        autocompletion=complete_service_formats),
) -> None:
    """Run the self-assessment: question by question, saved after every answer.

    `--help` shows command_help.ASSESS_HELP.
    """
    from coprod_ladder.cli.score import report_formats

    if not sys.stdin.isatty():
        raise UsageProblem(_("coprod assess asks its questions in a terminal, and its input "
                             "is not one"),
                           hint=_("to score a service without a terminal, fill in an answers "
                                  "file (see examples/) and run: coprod score FILE"))
    formats = report_formats(fmt)
    _run(rubric, answers, quick, out, formats)


def _run(rubric_ref: str | None, path: Path | None, quick: bool, out: Path,
         formats: list[Renderer[ReportView]]) -> None:
    from coprod_ladder.atomic_files import remove_stale_temp_files
    from coprod_ladder.model import RubricRef
    from coprod_ladder.questionnaire import Session, State
    from coprod_ladder.rubric.load import load_rubric

    _readline()
    console = stdout_console()
    today = dt.date.today()  # the CLI reads the clock; the questionnaire is given the date
    _check_writable(path)
    named_by_user = path is not None  # --answers: the file stays where the user put it
    resumed = path is not None and path.exists()
    if resumed:
        assert path is not None
        answers, rubric = _load_saved(path, rubric_ref)
        remove_stale_temp_files(path)  # left by a save that was killed part way
        _intro(console, rubric, quick)
    else:
        rubric, warnings = load_rubric(rubric_ref)
        print_diagnostics_to_stderr(warnings)
        _intro(console, rubric, quick)
        try:
            answers, rubric, path, resumed = _start_new(console, rubric, path, rubric_ref)
        except (KeyboardInterrupt, EOFError):
            console.print("\n" + _("Stopped before anything was saved."))
            raise AlreadyReported(ExitCode.INTERRUPTED) from None
    if answers.rubric.version != rubric.version:
        console.print("[yellow]" + _(
            "These answers were given against version {old} of the rubric; version {new} is "
            "loaded. Check them in the review; the file will be marked with the new "
            "version.").format(old=escape(answers.rubric.version), new=escape(rubric.version))
            + "[/yellow]")
        answers = answers.model_copy(
            update={"rubric": RubricRef(id=rubric.id, version=rubric.version)})
        _save(path, answers, rubric)
    if not resumed:
        _save(path, answers, rubric)
        console.print(_("Saving to {path} after every answer.").format(
            path=f"[bold]{escape(str(path))}[/bold]"))

    session = Session.start(rubric, answers, today, quick=quick)
    if resumed:
        done = len(session.questions) - len(session.unanswered())
        fields = {"service": f"[bold]{escape(answers.service.name)}[/bold]",
                  "path": escape(str(path)), "done": done, "count": len(session.questions),
                  "number": (session.index or 0) + 1}
        said = (ngettext("Carrying on with {service} from {path}: {done} of {count} question "
                         "answered; starting at question {number}.",
                         "Carrying on with {service} from {path}: {done} of {count} questions "
                         "answered; starting at question {number}.", len(session.questions))
                if session.current is not None else
                ngettext("Carrying on with {service} from {path}: {done} of {count} question "
                         "answered; starting at the review.",
                         "Carrying on with {service} from {path}: {done} of {count} questions "
                         "answered; starting at the review.", len(session.questions)))
        console.print(said.format(**fields), soft_wrap=True)
    where = [path]  # where the answers are saved; it follows the id until a criterion
    try:
        session = _loop(console, session, where,
                        follows_id=not named_by_user and not _any_criterion(answers))
    except (KeyboardInterrupt, EOFError):
        console.print()
        _print_resume(console, where[0], stopped=True)
        raise AlreadyReported(ExitCode.INTERRUPTED) from None
    if session.state is State.QUIT:
        _print_resume(console, where[0], stopped=False)
        return
    _finish(console, where[0], session.rubric, out, formats, quick=quick)


def _any_criterion(answers: Answers) -> bool:
    return any(c.answer is not None or c.not_applicable is not None
               for c in answers.criteria.values())


def _moved(console: Console, where: list[Path], after: Session) -> bool:
    """The id changed before any criterion was answered: move the answers file to the new
    id's name (saved there, the old one removed) and say so; return whether it should keep
    following the id."""
    old = where[0]
    new = old.with_name(f"{after.answers.service.id}{ANSWERS_SUFFIX}")
    if new.exists():
        console.print("[yellow]" + _("{new} already exists, so the answers stay in "
                                     "{old}.").format(new=escape(str(new)), old=escape(str(old)))
                      + "[/yellow]", soft_wrap=True)
        return False
    _save(new, after.answers, after.rubric)
    try:
        old.unlink()
    except OSError:
        pass  # the answers are safe in the new file; the old one is only left behind
    where[0] = new
    console.print(_("Now saving to {path}, named after the new id.").format(
        path=f"[bold]{escape(str(new))}[/bold]"), soft_wrap=True)
    return True


def _loop(console: Console, session: Session, where: list[Path], *,
          follows_id: bool) -> Session:
    from coprod_ladder.questionnaire import State

    shown: tuple[object, ...] | None = None
    section: str | None = None
    while session.state is State.RUNNING:
        _show(console, session, shown, section)
        shown = (session.key, session.step)
        section = session.current.section if session.current is not None else None
        raw = _ask(console, _prompt_text(session.prompt()))
        after = session.handle(raw)
        if follows_id and after.answers.service.id != session.answers.service.id:
            follows_id = _moved(console, where, after)
        elif follows_id and _any_criterion(after.answers):
            follows_id = False
        if after.answers != session.answers:
            _save(where[0], after.answers, after.rubric)
        if after.message is not None:
            _say(console, after.message.text, info=after.message.kind == "info")
            if after.message.kind == "info":
                shown = None  # show the question again under the help
        session = after
    return session


def _print_resume(console: Console, path: Path, *, stopped: bool) -> None:
    shown = f"[bold]{escape(str(path))}[/bold]"
    said = (_("Stopped. Every answer given is saved in {path}.") if stopped
            else _("Every answer given is saved in {path}."))
    console.print(said.format(path=shown), soft_wrap=True)
    console.print(_("To carry on: {command}").format(
        command=f"[bold]coprod assess --answers {escape(str(path))}[/bold]"), soft_wrap=True)


def _finish(console: Console, path: Path, rubric: CheckedRubric, out: Path,
            formats: list[Renderer[ReportView]], *, quick: bool) -> None:
    from coprod_ladder.batch import score_file
    from coprod_ladder.cli.score import write_reports
    from coprod_ladder.rubric.load import fixed_rubric

    # Score what is on disk, so the report is exactly what `coprod score FILE` gives.
    results = [score_file(path, fixed_rubric(rubric))]
    failed = write_reports(results, out, formats)
    console.print("\n" + _("Your answers are in {path}; change any of them with: {command}").format(
        path=f"[bold]{escape(str(path))}[/bold]",
        command=f"coprod assess --answers {escape(str(path))}"), soft_wrap=True)
    if quick:
        console.print(_("Quick mode asked only what decides each rung, so the placement is "
                        "provisional: the other questions show as not yet answered (they never "
                        "count against the service). Answer them any time with the same "
                        "command (without --quick)."), soft_wrap=True)
    if failed:
        raise AlreadyReported(ExitCode.FINDINGS)
