"""Exams to render, built once per test module."""

from __future__ import annotations

import pytest

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint


@pytest.fixture(scope="module")
def exams_one_version(bank):
    blueprint = load_blueprint(bank.curriculum.review_blueprint("1-2"), bank.curriculum)
    return build_versions(blueprint, bank, 3, 1, code_key=bytes(32))
