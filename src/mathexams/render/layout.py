"""The layout check: what pdflatex's log and .aux say about where things landed on paper.

The layouts mark where each block that must stay on one page starts and ends (`\\mxpos{name}`
writes `\\mxat{name}{page}` into the .aux when the page is shipped out); a block whose start and
end landed on different pages is a forbidden split. Overfull boxes come from the log, each traced
back to its question by the source's question markers. Reads text only: no TeX is run here.
Must not import sympy, the sampler or the bank.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

OVERFULL_LIMIT_PT = 1.0
_POSITION = re.compile(r"^\\mxat\{([^{}]*)\}\{(\d+)\}\s*$", re.MULTILINE)
_OVERFULL = re.compile(r"^Overfull \\([hv])box \((\d+(?:\.\d+)?)pt too (?:wide|high)\)(?: in (?:paragraph|alignment) "
                       r"at lines (\d+)--\d+| detected at line (\d+))?", re.MULTILINE)
_MARKER = "%% mathexams-question"


@dataclass(frozen=True)
class LayoutProblem:
    """One thing a teacher would see on paper: a split block or a box running into the margin."""

    document: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.document}: {self.where}: {self.what}"


def positions(aux: str) -> dict[str, int]:
    """Page of every marked position, from the .aux (`code/q3/start` -> 2)."""
    return {name: int(page) for name, page in _POSITION.findall(aux)}


def split_blocks(aux: str) -> list[tuple[str, int, int]]:
    """Blocks whose start and end landed on different pages: (block, first page, last page).

    A block is a pair `NAME/start`, `NAME/end`; the end-of-version line `CODE/end` must share the
    page of the version's last block, so no page holds it alone.
    """
    pages = positions(aux)
    out = []
    last_block: dict[str, int] = {}
    for name, page in pages.items():
        if name.endswith("/start"):
            block = name[: -len("/start")]
            end = pages.get(block + "/end")
            if end is not None and end != page:
                out.append((block, page, end))
        if name.endswith("/end") and name.count("/") >= 2:
            code = name.split("/")[0]
            last_block[code] = max(last_block.get(code, 0), page)
    for name, page in pages.items():
        if name.count("/") == 1 and name.endswith("/end"):
            code = name.split("/")[0]
            if code in last_block and last_block[code] != page:
                out.append((f"{code}/end-of-version", last_block[code], page))
    return out


def overfull_boxes(log: str, limit: float = OVERFULL_LIMIT_PT) -> list[tuple[str, float, int | None]]:
    """Overfull boxes over `limit` points: ("hbox" or "vbox", points, source line or None)."""
    out = []
    for kind, amount, para_line, detected_line in _OVERFULL.findall(log):
        if float(amount) > limit:
            line = para_line or detected_line
            out.append((f"{kind}box", float(amount), int(line) if line else None))
    return out


def question_at(source: str, line_number: int | None) -> str:
    """The question (number, template id and seed) and version a source line belongs to."""
    if line_number is None:
        return "a page as a whole"
    question = version = ""
    for line in reversed(source.splitlines()[:line_number]):
        if not question and line.startswith(_MARKER):
            fields = line[len(_MARKER):].split()
            if len(fields) == 4:
                question = f"question {fields[0]} ({fields[1]}, seed {fields[3]})"
        if not version and line.startswith(r"\mxversion{"):
            version = "version " + line[len(r"\mxversion{"):].split("}")[0]
        if question and version:
            break
    return ", ".join(p for p in (version, question) if p) or f"line {line_number}"


def layout_problems(document: str, source: str, log: str, aux: str) -> list[LayoutProblem]:
    """Every forbidden split and every overfull box over 1 pt of one typeset document."""
    problems = [LayoutProblem(document, block, f"split over pages {first}-{last}")
                for block, first, last in split_blocks(aux)]
    for kind, amount, line in overfull_boxes(log):
        problems.append(LayoutProblem(document, question_at(source, line), f"overfull {kind} by {amount:g} pt"
                                      + (f" (line {line})" if line else "")))
    return problems


def page_counts_by_version(aux: str) -> dict[str, int]:
    """How many pages each version's blocks reach (the last page holding one of its positions)."""
    out: dict[str, int] = defaultdict(int)
    for name, page in positions(aux).items():
        code = name.split("/")[0]
        out[code] = max(out[code], page)
    return dict(out)
