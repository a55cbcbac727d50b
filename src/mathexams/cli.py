"""The `mathexams` command: parse arguments, call the library, print results.

SymPy is imported only inside the commands that need it, so `mathexams --help` starts fast.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .errors import MathExamsError
from .kinds import REGISTRY, kind_of
from .safe_text import TerminalStream


def _add_bank_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bank", metavar="DIR", action="append", type=Path, default=[],
                   help="an extra question-bank folder (repeatable); its templates join the shipped ones")
    p.add_argument("--no-shipped-bank", action="store_true",
                   help="use only the --bank folders, not the bank shipped with mathexams")


def _folders(args: argparse.Namespace) -> list[Path]:
    from .bank import DEFAULT_BANK

    folders = list(args.bank) if args.no_shipped_bank else [DEFAULT_BANK, *args.bank]
    if not folders:
        raise MathExamsError("--no-shipped-bank needs at least one --bank DIR")
    return folders


def _load(args: argparse.Namespace):
    from .bank import load_bank

    return load_bank(_folders(args))


def _seed(text: str, bits: int = 63) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a non-negative integer, got {text!r}") from None
    if not 0 <= value < 2**bits:
        raise argparse.ArgumentTypeError(f"seed must be in 0 .. 2**{bits}-1, got {text}")
    return value


def _master_seed(text: str) -> int:
    return _seed(text, 64)


def _positive(text: str, most: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    if most is not None and value > most:
        raise argparse.ArgumentTypeError(f"expected at most {most}, got {text}")
    return value


def _at_most(most: int):
    def parse(text: str) -> int:
        return _positive(text, most)
    parse.__name__ = f"integer 1..{most}"
    return parse


MAX_TITLE = 200


def _title(text: str) -> str:
    if len(text) > MAX_TITLE:
        raise argparse.ArgumentTypeError(f"at most {MAX_TITLE} characters, got {len(text)}")
    return text


def _variables(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",")]
    if len(names) > 10 or not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", n) for n in names):
        raise argparse.ArgumentTypeError("expected up to 10 comma-separated names such as x,t")
    return names


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `mathexams judge: error: argument --options: ... (see --help)`."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _option_count(text: str) -> int:
    value = _positive(text)
    if value > 26:
        raise argparse.ArgumentTypeError(f"expected 1..26 options (one letter each), got {text}")
    return value


def _real(text: str, accept, requirement: str) -> float:
    """A float option that `accept` approves of (NaN and infinities fail any sensible test)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {requirement}, got {text!r}") from None
    if not accept(value):
        raise argparse.ArgumentTypeError(f"expected {requirement}, got {text}")
    return value


def _tolerance(text: str) -> float:
    return _real(text, lambda v: math.isfinite(v) and v > 0, "a tolerance: a finite number above 0")


def _share(text: str) -> float:
    return _real(text, lambda v: 0 <= v <= 1, "a number 0..1")


