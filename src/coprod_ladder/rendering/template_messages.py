"""Translate a template's constant messages once, when the template is compiled.

A report's template holds about 600 `{{ _("...") }}` calls. Jinja's i18n extension makes each
a call through the template context at every render: a quarter of the time an HTML report
took. The message and the language are both known when the template is compiled (one Jinja
environment per language, `templates.environment`), so this module replaces each call whose
message is a constant with its translation, with the same meaning as the extension's
"newstyle" gettext:

- the translation is markup in an autoescaped template (it is not escaped, the values put
  into it are), and plain text elsewhere;
- it is always treated as a %-format string: `%%` is a percent sign, and `_("...", n=x)`
  becomes `translation % {"n": x}`. In an autoescaped template whose placeholders are all
  `%(name)s`, that is `Markup(translation % {"n": escape(x)})`: the same text as
  `Markup(translation) % {...}`, without markupsafe's helper object around every value
  (74 messages a report, an eighth of the HTML report's time).

What cannot be folded is left as it was: a message that is not a constant, `*args` or
`**kwargs`, the plural calls (their form depends on a count), and `_` wherever a template
assigns that name itself. This module changes templates' syntax trees only; it renders nothing.
"""

from __future__ import annotations

import re

from jinja2 import nodes
from jinja2.visitor import NodeTransformer

from coprod_ladder import language

#: The names the i18n extension installs for a singular message, and the constant arguments
#: before the message (the context, for pgettext).
_SINGULAR = {"_": 0, "gettext": 0, "pgettext": 1}
#: Every `%` in a message whose values can be escaped before formatting: `%%` or `%(name)s`.
_PLAIN_PLACEHOLDER = re.compile(r"%(?:%|\(\w+\)s)")


class _MessageFolder(NodeTransformer):
    def __init__(self, lang: str, shadowed: frozenset[str], autoescape: bool) -> None:
        self.lang = lang
        self.shadowed = shadowed
        self.autoescape = autoescape

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        self.generic_visit(node)
        callee = node.node
        if not (isinstance(callee, nodes.Name) and callee.name in _SINGULAR
                and callee.name not in self.shadowed and callee.ctx == "load"):
            return node
        wanted = _SINGULAR[callee.name] + 1
        texts = [a.value for a in node.args
                 if isinstance(a, nodes.Const) and isinstance(a.value, str)]
        if (len(texts) != wanted or len(node.args) != wanted or node.dyn_args is not None
                or node.dyn_kwargs is not None):
            return node
        with language.using(self.lang):
            translated = (language.pgettext(texts[0], texts[1]) if callee.name == "pgettext"
                          else language.gettext(texts[0]))
        if not node.kwargs:
            try:
                translated = translated % {}  # as newstyle gettext does: "%%" is "%"
            except (KeyError, ValueError, TypeError):
                return node  # a broken format: let it fail at render, as it always did
            return nodes.MarkSafeIfAutoescape(nodes.Const(translated), lineno=node.lineno)
        if self.autoescape and "%" not in _PLAIN_PLACEHOLDER.sub("", translated):
            escaped = nodes.Dict([
                nodes.Pair(nodes.Const(k.key),
                           nodes.Filter(k.value, "escape", [], [], None, None,
                                        lineno=k.lineno), lineno=k.lineno)
                for k in node.kwargs], lineno=node.lineno)
            return nodes.MarkSafe(nodes.Mod(nodes.Const(translated), escaped,
                                            lineno=node.lineno), lineno=node.lineno)
        values = nodes.Dict([nodes.Pair(nodes.Const(k.key), k.value, lineno=k.lineno)
                             for k in node.kwargs], lineno=node.lineno)
        message = nodes.MarkSafeIfAutoescape(nodes.Const(translated), lineno=node.lineno)
        return nodes.Mod(message, values, lineno=node.lineno)


def _assigned_names(tree: nodes.Template) -> frozenset[str]:
    """Names the template binds itself (`{% set %}`, loop targets, macro arguments)."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return frozenset(names)


def fold_messages(tree: nodes.Template, lang: str, *, autoescape: bool = False
                  ) -> nodes.Template:
    """Return `tree` with every constant singular message translated into `lang`.

    `autoescape`: the template is autoescaped throughout, so values may be escaped before
    they are put into a message (a template that turns autoescaping on or off in a block
    keeps the general form everywhere).
    """
    whole = autoescape and tree.find(nodes.EvalContextModifier) is None
    folded = _MessageFolder(lang, _assigned_names(tree), whole).visit(tree)
    assert isinstance(folded, nodes.Template)
    return folded
