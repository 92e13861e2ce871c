"""The command line in Welsh (issue 26): help, usage errors, bad input and summaries.

Each command runs as a user runs it (`COPROD_PREVIEW_LANGUAGE=1 coprod --lang cy ...`, a fresh
process) and what it prints must hold no English coprod's command line wrote: no message id of
cli.po word for word (`untranslated_messages`) and no common English word (`english_words`)
once the text others supply is taken out: findings from the core (`path:line:col: ...`), the
service summaries `rendering.terminal` builds (the rendering area's), rubric text. The same
commands in English print what they printed before the messages were wrapped (golden files
written by the code before this change).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_ladder import language
from coprod_ladder.cli import app
from coprod_ladder.cli.library_messages import CLICK, translated
from coprod_ladder.errors import ExitCode
from coprod_ladder.language.messages import read_language
from golden_files import check_golden
from welsh_check import english_words, untranslated_messages

GOLDEN = Path(__file__).parent / "golden" / "help"
DATA = Path(__file__).parent / "data"
#: A finding as the core words it: `path:line:col: severity [code] message` (not ours).
FINDING = re.compile(r"^\S+:\d+:\d+: (error|warning|info) \[[a-z0-9-]+\] .*$", re.MULTILINE)


def _coprod(*args: str, lang: str = "cy", cwd: Path | None = None
            ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COPROD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update({"COPROD_PREVIEW_LANGUAGE": "1", "NO_COLOR": "1", "COLUMNS": "100"})
    # The installed command, so usage lines name `coprod` as a user sees it.
    coprod = str(Path(sys.executable).with_name("coprod"))
    return subprocess.run([coprod, "--lang", lang, *args],
                          capture_output=True, text=True, env=env, timeout=120, cwd=cwd,
                          stdin=subprocess.DEVNULL, check=False)


@cache
def _cli_ids() -> frozenset[str]:
    """Every English message id of the command line's own catalogue (cli.po)."""
    ids: set[str] = set()
    for message in read_language("cy")["cli.po"]:
        if message.id:
            ids.update([message.id] if isinstance(message.id, str) else message.id)
    return frozenset(ids)


def _english_left(text: str, supplied: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """The command line's English left in `text`: message ids of cli.po, and English words."""
    others = (*supplied, *(m.group(0) for m in FINDING.finditer(text)))
    ids = [m for m in untranslated_messages(text, others) if m in _cli_ids()]
    return ids, english_words(text, others)


HELP = [[], ["score"], ["portfolio"], ["rubric", "check"]]


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "coprod")
def test_help_is_welsh(command: list[str]) -> None:
    done = _coprod(*command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Defnydd: coprod")
    assert "Opsiynau:" in done.stdout and "Dangos y neges hon a gadael." in done.stdout
    # not_placed: a CSV id the portfolio's --csv-headers help names (ids stay English)
    assert _english_left(done.stdout, ("not_placed",)) == ([], [])


def test_every_command_and_option_has_welsh_help() -> None:
    """Each command's and option's help in Welsh, the help of those not run above included: an
    English text left (not marked, or without its Welsh) is found by its English words."""
    import typer

    from coprod_ladder.cli.help import _translated_help, translate_commands

    texts: dict[str, str] = {}
    # Names that stay English: a CSV id, a YAML key, file names in the examples.
    names: set[str] = {"not_placed", "we_will", "you-said-we-did", "our-titles.yaml"}

    def walk(command: typer.core.TyperCommand | typer.core.TyperGroup, path: str) -> None:
        texts[path] = command.help or ""
        for param in _translated_help(list(command.params)):
            names.update(getattr(param, "opts", ()))
            if getattr(param, "help", None):
                texts[f"{path} {param.name}"] = param.help
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    with language.using("cy"):
        root = typer.main.get_command(app)
        translate_commands(root)
        walk(root, "coprod")
    assert len(texts) > 60
    left = {where: english_words(text, names) for where, text in texts.items()}
    assert {where: words for where, words in left.items() if words} == {}


def test_a_usage_error_is_welsh_and_exits_2() -> None:
    done = _coprod("score")
    assert done.returncode == ExitCode.USAGE
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "Defnydd: coprod score [OPTIONS] PATH...",
        "Rhowch gynnig ar 'coprod score -h' am gymorth.",
        "",
        "Gwall: Dadl ar goll: 'PATH'.",
    ]
    assert _english_left(done.stderr) == ([], [])