def cmd_list(args: argparse.Namespace) -> int:
    bank = _load(args)
    plan = bank.curriculum
    if args.week is not None and args.week > plan.weeks:
        raise MathExamsError(f"--week {args.week}: the course plan has weeks 1-{plan.weeks} ({plan.source})")
    if args.track is not None and args.track not in plan.tracks:
        raise MathExamsError(f"--track {args.track!r}: the course plan's tracks are {', '.join(plan.tracks)} "
                             f"({plan.source})")
    templates = bank.select(week=args.week, track=args.track)
    if args.json:
        rows = [{"id": t.id, "title": t.title, "weeks": list(t.weeks), "track": t.track, "cell": t.cell,
                 "objective": t.objective, "difficulty": t.difficulty, "points": t.points,
                 "answer_kind": t.answer_kind, "source": t.source} for t in templates]
        print(json.dumps(rows, indent=2))
        return 0
    width = max((len(t.id) for t in templates), default=10)
    for t in templates:
        print(f"{t.id:<{width}}  {t.cell:<22} {t.difficulty}  {t.answer_kind:<11} {t.title}")
    print(f"{len(templates)} template(s)", file=sys.stderr)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from .sampler import sample_question

    bank = _load(args)
    template = bank.get(args.id)
    if args.form is not None:
        template.form(args.form)   # an unknown form is one line naming the template's forms
    questions = [sample_question(template, args.seed + i, form=args.form) for i in range(args.n)]
    if args.json:
        payload: Any = [q.to_dict() for q in questions]
        print(json.dumps(payload if args.n > 1 else payload[0], indent=2, ensure_ascii=False))
        return 0
    for q in questions:
        form = f"form {q.form}, " if q.form else ""
        tools = ", calculator" if q.calculator else ""
        print(f"% {q.template_id}  seed {q.seed}  ({form}{q.cell}, {q.difficulty}, {q.points:g} pts, "
              f"{q.minutes:g} min{tools})")
        print(q.prompt_latex)
        for i, option in enumerate(q.answer.options):
            print(f"  ({chr(65 + i)}) {option}")
        for part in q.answer.parts:
            print(f"  ({part.label}) {part.prompt_latex}")
            for i, option in enumerate(part.options):
                print(f"      ({chr(65 + i)}) {option}")
        print("% answer:", kind_of(q.answer).key_text(q.answer))
        print("% solution:", q.solution_latex.replace("\n", " "))
        print()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .progress import ProgressBar
    from .quality import MIN_SEEDS, RULES, judge, position_share, read_known, top_key_share
    from .stress import stress_bank

    bank = _load(args)
    known = read_known(_folders(args))
    templates = [bank.get(i) for i in args.ids] if args.ids else list(bank)
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    bar = ProgressBar(len(templates))
    reports = stress_bank(templates, seeds, jobs=args.jobs, progress=lambda r: bar.advance(r.template_id))
    bar.close()
    verdict = judge(reports, known)
    if args.json:
        by_template: dict[str, list] = {}
        for v in verdict.failures + verdict.known:
            by_template.setdefault(v.template_id, []).append(v.to_dict())
        print(json.dumps({
            "seeds": len(seeds), "first_seed": args.first_seed, "statistics_from_seeds": MIN_SEEDS, "rules": RULES,
            "templates": [{**r.to_dict(), "violations": by_template.get(r.template_id, [])} for r in reports],
            "failures": [v.to_dict() for v in verdict.failures],
            "known": [v.to_dict() for v in verdict.known],
            "stale_known": [{"template_id": k.template_id, "rule": k.rule, "issue": k.issue} for k in verdict.stale],
        }, indent=2, ensure_ascii=False))
        return 0 if verdict.ok else 1
    width = max((len(r.template_id) for r in reports), default=10)
    print(f"{'template':<{width}}  {'cell':<22} {'seeds':>5} {'distinct':>8} {'rejected':>8} {'unfit':>7} "
          f"{'sim-miss':>8} {'top key':>7} {'top pos':>7} {'q/s':>7}  status")
    failing = {v.template_id for v in verdict.failures}
    known_here = {v.template_id for v in verdict.known}
    for r in reports:
        top = max((top_key_share(f) for f in r.fields.values() if not f.binary), default=0.0)
        position = max((position_share(f) for f in r.fields.values()), default=0.0)
        status = ("FAIL" if r.template_id in failing else "known" if r.template_id in known_here else "ok")
        print(f"{r.template_id:<{width}}  {r.cell:<22} {r.seeds:>5} {r.distinct:>8} "
              f"{100 * r.rejection_rate:>7.1f}% {r.unfit_keys:>7} {r.simulation_misses:>8} {100 * top:>6.0f}% "
              f"{(f'{100 * position:.0f}%' if position else '-'):>7} {r.per_second:>7.1f}  {status}")
    total = sum(r.seeds for r in reports)
    print(f"{len(reports)} template(s), {total} question(s), {len(verdict.failures)} violation(s), "
          f"{len(verdict.known)} known violation(s), {sum(r.simulation_misses for r in reports)} draw(s) rejected "
          f"by a simulation miss")
    if len(seeds) < MIN_SEEDS:
        print(f"key concentration, key position and variety are measured from {MIN_SEEDS} seeds on "
              f"(this run: {len(seeds)})")
    for rule in RULES:
        failed = sum(v.rule == rule for v in verdict.failures)
        accepted = sum(v.rule == rule for v in verdict.known)
        if failed or accepted:
            print(f"  {rule:<18} {failed:>3} failing, {accepted:>3} known  ({RULES[rule]})")
    for v in verdict.known:
        print(f"known: {v.line()} (issue {v.known.issue if v.known else '?'})")
    for entry in verdict.stale:
        print(f"mathexams: warning: {entry.source}: {entry.template_id} / {entry.rule} is no longer broken over "
              f"{len(seeds)} seeds: remove the entry", file=sys.stderr)
    for v in verdict.failures:
        print(f"error: {v.line()}", file=sys.stderr)
    return 0 if verdict.ok else 1


