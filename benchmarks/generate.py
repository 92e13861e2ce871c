"""Write N synthetic but realistic answers files for benchmarking `coprod portfolio`.

    python benchmarks/generate.py 10000 benchmarks/.data/10000 [--rubric FILE] [--seed 1]

Each service gets a hidden "maturity" rung; its answers are likely met up to that rung, patchy
just above it and rarely met beyond, with evidence, quotes from children and families,
validations, notes, not-applicable reasons, skipped questions, tags (area, age, directorate),
a target and an assessment date spread over the last two years (some are stale). The same
seed always writes the same files; service N is the same service whatever the seed, so two
seeds make two assessment cycles of one organisation. Files are spread over one folder per
area, so the portfolio's recursive search is exercised too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUBRIC = ROOT / "rubrics" / "default.yaml"
AS_OF = dt.date(2026, 11, 1)

PLACES = ["Aberystwyth", "Barry", "Bridgend", "Caerphilly", "Cardiff", "Carmarthen", "Chester",
          "Conwy", "Derby", "Exeter", "Gloucester", "Hereford", "Ipswich", "Kendal", "Leeds",
          "Llanelli", "Merthyr", "Newport", "Norwich", "Oldham", "Pontypridd", "Preston",
          "Rhyl", "Swansea", "Telford", "Wrexham", "York"]
KINDS = [("Youth Service", "Youth services", "11-19"), ("Family Centre", "Early help", "0-5"),
         ("Fostering Team", "Children looked after", "0-18"),
         ("Young Carers Project", "Early help", "8-18"),
         ("CAMHS Outreach", "Emotional health", "11-18"),
         ("SEND Advice Service", "SEND", "0-25"), ("Leaving Care Team", "Care leavers", "16-25"),
         ("Youth Justice Team", "Youth justice", "10-17"),
         ("Health Visiting Hub", "Public health", "0-5"),
         ("Parenting Support", "Early help", "0-18")]
AREAS = ["north", "south", "east", "west", "central", "valleys"]
DIRECTORATES = ["children-and-families", "education", "public-health"]
PEOPLE = ["Sam Patel", "Rhian Evans", "Alex Morgan", "Priya Shah", "Tom Hughes", "Jo Davies",
          "Megan Price", "Chris Lloyd", "Aisha Khan", "Gareth Jones"]
EVIDENCE = ["Minutes of the youth forum", "You said, we did poster", "Survey results",
            "Consultation report", "Panel interview scores", "Training register",
            "Budget decision log", "Young inspectors' report", "Feedback cards summary",
            "Photos and notes from the design day", "Terms of reference"]
WHERE = ["SharePoint > Participation", "Team drive/evidence", "Service plan appendix B",
         "https://intranet.example/coprod", "Paper file in the office"]
SAYS = ["They actually listen now.", "We were asked but nothing changed.",
        "I liked choosing the activities.", "Meetings are at times I can come to.",
        "It felt like a tick-box.", "We helped pick the new worker!",
        "My mum said it was easier to understand."]
VALIDATORS = ["Youth council", "Parent panel", "Young inspectors", "Care leavers' forum",
              "Young carers' group"]
NOTES = ["Evidence is held by the previous manager.", "Pilot runs until March.",
         "Depends on the new commissioning cycle.", "Agreed at the last team meeting."]


def _date(rng: random.Random, newest: dt.date, days: int) -> dt.date:
    return newest - dt.timedelta(days=rng.randrange(days))


def _evidence(rng: random.Random, assessed: dt.date) -> list[dict[str, Any]]:
    items = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        item: dict[str, Any] = {"what": rng.choice(EVIDENCE)}
        if rng.random() < 0.8:
            item["where"] = rng.choice(WHERE)
        if rng.random() < 0.7:
            item["date"] = _date(rng, assessed, 400)
        items.append(item)
    return items


def service_answers(rng: random.Random, number: int, rubric: dict[str, Any]) -> dict[str, Any]:
    """Return one service's answers as plain data, drawn from `rng`."""
    rungs = sorted(rubric["rungs"], key=lambda r: r["level"])
    levels = {r["id"]: r["level"] for r in rungs}
    top = len(rungs)
    sets = {s["id"]: s["options"] for s in rubric["answer_sets"]}
    # Most services sit in the middle of the ladder; few at the very top.
    maturity = min(top, max(1, round(rng.triangular(1, top + 0.5, top / 2.2))))
    # Who a service is depends only on its number, so files written with another seed are the
    # same services in another assessment cycle (for trying --previous).
    who = random.Random(f"service-{number}")
    place, (kind, team, age) = who.choice(PLACES), who.choice(KINDS)
    area, directorate = who.choice(AREAS), who.choice(DIRECTORATES)
    slug = kind.lower().replace(" ", "-").replace("'", "")
    service_id = f"{place.lower()}-{slug}-{number:05d}"
    # Most assessments are from the last year; about one in five is overdue for a refresh.
    assessed = _date(rng, AS_OF, 365 if rng.random() < 0.8 else 730)

    def pick(answer_set: str, meets: bool) -> str:
        options = [o["id"] for o in sets[answer_set] if bool(o["meets"]) == meets]
        return rng.choice(options)

    criteria: dict[str, Any] = {}
    for c in rubric["criteria"]:
        level = levels[c["rung"]]
        if rng.random() < 0.03:
            criteria[c["id"]] = {"note": "To discuss with the team."}
            continue
        if c.get("not_applicable_allowed") and rng.random() < 0.06:
            criteria[c["id"]] = {"not_applicable": "This team does not commission services."}
            continue
        chance = 0.975 if level <= maturity else 0.45 if level == maturity + 1 else 0.12
        meets = rng.random() < chance
        given: dict[str, Any] = {"answer": pick(c["answer_set"], meets)}
        if meets and rng.random() < (0.9 if c.get("evidence_required") else 0.55):
            given["evidence"] = _evidence(rng, assessed)
        if rng.random() < 0.3:
            given["cyp_say"] = rng.choice(SAYS)
        if meets and rng.random() < 0.45:
            given["validated"] = {"by": rng.choice(VALIDATORS), "on": _date(rng, assessed, 200)}
        if rng.random() < 0.12:
            given["note"] = rng.choice(NOTES)
        criteria[c["id"]] = given

    def factors(items: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in items:
            if rng.random() < 0.04:
                continue  # not yet rated
            meets = rng.random() < 0.35 + 0.08 * maturity
            rated: dict[str, Any] = {"answer": pick(f["answer_set"], meets)}
            if rng.random() < 0.4:
                rated["evidence"] = _evidence(rng, assessed)
            if rng.random() < 0.1:
                rated["note"] = rng.choice(NOTES)
            out[f["id"]] = rated
        return out

    data: dict[str, Any] = {
        "format": "coprod-answers/1",
        "rubric": {"id": rubric["id"], "version": rubric["version"]},
        "service": {
            "id": service_id,
            "name": f"{place} {kind}",
            "team": team,
            "tags": {"area": area, "age": age, "directorate": directorate},
        },
        "assessed_by": rng.choice(PEOPLE),
        "assessed_on": assessed,
    }
    if rng.random() < 0.7:
        goal = rungs[min(top, maturity + rng.choice((0, 1, 1, 2))) - 1]
        data["target"] = {"rung": goal["id"],
                          "reason": "Agreed with the youth forum at the annual review."}
    data["criteria"] = criteria
    data["success_factors"] = factors(rubric.get("success_factors", []))
    data["readiness"] = factors(rubric.get("readiness", []))
    return data


def generate(count: int, folder: Path, rubric_path: Path, seed: int = 1) -> list[Path]:
    """Write `count` answers files under `folder` (one sub-folder per area); return their paths."""
    rubric = yaml.load(rubric_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    rng = random.Random(seed)
    written = []
    for number in range(1, count + 1):
        data = service_answers(rng, number, rubric)
        target = folder / data["service"]["tags"]["area"] / f"{data['service']['id']}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False,
                                    allow_unicode=True, width=100), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and write the files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="how many answers files to write")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC,
                        help="rubric file to answer (default: rubrics/default.yaml)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    files = generate(args.count, args.folder, args.rubric, args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files ({size / 1e6:.1f} MB) under {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
