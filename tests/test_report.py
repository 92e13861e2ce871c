"""Gap reports: golden files in every format, escaping of typed text, determinism.

Golden files are rewritten with COPROD_UPDATE_GOLDEN=1; review the diff before committing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import golden_files
from coprod_ladder.answers.read import load_answers
from coprod_ladder.rendering.report_formats import SERVICE_REPORTS
from coprod_ladder.rendering.service_report import build_view
from coprod_ladder.rendering.views import ReportView
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.safe_text import markdown_text
from coprod_ladder.scoring import score

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden" / "reports"


def check_golden(actual: str, name: str) -> None:
    golden_files.check_golden(actual, GOLDEN / name)


TEXT_FORMATS = [r.name for r in SERVICE_REPORTS if not r.binary]


def render(view: ReportView, fmt: str) -> str:
    return SERVICE_REPORTS.get(fmt).render_bytes(view).decode("utf-8")


def render_bytes(view: ReportView, fmt: str) -> bytes:
    return SERVICE_REPORTS.get(fmt).render_bytes(view)


def mini_view() -> ReportView:
    rubric, _ = load_rubric(str(DATA / "rubrics" / "mini.yaml"))
    answers, warnings = load_answers(DATA / "answers" / "mini-service.yaml", rubric)
    return build_view(score(rubric, answers), warnings)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_report_matches_golden_file(fmt: str) -> None:
    check_golden(render(mini_view(), fmt), f"mini-service.{fmt}")


@pytest.mark.parametrize("fmt", SERVICE_REPORTS.names())
def test_same_input_gives_byte_identical_reports(fmt: str) -> None:
    assert render_bytes(mini_view(), fmt) == render_bytes(mini_view(), fmt)


def test_html_shows_typed_markup_as_text() -> None:
    html = render(mini_view(), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert "Harbour Youth &lt;Club&gt; &amp; &#34;Friends&#34;" in html
    assert "<b>this year</b>" not in html


def test_html_is_self_contained() -> None:
    html = render(mini_view(), "html")
    for needle in ("<script", "src=\"http", "href=\"http", "@import", "url("):
        assert needle not in html


def test_markdown_escapes_typed_links_and_html() -> None:
    md = render(mini_view(), "md")
    assert "<script>" not in md and "[sometimes](http" not in md
    assert "\\[sometimes\\]" in md


def test_json_report_keeps_typed_text_exactly_and_is_sorted() -> None:
    text = render(mini_view(), "json")
    data = json.loads(text)
    assert data["format"] == "coprod-report/3"
    assert data["service"]["name"] == 'Harbour Youth <Club> & "Friends"'
    assert data["rung"]["id"] == "told"
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("typed", "escaped"), [
    ("a*b*", "a\\*b\\*"),
    ("[x](y)", "\\[x\\](y)"),
    ("<i>", "\\<i\\>"),
    ("a|b", "a\\|b"),
    ("line one\nline two", "line one line two"),
])
def test_markdown_text(typed: str, escaped: str) -> None:
    assert markdown_text(typed) == escaped


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_shipped_example_report_matches_golden_file(fmt: str) -> None:
    from coprod_ladder.resources import examples_dir

    rubric, _ = load_rubric("default")
    example = examples_dir() / "send-team.yaml"
    from coprod_ladder.answers.read import parse_answers

    answers, diagnostics = parse_answers(example.read_bytes(), "examples/send-team.yaml", rubric)
    assert answers is not None, diagnostics
    check_golden(render(build_view(score(rubric, answers), diagnostics), fmt),
                 f"send-team.{fmt}")


@pytest.mark.parametrize("example", ["send-team", "fostering-team"])
def test_the_terminal_summary_matches_golden_file(example: str) -> None:
    """What a manager reads first after `coprod score` or `assess`: the verdict, the profile,
    the target and the next steps by kind, as plain text (a reviewed golden, like the reports)."""
    from coprod_ladder.answers.read import parse_answers
    from coprod_ladder.rendering.terminal import plain_text, summary_lines
    from coprod_ladder.resources import examples_dir

    rubric, _ = load_rubric("default")
    path = examples_dir() / f"{example}.yaml"
    answers, diagnostics = parse_answers(path.read_bytes(), f"examples/{example}.yaml", rubric)
    assert answers is not None, diagnostics
    view = build_view(score(rubric, answers), diagnostics)
    check_golden(plain_text(summary_lines(view)), f"{example}.summary.txt")


REPORT_JSON_DOC = Path(__file__).parent.parent / "docs" / "report-json.md"
#: Objects whose keys are the user's own (a service's tags), not the format's.
FREE_KEYS = {"tags"}


def undocumented_keys(report: dict[str, object], doc: str) -> list[str]:
    """Every key of the report, at any depth, that docs/report-json.md does not describe.

    A top-level key needs its row in the table (`key` in the first cell); a key below it must
    be named in that row, or in the shapes every row shares (a rung's and an action's fields,
    written `{id, level, ...}` or named in backticks after the table).
    """
    rows: dict[str, str] = {}
    for line in doc.splitlines():
        if line.startswith("| `"):
            for key in re.findall(r"`(\w+)`", line.split(" | ")[0]):
                rows[key] = line
    after_table = doc.split("\n| `warnings`")[-1]
    shared = {word for shape in re.findall(r"\{([^}]*)\}", after_table)
              for word in re.findall(r"\w+", shape)} | set(re.findall(r"`(\w+)`", after_table))
    missing: list[str] = []

    def walk(value: object, words: set[str], path: str) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, words, f"{path}[]")
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in words and key not in shared:
                    missing.append(f"{path}.{key}")
                if key not in FREE_KEYS:
                    walk(item, words, f"{path}.{key}")

    for key, value in report.items():
        if key not in rows:
            missing.append(key)
        else:
            walk(value, set(re.findall(r"\w+", rows[key])), key)
    return sorted(set(missing))


def _send_team_view() -> ReportView:
    from coprod_ladder.answers.read import parse_answers
    from coprod_ladder.resources import examples_dir

    rubric, _ = load_rubric("default")
    example = examples_dir() / "send-team.yaml"
    answers, diagnostics = parse_answers(example.read_bytes(), "examples/send-team.yaml", rubric)
    assert answers is not None, diagnostics
    return build_view(score(rubric, answers), diagnostics)


@pytest.mark.parametrize("view", [mini_view, _send_team_view], ids=["mini", "send-team"])
def test_json_report_keys_are_documented_at_every_depth(view: object) -> None:
    assert callable(view)
    report = json.loads(render(view(), "json"))
    assert undocumented_keys(report, REPORT_JSON_DOC.read_text("utf-8")) == []


def test_an_undocumented_nested_key_fails_the_check() -> None:
    doc = REPORT_JSON_DOC.read_text("utf-8")
    report = json.loads(render(mini_view(), "json"))
    report["progress"]["surprise"] = 1
    report["profile"][0]["next_steps"].append({"hidden": True})
    report["service"]["tags"]["area"] = "north"  # the user's own keys are not the format's
    assert undocumented_keys(report, doc) == ["profile[].next_steps[].hidden",
                                              "progress.surprise"]


def test_markdown_escapes_markup_typed_into_rubric_and_answers(tmp_path: Path) -> None:
    import re

    import payloads

    rubric_path, rubric_fields = payloads.hostile_rubric(tmp_path)
    answers_path, answer_fields = payloads.hostile_answers(tmp_path)
    assert rubric_fields > 300 and answer_fields > 50
    rubric, _ = load_rubric(str(rubric_path))
    answers, _ = load_answers(answers_path, rubric)
    md = render(build_view(score(rubric, answers)), "md")
    assert md.count("window.\\_\\_pwned=1") > 100  # the payload is there, as text
    live = re.findall(r"(?<!\\)<(?:img|svg|script)|(?<!\\)\]\(javascript", md)
    assert live == [], "markup left live in the Markdown"
    # Every row of a table has as many unescaped pipes as its header.
    header = 0
    for line in md.splitlines():
        pipes = len(re.findall(r"(?<!\\)\|", line))
        if not line.startswith("|"):
            header = 0
        elif not header:
            header = pipes
        else:
            assert pipes == header, line


def test_validated_by_starts_its_cell_when_nobody_was_quoted() -> None:
    view = mini_view()
    answer = next(a for a in view["answers"] if a["validated"])
    answer["cyp_say"] = None
    html = render(view, "html")
    assert "<td>Validated by Youth council" in html and "<td><br>" not in html
    answer["cyp_say"] = "They listen"
    assert "<q>They listen</q><br>Validated by Youth council" in render(view, "html")


def test_mean_rungs_and_report_links_are_written_one_way() -> None:
    from coprod_ladder.rendering.templates import environment

    filters = environment().filters
    assert [filters["mean"](v) for v in (4.0, 3.8, 3.91, None)] == ["4.0", "3.8", "3.9", "–"]
    assert [filters["urlpath"](f"services/{n}.html") for n in ("camhs#2026", "youth?v=1",
                                                                "send 50%")] == [
        "services/camhs%232026.html", "services/youth%3Fv%3D1.html", "services/send%2050%25.html"]


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (0, 7, 0), (1, 3, 33), (2, 3, 67), (1, 8, 12), (3, 8, 38), (7, 7, 100), (0, 0, 0),
    # 3/40 is 7.5%: from the counts it rounds to even (8); 0.075 * 100 would give 7.
    (3, 40, 8),
])
def test_every_percentage_is_rounded_one_way_from_the_counts(part: int, whole: int,
                                                             expected: int) -> None:
    from coprod_ladder.rendering.wording import whole_percent

    assert whole_percent(part, whole) == expected
