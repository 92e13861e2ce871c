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

#: What the note calls one file and several files of each kind.
KIND_WORDS: dict[FileKind, tuple[str, str]] = {
    FileKind.ANSWERS: ("answers file", "answers files"),
    FileKind.VOICE: ("voice file", "voice files"),
    FileKind.RUBRIC: ("rubric", "rubrics"),
    FileKind.OTHER: ("file of another coprod format", "files of other coprod formats"),
}
#: How many files the note names before it only counts the rest.
NAMED = 3
LEFT_ALONE = "note: {count} {kind} left alone ({command} reads {reads}): {files}"
LEFT_ALONE_MORE = ("note: {count} {kind} left alone ({command} reads {reads}): {files} and "
                   "{more} more")


@dataclass
class Inputs:
    """The files of the kind a command reads, in order, and the paths that cannot be used."""

    files: list[str]
    problems: list[Diagnostic]


def collect_inputs(paths: Iterable[Path], command: str,
                   reads: FileKind = FileKind.ANSWERS) -> Inputs:
    """Find the files under `paths` (see `collect`), keep those of kind `reads`, note the rest."""
    collected = collect_yaml_files(paths)
    kinds = file_kinds(collected.files)
    console = summary_console()
    for kind, files in kinds.besides(reads).items():
        one, many = KIND_WORDS[kind]
        shown = ", ".join(escape(f) for f in files[:NAMED])
        fields = {"count": len(files), "kind": one if len(files) == 1 else many,
                  "command": command, "reads": KIND_WORDS[reads][1], "files": shown}
        line = (LEFT_ALONE_MORE.format(**fields, more=len(files) - NAMED) if len(files) > NAMED
                else LEFT_ALONE.format(**fields))
        console.print(line, soft_wrap=True)
    return Inputs(kinds.of(reads), collected.problems)
