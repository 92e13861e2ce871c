"""The one report writer: every service report and portfolio file goes to disk through here.

A service's reports are rendered (in a worker process or here) as `RenderedReports`, then
written by `write_service_reports` under the name `batch.unique_report_name` chose; the
portfolio is written by `write_portfolio_files`, text formats piece by piece. Every file is
written atomically (see `atomic_files`), so a stopped run never leaves half a report.
It never prints or exits; an output problem is an `OutputError` for the shell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from coprod_ladder.atomic_files import (
    LeftoverIndex,
    atomic_writer,
    make_folder,
    make_folders_within,
    write_atomically,
    write_pieces_atomically,
)
from coprod_ladder.rendering.registry import Renderer
from coprod_ladder.rendering.views import ReportView

if TYPE_CHECKING:  # only a type here: writing service reports never loads the portfolio's
    from coprod_ladder.rendering.portfolio_formats import PortfolioDocument


@dataclass(frozen=True)
class RenderedReports:
    """One service's reports, ready to write: the bytes of each format, with its suffix."""

    files: tuple[tuple[str, bytes], ...]


def render_reports(view: ReportView,
                   renderers: Sequence[Renderer[ReportView]]) -> RenderedReports:
    """Render one view in every format asked for (the view is built once for all of them)."""
    return RenderedReports(tuple((r.suffix, r.render_bytes(view)) for r in renderers))


def write_service_reports(folder: Path, name: str, reports: RenderedReports, *,
                          leftovers: LeftoverIndex | None = None) -> int:
    """Write `folder/name.<suffix>` for each report; `name` may hold subfolders (north/a).

    `folder` is the one the user named (made if missing; a link there is followed). Below it,
    coprod names everything, so a symlink is never followed: one in place of a report is
    replaced, one in place of a subfolder refused (see `atomic_files`). Returns the number
    of files written.
    """
    make_folder(folder)
    parent, _, stem = name.rpartition("/")
    target = (make_folders_within(folder, parent) if parent else folder) / stem
    for suffix, data in reports.files:
        write_atomically(target.with_name(f"{target.name}.{suffix}"), data, leftovers=leftovers)
    return len(reports.files)


def write_portfolio_files(folder: Path, doc: PortfolioDocument,
                          renderers: Sequence[Renderer[PortfolioDocument]]) -> list[str]:
    """Write `folder/portfolio.<suffix>` in each format; return the file names, in order.

    Text formats are written as they are rendered, so a portfolio of many thousands of
    services is never one string in memory. A symlink in place of a portfolio file is replaced,
    never followed (coprod names these files).
    """
    names: list[str] = []
    for renderer in renderers:
        path = folder / f"portfolio.{renderer.suffix}"
        if renderer.write_to is not None:  # straight into the temp file: never whole in memory
            with atomic_writer(path, binary=True) as handle:
                renderer.write_to(doc, cast(BinaryIO, handle))
        else:
            write_pieces_atomically(path, renderer.text_pieces(doc))
        names.append(path.name)
    return names
