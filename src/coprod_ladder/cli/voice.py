"""`coprod voice ...`: make a survey template or form from the rubric, and import the answers.

`template` writes the questions for one group as a list to paste into a survey tool and a
paper CSV; `form` writes them as one easy-read offline HTML form; `import` reads survey
exports, paper CSVs and form response files into one voice file per service. Nothing is
written until every file is clean (or --skip-bad-rows), and what is written is written
atomically.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coprod_ladder.cli.command_help import VOICE_GROUP_HELP
from coprod_ladder.cli.help import CONTEXT_SETTINGS, ReadableCommand, ReadableGroup
from coprod_ladder.cli.output import (
    escape,
    print_diagnostics_to_stderr,
    stderr_console,
    summary_console,
)
from coprod_ladder.cli.params import bilingual_option, complete, complete_rubric
from coprod_ladder.errors import AlreadyReported, ExitCode
from coprod_ladder.language import N_, _, pgettext

if TYPE_CHECKING:
    from coprod_ladder.model import Answers, CheckedRubric, Rubric, Service, VoiceGroup
    from coprod_ladder.rendering.voice_back import BackView
    from coprod_ladder.voice.find import VoiceIndex
    from coprod_ladder.voice.importing import Imported, ImportOptions
    from coprod_ladder.voice.template import Question

app = typer.Typer(
    help=VOICE_GROUP_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=ReadableGroup,
    context_settings=CONTEXT_SETTINGS,
)

#: The groups' names as `--for` takes them: `model.VoiceGroup`'s values, written out so that
#: `coprod --help` does not load pydantic (tests/test_voice_import.py checks they agree).
GROUPS = ("children", "young-people", "parents")
_complete_group = complete(list(GROUPS))


def _read_group(value: object) -> str:
    text = str(value).strip().lower()
    if text not in GROUPS:
        raise typer.BadParameter(_("'{value}' is not a group; use children, young-people or "
                                   "parents").format(value=value))
    return text


def _group(value: str) -> VoiceGroup:
    from coprod_ladder.model import VoiceGroup

    return VoiceGroup(value)
# Options several voice commands share, declared once.
def _answers_argument() -> Any:
    return typer.Argument(..., metavar="ANSWERS_FILE", show_default=False, readable=False,
                          help=N_("The service's answers file: it names the service and the "
                               "rubric."))


def _group_option() -> Any:
    return typer.Option(..., "--for", metavar="GROUP", parser=_read_group,
                        autocompletion=_complete_group, show_default=False,
                        help=N_("Who answers: children, young-people or parents."))


def _rubric_of_answers() -> Any:
    return typer.Option(None, "--rubric", "-r", metavar="ID|FILE", show_default=False,
                        autocompletion=complete_rubric,
                        help=N_("A shipped rubric name or a rubric file. Default: the rubric the "
                             "answers file names."))


_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
RUBRIC_HELP = N_("A shipped rubric name or a rubric file. Default: the shipped default rubric.")


def _say(text: str) -> None:
    summary_console().print(escape(text), soft_wrap=True, highlight=False)


def _asked(answers_file: Path, rubric: str | None, group: VoiceGroup
           ) -> tuple[CheckedRubric, Service, list[Question]]:
    """The rubric, the service an answers file names, and the questions asked of `group`.

    Exits 1, saying so, when the rubric asks that group nothing (nothing to write).
    """
    from coprod_ladder.answers.read import read_answers
    from coprod_ladder.cli.score import rubric_chooser
    from coprod_ladder.errors import LoadError
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.rendering.voice_words import group_words, say_voice
    from coprod_ladder.voice.template import questions_for

    raw, problems = read_file_bytes(answers_file, str(answers_file))
    if raw is None:
        raise LoadError(str(answers_file), problems, what=pgettext("file kind", "answers file"))
    answers, checked, _warnings = read_answers(raw, str(answers_file), rubric_chooser(rubric))
    questions = questions_for(checked, group)
    if not questions:
        _say(say_voice("template-none", rubric=checked.id, group=group_words(group)))
        raise AlreadyReported(ExitCode.FINDINGS)
    return checked, answers.service, questions


TEMPLATE_HELP = N_("""\
Write one group's questions to paste into Microsoft Forms, Google Forms or SmartSurvey.

