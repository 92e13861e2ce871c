"""The output formats: one registry for a service's report, one for the portfolio.

A `Renderer` is one format: its name (what `--format` takes, and the file suffix), whether
its output is text or binary, and how it renders a view. `coprod score`, `coprod assess`,
`coprod demo` and `coprod portfolio` read their `--format` choices, defaults and file names
from these registries, and write every file through `report_files`, so adding a format is
one entry here (and a template in `reports/` if it has one). Text renderers yield pieces,
so a large portfolio is written as it is made; `Renderer.render` joins them.

Pure: renderers return text or bytes and never read the clock; the same view always gives
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from coprod_ladder.json_text import dumps_sorted
from coprod_ladder.rendering.csv_table import CsvHeaders, iter_csv
from coprod_ladder.rendering.json_stream import iter_json
from coprod_ladder.rendering.templates import template_pieces
from coprod_ladder.rendering.views import PlanRowView, PortfolioView, ReportView

V = TypeVar("V")


class UnknownFormat(ValueError):
    """A --format value no renderer answers to; the message lists the ones that do."""


@dataclass(frozen=True)
class Renderer(Generic[V]):
    """One output format of one kind of view."""

    name: str
    """What --format takes, and the file suffix."""
    pieces: Callable[[V], Iterable[str]] | None = None
    """Text formats: the text in pieces, ending with one newline."""
    data: Callable[[V], bytes] | None = None
    """Binary formats: the whole file."""

    @property
    def binary(self) -> bool:
        return self.data is not None

    @property
    def suffix(self) -> str:
        return self.name

    def text_pieces(self, view: V) -> Iterator[str]:
        """Yield a text format's pieces; refuses a binary format."""
        if self.pieces is None:
            raise ValueError(f"{self.name} is a binary format: use render_bytes")
        yield from self.pieces(view)

    def render(self, view: V) -> str | bytes:
        """Return the whole output: text for a text format, bytes for a binary one."""
        return self.render_bytes(view) if self.data is not None else "".join(
            self.text_pieces(view))

    def render_bytes(self, view: V) -> bytes:
        """Return the bytes of the file (text as UTF-8)."""
        if self.data is not None:
            return self.data(view)
        return "".join(self.text_pieces(view)).encode("utf-8")


class Registry(Generic[V]):
    """The formats of one kind of output, in the order help and file lists show them."""

    def __init__(self, what: str, renderers: Sequence[Renderer[V]],
                 default: Sequence[str], aliases: dict[str, str] | None = None) -> None:
        self.what = what
        self._by_name = {r.name: r for r in renderers}
        self.default = tuple(self._by_name[name] for name in default)
        self._aliases = aliases or {}

    def __iter__(self) -> Iterator[Renderer[V]]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return list(self._by_name)

    def names_text(self) -> str:
        """'html, md, json or xlsx', for messages and help."""
        names = self.names()
        return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]

    def get(self, name: str) -> Renderer[V]:
        """Return the renderer called `name` (any case, or an alias such as 'markdown')."""
        key = name.strip().lower()
        key = self._aliases.get(key, key)
        if key not in self._by_name:
            raise UnknownFormat(f"'{name}' is not a {self.what} format; use {self.names_text()}")
        return self._by_name[key]

    def choose(self, values: Sequence[str] | None) -> list[Renderer[V]]:
        """Return the formats asked for (repeated or comma-separated), each once, in order.

        None or nothing asked for gives the defaults.
        """
        chosen: list[Renderer[V]] = []
        for value in values or []:
            for part in value.split(","):
                renderer = self.get(part)
                if renderer not in chosen:
                    chosen.append(renderer)
        return chosen or list(self.default)


# --------------------------------------------------------------------------------------------
# A service's report
# --------------------------------------------------------------------------------------------


def _service_json(view: ReportView) -> Iterator[str]:
    yield dumps_sorted(view) + "\n"


def _service_workbook(view: ReportView) -> bytes:
    from coprod_ladder.rendering.workbook import action_plan_workbook  # xlsxwriter: on use

    return action_plan_workbook(view)


SERVICE_REPORTS: Registry[ReportView] = Registry(
    "report",
    [Renderer("html", pieces=lambda v: template_pieces("service.html.j2", v=v)),
     Renderer("md", pieces=lambda v: template_pieces("service.md.j2", v=v)),
     Renderer("json", pieces=_service_json),
     Renderer("xlsx", data=_service_workbook)],
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
    plan: Sequence[PlanRowView] = ()
    csv_headers: CsvHeaders = CsvHeaders.LABELS


def _portfolio_json(doc: PortfolioDocument) -> Iterator[str]:
    yield from iter_json(doc.view, 0)
    yield "\n"


def _portfolio_workbook(doc: PortfolioDocument) -> bytes:
    from coprod_ladder.rendering.workbook import portfolio_workbook  # xlsxwriter: on use

    return portfolio_workbook(doc.view, doc.plan)


PORTFOLIO: Registry[PortfolioDocument] = Registry(
    "portfolio",
    [Renderer("html", pieces=lambda d: template_pieces("portfolio.html.j2", p=d.view)),
     Renderer("md", pieces=lambda d: template_pieces("portfolio.md.j2", p=d.view)),
     Renderer("json", pieces=_portfolio_json),
     Renderer("csv", pieces=lambda d: iter_csv(d.view, d.csv_headers)),
     Renderer("xlsx", data=_portfolio_workbook)],
    default=("html", "md", "json", "csv", "xlsx"),
    aliases={"markdown": "md"},
)

#: The portfolio formats `--out -` can send to a script reading stdout.
PORTFOLIO_TO_STDOUT = ("json", "csv")
