"""The reproducibility promise, held on every commit: the committed golden records (a review and
the final, tests/golden/) regenerate byte for byte from their frozen templates and seeds.

A failure means this engine would not rebuild exams that instructors already gave. If the change
is deliberate (see README.md, "Reproducibility"), run `make golden`, bump the record format or the
version as the README says, and say in the commit message which questions changed and why.
"""

from __future__ import annotations

import difflib

import pytest
from golden.golden import GOLDEN, golden_path, regenerated

from mathexams.record import read_record, record_json


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_record_regenerates_byte_for_byte(name):
    committed = golden_path(name).read_text(encoding="utf-8")
    text, warnings = regenerated(name)
    assert not warnings, warnings
    if text != committed:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), text.splitlines(True),
                                                 "committed", "regenerated", n=1))[:60])
        pytest.fail(f"{golden_path(name).name} no longer regenerates byte for byte (deliberate? `make golden`, "
                    f"and say so in the commit):\n{diff}")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_the_record_is_read_and_written_by_one_definition(name):
    """Reading a manifest into the typed ExamRecord and writing it again gives the same bytes:
    build, regen, selfcheck and grade share one definition of the format."""
    committed = golden_path(name).read_text(encoding="utf-8")
    assert record_json(read_record(golden_path(name))) == committed
