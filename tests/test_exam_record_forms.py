"""The exam record keeps each question's form, fingerprint, minutes and calculator flag, regen
reproduces a question's form, and records written before format 3 are still read."""

from __future__ import annotations

import json
from pathlib import Path

from mathexams.cli import main
from mathexams.record import read_record

FORMS = """\
forms:
  small: {difficulty: L1, minutes: 2}
  large: {difficulty: L2, calculator: true, minutes: 5}
"""


def build(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def forms_bank(write_template, tmp_path: Path) -> list[str]:
    path = write_template(params="a: cases(form == 'small', randint(10, 99), randint(1000, 9999))",
                          id="calc.test.forms")
    path.write_text(path.read_text() + FORMS)
    (tmp_path / "bp.yaml").write_text("id: forms\ntitle: Forms\nsections:\n  - title: S\n    slots:\n"
                                      "      - {ids: [calc.test.forms]}\n")
    return ["--bank", str(tmp_path / "bank"), "--no-shipped-bank", "--no-pdf"]


def test_the_record_keeps_the_form_and_regen_reproduces_it(write_template, tmp_path, capsys):
    bank = forms_bank(write_template, tmp_path)
    for seed in range(1, 6):   # some master seeds pick each form
        assert build(capsys, "build", tmp_path / "bp.yaml", "--seed", seed, "--versions", 3,
                     "--out", tmp_path / "out", *bank)[0] == 0
    forms = set()
    for manifest in sorted((tmp_path / "out").glob("*/manifest.json")):
        record = read_record(manifest)
        items = [v.items[0] for v in record.versions]
        assert len({i.form for i in items}) == 1          # one form per slot, in every version
        item = items[0]
        forms.add(item.form)
        assert item.minutes == {"small": 2, "large": 5}[item.form]
        assert item.calculator == (item.form == "large") and len(item.fingerprint) == 32
        code, out, err = build(capsys, "regen", manifest, "--out", tmp_path / "again", *bank)
        assert code == 0 and "LaTeX identical to the record" in out, err
    assert forms == {"small", "large"}


def test_a_format_2_record_is_still_read_and_regenerated(write_template, tmp_path, capsys):
    # templates without forms: a record written before forms existed names none
    for _ in range(3):
        write_template()
    (tmp_path / "bp.yaml").write_text("id: plain\ntitle: Plain\nsections:\n  - title: S\n    slots:\n"
                                      "      - {ids: [calc.test.t0]}\n      - {ids: [calc.test.t1]}\n"
                                      "      - {ids: [calc.test.t2]}\n")
    bank = ["--bank", str(tmp_path / "bank"), "--no-shipped-bank", "--no-pdf"]
    assert build(capsys, "build", tmp_path / "bp.yaml", "--seed", 8, "--out", tmp_path / "first", *bank)[0] == 0
    [manifest] = sorted((tmp_path / "first").glob("*/manifest.json"))
    data = json.loads(manifest.read_text())
    assert data["format"] == "mathexams-exam-record/3"
    data["format"] = "mathexams-exam-record/2"
    for version in data["versions"]:
        for section in version["sections"]:
            for item in section["items"]:
                for name in ("form", "fingerprint", "minutes", "calculator"):
                    del item[name]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    record = read_record(old)
    assert record.versions[0].items[0].fingerprint == "" and record.versions[0].items[0].form == ""
    code, out, err = build(capsys, "regen", old, "--out", tmp_path / "again", *bank)
    assert code == 0 and "LaTeX identical to the record" in out, err