Writes SERVICE.GROUP.form.txt (a short how-to, then each question titled with its code,
such as [Q07], and the answer choices) and SERVICE.GROUP.paper.csv (a header row of the
same titles, to type paper answers into). Both name the rubric, its version
and the service. The codes follow the order of the rubric's criteria, so they are the
same for every form made from one rubric version.

Examples:

\b
  coprod voice template answers/youth-service.yaml --for young-people
  coprod voice template answers/send-team.yaml --for parents --out forms/""")


@app.command("template", cls=ReadableCommand, help=TEMPLATE_HELP)
def template(
    answers_file: Path = _answers_argument(),  # noqa: B008
    group_name: str = _group_option(),
    out: Path = typer.Option(  # noqa: B008
        Path("."), "--out", "-o", metavar="FOLDER", readable=False, show_default=False,
        help=N_("Folder to write the two files to (default: the current folder).")),  # noqa: B008
    rubric: str | None = _rubric_of_answers(),
) -> None:
    """Write one group's questions to paste into Microsoft Forms, Google Forms or SmartSurvey.

    `--help` shows TEMPLATE_HELP.
    """
    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.rendering.voice_words import group_words, say_voice
    from coprod_ladder.voice.template import paper_csv, template_text

    group = _group(group_name)
    checked, service, questions = _asked(answers_file, rubric, group)
    stem = f"{service.id}.{group.value}"
    text_path, csv_path = out / f"{stem}.form.txt", out / f"{stem}.paper.csv"
    make_folder(out)
    write_atomically(text_path, template_text(checked, service.id, service.name, group,
                                              csv_path.name))
    write_atomically(csv_path, "\ufeff" + paper_csv(checked, service.id, group))
    _say(say_voice("template-written", group=group_words(group), service=service.id,
                   text=text_path, csv=csv_path, count=len(questions)))


FORM_HELP = N_("""\
Write an easy-read form for one group: one HTML file, nothing to install.

Writes SERVICE.GROUP.form.html: it opens in any browser on a phone, tablet or laptop,
with no network, and prints as a paper form with tick boxes. It asks who helped, the
age band (children and young people), and only the questions the rubric asks of that
group. "Save my answers" downloads a response file with one anonymous respondent, for
coprod voice import; the answers are then wiped from the page.

Examples:

\b
  coprod voice form answers/youth-service.yaml --for young-people
  coprod voice form answers/send-team.yaml --for parents --out forms/""")


@app.command("form", cls=ReadableCommand, help=FORM_HELP)
def form(
    answers_file: Path = _answers_argument(),  # noqa: B008
    group_name: str = _group_option(),
    out: Path = typer.Option(  # noqa: B008
        Path("."), "--out", "-o", metavar="FOLDER", readable=False, show_default=False,
        help=N_("Folder to write the form to (default: the current folder).")),  # noqa: B008
    rubric: str | None = _rubric_of_answers(),
    bilingual: bool = bilingual_option(),
) -> None:
    """Write an easy-read form for one group: one HTML file, nothing to install.

    `--help` shows FORM_HELP.
    """
    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.form.page import form_page
    from coprod_ladder.form.voice_spec import voice_form_spec
    from coprod_ladder.rendering.voice_words import group_words, say_voice

    group = _group(group_name)
    checked, service, questions = _asked(answers_file, rubric, group)
    target = out / f"{service.id}.{group.value}.form.html"
    from coprod_ladder.form.page_words import rubric_file_in_other_language

    other = rubric_file_in_other_language(rubric) if bilingual and rubric else None
    page = form_page(voice_form_spec(checked, service.id, service.name, group,
                                     bilingual=bilingual, other_language=other))
    make_folder(out)
    write_atomically(target, page.encode("utf-8"))
    _say(say_voice("form-written", group=group_words(group), service=service.id, path=target,
                   count=len(questions)))


IMPORT_HELP = N_("""\
Read what children, young people and families answered into one voice file.

Columns are found by the code their titles start with ([Q07] ...), or by a --mapping
file. Names, emails and IP addresses are never stored, nor comments unless
--keep-comments. A problem (an unknown column, an answer off the scale, a duplicate
response, a form for another rubric version or service, a formula) is shown with file,
row and column, and nothing is written: exit 1 (3 if a file cannot be read at all).

