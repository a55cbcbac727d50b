"""Text that leaves mathexams for a terminal, a spreadsheet or Markdown, made harmless there.

Names in a responses spreadsheet, solution text in a manifest and field values in a bank file
reach the user's screen, a gradebook that a spreadsheet program opens, and a Markdown report:
- a terminal obeys escape sequences (ESC ...), carriage returns, and Unicode's line separators
  and bidirectional overrides (which reorder what is shown): they are printed as visible
  `\\uXXXX` instead;
- a spreadsheet runs a cell that starts with =, +, -, @, tab or carriage return as a formula:
  such cells get a leading apostrophe, as OWASP recommends for CSV injection;
- Markdown turns brackets, parentheses and '!' into links and remote images, and a newline
  into a new heading: text is kept on one line and its markup characters escaped.
Imports nothing from the package.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls but tab and newline, DEL, C1 controls, zero-width and direction marks, bidi
# embeddings, overrides and isolates, line and paragraph separators, the byte order mark
_UNSAFE = ([c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
           + [0x061C, 0x2028, 0x2029, 0xFEFF] + list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F))
           + list(range(0x2060, 0x206A)))
_VISIBLE = {c: f"\\u{c:04x}" for c in _UNSAFE}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def for_terminal(text: str) -> str:
    """`text` with every character a terminal would act on shown as a visible escape."""
    return text.translate(_VISIBLE)


def one_line(text: Any, limit: int = 80) -> str:
    """A value from input as a short, single line for a message: newlines and tabs become
    spaces, unsafe characters visible escapes, and long text is cut."""
    flat = for_terminal(str(text).replace("\n", " ").replace("\t", " "))
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_text(text: Any, limit: int = 200) -> str:
    """Text for a Markdown table cell or list item: one line, markup characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text, limit))


class TerminalStream:
    """A text stream that passes everything through `for_terminal` (the CLI wraps stdout and
    stderr with it, so no command can print a raw escape sequence)."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self.raw = stream   # for the progress bar's own carriage returns

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
