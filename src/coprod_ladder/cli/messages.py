"""`python -m coprod_ladder.cli.messages [check|update] [LANG...]`: the maintainers' catalogue tool.

Not a `coprod` command (councils never need it): after adding or changing a message, `update`
files it in the PO files (coprod_ladder.language.messages says how), then the Welsh is filled in
and `check` lists what is left; exit 1 while anything is. The tests make the same check.
"""

from __future__ import annotations

import sys

from coprod_ladder.language.messages import problems, update


def main(argv: list[str]) -> int:
    """Run `check` (the default) or `update` for each language given (default: cy)."""
    command = argv[0] if argv else "check"
    if command not in ("check", "update"):
        print("usage: python -m coprod_ladder.cli.messages [check|update] [LANG...]",
              file=sys.stderr)
        return 2
    found = 0
    for lang in argv[1:] or ["cy"]:
        if command == "update":
            for path in update(lang):
                print(f"wrote {path}")
        for problem in problems(lang):
            print(problem)
            found += 1
    if not found:
        print("ok: every message is translated")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
