"""Nothing a student holds reveals a key: papers show no seed, codes are keyed by a secret,
default seeds are 64 random bits."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import run_cli

from mathexams.codes import exam_code

SEED = 8273645501928374651   # many digits: a stray seed on paper cannot hide among page numbers


@pytest.fixture(scope="module")
def built_with_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("papers")
    from mathexams.cli import main

    assert main(["quiz", "--weeks", "3-4", "--seed", str(SEED), "--versions", "2", "--out", str(out)]) == 0
    return out / f"review-03-04-seed{SEED}"


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.latex
def test_student_papers_show_no_seed_and_no_secret(built_with_pdf):
    record = json.loads((built_with_pdf / "manifest.json").read_text())
    secrets_on_record = {str(record["master_seed"]), record["code_key"], record["code_key"][:16]}
    secrets_on_record |= {str(item["seed"]) for v in record["versions"] for s in v["sections"] for item in s["items"]}
    for pdf in [built_with_pdf / "papers.pdf", *sorted((built_with_pdf / "versions").glob("paper-*.pdf"))]:
        text = _text(pdf)
        flat = re.sub(r"\s+", "", text)
        assert "seed" not in text.lower(), pdf.name
        for secret in secrets_on_record:
            assert secret not in flat, (pdf.name, secret)
        for v in record["versions"]:
            if pdf.name in ("papers.pdf", f"paper-{v['version']}.pdf"):
                assert v["code"] in text   # the footer still identifies the version


@pytest.mark.latex
def test_the_instructor_record_shows_the_seed_and_the_keys_do_not(built_with_pdf):
    assert f"master seed {SEED}" in " ".join(_text(built_with_pdf / "master-key.pdf").split())
    assert str(SEED) not in _text(built_with_pdf / "keys.pdf")


def test_codes_are_keyed_by_a_secret_not_by_the_seed(tmp_path, capsys):
    records = []
    for run in ("one", "two"):
        code, _, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--seed", "5", "--no-pdf", "--out", tmp_path / run)
        assert code == 0, err
        records.append(json.loads((tmp_path / run / "review-01-02-seed5" / "manifest.json").read_text()))
    first, second = records
    assert first["versions"][0]["code"] != second["versions"][0]["code"], "same seed, same code: no secret involved"
    for record in records:
        key = bytes.fromhex(record["code_key"])
        assert len(key) == 32
        assert record["versions"][0]["code"] == exam_code("review-01-02", "A", key)


def test_default_master_seeds_are_64_random_bits(tmp_path, capsys):
    seeds = []
    for run in range(3):
        code, out, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--no-pdf", "--out", tmp_path / str(run))
        assert code == 0, err
        seeds.append(int(re.search(r"seed (\d+)", out).group(1)))
    assert len(set(seeds)) == 3 and all(0 <= s < 2**64 for s in seeds)
    assert max(seeds) > 2**40   # the old default stayed below 10**6: three draws all below 2**40 is ~1e-21


def test_a_64_bit_seed_is_accepted_and_recorded(tmp_path, capsys):
    code, _, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--seed", str(2**64 - 1), "--no-pdf", "--out", tmp_path)
    assert code == 0, err
    record = json.loads((tmp_path / f"review-01-02-seed{2**64 - 1}" / "manifest.json").read_text())
    assert record["master_seed"] == 2**64 - 1
