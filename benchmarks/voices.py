"""Write a generated service's voice files (`coprod-voice/1`): what its children, young people
and parents and carers said, as the surveys and forms of a real service hold them.

About half the services have voice files (49.5% over the kinds of service, from a quarter of
health visiting hubs, whose families are seen briefly, to three quarters of youth services,
whose young people are there every week), because asking the people a service works with is
newer than self-assessment and not done everywhere yet. A service with voices has 1 to 3 files
(a survey, a second round or a paper batch, a parents' survey of its own), written beside its
answers file as `<service id>.voice.yaml` or `<service id>-<what>.voice.yaml` (now and then
`.voice.yml`), which is where `coprod score` and `coprod portfolio` look, as for the shipped
example. Who answers depends on the kind of service (parents for a family centre, young
people for a leaving care team); a file holds 1 to 3 groups of 1 to 40 people, and about a
quarter of groups are smaller than the default rubric's `min_group` of 5, which coprod counts
in the totals but never shows on their own. Answers follow the service's own answers on the
voice scale, a little lower on the whole, with a blind spot or a hidden strength on some items;
some people skip questions, say "don't know", stop partway or leave no answer at all. Some
files keep free-text comments (in English or Welsh, some with emoji, some over several lines);
the YAML style varies as in the answers files (flow and block answers, quoted dates, comments).

A service's voice files depend only on its number, the seed, and its answers (which depend
only on the same): they come from a random generator of their own, so adding them changed no
byte of the answers files. Nothing here reads or writes files; generate.py writes them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from yaml_style import Writer, plain_ok, quoted

AS_OF = dt.date(2026, 11, 1)
# Per kind of service: the share with voice files this cycle, and who answers, with weights.
VOICE_KINDS: dict[str, tuple[float, dict[str, int]]] = {
    "Youth Service": (0.75, {"young-people": 8, "children": 1, "parents": 2}),
    "Family Centre": (0.40, {"parents": 8, "children": 1}),
    "Fostering Team": (0.55, {"children": 3, "young-people": 4, "parents": 4}),  # foster carers
    "Young Carers Project": (0.70, {"children": 4, "young-people": 5, "parents": 2}),
    "CAMHS Outreach": (0.50, {"young-people": 6, "parents": 4, "children": 1}),
    "SEND Advice Service": (0.35, {"parents": 7, "young-people": 2, "children": 1}),
    "Leaving Care Team": (0.60, {"young-people": 1}),
    "Youth Justice Team": (0.45, {"young-people": 5, "children": 1, "parents": 2}),
    "Health Visiting Hub": (0.25, {"parents": 1}),
    "Parenting Support": (0.40, {"parents": 6, "young-people": 1}),
}
AGE_BANDS = {"children": (("8-12", 17), ("under-8", 2), ("not-said", 1)),
             "young-people": (("13-15", 8), ("16-18", 8), ("19-25", 3), ("not-said", 1)),
             "parents": (("adult", 19), ("not-said", 1))}
LEAVING_CARE_AGES = (("16-18", 4), ("19-25", 6))
HELPED_BY = {"children": (("family", 10), ("staff", 6), ("nobody", 3), ("advocate", 1)),
             "young-people": (("nobody", 15), ("staff", 3), ("advocate", 1), ("family", 1),
                              ("other", 1)),
             "parents": (("nobody", 18), ("staff", 1), ("other", 1))}
# (collector, share, how its respondents are numbered, the files it was read from)
COLLECTORS = (
    ("coprod-form", 45, "r{:02d}", ()),
    ("paper", 20, "p{:02d}", ("Paper forms, drop-in.pdf", "Ffurflenni papur.pdf")),
    ("microsoft-forms", 15, "ms-{:04d}", ("Your voice 2026(1-{n}).xlsx",
                                          "Holiadur Llais Ifanc(1-{n}).xlsx")),
    ("google-forms", 10, "g{:03d}", ("Have your say (Responses).csv",)),
    ("csv", 10, "row-{}", ("survey-export.csv", "ymatebion_rhieni.csv")),
)
# What a second or third file is, in its name.
EXTRA_FILES = ("autumn", "spring", "paper", "parents", "drop-in", "holiadur", "summer-2026")
HEADERS = {
    "coprod": ("What children, young people and families said about one service "
               "(coprod-voice/1).", "Anonymous: no names, emails or contact details. Read by "
               "coprod score and portfolio."),
    "cy": ("Beth ddywedodd plant, pobl ifanc a theuluoedd am un gwasanaeth (coprod-voice/1).",
           "Dienw: dim enwau, cyfeiriadau e-bost na manylion cyswllt. Mae coprod score a "
           "portfolio yn ei darllen."),
    "import": ("Read in with coprod voice import from the form's export; typed up and checked "
               "by the participation officer.", "Invented data for benchmarking."),
}
COMMENTS = [
    "They listen to us more than school does.", "I didn't know there was a plan about me.",
    "More trips please!! 🚌", "The worker always rings back, even late.",
    "We asked for the evening group and they did it.", "Nobody told us what happened next 🤷",
    "Sometimes I don't understand the letters.",
    "It's hard to get to the meetings on the bus from the estate, and they are always at four "
    "o'clock, which is when I pick up my little brother.",
    "I filled this in with my foster carer. She said I could say what I want.",
    "My son has autism and the new room with the quiet corner has made a real difference to him.",
    "👍👍", "Not sure what co-production means tbh",
    "When we did the interviews for the new worker I felt like an adult. I want to do it again.",
    "Mum helped me write this.", "The forms should be on our phones not on paper.",
]
WELSH_COMMENTS = [
    "Mae'r gweithwyr yn garedig ac yn gwrando. 😊", "Hoffwn i gael mwy o ddweud yn y cynllun.",
    "Da iawn, diolch!", "Roedd y ffurflen yn rhy hir. Ond roedd y cwestiynau yn hawdd eu deall.",
    "Dw i ddim yn siŵr beth sy'n digwydd ar ôl yr arolwg.",
]
LONG_COMMENTS = [
    ["I have been coming since I was 12.", "At first nobody asked us anything, but since the "
     "youth council started we choose the trips and we help with the budget for the summer."],
    ["Rydw i'n dod yma bob wythnos.", "Rydyn ni wedi helpu i ddewis y gweithiwr newydd ac "
     "roedd hynny'n dda iawn, ond dydyn ni ddim yn gwybod beth sy'n digwydd gyda'r arolwg."],
    ["As a foster carer I get asked my view often.", "What I would like is for the children "
     "themselves to be asked in a way that suits them, not in a meeting with six adults."],
]
BETWEEN = ["paper forms from the drop-in, typed up by staff", "second evening session",
           "ffurflenni papur o'r sesiwn galw heibio", "answered online at home"]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def _scalar(rng: random.Random, text: str) -> str:
    """A string in a block sequence: plain, single- or double-quoted."""
    roll = rng.random()
    if roll < 0.4 and plain_ok(text):
        return text
    return quoted(text) if roll < 0.7 else "'" + text.replace("'", "''") + "'"


def _group_size(rng: random.Random) -> int:
    """How many of a group answered one survey: often a handful, sometimes dozens."""
    roll = rng.random()
    if roll < 0.27:
        return rng.randint(1, 4)  # fewer than min_group: in the totals, never shown alone
    if roll < 0.8:
        return rng.randint(5, 15)
    return rng.randint(16, 40)


def _centres(rng: random.Random, answers: dict[str, Any], rubric: dict[str, Any]
             ) -> dict[tuple[str, str], float]:
    """Where each group's answers to each item sit on the 0-4 scale, for this service: near the
    service's own answer, a little lower, with a blind spot or a hidden strength now and then."""
    points = {s["id"]: {o["id"]: o.get("voice_point") for o in s["options"]}
              for s in rubric["answer_sets"]}
    centres = {}
    for c in rubric["criteria"]:
        for group in (c.get("voice") or {}).get("ask", {}):
            given = answers["criteria"].get(c["id"], {})
            point = points[c["answer_set"]].get(given.get("answer"))
            centre = 1.2 if point is None else point - 0.3
            roll = rng.random()
            if point is not None and point >= 2 and roll < 0.08:
                centre = point - 2.2  # a blind spot: the service says more than they do
            elif point is not None and point <= 2 and roll < 0.14:
                centre = point + 1.6  # a hidden strength
            centres[(c["id"], group)] = centre
    return centres


