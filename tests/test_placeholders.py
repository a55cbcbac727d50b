"""Placeholders in prompts and solutions: what a template may read, and what it may not reach."""

from __future__ import annotations

import pytest
import sympy

from mathexams.placeholders import PlaceholderError, render_placeholders
from mathexams.sandbox import Record


class Item(Record):
    shape: object
    value: object
    note: object


def render(text: str, **values):
    return render_placeholders(text, values)


def item():
    return Item(shape=[3, 4], value=sympy.sqrt(2) * sympy.Symbol("x"), note="a note")


def test_record_fields_print_by_name():
    assert render(r"\VAR{m.shape|items}; \VAR{m.shape[0]}; \VAR{m['value']}; \VAR{m.note}", m=item()) == \
        r"3, 4; 3; \sqrt{2} x; a note"
    assert render(r"\BLOCK{for d in m.shape}[\VAR{d}]\BLOCK{endfor}", m=item()) == "[3][4]"


def test_loop_counters_stay_readable():
    assert render(r"\BLOCK{for v in xs}\VAR{loop.index}\BLOCK{endfor}", xs=[7, 8]) == "12"


@pytest.mark.parametrize("text", [
    r"\VAR{m.__class__}",
    r"\VAR{m.__class__.__mro__}",
    r"\VAR{m['__class__']}",
    r"\VAR{m.__dict__}",
    r"\VAR{m._hint()}",
    r"\VAR{m.FIELDS}",
    r"\VAR{m.__dataclass_fields__}",
    r"\VAR{m.missing}",
    r"\VAR{m.shape.__class__}",
    r"\VAR{m.shape.append}",
    r"\VAR{m.value.args}",              # SymPy objects keep their attributes to themselves
    r"\VAR{m.value.func}",
    r"\VAR{m.value.subs(1, 2)}",
    r"\VAR{m.note.upper()}",             # and so do strings
    r"\VAR{m.note.__class__}",
    r"\VAR{s.format(1)}",
    r"\VAR{x.__class__.__subclasses__()}",
    r"\VAR{m}",                          # a record is not a value of its own
])
def test_nothing_else_is_reachable(text):
    with pytest.raises(PlaceholderError):
        render(text, m=item(), s="{0}", x=sympy.Symbol("x"))
