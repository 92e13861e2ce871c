"""Time `coprod portfolio` against parsing the same files with PyYAML's C loader alone.

    python benchmarks/run.py --services 10000

In one run, on the same files (written by generate.py into benchmarks/.data/ and reused):

1. parse-only: `yaml.load(f, Loader=yaml.CSafeLoader)` over every file, the floor for any
   tool that reads YAML in Python;
2. the core in this process: read, check, score and summarise every file, then aggregate and
   render the four portfolio formats;
3. the real command in a subprocess, `coprod portfolio --jobs 1` and `--jobs 2`;
4. peak memory (ru_maxrss) of the command for --small and --services files;
5. start-up time of `coprod --help` and `coprod rubric check rubrics/default.yaml` against
   `python -c pass` (best of several runs), and whether `--help` imports pydantic or jinja2.

Ratios are printed against parse-only; the targets are at most 1.5x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUBRIC = ROOT / "rubrics" / "default.yaml"
AS_OF = "2026-11-01"

sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

# Runs a command and reports its wall time and peak memory. A fresh process each time, because
# RUSAGE_CHILDREN keeps the largest child ever waited for.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode(errors="replace")[-2000:])
print(json.dumps({"seconds": seconds,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def data_folder(count: int, seed: int) -> Path:
    """Return a folder of `count` generated answers files, writing it on first use."""
    folder = HERE / ".data" / f"{count}-seed{seed}"
    stamp = folder / ".complete"
    # Regenerate when the rubric or the generator changes, so the answers always fit.
    digest = hashlib.sha256(RUBRIC.read_bytes() + (HERE / "generate.py").read_bytes())
    if not stamp.exists() or stamp.read_text() != digest.hexdigest():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {count} answers files in {folder} ...", file=sys.stderr)
        generate(count, folder, RUBRIC, seed)
        stamp.write_text(digest.hexdigest())
    return folder


def answer_files(folder: Path) -> list[Path]:
    """Return the answers files under `folder` the way the portfolio finds them."""
    from coprod_ladder.collect import collect_yaml_files

    return collect_yaml_files([folder]).files


def parse_only(files: list[Path]) -> float:
    """Return the seconds PyYAML's C loader alone takes to load every file."""
    start = time.perf_counter()
    for path in files:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def core_loop(files: list[Path]) -> float:
    """Return the seconds a plain loop of `summarise_file` takes over every file."""
    from coprod_ladder.batch import fixed_rubric
    from coprod_ladder.loader import load_rubric
    from coprod_ladder.portfolio import ServiceSummary, summarise_file

    rubric, _ = load_rubric(str(RUBRIC))
    choose = fixed_rubric(rubric)
    start = time.perf_counter()
    summaries = [summarise_file(path, choose) for path in files]
    seconds = time.perf_counter() - start
    if not all(isinstance(s, ServiceSummary) for s in summaries):
        raise SystemExit("some generated files failed to score")
    return seconds


def core_in_process(files: list[Path]) -> tuple[float, float, int]:
    """Return (seconds to score and summarise, to aggregate and render, bytes rendered).

    Scoring goes through the command's own `score_all` (the --jobs 1 path, in this process,
    with its GC handling), rendering through the core's `iter_portfolio`.
    """
    from rich.progress import Progress

    from coprod_ladder.cli.portfolio import score_all
    from coprod_ladder.loader import load_rubric
    from coprod_ladder.portfolio import (
        PortfolioFormat,
        build_portfolio,
        build_portfolio_view,
        iter_portfolio,
    )

    rubric, _ = load_rubric(str(RUBRIC))
    items = [(str(path), None) for path in files]
    start = time.perf_counter()
    summaries, failures = score_all(items, rubric, None, 1, Progress(disable=True), "")
    scored = time.perf_counter() - start
    start = time.perf_counter()
    view = build_portfolio_view(build_portfolio(
        summaries, failures, rubric, as_of=dt.date.fromisoformat(AS_OF), group_by="area"))
    size = sum(len(piece) for fmt in PortfolioFormat for piece in iter_portfolio(view, fmt))
    rendered = time.perf_counter() - start
    if failures:
        raise SystemExit(f"{len(failures)} generated files failed, e.g. {failures[0]}")
    return scored, rendered, size


def coprod_command() -> list[str]:
    """Return how to run the installed `coprod` command."""
    script = shutil.which("coprod") or str(Path(sys.executable).parent / "coprod")
    return [script] if Path(script).exists() else [sys.executable, "-m", "coprod_ladder"]


