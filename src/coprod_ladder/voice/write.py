"""Write voice files: stable, readable YAML, one respondent a block, saved atomically.

`dump_voice` is pure and round-trips (`read_voice(dump_voice(v))` gives back an equal model);
`save_voice` does the one write through `atomic_files`. It never prints or reads the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coprod_ladder.atomic_files import write_atomically
from coprod_ladder.language import N_, gettext
from coprod_ladder.voice.model import VoiceFile

#: The file's opening comment, a line each (translated when a file is written).
_HEADER = (
    N_("What children, young people and families said about one service (coprod-voice/1)."),
    N_("Anonymous: no names, emails or contact details. Read by coprod score and portfolio."),
)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that never writes anchors (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_voice(voice: VoiceFile) -> str:
    """The text of a voice file: header comment, then the fields in the model's order."""
    data = voice.model_dump(mode="json", exclude_none=True)
    for person in data["respondents"]:
        if not person["answers"]:
            del person["answers"]
    body: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=96, indent=2)
    return "".join(f"# {gettext(line)}\n" for line in _HEADER) + body


def save_voice(voice: VoiceFile, path: Path) -> None:
    """Write a voice file atomically (temp file in the same folder, then rename)."""
    write_atomically(path, dump_voice(voice).encode("utf-8"))
