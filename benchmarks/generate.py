"""Write N synthetic answers files shaped like a council's, and voice files, for benchmarking.

    python benchmarks/generate.py 10000 benchmarks/.data/10000 [--rubric FILE] [--seed 1]
                                  [--no-voice]

The files are meant to look like the shipped examples in examples/ and what services really
write, about 15 to 22 KB each: a comment block at the top and the criterion's wording above
most answers (as `coprod assess` writes them), 0 to 6 evidence items an answer, notes from a
line to 1,500 characters, children's and parents' own words (some in Welsh, some with emoji),
accented names, types declared out of scope with their reasons, main work, duties, services in
England and in Wales (`service: jurisdiction:`), and a varied YAML style: block and flow
collections, plain, single-quoted, double-quoted, literal and folded strings, comments on
their own lines and after values.

Each service gets a hidden "maturity" rung; its answers are likely met up to that rung, patchy
just above it and rarely met beyond. The same seed always writes the same files; service N is
the same service whatever the seed, so two seeds make two assessment cycles of one
organisation. Files are spread over one folder per area, so the portfolio's recursive search
is exercised too. Every file is valid for the rubric and reads on coprod's fast YAML path (no
anchors, aliases or tags); `tests/test_benchmark_data.py` checks both.

About half the services also get 1 to 3 voice files (`coprod-voice/1`) beside their answers
file, written by voices.py (see there for what they hold); `--no-voice` leaves them out. The
voice files come from a random generator of their own, so the answers files are the same
bytes with or without them. yaml_style.py writes the strings of both kinds of file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from voices import service_voices
from yaml_style import Writer, plain_id

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUBRIC = ROOT / "rubrics" / "default.yaml"
AS_OF = dt.date(2026, 11, 1)

WELSH_PLACES = ["Aberystwyth", "Barry", "Bridgend", "Caerphilly", "Cardiff", "Carmarthen",
                "Conwy", "Llanelli", "Merthyr Tudful", "Newport", "Pontypridd", "Rhyl",
                "Swansea", "Wrexham", "Ynys Môn", "Porthmadog", "Llandrindod", "Betws-y-Coed"]
ENGLISH_PLACES = ["Chester", "Derby", "Exeter", "Gloucester", "Hereford", "Ipswich", "Kendal",
                  "Leeds", "Norwich", "Oldham", "Preston", "Telford", "York", "Bradford",
                  "Luton", "Sunderland", "Plymouth", "Stoke-on-Trent"]
KINDS = [("Youth Service", "Youth services", "11-19"), ("Family Centre", "Early help", "0-5"),
         ("Fostering Team", "Children looked after", "0-18"),
         ("Young Carers Project", "Early help", "8-18"),
         ("CAMHS Outreach", "Emotional health", "11-18"),
         ("SEND Advice Service", "SEND", "0-25"), ("Leaving Care Team", "Care leavers", "16-25"),
         ("Youth Justice Team", "Youth justice", "10-17"),
         ("Health Visiting Hub", "Public health", "0-5"),
         ("Parenting Support", "Early help", "0-18")]
KIND_DUTIES = {"Fostering Team": ["holds-plans", "children-in-care"],
               "Leaving Care Team": ["holds-plans", "children-in-care"],
               "SEND Advice Service": ["send", "holds-plans"], "CAMHS Outreach": ["holds-plans"],
               "Youth Justice Team": ["holds-plans"]}
AREAS = ["north", "south", "east", "west", "central", "valleys"]
DIRECTORATES = ["children-and-families", "education", "public-health", "early-help"]
PEOPLE = ["Sam Patel", "Rhian Evans", "Alex Morgan", "Priya Shah", "Tom Hughes", "Jo Davies",
          "Megan Price", "Chris Lloyd", "Aisha Khan", "Gareth Jones", "Siân Llŷr",
          "Zoë Ó Briain", "José Müller", "Chloé Dubois", "Ffion Hâf Roberts", "Dafydd ap Iorwerth",
          "Agnieszka Wiśniewska", "Nuala Ní Bhriain", "Elif Şahin", "Bethan Rhys-Owen"]
ROLES = ["Team Manager", "Participation Lead", "Service Manager", "Head of Service",
         "Senior Practitioner", "Swyddog Cyfranogiad (Participation Officer)"]
EVIDENCE = ["Minutes of the youth forum", "You said, we did poster", "Survey results",
            "Consultation report", "Panel interview scores", "Training register",
            "Budget decision log", "Young inspectors' report", "Feedback cards summary",
            "Photos and notes from the design day", "Terms of reference",
            "Cofnodion y fforwm ieuenctid (youth forum minutes)", "Case note audit",
            "Annual participation report to the scrutiny committee",
            "Letters written back to the young people who reviewed the service",
            "Co-written specification, section 4 'What good looks like'"]
EVIDENCE_DETAIL = ["", " for the spring term", " (2025-26)", ", with the actions agreed",
                   " and the young people's own write-up", ", Welsh and English versions",
                   " — easy-read version included", ": 41 responses from children aged 8-16"]
WHERE = ["SharePoint > Participation", "Team drive/evidence", "Service plan appendix B",
         "https://intranet.example/coprod", "Paper file in the office",
         "Participation folder, 2026/Tymor yr Hydref", "Evidence log row 14",
         "Committee papers, item 7"]
SAYS = ["They actually listen now.", "We were asked but nothing changed.",
        "I liked choosing the activities.", "Meetings are at times I can come to.",
        "It felt like a tick-box.", "We helped pick the new worker! 🎉",
        "My mum said it was easier to understand.", "Maen nhw'n gwrando arnon ni nawr.",
        "Roedd y cyfarfod yn hwyl 😊 ond roedd e'n rhy hir.",
        "I didn't know I could say no to the meeting.",
        "When they changed the opening times because we asked, that was the first time I felt "
        "it mattered what I said.", "Dw i'n hoffi dewis y gweithgareddau. 👍",
        "Nobody told us what happened after the survey 🤷", "Café night was our idea ☕",
        "It's better when we can do it on our phones, not in a big room with adults."]
SAY_WHO = ["a young person, 14", "a parent", "a care leaver, 19", "a young carer, 12",
           "person ifanc, 15", "the youth council", "a child, 9, in their own words"]
VALIDATORS = ["Youth council", "Parent panel", "Young inspectors", "Care leavers' forum",
              "Young carers' group", "Fforwm Ieuenctid", "Parents' and carers' panel"]
NOTE_SENTENCES = [
    "Evidence is held by the previous manager.", "Pilot runs until March.",
    "Depends on the new commissioning cycle.", "Agreed at the last team meeting.",
    "The forum met four times this year, twice online and twice at the café in the square.",
    "We checked this with the young people before writing it down, and they said it was fair.",
    "Two of the young inspectors have since moved on, so the panel is being rebuilt with help "
    "from the schools' councils.",
    "Some of this work is done in Welsh first; the Welsh and English notes are kept together.",
    "The budget for this was cut by a fifth in April, which is why the summer sessions stopped.",
    "Parents asked for the meetings to move to the evening, and they did from September.",
    "We are not claiming this as routine yet: it happened for the new plan but not the old one.",
    "Staff turnover means the same three people carry most of it, which is a risk we know about.",
    "The commissioning team have agreed in principle that two young people will score the "
    "next tender.", "This is partly done: the easy-read version exists, the audio one does not.",
    "Nid yw hyn wedi digwydd eto, ond mae'r cynllun yn barod (not yet, but the plan is ready).",
    "Young people wrote the questions themselves and chose the venue.",
    "The last review was delayed by the inspection, so the dates here are from the one before.",
    "We count this as met only where the young person signed off the summary themselves.",
]
REASONS = {
    "co-commissioning": ["The team does not commission services; placements are bought through "
                         "the regional framework by the commissioning team, assessed separately.",
                         "We buy nothing ourselves: every contract for this service is let by the "
                         "joint commissioning unit with health."],
    "co-financing": ["The service holds no budget of its own and cannot bid for or raise money; "
                     "all funding comes through the council's core grant.",
                     "Allowances and fees are set by council policy against the national "
                     "minimum, and the team holds no discretionary funds."],
    "co-management": ["The service is run day to day by a single practitioner inside a school "
                      "cluster, so there is no management group young people could join.",
                      "Staffing and management sit with the host organisation under a "
                      "service level agreement, outside this team's control."],
    "co-prioritisation": ["Priorities for this work are set nationally by the grant conditions, "
                          "so the team has no local priorities of its own to set."],
}
HEADER = [
    "# coprod answers file: one service's self-assessment against the rubric '{rubric}'.",
    "# Carry on with it, or change an answer:  coprod assess --answers {name}.yaml",
    "# Score it and write the gap report:      coprod score {name}.yaml",
    "# Fine to edit by hand: answers use the ids of the rubric's answer scale; a criterion",
    "# without an answer counts as not yet answered. Dates look like 2026-03-31.",
    "# coprod rewrites this file after every answer, so keep notes in `note:` fields,",
    "# not in comments like these.",
]
EVIDENCE_COUNTS = (0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 5, 6)

def _date(rng: random.Random, newest: dt.date, days: int) -> dt.date:
    return newest - dt.timedelta(days=rng.randrange(days))




def _note(rng: random.Random) -> list[str]:
    """A note's paragraphs: mostly a line or two, sometimes a page (at most 1,500 characters)."""
    size = rng.choice((1, 1, 1, 1, 1, 2, 2, 3, 4, 6, 12))
    sentences = [rng.choice(NOTE_SENTENCES) for _ in range(size)]
    paragraphs, current = [], ""
    for sentence in sentences:
        if len(current) + len(sentence) > 1_400 - sum(map(len, paragraphs)):
            break
        current = f"{current} {sentence}".strip()
        if len(current) > 300 and rng.random() < 0.5:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _evidence(out: Writer, indent: int, assessed: dt.date) -> list[dict[str, Any]]:
    rng, items = out.rng, []
    count = rng.choice(EVIDENCE_COUNTS)
    if count:
        out.key(indent, "evidence")
    for _ in range(count):
        item: dict[str, Any] = {}
        what = rng.choice(EVIDENCE) + rng.choice(EVIDENCE_DETAIL)
        where = rng.choice(WHERE) if rng.random() < 0.8 else None
        date = _date(rng, assessed, 400) if rng.random() < 0.7 else None
        if rng.random() < 0.25:  # a flow mapping on one line
            parts = [f"what: {out.flow_text(what)}"]
            item["what"] = what
            if where is not None:
                parts.append(f"where: {out.flow_text(where)}")
                item["where"] = where
            if date is not None:
                parts.append(f"date: {date}")
                item["date"] = date
            out.lines.append(f"{' ' * indent}- {{{', '.join(parts)}}}")
        else:
            item["what"] = out.text(indent, "what", [what], prefix="- ")
            if where is not None:
                item["where"] = out.text(indent + 2, "where", [where])
            if date is not None:
                out.raw(indent + 2, "date", str(date))
                item["date"] = date
        items.append(item)
    return items


