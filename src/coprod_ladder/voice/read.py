"""Voice files from text: parse, validate and check one against the rubric it answers.

`read_voice` is the one way a voice file reaches scoring or reports, for every command. It
checks what the schema cannot: the rubric id and version the answers were asked for, items
the rubric has and asks of families, answers from a group the item was written for, and
respondent ids that are unique. Every problem is a positioned Diagnostic. It must not print.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from coprod_ladder.diagnostics import Diagnostic, Severity, has_errors
from coprod_ladder.errors import LoadError
from coprod_ladder.file_bytes import read_file_bytes
from coprod_ladder.loader import parse_document, problem_recorder, validate_model
from coprod_ladder.model import Rubric
from coprod_ladder.voice.model import VoiceFile
from coprod_ladder.yaml_source import YamlDocument

WHAT = "voice file"


def check_voice(voice: VoiceFile, rubric: Rubric, doc: YamlDocument) -> list[Diagnostic]:
    """Problems of a schema-valid voice file against its rubric, sorted by position."""
    found: list[Diagnostic] = []
    add = problem_recorder(doc, found)
    if voice.rubric.id != rubric.id:
        add(("rubric", "id"), Severity.ERROR, "voice-other-rubric",
            f"these answers were asked for the rubric '{voice.rubric.id}', not "
            f"'{rubric.id}'; make a form from '{rubric.id}' and ask again, or pass "
            f"--rubric {voice.rubric.id}")
        return found  # its items are another rubric's: checking them here says nothing
    if voice.rubric.version != rubric.version:
        add(("rubric", "version"), Severity.ERROR, "voice-other-version",
            f"these answers were asked with version {voice.rubric.version} of "
            f"'{rubric.id}', but version {rubric.version} is loaded; the questions may "
            f"have changed, so make a new form from version {rubric.version}")
    asked = {c.id: c.voice for c in rubric.criteria}
    seen: dict[str, int] = {}
    for n, person in enumerate(voice.respondents):
        if person.id in seen:
            add(("respondents", n, "id"), Severity.ERROR, "voice-duplicate-respondent",
                f"respondent '{person.id}' appears twice (first as respondent "
                f"{seen[person.id] + 1}); give each response its own id, or remove the copy")
        seen.setdefault(person.id, n)
        for item in person.answers:
            if item not in asked:
                close = difflib.get_close_matches(item, list(asked), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; check the id"
                add(("respondents", n, "answers", item), Severity.ERROR,
                    "voice-unknown-item",
                    f"the rubric '{rubric.id}' has no item '{item}'{hint}", key=True)
                continue
            questions = asked[item]
            if questions is None or person.group not in questions.ask:
                add(("respondents", n, "answers", item), Severity.WARNING,
                    "voice-not-asked",
                    f"the rubric does not ask '{item}' of {person.group.value}; this "
                    "answer is kept but not counted", key=True)
    return sorted(found)


def read_voice(raw: bytes | str, path: str, rubric: Rubric) -> tuple[VoiceFile, list[Diagnostic]]:
    """Parse and check a voice file; raise LoadError with every problem when it is bad."""
    doc = parse_document(raw, path)
    voice, diagnostics = validate_model(doc, VoiceFile, "voice")
    if voice is None:
        raise LoadError(path, sorted(diagnostics), what=WHAT)
    diagnostics.extend(check_voice(voice, rubric, doc))
    diagnostics.sort()
    if has_errors(diagnostics):
        raise LoadError(path, diagnostics, what=WHAT)
    return voice, diagnostics


def load_voice(path: Path, rubric: Rubric) -> tuple[VoiceFile, list[Diagnostic]]:
    """Read and check one voice file from disk; raise LoadError when it is bad."""
    display = str(path)
    data, problems = read_file_bytes(path, display)
    if data is None:
        raise LoadError(display, problems, what=WHAT)
    return read_voice(data, display, rubric)
