"""Turn untrusted bytes into plain data plus the YAML node tree that knows every position.

This module owns everything about parsing YAML safely: the node limits, refusing
anchors and aliases (so an alias bomb cannot expand), refusing duplicate keys (PyYAML keeps
the last one silently), and never constructing `!!python` or other unexpected tags. It
reports problems as Diagnostics and must not print.

A plain, valid file (nearly every answers file) is read straight from the parser's events,
without the node tree; the tree that knows positions is built only if something asks for a
position. Anything else is parsed the full way: one iterative walk of the node tree checks
each node before any value of it is built. Both enforce the limits and the tag allow-list, so
hostile input costs time proportional to its size and nothing outside plain YAML ever reaches
a constructor.

Reading the bytes (the size limit, decoding) is `file_bytes`; finding a data path's line and
column is `yaml_positions`.

Long module: every rule about what YAML may hold (limits, tags, aliases, duplicate keys, on
the fast path and on the full walk) stays in one file, so a reviewer checks them in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from math import isfinite
from typing import Any, ClassVar

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.file_bytes import byte_position
from coprod_ladder.language import _
from coprod_ladder.yaml_positions import position, position_in_text

# The limits keep parse time and memory bounded for hostile input (with the size limit,
# `file_bytes.MAX_BYTES`): validation errors grow with the node count.
MAX_NODES = 100_000
# A rubric nests about six levels deep; anything far deeper is a mistake or an attack.
MAX_DEPTH = 64

_YAML_TAG = "tag:yaml.org,2002:"
# Plain YAML values only. Everything else (python/..., binary, set, omap, local `!tags`) is
# refused before construction, whether or not SafeLoader would know how to build it.
_ALLOWED_TAGS = frozenset(
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BadValue(Exception):
    """A scalar that matched a YAML type but could not become a value (2026-13-45, 10**5000)."""

    def __init__(self, node: Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


_Resolvers = dict[str, list[tuple[str, Any]]]


def _yaml12_booleans(resolvers: _Resolvers) -> _Resolvers:
    """Copy the implicit resolvers so only true/false are booleans, as in YAML 1.2.

    YAML 1.1 reads yes/no/on/off as booleans: an answer `no` or a key `on` would silently
    become False/True. Rubric and answers files use those words as plain text.
    """
    strict_bool = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    out: _Resolvers = {}
    for first, entries in resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:bool"]
        if first in "tTfF":
            kept.append(("tag:yaml.org,2002:bool", strict_bool))
        if kept:
            out[first] = kept
    return out


_REMEMBERED_LENGTH, _REMEMBERED_TAGS = 64, 20_000


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader (C-accelerated when available) that turns bad scalars into positions."""

    yaml_implicit_resolvers = _yaml12_booleans(
        _BaseLoader.yaml_implicit_resolvers)  # type: ignore[attr-defined]

    # The composer asks for the tag of every plain scalar, trying the resolvers' patterns in
    # Python each time; an answers file repeats the same short words (answer ids, keys) many
    # times over. The tag of a plain scalar depends on its text alone, so short ones are
    # remembered (bounded, so a hostile file cannot grow it without limit).
    _plain_tags: ClassVar[dict[str, str]] = {}
    # The same for the values `_plain_value` builds from plain scalars that are not text.
    _plain_values: ClassVar[dict[str, Any]] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0] and len(value) <= _REMEMBERED_LENGTH:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._plain_tags) < _REMEMBERED_TAGS:
                    self._plain_tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    if not _BaseLoader.yaml_path_resolvers:  # type: ignore[attr-defined]
        # Called twice for every node, and with no path resolvers they do nothing: a builtin
        # that does nothing costs far less than a Python method that returns at once.
        descend_resolver: Any = {}.get
        ascend_resolver = tuple

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            # SafeConstructor calls int() and datetime() on anything that looks like a number
            # or a date, and those raise plain ValueErrors without a position.
            raise _BadValue(node, str(exc)) from None


