"""The formats of a service's report: the registry `SERVICE_REPORTS`.

A `Renderer` (see `registry`) is one format: its name (what `--format` takes, and the file
suffix), whether its output is text or binary, and how it renders a view. `coprod score`,
`coprod assess`, `coprod demo` and `portfolio --service-reports` read their `--format`
choices, defaults and file names from this registry, and write every file through
`report_files`, so adding a format is one entry here (and a template in `reports/` if it has
one). The portfolio's formats are apart, in `portfolio_formats`, so a command that writes
service reports never loads the portfolio's renderers.

Pure: a text renderer returns its text; a binary one writes only into the stream it is given
(a temp file, or memory for `render_bytes`). None reads the clock; the same view always gives
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from coprod_ladder.json_text import dumps_finite, finite_json_file
from coprod_ladder.rendering.registry import Registry, Renderer
from coprod_ladder.rendering.templates import template_text
from coprod_ladder.rendering.views import ReportView


def _service_json(view: ReportView) -> Iterator[str]:
    yield dumps_finite(view) + "\n"


def _service_workbook(view: ReportView, target: BinaryIO) -> None:
    from coprod_ladder.rendering.workbook import write_action_plan_workbook  # xlsxwriter: on use

    write_action_plan_workbook(view, target)


SERVICE_REPORTS: Registry[ReportView] = Registry(
    "report",
    [Renderer("html", pieces=lambda v: template_text("service.html.j2", v=v)),
     Renderer("md", pieces=lambda v: template_text("service.md.j2", v=v)),
     Renderer("json", pieces=_service_json, encoded=finite_json_file),
     Renderer("xlsx", write_to=_service_workbook)],
    default=("html", "md", "json"),
    aliases={"markdown": "md"},
)