def _criterion(out: Writer, c: dict[str, Any], chance: float, pick: Any,
               assessed: dt.date) -> dict[str, Any]:
    rng, given = out.rng, {}
    if rng.random() < 0.03:
        out.key(2, c["id"])
        return {"note": out.text(4, "note", ["To discuss with the team."])}
    if c.get("not_applicable_allowed") and rng.random() < 0.06:
        out.key(2, c["id"])
        return {"not_applicable": out.text(4, "not_applicable", [
            "This team does not commission services; the joint unit does that for us."])}
    meets = rng.random() < chance
    answer = pick(c["answer_set"], meets)
    if rng.random() < 0.06:  # a short answer as a flow mapping
        out.raw(2, c["id"], f"{{answer: {plain_id(answer)}}}")
        return {"answer": answer}
    out.key(2, c["id"])
    out.raw(4, "answer", plain_id(answer) + ("  # agreed at the team meeting"
                                        if rng.random() < 0.05 else ""))
    given["answer"] = answer
    if (meets and rng.random() < 0.7) or rng.random() < 0.08:
        evidence = _evidence(out, 4, assessed)
        if evidence:
            given["evidence"] = evidence
    if rng.random() < 0.3:
        say = rng.choice(SAYS)
        words = f'"{say}" ({rng.choice(SAY_WHO)})' if rng.random() < 0.5 else say
        given["cyp_say"] = out.text(4, "cyp_say", [words])
    if meets and rng.random() < 0.45:
        by, on = rng.choice(VALIDATORS), _date(rng, assessed, 200)
        if rng.random() < 0.3:
            out.raw(4, "validated", f"{{by: {out.flow_text(by)}, 'on': {on}}}")
        else:
            out.key(4, "validated")
            out.text(6, "by", [by])
            out.raw(6, "'on'", str(on))  # plain, `on` would be true
        given["validated"] = {"by": by, "on": on}
    if rng.random() < 0.12:
        given["note"] = out.text(4, "note", _note(rng))
    return given


