"""The report templates' remembered escaping gives exactly the escaping it stands for.

`rendering.templates` remembers HTML and Markdown escaping of text (most of a report's values
recur in every report of a run). A remembered value must be the same as a fresh one, every
time it is asked for, whatever was escaped before, and a template must still escape what a
user typed.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from coprod_ladder.rendering.templates import environment, markdown_filter, remembered_escape
from coprod_ladder.safe_text import markdown_text

VALUES = st.one_of(st.text(), st.integers(), st.booleans(), st.floats(allow_nan=False),
                   st.none(), st.text().map(Markup))


@given(st.lists(VALUES, max_size=20))
def test_remembered_html_escaping_equals_markupsafe(values: list[object]) -> None:
    for value in [*values, *values]:  # the second time round, from memory
        got = remembered_escape(value)
        assert got == escape(value) and type(got) is Markup


@given(st.lists(VALUES, max_size=20))
def test_remembered_markdown_escaping_equals_markdown_text(values: list[object]) -> None:
    for value in [*values, *values]:
        assert markdown_filter(value) == markdown_text(value)


def test_true_and_one_are_not_mixed_up() -> None:
    assert [str(remembered_escape(v)) for v in (1, True, 1, True)] == ["1", "True", "1", "True"]


def test_a_template_escapes_typed_text_the_second_time_too() -> None:
    template = environment().from_string("<p>{{ x }}</p>")
    typed = '<script>alert("x")</script>'
    first, second = template.render(x=typed), template.render(x=typed)
    assert first == second == "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>"
    assert template.root_render_func.__globals__["escape"] is remembered_escape


def test_a_long_note_is_escaped_but_not_remembered() -> None:
    # What is remembered stays small however many reports a worker writes: a service's own
    # notes (up to 1,500 characters) are escaped afresh; the rubric's short wording is kept.
    from coprod_ladder.rendering import templates

    note = "<b>Our young people's panel</b> said & asked " * 40
    short = "Children's views shape <what> we do"
    for escaping, kept in ((remembered_escape, templates._escaped),
                           (markdown_filter, templates._markdown_of_text)):
        kept.cache_clear()
        assert escaping(note) == escaping(note) != note
        assert kept.cache_info().currsize == 0
        escaping(short)
        assert kept.cache_info().currsize == 1
        assert kept.cache_info().maxsize == templates._REMEMBERED
