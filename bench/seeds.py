"""Benchmark of build time over seeds: is a 30-version exam fast whatever the seed?

The 30-version weeks 5-6 review and the 30-version final are built end to end (`mathexams quiz`
/ `mathexams final`, PDFs included) for 20 seeds each; the median and the maximum wall time are
reported, with the slowest seed, and the machine's load average before and after (the machine is
shared: figures taken under load are marked as such).

    python bench/seeds.py [--seeds N] [--only review|final]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {"review": ["quiz", "--weeks", "5-6"], "final": ["final"]}
TARGETS = {"review": "median <= 2.5 s, max <= 1.5 x median", "final": "median <= 10 s"}


def build_seconds(argv: list[str], seed: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mathexams", *argv, "--versions", "30", "--seed", str(seed),
                    "--out", str(out), "--force"], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--only", choices=sorted(CASES))
    args = parser.parse_args()
    print("| exam (30 versions) | seeds | median | max | max / median | slowest seed | load before / after | target |")
    print("|---|---|---|---|---|---|---|---|")
    for name, argv in CASES.items():
        if args.only and name != args.only:
            continue
        before = os.getloadavg()[0]
        with tempfile.TemporaryDirectory() as tmp:
            times = {seed: build_seconds(argv, seed, Path(tmp)) for seed in range(100, 100 + args.seeds)}
        after = os.getloadavg()[0]
        median = statistics.median(times.values())
        slowest = max(times, key=times.get)
        print(f"| {name} | {len(times)} | {median:.2f} s | {times[slowest]:.2f} s | {times[slowest] / median:.2f} "
              f"| {slowest} | {before:.1f} / {after:.1f} | {TARGETS[name]} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
