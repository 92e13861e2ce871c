"""Excel workbooks: the portfolio for a strategy lead, and one service's action plan.

`write_portfolio_workbook` turns a portfolio view (and its action plan rows) into an .xlsx file with
a Services sheet (readable headers, frozen header row, filters, rung cells coloured, with a
Key sheet for the colours), a Heat map, the Systemic barriers and an Action plan with empty
Owner, Due date and Status columns to fill in. `write_action_plan_workbook` writes the Action plan
of one service from its report view.

Pure as far as callers can tell: writes only into the stream it is given, never reads the
clock (the workbook's created date comes from the view), and the same input gives
byte-identical output. To keep memory flat for thousands of services, XlsxWriter streams each
finished row to a temporary file of its own, which it deletes before returning; nothing else
is written. Every text cell is written as text, never as a formula; text that a spreadsheet
would run as a formula (the same test as the CSV's, `runs_as_formula`) is also marked with
Excel's quote prefix, which is what typing a leading apostrophe does, so it stays text when
someone edits the cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

from coprod_ladder.language import N_, _, pgettext
from coprod_ladder.rendering.csv_table import CSV_FIXED_COLUMNS, service_cells, service_columns
from coprod_ladder.rendering.labels import (
    band_words,
    effort_words,
    firmness_words,
    item_kind_words,
    status_words,
)
from coprod_ladder.rendering.templates import rung_shade
from coprod_ladder.rendering.views import (
    ActionView,
    PlanRowView,
    PortfolioView,
    ReportView,
    RungView,
)
from coprod_ladder.safe_text import runs_as_formula
from coprod_ladder.scoring.results import Firmness

# The rung shades of the HTML portfolio (reports/portfolio.css), lightest to darkest, with a
# text colour that keeps 4.5:1 contrast on each.
RUNG_SHADES = (("#f7f3e8", "#1b1b1b"), ("#e8f0e0", "#1b1b1b"), ("#cfe5d4", "#1b1b1b"),
               ("#a6d1b6", "#1b1b1b"), ("#6cb08a", "#1b1b1b"), ("#2f7a53", "#ffffff"),
               ("#1e5e3e", "#ffffff"))
HEAT_SHADES = (("#ffffff", "#1b1b1b"), ("#e3eef6", "#1b1b1b"), ("#bcd6e9", "#1b1b1b"),
               ("#8dbad9", "#1b1b1b"), ("#5b97c3", "#1b1b1b"), ("#1d5c8c", "#ffffff"))
# People read the workbook's words (sheet names, headings, notes): each is marked here and
# translated where it is written, in the language in use.
PLAN_STATUSES = (N_("Not started"), N_("In progress"), N_("Done"), N_("Dropped"))
PLAN_COLUMNS = ((N_("Service id"), 18), (N_("Service"), 28), (N_("Team"), 18),
                (N_("Stands on"), 16), (N_("Action for rung"), 16), (N_("Priority"), 8),
                (N_("Action"), 48), (N_("Kind"), 14), (N_("Activity"), 18), (N_("Now"), 16),
                (N_("Effort"), 8), (N_("Next step"), 60), (N_("Owner"), 18),
                (N_("Due date"), 12), (N_("Status"), 14))
DEFAULT_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


#: How many written text cells `_RowWriter` remembers, so memory stays bounded.
_MOST_REMEMBERED_TEXTS = 4096


class _RowWriter(Worksheet):  # type: ignore[misc]
    """A worksheet that writes its text, number and blank cells faster, byte for byte alike.

    XlsxWriter writes each cell through general code (attribute lists, escaping every
    attribute, a class-name test): for a 10,000-service portfolio that was most of the
    workbook's time. This writes the same XML for the cells the workbook has (every one with
    a format), and remembers the XML of recent texts: actions, rung and type names recur on
    row after row. Any other cell goes the way XlsxWriter writes it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._texts: dict[str, str] = {}
        self._row_cells: list[str] = []  # this row's cells, written with its end tag

    def _xml_end_tag(self, tag: str) -> None:
        self._write_row_cells()
        super()._xml_end_tag(tag)

    def _write_row_cells(self) -> None:
        if self._row_cells:
            self.fh.write("".join(self._row_cells))
            self._row_cells.clear()

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        kind = type(cell)
        if cell.format is None or kind not in _FAST_CELLS or not self.constant_memory:
            self._write_row_cells()
            super()._write_cell(row, col, cell)
            return
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
        if kind is CellNumberTuple:
            self._row_cells.append(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind is CellBlankTuple:
            self._row_cells.append(f"{head}/>")
        else:
            tail = self._texts.get(cell.string)
            if tail is None:
                tail = self._text_tail(cell.string)
                if tail is None:  # rich text: as XlsxWriter writes it
                    self._write_row_cells()
                    super()._write_cell(row, col, cell)
                    return
                if len(self._texts) >= _MOST_REMEMBERED_TEXTS:
                    self._texts.clear()
                self._texts[cell.string] = tail
            self._row_cells.append(head + tail)

    def _text_tail(self, string: str) -> str | None:
        """The XML after a text cell's attributes, exactly as XlsxWriter's inline string."""
        text = self._escape_control_characters(string)
        if text.startswith("<r>") and text.endswith("</r>"):
            return None
        preserve = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
        return f' t="inlineStr"><is><t{preserve}>{self._escape_data(text)}</t></is></c>'


_FAST_CELLS = (CellStringTuple, CellNumberTuple, CellBlankTuple)


class _Book:
    """An in-memory workbook and the few cell formats every sheet shares."""

    def __init__(self, target: BinaryIO, created: dt.date | None, title: str) -> None:
        self.buffer = target
        # constant_memory: each row goes to a temporary file as soon as the next one starts,
        # so 10,000 services cost no more memory than ten; rows are written in order.
        self.book = xlsxwriter.Workbook(target, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False})
        when = (dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC)
                if created else DEFAULT_CREATED)
        self.book.set_properties({"title": title, "author": "coprod", "created": when})
        self.header = self.book.add_format({"bold": True, "bg_color": "#eef2f6",
                                            "text_wrap": True, "valign": "bottom",
                                            "border": 1, "border_color": "#c8c8c8"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.top = self.book.add_format({"valign": "top"})
        self.quoted = self.book.add_format({"quote_prefix": True, "valign": "top"})
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.percent = self.book.add_format({"num_format": "0%", "valign": "top"})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self._shades: dict[tuple[str, str], Format] = {}

    def sheet(self, name: str) -> Worksheet:
        """Add a worksheet that writes its cells quickly (see `_RowWriter`)."""
        return self.book.add_worksheet(name, worksheet_class=_RowWriter)

    def shade(self, colours: tuple[str, str]) -> Format:
        """Return the centred cell format for one background and text colour."""
        if colours not in self._shades:
            self._shades[colours] = self.book.add_format({
                "bg_color": colours[0], "font_color": colours[1], "align": "center",
                "valign": "top", "border": 1, "border_color": "#c8c8c8"})
        return self._shades[colours]

    def cell(self, sheet: Worksheet, row: int, col: int, value: object,
             fmt: Format | None = None) -> None:
        """Write one value: numbers as numbers, everything else as text, never a formula."""
        # XlsxWriter's own undecorated writers: rows and columns here are always numbers, so
        # the decorator that also reads "A1" names is skipped (it was a tenth of the time).
        if value is None or value == "":
            sheet._write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            sheet._write_string(row, col, pgettext("a cell", "yes") if value
                                else pgettext("a cell", "no"), fmt or self.top)
        elif isinstance(value, int | float):
            sheet._write_number(row, col, value, fmt or self.top)
        elif runs_as_formula(value):
            sheet._write_string(row, col, str(value), self.quoted)
        else:
            sheet._write_string(row, col, str(value), fmt or self.top)

    def headers(self, sheet: Worksheet, row: int, labels: Sequence[str],
                widths: Sequence[float], *, frozen_columns: int = 0) -> None:
        """Write a header row and set the column widths; freeze everything above and on it
        (and the first `frozen_columns`, so a row's service stays in view), and print it on
        every page."""
        for col, (label, width) in enumerate(zip(labels, widths, strict=True)):
            sheet.write_string(row, col, label, self.header)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(row + 1, frozen_columns)
        _print_settings(sheet, row)

    def day(self, sheet: Worksheet, row: int, col: int, iso_date: str) -> None:
        """Write a date (given as 2026-03-31) as a date a spreadsheet can sort and filter."""
        sheet.write_datetime(row, col, dt.datetime.fromisoformat(iso_date), self.date)

    def close(self) -> None:
        self.book.close()


def _print_settings(sheet: Worksheet, header_row: int) -> None:
    """A4 landscape, one page wide, the header row repeated on every printed page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)


def _wrapped_height(texts: Iterable[tuple[str, float]]) -> float | None:
    """The height a row of wrapped cells needs, as (text, column width) pairs, or None for
    the default. Excel grows such rows when it opens the file; LibreOffice does not, so
    without this long cells overlap the rows below when printed."""
    lines = max((-(-len(text) * 11 // int(width * 10)) for text, width in texts if text),
                default=1)
    return 15.0 * lines if lines > 1 else None


def shade_colours(level: int | None, top: int) -> tuple[str, str] | None:
    """Return the (background, text) colours of a rung level, as in the HTML portfolio."""
    shade = rung_shade(level, top)
    return RUNG_SHADES[shade - 1] if shade else None


def write_portfolio_workbook(view: PortfolioView, plan: Iterable[PlanRowView],
                             target: BinaryIO) -> None:
    """Write the portfolio as an .xlsx workbook into `target`: services, key, heat map,
    barriers and the action plan."""
    book = _Book(target, dt.date.fromisoformat(view["as_of"]),
                 _("Co-production portfolio as of {date}").format(date=view["as_of"]))
    _services_sheet(book, view)
    _key_sheet(book, view)
    _heat_sheet(book, view)
    _barriers_sheet(book, view)
    _plan_sheet(book, plan)
    book.close()


def write_action_plan_workbook(view: ReportView, target: BinaryIO) -> None:
    """Write one service's action plan (from its report view) as an .xlsx workbook."""
    assessed_on = view["assessed_on"]
    created = dt.date.fromisoformat(assessed_on) if assessed_on else None
    book = _Book(target, created,
                 _("Action plan: {service}").format(service=view["service"]["name"]))
    _plan_sheet(book, service_plan(view))
    book.close()


def service_plan(view: ReportView) -> list[PlanRowView]:
    """Return the action plan rows of one service's report view: next rung, then the rest."""
    service = view["service"]
    activity_names = {t["id"]: t["name"] for t in view["profile"]}
    stands_on = view["rung"]["name"] if view["rung"] else firmness_words(Firmness.NOT_PLACED)
    groups: list[tuple[RungView | None, list[ActionView]]] = (
        [(view["next_rung"], view["actions"])] if view["next_rung"] else [])
    groups += [(g["rung"], g["blockers"]) for g in view["target_gap"][1:]]
    return [{"service_id": service["id"], "service_name": service["name"],
             "team": service["team"], "rung_name": stands_on,
             "for_rung": rung["name"] if rung else "", "priority": a["priority"],
             "title": a["title"], "kind": item_kind_words(a["kind"]),
             "activity": activity_names.get(a["activity"] or "", a["activity"]),
             "status": status_words(a["status"]), "effort": effort_words(a["effort"]),
             "next_step": a["next_step"]}
            for rung, actions in groups for a in actions]


def _services_sheet(book: _Book, view: PortfolioView) -> None:
    sheet = book.sheet(_("Services"))
    columns = service_columns(view, translated=True)
    top = len(view["ladder"])
    level_columns = {i for i, (ident, _) in enumerate(columns)
                     if ident == "rung_level" or (ident.endswith("_level") and any(
                         ident == f"{a['id']}_level" for a in view["activities"]))}
    widths = [28 if ident == "service_name" else 12 if i in level_columns else 16
              for i, (ident, _) in enumerate(columns)]
    book.headers(sheet, 0, [label for _, label in columns], widths,
                 frozen_columns=len(CSV_FIXED_COLUMNS) - 1)
    sheet.set_row(0, 45)
    for col in sorted(level_columns):
        sheet.write_comment(0, col, _("Shaded by rung, darker is higher: the Key sheet names "
                                      "the rung of each shade."))
    assessed_on = [ident for ident, _ in columns].index("assessed_on")
    row = 0
    for row, s in enumerate(view["services"], 1):
        for col, value in enumerate(service_cells(view, s)):
            if col == assessed_on and value:
                book.day(sheet, row, col, str(value))
                continue
            shade = shade_colours(value, top) if col in level_columns and isinstance(
                value, int) else None
            book.cell(sheet, row, col, value, book.shade(shade) if shade else None)
    sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)


def _key_sheet(book: _Book, view: PortfolioView) -> None:
    sheet = book.sheet(_("Key"))
    sheet.write_string(0, 0, _("Rung colours on the Services sheet: darker is higher"),
                       book.title)
    book.headers(sheet, 1, [_("Level"), _("Rung"), _("Band")], [8, 32, 14])
    top = len(view["ladder"])
    for row, r in enumerate(view["ladder"], 2):
        shade = shade_colours(r["level"], top)
        book.cell(sheet, row, 0, r["level"], book.shade(shade) if shade else None)
        book.cell(sheet, row, 1, r["name"])
        book.cell(sheet, row, 2, band_words(r["band"]))


def _heat_sheet(book: _Book, view: PortfolioView) -> None:
    sheet = book.sheet(_("Heat map"))
    ladder = view["ladder"]
    labels = [_("Type of co-production"), *(f"{r['level']}. {r['name']}" for r in ladder),
              _("Out of scope"), _("No rung yet"), _("Mean rung")]
    book.headers(sheet, 0, labels, [26, *([14] * len(ladder)), 12, 12, 11], frozen_columns=1)
    sheet.set_row(0, 45)
    row = 0
    for row, a in enumerate(view["activities"], 1):
        most = max((c["services"] for c in a["by_rung"]), default=0)
        book.cell(sheet, row, 0, a["name"])
        for col, c in enumerate(a["by_rung"], 1):
            heat = -(-c["services"] * 5 // most) if most else 0
            book.cell(sheet, row, col, c["services"], book.shade(HEAT_SHADES[heat]))
        book.cell(sheet, row, len(ladder) + 1, a["out_of_scope"])
        book.cell(sheet, row, len(ladder) + 2, a["not_answered"] + a["not_applicable"])
        book.cell(sheet, row, len(ladder) + 3, a["mean_rung"])
    start = row + 2
    sheet.write_string(start, 0, _("Share of the services with a rung in that type"),
                       book.title)
    for col, label in enumerate(labels[:-3]):
        sheet.write_string(start + 1, col, label, book.header)
    for offset, a in enumerate(view["activities"], start + 2):
        book.cell(sheet, offset, 0, a["name"])
        for col, c in enumerate(a["by_rung"], 1):
            book.cell(sheet, offset, col, c["share"], book.percent)


def _barriers_sheet(book: _Book, view: PortfolioView) -> None:
    sheet = book.sheet(_("Systemic barriers"))
    book.headers(sheet, 0, [_("Factor"), _("Kind"), _("Services not met"), _("Share not met"),
                            _("Not yet rated"), _("Holds back"), _("What helps")],
                 [32, 16, 10, 10, 10, 30, 70])
    sheet.set_row(0, 30)
    row = 0
    for row, f in enumerate(view["weakest_factors"], 1):
        height = _wrapped_height([(f["name"], 32), (", ".join(f["gates"]), 30),
                                  (f["guidance"], 70)])
        if height:
            sheet.set_row(row, height)
        book.cell(sheet, row, 0, f["name"], book.wrap)
        book.cell(sheet, row, 1, item_kind_words(f["kind"]))
        book.cell(sheet, row, 2, f["not_met"])
        book.cell(sheet, row, 3, f["share_not_met"], book.percent)
        book.cell(sheet, row, 4, f["not_rated"])
        book.cell(sheet, row, 5, ", ".join(f["gates"]), book.wrap)
        book.cell(sheet, row, 6, f["guidance"], book.wrap)
    sheet.autofilter(0, 0, max(row, 1), 6)


def _forget_written_row(sheet: Worksheet, row: int) -> None:
    """Drop the height XlsxWriter keeps for a row it has already written out.

    In constant_memory mode a row goes to the file once the next row starts, but the height
    given with `set_row` stays in two dicts for the life of the sheet (about 120 bytes a row:
    the action plan has 4 or 5 rows a service, so at 45,000 services this was most of the
    peak's growth). They are read again only to place images and comments, which this sheet
    has none of. The header row (0) is kept.
    """
    if row > 0:
        sheet.row_info.pop(row, None)
        sheet.row_sizes.pop(row, None)


def _plan_sheet(book: _Book, plan: Iterable[PlanRowView]) -> None:
    sheet = book.sheet(_("Action plan"))
    book.headers(sheet, 0, [_(label) for label, _width in PLAN_COLUMNS],
                 [width for _label, width in PLAN_COLUMNS], frozen_columns=2)
    wrapped = {6: PLAN_COLUMNS[6][1], 11: PLAN_COLUMNS[11][1]}
    row = 0
    for row, a in enumerate(plan, 1):
        values = [a["service_id"], a["service_name"], a["team"], a["rung_name"],
                  a["for_rung"], a["priority"], a["title"], a["kind"], a["activity"],
                  a["status"], a["effort"], a["next_step"]]
        height = _wrapped_height((str(values[col] or ""), width)
                                 for col, width in wrapped.items())
        if height:
            sheet.set_row(row, height)
        for col, value in enumerate(values):
            book.cell(sheet, row, col, value, book.wrap if col in wrapped else None)
        _forget_written_row(sheet, row - 1)
    last = max(row, 1)
    owner, due, status = len(PLAN_COLUMNS) - 3, len(PLAN_COLUMNS) - 2, len(PLAN_COLUMNS) - 1
    # Room for the strategy lead's own rows too: the checks reach 1,000 rows past the plan.
    statuses = [_(s) for s in PLAN_STATUSES]
    sheet.data_validation(1, due, last + 1000, due, {
        "validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
        "input_title": _("Due date"), "input_message": _("A date, for example 2027-03-31")})
    sheet.data_validation(1, status, last + 1000, status, {
        "validate": "list", "source": statuses,
        "input_title": _("Status"), "input_message": ", ".join(statuses)})
    sheet.set_column(due, due, 12, book.date)
    sheet.set_column(owner, owner, 18)
    sheet.autofilter(0, 0, last, len(PLAN_COLUMNS) - 1)
