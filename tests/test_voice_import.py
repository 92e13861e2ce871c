"""`coprod voice template` and `coprod voice import`: from the rubric to a form and back.

The exports are written the way the tools write them: Microsoft Forms' workbook (ID, Start
time, Completion time, Email, Name, then one column per question titled with its text, dates
as Excel dates) and its CSV (UTF-8 with a BOM, CRLF line ends); Google Forms' CSV (a first
column titled "Timestamp", or "Carimbo de data/hora" in a Portuguese sheet); the paper CSV
the template writes; and form response files. Each import of 30 responses is read back from
the voice file it wrote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from coprod_ladder.errors import ExitCode
from coprod_ladder.model import VoiceGroup
from coprod_ladder.rendering.voice_words import ANSWER_WORDS
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.voice.model import AgeBand, Collector, HelpedBy, VoiceAnswer
from coprod_ladder.voice.read import load_voice
from coprod_ladder.voice.template import about_titles, item_codes, questions_for
from golden_files import check_golden

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
YOUTH = EXAMPLES / "youth-service.yaml"
SERVICE = "northfield-youth"
RUBRIC = load_rubric("default")[0]
GROUP = VoiceGroup.YOUNG_PEOPLE
QUESTIONS = questions_for(RUBRIC, GROUP)
SCALE = list(ANSWER_WORDS.values())
MS_METADATA = ["ID", "Start time", "Completion time", "Email", "Name"]
RESPONSES = 30
GOLDEN = Path(__file__).parent / "golden" / "help"


def _answers(n: int) -> list[str]:
    """Respondent n's answers: the scale in turn, a blank now and then, letter case varied."""
    cells = []
    for q in range(len(QUESTIONS)):
        word = SCALE[(n + q) % len(SCALE)]
        cells.append("" if (n + q) % 11 == 0 else word.upper() if n % 3 == 0 else word)
    return cells


def _about(n: int) -> list[str]:
    return [["13 to 15", "16 to 18", "Rather not say"][n % 3],
            ["Nobody, I did it myself", "Someone who works here"][n % 2],
            "I like the Tuesday group" if n % 5 == 0 else ""]


def _header() -> list[str]:
    return [q.title for q in QUESTIONS] + about_titles(GROUP)


def _ms_rows(count: int = RESPONSES) -> list[list[object]]:
    start = dt.datetime(2026, 11, 2, 16, 5, 0)
    return [[n, start + dt.timedelta(minutes=n), start + dt.timedelta(minutes=n + 4),
             "anonymous", "", *_answers(n), *_about(n)] for n in range(1, count + 1)]


def ms_forms_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(MS_METADATA + _header())
    for row in _ms_rows() if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[object]], *, bom: bool = True) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8"))
    return path


def _imported(run_cli, tmp_path: Path, *files: Path, extra: tuple[object, ...] = (),
              exit_code: int = 0):
    result = run_cli("voice", "import", *files, "--service", SERVICE, "--out", tmp_path / "out",
                     *extra, exit_code=exit_code)
    return result


def _voice(tmp_path: Path):
    return load_voice(tmp_path / "out" / f"{SERVICE}.voice.yaml", RUBRIC)[0]


# ---- template ----------------------------------------------------------------------------

def test_the_template_lists_each_question_with_its_code_and_the_scale(run_cli,
                                                                       tmp_path: Path) -> None:
    result = run_cli("voice", "template", YOUTH, "--for", "young-people", "--out", tmp_path,
                     exit_code=0)
    text = (tmp_path / f"{SERVICE}.young-people.form.txt").read_text(encoding="utf-8")
    assert f"default version {RUBRIC.version} for the service northfield-youth" in text
    assert "coprod voice import FILE --service northfield-youth --for young-people" in text
    codes = item_codes(RUBRIC)
    assert f"[{codes['co-design-told-back']}] When you gave your views, did staff tell you what " \
           "they did with them?\nNever\nNot often\nSometimes\nMostly\nAlways\nDon't know\n" \
           "Rather not say\n" in text
    assert "[AGE] How old are you?\n13 to 15\n" in text
    assert "paper.csv" in result.stderr and "23 questions" in result.stderr


