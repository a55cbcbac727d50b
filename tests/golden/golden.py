"""Golden exam records: a review and the final, committed, that must regenerate byte for byte.

`make golden` (python tests/golden/golden.py) builds them deliberately from the shipped bank with a
fixed master seed and code key, and freezes a copy of every template they use (and the course plan)
in tests/golden/bank/, so that editing the shipped bank does not move them; tests/test_golden.py
regenerates each record from its templates and seeds, as `mathexams regen` does, and compares
the bytes. Only the `software` field (Python and library versions: where it was built, not what)
is taken from the committed record. See README.md, "Reproducibility".
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sys
from pathlib import Path

from mathexams.assemble import build_versions
from mathexams.bank import load_bank
from mathexams.blueprint import load_blueprint
from mathexams.build import latex_digests
from mathexams.curriculum import CURRICULUM_FILE
from mathexams.record import ExamRecord, read_record, record_from_exams, record_json
from mathexams.regenerate import exams_from_record
from mathexams.render import render_outputs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BANK = HERE / "bank"
MASTER_SEED = 2026
VERSIONS = 2
GOLDEN = {"review-03-04": "3-4", "final": None}   # record name -> review block (None: the final)


def golden_path(name: str) -> Path:
    return HERE / f"{name}.json"


def _code_key(name: str) -> bytes:
    """A fixed code key per golden exam, so that refreshing it changes no exam code."""
    return hashlib.sha256(f"mathexams golden record {name}".encode()).digest()


def _record_text(record: ExamRecord, software: dict[str, str] | None = None) -> str:
    return record_json(dataclasses.replace(record, software=software if software is not None else record.software))


def regenerated(name: str) -> tuple[str, list[str]]:
    """The text `mathexams regen` would write for the committed golden record, and its warnings
    (a template that changed since). Software versions are the committed record's."""
    golden = read_record(golden_path(name))
    warnings: list[str] = []
    blueprint, exams = exams_from_record(golden, load_bank([BANK]), warnings.append)
    record = record_from_exams(blueprint, exams, latex_digests(render_outputs(exams)), golden.code_key)
    return _record_text(record, golden.software), warnings


def refresh() -> None:
    """Build the golden records anew from the shipped bank and freeze the templates they use."""
    bank = load_bank()
    plan = bank.curriculum
    records = {}
    for name, block in GOLDEN.items():
        path = plan.review_blueprint(block) if block else plan.final_blueprint()
        blueprint = load_blueprint(Path(path).resolve().relative_to(ROOT), plan)
        exams = build_versions(blueprint, bank, MASTER_SEED, VERSIONS, code_key=_code_key(name))
        records[name] = record_from_exams(blueprint, exams, latex_digests(render_outputs(exams)), _code_key(name))
    shutil.rmtree(BANK, ignore_errors=True)
    shipped = Path(bank.get(next(iter(records.values())).versions[0].items[0].template_id).source).resolve()
    shipped_root = next(p for p in shipped.parents if (p / CURRICULUM_FILE).is_file())
    BANK.mkdir()
    shutil.copyfile(shipped_root / CURRICULUM_FILE, BANK / CURRICULUM_FILE)
    for record in records.values():
        for item in (i for v in record.versions for i in v.items):
            source = Path(bank.get(item.template_id).source).resolve()
            target = BANK / source.relative_to(shipped_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for name, record in records.items():
        golden_path(name).write_text(_record_text(record), encoding="utf-8")
        print(f"{golden_path(name).relative_to(ROOT)}: {sum(len(v.items) for v in record.versions)} questions")
    print(f"{BANK.relative_to(ROOT)}: {sum(1 for _ in BANK.rglob('*.yaml')) - 1} templates frozen")


if __name__ == "__main__":
    sys.exit(refresh())