def cmd_functions(args: argparse.Namespace) -> int:
    from .template import CHECKS, FUNCTIONS

    for title, table in (("Functions for params, answers and constraints", FUNCTIONS),
                         ("Independent checks for verify", CHECKS)):
        print(f"# {title}")
        groups: dict[str, list[str]] = {}
        for name, fn in table.items():
            module = getattr(fn.func, "__module__", "") or ""
            group = module.rsplit(".", 1)[-1] if module.startswith("mathexams.") else "symbolic"
            groups.setdefault(group, []).append(name)
        if table is FUNCTIONS:
            groups.setdefault("symbolic", []).append("cases")
        for group in sorted(groups):
            print(f"## {group}")
            for name in sorted(groups[group]):
                if name == "cases" and table is FUNCTIONS:
                    print(f"{'cases':<26} cases(cond1, value1, ..., otherwise): the value after the first true "
                          "condition; only it is evaluated")
                    continue
                fn = table[name]
                tag = " [draws]" if fn.needs_rng and table is FUNCTIONS else (" [simulation]" if fn.simulation else "")
                print(f"{name:<26}{tag} {fn.doc}")
        print()
    return 0


def cmd_kinds(args: argparse.Namespace) -> int:
    from .kinds import kinds_table

    print(kinds_table())
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from .index import bank_index

    print(bank_index(_load(args)))
    return 0


def _earlier_exam(path: Path | None):
    """An earlier exam's record named by --after or --practice, or None."""
    from .record import read_record

    return read_record(path) if path is not None else None


def _outputs(args: argparse.Namespace) -> tuple[str, ...]:
    """The outputs asked for with --format (default: papers, keys and master key), each registered."""
    from .render import DEFAULT_OUTPUTS, expand_formats

    return expand_formats(args.format) if args.format else DEFAULT_OUTPUTS


