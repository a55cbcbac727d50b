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
import json
import os
import resource
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

CHECK_COSTS = """
import json, shutil, subprocess, tempfile, time
from pathlib import Path
from mathexams.assemble import build_versions
from mathexams.bank import load_bank
from mathexams.blueprint import load_blueprint, shipped_blueprint
from mathexams.build import write_exam_folder
from mathexams.latex_allowlist import latex_problem
from mathexams.record import read_record
from mathexams.sampler import _latex_fields

bank = load_bank()
blueprint = load_blueprint(shipped_blueprint("review-05-06"))
exams = build_versions(blueprint, bank, 101, 30, code_key=bytes(32), workers=1)
texts = [text for exam in exams for item in exam.items for _, text in _latex_fields(item.question)]
start = time.perf_counter()
for _ in range(20):
    for text in texts:
        latex_problem(text)
scan = (time.perf_counter() - start) / 20
with tempfile.TemporaryDirectory() as out:
    folder = write_exam_folder(Path(out) / "x", blueprint, exams, code_key=bytes(32), pdf=False).folder
    start = time.perf_counter()
    for _ in range(20):
        read_record(folder / "manifest.json")
    record = (time.perf_counter() - start) / 20
wrappers = ["prlimit", "--fsize=1", "--", "setpriv", "--pdeathsig", "KILL", "--", "true"]
def best(cmd):
    times = []
    for _ in range(30):
        t = time.perf_counter(); subprocess.run(cmd, check=True); times.append(time.perf_counter() - t)
    return min(times)
wrap = best(wrappers) - best(["true"]) if shutil.which("prlimit") and shutil.which("setpriv") else 0.0
print(json.dumps({"texts": len(texts), "scan": scan, "record": record, "wrap": wrap}))
"""

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


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and all its children: workers, pdflatex)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_wall(argv: list[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    return min(timed(argv, env, cwd)[0] for _ in range(runs))


def compare(old: Path, new: Path, seeds: list[int], runs: int) -> None:
    """Alternate old and new run by run, so both see the same background load; keep each best.
    CPU time (the command and its children) is reported too: it shifts far less with the load of
    other programs than wall time does."""
    exe = [sys.executable, "-m", "mathexams"]
    best: dict[tuple[str, str], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            for label, src in (("before", old), ("after", new)):
                env = _env(src)
                jobs = {"list": [*exe, "list"]}
                jobs.update({f"seed {seed}": [*exe, "quiz", "--weeks", "5-6", "--versions", "30", "--seed", str(seed),
                                              "--out", out, "--force"] for seed in seeds})
                for name, argv in jobs.items():
                    wall, cpu = timed(argv, env, ROOT)
                    old_wall, old_cpu = best.get((label, name), (wall, cpu))
                    best[label, name] = (min(wall, old_wall), min(cpu, old_cpu))
    print(f"## Before/after, alternating, best of {runs} ({old} vs {new})\n")
    print("| measure | wall before | wall after | change | CPU before | CPU after | change |")
    print("|---|---|---|---|---|---|---|")
    names = ["list"] + [f"seed {seed}" for seed in seeds]

    def row(what: str, b: tuple[float, float], a: tuple[float, float]) -> str:
        return (f"| {what} | {b[0]:.3f} s | {a[0]:.3f} s | {100 * (a[0] - b[0]) / b[0]:+.1f}% "
                f"| {b[1]:.3f} s | {a[1]:.3f} s | {100 * (a[1] - b[1]) / b[1]:+.1f}% |")

    for name in names:
        what = "`mathexams list`" if name == "list" else f"30-version review, {name}, with PDFs"
        print(row(what, best["before", name], best["after", name]))
    totals = {label: tuple(sum(best[label, n][k] for n in names[1:]) for k in (0, 1)) for label in ("before", "after")}
    print(row("the builds added up", totals["before"], totals["after"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to measure")
    parser.add_argument("--quick", action="store_true", help="one seed, one run (a smoke test of the script)")
    parser.add_argument("--compare", type=Path, metavar="OLD_SRC",
                        help="another checkout's src/: time its builds and this one's alternately (fair on a busy machine)")
    parser.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    parser.add_argument("--runs", type=int, default=BUILD_RUNS, help="build runs per seed")
    args = parser.parse_args()
    if args.quick:
        args.seeds, args.runs = args.seeds[:1], 1
    if args.compare:
        compare(args.compare.resolve(), args.src.resolve(), args.seeds, args.runs)
        return
    env = _env(args.src.resolve())
    exe = [sys.executable, "-m", "mathexams"]
    listing = best_wall([*exe, "list"], LIST_RUNS, env, ROOT)
    compile_times = [float(subprocess.run([sys.executable, "-c", COMPILE_ALL], check=True, capture_output=True,
                                          text=True, env=env, cwd=ROOT).stdout) for _ in range(COMPILE_RUNS)]
    costs = json.loads(subprocess.run([sys.executable, "-c", CHECK_COSTS], check=True, capture_output=True,
                                      text=True, env=env, cwd=ROOT).stdout) if args.src == ROOT / "src" else None
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
    if costs:
        print("\nWhat the new checks cost inside one such build (in-process, 30 versions):\n")
        print("| check | time |\n|---|---|")
        print(f"| LaTeX allow-list scan of every rendered text ({costs['texts']} texts) | {1000 * costs['scan']:.1f} ms |")
        print(f"| reading the manifest back into a typed, checked ExamRecord | {1000 * costs['record']:.1f} ms |")
        print(f"| prlimit + setpriv in front of one pdflatex run | {1000 * costs['wrap']:.2f} ms |")


if __name__ == "__main__":
    main()
