"""`coprod form`: write the self-assessment as one offline HTML page a manager fills in."""

from __future__ import annotations

from pathlib import Path

import typer

from coprod_ladder.cli.output import escape, summary_console
from coprod_ladder.cli.params import bilingual_option, quick_option, rubric_option
from coprod_ladder.language import N_, _


def form(
    rubric: str | None = rubric_option(),
    answers: Path | None = typer.Option(  # noqa: B008
        None, "--answers", "-a", metavar="FILE", show_default=False, readable=False,
        help=N_("An answers file to fill the form in from (the manager carries on from it)."),  # noqa: B008
    ),
    quick: bool = quick_option(),
    send_to: str | None = typer.Option(
        None, "--send-to", metavar="WHO", show_default=False,
        help=N_("Who the manager sends the saved answers file to, for example \"Sam Patel, "
             "sam.patel@example.gov.uk\". Default: the person who sent the form."),
    ),
    out: Path = typer.Option(  # noqa: B008
        Path("coprod-form"), "--out", "-o", metavar="FOLDER", readable=False,
        help=N_("Folder to write the form to."),  # noqa: B008
    ),
    bilingual: bool = bilingual_option(),
) -> None:
    """Write the self-assessment as one HTML file a manager opens in any browser.

    `--help` shows command_help.FORM_HELP.
    """
    from coprod_ladder.atomic_files import make_folder, write_atomically
    from coprod_ladder.cli.assess import _load_saved
    from coprod_ladder.form.page import form_page
    from coprod_ladder.form.spec import manager_form_spec
    from coprod_ladder.rubric.load import load_rubric

    loaded = None
    if answers is not None:
        loaded, checked = _load_saved(answers, rubric)
    else:
        checked, _warnings = load_rubric(rubric or "default")
    from coprod_ladder.form.page_words import rubric_file_in_other_language

    other = rubric_file_in_other_language(rubric) if bilingual and rubric else None
    spec = manager_form_spec(checked, quick=quick, answers=loaded, send_to=send_to,
                             bilingual=bilingual, other_language=other)
    name = (f"{loaded.service.id}-form.html" if loaded is not None
            else f"{checked.id}-{'quick' if quick else 'full'}-form.html")
    make_folder(out)
    target = out / name
    write_atomically(target, form_page(spec).encode("utf-8"))
    summary_console().print(_("Wrote {path}: send it to each service manager; they open it in "
                              "a browser, save their answers file and send it back for coprod "
                              "score.").format(path=escape(str(target))), soft_wrap=True)