class YamlDocument:
    """The outcome of parsing one file: data and node tree when it parsed, and the problems.

    A file read by the fast path (see `parse_yaml`) keeps its text instead of a node tree, and
    builds the tree the first time `root` is asked for: only a file with something to report
    needs positions.
    """

    def __init__(self, path: str, data: Any = None, root: Node | None = None,
                 diagnostics: list[Diagnostic] | None = None, *, text: str | None = None
                 ) -> None:
        self.path = path
        self.data = data
        self._root = root
        self._text = text  # set only when the tree is still to be built
        #: Read by the fast path: plain data of text keys, no float that is not finite.
        self.plain = text is not None
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics

    @property
    def parsed(self) -> bool:
        """Return True when the YAML parsed, without building the node tree to find out."""
        return self._root is not None or self._text is not None

    @property
    def root(self) -> Node | None:
        """The node tree (None when the YAML did not parse), built on first use."""
        if self._root is None and self._text is not None:
            loader = _StrictLoader(self._text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
            self._text = None
        return self._root

    def position(self, loc: Sequence[int | str], *, want_key: bool = False) -> tuple[int, int]:
        """Return the 1-based (line, column) of the value at `loc` (see `yaml_positions`).

        A file the fast path read is followed through its events, without the node tree.
        """
        if self._root is None and self._text is not None:
            return position_in_text(self._text, loc, want_key=want_key)
        return position(self._root, loc, want_key=want_key)

    @property
    def ok(self) -> bool:
        """Return True when the YAML parsed (schema problems are checked later)."""
        return self.parsed and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )


def _error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), Severity.ERROR, code, message)


