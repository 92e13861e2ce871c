"""Which country's law applies to a service, and the rubric's text for that country.

Owns the one rule for choosing a jurisdiction (the service's own, else the first the rubric
lists) and for picking a text that differs by country, so floors, factors and reports cite the
same law. Pure: it picks among the rubric's own texts and writes none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coprod_ladder.model import Answers, Criterion, Factor, Jurisdiction, Rubric


def jurisdiction_of(rubric: Rubric, answers: Answers) -> Jurisdiction | None:
    """The jurisdiction a service works in: the one it names, else the rubric's first.

    None for a rubric that lists no jurisdictions. An id the rubric does not list is an error
    the answers checks report; scoring then reads the default rather than fail.
    """
    if not rubric.jurisdictions:
        return None
    named = answers.service.jurisdiction
    return next((j for j in rubric.jurisdictions if j.id == named), rubric.jurisdictions[0])


def law_text(texts: Mapping[str, str], jurisdiction: Jurisdiction | None,
             fallback: str | None = None) -> str | None:
    """The text for this jurisdiction, else the fallback; whitespace folded to single spaces."""
    chosen = texts.get(jurisdiction.id) if jurisdiction is not None else None
    chosen = chosen if chosen is not None else fallback
    return " ".join(chosen.split()) if chosen is not None else None


def applies_in(limited_to: Sequence[str], jurisdiction: Jurisdiction | None) -> bool:
    """Whether something limited to some jurisdictions (none: all) applies to this service."""
    return not limited_to or (jurisdiction is not None and jurisdiction.id in limited_to)


def factors_in(factors: Sequence[Factor], jurisdiction: Jurisdiction | None) -> list[Factor]:
    """The factors asked and scored for a service in this jurisdiction."""
    return [f for f in factors if applies_in(f.jurisdictions, jurisdiction)]


def _items(rubric: Rubric) -> list[Criterion | Factor]:
    return [*rubric.criteria, *rubric.success_factors, *rubric.readiness]


def item_law(rubric: Rubric, jurisdiction: Jurisdiction | None) -> tuple[tuple[str, str], ...]:
    """(item id, text): each item's law for the service's country, where the rubric gives one."""
    found = ((item.id, law_text(item.law, jurisdiction)) for item in _items(rubric))
    return tuple((item_id, text) for item_id, text in found if text)


def item_maps(rubric: Rubric,
              jurisdiction: Jurisdiction | None) -> tuple[tuple[str, str, str], ...]:
    """(item id, mapping name, value): the item mappings the service's country shows, such
    as the Wales National Participation Standards for a Welsh service."""
    if jurisdiction is None:
        return ()
    return tuple((item.id, name, item.maps_to[key]) for item in _items(rubric)
                 for key, name in jurisdiction.maps.items() if key in item.maps_to)
