"""What the HTML and Markdown portfolio show beyond the JSON: the summary and the pictures.

`build_pictures` reads a portfolio view (see `portfolio_view`) and decides, once, everything
the two read-aloud formats add: the opening sentences (each a whole template in `wording`),
the geometry of every SVG chart (rungs, movement, gaps to target, trend by type), which
columns are empty and so dropped, the out-of-scope counts, and the link to each service's
report. Templates only draw what it gives. Nothing here goes into JSON, CSV or the workbook,
whose figures stay as documented. Pure: no printing, no clock, no writing.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from coprod_ladder.language import _
from coprod_ladder.rendering.views import PortfolioView
from coprod_ladder.rendering.wording import names, say, say_count

#: The width of the rung chart, the row pictures and their axis (SVG user units). Narrow, so a
#: phone shows them near their natural size; CSS scales them up on a wide screen.
CHART_WIDTH = 360
ROW_WIDTH = 240
ROW_HEIGHT = 22
#: How many services the gaps picture draws; the table under it lists them all.
GAP_ROWS = 40
_MOVE_CELL = 34
#: Services that heard nobody are named in the summary up to this many; more are counted.
NAMED_QUIET = 5


def _heat(count: int, most: int) -> int:
    """The shade, 0 to 5, of a count among counts up to `most`: the same rule as the heat map."""
    return math.ceil(count / most * 5) if most and count else 0


def _signed(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:+.2f}"


def _summary(view: PortfolioView) -> list[str]:
    t, ladder = view["totals"], view["ladder"]
    total = t["services"]
    said = [say_count("summary-services", total, rubric=view["rubric"]["title"])]
    if not total:
        return said
    most = max(ladder, key=lambda r: (r["services"], -r["level"]))
    said.append(say_count("summary-most", most["services"], level=most["level"],
                          rung=most["name"], total=total, percent=most["percent"],
                          median=t["median_rung"]))
    floor = view["high_claim_floor"]
    if floor is not None:
        doing = sum(r["services"] for r in ladder if r["level"] >= floor["level"])
        said.append(say_count("summary-doing-with", doing, floor=floor["name"],
                              percent=round(100 * doing / total)))
    if t["with_target"]:
        said.append(say_count("summary-targets", t["with_target"],
                              reached=t["at_or_above_target"], below=len(view["gaps"])))
    m = view["movement"]
    if m is not None:
        if m["matched"]:
            said.append(say_count("summary-moved", m["matched"], up=m["up"], same=m["same"],
                                  down=m["down"], change=_signed(m["mean_change"])))
        if m["new"]:
            said.append(say_count("summary-new", len(m["new"])))
        if m["gone"]:
            said.append(say_count("summary-gone", len(m["gone"])))
    barriers = [f for f in view["weakest_factors"] if f["not_met"]][:3]
    if barriers:
        said.append(say_count("summary-barriers", len(barriers), barriers=names(
            [say("summary-barrier", name=f["name"], count=f["not_met"], total=total)
             for f in barriers])))
    else:
        said.append(say("summary-no-barriers"))
    voices = view["voices"]
    said.append(voices["sentence"])
    quiet = voices["not_heard"]
    if quiet and voices["heard"] and len(quiet) <= NAMED_QUIET:
        said.append(say("summary-not-heard",
                        names=names([str(s["service_name"]) for s in quiet])))
    elif quiet and voices["not_heard_sentence"]:
        said.append(voices["not_heard_sentence"])
    return said


def _x(level: float, top: int) -> float:
    """Where a rung (or a mean rung) sits across a row picture."""
    return round(14 + (level - 1) * (ROW_WIDTH - 28) / max(top - 1, 1), 1)


def _rung_chart(view: PortfolioView) -> dict[str, Any]:
    ladder, moved = view["ladder"], view["movement"] is not None
    base, tallest = 150.0, 128.0
    slot = (CHART_WIDTH - 8) / max(len(ladder), 1)
    bar = slot * (0.36 if moved else 0.6)
    most = max([r["services"] for r in ladder]
               + [r["previous_services"] or 0 for r in ladder] + [1])
    columns = []
    for i, r in enumerate(ladder):
        left = 4 + i * slot
        bars = []
        series = [("before", r["previous_services"] or 0)] if moved else []
        for j, (kind, count) in enumerate([*series, ("now", r["services"])]):
            x = left + (slot - bar * (2 if moved else 1) - (4 if moved else 0)) / 2 + j * (bar + 4)
            height = round(tallest * count / most, 1)
            bars.append({"kind": kind, "count": count, "x": round(x, 1), "width": round(bar, 1),
                         "y": round(base - height, 1), "height": height,
                         "label_x": round(x + bar / 2, 1), "label_y": round(base - height - 4, 1)})
        columns.append({"level": r["level"], "bars": bars, "x": round(left + 3, 1),
                        "width": round(slot - 6, 1), "centre": round(left + slot / 2, 1)})
    return {"width": CHART_WIDTH, "height": base + 30, "base": base, "swatch_y": base + 6,
            "columns": columns}


def _movement(view: PortfolioView) -> dict[str, Any] | None:
    if view["movement"] is None:
        return None
    levels = [r["level"] for r in view["ladder"]]
    pairs: Counter[tuple[int, int]] = Counter()
    for s in view["services"]:
        if s["previous_rung_level"] is not None and s["rung"] is not None:
            pairs[(s["previous_rung_level"], s["rung"]["level"])] += 1
    most = max(pairs.values(), default=0)
    left, top, n = 44, 22, len(levels)
    cells = [{"before": b, "now": a, "count": pairs[(b, a)], "shade": _heat(pairs[(b, a)], most),
              "x": left + i * _MOVE_CELL, "y": top + (n - 1 - j) * _MOVE_CELL,
              "same": a == b}
             for j, a in enumerate(levels) for i, b in enumerate(levels)]
    rows = [{"now": a, "counts": [pairs[(b, a)] for b in levels]} for a in reversed(levels)]
    return {"cell": _MOVE_CELL, "left": left, "top": top, "cells": cells, "rows": rows,
            "levels": [{"level": lv, "x": left + i * _MOVE_CELL,
                        "y": top + (n - 1 - i) * _MOVE_CELL} for i, lv in enumerate(levels)],
            "axis_y": top + n * _MOVE_CELL + 4,
            "width": left + n * _MOVE_CELL + 6, "height": top + n * _MOVE_CELL + 48}


def _gaps(view: PortfolioView, top: int) -> list[dict[str, Any]]:
    rows = []
    for g in view["gaps"][:GAP_ROWS]:
        if g["rung"] is None or g["target"] is None:
            continue
        at, to = _x(g["rung"]["level"], top), _x(g["target"]["level"], top)
        rows.append({**g, "at": at, "to": to, "line_to": round(to - 7, 1),
                     "words": say("gap-picture", service=g["service_name"],
                                  level=g["rung"]["level"], target=g["target"]["level"])})
    return rows


def _trend(view: PortfolioView, top: int) -> list[dict[str, Any]]:
    rows = []
    for a in view["activities"]:
        now, before = a["mean_rung"], a["previous_mean_rung"]
        words = (say("trend-picture", type=a["name"], now=f"{now:.1f}", before=f"{before:.1f}")
                 if now is not None and before is not None
                 else say("trend-picture-now", type=a["name"], now=f"{now:.1f}")
                 if now is not None else None)
        change = None if now is None or before is None else round(now - before, 2)
        rows.append({"id": a["id"], "name": a["name"], "now": now, "before": before,
                     "change": change, "words": words,
                     "now_x": None if now is None else _x(now, top),
                     "before_x": None if before is None else _x(before, top),
                     # The arrow from last cycle to now, when the mean moved enough to see.
                     "arrow": change is not None and abs(change) >= 0.1})
    return rows


def build_pictures(view: PortfolioView) -> dict[str, Any]:
    """Everything the HTML and Markdown portfolio add to the view, decided once."""
    top = len(view["ladder"])
    reports: dict[str, str] = {}
    any_target = any_team = False
    for s in view["services"]:
        if s["report"] and s["service_id"] not in reports:
            reports[s["service_id"]] = s["report"]
        any_target = any_target or s["target"] is not None
        any_team = any_team or bool(s["team"])
    scoped = [(a["name"], a["out_of_scope"]) for a in view["activities"] if a["out_of_scope"]]
    return {
        "summary": _summary(view),
        "rung_chart": _rung_chart(view),
        "movement": _movement(view),
        "gaps": _gaps(view, top),
        "gap_rows_left_off": max(len(view["gaps"]) - GAP_ROWS, 0),
        "trend": _trend(view, top),
        "axis": [{"level": r["level"], "x": _x(r["level"], top)} for r in view["ladder"]],
        "row_width": ROW_WIDTH, "row_height": ROW_HEIGHT,
        "columns": {"target": any_target, "team": any_team,
                    "holds_back": any(f["gates"] for f in view["weakest_factors"])},
        "out_of_scope_by_type": scoped,
        "reports": reports,
        # Words, not ids, where a person reads: each criterion's statement by its id.
        "statements": {c["id"]: c["statement"] for c in view["high_claim_criteria"]},
    }
