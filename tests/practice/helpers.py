"""What the practice tests share: a migrated database, a client, the CSRF token of a page, and the
form fields a learner would fill in to type a key."""

from __future__ import annotations

import re

from mathexams.model import OPTION_LETTERS, Answer
from mathexams.parse import parse
from mathexams.practice.answers_form import inputs_for
from mathexams.practice.planning import Planned

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(client, path: str = "/") -> str:
    return CSRF.search(client.get(path).text).group(1)


def entries_of(value: str) -> list:
    """The entries of a canonical vector or matrix text, as text ('[[1, 2], [3, 4]]' -> [['1', '2'], ...])."""
    parsed = parse(value).value
    def text(v):
        return [text(i) for i in v.items] if hasattr(v, "items") and isinstance(v.items, tuple) else str(v)
    return text(parsed)


def key_fields(answer: Answer, wrong: bool = False) -> dict[str, list[str]]:
    """The form fields that type the answer's key (or, with `wrong`, a wrong answer in every group)."""
    fields: dict[str, list[str]] = {}
    parts = answer.parts or (answer,)
    for group, part in zip(inputs_for(answer), parts):
        if group.widget in ("radio", "checkbox"):
            if part.kind == "truefalse":
                value = part.value if not wrong else ("false" if part.value == "true" else "true")
                fields[group.name] = [value]
            else:
                chosen = [OPTION_LETTERS[i] for i in part.correct]
                if wrong:
                    chosen = [OPTION_LETTERS[i] for i in range(len(part.options)) if i not in part.correct][:1]
                fields[group.name] = chosen
        elif group.widget == "entries":
            for i, e in enumerate(entries_of(part.value)):
                fields[f"{group.name}.{i}"] = [e if not wrong else f"({e}) + 1"]
        elif group.widget == "grid":
            for i, row in enumerate(entries_of(part.value)):
                for j, e in enumerate(row):
                    fields[f"{group.name}.{i}.{j}"] = [e if not wrong else f"({e}) + 1"]
        else:
            fields[group.name] = [part.value if not wrong else _wrong_text(part)]
    return fields


def _wrong_text(part: Answer) -> str:
    if part.kind in ("set", "interval"):
        return "{12345}" if part.kind == "set" else "[12345, 12346]"
    return f"({part.value}) + 1"


def planned(bank, template_id: str, seed: int = 1, form: str | None = None) -> Planned:
    template = bank.get(template_id)
    form = form if form is not None else template.variants[0].name
    return Planned(template_id, form, seed, template.objective, template.cell, template.track, "chosen by the test")
