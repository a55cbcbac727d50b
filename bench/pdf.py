"""Benchmark of exams to PDF: wall time of `mathexams quiz/final` end to end, against the floor.

For the 12-question review (weeks 3-4) and the 24-question final, in 1, 10 and 30 versions,
each with answer keys and the master key, the full command is timed (Python start-up,
sampling, LaTeX, pdflatex, splitting). The floor is one pdflatex pass over the same three
documents, run one after another: the least any TeX-based tool must spend on those pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [("review", ["quiz", "--weeks", "3-4"]), ("final", ["final"])]
VERSIONS = (1, 10, 30)


def run_build(argv: list[str], out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mathexams", *argv, "--seed", "2026", "--out", str(out), "--force"],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def floor(folder: Path) -> float:
    """One pdflatex pass over each LaTeX file of a built exam, sequentially."""
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for tex in sorted((folder / "latex").glob("*.tex")):
            target = Path(tmp) / tex.name
            target.write_bytes(tex.read_bytes())
            start = time.perf_counter()
            subprocess.run(["pdflatex", "-interaction=batchmode", "-no-shell-escape", tex.name], cwd=tmp,
                           capture_output=True, check=False)
            total += time.perf_counter() - start
    return total


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def schemes() -> None:
    """The LaTeX stage of the 30-version review under several compile schemes (same questions)."""
    from concurrent.futures import ThreadPoolExecutor

    from mathexams.assemble import build_versions
    from mathexams.bank import load_bank
    from mathexams.blueprint import load_blueprint, shipped_blueprint
    from mathexams.render import render_outputs
    from mathexams.render.latex import render_keys, render_papers
    from mathexams.render.pdf import compile_latex

    exams = build_versions(load_blueprint(shipped_blueprint("review-03-04")), load_bank(), 2026, 30,
                           code_key=bytes(32), workers=2)
    combined = {Path(path).stem: data.decode() for path, data in render_outputs(exams).items()}
    separate = {f"paper-{e.version}": render_papers([e]) for e in exams}
    separate.update({f"key-{e.version}": render_keys([e]) for e in exams})

    def timed(jobs: dict[str, str], *, workers: int, settle_all: bool, use_format: bool) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(lambda name: compile_latex(
                    jobs[name], name, Path(tmp) / name, use_format=use_format,
                    settle=settle_all or name.startswith("paper")), list(jobs)))
            return time.perf_counter() - start

    rows = [
        ("60 separate documents (paper and key per version), two at a time, dumped format",
         timed(separate, workers=2, settle_all=False, use_format=True)),
        ("3 combined documents, every one to a fixed point, one after another",
         timed(combined, workers=1, settle_all=True, use_format=False)),
        ("combined; papers 2 passes, keys and master key 1 pass; 2 at a time",
         timed(combined, workers=2, settle_all=False, use_format=False)),
        ("the same, each pass starting from the dumped preamble format (used by mathexams)",
         timed(combined, workers=2, settle_all=False, use_format=True)),
    ]
    print("\n## Compile schemes for the 30-version review (LaTeX stage only)\n")
    print("| scheme | time |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} s |")


def main() -> None:
    print(f"## Exams to PDF ({os.cpu_count()} cores; best of 2 runs)\n")
    print("| exam | versions | pages (papers + keys + master) | wall time | floor (one pass) | wall / floor |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in CASES:
            for n in VERSIONS:
                out = Path(tmp) / f"{name}-{n}"
                wall = min(run_build([*argv, "--versions", str(n)], out) for _ in range(2))
                folder = next(out.iterdir())
                total_pages = sum(pages(folder / f"{doc}.pdf") for doc in ("papers", "keys", "master-key"))
                low = min(floor(folder) for _ in range(2))
                print(f"| {name} | {n} | {total_pages} | {wall:.2f} s | {low:.2f} s | {wall / low:.2f} |")
    schemes()


if __name__ == "__main__":
    main()
