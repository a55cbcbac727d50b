"""Hostile use of named records: a macro's record opens its declared fields to a template and nothing else.

Each attack goes through the real command (`mathexams sample`) on a template whose `m` is a record
returned by a shipped macro (closed_interval_extrema); it must be refused with one line naming the
file and the field, and run nothing (the suite's referee watches).
"""

from __future__ import annotations

import json

import pytest
from conftest import assert_one_line_error, run_cli

RECORD = "m: closed_interval_extrema(x**2, x, -1, 2, [0])\na: m.maximum"

PARAM_ATTACKS = {
    "dunder_class": ("m.__class__", "not allowed"),
    "dunder_dict": ("m.__dict__", "not allowed"),
    "dunder_init_globals": ("m.__init__.__globals__", "not allowed"),
    "private_hint": ("m._hint", "not allowed"),
    "fields_constant": ("m.FIELDS", "no field 'FIELDS'"),
    "dataclass_fields": ("m.__dataclass_fields__", "not allowed"),
    "replace_method": ("m.__replace__", "not allowed"),
    "unknown_field": ("m.secret", "no field 'secret'"),
    "sympy_attribute_of_field": ("m.maximum.func", "not on a"),
    "sympy_method_of_field": ("m.maximum.subs", "not on a"),
    "list_method_of_field": ("m.table.append", "not on a list"),
    "string_method": ("'abc'.upper", "not on a str"),
    "symbol_attribute": ("x.free_symbols", "not on a Symbol"),
    "call_result_attribute": ("closed_interval_extrema(x**2, x, -1, 2, [0]).__class__", "not allowed"),
    "record_as_value": ("m + 1", "is a record: use one of its fields"),
    "record_into_sympy": ("diff(m, x)", "is a record"),
    "index_by_name": ("m['maximum']", "cannot index"),
    "index_dunder": ("m['__class__']", "cannot index"),
}

PROMPT_ATTACKS = {
    "jinja_dunder_class": r"\VAR{m.__class__}",
    "jinja_mro": r"\VAR{m.__class__.__mro__}",
    "jinja_init_globals": r"\VAR{m.__init__.__globals__}",
    "jinja_private_hint": r"\VAR{m._hint()}",
    "jinja_fields_constant": r"\VAR{m.FIELDS}",
    "jinja_getitem_dunder": r"\VAR{m['__class__']}",
    "jinja_getitem_dataclass": r"\VAR{m['__dataclass_fields__']}",
    "jinja_unknown_field": r"\VAR{m.secret}",
    "jinja_sympy_attribute": r"\VAR{m.maximum.func}",
    "jinja_sympy_method": r"\VAR{m.maximum.subs(x, 1)}",
    "jinja_list_method": r"\VAR{m.table.pop()}",
    "jinja_string_attribute": r"\VAR{'abc'.upper()}",
    "jinja_record_printed": r"\VAR{m}",
    "jinja_loop_internals": r"\BLOCK{for p in m.table}\VAR{loop._iterator}\BLOCK{endfor}",
}


def _sample(path, template_id, capsys):
    code, _, err = run_cli(capsys, "sample", template_id, "--bank", path.parent.parent, "--no-shipped-bank")
    return code, err


def test_a_record_field_reads_by_name(write_template, capsys):
    path = write_template(params=RECORD, prompt=json.dumps(r"$\VAR{m.minimum}, \VAR{a}$"),
                          id="calc.records.ok")
    code, out, err = run_cli(capsys, "sample", "calc.records.ok", "--bank", path.parent.parent, "--no-shipped-bank")
    assert code == 0, err
    assert "0, 4" in out


@pytest.mark.parametrize("name", sorted(PARAM_ATTACKS))
def test_hostile_record_attribute_in_params_is_refused(name, write_template, capsys):
    text, reason = PARAM_ATTACKS[name]
    path = write_template(params=f"{RECORD}\nevil: {json.dumps(text)}", id=f"calc.records.{name}")
    code, err = _sample(path, f"calc.records.{name}", capsys)
    assert_one_line_error(code, err, str(path), "params.evil", reason)


@pytest.mark.parametrize("name", sorted(PROMPT_ATTACKS))
def test_hostile_record_attribute_in_prompt_is_refused(name, write_template, capsys):
    path = write_template(params=RECORD, prompt=json.dumps(PROMPT_ATTACKS[name]), id=f"calc.records.{name}")
    code, err = _sample(path, f"calc.records.{name}", capsys)
    assert_one_line_error(code, err, str(path), "prompt")