def _at(path: str, node: Node, code: str, message: str) -> Diagnostic:
    mark = node.start_mark
    return _error(path, mark.line + 1, mark.column + 1, code, message)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document safely; every problem becomes a Diagnostic, never an exception.

    Most files are plain and valid: `_plain_value` reads them straight from the parser's
    events, without the node tree. Anything it does not vouch for goes through the full,
    positioned path below, which finds and reports the problem.
    """
    plain = _plain_value(text)
    if plain is not None:
        return YamlDocument(path, plain[0], text=text)
    doc = YamlDocument(path)
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, ScalarNode) and root.tag == _YAML_TAG + "null"):
            doc.diagnostics.append(_error(path, 1, 1, "empty",
                                          _("the file is empty: it holds no keys or values")))
            return doc
        refused, warnings, built = _inspect_and_build(root, path, loader)
        if refused:
            doc.diagnostics.extend(sorted([*refused, *warnings]))
            return doc
        # Anything unusual (a bad date, a tag on the wrong kind of node): PyYAML's own
        # constructor builds it or raises exactly the error it always has.
        data = built[0] if built else loader.construct_document(root)
    except _BadValue as exc:
        doc.diagnostics.append(_at(path, exc.node, "syntax", _value_message(exc)))
        return doc
    except yaml.constructor.ConstructorError as exc:  # _inspect should have caught these
        doc.diagnostics.append(
            _marked(path, exc, "syntax", _("cannot read this value: {problem}").format(
                problem=exc.problem)))
        return doc
    except yaml.MarkedYAMLError as exc:
        code = "too-deep" if "nesting depth" in (exc.problem or "") else "syntax"
        doc.diagnostics.append(_marked(path, exc, code, _syntax_message(exc)))
        return doc
    except yaml.reader.ReaderError as exc:
        line, column = _reader_position(text, exc)
        doc.diagnostics.append(_error(path, line, column, "syntax", _reader_message(exc)))
        return doc
    except yaml.YAMLError as exc:  # other libyaml errors carry no mark
        doc.diagnostics.append(_error(path, 1, 1, "syntax",
                                        _("not valid YAML: {problem}").format(problem=exc)))
        return doc
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at 1000
        doc.diagnostics.append(_error(path, 1, 1, "too-deep", _too_deep_message()))
        return doc
    finally:
        loader.dispose()
    doc.diagnostics.extend(sorted(warnings))
    doc.data, doc._root = data, root
    return doc


_STR, _SEQ, _MAP = (_YAML_TAG + name for name in ("str", "seq", "map"))
_VALUE, _MERGE = _YAML_TAG + "value", _YAML_TAG + "merge"


class _NotPlain(Exception):
    """Raised inside `_plain_value` for anything it leaves to the full path."""


_SCALARS_BUILT = frozenset(_ALLOWED_TAGS - {_STR, _SEQ, _MAP})


def _plain_value(text: str) -> list[Any] | None:
    """Return [value] for a plain, valid document read from parser events; None otherwise.

    The fast path for the thousands of answers files a portfolio reads: no node tree (most of
    the parse time), no positions. It vouches only for a document whose root is a mapping or a
    list, with no anchor, alias or explicit tag anywhere, no merge key, no key that is a list
    or mapping, no key twice, every scalar of an allowed tag whose value builds, within
    MAX_NODES and MAX_DEPTH, no float that is not finite (`.inf`, `.nan`: JSON has no
    such number, see `YamlDocument.plain`), and nothing after it. For anything else (a
    syntax error included) it returns None, and `parse_yaml` parses the text again the full
    way, which reports the problem with its position or builds the unusual value as PyYAML
    would. So hostile input costs at most one bounded extra pass, and every safety rule
    still holds: nothing that reaches the full path's checks is accepted here.
    """
    loader = _StrictLoader(text)
    try:
        return _read_events(loader)
    except (_NotPlain, yaml.YAMLError, ValueError, OverflowError, TypeError, KeyError):
        return None
    finally:
        loader.dispose()


def _read_events(loader: Any) -> list[Any]:
    get = loader.get_event
    get()  # the stream's start
    start = get()
    if type(start) is not DocumentStartEvent or start.tags or start.version:
        raise _NotPlain  # an empty file, or %TAG and %YAML directives
    tags: dict[str, str] = loader._plain_tags
    known: dict[str, Any] = loader._plain_values
    constructors = loader.yaml_constructors
    # The open collections' parents, each with the key the collection goes under; `into` is
    # the innermost open collection, and in a mapping `want_key` says a key comes next.
    stack: list[tuple[Any, Any]] = []
    into: Any = None
    key: Any = None
    want_key = False
    nodes = 0
    value: Any = None
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain
            nodes += 1
            if into is None or len(stack) >= MAX_DEPTH or nodes > MAX_NODES:
                raise _NotPlain  # a document that is one scalar, too deep, or too big
            value = text = event.value
            if event.implicit[0]:  # plain: its tag, and so its value, depend on its text
                tag = tags.get(text) or loader.resolve(ScalarNode, text, event.implicit)
                if tag != _STR:
                    value = known.get(text, known)
                    if value is known:
                        if tag not in _SCALARS_BUILT:  # a merge key, a bare '=' and the like
                            raise _NotPlain
                        value = constructors[tag](loader, ScalarNode(tag, text))
                        if value.__class__ is float and not isfinite(value):
                            raise _NotPlain
                        if len(text) <= _REMEMBERED_LENGTH and len(known) < _REMEMBERED_TAGS:
                            known[text] = value  # numbers, dates, true, null: immutable
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            nodes += 1
            if (event.anchor is not None or event.tag is not None or want_key
                    or len(stack) >= MAX_DEPTH or nodes > MAX_NODES):
                raise _NotPlain  # want_key: a key that is a list or a mapping
            stack.append((into, key))
            if kind is MappingStartEvent:
                into, key, want_key = {}, None, True
            else:
                into, key = [], None
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = into
            into, key = stack.pop()
            want_key = False  # a list or mapping is never a key (refused above)
            if not stack:
                break
        else:  # an alias, or anything else a plain document does not hold
            raise _NotPlain
        if type(into) is list:
            into.append(value)
        elif want_key:
            # Text keys only, each once: the full path warns about a repeated key, and a
            # number or date as a key is for it to judge.
            if type(value) is not str or value in into:
                raise _NotPlain
            key, want_key = value, False
        else:
            into[key] = value
            want_key = True
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotPlain  # a second document
    return [value]

def _scalar(node: Node, loader: Any) -> Any:
    """Build one scalar of an allowed tag as PyYAML's constructor would; raise on anything else.

    Text is the node's own value; other scalars go to the loader's constructor for their tag.
    """
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag in (_MAP, _SEQ):
        raise TypeError(f"{tag} on a scalar")
    return loader.yaml_constructors[tag](loader, node)


def _inspect_and_build(root: Node, path: str, loader: Any
                       ) -> tuple[list[Diagnostic], list[Diagnostic], list[Any] | None]:
    """Walk the node tree once, without recursion: check it, and build its value if it passes.

    Returns (fatal problems, duplicate keys, [value] or None). Fatal problems stop the value
    from being built: too many nodes or too deep, a reused node (an alias, which is how a
    "billion laughs" file explodes), a merge key, a key that is not plain text, or a tag
    outside plain YAML. The checks run before any value of a node is built, so nothing outside
    plain YAML ever reaches a constructor. After the first problem, or anything unusual (a bad
    date, a tag on the wrong kind of node), building stops and None comes back: the caller
    then leaves the value to PyYAML's own constructor, which builds it or raises exactly the
    error it always has. The same walk used to run twice, once to check and once to build.
    """
    fatal: list[Diagnostic] = []
    duplicates: list[Diagnostic] = []
    seen: set[int] = set()
    reused: set[int] = set()
    top: list[Any] = [None]
    # (node, depth, the list or dict its value goes into, and at which index or key)
    stack: list[tuple[Node, int, Any, Any]] = [(root, 1, top, 0)]
    building = True
    count = 0
    while stack:
        node, depth, into, slot = stack.pop()
        node_id = id(node)
        if node_id in seen:
            if node_id in reused:
                continue
            reused.add(node_id)
            building = False
            fatal.append(_at(path, node, "alias",
                             _("anchors and aliases (&name, *name) are not allowed: this value "
                               "is used again elsewhere; write it out each time instead")))
            continue
        seen.add(node_id)
        count += 1
        if count > MAX_NODES:
            fatal.append(_at(path, node, "too-large",
                             _("the file holds more than {limit} values; rubric and answers "
                               "files are far smaller").format(limit=f"{MAX_NODES:,}")))
            break
        if depth > MAX_DEPTH:
            fatal.append(_at(path, node, "too-deep", _too_deep_message()))
            break
        tag = node.tag
        if tag == _VALUE and getattr(node, "value", None) == "=":
            building = False
            fatal.append(_at(path, node, "syntax",
                             _("a bare '=' cannot be read as a value; put it in quotes: '='")))
        elif tag not in _ALLOWED_TAGS:
            building = False
            fatal.append(_at(path, node, "unsafe-tag", _tag_message(node)))
            continue
        kind = type(node)
        if kind is SequenceNode:
            items: list[Any] | None = None
            if building and tag == _SEQ:
                items = [None] * len(node.value)
                into[slot] = items
            else:
                building = False
            for index in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[index], depth + 1, items, index))
        elif kind is MappingNode:
            mapping: dict[Any, Any] | None = None
            if building and tag == _MAP:
                mapping = into[slot] = {}
            else:
                building = False
            first: dict[tuple[str, str], Node] = {}
            keys: list[Any] = []
            for key, _node in node.value:
                if key.tag == _MERGE:
                    building = False
                    fatal.append(_at(path, key, "alias",
                                     _("merge keys (<<) are not allowed: write the keys out")))
                elif not isinstance(key, ScalarNode):
                    building = False
                    fatal.append(_at(path, key, "syntax",
                                     _("a key here is a list or mapping; keys must be plain "
                                       "text")))
                elif (key.tag, key.value) in first:
                    earlier = first[key.tag, key.value].start_mark.line + 1
                    duplicates.append(_at(
                        path, key, "duplicate-key",
                        _("the key '{key}' is already used on line {line} of this mapping; "
                          "YAML would silently keep only the last one, so remove or rename one "
                          "of them").format(key=key.value, line=earlier)))
                else:
                    first[key.tag, key.value] = key
                if building and mapping is not None:
                    if key.tag not in _ALLOWED_TAGS:  # refused when the walk reaches the key
                        building = False
                    else:
                        try:
                            built_key = key.value if key.tag == _STR else _scalar(key, loader)
                            # In file order, so a repeated key keeps its first place and, its
                            # value being filled in last, its last value: as PyYAML does.
                            mapping[built_key] = None
                            keys.append(built_key)
                        except Exception:  # noqa: BLE001  # left to PyYAML, see above
                            building = False
            # Children go on the stack last-first so the walk meets them in file order, and a
            # limit is reported at the value that crossed it. Keys are plain scalars (checked
            # above), so only values can nest; a key's value was built above.
            for index in range(len(node.value) - 1, -1, -1):
                key, value = node.value[index]
                stack.append((value, depth + 1, mapping if building else None,
                              keys[index] if building else None))
                if isinstance(key, ScalarNode) and key.tag != _MERGE:
                    stack.append((key, depth + 1, None, None))
        elif into is not None and building:
            try:
                into[slot] = node.value if tag == _STR else _scalar(node, loader)
            except Exception:  # noqa: BLE001  # left to PyYAML, see above
                building = False
    return fatal, duplicates, (top if building and not fatal else None)


def _too_deep_message() -> str:
    return _("the YAML is nested more than {limit} levels deep; a rubric needs about six, so "
             "check the brackets and indentation").format(limit=MAX_DEPTH)


def _marked(path: str, exc: yaml.MarkedYAMLError, code: str, message: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if _unclosed_quote(exc):  # the end of the file says nothing; the opening quote does
        mark = exc.context_mark
    if mark is None:
        return _error(path, 1, 1, code, message)
    return _error(path, mark.line + 1, mark.column + 1, code, message)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "syntax error").strip()
    if "expected a single document" in problem or "but found another document" in problem:
        return _("the file holds more than one YAML document ('---'); keep one document per "
                 "file")
    if "nesting depth" in problem:
        return _too_deep_message()
    if _unclosed_quote(exc):
        return _("this quoted text is never closed: add the closing quote")
    if "\\t" in problem or "tab" in problem:
        # TRANSLATORS: {problem} is the YAML parser's own description, in English.
        return _("{problem}: YAML indentation must use spaces, not tabs").format(problem=problem)
    # The parser's own words ({context}, {problem}) are English: PyYAML has no catalogue.
    context = exc.context.strip() if exc.context else ""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    if context_mark is not None and problem_mark is not None and (
        (context_mark.line, context_mark.column) != (problem_mark.line, problem_mark.column)
    ):
        if context:
            # TRANSLATORS: {context} and {problem} are the YAML parser's words, in English.
            message = _("not valid YAML: {context} (started at line {line}, column {column}) "
                        "{problem}")
        else:
            message = _("not valid YAML: (started at line {line}, column {column}) {problem}")
        text = message.format(context=context, line=context_mark.line + 1,
                              column=context_mark.column + 1, problem=problem)
    elif context:
        text = _("not valid YAML: {context} {problem}").format(context=context, problem=problem)
    else:
        text = _("not valid YAML: {problem}").format(problem=problem)
    return text.replace("  ", " ")


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    return ("quoted scalar" in (exc.context or "") and "end of stream" in (exc.problem or "")
            and exc.context_mark is not None)


def _reader_position(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    # libyaml reports a byte offset into the UTF-8 text; the pure-Python reader a character
    # offset. libyaml's `character` is an int, the Python reader's a one-character string.
    if isinstance(exc.character, int):
        return byte_position(text.encode("utf-8"), exc.position)
    line = text.count("\n", 0, exc.position) + 1
    return line, exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return _("the control character {character} is not allowed in YAML; remove it (it is "
             "often pasted in by accident)").format(character=f"U+{code:04X}")


def _tag_message(node: Node) -> str:
    tag = str(node.tag)
    shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    return _("the tag '{tag}' is not allowed: rubric and answers files hold plain text, "
             "numbers, dates, lists and mappings only, and nothing in them is ever run").format(
                 tag=shown)


def _value_message(exc: _BadValue) -> str:
    node = exc.node
    text = str(getattr(node, "value", ""))
    shown = text if len(text) <= 40 else text[:37] + "..."
    if node.tag == _YAML_TAG + "timestamp":
        # TRANSLATORS: {reason} is Python's own reason, in English ("month must be in 1..12").
        return _("'{value}' looks like a date but is not a real one ({reason}); fix it or quote "
                 "it").format(value=shown, reason=exc.reason)
    if node.tag == _YAML_TAG + "int":
        return _("'{value}' is too long to be a number ({length} characters); quote it if it is "
                 "meant as text").format(value=shown, length=f"{len(text):,}")
    return _("cannot read the value '{value}' ({reason}); quote it if it is meant as text").format(
        value=shown, reason=exc.reason)
