"""`coprod form`: the offline HTML self-assessment, without a browser.

The form and `coprod assess` read one question table; these tests prove the form shows the
questions assess asks (its conditions, evaluated in Python and by the page's own JavaScript
in node), that the answers file the page writes scores as the same answers do, and the
command's files, escaping, CSP and exit codes. tests/test_browser.py fills one in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import payloads
from coprod_ladder.answers.read import parse_answers
from coprod_ladder.errors import ExitCode
from coprod_ladder.form.page import JS_YAML_VERSION, asset_text, form_page, spec_json
from coprod_ladder.form.spec import manager_form_spec
from coprod_ladder.form.values import answers_yaml, form_state
from coprod_ladder.model import Answers, CheckedRubric
from coprod_ladder.questionnaire import questions_for
from coprod_ladder.questionnaire.flow import shown
from coprod_ladder.rubric.load import load_rubric
from coprod_ladder.scoring import score
from test_scoring_properties import PROFILE, RUBRICS, answers_for

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
DEFAULT, _ = load_rubric("default")
NODE = shutil.which("node")
# The vendored js-yaml, pinned: its release and the SHA-256 of the file as npm ships it.
JS_YAML_SHA256 = "45dc3dd03dc07a06705a2c2989b8c7f709013f04bd5386e3279d4e447f07ebd7"


def _example(path: Path) -> Answers:
    answers, problems = parse_answers(path.read_bytes(), str(path), DEFAULT)
    assert answers is not None, problems
    return answers


def _values(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: e["value"] for k, e in spec["prefill"]["answers"].items() if "value" in e}


def _form_keys(spec: dict[str, Any]) -> list[str]:
    values = _values(spec)
    return [q["key"] for q in spec["questions"] if shown(q["when"], values)]


def _form_choices(spec: dict[str, Any], key: str) -> list[str]:
    values = _values(spec)
    (question,) = [q for q in spec["questions"] if q["key"] == key]
    return [c["id"] for c in question["choices"] if shown(c["when"], values)]


def _agree(rubric: CheckedRubric, answers: Answers | None, quick: bool) -> None:
    spec = manager_form_spec(rubric, quick=quick, answers=answers)
    asked = questions_for(rubric, answers, quick=quick)
    assert _form_keys(spec) == [q.key for q in asked]
    main = next(q for q in asked if q.key == "main_work")
    assert _form_choices(spec, "main_work") == [c.id for c in main.choices]


# ---- the form asks what assess asks ------------------------------------------------------------


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
@pytest.mark.parametrize("path", [None, *EXAMPLES], ids=lambda p: p.stem if p else "new")
def test_the_form_shows_the_questions_assess_asks_for_the_examples(path: Path | None,
                                                                   quick: bool) -> None:
    _agree(DEFAULT, _example(path) if path else None, quick)


@pytest.mark.parametrize("name", sorted(RUBRICS))
@PROFILE
@given(data=st.data(), quick=st.booleans())
def test_the_form_shows_the_questions_assess_asks_for_any_answers(name: str, data: Any,
                                                                  quick: bool) -> None:
    rubric = RUBRICS[name]
    answers = Answers.model_validate(data.draw(answers_for(rubric)))
    _agree(rubric, answers, quick)  # type: ignore[arg-type]


def test_a_rough_rung_changes_which_criteria_the_form_shows() -> None:
    # The agreement above must be able to fail: the conditions really decide.
    spec = manager_form_spec(DEFAULT, quick=True)
    rungs = spec["rungs"]
    first = DEFAULT.activities[0].id
    keys = [_form_keys({**spec, "prefill": {"answers": {f"types.{first}": {"value": r}}}})
            for r in (rungs[0], rungs[-1])]
    assert keys[0] != keys[1]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@PROFILE
@given(data=st.data())
def test_the_pages_evaluator_agrees_with_pythons(data: Any) -> None:
    rubric = RUBRICS["default"]
    answers = Answers.model_validate(data.draw(answers_for(rubric)))
    cases = []
    for quick in (False, True):
        spec = manager_form_spec(rubric, quick=quick, answers=answers)  # type: ignore[arg-type]
        values = _values(spec)
        conditions = [q["when"] for q in spec["questions"]] + [
            c["when"] for q in spec["questions"] for c in q["choices"]]
        cases += [(c, values, shown(c, values)) for c in conditions]
    script = (asset_text("conditions.js") + "\nconst cases = JSON.parse(require('fs')"
              ".readFileSync(0, 'utf8'));\nprocess.stdout.write(JSON.stringify(cases.map("
              "([c, v]) => coprodShown(c, k => v[k]))));")
    found = subprocess.run([NODE, "-e", script], input=json.dumps(cases), text=True,
                           capture_output=True, check=True)
    assert json.loads(found.stdout) == [expected for _, _, expected in cases]


# ---- the file the page writes scores as the answers do -------------------------------------------


def _rescored(rubric: CheckedRubric, answers: Answers, quick: bool) -> Answers:
    spec = manager_form_spec(rubric, quick=quick, answers=answers)
    text = answers_yaml(spec, form_state(rubric, answers, quick=quick))
    again, problems = parse_answers(text, "saved.answers.yaml", rubric)
    assert again is not None, (problems, text)
    return again


def _same_score(rubric: CheckedRubric, a: Answers, b: Answers) -> None:
    """Every figure of the score card is the same (the card also holds the answers read)."""
    def card(answers: Answers) -> dict[str, Any]:
        found = score(rubric, answers)
        return {f.name: getattr(found, f.name) for f in fields(found) if f.name != "answers"}

    assert card(a) == card(b)


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_saved_file_scores_as_the_example_does(path: Path, quick: bool) -> None:
    answers = _example(path)
    again = _rescored(DEFAULT, answers, quick)
    _same_score(DEFAULT, answers, again)
    # Nothing the form does not ask is lost: other tags and notes are carried through.
    assert again.service.tags == answers.service.tags  # the order of duties is the rubric's
    assert set(again.service.duties) == set(answers.service.duties)
    assert again.criteria == answers.criteria
    # The country too: Wales for the youth service; none named (England) for the others.
    assert again.service.jurisdiction == answers.service.jurisdiction


def test_the_form_asks_the_country_and_writes_what_was_chosen() -> None:
    spec = manager_form_spec(DEFAULT, quick=False)
    (country,) = [q for q in spec["questions"] if q["key"] == "service.jurisdiction"]
    assert [c["id"] for c in country["choices"]] == ["england", "wales"]
    assert country["title"] == "Which country's law applies to this service?"
    welsh = "success_factors.sf-welsh-active-offer"
    for chosen, asked in ((None, False), ("england", False), ("wales", True)):
        held = {} if chosen is None else {"service.jurisdiction": {"value": chosen}}
        state = {"answers": held, "keep": {"tags": {}}}
        assert (welsh in _form_keys({**spec, "prefill": state})) is asked
        lines = answers_yaml(spec, state).splitlines()
        written = [line for line in lines if "jurisdiction" in line]
        assert written == ([] if chosen is None else [f'  jurisdiction: "{chosen}"'])


def _as_assess_holds(rubric: CheckedRubric, answers: Answers) -> Answers:
    """The same answers in the order `assess` keeps them: types and duties in rubric order."""
    types = {a.id: answers.types[a.id] for a in rubric.activities if a.id in answers.types}
    duties = [d.id for d in rubric.duties if d.id in answers.service.duties]
    service = answers.service.model_copy(update={"duties": duties})
    return answers.model_copy(update={"types": types, "service": service})


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda t: t.strip() == t and t.strip() != "")


@pytest.mark.parametrize("name", sorted(RUBRICS))
@PROFILE
@given(data=st.data(), quick=st.booleans(), said=TEXT)
def test_the_saved_file_scores_as_any_answers_do(name: str, data: Any, quick: bool,
                                                 said: str) -> None:
    rubric = RUBRICS[name]
    raw = data.draw(answers_for(rubric))
    raw["service"]["team"] = said  # any text survives the page's quoting
    for item in raw["criteria"].values():
        if "evidence" in item:
            item["evidence"] = [{"what": said, "where": said}]
    answers = _as_assess_holds(rubric, Answers.model_validate(raw))  # type: ignore[arg-type]
    again = _rescored(rubric, answers, quick)  # type: ignore[arg-type]
    _same_score(rubric, answers, again)  # type: ignore[arg-type]
    assert again.service.team == said


# ---- the page ------------------------------------------------------------------------------------


def test_the_page_is_self_contained_and_its_csp_allows_no_network() -> None:
    page = form_page(manager_form_spec(DEFAULT, quick=True))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert policy.startswith("default-src 'none'; ")
    assert "unsafe" not in policy and "connect-src 'none'" in policy
    inline = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(inline) == 3
    for body in inline:  # each inline script is allowed by its own hash, and only those
        digest = hashlib.sha256(body.encode()).digest()
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_every_rubric_string_is_escaped(tmp_path: Path) -> None:
    rubric_path, _ = payloads.hostile_rubric(tmp_path)
    rubric, _ = load_rubric(str(rubric_path))
    page = form_page(manager_form_spec(rubric, quick=False, send_to=payloads.PAYLOAD))
    assert payloads.PAYLOAD not in page
    spec_text = re.search(r'<script type="application/json" id="form-spec">(.*?)</script>',
                          page, flags=re.DOTALL)
    assert spec_text and "<" not in spec_text.group(1)
    assert json.loads(spec_text.group(1))["send_to"] == payloads.PAYLOAD


def test_the_spec_json_cannot_close_its_script_element() -> None:
    text = spec_json({"title": "</script><script>alert(1)</script>", "x": "<!--"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["title"] == "</script><script>alert(1)</script>"


def test_the_same_spec_gives_the_same_bytes() -> None:
    spec = manager_form_spec(DEFAULT, quick=False, answers=_example(EXAMPLES[0]))
    assert form_page(spec) == form_page(spec)


def test_the_vendored_js_yaml_is_the_pinned_release_with_its_licence() -> None:
    text = asset_text("vendor/js-yaml.min.js")
    assert text.startswith(f"/*! js-yaml {JS_YAML_VERSION} https://github.com/nodeca/js-yaml")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == JS_YAML_SHA256
    assert "Permission is hereby granted" in asset_text("vendor/js-yaml.LICENSE")


def test_the_script_keeps_manager_wording_in_the_spec() -> None:
    # The engine is shared with other forms: no sentence of the manager's form in its script.
    script = asset_text("form.js")
    spec = manager_form_spec(DEFAULT, quick=True)
    for text in [*spec["strings"].values(), *(q["title"] for q in spec["questions"])]:
        for line in text if isinstance(text, list) else [text]:
            assert " " not in line or line not in script


# ---- the command ---------------------------------------------------------------------------------


def test_form_writes_one_page_and_says_where(run_cli, tmp_path: Path) -> None:
    result = run_cli("form", "--quick", "--out", tmp_path / "forms", exit_code=ExitCode.OK)
    (page,) = (tmp_path / "forms").iterdir()
    assert page.name == "default-quick-form.html"
    assert str(page) in result.stderr.replace("\n", "")
    assert '"quick":true' in page.read_text(encoding="utf-8")


def test_form_prefills_from_an_answers_file(run_cli, tmp_path: Path) -> None:
    run_cli("form", "--answers", EXAMPLES[0], "--send-to", "Sam Patel, sam@example.org",
            "--out", tmp_path, exit_code=ExitCode.OK)
    answers = _example(EXAMPLES[0])
    page = (tmp_path / f"{answers.service.id}-form.html").read_text(encoding="utf-8")
    assert "Sam Patel, sam@example.org" in page and answers.service.name in page


def test_form_refuses_a_bad_output_folder(run_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("form", "--out", blocker / "forms", exit_code=ExitCode.INPUT)
    assert "Traceback" not in result.stderr and str(blocker) in result.stderr


def test_form_refuses_an_answers_file_it_cannot_read(run_cli, tmp_path: Path) -> None:
    result = run_cli("form", "--answers", tmp_path / "missing.yaml", "--out", tmp_path,
                     exit_code=ExitCode.INPUT)
    assert "missing.yaml" in result.stderr
