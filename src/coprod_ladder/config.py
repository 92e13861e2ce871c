"""Settings from a config file: `.coprod.yaml`, or the `[tool.coprod]` table of `pyproject.toml`.

This module owns what a config file may say and what it means: keys named like the long
options (`out`, `rubric`, `format`, `jobs`, `group-by`), at the top (for every command that
has the option; a list of formats only for the commands that write several) or under a
command's name (`score:`, `portfolio:`, `assess:`, `migrate:`), which wins. Paths (`out`,
a `rubric` that is a file) are relative to the config file's folder. It turns the file's
text into `Settings` (the defaults each command starts from; an option on the command line
still wins) or Diagnostics with line and column. Pure: it never reads files, the
environment or the working folder; the shell finds the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.file_bytes import decode_text
from coprod_ladder.language import _
from coprod_ladder.yaml_positions import position
from coprod_ladder.yaml_source import parse_yaml

YAML_NAME = ".coprod.yaml"
PYPROJECT = "pyproject.toml"

#: The keys each command takes, as the long option's name.
COMMAND_KEYS: dict[str, tuple[str, ...]] = {
    "score": ("out", "rubric", "format", "jobs"),
    "portfolio": ("out", "rubric", "format", "jobs", "group-by"),
    "assess": ("out", "rubric", "format"),
    "migrate": ("rubric",),
}
KEYS = ("out", "rubric", "format", "jobs", "group-by")
#: The Python parameter behind each key's option (what the command line fills in).
PARAMETERS = {"out": "out", "rubric": "rubric", "format": "fmt", "jobs": "jobs",
              "group-by": "group_by"}
#: Commands whose --format takes one format; the others take a list.
SINGLE_FORMAT = {"portfolio"}

#: Where a key (True) or its value (False) is in the file: (line, column).
Locate = Callable[[tuple[str, ...], bool], tuple[int, int]]


@dataclass(frozen=True)
class Settings:
    """What a config file sets: per command, the parameter values to start from."""

    path: str
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)

    def for_command(self, command: str) -> dict[str, Any]:
        return dict(self.defaults.get(command, {}))


def _problem(path: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(path, where[0], where[1], Severity.ERROR, "config", message)


def _is_path(rubric: str) -> bool:
    return "/" in rubric or "\\" in rubric or rubric.lower().endswith((".yaml", ".yml"))


def _value(key: str, value: Any, command: str, folder: PurePath) -> Any:
    """Return the value a command's parameter gets, or raise ValueError saying what is wrong."""
    if key == "jobs":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(_("'jobs' is a whole number, 0 or more (0: one per usable core)"))
        return value
    if key == "format":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(
                isinstance(n, str) and n.strip() for n in names):
            raise ValueError(_("'format' is a format's name, or a list of them (for example "
                               "[html, json])"))
        parts = [p.strip() for n in names for p in n.split(",") if p.strip()]
        if command in SINGLE_FORMAT:
            if len(parts) != 1:
                raise ValueError(_("'format' for {command} is one format (a list at the top "
                                   "is for score and assess)").format(command=command))
            return parts[0]
        return parts
    if not isinstance(value, str) or not value.strip():
        if key == "out":
            raise ValueError(_("'out' is text (a folder)"))
        raise ValueError(_("'{key}' is text (a {key})").format(key=key))
    if key == "out":
        return str(folder / value) if value != "-" else value
    if key == "rubric" and _is_path(value):
        return str(folder / value)
    return value


