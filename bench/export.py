"""Benchmark of the LMS exports: wall time of `mathexams quiz --weeks 5-6 --versions 30 --format F`
end to end (Python start-up, sampling 30 versions, one batched pandoc run, the figures' pdflatex
run, writing), best of 3, for Moodle XML and GIFT; and `mathexams export` of the same exam from its
record. R/exams' exams2moodle took 22 s for 30 versions of a 12-exercise exam on this machine;
the target is under 5 s."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ["quiz", "--weeks", "5-6", "--versions", "30", "--seed", "2026"]


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (the command, its worker processes, pandoc and pdflatex) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mathexams", *argv], check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def mapping_table(seeds: range = range(1, 21)) -> None:
    """Answer kind x format -> question types (questions over the seeds), and how many bank
    templates keep automatic grading in every one of their draws, per format."""
    import collections

    from mathexams.bank import load_bank
    from mathexams.render.lms import LMS_FORMATS
    from mathexams.sampler import sample_question

    bank = load_bank()
    types: dict = collections.defaultdict(collections.Counter)
    kept = collections.Counter()
    for template in bank:
        automatic = dict.fromkeys(LMS_FORMATS, True)
        for seed in seeds:
            answer = sample_question(template, seed).answer
            for name, describe in LMS_FORMATS.items():
                mapping = describe(answer)
                types[(answer.kind, name)][mapping.qtype + ("" if mapping.automatic else " (by hand)")] += 1
                automatic[name] = automatic[name] and mapping.automatic
        kept.update(name for name, ok in automatic.items() if ok)
    print(f"\n## Answer kinds to LMS question types ({len(bank)} templates x {len(seeds)} seeds)\n")
    print("| kind | format | question type (questions) |\n|---|---|---|")
    for (kind, name), counts in sorted(types.items()):
        print(f"| {kind} | {name} | " + ", ".join(f"{t} x{n}" for t, n in counts.most_common()) + " |")
    print("\n| format | templates graded automatically in all their draws |\n|---|---|")
    for name in LMS_FORMATS:
        print(f"| {name} | {kept[name]} of {len(bank)} |")


def main() -> None:
    print(f"## LMS exports ({os.cpu_count()} cores; best of 3 runs; load average {os.getloadavg()[0]:.1f})\n")
    print("| command | wall time | CPU time | target |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("moodle", "gift", "html"):
            wall, cpu = min(timed([*QUIZ, "--format", fmt, "--out", tmp, "--force"]) for _ in range(3))
            print(f"| `mathexams {' '.join(QUIZ)} --format {fmt}` | {wall:.2f} s | {cpu:.2f} s | "
                  f"{'< 5 s' if fmt == 'moodle' else ''} |")
        manifest = Path(tmp) / "review-05-06-seed2026" / "manifest.json"
        wall, cpu = min(timed(["export", str(manifest), "--format", "moodle", "--force"]) for _ in range(3))
        print(f"| `mathexams export MANIFEST --format moodle` (30 versions, from the record) | {wall:.2f} s | "
              f"{cpu:.2f} s | |")
    mapping_table()


if __name__ == "__main__":
    main()
