"""Excel workbooks: the portfolio's and one service's action plan, opened and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import RunCli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
PLAN_HEADER = ("Service id", "Service", "Team", "Stands on", "Action for rung", "Priority",
               "Action", "Kind", "Activity", "Now", "Effort", "Next step", "Owner",
               "Due date", "Status")


def _services(folder: Path) -> Path:
    """Copy the examples and add one service whose name and team would run as formulas."""
    folder.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, folder / example.name)
    data = yaml.safe_load((EXAMPLES / "send-team.yaml").read_text(encoding="utf-8"))
    data["service"].update(id="formula-test", name="=HYPERLINK(\"http://x\",\"y\")",
                           team="@SUM(A1)")
    (folder / "formula.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


@pytest.fixture
def portfolio(tmp_path: Path, run_cli: RunCli) -> Path:
    out = tmp_path / "out"
    run_cli("portfolio", _services(tmp_path / "answers"), "-o", out, "--as-of", "2026-11-01",
            exit_code=0)
    return out


def test_portfolio_workbook_services_sheet(portfolio: Path) -> None:
    book = openpyxl.load_workbook(portfolio / "portfolio.xlsx")
    assert book.sheetnames == ["Services", "Key", "Heat map", "Systemic barriers",
                               "Action plan"]
    sheet = book["Services"]
    header = [c.value for c in sheet[1]]
    with (portfolio / "portfolio.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert header == rows[0]  # the CSV's readable labels
    assert header[:4] == ["Service id", "Service", "Team", "Tag: age"]
    assert "Designing how the service works (co-design) (level)" in header
    assert "Rung (level)" in header and "Placement" in header
    assert sheet.freeze_panes == "C2"  # the header row, and each row's service id and name
    assert "Key sheet" in sheet.cell(1, header.index("Rung (level)") + 1).comment.text
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}7"
    assert sheet.max_row == 7  # six services
    # The cells match the CSV, numbers as numbers.
    for row, csv_row in zip(sheet.iter_rows(min_row=2, values_only=True), rows[1:],
                            strict=True):
        assert [_as_csv(v) for v in row] == [value.removeprefix("'") for value in csv_row]
    assessed_on = sheet.cell(2, header.index("Assessed on") + 1)
    assert assessed_on.is_date and assessed_on.number_format == "yyyy-mm-dd"
    rung = header.index("Rung (level)")
    levels = {sheet.cell(r, rung + 1).value: sheet.cell(r, rung + 1) for r in range(2, 8)}
    assert all(isinstance(level, int) for level in levels)
    key = {row[0].value: row[0] for row in book["Key"].iter_rows(min_row=3)}
    assert [c.value for c in book["Key"]["B"][2:]] == [
        "Not yet involved", "Informing", "Consulting", "Involving", "Designing together",
        "Equal partners"]
    for level, cell in levels.items():  # coloured as in the key
        assert cell.fill.fgColor.rgb == key[level].fill.fgColor.rgb != "00000000"
        assert cell.font.color.rgb == key[level].font.color.rgb
    assert key[6].font.color.rgb == "FFFFFFFF" and key[1].font.color.rgb == "FF1B1B1B"


def _as_csv(value: object) -> str:
    """A workbook cell as the CSV writes it (dates as 2026-06-01)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def test_rung_columns_hold_numbers_and_say_out_of_scope_apart(portfolio: Path) -> None:
    with (portfolio / "portfolio.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    levels = [name for name in rows[0] if name.endswith("(level)")]
    assert len(levels) > 5
    assert all(row[name] == "" or row[name].isdigit() for row in rows for name in levels)
    view = json.loads((portfolio / "portfolio.json").read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in view["activities"]}
    for service, row in zip(view["services"], rows, strict=True):
        out = [names[t] for t, state in service["type_states"].items() if state == "out_of_scope"]
        assert row["Types out of scope"] == "; ".join(out)
    assert any(row["Types out of scope"] for row in rows)


def test_every_sheet_prints_on_a4_landscape_one_page_wide(portfolio: Path) -> None:
    book = openpyxl.load_workbook(portfolio / "portfolio.xlsx")
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.paperSize == 9
        # One page wide (1 is the file format's default, so it is left out), pages as tall
        # as the rows need.
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows in ("$1:$1", "$2:$2"), sheet.title
    # Long wrapped text gets the row height it needs (LibreOffice does not grow rows itself).
    plan = book["Action plan"]
    tall = [r for r in range(2, plan.max_row + 1)
            if len(str(plan.cell(r, 12).value or "")) > 130]
    assert tall and all(plan.row_dimensions[r].height >= 45 for r in tall)


def test_portfolio_workbook_guards_formulas_like_the_csv(portfolio: Path) -> None:
    sheet = openpyxl.load_workbook(portfolio / "portfolio.xlsx")["Services"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "formula-test")
    assert row[1].value == "=HYPERLINK(\"http://x\",\"y\")" and row[1].data_type == "s"
    assert row[1].quotePrefix and row[2].quotePrefix and row[2].value == "@SUM(A1)"
    assert not row[0].quotePrefix
    plan = openpyxl.load_workbook(portfolio / "portfolio.xlsx")["Action plan"]
    cells = [r[1] for r in plan.iter_rows(min_row=2) if r[0].value == "formula-test"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_portfolio_workbook_heat_map_barriers_and_action_plan(portfolio: Path) -> None:
    book = openpyxl.load_workbook(portfolio / "portfolio.xlsx")
    view = json.loads((portfolio / "portfolio.json").read_text(encoding="utf-8"))
    heat = book["Heat map"]
    assert heat["A1"].value == "Type of co-production"
    assert heat["B1"].value == "1. Not yet involved"
    for row, activity in enumerate(view["activities"], 2):
        assert heat.cell(row, 1).value == activity["name"]
        rungs = len(activity["by_rung"])
        assert [heat.cell(row, 2 + i).value for i in range(rungs)] == [
            c["services"] for c in activity["by_rung"]]
        assert heat.cell(row, 2 + rungs).value == activity["out_of_scope"]
    barriers = book["Systemic barriers"]
    assert [c.value for c in barriers[1]] == ["Factor", "Kind", "Services not met",
                                              "Share not met", "Not yet rated", "Holds back",
                                              "What helps"]
    assert barriers["A2"].value == view["weakest_factors"][0]["name"]
    assert barriers["D2"].value == pytest.approx(view["weakest_factors"][0]["share_not_met"])

    plan = book["Action plan"]
    assert tuple(c.value for c in plan[1]) == PLAN_HEADER
    assert plan.freeze_panes == "C2" and plan.auto_filter.ref.startswith("A1:O")
    rows = list(plan.iter_rows(min_row=2, values_only=True))
    # What only the organisation can change comes first, each shared barrier once.
    barriers = [f for f in view["weakest_factors"] if f["not_met"]]
    assert barriers
    organisation, rows = rows[:len(barriers)], rows[len(barriers):]
    for n, (row, factor) in enumerate(zip(organisation, barriers, strict=True), 1):
        assert row[:2] == (None, "Whole organisation") and row[5] == n
        assert row[6] == factor["name"] and row[11] == factor["guidance"]
        assert row[9] == (f"Not met in {factor['not_met']} of {len(view['services'])} "
                          f"services ({factor['percent_not_met']}%)")
    assert all(row[0] for row in rows)
    by_service: dict[str, list[int]] = {}
    for row in rows:
        by_service.setdefault(row[0], []).append(row[5])
        assert row[12:] == (None, None, None)  # owner, due date, status: for the lead to fill
        assert row[6] and row[11] and row[4]
    assert all(priorities == list(range(1, len(priorities) + 1))
               for priorities in by_service.values())
    top = {s["service_id"] for s in view["services"] if s["next_rung"] is None}
    assert set(by_service) | top == {s["service_id"] for s in view["services"]}
    validations = {v.type for v in plan.data_validations.dataValidation}
    assert validations == {"date", "list"}


def test_score_writes_a_service_action_plan(tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "out"
    run_cli("score", EXAMPLES / "youth-service.yaml", "--format", "xlsx,json", "-o", out,
            exit_code=0)
    assert sorted(p.name for p in out.iterdir()) == ["northfield-youth.json",
                                                      "northfield-youth.xlsx"]
    report = json.loads((out / "northfield-youth.json").read_text(encoding="utf-8"))
    sheet = openpyxl.load_workbook(out / "northfield-youth.xlsx")["Action plan"]
    assert tuple(c.value for c in sheet[1]) == PLAN_HEADER
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = len(report["actions"]) + sum(len(g["blockers"])
                                            for g in report["target_gap"][1:])
    assert len(rows) == expected > 0
    first = report["actions"][0]
    assert rows[0][:7] == ("northfield-youth", "Northfield Youth Service",
                           "Early Help and Prevention Directorate", report["rung"]["name"],
                           report["next_rung"]["name"], 1, first["title"])
    assert rows[0][11] == first["next_step"]


def test_a_bad_format_or_header_choice_is_a_usage_error(tmp_path: Path,
                                                        run_cli: RunCli) -> None:
    from coprod_ladder.rendering.report_formats import SERVICE_REPORTS

    result = run_cli("score", EXAMPLES / "youth-service.yaml", "--format", "xls", "-o",
                     tmp_path, exit_code=2)
    # Every format the registry has, in its order: a format added there is offered here too.
    assert f"use {SERVICE_REPORTS.names_text()}" in result.stderr
    assert "xlsx" in SERVICE_REPORTS.names()
    result = run_cli("portfolio", EXAMPLES, "--csv-headers", "names", "-o", tmp_path,
                     exit_code=2)
    assert "use labels or ids" in result.stderr


def test_csv_headers_ids_keeps_the_script_names(tmp_path: Path, run_cli: RunCli) -> None:
    run_cli("portfolio", EXAMPLES, "--csv-headers", "ids", "-o", tmp_path / "out",
            "--as-of", "2026-11-01", exit_code=0)
    text = (tmp_path / "out" / "portfolio.csv").read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:5] == ["service_id", "service_name", "team", "tag_age", "tag_area"]
    assert "co-design_level" in header and header[-1] == "path"


def test_plan_rows_keep_their_heights_though_the_writer_forgets_them(
        tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    # The action plan drops each written row's height from XlsxWriter's memory (for large
    # portfolios); the workbook must be byte for byte the one written when it kept them all.
    from coprod_ladder.rendering import workbook

    answers = _services(tmp_path / "answers")
    run_cli("portfolio", answers, "-o", tmp_path / "forgets", "--as-of", "2026-11-01",
            "--format", "xlsx", exit_code=0)
    monkeypatch.setattr(workbook, "_forget_written_row", lambda _sheet, _row: None)
    run_cli("portfolio", answers, "-o", tmp_path / "keeps", "--as-of", "2026-11-01",
            "--format", "xlsx", exit_code=0)
    written = (tmp_path / "forgets" / "portfolio.xlsx").read_bytes()
    assert written == (tmp_path / "keeps" / "portfolio.xlsx").read_bytes()
    plan = openpyxl.load_workbook(io.BytesIO(written))["Action plan"]
    tall = [n for n in range(2, plan.max_row + 1) if plan.row_dimensions[n].height]
    assert len(tall) > 3  # wrapped rows past the first kept the height they were given


# Texts the fast cell writer must write exactly as XlsxWriter does: escapes, control
# characters and their look-alikes, spaces to keep, rich-text look-alikes, repeats.
AWKWARD_CELLS = ["plain", "  leading", "trailing ", "a & b < c > d \"q\"", "line\nbreak",
                 "bell\x07", "_x0041_ literal", "<r>looks rich</r>", "plain", 42, 3.25, 0,
                 None, "", True, "=1+1", "Cymraeg: ŵ ŷ", "\U0001f600 emoji"]


def test_the_fast_cell_writer_writes_what_xlsxwriter_writes() -> None:
    from xlsxwriter.worksheet import Worksheet

    from coprod_ladder.rendering import workbook

    def write(sheet_class: type) -> bytes:
        out = io.BytesIO()
        book = workbook._Book(out, dt.date(2026, 1, 1), "t")
        sheet = book.book.add_worksheet("S", worksheet_class=sheet_class)
        for row in range(3):
            for col, value in enumerate(AWKWARD_CELLS):
                book.cell(sheet, row, col, value, book.wrap if col % 2 else None)
        book.close()
        return out.getvalue()

    fast = write(workbook._RowWriter)
    assert fast == write(Worksheet)
    texts = [c.value for c in openpyxl.load_workbook(io.BytesIO(fast))["S"][1]]
    assert texts[:3] == ["plain", "  leading", "trailing "]
