"""Hostile blueprints: refused in one line naming the file and the field, before anything is
sampled or written; text fields reach the LaTeX only escaped."""

from __future__ import annotations

import os

import pytest
from conftest import assert_one_line_error, run_cli

GOOD = "id: hostile\ntitle: T\nsections:\n  - title: S\n    slots:\n      - {ids: [calc.rules.chain]}\n"

HOSTILE = {
    "id_parent_path": ("id: ../../elsewhere\n" + GOOD.split("\n", 1)[1], "id"),
    "id_absolute": ("id: /tmp/x\n" + GOOD.split("\n", 1)[1], "id"),
    "id_dot_dot": ("id: '..'\n" + GOOD.split("\n", 1)[1], "id"),
    "id_hidden": ("id: .hidden\n" + GOOD.split("\n", 1)[1], "id"),
    "id_too_long": ("id: " + "a" * 65 + "\n" + GOOD.split("\n", 1)[1], "id"),
    "id_number": ("id: 12\n" + GOOD.split("\n", 1)[1], "id"),
    "id_latex": ("id: 'x}\\input{y}'\n" + GOOD.split("\n", 1)[1], "id"),
    "python_tag": ("id: !!python/object/apply:os.system ['id']\n", "yaml"),
    "alias_bomb": ("a: &a [1, 1]\nb: [*a, *a]\nid: x\n", "yaml"),
    "duplicate_key": ("id: a\nid: b\n", "yaml"),
    "not_mapping": ("- 1\n- 2\n", "file"),
    "unknown_field": (GOOD + "shell: id\n", "shell"),
    "sections_mapping": ("id: x\ntitle: T\nsections: {a: 1}\n", "sections"),
    "sections_empty": ("id: x\ntitle: T\nsections: []\n", "sections"),
    "slot_count_huge": (GOOD.replace("{ids: [calc.rules.chain]}", "{ids: [calc.rules.chain], count: 1000000000}"),
                        "count"),
    "too_many_questions": ("id: x\ntitle: T\nsections:\n" + "".join(
        f"  - title: S{i}\n    slots:\n      - {{tracks: [calculus], count: 50}}\n" for i in range(5)), "sections"),
    "points_nan": (GOOD.replace("{ids: [calc.rules.chain]}", "{ids: [calc.rules.chain], points: .nan}"), "points"),
    "points_inf": (GOOD.replace("{ids: [calc.rules.chain]}", "{ids: [calc.rules.chain], points: .inf}"), "points"),
    "points_text": (GOOD.replace("{ids: [calc.rules.chain]}", "{ids: [calc.rules.chain], points: '3'}"), "points"),
    "minutes_huge": (GOOD + "minutes: 100000000000000000000\n", "minutes"),
    "title_long": (GOOD.replace("title: T", "title: " + "t" * 3000), "title"),
    "title_list": (GOOD.replace("title: T", "title: [a, b]"), "title"),
    "order_unknown": (GOOD.replace("  - title: S\n", "  - title: S\n    order: random()\n"), "order"),
    "track_unknown": (GOOD.replace("{ids: [calc.rules.chain]}", "{tracks: [chemistry]}"), "tracks"),
    "weeks_out_of_range": (GOOD.replace("{ids: [calc.rules.chain]}", "{weeks: [99]}"), "weeks"),
    "limits_not_list": (GOOD + "limits: 3\n", "limits"),
    "not_utf8": (b"id: \xff\xfe\n", "yaml"),
    "huge_file": ("id: x\ndescription: '" + "a" * 300_000 + "'\n", "yaml"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_blueprint_is_refused(name, tmp_path, capsys):
    content, field = HOSTILE[name]
    path = tmp_path / "blueprint.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "build", path, "--no-pdf", "--seed", "1", "--out", out)
    assert_one_line_error(code, err, str(path), field)
    assert not out.exists() or not any(out.iterdir())


def test_a_fifo_blueprint_does_not_hang(tmp_path, capsys):
    path = tmp_path / "blueprint.yaml"
    os.mkfifo(path)
    code, _, err = run_cli(capsys, "build", path, "--no-pdf")
    assert_one_line_error(code, err, str(path), "not a regular file")


@pytest.mark.parametrize("field", ["title", "course", "instructions"])
def test_blueprint_text_reaches_latex_escaped(field, tmp_path, capsys):
    content = GOOD.replace("title: T\n", "title: T\ncourse: C\ninstructions: I\n")
    content = content.replace(f"{field}: {field[0].upper()}\n", f"{field}: '\\input{{/etc/passwd}} \u2028 🎉'\n")
    path = tmp_path / "blueprint.yaml"
    path.write_text(content)
    code, _, err = run_cli(capsys, "build", path, "--no-pdf", "--seed", "1", "--out", tmp_path / "out")
    assert code == 0, err
    tex = (tmp_path / "out" / "hostile-seed1" / "latex" / "papers.tex").read_text()
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex and r"\input{/etc" not in tex and "🎉" not in tex