def _build(args: argparse.Namespace, bank: Any, blueprint_path: Path, *, practice: Path | None = None,
           learner: str | None = None) -> int:
    import dataclasses
    import secrets

    from .assemble import build_versions
    from .blueprint import load_blueprint
    from .build import exam_folder, refuse_existing, write_exam_folder
    from .codes import new_code_key
    from .progress import ProgressBar
    from .render.pdf import tex_tools_missing

    blueprint = load_blueprint(blueprint_path, bank.curriculum)
    outputs = _outputs(args)
    after = _earlier_exam(getattr(args, "after", None))
    real = _earlier_exam(practice)
    avoid: set[tuple[str, str]] = set()
    if real is not None:
        if real.exam_id != blueprint.id:
            raise MathExamsError(f"{practice}: an exam of {real.exam_id!r}, not of {blueprint.id!r}: a practice "
                                 "exam is built from the real exam's blueprint")
        missing = [i for v in real.versions for i in v.items if not i.fingerprint]
        if missing:
            raise MathExamsError(f"{practice}: questions without a parameter fingerprint (a record older than "
                                 "format 3): regenerate it with `mathexams regen` first")
        if args.seed is not None and args.seed == real.master_seed:
            raise MathExamsError(f"--seed {args.seed} is the real exam's own seed: a practice exam needs another one")
        avoid = {(i.template_id, i.fingerprint) for v in real.versions for i in v.items}
        blueprint = dataclasses.replace(blueprint, title=f"{blueprint.title} (practice)")
    if args.title or args.course:
        blueprint = dataclasses.replace(blueprint, title=args.title or blueprint.title,
                                        course=args.course or blueprint.course)
    if not args.no_pdf and tex_tools_missing():
        raise MathExamsError(f"{', '.join(tex_tools_missing())} not found: run `make tex` to install TeX Live "
                             "and poppler-utils, or pass --no-pdf for LaTeX only")
    # a fresh seed is 64 random bits: nobody can try them all to find the one behind a paper
    seed = args.seed if args.seed is not None else secrets.randbits(64)
    if real is not None and seed == real.master_seed:   # 1 in 2**64, but then say so rather than fail later
        seed = secrets.randbits(64)
    code_key = new_code_key()
    personal = None
    if learner is not None:   # the learner's next review: spaced slots weighted by their practice history
        from .practice.database import default_database_url
        from .practice.personal import personal_review

        personal = personal_review(bank, blueprint, learner, args.database or default_database_url(), seed)
        avoid = avoid | personal.avoid
        blueprint = dataclasses.replace(blueprint, title=f"{blueprint.title} for {learner}")
    target = exam_folder(args.out, f"{blueprint.id}-seed{seed}")
    refuse_existing(target, args.force)  # before the sampling, not after it
    bar = ProgressBar(args.versions + (4 if not args.no_pdf else 1))
    exams = build_versions(blueprint, bank, seed, args.versions, code_key=code_key, workers=os.cpu_count() or 1,
                           progress=lambda v: bar.advance(f"version {v}"),
                           after={i.template_id for v in after.versions for i in v.items} if after else None,
                           avoid=avoid, placements=personal.placements if personal else None)
    result = write_exam_folder(target, blueprint, exams, code_key=code_key, pdf=not args.no_pdf, force=args.force,
                               progress=lambda what: bar.advance(what), outputs=outputs)
    bar.close()
    print(f"{blueprint.title}: {args.versions} version(s), seed {seed}, "
          f"{exams[0].total_points:g} points, {len(exams[0].items)} questions, "
          f"about {exams[0].work_minutes:g} minutes of work (calculator: {blueprint.calculator})")
    for path in result.files:
        print(f"  {path}")
    if personal is not None:
        print(f"Chosen for {learner}:")
        for placement, reason in zip(personal.placements, personal.reasons):
            print(f"  {placement.template.id}: {reason}")
    _warn_layout(result.layout_problems)
    return 0


def _warn_layout(problems: list) -> None:
    """One warning line per layout problem (a split block, an overfull box): the PDFs are written,
    but a teacher should look at that page before printing."""
    for problem in problems:
        print(f"mathexams: warning: layout: {problem}", file=sys.stderr)


def cmd_quiz(args: argparse.Namespace) -> int:
    bank = _load(args)
    if args.database and not args.learner:
        raise MathExamsError("--database goes with --learner (whose practice history it holds)")
    return _build(args, bank, bank.curriculum.review_blueprint(args.weeks), learner=args.learner)


def cmd_final(args: argparse.Namespace) -> int:
    bank = _load(args)
    return _build(args, bank, bank.curriculum.final_blueprint(), practice=args.practice)


def cmd_build(args: argparse.Namespace) -> int:
    return _build(args, _load(args), args.blueprint, practice=args.practice)


