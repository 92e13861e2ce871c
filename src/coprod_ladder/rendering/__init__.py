"""Everything coprod shows: views of scores, and the formats that lay them out.

- `views`: the typed views (`ReportView` for one service, the portfolio view) every format
  shows; `service_report` and `portfolio_view` build them, with all the wording and rounding.
- `registry`: a `Renderer` has a name (its file suffix), is text or binary, and renders a
  view; `formats` holds the registries of output formats (`SERVICE_REPORTS`, `PORTFOLIO`).
- The renderers: `templates` (Jinja, Markdown and HTML), `json_stream`, `csv_table`,
  `workbook` (Excel), `findings` and `sarif` (rubric check), `rubric_text` (rubric show);
  `terminal` (the summary and overview the shell prints).

Pure: nothing here prints, reads the clock or writes a file (`report_files` writes them).
"""
