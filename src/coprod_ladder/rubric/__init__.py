"""Rubrics: loading one (`load`), what a schema-valid rubric means (`checks`), and the JSON
Schemas editors use for rubrics and answers files (`schemas`)."""