def cmd_regen(args: argparse.Namespace) -> int:
    from .build import exam_folder, refuse_existing, write_exam_folder
    from .record import printing_differences, read_record
    from .regenerate import exams_from_record

    record = read_record(args.manifest)
    for difference in printing_differences(record.software):
        print(f"mathexams: warning: {difference}: code questions may print differently", file=sys.stderr)
    # the folder name comes from the record: checked (a safe exam id) and kept under --out
    target = exam_folder(args.out, f"{record.exam_id}-seed{record.master_seed}")
    refuse_existing(target, args.force)
    bank = _load(args)
    warnings: list[str] = []
    blueprint, exams = exams_from_record(record, bank, warnings.append)
    for w in warnings:
        print(f"mathexams: warning: {w}", file=sys.stderr)
    result = write_exam_folder(target, blueprint, exams, code_key=record.code_key, pdf=not args.no_pdf,
                               force=args.force)
    recorded = record.latex_sha256
    differing = sorted(name for name, digest in result.latex_sha256.items() if recorded.get(name) != digest)
    if differing and not warnings:
        raise MathExamsError(f"regenerated LaTeX differs from the record ({', '.join(differing)}) although no "
                             f"template changed: mathexams {record.software.get('mathexams', '?')} built it, "
                             "this is a different engine")
    if differing:
        print(f"mathexams: warning: LaTeX differs from the record in {', '.join(differing)} "
              "because templates changed", file=sys.stderr)
    else:
        print(f"LaTeX identical to the record ({', '.join(sorted(result.latex_sha256))})")
    for path in result.files:
        print(f"  {path}")
    _warn_layout(result.layout_problems)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_exam

    if not args.format:
        raise MathExamsError("export needs at least one --format (moodle, json, ...)")
    for path in export_exam(args.manifest, args.format, force=args.force):
        print(f"  {path}")
    return 0


def cmd_judge(args: argparse.Namespace) -> int:
    from .judge import answer_from_text, check_answer

    answer = answer_from_text(args.kind, args.expected, abs_tol=args.abs_tol, rel_tol=args.rel_tol,
                              exact_form=args.exact, equivalence=args.equivalence or "",
                              variables=args.variables,
                              options=args.options, constant_penalty=args.constant_penalty)
    verdict = check_answer(answer, args.response)
    if args.json:
        print(json.dumps(verdict.to_dict(), indent=2))
    else:
        mark = "correct" if verdict.correct else "incorrect"
        print(f"{mark} ({verdict.points:g}/{verdict.max_points:g}): {verdict.reason}")
    return 0 if verdict.correct else 1


def _print_marked(marked, *, show_solutions: bool) -> None:
    for m in marked:
        sign = "ok " if m.verdict.correct else "MISS"
        print(f"{sign} Q{m.item.number}  {m.verdict.points:g}/{m.verdict.max_points:g}  {m.verdict.reason}")
        for label, part in zip(m.item.part_labels, m.verdict.parts):
            print(f"       ({label}) {part.points:g}/{part.max_points:g}  {part.reason}")
        if show_solutions and not m.verdict.correct:
            print(f"       key: {kind_of(m.item.answer).key_text(m.item.answer)}")
            for line in m.item.solution_latex.splitlines():
                print(f"       {line}")


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from .marking import mark, parse_answer_lines, summary
    from .record import read_record

    record = read_record(args.manifest)
    version = record.find_version(args.version)
    code, items = version.code, list(version.items)
    if args.answers:
        lines = _read_lines(args.answers, "answers file").splitlines()
        responses = parse_answer_lines(lines, items)
    else:
        print(f"{record.title}, version {code}: type each answer and press Enter (empty to skip).")
        responses = {}
        for item in items:
            for label in item.part_labels or ("",):
                kind = item.answer.parts[item.part_labels.index(label)].kind if label else item.answer.kind
                try:
                    responses[f"{item.number}{label}"] = input(f"Q{item.number}{label} [{kind}]: ")
                except EOFError:
                    responses[f"{item.number}{label}"] = ""
    marked = mark(items, responses)
    _print_marked(marked, show_solutions=True)
    earned = sum(m.verdict.points for m in marked)
    available = sum(m.verdict.max_points for m in marked)
    print(f"\nScore: {earned:g}/{available:g} ({100 * earned / available:.0f}%)")
    for group, title in (("track", "By track"), ("objective", "By objective")):
        print(f"{title}:")
        for name, (got, out_of) in sorted(summary(marked)[group].items()):
            print(f"  {got:g}/{out_of:g}  {name}")
    return 0


