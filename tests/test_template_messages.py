"""Constant messages are translated when a template is compiled, with the meaning Jinja's
newstyle gettext gives them at render time: the same output, escaped the same way."""

from __future__ import annotations

import pytest
from jinja2 import Environment, StrictUndefined

from coprod_ladder import language
from coprod_ladder.rendering.templates import environment


def _unfolded(autoescape: bool) -> Environment:
    """Jinja's own i18n extension, every call made at render time."""
    env = Environment(autoescape=autoescape, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(  # type: ignore[attr-defined]
        language.gettext, language.ngettext, newstyle=True,
        pgettext=language.pgettext, npgettext=language.npgettext)
    return env


CASES = [
    ('{{ _("Yes") }}', {}),
    ('<title>{{ _("The ladder of involvement") }}</title>', {}),
    ('{{ _("100%% of it") }}', {}),
    ('{{ _("Answered by %(name)s", name=who) }}', {"who": "<b>Tom & Jerry</b>"}),
    ('{{ _("Tom & Jerry <i>") }}', {}),
    ('{{ pgettext("practice answer", "Yes") }}', {}),
    ('{{ gettext("No") }}|{{ _(word) }}', {"word": "Yes"}),
    ('{% set _ = 1 %}{{ _ }}', {}),
    ('{{ ngettext("%(num)s service", "%(num)s services", n) }}', {"n": 3}),
    ('{{ _("Yes") | upper }} {{ (_("No") ~ "<") }}', {}),
    ('{{ _("%(a)s & %(b)s: 100%%, %(a)s", a=x, b=y) }}', {"x": "<i>", "y": 3}),
    ('{{ _("Rubric: %(title)s (%(id)s)", title=t, id=n) }}', {"t": None, "n": 2.5}),
    ('{{ _("Out of scope: %(reason)s", reason=r | safe) }}', {"r": "<b>kept</b>"}),
    ('{{ _("%(n)d of them", n=k) }} {{ _("%(n)s%%", n=k) }}', {"k": 7}),
    ('{% autoescape false %}{{ _("Said: %(s)s", s=x) }}{% endautoescape %}{{ _("Said: %(s)s",'
     ' s=x) }}', {"x": "<q>"}),
]


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize(("source", "values"), CASES)
def test_folded_messages_render_as_jinja_would(source: str, values: dict[str, object],
                                               autoescape: bool, lang: str) -> None:
    with language.using(lang):
        env = environment()
        old = env.autoescape
        env.autoescape = autoescape
        try:
            folded = env.from_string(source).render(**values)
        finally:
            env.autoescape = old
        expected = _unfolded(autoescape).from_string(source).render(**values)
    assert folded == expected


def test_a_constant_message_is_translated_once_at_compile_time() -> None:
    with language.using("cy"):
        code = environment().compile('<p>{{ _("The ladder of involvement") }}</p>', raw=True)
    assert "gettext" not in code
    assert "Ysgol cyfranogiad" in code


def test_each_language_compiles_its_own_templates() -> None:
    with language.using("en"):
        english = environment().from_string('{{ _("The ladder of involvement") }}').render()
    with language.using("cy"):
        welsh = environment().from_string('{{ _("The ladder of involvement") }}').render()
    assert english == "The ladder of involvement"
    assert welsh == "Ysgol cyfranogiad"


def test_a_message_of_plain_placeholders_is_formatted_with_its_values_escaped_first() -> None:
    env = environment()
    plain = env.compile('<p>{{ _("Out of scope: %(reason)s", reason=r) }}</p>', raw=True)
    assert "Markup('Out of scope: %(reason)s') %" not in plain
    assert "Markup(('Out of scope: %(reason)s' % {" in plain.replace(" (", "(")
    numbered = env.compile('<p>{{ _("%(n)d of them", n=k) }}</p>', raw=True)
    assert "Markup('%(n)d of them') %" in numbered