def _service(out: Writer, service_id: str, who: dict[str, Any]) -> dict[str, Any]:
    """Write the `service:` section; return what it says."""
    rng = out.rng
    place, kind, team = who["place"], who["kind"], who["team"]
    area, age, directorate = who["area"], who["age"], who["directorate"]
    duties, wales = who["duties"], who["wales"]
    service: dict[str, Any] = {"id": service_id}
    out.key(0, "service")
    out.raw(2, "id", service_id)
    service["name"] = out.text(2, "name", [f"{place} {kind}"])
    service["team"] = out.text(2, "team", [f"{team} ({directorate.replace('-', ' ')})"])
    if wales:
        out.raw(2, "jurisdiction", "wales")
        service["jurisdiction"] = "wales"
    elif rng.random() < 0.3:
        out.raw(2, "jurisdiction", "england")
        service["jurisdiction"] = "england"
    service["tags"] = {"area": area, "age": age, "directorate": directorate}
    if rng.random() < 0.3:
        out.raw(2, "tags", f"{{area: {area}, age: {age}, directorate: {directorate}}}")
    else:
        out.key(2, "tags")
        for tag, value in service["tags"].items():
            out.raw(4, tag, value)
    if duties:
        service["duties"] = duties
        out.raw(2, "duties", f"[{', '.join(duties)}]")
    return service


