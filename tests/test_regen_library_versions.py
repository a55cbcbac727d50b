"""The exam record keeps the versions of the libraries whose printed output code questions show, and regen
warns (and still regenerates) when the installed ones differ."""

from __future__ import annotations

import json
from importlib import metadata

from mathexams.cli import main
from mathexams.record import printing_differences, read_record, software_versions


def test_software_versions_name_the_printing_libraries():
    versions = software_versions()
    for name in ("numpy", "pandas", "matplotlib"):
        assert versions[name] == metadata.version(name)
    assert printing_differences(versions) == []
    assert printing_differences({**versions, "pandas": "2.0.0"}) == [
        f"pandas 2.0.0 built the exam, {versions['pandas']} is installed"]


def test_regen_warns_when_pandas_differs(write_template, tmp_path, capsys):
    write_template(id="calc.test.plain")
    (tmp_path / "bp.yaml").write_text("id: plain\ntitle: Plain\nsections:\n  - title: S\n    slots:\n"
                                      "      - {ids: [calc.test.plain]}\n")
    bank = ["--bank", str(tmp_path / "bank"), "--no-shipped-bank", "--no-pdf"]
    assert main(["build", str(tmp_path / "bp.yaml"), "--seed", "3", "--out", str(tmp_path / "out"), *bank]) == 0
    manifest = next((tmp_path / "out").glob("*/manifest.json"))
    assert read_record(manifest).software["pandas"] == metadata.version("pandas")
    data = json.loads(manifest.read_text())
    data["software"]["pandas"] = "2.0.0"
    manifest.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["regen", str(manifest), "--out", str(tmp_path / "again"), *bank]) == 0
    err = capsys.readouterr().err
    assert "warning: pandas 2.0.0 built the exam" in err and "may print differently" in err
