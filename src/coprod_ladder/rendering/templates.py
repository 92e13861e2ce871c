"""The Jinja templates in the shipped `reports/` folder, and the filters they share.

This module owns the Jinja environments, one a language (autoescaped HTML and SVG, strict
about missing keys, constant messages translated when a template is compiled), and the small
formatting rules every format must agree on: rung shades, mean rungs,
link paths and Markdown escaping. It renders nothing itself and never reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from types import CodeType
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, nodes, select_autoescape
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from markupsafe import Markup, escape

from coprod_ladder import language
from coprod_ladder.rendering.compiled_templates import bytecode_cache
from coprod_ladder.rendering.labels import FILTERS as LABEL_FILTERS
from coprod_ladder.rendering.template_messages import fold_messages
from coprod_ladder.rendering.wording import mean_rung_text
from coprod_ladder.safe_text import markdown_text

#: Names a plain dict answers as attributes (its methods); `v.items` in a template means them.
_DICT_ATTRIBUTES = frozenset(dir(dict))


#: How many escaped values each cache below remembers, and the longest text it remembers.
#: The values that recur in every report of a run (the rubric's wording, ids, small counts)
#: are about 1,100 and short; a service's notes and evidence are its own, and remembering
#: them (8,192 of any length) filled every worker with the text of its last files: 24 MB
#: over 5,000 files, so `score` over 10,000 files took 80 MB where 1,000 took 58.
_REMEMBERED = 2048
_LONGEST_REMEMBERED = 400


@lru_cache(maxsize=_REMEMBERED)
def _escaped(value: str | int) -> Markup:
    return escape(value)


def remembered_escape(value: object) -> Markup:
    """markupsafe's `escape`, remembered for short text and whole numbers.

    An HTML report escapes about 1,100 values, most of them the rubric's wording, ids and
    small counts that are the same in every report of a run; the result is the same Markup.
    """
    if value.__class__ is int or (value.__class__ is str
                                  and len(value) <= _LONGEST_REMEMBERED):
        return _escaped(value)
    return escape(value)


class _RememberingTemplate(Template):
    """A template whose autoescaping goes through `remembered_escape`.

    Jinja's compiled templates call the name `escape` in their own module namespace (the
    globals of their render functions); this points it at the remembering one.
    """

    @classmethod
    def from_code(cls, environment: Environment, code: CodeType, globals: Any,
                  uptodate: Any = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = remembered_escape
        return template


#: Tests and filters that ask whether a value exists: a missing key must stay Undefined there.
_LENIENT_TESTS = frozenset({"defined", "undefined"})
_LENIENT_FILTERS = frozenset({"default", "d"})


class _ViewCodeGenerator(CodeGenerator):
    """Compiles `v.name` to read a view's dict directly.

    A report view is plain dicts, and a report reads about 2,000 of their keys: through
    `environment.getattr` each is a method call, a fifth of the time a report takes. Here
    `v.name` becomes `v["name"]` when `v` is a dict, inline; anything else (and a dict's own
    methods, `v.items`) still goes through `environment.getattr`. A key missing from a view
    raises KeyError naming it, where StrictUndefined would raise on first use: either way
    the report is not made. Inside `is defined` and `default`, where a missing key is asked
    about, the usual lookup is kept, so it is Undefined there as before.
    """

    _lenient = 0

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self._lenient or self.environment.is_async or node.attr in _DICT_ATTRIBUTES:
            super().visit_Getattr(node, frame)
            return
        # The walrus evaluates the object once; nothing runs between it and the read.
        self.write(f"(_view_dict[{node.attr!r}] if (_view_dict := ")
        self.visit(node.node, frame)
        self.write(f").__class__ is dict else environment.getattr(_view_dict, {node.attr!r}))")

    def visit_Test(self, node: nodes.Test, frame: Frame) -> None:
        self._visit_maybe_lenient(node.name in _LENIENT_TESTS, super().visit_Test, node, frame)

    def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
        self._visit_maybe_lenient(node.name in _LENIENT_FILTERS, super().visit_Filter, node,
                                  frame)

    def _visit_maybe_lenient(self, lenient: bool, visit: Any, node: nodes.Node,
                             frame: Frame) -> None:
        self._lenient += lenient
        try:
            visit(node, frame)
        finally:
            self._lenient -= lenient


class _ViewEnvironment(Environment):
    """A Jinja environment that reads the plain dicts of a view without a failed getattr.

    `v.name` in a template first tries getattr(v, "name"), which on a dict raises and catches
    an AttributeError before the key is read: about a third of the rendering time. The result
    is the same: a dict has no attributes but its methods, and those still go the usual way.
    Compiled templates read a dict's keys inline (`_ViewCodeGenerator`); this method is for
    everything else that looks up attributes (filters such as `map(attribute=...)`).
    """

    template_class = _RememberingTemplate
    code_generator_class = _ViewCodeGenerator
    #: The language this environment's templates are compiled in (see `template_messages`).
    language = language.SOURCE_LANGUAGE

    def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
        autoescape = self.autoescape(name) if callable(self.autoescape) else self.autoescape
        return fold_messages(super()._parse(source, name, filename), self.language,
                             autoescape=bool(autoescape))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=_REMEMBERED)
def _markdown_of_text(text: str) -> str:
    return markdown_text(text)


def markdown_filter(value: object) -> str:
    """`markdown_text`, remembered for short text: a report escapes about 700 values, most of
    them the rubric's wording and the service's names, the same in every report of a run."""
    if type(value) is str and len(value) <= _LONGEST_REMEMBERED:
        return _markdown_of_text(value)
    return markdown_text(value)


def environment() -> Environment:
    """Return the Jinja environment for the shipped templates in the language in use."""
    return _environment_in(language.current())


def forget_environments() -> None:
    """Build each language's environment again when next asked (the cache changed)."""
    _environment_in.cache_clear()


