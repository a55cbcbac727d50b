"""Benchmark of the question engine: questions per second per core, slowest templates, cold starts.

Templates that run programs in the snippet worker (CODE_PREFIXES) are also reported apart: they
are allowed to be slower (a program round trip per question, a Matplotlib drawing for figures);
the worker is started before the timing and its start-up is reported on its own; programs repeat
across seeds only by chance, so the per-program cache does not flatter the rates.

One question = sample the parameters, compute the SymPy key, run the independent checks and
render prompt, solution and answer LaTeX (everything `sample_question` does). Each template is
warmed up on one seed (compilation, caches), then timed over SEEDS further seeds in this one
process, i.e. on one core.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 40
# templates whose questions run NumPy, pandas or Matplotlib programs in the snippet worker
CODE_PREFIXES = ("review.numpy.", "review.pandas.", "review.matplotlib.")
COLD_RUNS = 7


def cold_start(argv: list[str]) -> float:
    """Best of COLD_RUNS wall times of a fresh `mathexams` process."""
    exe = [sys.executable, "-m", "mathexams", *argv]
    times = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run(exe, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from mathexams.bank import load_bank
    from mathexams.sampler import sample_question

    bank = load_bank()
    from mathexams import snippet_runner

    start = time.perf_counter()
    snippet_runner.run_program("print(1)")   # the snippet worker starts (imports pandas and Matplotlib)
    worker_start = time.perf_counter() - start
    rates: dict[str, float] = {}
    total_questions, total_seconds = 0, 0.0
    for t in bank:
        sample_question(t, 10_000)  # warm-up: compile the template
        start = time.perf_counter()
        for seed in range(SEEDS):
            sample_question(t, seed)
        elapsed = time.perf_counter() - start
        rates[t.id] = SEEDS / elapsed
        total_questions += SEEDS
        total_seconds += elapsed
    ordered = sorted(rates.items(), key=lambda kv: kv[1])
    print(f"## Question engine ({len(bank)} templates, {SEEDS} seeds each, one core)\n")
    print("| measure | value |\n|---|---|")
    print(f"| whole bank, questions/s | {total_questions / total_seconds:.0f} |")
    print(f"| median template, questions/s | {statistics.median(rates.values()):.0f} |")
    print(f"| slowest template, questions/s | {ordered[0][1]:.1f} ({ordered[0][0]}) |")
    print(f"| templates under 100 q/s | {sum(1 for r in rates.values() if r < 100)} |")
    print(f"| templates under 10 q/s | {sum(1 for r in rates.values() if r < 10)} |")
    print(f"| cold start `mathexams --help` (best of {COLD_RUNS}) | {cold_start(['--help']):.3f} s |")
    print(f"| cold start `mathexams list` (best of {COLD_RUNS}) | {cold_start(['list']):.3f} s |")
    print("\nSlowest five templates:\n\n| template | questions/s |\n|---|---|")
    for tid, rate in ordered[:5]:
        print(f"| `{tid}` | {rate:.1f} |")
    code = {tid: r for tid, r in rates.items() if tid.startswith(CODE_PREFIXES)}
    rest = [r for tid, r in rates.items() if tid not in code]
    print(f"\n## Code questions run by the snippet worker ({len(code)} templates, measured apart)\n")
    print("| measure | value |\n|---|---|")
    print(f"| worker start (imports, warm-up) | {worker_start:.2f} s |")
    if code:
        print(f"| median code template, questions/s | {statistics.median(code.values()):.0f} |")
    print(f"| median of the other templates, questions/s | {statistics.median(rest):.0f} |")
    print("\n| template | questions/s |\n|---|---|")
    for tid, rate in sorted(code.items(), key=lambda kv: kv[1]):
        print(f"| `{tid}` | {rate:.1f} |")


if __name__ == "__main__":
    main()
