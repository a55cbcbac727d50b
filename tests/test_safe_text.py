"""Text leaving mathexams: terminal escapes shown, formulas kept as text, Markdown escaped."""

from __future__ import annotations

import io

import pytest

from mathexams.safe_text import TerminalStream, for_terminal, markdown_text, one_line, spreadsheet_cell


@pytest.mark.parametrize("raw, shown", [("\x1b[31m", "\\u001b[31m"), ("a\rb", "a\\u000db"), ("\u202e", "\\u202e"),
                                        ("x\u2028y", "x\\u2028y"), ("tab\tand\nnewline", "tab\tand\nnewline"),
                                        ("\x9b", "\\u009b"), ("café Ħ ∞", "café Ħ ∞")])
def test_for_terminal_shows_what_a_terminal_would_obey(raw, shown):
    assert for_terminal(raw) == shown


@pytest.mark.parametrize("cell, safe", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"),
                                        ("\t=1", "'\t=1"), ("ann", "ann"), ("a=b", "a=b")])
def test_spreadsheet_cells_never_start_a_formula(cell, safe):
    assert spreadsheet_cell(cell) == safe


def test_markdown_text_is_one_line_with_markup_escaped():
    assert markdown_text("![x](http://e/p.png)\n# h") == r"\!\[x\]\(http://e/p\.png\) \# h"


def test_one_line_cuts_long_text():
    assert one_line("x" * 100, 10) == "xxxxxxx..." and one_line("a\nb") == "a b"


def test_terminal_stream_filters_writes():
    raw = io.StringIO()
    TerminalStream(raw).write("\x1b[2Jhello\n")
    assert raw.getvalue() == "\\u001b[2Jhello\n"
