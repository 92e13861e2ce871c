"""Score many answers files: one bad file never stops the rest.

This module owns scoring one answers file with the rubric it answers, as either a Scored
result or a Failed one carrying its diagnostics, and naming each service's report files
uniquely. The commands give it the files `collect` finds, in order. It reads files but never
prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coprod_ladder.answers.read import read_answers
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.errors import LoadError
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.model import CheckedRubric
from coprod_ladder.rubric.load import RubricChooser
from coprod_ladder.scoring import ScoreCard, score
from coprod_ladder.voice.find import VoiceIndex
from coprod_ladder.voice.model import VoiceFile
from coprod_ladder.voice.read import load_voice

# Appended to a report name taken already. Ids cannot hold '~', so `svc-x~2` can never be
# mistaken for the report of a service whose id is `svc-x-2`.
DUPLICATE_MARK = "~"


@dataclass(frozen=True)
class Scored:
    """A file that scored, with any warnings (such as an older rubric version), and the
    service's voice files that could not be read (another rubric version, say): each is
    reported as a failed file of its own, so no voice is dropped silently."""

    path: str
    card: ScoreCard
    warnings: tuple[Diagnostic, ...]
    voice_failures: tuple[Failed, ...] = ()


@dataclass(frozen=True)
class Failed:
    """A file that could not be scored, with every problem found in it.

    `unreadable` when the file could not be read at all (missing, not a regular file, no
    permission, over the size limit): exit 3. Otherwise its content is wrong (YAML, schema,
    ids): a finding, exit 1.
    """

    path: str
    diagnostics: tuple[Diagnostic, ...]
    unreadable: bool = False


Result = Scored | Failed


def score_source(raw: bytes, path: str, choose: RubricChooser,
                 voices: VoiceIndex | None = None, beside: bool = False) -> Result:
    """Score one file's bytes with the service's voice files (those `voices` finds, beside
    the file when `beside`); every problem becomes a Failed result, never an exception."""
    try:
        answers, rubric, warnings = read_answers(raw, path, choose)
    except LoadError as exc:
        return Failed(path, exc.diagnostics)
    if voices is None:
        return Scored(path, score(rubric, answers), tuple(warnings))
    paths = voices.files_for(answers.service.id, path if beside else None)
    heard, voice_warnings, failures = _read_voices(paths, rubric)
    return Scored(path, score(rubric, answers, heard), (*warnings, *voice_warnings),
                  failures)


def _read_voices(paths: tuple[str, ...], rubric: CheckedRubric
                 ) -> tuple[list[VoiceFile], list[Diagnostic], tuple[Failed, ...]]:
    heard: list[VoiceFile] = []
    warnings: list[Diagnostic] = []
    failures: list[Failed] = []
    for voice_path in paths:
        try:
            voice, problems = load_voice(Path(voice_path), rubric)
        except LoadError as exc:
            failures.append(Failed(voice_path, exc.diagnostics))
            continue
        heard.append(voice)
        warnings.extend(problems)
    return heard, warnings, tuple(failures)


def score_file(path: Path, choose: RubricChooser, voices: VoiceIndex | None = None) -> Result:
    """Read and score one answers file, with the voice files beside it or under --voice."""
    raw, problems = read_file_bytes(path, str(path))
    if raw is None:
        return Failed(str(path), tuple(problems), unreadable=True)
    return score_source(raw, str(path), choose, voices, beside=True)


def is_unreadable(result: Result) -> bool:
    """Return True for a file that could not be read at all (exit 3, not a finding)."""
    return isinstance(result, Failed) and result.unreadable


def unique_report_name(base: str, used: set[str]) -> str:
    """Return `base`, or `base~2`, `base~3`... when taken; record the name in `used`."""
    name, count = base, 2
    while name in used:
        name, count = f"{base}{DUPLICATE_MARK}{count}", count + 1
    used.add(name)
    return name
