"""The help text of each top-level command, apart from the command so that the list of
commands in `coprod --help` is made without importing any of them (cli/commands.py).

Each command is built with the same text (`score` and `demo` in score.py, `assess.py`,
`form.py`, `portfolio.py`, `migrate.py`, and the `rubric` and `voice` groups), so the list
cannot drift from the commands' own help. Text only: this module imports nothing but N_, and
must not (it is loaded by every start-up). Marked N_() for translation, as help texts are
read at import, before the language is chosen.
"""

from __future__ import annotations

from coprod_ladder.language import N_

SCORE_HELP = N_("""\
Score answers files: where each service stands, why, and the actions for the next rung.

Writes a gap report per service and prints a summary. A bad file is reported with
path:line:col and the rest are still scored; the exit code is 1 if any file failed, and
3 if a path is missing or a file cannot be read at all (over 1 MiB included). With
--out - the reports of every service go to stdout as one JSON document and the summaries
to stderr.

Examples:

\b
  coprod score answers/ --out reports/
  coprod score --rubric my-council.yaml answers/*.yaml
  coprod score - --out - < youth-service.yaml | jq '.services[0].rung'
  coprod score answers/ --voice voices/""")


DEMO_HELP = N_("""\
Score the example services shipped with coprod and write their gap reports.

A quick way to see what coprod does: five services (a youth service in Wales, a children's
centre, a fostering team, a mental-health service and a SEND team) scored with the default
rubric, the youth service with what its young people and parents said (example voice
files).

Example:

\b
  coprod demo --out coprod-demo/""")


ASSESS_HELP = N_("""\
Run the self-assessment: question by question, saved after every answer.

Asks about the service (with which country's law applies to it, where the rubric lists
more than one: a service in Wales is asked the Welsh questions too), then what it does
for each type of co-production (rung by rung), the critical success factors, the
readiness steps and the target rung. Every answer is
saved at once to the answers file; run again with --answers FILE to carry on or change
answers. Ends with the service's rung, the actions for the next rung and the gap report,
written as `coprod score` writes it.

Examples:

\b
  coprod assess --quick
  coprod assess --answers youth-service.answers.yaml""")


FORM_HELP = N_("""\
Write the self-assessment as one HTML file a manager opens in any browser.

The same questions, rules and answers file as `coprod assess` (which country's law
applies included: the questions for one country show only when it is chosen), with no
terminal and no install: the page works offline (from a file, an email attachment, SharePoint or
Teams), keeps the answers in the browser as they go, saves a coprod answers file and
opens one to carry on. It does not score: the manager sends the saved file back, and
`coprod score FILE` writes the gap report.

Examples:

\b
  coprod form --quick --send-to "Sam Patel, sam.patel@example.gov.uk"
  coprod form --answers youth-service.answers.yaml --out forms/""")


PORTFOLIO_HELP = N_("""\
Put every service on one page: rungs, heat map, barriers, gaps, trends.

Scores every answers file under FOLDER and writes portfolio.html, .md, .json, .csv and
.xlsx (an Excel workbook with an action plan to fill in).
A bad file never stops the run: it is listed in the report and on stderr
(path:line:col), and the exit code is 1 at the end (3 if a file could not be read at
all: missing, no permission, not a regular file or over the 1 MiB limit).
With --out - one format goes to stdout and the overview to stderr.

Examples:

\b
  coprod portfolio answers/2026/ --previous answers/2025/ --group-by area
  coprod portfolio answers/ --voice voices/
  coprod portfolio answers/ --out - --format csv > services.csv""")


MIGRATE_HELP = N_("""\
Rewrite answers files for the current version of their rubric.

Files written for an earlier version (for example default 1.0.0) are carried across
through the rubric's history: renamed, split, merged and removed questions and answer
options. Without --in-place or --out, the result is printed (one FILE only).

Examples:

\b
  coprod migrate old/youth-service.yaml --out youth-service.yaml
  coprod migrate --in-place answers/*.yaml
  coprod migrate --rubric my-council.yaml --in-place answers/*.yaml""")


RUBRIC_HELP = N_(
    "Check, list and show rubrics: the ladders of involvement, criteria and success "
    "factors that services are assessed against.\n\nExamples:\n\n\b\n"
    "  coprod rubric list\n  coprod rubric check --strict rubrics/\n"
    "  coprod rubric init rubrics/my-council.yaml")


VOICE_GROUP_HELP = N_(
    "Hear children, young people and families: make a survey from the rubric's voice "
    "questions, and import their answers.\n\nExamples:\n\n\b\n"
    "  coprod voice template answers/youth-service.yaml --for young-people\n"
    "  coprod voice form answers/youth-service.yaml --for young-people\n"
    "  coprod voice import export.xlsx --service youth-service --for young-people")