def _answer(rng: random.Random, centre: float) -> str:
    roll = rng.random()
    if roll < 0.07:
        return "dont-know"
    if roll < 0.085:
        return "rather-not-say"
    point = min(4, max(0, round(rng.gauss(centre, 0.85))))
    return ("never", "not-often", "sometimes", "mostly", "always")[point]


def _respondent_answers(rng: random.Random, group: str, items: list[str],
                        centres: dict[tuple[str, str], float]) -> dict[str, str]:
    roll = rng.random()
    if roll < 0.02:
        return {}  # opened the form and answered nothing
    stop = rng.randrange(1, len(items)) if roll < 0.07 else len(items)  # stopped partway
    bias = rng.gauss(0, 0.5) + (0.3 if group == "children" else 0.0)
    return {item: _answer(rng, centres[(item, group)] + bias) for item in items[:stop]
            if rng.random() >= 0.06}  # a question skipped


def _answers_lines(out: Writer, indent: int, answers: dict[str, str], style: str) -> None:
    pad = " " * indent
    if style == "block" or not answers:
        out.key(indent, "answers", " {}" if not answers else "")
        out.lines.extend(f"{pad}  {item}: {answer}" for item, answer in answers.items())
        return
    pairs = [f"{item}: {answer}" for item, answer in answers.items()]
    if style == "flow":
        out.lines.append(f"{pad}answers: {{{', '.join(pairs)}}}")
        return
    out.lines.append(f"{pad}answers: {{")  # a flow mapping wrapped over lines
    out.lines.extend(f"{pad}  {pair}," for pair in pairs[:-1])
    out.lines.append(f"{pad}  {pairs[-1]}}}")


