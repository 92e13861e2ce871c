"""Voice questions as a list to paste into a survey tool, and as a paper CSV's header row.

Each question's title starts with a short code in square brackets ("[Q07] ..."), which is how
`voice.importing` finds the column again in whatever a survey tool exports. A criterion's code
is its place among the rubric's criteria (the seventh criterion is Q07, whichever groups it is
asked of), so the codes of one rubric version never change, and the same item has the same
code on every group's form. The questions about the person (age band, who helped, a comment)
have codes of their own. The paper CSV's first column names the rubric, version, service and
group, so an import can refuse a form made for another. Pure: it returns text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from coprod_ladder.language import N_, _
from coprod_ladder.model import Rubric, VoiceGroup
from coprod_ladder.rendering.voice_words import (
    AGE_BANDS_FOR,
    ANSWER_WORDS,
    HELPED_BY_WORDS,
    about_you,
    age_band_words,
    answer_words,
    form_title,
    group_words,
    helped_by_words,
    say_voice,
)
from coprod_ladder.safe_text import spreadsheet_cell

#: A title's code: "[Q07]", "[AGE]", or the paper form's "[FORM] default 2.1.0 ...".
CODE = re.compile(r"^\s*\[\s*(Q\d{2,3}|AGE|HELP|COMMENT|GROUP|FORM|ID)\s*\]\s*(.*)$",
                  re.IGNORECASE | re.DOTALL)
#: The codes that are not the rubric's questions.
ABOUT_CODES = ("AGE", "HELP", "COMMENT", "GROUP", "FORM", "ID")
PAPER_ID_TITLE = N_("[ID] Sheet number (any number, once per sheet)")


@dataclass(frozen=True)
class Question:
    """One voice question as a form shows it."""

    code: str
    item: str
    text: str

    @property
    def title(self) -> str:
        return f"[{self.code}] {self.text}"


def item_codes(rubric: Rubric) -> dict[str, str]:
    """Each criterion's code, from its place in the rubric ("Q01" for the first)."""
    width = max(2, len(str(len(rubric.criteria))))
    return {c.id: f"Q{n:0{width}d}" for n, c in enumerate(rubric.criteria, start=1)}


def questions_for(rubric: Rubric, group: VoiceGroup) -> list[Question]:
    """The rubric's questions for one group, in rubric order."""
    codes = item_codes(rubric)
    return [Question(codes[c.id], c.id, c.voice.ask[group]) for c in rubric.criteria
            if c.voice is not None and group in c.voice.ask]


def form_stamp(rubric: Rubric, service: str, group: VoiceGroup) -> str:
    """What the paper CSV's first header cell says after "[FORM]": read back by the import."""
    return f"{rubric.id} {rubric.version} {service} {group.value}"


def about_codes(group: VoiceGroup) -> list[str]:
    """The codes of the questions about the person a group's form asks (parents: no age)."""
    return ["AGE", "HELP", "COMMENT"] if AGE_BANDS_FOR[group] else ["HELP", "COMMENT"]


def about_titles(group: VoiceGroup) -> list[str]:
    """The titles of the questions about the person, as every form for the group asks them."""
    return [f"[{code}] {about_you(code, group)}" for code in about_codes(group)]


def template_text(rubric: Rubric, service: str, service_name: str, group: VoiceGroup,
                  csv_name: str) -> str:
    """The list to paste into a survey tool: how-to, stamp, then each question and its choices."""
    title = form_title(service_name, group)
    lines = [
        title,
        say_voice("template-stamp", rubric=rubric.id, version=rubric.version, service=service,
                  group=group_words(group)),
        "",
        say_voice("template-howto", title=title, service=service, group_key=group.value,
                  csv=csv_name, version=rubric.version),
        "",
    ]
    scale = [answer_words(answer) for answer in ANSWER_WORDS]
    for question in questions_for(rubric, group):
        lines += [question.title, *scale, ""]
    choices = {"AGE": [age_band_words(b) for b in AGE_BANDS_FOR[group]],
               "HELP": [helped_by_words(h) for h in HELPED_BY_WORDS], "COMMENT": []}
    for code, title in zip(about_codes(group), about_titles(group), strict=True):
        lines += [title, *choices[code], ""]
    return "\n".join(lines)


def paper_csv(rubric: Rubric, service: str, group: VoiceGroup) -> str:
    """The paper form's CSV: a header row of the same titles, to type each sheet into a row.

    Written as Excel writes CSV (a byte-order mark and CRLF line ends are added by the writer
    of the file), so it opens in Excel with its apostrophes intact.
    """
    header = [f"[FORM] {form_stamp(rubric, service, group)}", _(PAPER_ID_TITLE),
              *(q.title for q in questions_for(rubric, group)), *about_titles(group)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([spreadsheet_cell(h) for h in header])
    return out.getvalue()
