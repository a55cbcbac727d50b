"""Benchmark of answer checking: median time per check and checks per second by answer kind, and
grading a class of 500.

Each kind is checked against a mix of typical responses (right in several notations, near misses,
wrong), each timed on its own; the target is a median under 2 ms per check for every kind.

The class: a 12-question review in 2 versions, 500 students whose answers are the key, the
key with one entry or sign changed, a decimal rendering, or blank, chosen by a seeded
generator; plus a few unreadable rows. Grading includes parsing, checking and statistics.
"""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sympy

ROOT = Path(__file__).resolve().parents[1]


def timings(answer, responses, repeat: int = 60) -> list[float]:
    """Seconds per check, each response checked `repeat` times (the key is parsed once, as in grading)."""
    from mathexams.judge import check_answer

    check_answer(answer, responses[0])
    out = []
    for _ in range(repeat):
        for response in responses:
            start = time.perf_counter()
            check_answer(answer, response)
            out.append(time.perf_counter() - start)
    return out


def typical_checks() -> list[tuple[str, list[float]]]:
    from mathexams.answers import make_answer

    x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
    w1, x1 = sympy.Symbol("w1", real=True), sympy.Symbol("x1", real=True)
    choice = dict(options=["a", "b", "c", "d"])
    return [
        ("expression", timings(make_answer("expression", 2 * x * sympy.cos(x**2) + 3 * sympy.exp(2 * x)),
                               ["2x cos(x^2) + 3e^(2x)", "2*x*cos(x**2)+3*exp(2*x)", "2x cos x^2", "x^2 - 1",
                                "3exp(2x) + 2x·cos(x²)", "-(2x cos(x^2) + 3e^(2x))"])),
        ("expression, course notation", timings(
            make_answer("expression", sympy.asinh(x) / sympy.cos(y) + w1 * x1),
            ["asinh(x) sec(y) + w_1 x_1", "ln(x + sqrt(x^2+1))/cos y + w1 x1", "arsinh x sec y", "foo(x)"])),
        ("expression, huge argument", timings(
            make_answer("expression", -(7 * x**6 + 4 * x**3) / sympy.sin(7 * y + x**7 + x**4 + 1) ** 2),
            ["-(7x^6+4x^3)*csc(7y+x^7+x^4+1)^2", "(7x^6+4x^3)*csc(7y+x^7+x^4+1)^2"], repeat=10)),
        ("expression up to a constant", timings(
            make_answer("expression", x**3 / 3 + sympy.log(x), equivalence="constant"),
            ["x^3/3 + ln x + C", "x^3/3 + ln(x)", "x^2 + ln x", "x^3/3 + ln(2x) + k", "(x^3 + 1)/3 + ln x"])),
        ("antiderivative, piecewise constant", timings(
            make_answer("expression", sympy.atan(x), equivalence="constant"),
            ["atan((x-1)/(x+1)) + C", "atan(x) + C", "1/(1+x^2)"])),
        ("exact number", timings(make_answer("number", sympy.Rational(5, 12), exact_form=True),
                                 ["5/12", "0.4167", "10/24", "7/12"])),
        ("decimal", timings(make_answer("decimal", sympy.Rational(2, 3), abs_tol=0.001), ["0.667", "0.7"])),
        ("vector", timings(make_answer("vector", [1, -2, sympy.Rational(1, 2)]), ["(1, -2, 1/2)", "(1, 2, 0.5)"])),
        ("matrix 3x3", timings(make_answer("matrix", sympy.Matrix([[1, 2, 0], [-1, 3, 4], [2, 2, 1]])),
                               ["[[1,2,0],[-1,3,4],[2,2,1]]", "[[1,-1,2],[2,3,2],[0,4,1]]"])),
        ("set", timings(make_answer("set", [-1, sympy.Rational(1, 2), 3]), ["{3, -1, 1/2}", "{-1, 3}"])),
        ("interval", timings(make_answer("interval", sympy.Union(sympy.Interval(-sympy.oo, 1, True, True),
                                                                 sympy.Interval(2, sympy.oo))),
                             ["(-oo, 1) U [2, oo)", "(-oo, 1] U [2, oo)"])),
        ("choice", timings(make_answer("choice", correct=[1], **choice), ["B", "(c)"])),
        ("multichoice", timings(make_answer("multichoice", correct=[0, 2], **choice), ["A, C", "A"])),
        ("truefalse", timings(make_answer("truefalse", True), ["true", "no"])),
        ("multi (number, expression, interval)", timings(make_answer("multi", parts=(
            make_answer("number", 2, label="a"), make_answer("expression", 2 * x, label="b"),
            make_answer("interval", sympy.Interval(0, 1), label="c"))), ["2; 2x; [0, 1]", "3; x^2; (0, 1)"])),
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
    print("| check | median ms per check | checks/s |\n|---|---|---|")
    for name, seconds in typical_checks():
        print(f"| {name} | {1000 * statistics.median(seconds):.2f} | {len(seconds) / sum(seconds):,.0f} |")
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