@cache
def _environment_in(lang: str) -> Environment:
    """One environment a language, built on first use: its templates are compiled with their
    constant messages already translated (`template_messages.fold_messages`), and kept
    compiled between runs where the shell says (`compiled_templates`)."""
    env = _ViewEnvironment(
        bytecode_cache=bytecode_cache(lang),
        loader=PackageLoader("coprod_ladder", "reports"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "svg", "svg.j2")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are package data and never change while coprod runs: do not stat
        # each one again every time a report is rendered.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.language = lang
    # The calls left in the compiled templates (plurals, messages that are not constants)
    # read the language in use, the same as this environment's.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        language.gettext, language.ngettext, newstyle=True,
        pgettext=language.pgettext, npgettext=language.npgettext)
    env.globals["html_lang"] = language.html_lang
    env.filters["md"] = markdown_filter
    env.filters["mean"] = mean_rung_text
    env.filters["urlpath"] = url_path
    env.filters.update(LABEL_FILTERS)  # the words for every id: `{{ a.status | status_words }}`
    env.globals["rung_shade"] = rung_shade
    return env


def rung_shade(level: int | None, top: int) -> int:
    """Return the shade of a rung level on a ladder `top` rungs high: 1 (light) to 7 (dark).

    0 means no rung (an activity marked not applicable). The HTML portfolio and the Excel
    workbook shade rungs alike, so any ladder height spreads over the same seven shades.
    """
    if not level:
        return 0
    return round((level - 1) * 6 / (top - 1)) + 1 if top > 1 else 7


def url_path(value: object) -> str:
    """Percent-encode a relative file path for use in a link.

    A '#', '?', '%' or space in a file name would otherwise end or change the link:
    'camhs#2026.html' becomes 'camhs%232026.html'.
    """
    return quote(str(value), safe="/")



def template_text(name: str, **context: Any) -> Iterator[str]:
    """Render a shipped template whole, ending with exactly one newline.

    For small outputs (a service's report): one string is faster than many pieces.
    """
    text = environment().get_template(name).render(**context)
    yield text if text.endswith("\n") else text + "\n"


def template_pieces(name: str, **context: Any) -> Iterator[str]:
    """Render a shipped template in pieces, ending with exactly one newline.

    For large outputs (the portfolio), so they are written as they are made.
    """
    last = ""
    for piece in environment().get_template(name).generate(**context):
        if piece:
            last = piece
            yield piece
    if not last.endswith("\n"):
        yield "\n"
