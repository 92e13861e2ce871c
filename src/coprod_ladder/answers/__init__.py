"""Answers files: reading them (`read`), checking them against their rubric (`checks`),
carrying them across rubric versions (`migrate`) and writing them back (`write`)."""
