"""`coprod rubric translations export|import`: a rubric's translation to and from a PO file.

The shell around rubric/translation_po.py: it finds the rubric and its translation file, reads
and writes the files (atomically) and prints; the conversions themselves are pure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coprod_ladder.cli.help import CONTEXT_SETTINGS, ReadableCommand, ReadableGroup
from coprod_ladder.cli.output import print_diagnostics_to_stderr, summary_console
from coprod_ladder.cli.params import complete_rubric
from coprod_ladder.errors import (
    AlreadyReported,
    ExitCode,
    LoadError,
    OutputError,
    UsageProblem,
)
from coprod_ladder.language import N_, _, ngettext
from coprod_ladder.safe_text import one_line

if TYPE_CHECKING:
    from coprod_ladder.model import CheckedRubric

app = typer.Typer(
    help=N_(
        "Translate a rubric's text: export it as a PO file for translators' tools, and import "
        "their work back as the rubric's translation file.\n\nExamples:\n\n\b\n"
        "  coprod rubric translations export default --lang cy --out default.cy.po\n"
        "  coprod rubric translations import rubrics/mine.yaml mine.cy.po"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=ReadableGroup,
    context_settings=CONTEXT_SETTINGS,
)

_RUBRIC_HELP = N_("A shipped rubric's name (see `coprod rubric list`) or the path of a rubric "
                  "file.")


EXPORT_HELP = N_("""\
Write every text of a rubric as a PO file, with its translation so far.

Each text's key is its msgctxt and the English its msgid; texts already translated carry
their translation, and drafts and texts whose English changed since are flagged fuzzy
(needs review). Translate in any PO editor (Poedit, Weblate, Crowdin), then import.

Examples:

\b
  coprod rubric translations export default --lang cy --out default.cy.po""")


@app.command("export", cls=ReadableCommand, help=EXPORT_HELP)
def export(
    rubric: str = typer.Argument(..., metavar="NAME|FILE", show_default=False,
                                 autocompletion=complete_rubric, help=_RUBRIC_HELP),
    lang: str = typer.Option(..., "--lang", metavar="LANG", show_default=False,
                             help=N_("The language to translate into, such as cy.")),
    out: Path | None = typer.Option(  # noqa: B008
        None, "--out", metavar="FILE", show_default=False,
        help=N_("Write the PO file here (default: print it).")),  # noqa: B008
) -> None:
    from coprod_ladder.atomic_files import write_atomically
    from coprod_ladder.rubric.in_language import translation_for
    from coprod_ladder.rubric.load import is_rubric_path
    from coprod_ladder.rubric.translation_file import read_translation
    from coprod_ladder.rubric.translation_po import export_po

    checked = _english(rubric)
    existing = None
    found = translation_for(rubric if is_rubric_path(rubric) else None, checked.id, lang)
    if found is not None:
        existing, _positions, problems = read_translation(found[1], found[0])
        if existing is None:
            raise LoadError(found[0], problems, what="translation")
    po = export_po(checked, lang, existing)
    if out is None:
        typer.echo(po.decode("utf-8"), nl=False)
        return
    write_atomically(out, po, follow_links=True)
    summary_console().print(one_line(_("wrote {path}: the texts of rubric '{rubric}' {version} "
                                       "for translation into {lang}").format(
        path=out, rubric=checked.id, version=checked.version, lang=lang)),
        markup=False, highlight=False, soft_wrap=True)


IMPORT_HELP = N_("""\
Turn a translated PO file into the rubric's translation file.

Each text keeps the fingerprint of the English it was translated from, so `rubric check`
finds it stale when the English changes. Entries still flagged fuzzy are drafts; clearing
the flag in the PO editor marks a text reviewed. Texts left empty stay in English, and
reports say which. The PO file is the whole translation: the file written replaces any
earlier one.

Examples:

\b
  coprod rubric translations import rubrics/mine.yaml mine.cy.po""")


@app.command("import", cls=ReadableCommand, help=IMPORT_HELP)
def import_(
    rubric: str = typer.Argument(..., metavar="NAME|FILE", show_default=False,
                                 autocompletion=complete_rubric, help=_RUBRIC_HELP),
    po_file: Path = typer.Argument(..., metavar="PO_FILE", show_default=False,  # noqa: B008
                                   help=N_("The PO file the translators filled in.")),  # noqa: B008
    lang: str | None = typer.Option(None, "--lang", metavar="LANG", show_default=False,
                                    help=N_("The language (default: the PO file's Language).")),
    out: Path | None = typer.Option(  # noqa: B008
        None, "--out", metavar="FILE", show_default=False,
        help=N_("Write the translation file here (default: "  # noqa: B008
                "translations/<id>.<lang>.yaml beside the rubric file).")),
) -> None:
    from coprod_ladder.atomic_files import write_atomically
    from coprod_ladder.diagnostics import has_errors
    from coprod_ladder.file_bytes import read_file_bytes
    from coprod_ladder.rubric.load import is_rubric_path
    from coprod_ladder.rubric.translation import rubric_texts
    from coprod_ladder.rubric.translation_po import import_po, translation_yaml

    checked = _english(rubric)
    if out is None and not is_rubric_path(rubric):
        raise UsageProblem(_("'{rubric}' is a shipped rubric, so there is no folder of yours "
                             "beside it to write into; give --out FILE").format(rubric=rubric))
    data, problems = read_file_bytes(po_file, str(po_file))
    if data is None:
        raise LoadError(str(po_file), problems, what="PO file")
    translation, problems = import_po(data, str(po_file), checked, lang)
    if translation is None or has_errors(problems):
        raise LoadError(str(po_file), problems, what="PO file")
    target = out or Path(rubric).parent / "translations" / (
        f"{checked.id}.{translation.language}.yaml")
    if out is None:
        _make_folder(target.parent)
    write_atomically(target, translation_yaml(translation, checked), follow_links=True)
    drafts = sum(1 for t in translation.texts.values() if t.status == "draft")
    total = len(rubric_texts(checked))
    summary_console().print(one_line(ngettext(
        "wrote {path}: {done} of {total} text translated, {drafts} of them drafts; check it "
        "with: coprod rubric check {rubric}",
        "wrote {path}: {done} of {total} texts translated, {drafts} of them drafts; check it "
        "with: coprod rubric check {rubric}", total).format(
            path=target, done=len(translation.texts), total=total, drafts=drafts,
            rubric=rubric)),
        markup=False, highlight=False, soft_wrap=True)
    if problems:
        print_diagnostics_to_stderr(problems)
        raise AlreadyReported(ExitCode.FINDINGS)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("cannot make the folder {path}: {reason}").format(
            path=folder, reason=exc.strerror or exc)) from exc


def _english(rubric: str) -> CheckedRubric:
    """The rubric in the English it was written in, whatever language is spoken: the texts to
    translate, and the fingerprints, are the English ones."""
    from coprod_ladder.language import SOURCE_LANGUAGE, using
    from coprod_ladder.rubric.load import load_rubric

    with using(SOURCE_LANGUAGE):
        return load_rubric(rubric)[0]
