"""Turn untrusted bytes into plain data plus the YAML node tree that knows every position.

This module owns everything about reading YAML safely: the size limit, decoding, refusing
anchors and aliases (so an alias bomb cannot expand), refusing duplicate keys (PyYAML keeps
the last one silently), never constructing `!!python` objects, and mapping a data path back
to a 1-based line and column. It reports problems as Diagnostics and must not print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coprod_ladder.diagnostics import Diagnostic, Severity

# The default rubric is about 150 KB and an answers file a few KB; 5 MiB leaves room for
# generous local rubrics while keeping parse time and memory bounded for hostile input.
MAX_BYTES = 5 * 1024 * 1024

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasFound(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__("alias")
        self.node = node


def _yaml12_booleans(resolvers: dict[str, list[tuple[str, Any]]]) -> dict[str, list[tuple[str, Any]]]:
    """Copy the implicit resolvers so only true/false are booleans, as in YAML 1.2.

    YAML 1.1 reads yes/no/on/off as booleans: an answer `no` or a key `on` would silently
    become False/True. Rubric and answers files use those words as plain text.
    """
    strict_bool = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    out: dict[str, list[tuple[str, Any]]] = {}
    for first, entries in resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:bool"]
        if first in "tTfF":
            kept.append(("tag:yaml.org,2002:bool", strict_bool))
        if kept:
            out[first] = kept
    return out


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader (C-accelerated when available) that records duplicate keys and refuses aliases."""

    yaml_implicit_resolvers = _yaml12_booleans(_BaseLoader.yaml_implicit_resolvers)

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Node, str]] = []

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # A node reached twice is an alias (`*name`): refusing it keeps construction linear in
        # the size of the file, however the aliases nest.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasFound(node)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append((key_node, key_node.value))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


@dataclass
class YamlDocument:
    """The outcome of parsing one file: data and node tree when it parsed, and the problems."""

    path: str
    data: Any = None
    root: Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when the YAML parsed (schema problems are checked later)."""
        return self.root is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )


def _error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), Severity.ERROR, code, message)


def read_file_bytes(path: Path, display: str | None = None) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing ones too large to be a rubric or answers file.

    Returns the bytes, or None with a diagnostic when the file cannot be read.
    """
    shown = display or str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return None, [_error(shown, 1, 1, "unreadable", "this is a folder, not a file")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [_error(shown, 1, 1, "unreadable", f"cannot read the file: {reason}")]
    if len(data) > MAX_BYTES:
        return None, [
            _error(
                shown, 1, 1, "too-large",
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB; rubric and answers "
                "files are far smaller, so this is probably not the file you meant",
            )
        ]
    return data, []


def decode_text(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (with or without a byte-order mark); say where the first bad byte is."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_error(path, 1, 1, "encoding", "the file is UTF-16; save it as UTF-8")]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = _position(raw, offset)
        return None, [
            _error(path, line, column, "encoding",
                   "the file holds binary data (a NUL byte), not YAML text")
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        return None, [
            _error(path, line, column, "encoding",
                   f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
        ]


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document safely; every problem becomes a Diagnostic, never an exception."""
    doc = YamlDocument(path)
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            doc.diagnostics.append(_error(path, 1, 1, "empty", "the file is empty"))
            return doc
        data = loader.construct_document(root)
    except _AliasFound as exc:
        mark = exc.node.start_mark
        doc.diagnostics.append(
            _error(path, mark.line + 1, mark.column + 1, "alias",
                   "anchors and aliases (&name, *name, <<) are not allowed: write the value out")
        )
        return doc
    except yaml.constructor.ConstructorError as exc:
        doc.diagnostics.append(_marked(path, exc, "unsafe-tag", _tag_message(exc)))
        return doc
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_marked(path, exc, "syntax", _syntax_message(exc)))
        return doc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        doc.diagnostics.append(
            _error(path, line, column, "syntax",
                   f"character {exc.character!r} is not allowed in YAML; remove it")
        )
        return doc
    except yaml.YAMLError as exc:  # other libyaml errors carry no mark
        doc.diagnostics.append(_error(path, 1, 1, "syntax", f"not valid YAML: {exc}"))
        return doc
    except RecursionError:
        doc.diagnostics.append(_error(path, 1, 1, "too-deep", "the YAML is nested too deeply"))
        return doc
    finally:
        loader.dispose()
    for key_node, key in loader.duplicates:
        mark = key_node.start_mark
        doc.diagnostics.append(
            _error(path, mark.line + 1, mark.column + 1, "duplicate-key",
                   f"key '{key}' appears twice in this mapping; YAML would silently keep only the "
                   "last one, so remove or rename one of them")
        )
    doc.data, doc.root = data, root
    return doc


def _marked(path: str, exc: yaml.MarkedYAMLError, code: str, message: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return _error(path, 1, 1, code, message)
    return _error(path, mark.line + 1, mark.column + 1, code, message)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "syntax error").strip()
    if "expected a single document" in (exc.problem or "") or "but found another document" in (
        exc.problem or ""
    ):
        return "the file holds more than one YAML document ('---'); keep one document per file"
    if "\\t" in problem or "tab" in problem:
        return f"{problem}: YAML indentation must use spaces, not tabs"
    context = f" {exc.context.strip()}" if exc.context else ""
    return f"not valid YAML:{context} {problem}".replace("  ", " ")


def _tag_message(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or ""
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '!").strip()
        return (f"the tag '!{tag}' is not allowed: rubric and answers files hold plain text, "
                "numbers, lists and mappings only (nothing is ever run)")
    return f"cannot read this value: {problem}"


def node_for(root: Node, loc: Sequence[int | str], *, want_key: bool = False) -> Node:
    """Return the node a data path points at, or its nearest existing ancestor.

    With `want_key`, return the key node of the last step (used for unknown-key errors).
    """
    node = root
    for index, part in enumerate(loc):
        if isinstance(node, MappingNode):
            pair = next(
                ((k, v) for k, v in node.value
                 if isinstance(k, ScalarNode) and k.value == str(part)),
                None,
            )
            if pair is None:
                return node
            last = index == len(loc) - 1
            node = pair[0] if (want_key and last) else pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def position(root: Node | None, loc: Sequence[int | str], *, want_key: bool = False) -> tuple[int, int]:
    """Return the 1-based (line, column) of the node at `loc`, or (1, 1) without a tree."""
    if root is None:
        return 1, 1
    mark = node_for(root, loc, want_key=want_key).start_mark
    return mark.line + 1, mark.column + 1
