"""Form inputs for each answer, and the response text the checker reads back from them.

Each answer kind says how it is answered on screen (`AnswerKind.widget`, `input_hint`,
`input_values`): radio buttons (a choice, true/false), check boxes (several choices), one box per
entry (a vector), a grid of boxes (a matrix), or one text box with the parser's live preview
(expressions, numbers, decimals, sets, intervals). A multi-part answer is one input group per part.
Field names are `r` for a single answer and `r-<label>` for a part, with `.i` / `.i.j` for entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..kinds import kind_of
from ..model import Answer

MAX_FIELD = 1000          # characters in one field (the parser's own limit)
MAX_ENTRIES = 100         # boxes of one vector or matrix
TYPED = ("text", "entries", "grid")    # widgets whose typed text the preview reads


@dataclass(frozen=True)
class Input:
    """One group of inputs for one answer (or one part): how the page draws it."""

    name: str                      # field name prefix
    kind: str
    widget: str                    # radio | checkbox | entries | grid | text
    label: str = ""                # part label ('a'), '' for a single answer
    prompt_latex: str = ""         # the part's own question
    options: tuple[str, ...] = ()  # option LaTeX, one per value (none: the values are shown as they are)
    letters: tuple[str, ...] = ()  # the values radio buttons and check boxes send
    rows: int = 0
    cols: int = 0
    hint: str = ""
    variables: str = ""            # comma-separated, for the preview endpoint
    points: float = 0


def inputs_for(answer: Answer) -> list[Input]:
    """The input groups of an answer: one, or one per part."""
    if answer.parts:
        return [_input(part, f"r-{part.label}", part.label) for part in answer.parts]
    return [_input(answer, "r", "")]


def _input(answer: Answer, name: str, label: str) -> Input:
    kind = kind_of(answer)
    common = dict(name=name, kind=answer.kind, label=label, prompt_latex=answer.prompt_latex,
                  variables=",".join(answer.variables), points=answer.points, hint=kind.input_hint)
    if kind.widget in ("radio", "checkbox"):
        return Input(widget=kind.widget, options=answer.options, letters=kind.input_values(answer), **common)
    shape = tuple(answer.shape)
    if kind.widget == "entries" and len(shape) == 1 and 0 < shape[0] <= MAX_ENTRIES:
        return Input(widget="entries", rows=1, cols=shape[0], **common)
    if kind.widget == "grid" and len(shape) == 2 and 0 < shape[0] * shape[1] <= MAX_ENTRIES:
        return Input(widget="grid", rows=shape[0], cols=shape[1], **common)
    return Input(widget="text", **common)


def field_names(answer: Answer) -> set[str]:
    """Every form field name the answer's inputs may send."""
    names = set()
    for group in inputs_for(answer):
        if group.widget == "entries":
            names.update(f"{group.name}.{i}" for i in range(group.cols))
        elif group.widget == "grid":
            names.update(f"{group.name}.{i}.{j}" for i in range(group.rows) for j in range(group.cols))
        else:
            names.add(group.name)
    return names


def response_text(group: Input, fields: Mapping[str, list[str]]) -> str:
    """The text the checker reads for one input group, from the submitted fields (lists of values)."""
    def one(name: str) -> str:
        values = fields.get(name) or [""]
        return values[0].strip()

    if group.widget == "checkbox":
        chosen = [v for v in fields.get(group.name, []) if v in group.letters]
        return ", ".join(sorted(set(chosen), key=group.letters.index))
    if group.widget == "entries":
        entries = [one(f"{group.name}.{i}") for i in range(group.cols)]
        return "" if not any(entries) else "(" + ", ".join(e or "?" for e in entries) + ")"
    if group.widget == "grid":
        rows = [[one(f"{group.name}.{i}.{j}") for j in range(group.cols)] for i in range(group.rows)]
        if not any(e for row in rows for e in row):
            return ""
        return "[" + ", ".join("[" + ", ".join(e or "?" for e in row) + "]" for row in rows) + "]"
    return one(group.name)


def response_for(answer: Answer, fields: Mapping[str, list[str]]) -> dict[str, str]:
    """What the learner answered, by part label ('' for a single answer)."""
    return {group.label: response_text(group, fields) for group in inputs_for(answer)}


def checker_response(answer: Answer, by_label: Mapping[str, str]):
    """The response in the form `check_answer` takes: text, or a mapping by part label."""
    return dict(by_label) if answer.parts else by_label.get("", "")
