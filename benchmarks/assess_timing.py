"""How quickly `coprod assess` answers a manager, in a real pseudo-terminal, on a loaded machine.

A manager runs `coprod assess` and types: what matters is how long the first question takes
to appear, and how long each answer takes to be saved (coprod writes the answers file after
every answer: two fsyncs and a rename) and the next question shown. Both are measured while
one busy process per usable core competes for the CPU, as on a shared council laptop: issue
25's guards are at most 1 s to the first prompt and 100 ms an answer. Every choice is
answered with option 1 (each details prompt skipped), from a new answers file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Every prompt `coprod assess` can show: tests/test_assess_pty.py answers them too.
PROMPTS = {
    "name": r"What is the service called\? ",
    "id": r"used for file names \[[^\]\r\n]*\]: ",
    "date": r"Date \[[^\]\r\n]*\]: ",
    "details": r"Add details, or Enter for the next question: ",
    "what": r"What is the evidence\?[^\r\n]*: ",
    "where": r"Where is it kept\?[^\r\n]*: ",
    "evidence date": r"Date of the evidence[^\r\n]*: ",
    "reason": r"Why this rung\?[^\r\n]*: ",
    "review": r"Question number, or Enter: ",
    "answer": r"Your answer(?: \[[^\]\r\n]*\])?: ",
}
# What is typed at each prompt that is not a choice: Enter takes the default or goes on.
TYPED = {"name": "Bench Youth Service", "what": "Minutes of the youth forum",
         "reason": "Young people asked for it"}


@dataclass(frozen=True)
class AssessTimes:
    """Seconds to the first prompt, and from each answer sent to the next question shown."""

    first_prompt: float
    answers: tuple[float, ...]


def time_assess(coprod: list[str], folder: Path, answers: int, *, load: int) -> AssessTimes:
    """Run `coprod assess` in `folder` with `load` busy processes beside it; answer up to
    `answers` choices. Needs pexpect (the test extra installs it)."""
    import pexpect

    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
               for _ in range(load)]
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50"}
    names = list(PROMPTS)
    try:
        start = time.perf_counter()
        child = pexpect.spawn(coprod[0], [*coprod[1:], "assess", "--answers", "bench.yaml"],
                              cwd=str(folder), env=env, encoding="utf-8", timeout=120,
                              dimensions=(50, 100))
        child.expect(PROMPTS["name"])
        first = time.perf_counter() - start
        child.sendline(TYPED["name"])
        took: list[float] = []
        while len(took) < answers:
            sent = time.perf_counter()
            index = child.expect([*PROMPTS.values(), pexpect.EOF])
            shown = time.perf_counter() - sent
            if index == len(names) or names[index] == "review":
                break  # every question answered
            name = names[index]
            keys = child.before.rsplit("Keys:", 1)[-1].split("\n", 1)[0]
            if name == "answer" and "choose" in keys:
                took.append(shown)  # the answer before it was saved and this one shown
                child.sendline("1")
            else:
                child.sendline(TYPED.get(name, ""))
        child.terminate(force=True)
        return AssessTimes(first, tuple(took))
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
