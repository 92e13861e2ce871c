"""Which of the files found a command reads, and the note naming the files it left alone.

`score` and `portfolio` read answers files; a folder may also hold voice files, rubrics and
files coprod wrote (see `collect.file_kinds`). This module takes the kind a command reads
and says, one line per other kind, which files it left alone, instead of failing them as
broken answers files. It must not read the files themselves: the commands do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coprod_ladder.cli.output import escape, summary_console
from coprod_ladder.collect import FileKind, collect_yaml_files, file_kinds
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.language import NP_, _, ngettext, pgettext

#: What a command reads, as the note names it ("score reads answers files").
READS: dict[FileKind, str] = {
    FileKind.ANSWERS: NP_("reads", "answers files"),
    FileKind.VOICE: NP_("reads", "voice files"),
    FileKind.RUBRIC: NP_("reads", "rubrics"),
    FileKind.OTHER: NP_("reads", "files of other coprod formats"),
}
#: How many files the note names before it only counts the rest.
NAMED = 3


def _left_alone(kind: FileKind, count: int) -> str:
    """The note for `count` files of `kind` left alone: one whole sentence per kind."""
    if kind is FileKind.ANSWERS:
        return ngettext("note: {count} answers file left alone ({command} reads {reads}): "
                        "{files}", "note: {count} answers files left alone ({command} reads "
                        "{reads}): {files}", count)
    if kind is FileKind.VOICE:
        # Not "left alone": `score` and `portfolio` hear each voice file with the service it
        # names (voice/find.py), though they score only answers files.
        return ngettext("note: {count} voice file is read as the voice of the service it "
                        "names, not scored as answers: {files}",
                        "note: {count} voice files are read as the voice of the services they "
                        "name, not scored as answers: {files}", count)
    if kind is FileKind.RUBRIC:
        return ngettext("note: {count} rubric left alone ({command} reads {reads}): {files}",
                        "note: {count} rubrics left alone ({command} reads {reads}): {files}",
                        count)
    return ngettext("note: {count} file of another coprod format left alone ({command} reads "
                    "{reads}): {files}", "note: {count} files of other coprod formats left "
                    "alone ({command} reads {reads}): {files}", count)


@dataclass
class Inputs:
    """The files of the kind a command reads, in order, and the paths that cannot be used;
    besides, the voice files found, which `score` and `portfolio` hear with their services."""

    files: list[str]
    problems: list[Diagnostic]
    voice_files: list[str]
    given: list[str]
    """The files named on the command line (see `collect.Collected.given`)."""


def collect_inputs(paths: Iterable[Path], command: str,
                   reads: FileKind = FileKind.ANSWERS) -> Inputs:
    """Find the files under `paths` (see `collect`), keep those of kind `reads`, note the rest."""
    collected = collect_yaml_files(paths)
    kinds = file_kinds(collected.files)
    console = summary_console()
    for kind, files in kinds.besides(reads).items():
        shown = ", ".join(escape(f) for f in files[:NAMED])
        if len(files) > NAMED:
            # TRANSLATORS: {files} names the first three files; {more} counts the rest.
            shown = _("{files} and {more} more").format(files=shown, more=len(files) - NAMED)
        line = _left_alone(kind, len(files)).format(
            count=len(files), command=command, reads=pgettext("reads", READS[reads]),
            files=shown)
        console.print(line, soft_wrap=True)
    return Inputs(kinds.of(reads), collected.problems, kinds.of(FileKind.VOICE),
                  collected.given)
