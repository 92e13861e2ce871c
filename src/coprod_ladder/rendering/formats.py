"""The output formats: one registry for a service's report, one for the portfolio.

A `Renderer` (see `registry`) is one format: its name (what `--format` takes, and the file
suffix), whether its output is text or binary, and how it renders a view. `coprod score`,
`coprod assess`, `coprod demo` and `coprod portfolio` read their `--format` choices, defaults
and file names from these registries, and write every file through `report_files`, so
adding a format is one entry here (and a template in `reports/` if it has one). Text
renderers yield pieces, so a large portfolio is written as it is made.

Pure: a text renderer returns its text; a binary one writes only into the stream it is given
(a temp file, or memory for `render_bytes`). None reads the clock; the same view always gives
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from coprod_ladder.json_text import dumps_finite
from coprod_ladder.rendering.csv_table import CsvHeaders, iter_csv
from coprod_ladder.rendering.json_stream import iter_json
from coprod_ladder.rendering.registry import Registry, Renderer
from coprod_ladder.rendering.templates import template_pieces, template_text
from coprod_ladder.rendering.views import PlanRowView, PortfolioView, ReportView

# --------------------------------------------------------------------------------------------
# A service's report
# --------------------------------------------------------------------------------------------


def _service_json(view: ReportView) -> Iterator[str]:
    yield dumps_finite(view) + "\n"


def _service_workbook(view: ReportView, target: BinaryIO) -> None:
    from coprod_ladder.rendering.workbook import write_action_plan_workbook  # xlsxwriter: on use

    write_action_plan_workbook(view, target)


SERVICE_REPORTS: Registry[ReportView] = Registry(
    "report",
    [Renderer("html", pieces=lambda v: template_text("service.html.j2", v=v)),
     Renderer("md", pieces=lambda v: template_text("service.md.j2", v=v)),
     Renderer("json", pieces=_service_json),
     Renderer("xlsx", write_to=_service_workbook)],
    default=("html", "md", "json"),
    aliases={"markdown": "md"},
)


# --------------------------------------------------------------------------------------------
# The portfolio
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioDocument:
    """What the portfolio formats render: the view, the action plan rows, the CSV header."""

    view: PortfolioView
    plan: Iterable[PlanRowView] = ()
    csv_headers: CsvHeaders = CsvHeaders.LABELS


def _portfolio_json(doc: PortfolioDocument) -> Iterator[str]:
    yield from iter_json(doc.view, 0)
    yield "\n"


def _portfolio_workbook(doc: PortfolioDocument, target: BinaryIO) -> None:
    from coprod_ladder.rendering.workbook import write_portfolio_workbook  # xlsxwriter: on use

    write_portfolio_workbook(doc.view, doc.plan, target)


PORTFOLIO: Registry[PortfolioDocument] = Registry(
    "portfolio",
    [Renderer("html", pieces=lambda d: template_pieces("portfolio.html.j2", p=d.view)),
     Renderer("md", pieces=lambda d: template_pieces("portfolio.md.j2", p=d.view)),
     Renderer("json", pieces=_portfolio_json),
     Renderer("csv", pieces=lambda d: iter_csv(d.view, d.csv_headers)),
     Renderer("xlsx", write_to=_portfolio_workbook)],
    default=("html", "md", "json", "csv", "xlsx"),
    aliases={"markdown": "md"},
)

#: The portfolio formats `--out -` can send to a script reading stdout.
PORTFOLIO_TO_STDOUT = ("json", "csv")
