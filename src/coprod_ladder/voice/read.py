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
from coprod_ladder.language import _
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
            _("these answers were asked for the rubric '{asked}', not '{rubric}'; make a "
              "form from '{rubric}' and ask again, or pass --rubric {asked}").format(
                asked=voice.rubric.id, rubric=rubric.id))
        return found  # its items are another rubric's: checking them here says nothing
    if voice.rubric.version != rubric.version:
        add(("rubric", "version"), Severity.ERROR, "voice-other-version",
            _("these answers were asked with version {asked} of '{rubric}', but version "
              "{version} is loaded; the questions may have changed, so make a new form from "
              "version {version}").format(asked=voice.rubric.version, rubric=rubric.id,
                                          version=rubric.version))
    asked = {c.id: c.voice for c in rubric.criteria}
    seen: dict[str, int] = {}
    for n, person in enumerate(voice.respondents):
        if person.id in seen:
            add(("respondents", n, "id"), Severity.ERROR, "voice-duplicate-respondent",
                _("respondent '{id}' appears twice (first as respondent {first}); give each "
                  "response its own id, or remove the copy").format(
                    id=person.id, first=seen[person.id] + 1))
        seen.setdefault(person.id, n)
        for item in person.answers:
            if item not in asked:
                close = difflib.get_close_matches(item, list(asked), n=1)
                message = (_("the rubric '{rubric}' has no item '{item}'; did you mean "
                             "'{close}'?") if close else
                           _("the rubric '{rubric}' has no item '{item}'; check the id"))
                add(("respondents", n, "answers", item), Severity.ERROR,
                    "voice-unknown-item",
                    message.format(rubric=rubric.id, item=item, close=close[0] if close else ""),
                    key=True)
                continue
            questions = asked[item]
            if questions is None or person.group not in questions.ask:
                add(("respondents", n, "answers", item), Severity.WARNING,
                    "voice-not-asked",
                    _("the rubric does not ask '{item}' of {group}; this answer is kept but "
                      "not counted").format(item=item, group=person.group.value), key=True)
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
