"""PDF builds with the real TeX engine: pages, exam codes, keys, regeneration, refusals, failures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mathexams.blueprint import BLUEPRINT_DIR
from mathexams.cli import main

pytestmark = pytest.mark.latex


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    pages = text.split("\f")
    return pages[:-1] if not pages[-1].strip() else pages


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def build(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(p.stem for p in BLUEPRINT_DIR.glob("*.yaml")))
def test_shipped_blueprint_builds_two_versions_to_pdf(name, tmp_path, capsys):
    code, out, err = build(capsys, "build", str(BLUEPRINT_DIR / f"{name}.yaml"), "--seed", "3", "--versions", "2",
                           "--out", str(tmp_path))
    assert code == 0, err
    folder = tmp_path / f"{name}-seed3"
    record = json.loads((folder / "manifest.json").read_text())
    codes = [v["code"] for v in record["versions"]]
    for doc, prefix in (("papers", "paper"), ("keys", "key")):
        pages = pdf_pages(folder / f"{doc}.pdf")
        owners = [[c for c in codes if c in page] for page in pages]
        assert all(len(o) == 1 for o in owners), f"{doc}: a page without exactly one exam code"
        split_total = 0
        for version, c in zip(("A", "B"), codes):
            part = folder / "versions" / f"{prefix}-{version}.pdf"
            part_pages = pdf_pages(part)
            assert all(c in p for p in part_pages)
            assert page_count(part) == sum(o == [c] for o in owners)
            split_total += page_count(part)
            assert f"Page 1 of {len(part_pages)}" in part_pages[0]
            if doc == "papers":
                assert len(part_pages) % 2 == 0, "a paper with an odd page count (duplex)"
        assert split_total == page_count(folder / f"{doc}.pdf")
    paper_a, paper_b = (pdf_pages(folder / "versions" / f"paper-{v}.pdf") for v in "AB")
    assert paper_a != paper_b
    keys_text = " ".join("\n".join(pdf_pages(folder / "keys.pdf")).split())  # headers may wrap
    master_text = " ".join("\n".join(pdf_pages(folder / "master-key.pdf")).split())
    for version in record["versions"]:
        for section in version["sections"]:
            for item in section["items"]:
                assert str(item["seed"]) in master_text and str(item["seed"]) not in keys_text
    assert page_count(folder / "master-key.pdf") >= 1
    assert not list(tmp_path.glob(".*")), "temporary folders left behind"


def test_regen_reproduces_the_latex_byte_for_byte(tmp_path, capsys):
    code, _, err = build(capsys, "quiz", "--weeks", "1-2", "--seed", "8", "--versions", "2", "--no-pdf",
                         "--out", str(tmp_path / "first"))
    assert code == 0, err
    manifest = tmp_path / "first" / "review-01-02-seed8" / "manifest.json"
    code, out, err = build(capsys, "regen", str(manifest), "--no-pdf", "--out", str(tmp_path / "again"))
    assert code == 0, err
    assert "LaTeX identical to the record" in out and err == ""
    for tex in ("papers.tex", "keys.tex", "master-key.tex"):
        first = (tmp_path / "first" / "review-01-02-seed8" / "latex" / tex).read_bytes()
        again = (tmp_path / "again" / "review-01-02-seed8" / "latex" / tex).read_bytes()
        assert first == again


def test_regen_warns_per_question_when_a_template_changed(tmp_path, capsys, bank):
    shipped = Path(bank.get("calc.rules.chain").source).parents[1]
    copy = tmp_path / "bank"
    shutil.copytree(shipped, copy, ignore=shutil.ignore_patterns("blueprints"))
    bp = tmp_path / "bp.yaml"
    bp.write_text("id: one\ntitle: One\nsections:\n  - title: S\n    slots:\n      - {ids: [calc.rules.chain]}\n")
    args = ["--bank", str(copy), "--no-shipped-bank", "--no-pdf"]
    assert build(capsys, "build", str(bp), "--seed", "1", "--out", str(tmp_path / "a"), *args)[0] == 0
    chain = next(copy.rglob("chain_rule.yaml"))
    chain.write_text(chain.read_text().replace("Differentiate", "Find the derivative of"))
    code, out, err = build(capsys, "regen", str(tmp_path / "a" / "one-seed1" / "manifest.json"),
                           "--out", str(tmp_path / "b"), *args)
    assert code == 0
    assert "warning: version A question 1: template calc.rules.chain changed since the exam was built" in err
    assert "LaTeX differs from the record" in err


def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    argv = ["quiz", "--weeks", "1-2", "--seed", "4", "--no-pdf", "--out", str(tmp_path)]
    assert build(capsys, *argv)[0] == 0
    manifest = tmp_path / "review-01-02-seed4" / "manifest.json"
    before = manifest.read_bytes()
    code, out, err = build(capsys, *argv)
    assert code == 2 and "already exists: pass --force" in err and len(err.strip().splitlines()) == 1
    assert manifest.read_bytes() == before
    assert build(capsys, *argv, "--force")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review-01-02-seed4"]


def test_latex_injection_in_title_and_course_prints_literally(tmp_path, capsys):
    title = r"Quiz \input{/etc/passwd} \immediate\write18{touch /tmp/pwned} ^^5cpar"
    code, _, err = build(capsys, "quiz", "--weeks", "1-2", "--seed", "5", "--out", str(tmp_path),
                         "--title", title, "--course", "Course $x$ & 100%")
    assert code == 0, err
    first_page = pdf_pages(tmp_path / "review-01-02-seed5" / "papers.pdf")[0]
    assert r"\input{/etc/passwd}" in first_page and "root:" not in first_page
    assert "Course $x$ & 100%" in first_page
    assert not Path("/tmp/pwned").exists()


def test_a_template_whose_latex_breaks_is_named_and_nothing_is_written(tmp_path, capsys, write_template):
    # allowed commands, wrongly nested: the allow-list passes it, TeX does not
    write_template(prompt="'Compute $\\begin{pmatrix}\\VAR{a}\\end{cases}$.'", id="calc.test.badlatex")
    bp = tmp_path / "bp.yaml"
    bp.write_text("id: bad\ntitle: Bad\nsections:\n  - title: S\n    slots:\n      - {ids: [calc.test.badlatex]}\n")
    out_dir = tmp_path / "out"
    code, _, err = build(capsys, "build", str(bp), "--seed", "2", "--out", str(out_dir),
                         "--bank", str(tmp_path / "bank"), "--no-shipped-bank")
    assert code == 2
    line = err.strip()
    assert len(line.splitlines()) == 1
    assert "calc.test.badlatex, seed" in line and "ended by \\end{cases}" in line
    assert not (out_dir / "bad-seed2").exists()
    kept = out_dir / "bad-seed2.latex-error"
    assert list(kept.rglob("*.tex")) and not list(kept.rglob("*.pdf"))
    assert [p.name for p in out_dir.iterdir()] == ["bad-seed2.latex-error"]


def test_a_template_that_runs_into_the_margin_builds_with_one_warning_naming_it(tmp_path, capsys, write_template):
    # a 150-digit number in math mode cannot break: the line runs far into the margin
    write_template(prompt="'Compute $\\VAR{a}" + "1234567890" * 15 + "$.'", id="calc.test.wide")
    bp = tmp_path / "bp.yaml"
    bp.write_text("id: wide\ntitle: Wide\nsections:\n  - title: S\n    slots:\n      - {ids: [calc.test.wide]}\n")
    code, _, err = build(capsys, "build", str(bp), "--seed", "2", "--out", str(tmp_path / "out"),
                         "--bank", str(tmp_path / "bank"), "--no-shipped-bank")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "layout:" in line]
    assert warnings and all(line.startswith("mathexams: warning: layout: ") for line in warnings)
    assert any("papers.pdf" in w and "calc.test.wide, seed" in w and "overfull hbox" in w for w in warnings)
    assert (tmp_path / "out" / "wide-seed2" / "papers.pdf").exists()
