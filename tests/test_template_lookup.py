"""`v.name` in a shipped template reads what Jinja would read, by the faster inline lookup.

`rendering.templates` compiles an attribute lookup on a plain dict to a direct key read. What
a template shows must not change: a dict's keys and methods, an object's attributes, chains
and several lookups in one expression, and the tests and filters that ask whether something
is there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from jinja2 import UndefinedError

from coprod_ladder.rendering.templates import environment


@dataclass
class Card:
    name: str
    rung: dict[str, str]


class Labelled(dict[str, str]):
    """A dict subclass with an attribute of the same name as a key: Jinja prefers the
    attribute, and so must we."""

    label = "the attribute"


def render(source: str, **context: object) -> str:
    return environment().from_string(source).render(**context)


@pytest.mark.parametrize(("source", "context", "shown"), [
    ("{{ v.name }}", {"v": {"name": "Youth forum"}}, "Youth forum"),
    ("{{ v.card.name }}", {"v": {"card": Card("Plans", {"id": "consulting"})}}, "Plans"),
    ("{{ v.card.rung.id }}", {"v": {"card": Card("Plans", {"id": "consulting"})}}, "consulting"),
    ("{{ v.a.b.c }}", {"v": {"a": {"b": {"c": "deep"}}}}, "deep"),
    ("{{ [v.a, w.b] | join('+') }}", {"v": {"a": "x"}, "w": {"b": "y"}}, "x+y"),
    ("{{ v.a ~ v.b if v.c else v.d }}", {"v": {"a": "1", "b": "2", "c": True, "d": "3"}}, "12"),
    ("{% for k, n in v.items() %}{{ k }}={{ n }};{% endfor %}", {"v": {"x": 1, "y": 2}},
     "x=1;y=2;"),
    ("{{ v.label }}", {"v": Labelled(label="the key")}, "the attribute"),
    ("{{ v.other }}", {"v": Labelled(other="a key only")}, "a key only"),
    ("{{ v.missing is defined }}", {"v": {"name": "x"}}, "False"),
    ("{{ v.missing is undefined }}", {"v": {"name": "x"}}, "True"),
    ("{{ v.missing | default('none given') }}", {"v": {}}, "none given"),
    ("{{ v.name | d('none given') }}", {"v": {"name": "given"}}, "given"),
    ("{% macro m(x) %}{{ x.name }}{% endmacro %}{{ m(v) }}", {"v": {"name": "macro"}},
     "macro"),
    ("{{ v.name }}", {"v": {"name": "<b>typed</b>"}}, "&lt;b&gt;typed&lt;/b&gt;"),
])
def test_a_lookup_shows_what_jinja_would(source: str, context: dict[str, object],
                                         shown: str) -> None:
    assert render(source, **context) == shown


def test_a_key_missing_from_a_view_stops_the_report() -> None:
    with pytest.raises((KeyError, UndefinedError), match="missing"):
        render("{{ v.missing }}", v={"name": "x"})


def test_an_attribute_missing_from_an_object_is_strictly_undefined() -> None:
    with pytest.raises(UndefinedError):
        render("{{ v.missing }}", v=Card("x", {}))


def test_the_shipped_templates_read_view_keys_inline() -> None:
    env = environment()
    source, _, _ = env.loader.get_source(env, "service.html.j2")  # type: ignore[union-attr]
    code = env.compile(source, "service.html.j2", raw=True)
    assert "_view_dict[" in code and "environment.getattr(_view_dict" in code