def _respondent(out: Writer, person: dict[str, Any], seq: int, style: str,
                note: str | None) -> None:
    """Write one respondent as a block sequence item (fields at `seq` + 2)."""
    rng, pad = out.rng, " " * seq
    if note is not None:
        out.comment(seq, note)
    out.lines.append(f"{pad}- id: {person['id']}")
    after = "  # foster carer" if person["group"] == "parents" and rng.random() < 0.03 else ""
    out.raw(seq + 2, "group", person["group"] + after)
    for key in ("age_band", "helped_by"):
        if key in person:
            out.raw(seq + 2, key, person[key])
    if "answers" in person:
        _answers_lines(out, seq + 2, person["answers"], style)
    if "comment" in person:
        person["comment"] = out.text(seq + 2, "comment", person["comment"])


def _people(rng: random.Random, kind: str, groups: dict[str, int], items: dict[str, list[str]],
            centres: dict[tuple[str, str], float], numbering: str, keep_comments: bool,
            wales: bool) -> list[dict[str, Any]]:
    """The respondents of one file, in the order a form export lists them (by time answered)."""
    order = [g for g, size in groups.items() for _ in range(size)]
    rng.shuffle(order)
    people = []
    start = rng.randint(1, 30) if numbering.startswith("ms-") else 1
    for n, group in enumerate(order, start=start):
        person: dict[str, Any] = {"id": numbering.format(n), "group": group}
        ages = LEAVING_CARE_AGES if kind == "Leaving Care Team" else AGE_BANDS[group]
        band = _weighted(rng, ages)
        if band != "not-said" or rng.random() < 0.3:  # not said: mostly left out, the default
            person["age_band"] = band
        if rng.random() < 0.85:
            person["helped_by"] = _weighted(rng, HELPED_BY[group])
        person["answers"] = _respondent_answers(rng, group, items[group], centres)
        if not person["answers"] and rng.random() < 0.5:
            del person["answers"]
        if keep_comments and rng.random() < 0.35:
            if rng.random() < 0.1:
                person["comment"] = rng.choice(LONG_COMMENTS)
            else:  # in Wales, many answer in Welsh; elsewhere a few do
                welsh = rng.random() < (0.4 if wales else 0.05)
                person["comment"] = [rng.choice(WELSH_COMMENTS if welsh else COMMENTS)]
        people.append(person)
    return people


