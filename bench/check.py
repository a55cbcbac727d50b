"""Benchmark of the stress test: `mathexams check --seeds 300` over the whole bank on two workers.

Runs the real command in a child process and reports its wall time and the CPU time of it and
its workers (on a machine shared with other work the CPU time is the steadier figure: on two
idle cores the wall time is about half of it), with the bank's results by rule.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 300
JOBS = 2


def main() -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "mathexams", "check", "--seeds", str(SEEDS), "--jobs", str(JOBS),
                          "--json"], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    data = json.loads(run.stdout)
    templates = data["templates"]
    questions = sum(t["seeds"] for t in templates)
    rates = sorted((t["per_second"], t["template_id"]) for t in templates)
    print(f"## Stress test (`mathexams check --seeds {SEEDS} --jobs {JOBS}`)\n")
    print("| measure | value |\n|---|---|")
    print(f"| templates, questions | {len(templates)}, {questions} |")
    print(f"| wall time | {wall:.0f} s |")
    print(f"| CPU time (command and workers) | {cpu:.0f} s |")
    print(f"| exit status | {run.returncode} ({len(data['failures'])} violations, {len(data['known'])} known) |")
    print(f"| slowest template, questions/s (one core) | {rates[0][0]:.0f} ({rates[0][1]}) |")
    print(f"| median template, questions/s (one core) | {rates[len(rates) // 2][0]:.0f} |")
    print(f"| draws rejected for too few significant figures | {sum(t['unfit_keys'] for t in templates)} |")
    print(f"| draws rejected by a simulation miss | {sum(t['simulation_misses'] for t in templates)} |")
    rules = Counter(v["rule"] for v in data["failures"])
    known = Counter(v["rule"] for v in data["known"])
    print("\n| rule | failing | known |\n|---|---|---|")
    for rule in data["rules"]:
        print(f"| {rule} | {rules.get(rule, 0)} | {known.get(rule, 0)} |")


if __name__ == "__main__":
    main()