def settings_from(data: Any, path: str, folder: PurePath,
                  locate: Locate) -> tuple[Settings | None, list[Diagnostic]]:
    """Check a config file's table and return the Settings it makes, or every problem."""
    problems: list[Diagnostic] = []
    if not isinstance(data, Mapping):
        return None, [_problem(path, locate((), False), _("the settings are a mapping of keys "
                                                      "(out:, rubric:, format:, jobs:, "
                                                      "group-by:)"))]
    top: dict[str, Any] = {}
    per_command: dict[str, Mapping[str, Any]] = {}
    for key, value in data.items():
        if key in COMMAND_KEYS:
            if not isinstance(value, Mapping):
                problems.append(_problem(path, locate((str(key),), False),
                                         _("'{key}' holds settings for coprod {key}: a "
                                           "mapping").format(key=key)))
            else:
                per_command[key] = value
        elif key in KEYS:
            top[key] = value
        else:
            problems.append(_problem(path, locate((str(key),), True), _unknown(str(key), ())))
    for command, table in per_command.items():
        for key in table:
            if key not in COMMAND_KEYS[command]:
                problems.append(_problem(path, locate((command, str(key)), True),
                                         _unknown(str(key), COMMAND_KEYS[command], command)))
    defaults: dict[str, dict[str, Any]] = {}
    for command, keys in COMMAND_KEYS.items():
        chosen: dict[str, tuple[Any, tuple[str, ...]]] = {
            k: (top[k], (k,)) for k in keys if k in top and not (
                # a list of formats at the top is for the commands that write several
                k == "format" and command in SINGLE_FORMAT and _several(top[k]))}
        chosen |= {k: (v, (command, k)) for k, v in per_command.get(command, {}).items()
                   if k in keys}
        for key, (value, where) in chosen.items():
            try:
                defaults.setdefault(command, {})[PARAMETERS[key]] = _value(key, value, command,
                                                                           folder)
            except ValueError as exc:
                problem = _problem(path, locate(where, False), str(exc))
                if problem not in problems:
                    problems.append(problem)
    if problems:
        return None, sorted(problems)
    return Settings(path, defaults), []


def _several(value: Any) -> bool:
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return len([p for n in names if isinstance(n, str) for p in n.split(",") if p.strip()]) > 1


def _unknown(key: str, allowed: tuple[str, ...], command: str | None = None) -> str:
    if command is None:
        return _("unknown key '{key}'; the keys are {keys}, and {commands} for one command's "
                 "own settings").format(key=key, keys=", ".join(KEYS),
                                        commands=", ".join(COMMAND_KEYS))
    return _("coprod {command} has no setting '{key}'; it takes {allowed}").format(
        command=command, key=key, allowed=", ".join(allowed))


def parse_yaml_settings(raw: bytes, path: str,
                        folder: PurePath) -> tuple[Settings | None, list[Diagnostic]]:
    """Read `.coprod.yaml`'s text (an empty file sets nothing)."""
    # Not loader.parse_document: that module loads pydantic, which `score --help` must not.
    text, undecoded = decode_text(raw, path)
    if text is None:
        return None, undecoded
    doc = parse_yaml(text, path)
    if doc.diagnostics:
        return None, list(doc.diagnostics)
    if doc.data is None:
        return Settings(path), []
    return settings_from(doc.data, path, folder,
                         lambda loc, key: position(doc.root, loc, want_key=key))


def parse_pyproject_settings(raw: bytes, path: str,
                             folder: PurePath) -> tuple[Settings | None, list[Diagnostic]] | None:
    """Read `[tool.coprod]` from pyproject.toml's text; None when it has no such table."""
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [_problem(path, (1, 1), _("cannot read it as TOML: {problem}").format(
            problem=exc))]
    table = data.get("tool", {}).get("coprod") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    lines = text.splitlines()

    def locate(loc: tuple[str, ...], _key: bool) -> tuple[int, int]:
        """The line of the key (under its table), else of the table's header."""
        header = "tool.coprod" + (f".{loc[0]}" if len(loc) > 1 else "")
        key = loc[-1] if loc else None
        start = next((n for n, line in enumerate(lines)
                      if re.fullmatch(rf"\s*\[{re.escape(header)}\]\s*(#.*)?", line)), None)
        if start is None:
            return 1, 1
        for n in range(start + 1, len(lines)):
            if lines[n].lstrip().startswith("["):
                break
            if key is not None and re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", lines[n]):
                return n + 1, len(lines[n]) - len(lines[n].lstrip()) + 1
        return start + 1, 1

    return settings_from(table, path, folder, locate)