@pytest.mark.parametrize("args", [
    ["score", "--bogus", "x"],
    ["nosuch"],
    ["portfolio", "answers", "--min-group", "x"],
    ["rubric", "check", "--format", "zz", "x"],
    ["-q", "-v", "rubric", "list"],
    ["score", "-", "a.yaml"],
], ids=" ".join)
def test_other_usage_errors_are_welsh(args: list[str]) -> None:
    done = _coprod(*args)
    assert done.returncode == ExitCode.USAGE, done.stderr
    assert "Gwall: " in done.stderr
    assert _english_left(done.stderr) == ([], [])


def test_bad_input_is_welsh_and_exits_3(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("already here\n", encoding="utf-8")
    done = _coprod("rubric", "init", "mine.yaml", cwd=tmp_path)
    assert done.returncode == ExitCode.INPUT
    assert done.stderr == "gwall: mae mine.yaml yn bodoli'n barod; dewiswch enw arall\n"
    missing = _coprod("score", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert missing.returncode == ExitCode.INPUT
    assert "Sgoriwyd 0 gwasanaeth, methodd 1 ffeil" in missing.stderr
    for said in (done.stderr, missing.stderr):
        assert _english_left(said, (str(tmp_path),)) == ([], [])  # the folder's name is English


def test_demo_says_what_it_wrote_in_welsh(tmp_path: Path) -> None:
    done = _coprod("demo", "--out", str(tmp_path / "demo"))
    assert done.returncode == 0, done.stderr
    ours = [line for line in done.stderr.splitlines() if line and not FINDING.match(line)]
    assert ours == [
        "Sgoriwyd 5 gwasanaeth, methodd 0 ffeil; ysgrifennwyd 15 ffeil adroddiad "
        f"i {tmp_path / 'demo'}",
        f"Agorwch {tmp_path / 'demo' / 'young-minds-camhs.html'} mewn porwr i ddarllen "
        "adroddiad llawn.",
    ]
    assert _english_left(done.stderr, (str(tmp_path),)) == ([], [])
    # The summaries on stdout are rendering.terminal's (its own area): the command line adds
    # none of its English to them.
    assert _english_left(done.stdout)[0] == []


_GOLDEN_RUNS = [
    ([], "english-root.txt"), (["score"], "english-score.txt"),
    (["portfolio"], "english-portfolio.txt"), (["rubric", "check"], "english-rubric-check.txt"),
]


@pytest.mark.parametrize(("command", "golden"), _GOLDEN_RUNS, ids=[g for _, g in _GOLDEN_RUNS])
def test_english_help_is_unchanged(command: list[str], golden: str) -> None:
    done = CliRunner().invoke(app, [*command, "--help"], env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert done.exit_code == 0
    check_golden(done.stdout, GOLDEN / golden)


def test_english_errors_are_unchanged(tmp_path: Path) -> None:
    done = _coprod("score", lang="en")
    assert done.returncode == ExitCode.USAGE
    assert done.stderr == ("Usage: coprod score [OPTIONS] PATH...\n"
                           "Try 'coprod score -h' for help.\n\nError: Missing argument 'PATH'.\n")
    (tmp_path / "mine.yaml").write_text("already here\n", encoding="utf-8")
    taken = _coprod("rubric", "init", "mine.yaml", lang="en", cwd=tmp_path)
    assert taken.stderr == "error: mine.yaml already exists; choose another name\n"


@pytest.mark.parametrize(("count", "said"), [
    (0, "0 gwasanaeth"), (1, "1 gwasanaeth"), (2, "2 wasanaeth"), (3, "3 gwasanaeth"),
    (6, "6 gwasanaeth"), (11, "11 gwasanaeth"),
])
def test_the_welsh_count_of_services_takes_its_plural_form(count: int, said: str) -> None:
    with language.using("cy"):
        assert language.ngettext("{count} service", "{count} services", count).format(
            count=count) == said


@pytest.mark.parametrize(("count", "said"), [
    (0, "Adolygu · 0 cwestiwn"), (1, "Adolygu · 1 cwestiwn"), (2, "Adolygu · 2 gwestiwn"),
    (3, "Adolygu · 3 chwestiwn"), (6, "Adolygu · 6 chwestiwn"), (11, "Adolygu · 11 cwestiwn"),
])
def test_the_review_counts_questions_in_welsh(count: int, said: str) -> None:
    with language.using("cy"):
        line = language.ngettext("Review · {count} question, {answered} answered",
                                 "Review · {count} questions, {answered} answered", count)
        assert line.format(count=count, answered=0).startswith(said)


@pytest.mark.parametrize("template", CLICK)
def test_each_click_message_is_recognised_and_translated_with_its_fields(template: str) -> None:
    fields = dict.fromkeys(re.findall(r"\{(\w+)(?:![rsa])?\}", template), "'--x'")
    english = re.sub(r"\{(\w+)(?:![rsa])?\}", lambda m: fields[m.group(1)], template)
    with language.using("cy"):
        welsh = translated(english)
    assert welsh != english
    assert welsh.count("'--x'") == english.count("'--x'")


def test_an_unknown_message_passes_through_as_it_is() -> None:
    with language.using("cy"):
        assert translated("something Click never says") == "something Click never says"


# Runs coprod in a fresh interpreter; prints which of the watched modules were imported.
_PROBE = textwrap.dedent("""
    import atexit, sys
    atexit.register(lambda: print("loaded:", sorted(m for m in ("babel", "pydantic")
                                                    if m in sys.modules), file=sys.stderr))
    sys.argv = ["coprod", *sys.argv[1:]]
    from coprod_ladder.cli import main
    main()
""")


@pytest.mark.parametrize(("args", "loaded"), [
    (["--help"], "[]"), (["score", "--help"], "[]"),
    (["--lang", "cy", "--help"], "['babel']"), (["--lang", "cy", "score", "--help"], "['babel']"),
])
def test_help_in_welsh_loads_babel_but_not_pydantic(args: list[str], loaded: str) -> None:
    env = {**os.environ, "COPROD_PREVIEW_LANGUAGE": "1", "NO_COLOR": "1"}
    env.pop("COPROD_LANG", None)
    env.pop("LANG", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          timeout=60, env=env, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stderr
    assert f"loaded: {loaded}" in done.stderr


def test_assess_speaks_welsh_around_the_questions(tmp_path: Path) -> None:
    """The command line's own words in `coprod assess` (the intro, the first two questions,
    where it saves, how to carry on) in a real terminal; the questions are the questionnaire's."""
    pexpect = pytest.importorskip("pexpect")
    from coprod_ladder.rubric.load import load_rubric
    from coprod_ladder.rubric.translation import rubric_texts

    mini = str(DATA / "rubrics" / "mini.yaml")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50",
           "COPROD_PREVIEW_LANGUAGE": "1"}
    env.pop("COPROD_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "coprod_ladder", "--lang", "cy", "assess",
                                           "--rubric", mini], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=90, dimensions=(50, 100))
    try:
        child.expect_exact("Beth yw enw'r gwasanaeth? ")
        said = child.before
        child.sendline("Harbour Youth")
        child.expect(r"ar gyfer enwau ffeiliau \[harbour-youth\]: ")
        said += child.before
        child.sendline("")
        child.expect_exact("Yn cadw i harbour-youth.answers.yaml ar ôl pob ateb.")
        child.expect(r": $")  # the first question's prompt (the questionnaire's words)
        child.sendline("q")
        child.expect(pexpect.EOF)
        end = child.before
    finally:
        child.close(force=True)
    assert "I barhau: coprod assess --answers harbour-youth.answers.yaml" in end
    supplied = (*rubric_texts(load_rubric(mini)[0]).values(), "Harbour Youth", mini)
    assert _english_left(said, tuple(supplied)) == ([], [])
    resume = end[end.index("Mae pob ateb"):]
    assert _english_left(resume, tuple(supplied)) == ([], [])


def test_rubric_show_labels_its_tables_in_welsh() -> None:
    """The table titles and column names of `rubric show` are the command line's; the rubric's
    own text and the scoring explanation (rendering's) are others' to translate."""
    done = _coprod("rubric", "show", "default")
    assert done.returncode == 0, done.stderr
    for label in ("Trwydded: ", "Grisiau (yr isaf yn gyntaf)", "Ffactorau llwyddiant",
                  "Graddfeydd ateb", "Hanes"):
        assert label in done.stdout
    assert _english_left(done.stdout)[0] == []
