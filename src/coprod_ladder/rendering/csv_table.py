"""The services table: its columns, its cells, and the CSV a spreadsheet opens cleanly.

This module owns the one list of services-table columns (the CSV and the workbook's Services
sheet both use it), with the stable ids scripts rely on and the labels people read, and the
rule that keeps a typed cell or header from running as a spreadsheet formula
(`safe_text.spreadsheet_cell`). Pure: returns text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from enum import StrEnum

from coprod_ladder.language import N_, _, pgettext
from coprod_ladder.rendering.labels import firmness_words
from coprod_ladder.rendering.views import PortfolioView, ServiceRowView
from coprod_ladder.safe_text import spreadsheet_cell
from coprod_ladder.scoring.results import TypeState


class CsvHeaders(StrEnum):
    """How the CSV header names its columns: labels for people, or the stable ids scripts use."""

    LABELS = "labels"
    IDS = "ids"


# One column of the services table (CSV and the workbook's Services sheet): the id scripts
# rely on, and the label a strategy lead reads. Tags and activities add a column each.
CSV_FIXED_COLUMNS = (("service_id", N_("Service id")), ("service_name", N_("Service")),
                     ("team", N_("Team")))
CSV_SERVICE_COLUMNS = (
    ("assessed_on", N_("Assessed on")), ("rung_level", N_("Rung (level)")),
    ("rung_name", N_("Rung")), ("placement", N_("Placement")),
    ("questions_answered", N_("Questions answered")),
    ("questions_in_scope", N_("Questions in scope")),
    ("target_level", N_("Target (level)")), ("target_name", N_("Target")),
    ("gap_to_target", N_("Rungs to target")), ("next_rung", N_("Next rung")),
    ("progress_percent", N_("Progress to next rung (%)")))
CSV_COUNT_COLUMNS = (
    ("claims_without_evidence", N_("Answers without evidence")),
    ("claims_not_validated", N_("Answers not validated")),
    ("not_yet_answered", N_("Not yet answered")),
    ("high_claims_without_evidence", N_("Doing-with answers without evidence")),
    ("high_claims_not_validated", N_("Doing-with answers not validated")),
    ("risks", N_("Risks")), ("stale", N_("Needs refreshing")),
    ("previous_rung_level", N_("Last cycle rung (level)")),
    ("rung_change", N_("Change since last cycle")))
# Rung columns hold numbers only (a spreadsheet or pandas reads them as numbers); a type
# without a rung for a reason other than "no answers yet" is listed here instead.
CSV_STATE_COLUMNS = (("types_out_of_scope", N_("Types out of scope")),
                     ("types_not_applicable", N_("Types not applicable")))
# Who answered for themselves (see docs/voice.md); counts of people, never their answers.
CSV_VOICE_COLUMNS = (("voice_children", N_("Children who answered")),
                     ("voice_young_people", N_("Young people who answered")),
                     ("voice_parents", N_("Parents and carers who answered")),
                     ("blind_spots", N_("Blind spots")))
# Several staff answering for one service (see docs/scoring.md): how many, and who.
CSV_STAFF_COLUMNS = (("staff_count", N_("Staff who answered")),
                     ("staff_names", N_("Staff names")))
# Last, as it always was: scripts read the answers file's path from the end of the row.
CSV_PATH_COLUMN = ("path", N_("Answers file"))


def service_columns(view: PortfolioView, *, translated: bool = False) -> list[tuple[str, str]]:
    """Return (id, label) for every column of the services table, in order (see docs).

    The CSV's labels stay English whatever the language (scripts read them); the workbook,
    which only people read, asks for them `translated` into the language in use.
    """
    def say(label: str) -> str:
        return _(label) if translated else label

    return [*((ident, say(label)) for ident, label in CSV_FIXED_COLUMNS),
            *((f"tag_{t}", say(N_("Tag: {tag}")).format(tag=t)) for t in view["tags"]),
            *((ident, say(label)) for ident, label in CSV_SERVICE_COLUMNS),
            *((f"{a['id']}_level", say(N_("{type} (level)")).format(type=a["name"]))
              for a in view["activities"]),
            *((ident, say(label)) for ident, label in (
                *CSV_STATE_COLUMNS, *CSV_COUNT_COLUMNS, *CSV_VOICE_COLUMNS, *CSV_STAFF_COLUMNS,
                CSV_PATH_COLUMN))]


def csv_columns(view: PortfolioView, headers: CsvHeaders = CsvHeaders.IDS) -> list[str]:
    """Return the CSV header: column ids or readable labels."""
    return [ident if headers is CsvHeaders.IDS else label
            for ident, label in service_columns(view)]


def service_cells(view: PortfolioView, s: ServiceRowView,
                  headers: CsvHeaders = CsvHeaders.LABELS) -> list[object]:
    """Return one service's row of the services table, as plain values ("" for none).

    With labels the table is for people, so the placement is in words ("not yet placed"); with
    ids it is for code, so it is the id (`not_placed`), as in the JSON.
    """
    rung, target, next_rung = s["rung"], s["target"], s["next_rung"]
    row: list[object] = [s["service_id"], s["service_name"], s["team"] or ""]
    row += [s["tags"].get(t, "") for t in view["tags"]]
    row += [s["assessed_on"] or "", rung["level"] if rung else "", rung["name"] if rung else "",
            (s["placement"] if headers is CsvHeaders.IDS else firmness_words(s["placement"])),
            s["answered"], s["questions"],
            target["level"] if target else "", target["name"] if target else "",
            "" if s["gap_to_target"] is None else s["gap_to_target"],
            next_rung["name"] if next_rung else "",
            "" if s["progress_percent"] is None else s["progress_percent"]]
    row += ["" if level is None else level for level in s["activities"].values()]
    names = {a["id"]: a["name"] for a in view["activities"]}
    row += ["; ".join(names[t] for t, state in s["type_states"].items() if state == wanted)
            for wanted in (TypeState.OUT_OF_SCOPE, TypeState.NOT_APPLICABLE)]
    row += [s["claims_without_evidence"], s["claims_not_validated"], s["not_yet_answered"],
            len(s["high_claims_without_evidence"]), len(s["high_claims_not_validated"]),
            "; ".join(s["risks"]), _yes_no(s["stale"], headers),
            "" if s["previous_rung_level"] is None else s["previous_rung_level"],
            "" if s["rung_change"] is None else s["rung_change"]]
    row += [*s["voices"].values(), s["blind_spots"], s["staff_count"], "; ".join(s["staff"]),
            s["path"]]
    return row


def _yes_no(value: bool, headers: CsvHeaders) -> str:
    """"yes" or "no": for code always in English, for people in the language in use."""
    if headers is CsvHeaders.IDS:
        return "yes" if value else "no"
    return pgettext("a cell", "yes") if value else pgettext("a cell", "no")


def iter_csv(view: PortfolioView, headers: CsvHeaders = CsvHeaders.LABELS) -> Iterator[str]:
    """Yield one row per service as CSV. With labels it is for people, so it opens cleanly in
    Excel (UTF-8 with a byte-order mark); with ids it is for code, which a BOM trips up."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if headers is CsvHeaders.LABELS:
        out.write("\ufeff")
    # Labels hold rubric and tag names (`=1+1 (level)`): guarded as every cell is.
    writer.writerow([spreadsheet_cell(label) for label in csv_columns(view, headers)])
    for s in view["services"]:
        writer.writerow([spreadsheet_cell(cell) for cell in service_cells(view, s, headers)])
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
