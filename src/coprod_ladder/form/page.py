"""A form spec → one self-contained HTML page: inline style and script, no network at all.

Owns `form_page`: the template (`assets/form.html.j2`, autoescaped, so every string the
rubric or an answers file supplied is escaped), the spec embedded as JSON in a
`<script type="application/json">` with `<`, `>` and `&` escaped (so no `</script>` can close
it), the engine's scripts (`assets/conditions.js`, `assets/form.js`) and the spec's writer if it
names one (`assets/voice.js`), the inline SVG symbols a spec asks for, the vendored js-yaml
(`assets/vendor/`, pinned: `JS_YAML_VERSION`) and a Content-Security-Policy of
`default-src 'none'` that allows only the page's own inline style and scripts, by their
SHA-256 hashes. The page speaks the spec's language (`lang`, `<html lang>`): the spec's words
were translated when it was made (`page_words`), the frame's own (skip link, no-script note)
are translated here. A bilingual spec (`second_lang`, see `page_words.in_both_languages`) is
`<html lang="cy">` with each text the Welsh, then the English in a
`<span class="second-language" lang="en-GB">` (so a screen reader switches voice), the
`<title>` "Cymraeg / English", and its notices (the Welsh is a draft) under the heading.
Pure: same spec and language, same bytes; it
must not print, read the clock or touch files other than its own package data.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from coprod_ladder.form.page_words import (
    FIRST,
    PAGE_STRINGS,
    SECOND,
    Text,
    filled,
    flat,
    pair,
    translated,
)
from coprod_ladder.language import SOURCE_LANGUAGE, html_lang, using

#: The js-yaml release vendored in assets/vendor (MIT; its licence is kept beside it).
JS_YAML_VERSION = "4.1.0"
_ASSETS = files("coprod_ladder.form") / "assets"
#: The writers a spec may name, and their scripts (each registers in window.coprodWriters).
WRITERS = {"voice": "voice.js"}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("coprod_ladder.form", "assets"),
                       autoescape=select_autoescape(enabled_extensions=("html.j2",)),
                       undefined=StrictUndefined, keep_trailing_newline=True)


def asset_text(name: str) -> str:
    """The text of one of the form's assets (`form.js`, `vendor/js-yaml.min.js`, ...)."""
    return (_ASSETS / name).read_text(encoding="utf-8")


def spec_json(spec: dict[str, Any]) -> str:
    """The spec as JSON safe inside a <script> element: `<`, `>` and `&` as \\u escapes."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _shown(text: Text, second_lang: str | None) -> Markup:
    """A text as HTML: escaped; a pair as the Welsh, then the English in a span marked with
    its language (so a screen reader switches voice) and styled as the second language."""
    if isinstance(text, str):
        return escape(text)
    return Markup('{first}<span class="second-language" lang="{lang}">{second}</span>').format(
        first=text[FIRST], lang=second_lang, second=text[SECOND])


def form_page(spec: dict[str, Any]) -> str:
    """Render one spec as a self-contained HTML page (see the module docstring)."""
    css = asset_text("form.css")
    yaml_js = asset_text("vendor/js-yaml.min.js")
    conditions_js = asset_text("conditions.js")
    form_js = asset_text("form.js")
    # A spec whose file is not an answers file names its writer: assets/<writer>.js, which
    # registers itself in window.coprodWriters (so the engine stays the same for every form).
    writer_js = asset_text(WRITERS[spec["writer"]]) if spec.get("writer") else ""
    symbols = asset_text("voice_symbols.svg") if spec.get("symbols") else ""
    scripts = " ".join(_hash(s) for s in (yaml_js, conditions_js, form_js, writer_js) if s)
    csp = ("default-src 'none'; "
           f"script-src {scripts}; style-src {_hash(css)}; "
           "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'")
    # The spec's words are already in its language (made when the spec was); the frame's are
    # translated now, in the language being spoken (both, Welsh first, for a bilingual spec).
    second = spec.get("second_lang")
    if second:
        with using(FIRST):
            frame_first = translated(PAGE_STRINGS)
        with using(SECOND):
            frame = {role: pair(text, translated(PAGE_STRINGS)[role])
                     for role, text in frame_first.items()}
    else:
        frame = translated(PAGE_STRINGS)
    strings = {**frame, **spec["strings"]}
    title = filled(strings["title"], rubric=spec["stamp"]["title"])
    return _environment().get_template("form.html.j2").render(
        lang=spec.get("lang") or html_lang(), csp=csp, title=flat(title), theme=spec["theme"],
        heading=_shown(title, second), skip=_shown(strings["skip"], second),
        notices=Markup("").join(Markup('\n<p class="language-notice">{}</p>').format(
            _shown(notice, second or html_lang(SOURCE_LANGUAGE)))
            for notice in spec.get("notices", ())),
        no_script=_shown(strings["no_script"], second),
        css=Markup(css), spec_json=Markup(spec_json(spec)),
        yaml_js=Markup(yaml_js), conditions_js=Markup(conditions_js), form_js=Markup(form_js),
        writer_js=Markup(writer_js), symbols=Markup(symbols))