def measure(command: list[str]) -> dict[str, float]:
    """Run a command in a fresh process; return its seconds and peak memory in MB."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def portfolio_run(folder: Path, jobs: int, out: Path) -> dict[str, float]:
    """Run `coprod portfolio` on a folder; return seconds and peak memory."""
    return measure([*coprod_command(), "portfolio", str(folder), "--rubric", str(RUBRIC),
                    "--out", str(out), "--jobs", str(jobs), "--as-of", AS_OF,
                    "--group-by", "area"])


def best_of(command: list[str], runs: int) -> float:
    """Return the fastest wall time of `runs` runs of a command, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def help_imports() -> dict[str, bool]:
    """Return which heavy libraries `coprod --help` imports."""
    code = ("import sys\nfrom coprod_ladder.cli import app\n"
            "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
            "print({m: m in sys.modules for m in ('pydantic', 'jinja2', 'yaml', 'rich')},"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    return eval(done.stderr.strip().splitlines()[-1])  # a dict literal we printed ourselves


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print a report (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--services", type=int, default=10_000, help="files for the timings")
    parser.add_argument("--small", type=int, default=1_000, help="files for the memory baseline")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    big, small = data_folder(args.services, args.seed), data_folder(args.small, args.seed)
    files = answer_files(big)
    parse_only(files)  # warm the page cache so every timing below reads from memory
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, PyYAML {yaml.__version__}",
        "services": len(files),
        "megabytes_of_yaml": round(sum(p.stat().st_size for p in files) / 1e6, 1),
    }
    results["parse_only_s"] = parse_only(files)
    results["core_loop_s"] = core_loop(files)
    scored, rendered, size = core_in_process(files)
    results["core_score_summarise_s"] = scored
    results["core_aggregate_render_s"] = rendered
    results["report_megabytes"] = round(size / 1e6, 1)
    with tempfile.TemporaryDirectory() as tmp:
        results["cli_jobs1"] = portfolio_run(big, 1, Path(tmp) / "j1")
        results["cli_jobs2"] = portfolio_run(big, 2, Path(tmp) / "j2")
        results["cli_jobs1_small"] = portfolio_run(small, 1, Path(tmp) / "small")
    python = [sys.executable, "-c", "pass"]
    results["startup_python_pass_s"] = best_of(python, args.startup_runs)
    results["startup_help_s"] = best_of([*coprod_command(), "--help"], args.startup_runs)
    results["startup_rubric_check_s"] = best_of(
        [*coprod_command(), "rubric", "check", str(RUBRIC)], args.startup_runs)
    results["help_imports"] = help_imports()

    parse = results["parse_only_s"]
    n = results["services"]
    rows = [
        ("parse only (CSafeLoader)", parse),
        ("core: summarise_file loop", results["core_loop_s"]),
        ("in-process: score_all (--jobs 1 path)", scored),
        ("in-process: + aggregate + render 4 formats", scored + rendered),
        ("coprod portfolio --jobs 1", results["cli_jobs1"]["seconds"]),
        ("coprod portfolio --jobs 2", results["cli_jobs2"]["seconds"]),
    ]
    print(f"\n{results['machine']}")
    print(f"{n} answers files, {results['megabytes_of_yaml']} MB of YAML; "
          f"reports {results['report_megabytes']} MB\n")
    print(f"{'':44} {'seconds':>8} {'ms/file':>8} {'x parse':>8}")
    for label, seconds in rows:
        print(f"{label:44} {seconds:8.2f} {1000 * seconds / n:8.3f} {seconds / parse:8.2f}")
    j1, j1s = results["cli_jobs1"], results["cli_jobs1_small"]
    per_service_kb = (j1["maxrss_mb"] - j1s["maxrss_mb"]) * 1024 / max(1, n - args.small)
    print(f"\npeak memory (ru_maxrss), --jobs 1: {args.small} services {j1s['maxrss_mb']:.0f} MB,"
          f" {n} services {j1['maxrss_mb']:.0f} MB ({per_service_kb:.1f} KB more per service);"
          f" --jobs 2 largest process {results['cli_jobs2']['maxrss_mb']:.0f} MB")
    base = results["startup_python_pass_s"]
    print(f"start-up (best of {args.startup_runs}): python -c pass {1000 * base:.0f} ms; "
          f"coprod --help {1000 * results['startup_help_s']:.0f} ms "
          f"(+{1000 * (results['startup_help_s'] - base):.0f}); "
          f"coprod rubric check default.yaml {1000 * results['startup_rubric_check_s']:.0f} ms "
          f"(+{1000 * (results['startup_rubric_check_s'] - base):.0f})")
    print(f"coprod --help imports: {results['help_imports']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