def test_codes_follow_rubric_order_and_are_the_same_for_every_group() -> None:
    codes = item_codes(RUBRIC)
    assert codes[RUBRIC.criteria[0].id] == "Q01"
    assert codes[RUBRIC.criteria[6].id] == "Q07"
    for group in VoiceGroup:
        assert all(q.code == codes[q.item] for q in questions_for(RUBRIC, group))


def test_the_paper_csv_holds_the_same_titles_and_opens_in_excel(run_cli, tmp_path: Path) -> None:
    run_cli("voice", "template", YOUTH, "--for", "young-people", "--out", tmp_path, exit_code=0)
    raw = (tmp_path / f"{SERVICE}.young-people.paper.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[0] == f"[FORM] default {RUBRIC.version} northfield-youth young-people"
    assert header[2:] == _header()


def test_the_template_is_byte_identical_run_to_run(run_cli, tmp_path: Path) -> None:
    for out in ("a", "b"):
        run_cli("voice", "template", YOUTH, "--for", "parents", "--out", tmp_path / out,
                exit_code=0)
    for name in (f"{SERVICE}.parents.form.txt", f"{SERVICE}.parents.paper.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# ---- import: the tools' exports --------------------------------------------------------------

def test_a_microsoft_forms_workbook_of_30_responses(run_cli, tmp_path: Path) -> None:
    export = ms_forms_xlsx(tmp_path / "What you think of Northfield Youth(1-30).xlsx")
    result = _imported(run_cli, tmp_path, export, extra=("--for", "young-people"))
    voice = _voice(tmp_path)
    assert len(voice.respondents) == RESPONSES
    assert voice.source is not None and voice.source.collector is Collector.MICROSOFT_FORMS
    assert voice.source.files == [export.name]
    first = voice.respondents[0]
    assert first.group is VoiceGroup.YOUNG_PEOPLE and first.age_band is AgeBand.FROM_16_TO_18
    assert first.helped_by is HelpedBy.STAFF and first.comment is None
    assert first.answers[QUESTIONS[0].item] is VoiceAnswer.NOT_OFTEN
    # n=3 wrote every answer in capitals
    assert voice.respondents[2].answers[QUESTIONS[0].item] is VoiceAnswer.MOSTLY
    text = (tmp_path / "out" / f"{SERVICE}.voice.yaml").read_text(encoding="utf-8")
    assert "anonymous" not in text and "Tuesday" not in text
    assert "6 comments not kept" in result.stderr and "not stored: Email, Name" in result.stderr


def test_the_group_is_read_from_the_question_titles(run_cli, tmp_path: Path) -> None:
    _imported(run_cli, tmp_path, ms_forms_xlsx(tmp_path / "export.xlsx"))
    assert {p.group for p in _voice(tmp_path).respondents} == {VoiceGroup.YOUNG_PEOPLE}


def test_a_microsoft_forms_csv_with_a_bom_and_crlf(run_cli, tmp_path: Path) -> None:
    rows = [[str(c) for c in row] for row in _ms_rows()]
    export = write_csv(tmp_path / "export.csv", MS_METADATA + _header(), rows)
    _imported(run_cli, tmp_path, export, extra=("--for", "young-people"))
    assert len(_voice(tmp_path).respondents) == RESPONSES


@pytest.mark.parametrize("stamp", ["Timestamp", "Carimbo de data/hora"])
def test_a_google_forms_csv_with_its_localised_timestamp(run_cli, tmp_path: Path,
                                                         stamp: str) -> None:
    rows = [[f"02/11/2026 16:{n:02d}:00", *_answers(n), *_about(n)]
            for n in range(1, RESPONSES + 1)]
    export = write_csv(tmp_path / "Responses - Form responses 1.csv", [stamp, *_header()],
                       rows, bom=False)
    _imported(run_cli, tmp_path, export, extra=("--for", "young-people", "--keep-comments"))
    voice = _voice(tmp_path)
    assert len(voice.respondents) == RESPONSES
    assert voice.source is not None and voice.source.collector is Collector.GOOGLE_FORMS
    assert sum(p.comment is not None for p in voice.respondents) == 6


def test_kept_comments_are_flagged_for_the_lead(run_cli, tmp_path: Path) -> None:
    result = _imported(run_cli, tmp_path, ms_forms_xlsx(tmp_path / "export.xlsx"),
                       extra=("--keep-comments", "--lead", "the participation lead"))
    assert "the participation lead must read them before anyone else" in result.stderr
    assert any(p.comment == "I like the Tuesday group" for p in _voice(tmp_path).respondents)


def test_the_paper_csv_and_a_response_file_merge_into_one_voice_file(run_cli,
                                                                     tmp_path: Path) -> None:
    run_cli("voice", "template", YOUTH, "--for", "young-people", "--out", tmp_path, exit_code=0)
    paper = tmp_path / f"{SERVICE}.young-people.paper.csv"
    header = next(csv.reader(io.StringIO(paper.read_text(encoding="utf-8-sig"))))
    write_csv(paper, header, [["", str(n), *_answers(n), *_about(n)] for n in range(1, 29)])
    response = tmp_path / "response.yaml"
    item = QUESTIONS[0].item
    response.write_text(
        f"format: coprod-voice/1\nrubric: {{id: default, version: {RUBRIC.version}}}\n"
        f"service: {SERVICE}\nsource: {{collector: coprod-form, form_version: '1'}}\n"
        "respondents:\n"
        f"  - {{id: f7k2, group: young-people, age_band: 13-15, answers: {{{item}: always}}}}\n"
        f"  - {{id: f7k3, group: children, age_band: 8-12, answers: {{{item}: never}}}}\n",
        encoding="utf-8")
    _imported(run_cli, tmp_path, paper, response)
    voice = _voice(tmp_path)
    assert len(voice.respondents) == RESPONSES
    assert [p.id for p in voice.respondents][:2] == ["r0001", "r0002"]
    assert voice.respondents[-1].group is VoiceGroup.CHILDREN


def test_a_mapping_file_reads_a_councils_own_titles(run_cli, tmp_path: Path) -> None:
    header = ["Timestamp", "Were you asked how good the youth club is?", "Age", "Postcode"]
    export = write_csv(tmp_path / "ours.csv", header,
                       [["2026-11-02 10:00", "Mostly", "13 to 15", "XX1 1XX"]])
    (tmp_path / "map.yaml").write_text(
        "columns:\n  Were you asked how good the youth club is?: co-assessment-consulting\n"
        "  age: AGE\n  Postcode: drop\n", encoding="utf-8")
    result = _imported(run_cli, tmp_path, export,
                       extra=("--for", "young-people", "--mapping", tmp_path / "map.yaml"))
    person = _voice(tmp_path).respondents[0]
    assert person.answers == {"co-assessment-consulting": VoiceAnswer.MOSTLY}
    assert "XX1" not in (tmp_path / "out" / f"{SERVICE}.voice.yaml").read_text(encoding="utf-8")
    assert "not stored: Postcode" in result.stderr


# ---- import: bad input -------------------------------------------------------------------

def _bad_row_export(tmp_path: Path) -> Path:
    rows = _ms_rows(5)
    rows[1][5] = "Often"  # row 3, column F: off the scale
    rows[3][0] = 1  # row 5: the ID of row 2 again
    return ms_forms_xlsx(tmp_path / "export.xlsx", rows)


def test_bad_rows_are_findings_with_file_row_and_column_and_nothing_is_written(
        run_cli, tmp_path: Path) -> None:
    export = _bad_row_export(tmp_path)
    result = _imported(run_cli, tmp_path, export, exit_code=ExitCode.FINDINGS)
    assert f"{export}:3:6: error [voice-off-scale] 'Often' (column F" in result.stderr
    assert f"{export}:5:1: error [voice-duplicate-response]" in result.stderr
    assert "nothing written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_skip_bad_rows_imports_the_rest_and_lists_them(run_cli, tmp_path: Path) -> None:
    result = _imported(run_cli, tmp_path, _bad_row_export(tmp_path),
                       extra=("--skip-bad-rows",))
    assert len(_voice(tmp_path).respondents) == 3
    assert "row 3: 'Often'" in result.stderr and "row 5: the response id '1'" in result.stderr
    assert "2 rows skipped" in result.stderr


def test_a_formula_is_refused(run_cli, tmp_path: Path) -> None:
    rows = _ms_rows(2)
    rows[0][6] = '=IF(1,"Mostly","Never")'
    export = ms_forms_xlsx(tmp_path / "export.xlsx", rows)
    result = _imported(run_cli, tmp_path, export, exit_code=ExitCode.FINDINGS)
    assert f"{export}:2:7: error [voice-formula]" in result.stderr


def test_an_unknown_column_is_a_finding(run_cli, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "e.csv", ["ID", "Favourite colour", *_header()],
                       [["1", "blue", *_answers(1), *_about(1)]])
    result = _imported(run_cli, tmp_path, export, exit_code=ExitCode.FINDINGS)
    assert f"{export}:1:2: error [voice-unknown-column] the column 'Favourite colour'" \
        in result.stderr


def test_a_form_from_another_version_is_refused(run_cli, tmp_path: Path) -> None:
    header = _header()
    header[0] = header[0].split("] ")[0] + "] Do staff listen to you?"
    export = write_csv(tmp_path / "e.csv", header, [[*_answers(1), *_about(1)]])
    result = _imported(run_cli, tmp_path, export, extra=("--for", "young-people"),
                       exit_code=ExitCode.FINDINGS)
    assert f"{export}:1:1: error [voice-not-this-version]" in result.stderr


@pytest.mark.parametrize(("stamp", "code"), [
    ("[FORM] default 2.0.0 northfield-youth young-people", "voice-not-this-version"),
    (f"[FORM] default {RUBRIC.version} camhs young-people", "voice-other-service"),
])
def test_a_paper_form_for_another_version_or_service_is_refused(
        run_cli, tmp_path: Path, stamp: str, code: str) -> None:
    export = write_csv(tmp_path / "paper.csv", [stamp, *_header()],
                       [["", *_answers(1), *_about(1)]])
    result = _imported(run_cli, tmp_path, export, exit_code=ExitCode.FINDINGS)
    assert f"{export}:1:1: error [{code}]" in result.stderr


def test_a_file_that_cannot_be_read_at_all_exits_3(run_cli, tmp_path: Path) -> None:
    broken = tmp_path / "export.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = _imported(run_cli, tmp_path, broken, exit_code=ExitCode.INPUT)
    assert f"{broken}:1:1: error [unreadable]" in result.stderr


def test_the_cli_names_the_groups_the_model_has() -> None:
    from coprod_ladder.cli.voice import GROUPS

    assert tuple(g.value for g in VoiceGroup) == GROUPS


def test_an_unknown_group_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("voice", "template", YOUTH, "--for", "teenagers", exit_code=ExitCode.USAGE)
    assert "'teenagers' is not a group" in result.output


@pytest.mark.parametrize("command", ["voice", "voice template", "voice form", "voice import",
                                     "voice back"])
def test_help_reads_as_reviewed(run_cli, command: str) -> None:
    text = run_cli(*command.split(), "--help", exit_code=0, env={"COLUMNS": "100"}).stdout
    check_golden(text, GOLDEN / f"{command.replace(' ', '-')}.txt")


def test_the_written_voice_file_matches_its_json_schema(run_cli, tmp_path: Path) -> None:
    import jsonschema
    import yaml

    from coprod_ladder.rubric.schemas import schema_for

    _imported(run_cli, tmp_path, ms_forms_xlsx(tmp_path / "export.xlsx"),
              extra=("--keep-comments",))
    data = yaml.safe_load((tmp_path / "out" / f"{SERVICE}.voice.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema_for("voice")).validate(data)
    data["respondents"][0]["answers"][QUESTIONS[0].item] = "often"
    assert not jsonschema.Draft202012Validator(schema_for("voice")).is_valid(data)


def test_every_import_code_is_documented() -> None:
    from coprod_ladder.voice.importing import IMPORT_CODES

    text = (Path(__file__).resolve().parents[1] / "docs" / "voice.md").read_text(encoding="utf-8")
    assert [code for code in IMPORT_CODES if f"`{code}`" not in text] == []
