"""Reading what a manager types: text, a service id, a date; and a new set of answers.

Owns `InvalidEntry` (says what was expected), reading a typed entry, deriving a service id from
a name and starting the Answers for a rubric. Pure: it must not print, prompt, read the clock
(`today` is given) or touch files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pydantic import TypeAdapter, ValidationError

from coprod_ladder.language import N_, _, pgettext
from coprod_ladder.model import (
    Answers,
    Identifier,
    Rubric,
    RubricRef,
    Service,
    ShortText,
    Text,
)

# --------------------------------------------------------------------------------------------
# Reading typed entries
# --------------------------------------------------------------------------------------------


class InvalidEntry(ValueError):
    """A typed entry that cannot be used; the message says what is expected."""


_SHORT = TypeAdapter(ShortText)
_TEXT = TypeAdapter(Text)
_IDENT = TypeAdapter(Identifier)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
#: How to type a date (translate where shown: `_(DATE_EXAMPLE)`).
DATE_EXAMPLE = N_("e.g. 2026-03-31 or 31/03/2026")


def read_text(raw: str, *, long: bool = False) -> str:
    """Return the cleaned text, or raise InvalidEntry saying what is wrong with it."""
    adapter, limit = (_TEXT, 4000) if long else (_SHORT, 300)
    try:
        return str(adapter.validate_python(raw))
    except ValidationError:
        if not raw.strip():
            raise InvalidEntry(_("this cannot be empty")) from None
        raise InvalidEntry(_("that is {count} characters; keep it under {limit} (put the full "
                             "text in a document and say where it is)").format(
                                 count=len(raw.strip()), limit=limit)) from None


def read_service_id(raw: str) -> str:
    """Return a valid service id, or raise InvalidEntry explaining the form ids take."""
    value = raw.strip()
    try:
        return str(_IDENT.validate_python(value))
    except ValidationError:
        raise InvalidEntry(
            _("'{value}' is not a usable id: use lower-case letters, digits and '-' (start "
              "with a letter or digit), e.g. {example}").format(
                  value=value, example=derive_service_id(value) if value else "harbour-youth")
        ) from None


def read_date(raw: str, today: dt.date, *, not_after_today: bool = False) -> dt.date:
    """Return the date typed (`today` for 'today', or the word in the language spoken), or
    raise InvalidEntry."""
    value = raw.strip()
    # TRANSLATORS: the word a manager may type for today's date; English "today" works too.
    if value.lower() in ("today", pgettext("typed for a date", "today").lower()):
        return today
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not_after_today and day > today:
            raise InvalidEntry(_("{date} is in the future; give the date it happened").format(
                date=day.isoformat()))
        return day
    # TRANSLATORS: 'today' here is the word typed for today's date (see "typed for a date").
    raise InvalidEntry(_("'{value}' is not a date; type a date like 2026-03-31 or 31/03/2026 "
                         "(day first), or 'today'").format(value=value))


_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "&": " and "})


def derive_service_id(name: str) -> str:
    """Return an id made from a service name: 'Ysgol Gân (Môn)' becomes 'ysgol-gan-mon'."""
    letters = unicodedata.normalize("NFKD", name.lower().translate(_LETTERS))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return slug or "service"


def new_answers(rubric: Rubric, name: str, service_id: str) -> Answers:
    """Return a fresh answers model for a service about to be assessed against `rubric`."""
    return Answers(rubric=RubricRef(id=rubric.id, version=rubric.version),
                   service=Service(id=service_id, name=name))
