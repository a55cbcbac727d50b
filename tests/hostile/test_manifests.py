"""Hostile exam records (manifest.json): each is refused in one line naming the file and the field,
by every command that reads a record (regen, selfcheck, grade), and nothing is written anywhere."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_one_line_error, run_cli

LATEX_ATTACH = r"A}\immediate\pdfobj stream attr {/Type /EmbeddedFile} file {/etc/passwd}"


def _item(data: dict, version: int = 0, section: int = 0, item: int = 0) -> dict:
    return data["versions"][version]["sections"][section]["items"][item]


def _set(path: str, value: Any) -> Callable[[dict], None]:
    """A mutation that sets a dotted path (numbers index lists) to value."""
    def mutate(data: dict) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return mutate


def _delete(path: str) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]
    return mutate


ITEM = "versions.0.sections.0.items.0"
ANSWER = f"{ITEM}.answer"

# name -> (mutation, field the error must name)
TAMPERED: dict[str, tuple[Callable[[dict], None], str]] = {
    "exam_id_parent_path": (_set("exam_id", "../../elsewhere"), "exam_id"),
    "exam_id_absolute": (_set("exam_id", "/tmp/mathexams-elsewhere"), "exam_id"),
    "exam_id_hidden": (_set("exam_id", ".hidden"), "exam_id"),
    "exam_id_dot_dot": (_set("exam_id", ".."), "exam_id"),
    "exam_id_not_blueprint": (_set("exam_id", "review-03-04"), "differs from the blueprint's id"),
    "exam_id_number": (_set("exam_id", 7), "exam_id"),
    "exam_id_latex": (_set("exam_id", r"x}\input{/etc/passwd}"), "exam_id"),
    "version_latex": (_set("versions.0.version", LATEX_ATTACH), "versions[0].version"),
    "version_number": (_set("versions.0.version", 1), "versions[0].version: must be text"),
    "version_lowercase": (_set("versions.0.version", "a"), "versions[0].version"),
    "version_duplicate": (_set("versions.1.version", "A"), "versions[1].code"),
    "code_latex": (_set("versions.0.code", "A-ABCDE}\\input{/etc/passwd}"), "versions[0].code"),
    "code_forged": (_set("versions.0.code", "A-AAAAA"), "versions[0].code: A-AAAAA is not this exam's code"),
    "code_other_version": (_set("versions.0.code", "B-AAAAA"), "versions[0].code"),
    "versions_mapping": (_set("versions", {"A": {}}), "versions: must be a list"),
    "versions_empty": (_set("versions", []), "versions: must have 1 to 60 entries"),
    "versions_text": (_set("versions", "A,B"), "versions: must be a list"),
    "blueprint_text_only": (_set("blueprint", "id: review-01-02"), "blueprint: must be a mapping"),
    "blueprint_list": (_set("blueprint", [1, 2]), "blueprint: must be a mapping"),
    "blueprint_bad_yaml": (_set("blueprint.text", "id: [unclosed"), "blueprint.text"),
    "blueprint_python_tag": (_set("blueprint.text", "!!python/object/apply:os.system ['id']"), "blueprint.text"),
    "blueprint_missing_text": (_delete("blueprint.text"), "blueprint.text: missing"),
    "extra_answer_key": (_set(f"{ANSWER}.bogus", 1), "answer.bogus: unknown field"),
    "extra_top_key": (_set("surprise", 1), "surprise: unknown field"),
    "extra_item_key": (_set(f"{ITEM}.shell", "id"), "shell: unknown field"),
    "answer_points_text": (_set(f"{ANSWER}.points", "lots"), "answer.points: must be a number"),
    "answer_points_negative": (_set(f"{ANSWER}.points", -3), "answer.points"),
    "answer_points_huge": (_set(f"{ANSWER}.points", 1e300), "answer.points"),
    "answer_kind_unknown": (_set(f"{ANSWER}.kind", "python"), "answer.kind"),
    "answer_not_mapping": (_set(ANSWER, "2x"), "answer: must be a mapping"),
    "answer_value_list": (_set(f"{ANSWER}.value", ["x"]), "answer.value: must be text"),
    "answer_value_megabyte": (_set(f"{ANSWER}.value", "1" * 300_000), "answer.value: longer than"),
    "answer_abs_tol_infinite": (_set(f"{ANSWER}.abs_tol", "@@1e999@@"), "answer.abs_tol"),
    "answer_abs_tol_beyond_range": (_set(f"{ANSWER}.abs_tol", 1e13), "answer.abs_tol"),
    "answer_rel_tol_zero": (_set(f"{ANSWER}.rel_tol", 0), "answer.rel_tol"),
    "answer_equivalence_unknown": (_set(f"{ANSWER}.equivalence", "anything"), "answer.equivalence"),
    "answer_variable_code": (_set(f"{ANSWER}.variables", ["__import__('os')"]), "answer.variables[0]"),
    "answer_variables_many": (_set(f"{ANSWER}.variables", [f"x{i}" for i in range(50)]), "answer.variables"),
    "answer_correct_out_of_range": (_set(f"{ANSWER}.correct", [99]), "answer.correct"),
    "answer_options_mapping": (_set(f"{ANSWER}.options", {"A": 1}), "answer.options: must be a list"),
    "answer_exact_form_text": (_set(f"{ANSWER}.exact_form", "yes"), "answer.exact_form"),
    "answer_constant_penalty_text": (_set(f"{ANSWER}.constant_penalty", "half"), "answer.constant_penalty"),
    "answer_constant_penalty_above_one": (_set(f"{ANSWER}.constant_penalty", 1.5), "answer.constant_penalty"),
    "answer_parts_nested_multi": (_set(f"{ANSWER}.parts", [{"kind": "multi"}]), "answer.parts"),
    "item_points_text": (_set(f"{ITEM}.points", "3"), "points: must be a number"),
    "item_points_zero": (_set(f"{ITEM}.points", 0), "points"),
    "item_number_text": (_set(f"{ITEM}.number", "1"), "number: must be a whole number"),
    "item_number_bool": (_set(f"{ITEM}.number", True), "number: must be a whole number"),
    "item_number_huge": (_set(f"{ITEM}.number", 10**6), "number"),
    "item_seed_negative": (_set(f"{ITEM}.seed", -1), "seed"),
    "item_seed_float": (_set(f"{ITEM}.seed", 1.5), "seed"),
    "item_seed_huge": (_set(f"{ITEM}.seed", 2**80), "seed"),
    "item_template_path": (_set(f"{ITEM}.template_id", "../../etc/passwd"), "template_id"),
    "item_template_hash_short": (_set(f"{ITEM}.template_hash", "abc"), "template_hash"),
    "item_track_not_a_name": (_set(f"{ITEM}.track", "Chem/../istry"), "track"),
    "item_missing_answer": (_delete(f"{ITEM}.answer"), "answer: missing"),
    "items_not_list": (_set("versions.0.sections.0.items", {"1": {}}), "items: must be a list"),
    "sections_empty": (_set("versions.0.sections", []), "sections"),
    "total_points_wrong": (_set("versions.0.total_points", 9999), "total_points"),
    "master_seed_text": (_set("master_seed", "21"), "master_seed: must be a whole number"),
    "master_seed_negative": (_set("master_seed", -5), "master_seed"),
    "master_seed_beyond_64_bits": (_set("master_seed", 2**64), "master_seed"),
    "title_not_text": (_set("title", ["a"]), "title: must be text"),
    "title_empty": (_set("title", "  "), "title: must not be empty"),
    "course_long": (_set("course", "c" * 3000), "course: longer than"),
    "code_key_missing": (_delete("code_key"), "code_key: missing"),
    "code_key_short": (_set("code_key", "00"), "code_key"),
    "code_key_not_hex": (_set("code_key", "z" * 64), "code_key"),
    "latex_sha_unknown_file": (_set("latex_sha256", {"../x.tex": "0" * 64}), "latex_sha256"),
    "latex_sha_bad_digest": (lambda data: data["latex_sha256"].update({"papers.tex": "nope"}), "latex_sha256"),
    "software_not_mapping": (_set("software", "sympy"), "software: must be a mapping"),
    "software_value_list": (_set("software.sympy", [1]), "software.sympy"),
    "item_form_latex": (_set(f"{ITEM}.form", "root}\\input{/etc/passwd}"), "form"),
    "item_form_number": (_set(f"{ITEM}.form", 2), "form: must be text"),
    "item_fingerprint_short": (_set(f"{ITEM}.fingerprint", "abc"), "fingerprint"),
    "item_minutes_text": (_set(f"{ITEM}.minutes", "5"), "minutes: must be a number"),
    "item_minutes_negative": (_set(f"{ITEM}.minutes", -1), "minutes"),
    "item_calculator_text": (_set(f"{ITEM}.calculator", "yes"), "calculator: must be true or false"),
    "answer_space_latex": (_set(f"{ANSWER}.space", "4cm}\\vspace{100cm}"), "answer.space"),
    "answer_space_huge": (_set(f"{ANSWER}.space", "99 lines"), "answer.space"),
    "format_other": (_set("format", "mathexams-exam-record/99"), "format"),
    "format_missing": (_delete("format"), "format"),
}

RAW_FILES: dict[str, tuple[bytes, str]] = {
    "not_json": (b"{not json", "not a readable JSON exam record"),
    "top_level_list": (b"[1, 2, 3]", "format"),
    "nan_constant": (b'{"format": "mathexams-exam-record/2", "master_seed": NaN}', "not a readable JSON exam record"),
    "deep_nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "huge_integer": (b'{"a": ' + b"9" * 10_000 + b"}", "not a readable JSON exam record"),
    "not_utf8": (b'{"format": "\xff\xfe"}', "not UTF-8"),
    "empty": (b"", "not a readable JSON exam record"),
}

COMMANDS = {
    "regen": lambda m, out: ["regen", m, "--no-pdf", "--out", out],
    "selfcheck": lambda m, out: ["selfcheck", m, "--version", "A", "--answers", os.devnull],
    "grade": lambda m, out: ["grade", m, m, "--out", out],
}


@pytest.fixture(scope="module")
def record_data(built_exam) -> dict:
    return json.loads((built_exam / "manifest.json").read_text())


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "tampered" / "manifest.json"
    path.parent.mkdir(exist_ok=True)
    # "@@1e999@@" stands for a number JSON can write but a float cannot hold (it reads as inf)
    path.write_text(json.dumps(data).replace('"@@1e999@@"', "1e999"))
    return path


def _nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert not out.exists() or not any(out.iterdir()), list(out.rglob("*"))
    assert not Path("/tmp/mathexams-elsewhere").exists()


@pytest.mark.parametrize("name", sorted(TAMPERED))
def test_tampered_record_is_refused_by_regen(name, record_data, tmp_path, capsys):
    data = copy.deepcopy(record_data)
    mutate, field = TAMPERED[name]
    mutate(data)
    manifest = _write(tmp_path, data)
    code, out, err = run_cli(capsys, *COMMANDS["regen"](manifest, tmp_path / "out"))
    assert_one_line_error(code, err, str(manifest), field)
    _nothing_written(tmp_path)


@pytest.mark.parametrize("command", ["selfcheck", "grade"])
@pytest.mark.parametrize("name", ["exam_id_parent_path", "version_latex", "versions_mapping", "blueprint_list",
                                  "extra_answer_key", "version_number", "answer_points_text", "code_forged",
                                  "master_seed_text", "answer_variable_code"])
def test_tampered_record_is_refused_by_marking(name, command, record_data, tmp_path, capsys):
    data = copy.deepcopy(record_data)
    mutate, field = TAMPERED[name]
    mutate(data)
    manifest = _write(tmp_path, data)
    code, out, err = run_cli(capsys, *COMMANDS[command](manifest, tmp_path / "out"))
    assert_one_line_error(code, err, str(manifest), field)
    _nothing_written(tmp_path)


@pytest.mark.parametrize("name", sorted(RAW_FILES))
def test_unreadable_record_is_one_line(name, tmp_path, capsys):
    manifest = tmp_path / "manifest.json"
    content, message = RAW_FILES[name]
    manifest.write_bytes(content)
    code, _, err = run_cli(capsys, "selfcheck", manifest, "--version", "A")
    assert_one_line_error(code, err, str(manifest), message)


def test_a_fifo_named_manifest_does_not_hang(tmp_path, capsys):
    fifo = tmp_path / "manifest.json"
    os.mkfifo(fifo)
    code, _, err = run_cli(capsys, "regen", fifo, "--no-pdf", "--out", tmp_path / "out")
    assert_one_line_error(code, err, str(fifo), "not a regular file")


def test_a_folder_named_manifest_is_refused(tmp_path, capsys):
    folder = tmp_path / "manifest.json"
    folder.mkdir()
    code, _, err = run_cli(capsys, "grade", folder, folder)
    assert_one_line_error(code, err, str(folder))


def test_regen_with_force_never_deletes_a_folder_outside_out(record_data, tmp_path, capsys):
    victim = tmp_path / "victim" / "review-01-02-seed21"
    victim.mkdir(parents=True)
    (victim / "precious.txt").write_text("keep me")
    data = copy.deepcopy(record_data)
    data["exam_id"] = "../victim/review-01-02"
    manifest = _write(tmp_path, data)
    code, _, err = run_cli(capsys, "regen", manifest, "--no-pdf", "--force", "--out", tmp_path / "out")
    assert_one_line_error(code, err, "exam_id")
    assert (victim / "precious.txt").read_text() == "keep me"


def test_regen_refuses_an_out_folder_that_is_a_symlink_target(record_data, built_exam, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "review-01-02-seed21").symlink_to(elsewhere)
    code, _, err = run_cli(capsys, "regen", built_exam / "manifest.json", "--no-pdf", "--force", "--out", out)
    assert_one_line_error(code, err, "symbolic link")
    assert elsewhere.is_dir() and not any(elsewhere.iterdir())


def test_untampered_record_regenerates(built_exam, tmp_path, capsys):
    code, out, err = run_cli(capsys, "regen", built_exam / "manifest.json", "--no-pdf", "--out", tmp_path / "out")
    assert code == 0, err
    assert "LaTeX identical to the record" in out
