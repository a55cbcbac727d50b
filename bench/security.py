"""Benchmark of what the security checks cost: template loading and a 30-version review build.

Measures, best of several runs each:
- `mathexams list` as a fresh process (bank discovery, YAML, metadata checks);
- compiling every template in one process (expressions through the sandbox parser, placeholders
  through Jinja, the LaTeX allow-list scan of prompts and solutions);
- `mathexams quiz --weeks 5-6 --versions 30 --seed S --force` for several seeds, PDFs included
  (sampling in worker processes, the scan of every rendered question, pdflatex under limits).

`python bench/security.py --src DIR` measures another checkout's `src/` (say, main before a
change) with this interpreter, so before/after figures come from the same machine and packages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (101, 202, 303)
BUILD_RUNS = 2          # per seed; the best run of each seed is kept
LIST_RUNS = 7
COMPILE_RUNS = 5

COMPILE_ALL = """
import time
from mathexams.bank import load_bank
from mathexams.template import compile_template
start = time.perf_counter()
bank = load_bank()
for t in bank:
    compile_template(t)
print(time.perf_counter() - start)
"""


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("MATHEXAMS_DEBUG", None)
    return env


def best_wall(argv: list[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env, cwd=cwd)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to measure")
    parser.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    parser.add_argument("--runs", type=int, default=BUILD_RUNS, help="build runs per seed")
    args = parser.parse_args()
    env = _env(args.src.resolve())
    exe = [sys.executable, "-m", "mathexams"]
    listing = best_wall([*exe, "list"], LIST_RUNS, env, ROOT)
    compile_times = [float(subprocess.run([sys.executable, "-c", COMPILE_ALL], check=True, capture_output=True,
                                          text=True, env=env, cwd=ROOT).stdout) for _ in range(COMPILE_RUNS)]
    builds = {}
    with tempfile.TemporaryDirectory() as out:
        for seed in args.seeds:
            builds[seed] = best_wall([*exe, "quiz", "--weeks", "5-6", "--versions", "30", "--seed", str(seed),
                                      "--out", out, "--force"], args.runs, env, ROOT)
    print(f"## Cost of the security checks ({args.src})\n")
    print("| measure | value |\n|---|---|")
    print(f"| `mathexams list`, fresh process (best of {LIST_RUNS}) | {listing:.3f} s |")
    print(f"| load and compile every template, one process (best of {COMPILE_RUNS}) | {min(compile_times):.3f} s |")
    for seed, seconds in builds.items():
        print(f"| `mathexams quiz --weeks 5-6 --versions 30 --seed {seed}` with PDFs (best of {args.runs}) "
              f"| {seconds:.2f} s |")
    print(f"| the builds added up | {sum(builds.values()):.2f} s |")


if __name__ == "__main__":
    main()
