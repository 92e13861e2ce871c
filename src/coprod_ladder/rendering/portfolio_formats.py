"""The formats of the portfolio: the registry `PORTFOLIO`, and what its renderers take.

As `report_formats` for a service's report: one `Renderer` a format, and `coprod portfolio`
reads its `--format` choices, default and file names from here. Text renderers yield pieces,
so a large portfolio is written as it is made. Pure, like every renderer: the same document
always gives byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from coprod_ladder.rendering.csv_table import CsvHeaders, iter_csv
from coprod_ladder.rendering.json_stream import iter_json
from coprod_ladder.rendering.portfolio_pictures import build_pictures
from coprod_ladder.rendering.registry import Registry, Renderer
from coprod_ladder.rendering.templates import template_pieces
from coprod_ladder.rendering.views import PlanRowView, PortfolioView


@dataclass(frozen=True)
class PortfolioDocument:
    """What the portfolio formats render: the view, the action plan rows, the CSV header."""

    view: PortfolioView
    plan: Iterable[PlanRowView] = ()
    csv_headers: CsvHeaders = CsvHeaders.LABELS


def _portfolio_json(doc: PortfolioDocument) -> Iterator[str]:
    yield from iter_json(doc.view, 0)
    yield "\n"


def _read_aloud(template: str, doc: PortfolioDocument) -> Iterator[str]:
    """HTML and Markdown: the view, plus the summary and pictures only they show."""
    return template_pieces(template, p=doc.view, pic=build_pictures(doc.view))


def _portfolio_workbook(doc: PortfolioDocument, target: BinaryIO) -> None:
    from coprod_ladder.rendering.workbook import write_portfolio_workbook  # xlsxwriter: on use

    write_portfolio_workbook(doc.view, doc.plan, target)


PORTFOLIO: Registry[PortfolioDocument] = Registry(
    "portfolio",
    [Renderer("html", pieces=lambda d: _read_aloud("portfolio.html.j2", d)),
     Renderer("md", pieces=lambda d: _read_aloud("portfolio.md.j2", d)),
     Renderer("json", pieces=_portfolio_json),
     Renderer("csv", pieces=lambda d: iter_csv(d.view, d.csv_headers)),
     Renderer("xlsx", write_to=_portfolio_workbook)],
    default=("html", "md", "json", "csv", "xlsx"),
    aliases={"markdown": "md"},
)

#: The portfolio formats `--out -` can send to a script reading stdout.
PORTFOLIO_TO_STDOUT = ("json", "csv")
