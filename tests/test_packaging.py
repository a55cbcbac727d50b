"""What the wheel carries: the shipped bank, the layouts and py.typed (the wheel job, `make wheel`,
installs it outside the checkout and runs it); here, that nothing shipped falls outside the
package-data patterns of setup.py and that the files are found through mathexams.resources."""

from __future__ import annotations

import ast
from pathlib import Path

from mathexams.resources import layout_folder, shipped_bank

ROOT = Path(__file__).resolve().parents[1]


def _setup_constant(name: str):
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"setup.py has no {name}")


def test_every_shipped_data_file_matches_the_package_data_patterns():
    folders, patterns = _setup_constant("DATA_FOLDERS"), _setup_constant("DATA_FILES")
    assert set(folders.values()) == {"question_bank", "templates"}
    for folder in folders.values():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert any(path.match(p) for p in patterns), f"{path.relative_to(ROOT)} would not be in the wheel"


def test_the_package_is_typed_and_finds_its_data():
    assert (ROOT / "src" / "mathexams" / "py.typed").is_file()
    assert (shipped_bank() / "curriculum.yaml").is_file()
    assert (layout_folder() / "paper.tex").is_file()
