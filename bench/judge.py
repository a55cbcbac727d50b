"""Benchmark of answer checking: checks per second by answer kind, and grading a class of 500.

The class: a 12-question review in 2 versions, 500 students whose answers are the key, the
key with one entry or sign changed, a decimal rendering, or blank, chosen by a seeded
generator; plus a few unreadable rows. Grading includes parsing, checking and statistics.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sympy

ROOT = Path(__file__).resolve().parents[1]


def per_second(answer, responses, repeat: int = 200) -> float:
    from mathexams.judge import check_answer

    start = time.perf_counter()
    for i in range(repeat):
        check_answer(answer, responses[i % len(responses)])
    return repeat / (time.perf_counter() - start)


def typical_checks() -> list[tuple[str, float]]:
    from mathexams.answers import make_answer

    x = sympy.Symbol("x", real=True)
    return [
        ("expression", per_second(make_answer("expression", 2 * x * sympy.cos(x**2) + 3 * sympy.exp(2 * x)),
                                  ["2x cos(x^2) + 3e^(2x)", "2*x*cos(x**2)+3*exp(2*x)", "2x cos x^2", "x^2 - 1"])),
        ("expression up to a constant", per_second(
            make_answer("expression", x**3 / 3 + sympy.log(x), equivalence="constant"),
            ["x^3/3 + ln x + C", "x^3/3 + ln(x)", "x^2 + ln x"])),
        ("matrix 3x3", per_second(make_answer("matrix", sympy.Matrix([[1, 2, 0], [-1, 3, 4], [2, 2, 1]])),
                                  ["[[1,2,0],[-1,3,4],[2,2,1]]", "[[1,-1,2],[2,3,2],[0,4,1]]"])),
        ("exact number", per_second(make_answer("number", sympy.Rational(5, 12), exact_form=True),
                                    ["5/12", "0.4167", "10/24", "7/12"])),
        ("decimal", per_second(make_answer("decimal", sympy.Rational(2, 3), abs_tol=0.001), ["0.667", "0.7"])),
    ]


def class_csv(record: dict, students: int, rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    versions = record["versions"]
    columns = []
    for section in versions[0]["sections"]:
        for item in section["items"]:
            parts = item["answer"].get("parts", [])
            columns += [f"{item['number']}{p['label']}" for p in parts] or [str(item["number"])]
    writer.writerow(["student", "version", *sorted(columns, key=lambda c: (int(c.rstrip('abcdefgh')), c))])
    for s in range(students):
        v = versions[s % len(versions)]
        answers = {}
        for section in v["sections"]:
            for item in section["items"]:
                for part in item["answer"].get("parts") or [item["answer"]]:
                    key = f"{item['number']}{part.get('label', '') if item['answer'].get('parts') else ''}"
                    value = part["value"]
                    roll = rng.random()
                    if roll < 0.15:
                        value = ""
                    elif roll < 0.35 and value and value[0] not in "[{(":
                        value = f"-({value})" if part["kind"] not in ("choice", "multichoice", "truefalse") else "A"
                    answers[key] = value
        row = [f"s{s:04d}", v["version"]] + [answers.get(c, "") for c in
                                              sorted(columns, key=lambda c: (int(c.rstrip('abcdefgh')), c))]
        writer.writerow(row)
    writer.writerow(["s9998", "Z"] + [""] * len(columns))
    writer.writerow(["s9999", "A", "too", "few"])
    return out.getvalue()


def main() -> None:
    print("## Checking answers (one core)\n")
    print("| check | checks/s | ms per check |\n|---|---|---|")
    for name, rate in typical_checks():
        print(f"| {name} | {rate:.0f} | {1000 / rate:.2f} |")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "mathexams", "quiz", "--weeks", "1-2", "--seed", "2026", "--versions",
                        "2", "--no-pdf", "--out", tmp], check=True, capture_output=True, cwd=ROOT)
        manifest = next(Path(tmp).glob("*/manifest.json"))
        record = json.loads(manifest.read_text())
        responses = Path(tmp) / "class.csv"
        responses.write_text(class_csv(record, 500, random.Random(7)))
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mathexams", "grade", str(manifest), str(responses), "--out",
                        str(Path(tmp) / "grades")], check=True, capture_output=True, cwd=ROOT)
        wall = time.perf_counter() - start
    print(f"\nGrading 500 students x 12 questions (`mathexams grade`, end to end): {wall:.2f} s\n")


if __name__ == "__main__":
    main()
