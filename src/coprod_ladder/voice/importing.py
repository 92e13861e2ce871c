"""Survey exports and form response files into one service's respondents (`coprod voice import`).

A column is found by the code its title starts with ("[Q07] ...", see `voice.template`), or by
a council's mapping file where its titles differ. Microsoft Forms' metadata (ID, Start time,
Completion time, Email, Name ...), Google Forms' first, localised timestamp column, and any
column of names, emails or IP addresses are dropped and never stored; the ID column only
finds duplicate responses. A question whose title text is not the one this rubric version
asks, or a paper form stamped for another rubric, version or service, is refused. Answer
cells are read against the scale's words (`rendering.voice_words`), ignoring letter case.

Every problem is a Diagnostic at the file's row (the header is row 1) and column (A is 1).
Problems in a row can be skipped (`skip_bad_rows`); problems in the header cannot. Response
files (`coprod-voice/1`) are read with `voice.read`. Pure: nothing here prints or writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.errors import LoadError
from coprod_ladder.language import _, gettext
from coprod_ladder.loader import parse_document, validate_model
from coprod_ladder.model import Rubric, RubricRef, ShortText, Strict, VoiceGroup
from coprod_ladder.rendering.voice_words import (
    ANSWER_WORDS,
    GROUP_WORDS,
    age_band_from_words,
    answer_from_words,
    folded,
    group_from_words,
    helper_from_words,
)
from coprod_ladder.voice.model import (
    AgeBand,
    Collector,
    HelpedBy,
    Respondent,
    VoiceAnswer,
    VoiceFile,
    VoiceSource,
)
from coprod_ladder.voice.read import read_voice
from coprod_ladder.voice.tables import Cell, Table, column_letter
from coprod_ladder.voice.template import CODE, item_codes, questions_for

#: Every finding code the import reports (all errors); docs/voice.md lists them.
IMPORT_CODES = ("voice-unknown-column", "voice-unknown-code", "voice-not-this-version",
                "voice-other-form", "voice-other-service", "voice-no-group",
                "voice-no-questions", "voice-off-scale", "voice-duplicate-response",
                "voice-formula")

#: Microsoft Forms' and other tools' columns that are not answers (folded titles).
METADATA = frozenset({"start time", "completion time", "last modified time", "timestamp",
                      "total points", "quiz feedback", "submission date", "submitted",
                      "date submitted", "time taken", "status", "language"})
PERSONAL = frozenset({"email", "e-mail", "email address", "name", "your name", "full name",
                      "ip address", "ip", "user agent", "postcode"})
RESPONSE_IDS = frozenset({"id", "response id", "respondent id", "response number"})
_TIMESTAMP = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T,]+\d{1,2}[:.]\d{2}([:.]\d{2})?"
                        r"(\s*[AaPp]\.?[Mm]\.?)?(\s*\S+)?)?$")
_IP = re.compile(r"^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+)$")
_QUIZ = ("points - ", "feedback - ")
Kept = TypeVar("Kept")


class Role(Enum):
    """What a column holds."""

    ITEM = "item"
    AGE = "age"
    HELP = "help"
    COMMENT = "comment"
    GROUP = "group"
    RESPONSE_ID = "id"
    FORM = "form"
    DROPPED = "dropped"
    PERSONAL = "personal"


_ROLE_OF_CODE = {"AGE": Role.AGE, "HELP": Role.HELP, "COMMENT": Role.COMMENT,
                 "GROUP": Role.GROUP, "ID": Role.RESPONSE_ID, "FORM": Role.FORM}


@dataclass(frozen=True)
class Column:
    """One column's role; `item` for a question's column, `mapped` when a mapping file named it."""

    role: Role
    item: str | None = None
    mapped: bool = False


@dataclass(frozen=True)
class ImportOptions:
    """What the operator asked for."""

    service: str
    group: VoiceGroup | None = None
    keep_comments: bool = False
    skip_bad_rows: bool = False
    mapping: Mapping[str, str] = field(default_factory=dict)
    """Folded column title to a code ("Q07", "AGE", "drop") or an item id."""
    also_asked: tuple[Rubric, ...] = ()
    """The same rubric in coprod's other languages: a form made in any of them reads the same
    (a Welsh council's responses come in Welsh and in English)."""


@dataclass(frozen=True)
class Skipped:
    """A row left out by --skip-bad-rows, and the first reason."""

    path: str
    row: int
    reason: str


@dataclass
class Imported:
    """What one file gave: its respondents, its problems, what was dropped or skipped."""

    collector: Collector
    respondents: list[Respondent] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_stored: list[str] = field(default_factory=list)
    comments_dropped: int = 0


def _problem(path: str, row: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, row, col + 1, Severity.ERROR, code, message)


def _scale() -> str:
    return ", ".join(ANSWER_WORDS.values())


class _Header:
    """The header row read against the rubric: each column's role, the group, and problems."""

    def __init__(self, table: Table, rubric: Rubric, options: ImportOptions) -> None:
        self.table, self.rubric, self.options = table, rubric, options
        self.codes = {code: item for item, code in item_codes(rubric).items()}
        self.problems: list[Diagnostic] = []
        self.not_stored: list[str] = []
        self.group = options.group
        self.stamped = False
        self.columns = [self._column(j, title) for j, title in enumerate(table.header)]
        self._check_group()

    def _add(self, col: int, code: str, message: str) -> None:
        self.problems.append(_problem(self.table.path, 1, col, code, message))

    def _values(self, col: int) -> list[str]:
        return [row[col].text.strip() for row in self.table.rows if row[col].text.strip()]

    def _column(self, col: int, title: str) -> Column:
        key = folded(title)
        if key in self.options.mapping:
            return self._mapped(col, title, self.options.mapping[key])
        coded = CODE.match(title)
        if coded:
            return self._coded(col, coded[1].upper(), coded[2].strip())
        values = self._values(col)
        if key in RESPONSE_IDS:
            return Column(Role.RESPONSE_ID)
        if key in PERSONAL or (values and all(_IP.match(v) for v in values)):
            self.not_stored.append(title)
            return Column(Role.PERSONAL)
        if key in METADATA or key.startswith(_QUIZ) or not (title or values):
            return Column(Role.DROPPED)
        if col == 0 and values and all(_TIMESTAMP.match(v) for v in values):
            return Column(Role.DROPPED)  # Google Forms' timestamp, titled in the sheet's language
        self._add(col, "voice-unknown-column",
                  _("the column '{title}' has no question code (such as [Q07]) and is not a "
                    "column coprod knows; start its title with its code, as the template "
                    "does, or map it in a --mapping file (or to 'drop')").format(title=title))
        return Column(Role.DROPPED)

    def _mapped(self, col: int, title: str, target: str) -> Column:
        if target.lower() == "drop":
            self.not_stored.append(title)
            return Column(Role.DROPPED, mapped=True)
        if target in self.codes.values():
            return Column(Role.ITEM, target, mapped=True)
        if target.upper() in self.codes:
            return Column(Role.ITEM, self.codes[target.upper()], mapped=True)
        if target.upper() in _ROLE_OF_CODE:
            return Column(_ROLE_OF_CODE[target.upper()], mapped=True)
        self._add(col, "voice-unknown-code",
                  _("the mapping file maps '{title}' to '{target}', which is no question code "
                    "or item of the rubric '{rubric}' (nor AGE, HELP, COMMENT, GROUP, ID or "
                    "drop)").format(title=title, target=target, rubric=self.rubric.id))
        return Column(Role.DROPPED)

    def _coded(self, col: int, code: str, text: str) -> Column:
        if code in _ROLE_OF_CODE:
            if code == "FORM":
                self._stamp(col, text)
            return Column(_ROLE_OF_CODE[code])
        if code not in self.codes:
            self._add(col, "voice-unknown-code",
                      _("version {version} of the rubric '{rubric}' has no question [{code}]; "
                        "was the form made from another rubric? Make a new one with coprod "
                        "voice template").format(version=self.rubric.version,
                                                 rubric=self.rubric.id, code=code))
            return Column(Role.DROPPED)
        return Column(Role.ITEM, self.codes[code])

    def _stamp(self, col: int, text: str) -> None:
        """A paper form's "[FORM] rubric version service group": refuse another one."""
        parts = text.split()
        if len(parts) != 4:
            self._add(col, "voice-other-form",
                      _("the [FORM] column should name the rubric, version, service and group "
                        "(as the template writes it), not '{text}'").format(text=text))
            return
        rubric, version, service, group = parts
        if (rubric, version) != (self.rubric.id, self.rubric.version):
            self._add(col, "voice-not-this-version",
                      _("this form was made from {rubric} {version}, but {loaded} "
                        "{loaded_version} is loaded; the questions may differ, so make a new "
                        "form from {loaded} {loaded_version}").format(
                          rubric=rubric, version=version, loaded=self.rubric.id,
                          loaded_version=self.rubric.version))
        if service != self.options.service:
            self._add(col, "voice-other-service",
                      _("this form was made for the service '{service}', not '{asked}'; "
                        "import it with --service {service}").format(
                          service=service, asked=self.options.service))
        stamped = group_from_words(group)
        if stamped is None or (self.group is not None and stamped is not self.group):
            self._add(col, "voice-other-form",
                      _("this form was made for '{group}', not '{asked}'; import it with "
                        "--for {group}").format(
                          group=group, asked=self.group.value if self.group else group))
        self.group = stamped or self.group
        self.stamped = True

    def _check_group(self) -> None:
        """Find the group (from --for, the stamp or the titles) and check each title's text."""
        items = [(j, c) for j, c in enumerate(self.columns) if c.role is Role.ITEM]
        if not items:
            self._add(0, "voice-no-questions",
                      _("no column holds one of the rubric's questions (titles starting [Q01], "
                        "[Q02] ...); check that this is the form's export, or map its columns "
                        "with --mapping"))
            return
        has_group_column = any(c.role is Role.GROUP for c in self.columns)
        if self.group is None and not has_group_column:
            self.group = self._group_from_titles(items)
            if self.group is None:
                self._add(items[0][0], "voice-no-group",
                          _("cannot tell which group answered this form from its questions; "
                            "pass --for children, --for young-people or --for parents"))
                return
        for col, column in items:
            if not column.mapped and self.group is not None:
                self._check_title(col, column, self.group)

    def _text(self, col: int) -> str:
        coded = CODE.match(self.table.header[col])
        return coded[2].strip() if coded else ""

    def _asked_texts(self, group: VoiceGroup) -> dict[str, set[str]]:
        """Each item's question to `group`, folded, in every language the rubric is given in."""
        asked: dict[str, set[str]] = {}
        for rubric in (self.rubric, *self.options.also_asked):
            for q in questions_for(rubric, group):
                asked.setdefault(q.item, set()).add(folded(q.text))
        return asked

    def _group_from_titles(self, items: list[tuple[int, Column]]) -> VoiceGroup | None:
        for group in VoiceGroup:
            asked = self._asked_texts(group)
            if all(folded(self._text(j)) in asked.get(c.item or "", set()) for j, c in items):
                return group
        return None

    def _check_title(self, col: int, column: Column, group: VoiceGroup) -> None:
        asked = {q.item: q for q in questions_for(self.rubric, group)}
        question = asked.get(column.item or "")
        title = self.table.header[col]
        if question is None:
            self._add(col, "voice-not-this-version",
                      _("'{title}': this rubric does not ask {item} of {group}; make the form "
                        "again with coprod voice template --for {group_key}").format(
                          title=title, item=column.item, group=gettext(GROUP_WORDS[group]),
                          group_key=group.value))
        elif self._text(col) and folded(self._text(col)) not in self._asked_texts(group).get(
                question.item, set()):
            self._add(col, "voice-not-this-version",
                      _("'{title}' is not the question version {version} asks ({question}); "
                        "the form may come from another version: make it again with coprod "
                        "voice template, or map the column with --mapping").format(
                          title=title, version=self.rubric.version, question=question.title))


class _Rows:
    """The data rows under a checked header, as respondents; row problems kept per row."""

    def __init__(self, header: _Header, imported: Imported) -> None:
        self.header, self.imported = header, imported
        self.path = header.table.path
        self.seen_ids: dict[str, int] = {}

    def read(self) -> None:
        for n, row in enumerate(self.header.table.rows, start=2):
            if not any(cell.text.strip() for cell in row):
                continue
            problems: list[Diagnostic] = []
            person = self._respondent(n, row, problems)
            if problems and self.header.options.skip_bad_rows:
                self.imported.skipped.append(Skipped(self.path, n, problems[0].message))
            elif problems:
                self.imported.findings.extend(problems)
            elif person is not None:
                self.imported.respondents.append(person)

    def _respondent(self, n: int, row: list[Cell], problems: list[Diagnostic]) -> Respondent | None:
        group = self.header.group
        answers: dict[str, VoiceAnswer] = {}
        age, helped, comment = AgeBand.NOT_SAID, HelpedBy.NOT_SAID, None
        for col, (column, cell) in enumerate(zip(self.header.columns, row, strict=True)):
            text = cell.text.strip()
            if cell.formula:
                problems.append(_problem(self.path, n, col, "voice-formula",
                                         _("this cell holds a formula, not an answer; paste "
                                           "the answers as values (Paste Special > Values)")))
                continue
            if not text or column.role in (Role.DROPPED, Role.PERSONAL, Role.FORM):
                continue
            role = column.role
            if role is Role.ITEM and column.item is not None:
                answer = answer_from_words(text)
                if answer is None:
                    problems.append(self._off_scale(n, col, text, _scale()))
                else:
                    answers[column.item] = answer
            elif role is Role.AGE:
                age = age_band_from_words(text) or self._bad(n, col, text, problems, age)
            elif role is Role.HELP:
                helped = helper_from_words(text) or self._bad(n, col, text, problems, helped)
            elif role is Role.GROUP:
                group = group_from_words(text) or self._bad(n, col, text, problems, group)
            elif role is Role.COMMENT:
                comment = text
            elif role is Role.RESPONSE_ID:
                self._check_id(n, col, text, problems)
        if group is None:
            problems.append(_problem(self.path, n, 0, "voice-no-group",
                                     _("this row does not say which group answered; fill in "
                                       "its [GROUP] cell or pass --for")))
            return None
        if comment is not None and not self.header.options.keep_comments:
            self.imported.comments_dropped += 1
            comment = None
        return Respondent(id="r0", group=group, age_band=age, helped_by=helped,
                          answers=answers, comment=comment)

    def _off_scale(self, n: int, col: int, text: str, allowed: str) -> Diagnostic:
        title = self.header.table.header[col]
        return _problem(self.path, n, col, "voice-off-scale",
                        _("'{text}' (column {column}, '{title}') is not one of the answers "
                          "this column takes: {allowed}").format(
                            text=text, column=column_letter(col), title=title, allowed=allowed))

    def _bad(self, n: int, col: int, text: str, problems: list[Diagnostic], keep: Kept) -> Kept:
        # TRANSLATORS: completes "... is not one of the answers this column takes: {allowed}".
        problems.append(self._off_scale(n, col, text, _("the choices the template lists")))
        return keep

    def _check_id(self, n: int, col: int, text: str, problems: list[Diagnostic]) -> None:
        if text in self.seen_ids:
            problems.append(_problem(self.path, n, col, "voice-duplicate-response",
                                     _("the response id '{id}' is already on row {row}; the "
                                       "same response is in the file twice: remove the copy")
                                     .format(id=text, row=self.seen_ids[text])))
        self.seen_ids.setdefault(text, n)


def collector_of(table: Table, header_columns: list[Column]) -> Collector:
    """Which tool made a table, from its columns."""
    titles = {folded(t) for t in table.header}
    if {"id", "start time", "completion time"} <= titles:
        return Collector.MICROSOFT_FORMS
    if any(c.role is Role.FORM for c in header_columns):
        return Collector.PAPER
    if (header_columns and header_columns[0].role is Role.DROPPED and table.header
            and folded(table.header[0]) not in METADATA | PERSONAL):
        return Collector.GOOGLE_FORMS
    if titles & {"timestamp"}:
        return Collector.GOOGLE_FORMS
    return Collector.CSV


def import_table(table: Table, rubric: Rubric, options: ImportOptions) -> Imported:
    """One export's or paper CSV's respondents, or the problems that stop it."""
    header = _Header(table, rubric, options)
    imported = Imported(collector_of(table, header.columns), not_stored=header.not_stored)
    if header.problems:
        imported.findings = header.problems
        return imported
    _Rows(header, imported).read()
    return imported


def import_response(raw: bytes, path: str, rubric: Rubric, options: ImportOptions) -> Imported:
    """A form's response file (`coprod-voice/1`): checked as any voice file, then its service."""
    imported = Imported(Collector.COPROD_FORM)
    try:
        voice, _warnings = read_voice(raw, path, rubric)
    except LoadError as exc:
        imported.findings = list(exc.diagnostics)
        return imported
    if voice.service != options.service:
        imported.findings.append(Diagnostic(
            path, 1, 1, Severity.ERROR, "voice-other-service",
            _("these answers are for the service '{service}', not '{asked}'; import them "
              "with --service {service}").format(service=voice.service, asked=options.service)))
        return imported
    for person in voice.respondents:
        if person.comment is not None and not options.keep_comments:
            imported.comments_dropped += 1
            person = person.model_copy(update={"comment": None})
        imported.respondents.append(person)
    return imported


def duplicate_responses(files: list[tuple[str, Imported]]) -> list[Diagnostic]:
    """The same response file given twice: a respondent id seen in an earlier response file."""
    seen: dict[str, str] = {}
    found = []
    for path, imported in files:
        if imported.collector is not Collector.COPROD_FORM:
            continue
        for person in imported.respondents:
            if person.id in seen:
                found.append(Diagnostic(path, 1, 1, Severity.ERROR, "voice-duplicate-response",
                                        _("respondent '{id}' is also in {file}; the same "
                                          "response was given twice: leave one out").format(
                                            id=person.id, file=seen[person.id])))
            seen.setdefault(person.id, path)
    return found


def merged(rubric: Rubric, service: str, files: list[tuple[str, Imported]]) -> VoiceFile:
    """One voice file for the service: every file's respondents, numbered r0001 ... in order."""
    people = [p for _, imported in files for p in imported.respondents]
    collectors = {imported.collector for _, imported in files}
    collector = collectors.pop() if len(collectors) == 1 else Collector.CSV
    names = [re.split(r"[\\/]", path)[-1] for path, _ in files]
    return VoiceFile(
        rubric=RubricRef(id=rubric.id, version=rubric.version), service=service,
        source=VoiceSource(collector=collector, files=names),
        respondents=[p.model_copy(update={"id": f"r{n:04d}"}) for n, p in
                     enumerate(people, start=1)])


class VoiceMapping(Strict):
    """A council's mapping file: its column titles to question codes, item ids or `drop`."""

    columns: dict[ShortText, ShortText]


def read_mapping(raw: bytes, path: str) -> dict[str, str]:
    """The columns of a mapping file, by folded title; raise LoadError when it is bad."""
    mapping, problems = validate_model(parse_document(raw, path), VoiceMapping, "mapping")
    if mapping is None:
        raise LoadError(path, sorted(problems), what="mapping file")
    return {folded(title): target for title, target in mapping.columns.items()}