MAX_ANSWERS_BYTES = 1024 * 1024


def _read_lines(path: Path, what: str) -> str:
    """A small text file named on the command line (FIFOs, folders and huge files refused)."""
    from .inputs import open_regular

    try:
        with open_regular(path, max_bytes=MAX_ANSWERS_BYTES) as handle:
            return handle.read().decode("utf-8")
    except UnicodeDecodeError:
        raise MathExamsError(f"{path}: the {what} is not UTF-8 text") from None
    except OSError as exc:
        raise MathExamsError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None


def cmd_grade(args: argparse.Namespace) -> int:
    import io

    from .inputs import open_regular
    from .marking import grade_class, write_grades
    from .record import read_record

    record = read_record(args.manifest)
    try:
        with open_regular(args.responses) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            grades = grade_class(record, text)   # read line by line, never whole
    except UnicodeDecodeError:
        raise MathExamsError(f"{args.responses}: not UTF-8 text") from None
    except OSError as exc:
        raise MathExamsError(f"{args.responses}: cannot read ({exc.strerror or exc})") from None
    folder = args.out or args.manifest.parent / "grades"
    files = write_grades(folder, record, grades, force=args.force)
    print(f"{len(grades.rows)} student(s) graded, {grades.rejected_count} row(s) not read")
    for line, reason in grades.rejected:
        print(f"mathexams: warning: {args.responses}: line {line}: {reason}", file=sys.stderr)
    if grades.rejected_count > len(grades.rejected):
        print(f"mathexams: warning: {args.responses}: {grades.rejected_count - len(grades.rejected)} more row(s) "
              "not read (see report.md)", file=sys.stderr)
    for path in files:
        print(f"  {path}")
    return 0


def cmd_practice(args: argparse.Namespace) -> int:
    from .practice.server import prepare

    server = prepare(host=args.host, port=args.port, database=args.database, learner=args.learner,
                     workers=args.workers, token=args.token, banks=[str(b) for b in args.bank],
                     no_shipped=args.no_shipped_bank)
    print(f"mathexams practice: database {server.database}", flush=True)
    print(f"mathexams practice: open {server.url}  (Ctrl-C to stop)", flush=True)
    server.run()
    return 0


def _learner_name(text: str) -> str:
    from .practice.app import LEARNER_NAME

    if not LEARNER_NAME.match(text):
        raise argparse.ArgumentTypeError(f"{text[:70]!r}: 1-64 letters, digits, spaces, '.', '_' or '-'")
    return text


def _port(text: str) -> int:
    value = _positive(text, 65535)
    return value


def _add_build_options(p: argparse.ArgumentParser, *, regen: bool = False) -> None:
    if not regen:
        p.add_argument("--seed", type=_master_seed,
                       help="master seed, 0 .. 2**64-1 (default: 64 fresh random bits, recorded in manifest.json)")
        p.add_argument("--versions", type=_positive, default=1, help="number of versions A, B, C, ... (default 1)")
        p.add_argument("--title", type=_title, help="title printed on the paper (default: the blueprint's)")
        p.add_argument("--course", type=_title, help="course name printed on the paper (default: the blueprint's)")
        p.add_argument("--format", action="append", metavar="NAME", default=[],
                       help="an output to write (repeatable): latex (paper, key and master key, with PDF; the "
                            "default), moodle, json, text, or any single registered output such as paper")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    p.add_argument("--no-pdf", action="store_true", help="write LaTeX and the exam record only")
    p.add_argument("--force", action="store_true", help="replace the exam's folder if it exists")
    _add_bank_options(p)


def _add_after_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--after", metavar="MANIFEST", type=Path,
                   help="the manifest.json of the review given before this one: none of its templates is drawn "
                        "(default: the review the blueprint follows, as built with the same --seed)")


