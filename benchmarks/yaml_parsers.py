"""Measure other YAML parsers against the parse floor and coprod's own reading, on the same files.

    python benchmarks/yaml_parsers.py [FOLDER]     # default: benchmarks/.data/1000-seed1

For each parser that is installed (none is a dependency of coprod: install them by hand to
compare, for example `pip install yaml-rs ryaml pyyaml-rs`), it prints its CPU time over every
file as a ratio to PyYAML's C loader (the parse floor), how many files it reads to exactly the
data coprod's fast path builds, and how it treats what coprod refuses (anchors and aliases,
tags, duplicate keys, deep nesting). A parser could replace coprod's fast path only where it
builds the same data and refuses, or lets coprod see, everything coprod refuses.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

#: module name on import, and how it reads a text.
PARSERS: dict[str, Callable[[Any], Callable[[str], Any]]] = {
    "yaml_rs": lambda m: m.loads,
    "ryaml": lambda m: m.loads,
    "pyyaml_rs": lambda m: m.safe_load,
}

#: What coprod refuses on every path (yaml_source), and one plain file for comparison.
REFUSED = {
    "an alias": "a: &x [1, 2]\nb: *x\n",
    "a local tag": "a: !foo bar\n",
    "a python tag": "a: !!python/object:os.system x\n",
    "a set": "a: !!set {x, y}\n",
    "a duplicate key": "a: 1\na: 2\n",
    "20,000 nested lists": "[" * 20_000 + "]" * 20_000 + "\n",
}


def cpu(work: Callable[[], Any]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / ".data" / "1000-seed1"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))]
    if not texts:
        print(f"no answers files in {folder}: run benchmarks/run.py once, or name a folder")
        return 2
    from coprod_ladder.yaml_source import parse_yaml

    def plain_data(text: str) -> Any:
        return parse_yaml(text, "benchmark").data

    floor = cpu(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
    ours = [plain_data(t) for t in texts]
    own = cpu(lambda: [plain_data(t) for t in texts])
    print(f"{len(texts)} files; parse floor (CSafeLoader) {floor:.2f} s CPU")
    print(f"{'coprod fast path':18} {own / floor:5.2f}x")
    for name, reader_of in PARSERS.items():
        try:
            module = importlib.import_module(name)
        except ImportError:
            print(f"{name:18} not installed")
            continue
        read = reader_of(module)
        seconds = cpu(lambda read=read: [read(t) for t in texts])  # type: ignore[misc]
        same = sum(1 for text, mine in zip(texts, ours, strict=True) if read(text) == mine)
        print(f"{name:18} {seconds / floor:5.2f}x  same data as coprod: {same} of {len(texts)}")
        for what, text in REFUSED.items():
            try:
                value = read(text)
            except Exception as exc:  # noqa: BLE001 - any refusal counts as refused
                shown = f"refused ({type(exc).__name__})"
            else:
                shown = f"ACCEPTED as {str(value)[:60]!r}"
            print(f"    {what:22} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
