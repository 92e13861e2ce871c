"""Score many answers files: one bad file never stops the rest.

This module owns scoring one answers file with the rubric it answers, as either a Scored
result or a Failed one carrying its diagnostics, and naming each service's report files
uniquely. The commands give it the files `collect` finds, in order. It reads files but never
prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coprod_ladder.answers.read import read_answers
from coprod_ladder.answers.team import AnswersFile, StaffPanel, group_staff_files, merge_staff
from coprod_ladder.diagnostics import Diagnostic
from coprod_ladder.errors import LoadError
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.model import Answers, CheckedRubric
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
    return _scored(path, answers, rubric, warnings, voices, beside)


def _scored(path: str, answers: Answers, rubric: CheckedRubric, warnings: Sequence[Diagnostic],
            voices: VoiceIndex | None, beside: bool, staff: StaffPanel | None = None) -> Scored:
    if voices is None:
        return Scored(path, score(rubric, answers, staff=staff), tuple(warnings))
    paths = voices.files_for(answers.service.id, path if beside else None)
    heard, voice_warnings, failures = _read_voices(paths, rubric)
    return Scored(path, score(rubric, answers, heard, staff), (*warnings, *voice_warnings),
                  failures)


def answer_scale(rubric: CheckedRubric) -> Callable[[str], Sequence[str]]:
    """Each criterion's (and factor's) answer options, best first, without "don't know".

    Best is told by what the options say, not by where they are listed: options that meet
    the criterion first, then the higher `voice_point`, then the one listed later (every
    shipped rubric lists its options from the worst: "No" first)."""
    options = {s.id: [o.id for _, o in sorted(
        ((n, o) for n, o in enumerate(s.options) if not o.unknown),
        key=lambda no: (no[1].meets, -1 if no[1].voice_point is None else no[1].voice_point,
                        no[0]), reverse=True)] for s in rubric.answer_sets}
    by_criterion = {c.id: options[c.answer_set] for c in rubric.criteria}
    by_criterion.update((f.id, options[f.answer_set])
                        for f in (*rubric.success_factors, *rubric.readiness))
    return lambda cid: by_criterion.get(cid, ())


def score_team(paths: Sequence[str], choose: RubricChooser,
               voices: VoiceIndex | None = None) -> tuple[Result, ...]:
    """Score the answers files of one service answered by several staff (`answers.team_files`
    found them) as one service, with its voice files (see `score_team_sources`)."""
    if len(paths) == 1:
        return (score_file(Path(paths[0]), choose, voices),)
    failed: list[Failed] = []
    sources: list[tuple[bytes, str]] = []
    for path in paths:
        raw, problems = read_file_bytes(Path(path), path)
        if raw is None:
            failed.append(Failed(path, tuple(problems), unreadable=True))
        else:
            sources.append((raw, path))
    return tuple(sorted((*failed, *score_team_sources(sources, choose, voices, beside=True)),
                        key=lambda r: r.path))


def score_team_sources(sources: Sequence[tuple[bytes, str]], choose: RubricChooser,
                       voices: VoiceIndex | None = None, beside: bool = False
                       ) -> tuple[Result, ...]:
    """Score several staff's answers (bytes, path) of one service as one service.

    A file with problems fails on its own and the rest are merged (`answers.team`). The
    grouping is checked again with the files read in full: files that turn out not to be one
    team are scored each on its own. Results are in the order of their paths."""
    failed: list[Failed] = []
    read: dict[str, tuple[Answers, CheckedRubric, list[Diagnostic]]] = {}
    for raw, path in sources:
        try:
            read[path] = read_answers(raw, path, choose)
        except LoadError as exc:
            failed.append(Failed(path, exc.diagnostics))
    headers = [AnswersFile(path, a.service.id, a.assessed_on.isoformat() if a.assessed_on
                           else None, a.assessed_by, f"{r.id}@{r.version}")
               for path, (a, r, _) in read.items()]
    groups, mismatches = group_staff_files(headers)
    groups = (*groups, *((f,) for m in mismatches for f in m.files))
    results: list[Result] = list(failed)
    for group in groups:
        first = group[0].path
        answers, rubric, warnings = read[first]
        if len(group) == 1:
            results.append(_scored(first, answers, rubric, warnings, voices, beside))
            continue
        merged, panel = merge_staff([read[f.path][0] for f in group], answer_scale(rubric),
                                    [f.path for f in group])
        every = sorted({w for f in group for w in read[f.path][2]})
        results.append(_scored(first, merged, rubric, every, voices, beside, panel))
    return tuple(sorted(results, key=lambda r: r.path))


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