def _scope(out: Writer, data: dict[str, Any], activities: dict[str, Any],
           duties: list[str]) -> list[str]:
    """Write the types this service does not do, with their reasons, and the main work it
    names; return the types out of scope."""
    rng = out.rng
    # Scope: types this service does not do, with their reasons; main work it names.
    main = [a for a, act in activities.items() if not set(duties).isdisjoint(
        act.get("main_work_for", []))]
    leave_out = [t for t in REASONS if t in activities and t not in main
                 and not activities[t].get("always_in_scope")]
    out_of_scope = rng.sample(leave_out, rng.choice((0, 0, 1, 1, 2, 3)))
    named_main = [t for t in ("co-delivery", "co-design") if rng.random() < 0.15]
    if named_main:
        data["main_work"] = named_main
        if rng.random() < 0.5:
            out.raw(0, "main_work", f"[{', '.join(named_main)}]")
        else:
            out.key(0, "main_work")
            out.lines.extend(f"- {t}" for t in named_main)
    if out_of_scope:
        data["types"] = {}
        out.key(0, "types")
        for tid in sorted(out_of_scope, key=list(activities).index):
            out.comment(2, activities[tid]["name"])
            out.key(2, tid)
            data["types"][tid] = {"out_of_scope": out.text(4, "out_of_scope",
                                                           [rng.choice(REASONS[tid])])}
    return out_of_scope


def _ratings(out: Writer, data: dict[str, Any], rubric: dict[str, Any], pick: Any,
             chance: float, assessed: dt.date, commented: bool) -> None:
    """Write the success factors and readiness steps."""
    rng = out.rng
    for section in ("success_factors", "readiness"):
        rated: dict[str, Any] = {}
        out.key(0, section)
        for f in rubric.get(section, []):
            if rng.random() < 0.04:
                continue  # not yet rated
            if commented:
                out.comment(2, f["name"])
            meets = rng.random() < chance
            answer = pick(f["answer_set"], meets)
            out.key(2, f["id"])
            out.raw(4, "answer", plain_id(answer))
            given: dict[str, Any] = {"answer": answer}
            if rng.random() < 0.35:
                evidence = _evidence(out, 4, assessed)
                if evidence:
                    given["evidence"] = evidence
            if rng.random() < 0.15:
                given["note"] = out.text(4, "note", _note(rng))
            rated[f["id"]] = given
        data[section] = rated
        if not rated:
            out.lines[-1] += " {}"