Examples:

\b
  coprod voice import export.xlsx --service youth-service --for young-people
  coprod voice import paper.csv responses/*.yaml --service youth-service
  coprod voice import survey.csv --service send-team --mapping our-titles.yaml""")


def _in_other_languages(rubric: str | None) -> tuple[Rubric, ...]:
    """The rubric as coprod's other languages give it, so forms made in any of them import."""
    from coprod_ladder.language import LANGUAGES, current, using
    from coprod_ladder.rubric.load import load_rubric

    others = []
    for lang in LANGUAGES:
        if lang != current():
            with using(lang):
                others.append(load_rubric(rubric or "default")[0])
    return tuple(others)


@app.command("import", cls=ReadableCommand, help=IMPORT_HELP)
def import_(
    files: list[Path] = typer.Argument(  # noqa: B008
        ..., metavar="FILE", show_default=False, readable=False,
        help=N_("Survey exports (.xlsx, .csv), paper CSVs and form response files (.yaml).")),  # noqa: B008
    service: str = typer.Option(
        ..., "--service", metavar="ID", show_default=False,
        help=N_("The service the answers are about (its id in its answers file).")),
    group_name: str | None = typer.Option(
        None, "--for", metavar="GROUP", parser=_read_group, autocompletion=_complete_group,
        show_default=False,
        help=N_("Who answered: children, young-people or parents. Default: what the form says.")),
    out: Path = typer.Option(  # noqa: B008
        Path("."), "--out", "-o", metavar="FOLDER", readable=False, show_default=False,
        help=N_("Folder to write SERVICE.voice.yaml to (default: the current folder).")),  # noqa: B008
    rubric: str | None = typer.Option(
        None, "--rubric", "-r", metavar="ID|FILE", show_default=False,
        autocompletion=complete_rubric, help=RUBRIC_HELP),
    mapping: Path | None = typer.Option(  # noqa: B008
        None, "--mapping", metavar="FILE", readable=False,
        help=N_("A YAML file mapping your form's column titles to question codes (columns: "  # noqa: B008
             "{'Your title': Q07}).")),
    keep_comments: bool = typer.Option(
        False, "--keep-comments", help=N_("Keep free-text comments (they are dropped otherwise).")),
    lead: str | None = typer.Option(
        None, "--lead", metavar="ROLE",
        help=N_("Who reads kept comments first (default: the rubric's voice.comments_read_by).")),
    skip_bad_rows: bool = typer.Option(
        False, "--skip-bad-rows", help=N_("Import the good rows and list the rows left out.")),
) -> None:
    """Read what children, young people and families answered into one voice file.

    `--help` shows IMPORT_HELP.
    """
    from coprod_ladder.atomic_files import make_folder
    from coprod_ladder.errors import LoadError
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.rendering.voice_words import say_count, say_voice
    from coprod_ladder.rubric.load import load_rubric
    from coprod_ladder.voice.importing import (
        ImportOptions,
        duplicate_responses,
        merged,
        read_mapping,
    )
    from coprod_ladder.voice.write import save_voice

    if not _IDENTIFIER.match(service):
        raise typer.BadParameter(_("'{service}' is not a service id (lower-case letters, "
                                   "digits and - _ .)").format(service=service),
                                 param_hint="--service")
    checked, warnings = load_rubric(rubric or "default")
    print_diagnostics_to_stderr(warnings)
    columns: dict[str, str] = {}
    if mapping is not None:
        raw, problems = read_file_bytes(mapping, str(mapping))
        if raw is None:
            raise LoadError(str(mapping), problems, what=pgettext("file kind", "mapping file"))
        columns = read_mapping(raw, str(mapping))
    options = ImportOptions(service=service, group=_group(group_name) if group_name else None,
                            keep_comments=keep_comments, skip_bad_rows=skip_bad_rows,
                            mapping=columns, also_asked=_in_other_languages(rubric))
    results, unreadable = _read_all(files, checked, options)
    findings = [d for _path, r in results for d in r.findings] + duplicate_responses(results)
    print_diagnostics_to_stderr(findings)
    for path, result in results:
        if result.not_stored:
            _say(say_voice("import-dropped", file=path, columns=", ".join(result.not_stored)))
        if result.comments_dropped:
            _say(say_count("import-comments-dropped", result.comments_dropped, file=path))
        for skipped in result.skipped:
            _say(say_voice("import-skipped", file=skipped.path, row=skipped.row,
                           reason=skipped.reason))
    if unreadable or findings:
        _say(say_voice("import-nothing"))
        raise AlreadyReported(ExitCode.INPUT if unreadable else ExitCode.FINDINGS)
    skipped_rows = sum(len(r.skipped) for _path, r in results)
    if skipped_rows:
        _say(say_count("import-skipped-count", skipped_rows))
    voice = merged(checked, service, results)
    make_folder(out)
    target = out / f"{service}.voice.yaml"
    save_voice(voice, target)
    written = "import-written-one" if len(files) == 1 else "import-written"
    _say(say_voice(written, service=service, count=len(voice.respondents), files=len(files),
                   path=target))
    if keep_comments:
        # Always said, whatever --quiet asks: a kept comment may hold a disclosure.
        reader = lead or checked.voice.comments_read_by
        warning = (say_voice("import-comments", reader=reader) if reader
                   else say_voice("import-comments-no-reader"))
        stderr_console().print(escape(warning), soft_wrap=True, highlight=False)


def _read_all(files: list[Path], checked: Rubric, options: ImportOptions
              ) -> tuple[list[tuple[str, Imported]], int]:
    """Each file's import, and how many could not be read at all (their problems shown)."""
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.voice.importing import import_response, import_table
    from coprod_ladder.voice.tables import read_table

    results: list[tuple[str, Imported]] = []
    unreadable = 0
    for path in files:
        name = str(path)
        raw, problems = read_file_bytes(path, name)
        if raw is None:
            print_diagnostics_to_stderr(problems)
            unreadable += 1
            continue
        if path.suffix.lower() in (".yaml", ".yml"):
            results.append((name, import_response(raw, name, checked, options)))
            continue
        table, problems = read_table(raw, name)
        if table is None:
            print_diagnostics_to_stderr(problems)
            unreadable += 1
            continue
        results.append((name, import_table(table, checked, options)))
    return results, unreadable


BACK_HELP = N_("""\
Write "You said, we did": one easy-read page for the people who answered.

Writes SERVICE.you-said-we-did.html and .md: what children, young people and families
said, in the words of the questions they were asked (no scores); what the service will
do and by when, in the manager's words from the answers file's we_will; and how to say
more (service: contact). Groups smaller than the rubric's minimum are not shown on their
own. With --previous, it says which of last time's promises are done.

Examples:

\b
  coprod voice back answers/youth-service.yaml --voice voices/
  coprod voice back answers/2027/youth.yaml --previous answers/2026/youth.yaml""")


@app.command("back", cls=ReadableCommand, help=BACK_HELP)
def back(
    answers_file: Path = typer.Argument(  # noqa: B008
        ..., metavar="ANSWERS_FILE", show_default=False, readable=False,
        help=N_("The service's answers file, with what it will do (we_will) where written.")),  # noqa: B008
    voice: Path | None = typer.Option(  # noqa: B008
        None, "--voice", metavar="FOLDER", show_default=False, readable=False,
        help=N_("Folder of the service's voice files (default: those beside the answers file).")),  # noqa: B008
    out: Path = typer.Option(  # noqa: B008
        Path("."), "--out", "-o", metavar="FOLDER", readable=False, show_default=False,
        help=N_("Folder to write the page to (default: the current folder).")),  # noqa: B008
    previous: Path | None = typer.Option(  # noqa: B008
        None, "--previous", metavar="FILE", show_default=False, readable=False,
        help=N_("Last cycle's answers file: the page says which of its promises are done.")),  # noqa: B008
    fmt: str = typer.Option(
        "html,md", "--format", "-f", metavar="FORMATS", show_default=False,
        autocompletion=complete(("html", "md", "html,md")),
        help=N_("Formats to write: html, md, or both as html,md (the default).")),
    rubric: str | None = _rubric_of_answers(),
    bilingual: bool = bilingual_option(),
) -> None:
    """Write "You said, we did": one easy-read page for the people who answered.

    `--help` shows BACK_HELP.
    """
    from coprod_ladder.answers.read import read_answers
    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.batch import Failed, score_source
    from coprod_ladder.cli.score import rubric_chooser, voice_index
    from coprod_ladder.errors import LoadError
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.rendering.voice_back import (
        render_back,
        render_bilingual_back,
        you_said_we_did,
    )
    from coprod_ladder.rendering.voice_words import say_count, say_voice

    formats = _back_formats(fmt)
    choose = rubric_chooser(rubric)
    voices = voice_index(voice, [])
    raw, problems = read_file_bytes(answers_file, str(answers_file))
    if raw is None:
        raise LoadError(str(answers_file), problems, what=pgettext("file kind", "answers file"))
    result = score_source(raw, str(answers_file), choose, voices, beside=True)
    if isinstance(result, Failed):
        raise LoadError(result.path, list(result.diagnostics),
                        what=pgettext("file kind", "answers file"))
    print_diagnostics_to_stderr(result.warnings)
    if result.voice_failures:
        for failure in result.voice_failures:
            print_diagnostics_to_stderr(failure.diagnostics)
        raise AlreadyReported(ExitCode.FINDINGS)
    card = result.card
    service = card.answers.service
    if card.voice is None or not card.voice.respondents:
        stderr_console().print(escape(say_voice(
            "back-no-voice-dir" if voice else "back-no-voice", service=service.id,
            answers=answers_file, voice=voice)), soft_wrap=True)
        raise AlreadyReported(ExitCode.INPUT)
    before = None
    if previous is not None:
        old_raw, old_problems = read_file_bytes(previous, str(previous))
        if old_raw is None:
            raise LoadError(str(previous), old_problems, what=pgettext("file kind", "answers file"))
        before, _rubric, old_warnings = read_answers(old_raw, str(previous), choose)
        print_diagnostics_to_stderr(old_warnings)
    if bilingual:  # Welsh first, whatever language coprod speaks
        welsh, english = (_back_view_in(lang, raw, answers_file, rubric, voices, before)
                          for lang in ("cy", "en"))
        pages = {name: render_bilingual_back(welsh, english, name) for name in formats}
    else:
        view = you_said_we_did(card, before, choose(card.rubric_id).text_language)
        pages = {name: render_back(view, name) for name in formats}
    make_folder(out)
    written = {}
    for name in formats:
        target = out / f"{service.id}.you-said-we-did.{name}"
        write_atomically(target, pages[name].encode("utf-8"))
        written[name] = target
    key = "back-written" if len(formats) == 2 else f"back-written-{formats[0]}"
    _say(say_count(key, card.voice.respondents, **written))


def _back_view_in(lang: str, raw: bytes, answers_file: Path, rubric: str | None,
                  voices: VoiceIndex, before: Answers | None) -> BackView:
    """The page's view in `lang`, the service scored again with the rubric in that language
    (the questions people were asked are the rubric's, in its translation). The command has
    read the same files already in the language being spoken and reported their problems."""
    from coprod_ladder.batch import Failed, score_source
    from coprod_ladder.errors import LoadError
    from coprod_ladder.language import using
    from coprod_ladder.rendering.voice_back import you_said_we_did
    from coprod_ladder.rubric.load import fixed_rubric, load_rubric, shipped_rubric_by_id

    with using(lang):
        # --rubric FILE or name loaded in this language: its translation applied for Welsh.
        choose = fixed_rubric(load_rubric(rubric)[0]) if rubric else shipped_rubric_by_id()
        result = score_source(raw, str(answers_file), choose, voices, beside=True)
        if isinstance(result, Failed):  # read cleanly once: never expected here
            raise LoadError(result.path, list(result.diagnostics),
                            what=pgettext("file kind", "answers file"))
        return you_said_we_did(result.card, before,
                               choose(result.card.rubric_id).text_language)


def _back_formats(value: str) -> tuple[str, ...]:
    """The formats --format names, in the order html, md; a bad one is a usage error."""
    asked = {part.strip() for part in value.split(",")}
    if not asked or not asked <= {"html", "md"}:
        raise typer.BadParameter(_("use html, md or html,md"), param_hint="--format")
    return tuple(name for name in ("html", "md") if name in asked)