def _add_practice_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--practice", metavar="MANIFEST", type=Path,
                   help="build a practice exam that shares no question (template and parameters) with the real "
                        "exam whose manifest.json this is; it needs another --seed")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mathexams",
        description="Seeded, self-checking math questions, quizzes and exams from a question bank and its "
                    "course plan (curriculum.yaml).",
    )
    parser.add_argument("--version", action="version", version=f"mathexams {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("list", help="list the templates in the bank")
    p.add_argument("--week", type=_positive, help="only templates for this week")
    p.add_argument("--track", help="only templates of this track (the tracks of the bank's curriculum.yaml)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_bank_options(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("sample", help="sample questions from one template, with their keys")
    p.add_argument("id", help="template id, e.g. calc.rules.chain")
    p.add_argument("--seed", type=_seed, default=0, help="seed of the first question (default 0)")
    p.add_argument("-n", type=_at_most(1000), default=1, help="number of questions (seeds S, S+1, ...), at most 1000")
    p.add_argument("--form", help="the template's form to sample (default: drawn from each seed)")
    p.add_argument("--json", action="store_true", help="print each question as JSON")
    _add_bank_options(p)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("check", help="stress-test templates: keys verified, determinism, JSON, variants")
    p.add_argument("ids", nargs="*", metavar="ID", help="templates to check (default: all)")
    p.add_argument("--seeds", type=_at_most(100_000), default=25, help="seeds per template (default 25)")
    p.add_argument("--first-seed", type=_seed, default=0, help="first seed (default 0)")
    p.add_argument("--jobs", type=_at_most(64), default=os.cpu_count() or 1, help="worker processes (at most 64)")
    p.add_argument("--json", action="store_true", help="print the reports, violations and known violations as JSON")
    _add_bank_options(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("functions", help="list the functions and checks templates may call")
    p.set_defaults(func=cmd_functions)

    p = sub.add_parser("quiz", help="build a biweekly review quiz, its answer key and master key")
    p.add_argument("--weeks", required=True,
                   help="the block just finished, as the course plan names it (e.g. 3-4), or one of its weeks")
    _add_after_option(p)
    p.add_argument("--learner", type=_learner_name,
                   help="personalise the review: its spaced questions lean on this learner's weakest objectives in "
                        "the practice app's history, and no question they met there comes back")
    p.add_argument("--database", metavar="URL", help="the practice database of --learner (default: the app's "
                                                      "SQLite file in your data folder)")
    _add_build_options(p)
    p.set_defaults(func=cmd_quiz)

    p = sub.add_parser("final", help="build the course's final exam, its answer keys and master key")
    _add_practice_option(p)
    _add_build_options(p)
    p.set_defaults(func=cmd_final)

    p = sub.add_parser("build", help="build an exam from your own blueprint file")
    p.add_argument("blueprint", type=Path, help="blueprint YAML file")
    _add_after_option(p)
    _add_practice_option(p)
    _add_build_options(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("regen", help="rebuild an exam exactly from its manifest.json")
    p.add_argument("manifest", type=Path, help="the exam record, manifest.json")
    _add_build_options(p, regen=True)
    p.set_defaults(func=cmd_regen)

    p = sub.add_parser("export", help="write LMS and other exports of an exam from its manifest.json, into its folder")
    p.add_argument("manifest", type=Path, help="the exam's manifest.json")
    p.add_argument("--format", action="append", metavar="NAME", default=[],
                   help="an output to write (repeatable): moodle, json, text, ... (LaTeX: use regen)")
    p.add_argument("--force", action="store_true", help="replace outputs of these formats that are already there")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("judge", help="check one response against an expected answer")
    p.add_argument("--kind", required=True, choices=[k.name for k in REGISTRY.values() if not k.composite])
    p.add_argument("--expected", required=True, help="the key, typed like a response (e.g. '2x cos(x^2)', 'B')")
    p.add_argument("--response", required=True, help="what the student typed")
    p.add_argument("--abs-tol", type=_tolerance, help="absolute tolerance (decimal answers)")
    p.add_argument("--rel-tol", type=_tolerance, help="relative tolerance (decimal answers; default 1e-3)")
    p.add_argument("--exact", action="store_true", help="require exact form (a decimal for 1/3 is 'not exact')")
    p.add_argument("--equivalence", choices=sorted({e for k in REGISTRY.values() for e in k.equivalences if e}),
                   help="accept up to a constant (antiderivatives), a scale or a sign (vectors)")
    p.add_argument("--constant-penalty", type=_share, default=0.0,
                   help="share of the points an antiderivative without + C loses (0 to 1; default 0: a reminder)")
    p.add_argument("--variables", type=_variables,
                   help="comma-separated variable names (default: those in --expected)")
    p.add_argument("--options", type=_option_count, help="number of options of a choice question (default 4)")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.set_defaults(func=cmd_judge)

    p = sub.add_parser("selfcheck", help="mark your answers to a printed quiz and see the solutions you missed")
    p.add_argument("manifest", type=Path, help="the exam record, manifest.json")
    p.add_argument("--version", required=True, help="the version letter (or exam code) on your paper")
    p.add_argument("--answers", type=Path, help="read answers from a file ('3: answer' or one per line)")
    p.set_defaults(func=cmd_selfcheck)

    p = sub.add_parser("grade", help="grade a class from a CSV of responses")
    p.add_argument("manifest", type=Path, help="the exam record, manifest.json")
    p.add_argument("responses", type=Path, help="CSV with columns student, version, 1, 2, ... (3a, 3b for parts)")
    p.add_argument("--out", type=Path, help="folder for gradebook.csv and report.md (default: grades/ beside the manifest)")
    p.add_argument("--force", action="store_true", help="replace an existing gradebook and report")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("practice", help="a local web app: practise in the browser, every answer checked, "
                                       "the next review leaning on what is weak")
    p.add_argument("--host", default="127.0.0.1",
                   help="interface to listen on (default 127.0.0.1, this computer only; any other needs the "
                        "access token printed in the URL)")
    p.add_argument("--port", type=_port, default=8765, help="port (default 8765)")
    p.add_argument("--database", metavar="URL",
                   help="sqlite:///FILE or postgresql://USER@HOST/DB (default: a SQLite file in your data folder)")
    p.add_argument("--learner", default="learner", help="the learner's name when the browser names none")
    p.add_argument("--workers", type=_at_most(32), default=1, help="worker processes (default 1)")
    p.add_argument("--token", help="the access token for --host (default: MATHEXAMS_PRACTICE_TOKEN or a random one)")
    _add_bank_options(p)
    p.set_defaults(func=cmd_practice)

    p = sub.add_parser("kinds", help="list the answer kinds a template may use, with their fields (Markdown)")
    p.set_defaults(func=cmd_kinds)

    p = sub.add_parser("index", help="print the bank index as Markdown (make index writes question_bank/INDEX.md)")
    _add_bank_options(p)
    p.set_defaults(func=cmd_index)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that it unwinds (and cleans up) like Ctrl-C."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    import signal
    import threading

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    streams = sys.stdout, sys.stderr
    # everything printed passes through for_terminal: no input can send an escape sequence
    sys.stdout, sys.stderr = TerminalStream(sys.stdout), TerminalStream(sys.stderr)
    try:
        args = build_parser().parse_args(argv)
        from . import timelimit  # noqa: F401  (a Python that cannot bound checks and sampling fails here)

        return args.func(args)
    except MathExamsError as exc:
        print(f"mathexams: error: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print("mathexams: terminated (SIGTERM); nothing was left half-written", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("mathexams: interrupted; nothing was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("MATHEXAMS_DEBUG"):
            raise
        print(f"mathexams: internal error: {type(exc).__name__}: {exc} "
              "(set MATHEXAMS_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr)
        return 3
    finally:
        sys.stdout, sys.stderr = streams
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