def _source(out: Writer, data: dict[str, Any], collector: tuple[Any, ...], size: int) -> None:
    name, _share, _numbering, files = collector
    rng = out.rng
    source: dict[str, Any] = {"collector": name}
    if name == "coprod-form" and rng.random() < 0.7:
        source["form_version"] = rng.choice(("default 2.2.0", "2.2.0", "easy-read 1"))
    if files and rng.random() < 0.8:
        source["files"] = [rng.choice(files).format(n=size)]
    elif rng.random() < 0.5:
        source["files"] = []
    data["source"] = source
    if rng.random() < 0.25:
        parts = [f"collector: {name}"]
        if "form_version" in source:
            parts.append(f"form_version: {out.flow_text(source['form_version'])}")
        if "files" in source:
            parts.append(f"files: [{', '.join(out.flow_text(f) for f in source['files'])}]")
        out.raw(0, "source", f"{{{', '.join(parts)}}}")
        return
    out.key(0, "source")
    out.raw(2, "collector", name)
    if "form_version" in source:
        source["form_version"] = out.text(2, "form_version", [source["form_version"]])
    if "files" in source and not source["files"]:
        out.raw(2, "files", "[]")
    elif "files" in source:
        out.key(2, "files")
        out.lines.extend(f"  - {_scalar(rng, name)}" for name in source["files"])


def _dates(out: Writer, data: dict[str, Any]) -> None:
    rng = out.rng
    to = AS_OF - dt.timedelta(days=rng.randrange(300))
    since = to - dt.timedelta(days=rng.randrange(7, 70))
    as_text = rng.random() < 0.5  # coprod writes them quoted; people and other tools do not
    for key, day in (("collected_from", since), ("collected_to", to)):
        if rng.random() < 0.1:
            continue
        data[key] = str(day) if as_text else day
        out.raw(0, key, f"'{day}'" if as_text else str(day))


def voice_file(rng: random.Random, service: dict[str, Any], kind: str, groups: dict[str, int],
               centres: dict[tuple[str, str], float], rubric: dict[str, Any]
               ) -> tuple[dict[str, Any], str]:
    """One survey's voice file: the data a YAML loader reads back, and its text."""
    out = Writer(rng)
    wales = service.get("jurisdiction") == "wales"
    header = rng.choices(("coprod", "cy", "import", None), (50, 15 if wales else 0, 20, 15))[0]
    if header is not None:
        out.lines.extend(f"# {line}" for line in HEADERS[header])
    data: dict[str, Any] = {"format": "coprod-voice/1",
                            "rubric": {"id": rubric["id"], "version": rubric["version"]},
                            "service": service["id"]}
    out.raw(0, "format", "coprod-voice/1")
    out.rubric(rubric, flow=0.3)
    out.raw(0, "service", service["id"])
    collector = rng.choices(COLLECTORS, [c[1] for c in COLLECTORS])[0]
    if rng.random() < 0.85:
        _source(out, data, collector, sum(groups.values()))
    _dates(out, data)
    items = {g: [c["id"] for c in rubric["criteria"] if g in (c.get("voice") or {}).get("ask", {})]
             for g in groups}
    people = _people(rng, kind, groups, items, centres, collector[2], rng.random() < 0.3, wales)
    style = rng.choices(("block", "flow", "wrapped"), (70, 20, 10))[0]
    seq = rng.choice((0, 2))
    out.key(0, "respondents")
    for number, person in enumerate(people):
        note = rng.choice(BETWEEN) if number and rng.random() < 0.02 else None
        _respondent(out, person, seq, style, note)
    data["respondents"] = people
    return data, "\n".join(out.lines) + "\n"


def service_voices(number: int, seed: int, answers: dict[str, Any], rubric: dict[str, Any]
                   ) -> list[tuple[str, dict[str, Any], str]]:
    """A service's voice files: (file name, data a loader reads back, text), maybe none."""
    rng = random.Random(f"voice-{seed}-{number}")
    service = answers["service"]
    kind = next(k for k in VOICE_KINDS if service["name"].endswith(k))
    share, weights = VOICE_KINDS[kind]
    if rng.random() >= share:
        return []
    centres = _centres(rng, answers, rubric)
    count = rng.choices((1, 2, 3), (60, 28, 12))[0]
    extra = rng.sample(EXTRA_FILES, count - 1)
    found = []
    for label in (None, *extra):
        if label == "parents" and "parents" in weights:
            chosen = ["parents"]
        else:
            main = rng.choices(list(weights), list(weights.values()))[0]
            chosen = [g for g in weights if g == main or rng.random() < 0.35]
        groups = {g: _group_size(rng) for g in chosen}
        data, text = voice_file(rng, service, kind, groups, centres, rubric)
        suffix = ".voice.yml" if rng.random() < 0.05 else ".voice.yaml"
        name = service["id"] + (f"-{label}" if label else "") + suffix
        found.append((name, data, text))
    return found