def service_answers(rng: random.Random, number: int, rubric: dict[str, Any]
                    ) -> tuple[dict[str, Any], str]:
    """Return one service's answers as plain data, and the YAML text that says them."""
    rungs = sorted(rubric["rungs"], key=lambda r: r["level"])
    levels = {r["id"]: r["level"] for r in rungs}
    top = len(rungs)
    sets = {s["id"]: s["options"] for s in rubric["answer_sets"]}
    activities = {a["id"]: a for a in rubric.get("activities", [])}
    # Most services sit in the middle of the ladder; few at the very top.
    maturity = min(top, max(1, round(rng.triangular(1, top + 0.5, top / 2.2))))
    # Who a service is depends only on its number, so files written with another seed are the
    # same services in another assessment cycle (for trying --previous).
    who = random.Random(f"service-{number}")
    wales = who.random() < 0.35
    place = who.choice(WELSH_PLACES if wales else ENGLISH_PLACES)
    kind, team, age = who.choice(KINDS)
    area, directorate = who.choice(AREAS), who.choice(DIRECTORATES)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{place} {kind}".lower().replace("ô", "o")).strip("-")
    service_id = f"{slug}-{number:05d}"
    duties = KIND_DUTIES.get(kind, [])
    # Most assessments are from the last year; about one in five is overdue for a refresh.
    assessed = _date(rng, AS_OF, 365 if rng.random() < 0.8 else 730)
    out = Writer(rng)
    name = service_id
    if rng.random() < 0.8:
        out.comment(0, f"Self-assessment for {place} {kind}, written with the team and the "
                    f"young people who work with us. Invented data for benchmarking.")
        out.lines.extend(line.format(rubric=rubric["id"], name=name) for line in HEADER)

    data: dict[str, Any] = {"format": "coprod-answers/1",
                            "rubric": {"id": rubric["id"], "version": rubric["version"]}}
    out.raw(0, "format", "coprod-answers/1")
    out.rubric(rubric, flow=0.2)
    who_is = {"place": place, "kind": kind, "team": team, "area": area, "age": age,
              "directorate": directorate, "duties": duties, "wales": wales}
    data["service"] = _service(out, service_id, who_is)
    person = rng.choice(PEOPLE)
    data["assessed_by"] = out.text(0, "assessed_by", [f"{person}, {rng.choice(ROLES)}"])
    data["assessed_on"] = assessed
    out.raw(0, "assessed_on", str(assessed))
    if rng.random() < 0.7:
        goal = rungs[min(top, maturity + rng.choice((0, 1, 1, 2))) - 1]
        out.key(0, "target")
        out.raw(2, "rung", goal["id"])
        data["target"] = {"rung": goal["id"], "reason": out.text(2, "reason", [
            "Agreed with the youth forum at the annual review.",
            *rng.sample(NOTE_SENTENCES, rng.choice((0, 1, 2, 3)))])}

    out_of_scope = _scope(out, data, activities, duties)

    def pick(answer_set: str, meets: bool) -> str:
        options = [o["id"] for o in sets[answer_set] if bool(o["meets"]) == meets
                   and o["id"] != "dont-know"]
        if not meets and rng.random() < 0.1:
            return "dont-know"
        return rng.choice(options)

    commented = rng.random() < 0.85
    data["criteria"] = {}
    out.key(0, "criteria")
    for c in rubric["criteria"]:
        if c.get("activity") in out_of_scope:
            continue
        if commented:
            out.comment(2, f"{activities[c['activity']]['name']}, rung "
                        f"{levels[c['rung']]}: {c['statement']}")
        level = levels[c["rung"]]
        chance = 0.975 if level <= maturity else 0.45 if level == maturity + 1 else 0.12
        data["criteria"][c["id"]] = _criterion(out, c, chance, pick, assessed)

    _ratings(out, data, rubric, pick, 0.35 + 0.08 * maturity, assessed, commented)
    return data, "\n".join(out.lines) + "\n"


def services(count: int, rubric: dict[str, Any], seed: int = 1
             ) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield `count` services' answers, as data and as YAML text, in order."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield service_answers(rng, number, rubric)


def generate(count: int, folder: Path, rubric_path: Path, seed: int = 1, *,
             voices: bool = True) -> list[Path]:
    """Write `count` answers files under `folder` (one sub-folder per area), and beside them
    the voice files of about half the services unless `voices` is false (see voices.py);
    return the answers files' paths."""
    rubric = yaml.load(rubric_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    written = []
    for number, (data, text) in enumerate(services(count, rubric, seed), start=1):
        target = folder / data["service"]["tags"]["area"] / f"{data['service']['id']}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
        for name, _voice, voice_text in (service_voices(number, seed, data, rubric)
                                         if voices else ()):
            (target.parent / name).write_text(voice_text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and write the files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="how many answers files to write")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC,
                        help="rubric file to answer (default: rubrics/default.yaml)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--no-voice", action="store_true",
                        help="write the answers files only, no voice files")
    args = parser.parse_args(argv)
    files = generate(args.count, args.folder, args.rubric, args.seed, voices=not args.no_voice)
    size = sum(p.stat().st_size for p in files)
    heard = sorted(p for p in args.folder.rglob("*.voice.y*ml"))
    voice_size = sum(p.stat().st_size for p in heard)
    print(f"wrote {len(files)} answers files ({size / 1e6:.1f} MB, "
          f"{size / len(files) / 1e3:.1f} KB a file) and {len(heard)} voice files "
          f"({voice_size / 1e6:.1f} MB) under {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
