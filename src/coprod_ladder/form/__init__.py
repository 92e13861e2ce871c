"""The offline HTML form: a form spec, and the one engine that turns a spec into a page.

- `spec`: the manager's self-assessment as a spec, from the questionnaire's question table.
- `page`: a spec → one self-contained HTML page (inline CSS and JS, a CSP allowing no network).
- `values`: answers ↔ the page's state, and the answers YAML the page writes.

It must not print, prompt, read the clock or write files: `cli/form.py` does those.
"""
