"""The final's formula sheet: up to date with the bank's table functions, and right by the textbook."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "templates" / "formula_sheet.tex"


def _generator():
    spec = importlib.util.spec_from_file_location("formula_sheet", ROOT / "scripts" / "formula_sheet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_sheet_is_what_the_generator_writes():
    assert SHEET.read_text(encoding="utf-8") == _generator().formula_sheet_latex(), "run `make formula-sheet`"


def test_z_rows_agree_with_the_error_function():
    rows = {m.group(1): m.group(2).split(" & ") for m in re.finditer(r"^(\d\.\d) & (.*) \\\\$", SHEET.read_text(),
                                                                       re.MULTILINE)}
    assert len(rows) == 35
    for z in (0.0, 0.5, 1.0, 1.64, 1.96, 2.33, 2.58, 3.49):
        row, col = f"{math.floor(z * 10) / 10:.1f}", round(z * 100) % 10
        phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))
        assert abs(float(rows[row][col]) - phi) <= 0.00005 + 1e-12, z


def test_t_rows_print_the_textbook_critical_values():
    text = SHEET.read_text()
    # Student's t critical values as printed in every textbook table (areas 0.1, 0.05, 0.025, 0.01, 0.005)
    assert "\n1 & 3.078 & 6.314 & 12.706 & 31.821 & 63.657 \\\\" in text
    assert "\n10 & 1.372 & 1.812 & 2.228 & 2.764 & 3.169 \\\\" in text
    assert "\n30 & 1.310 & 1.697 & 2.042 & 2.457 & 2.750 \\\\" in text
    assert "1.282 & 1.645 & 1.960 & 2.326 & 2.576" in text
