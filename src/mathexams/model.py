"""Frozen, JSON-round-trippable data passed between the stages: questions and their typed answers.

Nothing here computes mathematics; renderers read these objects and never need SymPy.
Imports nothing from the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"   # how options are labelled on paper and typed back

# ---------------------------------------------------------------- working space on paper

SPACE_PATTERN = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\s*(cm|lines?)\s*$")
MAX_SPACE = {"cm": 25.0, "lines": 40.0}     # a page holds about 25 cm, or 40 lines of writing


def parse_space(text: Any) -> tuple[float, str]:
    """`"4cm"`, `"4.5 cm"`, `"6 lines"` -> (4.0, "cm"), (4.5, "cm"), (6.0, "lines"); ValueError otherwise."""
    match = SPACE_PATTERN.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a working space such as 4cm or 6 lines")
    amount, unit = float(match.group(1)), "cm" if match.group(2) == "cm" else "lines"
    if amount > MAX_SPACE[unit] or (unit == "lines" and not amount.is_integer()):
        raise ValueError(f"{text!r}: at most {MAX_SPACE[unit]:g} {unit}{' (whole lines)' if unit == 'lines' else ''}")
    return amount, unit


def space_text(amount: float, unit: str) -> str:
    """The canonical spelling: "4cm", "4.5cm", "6 lines"."""
    return f"{amount:g}cm" if unit == "cm" else f"{amount:g} lines"


@dataclass(frozen=True)
class Answer:
    """A typed answer: canonical text for machines, LaTeX for paper. `kind` names its rules
    (a module of `mathexams.kinds`); the fields a kind does not use keep their defaults.

    `value` is the canonical text (SymPy's string form for scalars, bracketed lists for
    vectors and matrices, braces for sets, interval notation). Choice answers keep the
    option LaTeX in `options` and the indices of the correct ones in `correct`.
    """

    kind: str
    value: str = ""
    latex: str = ""
    label: str = ""
    points: float = 0
    abs_tol: float | None = None
    rel_tol: float | None = None
    exact_form: bool = False          # a decimal for an exact answer is "not exact"
    equivalence: str = ""             # "", "scale", "sign", "span", "constant"
    constant_penalty: float = 0.0     # share of the points an antiderivative without + C loses
    variables: tuple[str, ...] = ()   # free symbols an expression may use
    shape: tuple[int, ...] = ()       # (n,) for a vector, (rows, cols) for a matrix
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    parts: tuple[Answer, ...] = ()
    prompt_latex: str = ""            # the part's own question, for multi-part answers
    space: str = ""                   # working space the template states ("4cm", "6 lines"); "" for the
                                      # kind's default (kinds.working_space)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            if f.name == "kind":
                continue
            v = getattr(self, f.name)
            if v == f.default or v == ():
                continue
            if f.name == "parts":
                out["parts"] = [p.to_dict() for p in v]
            elif isinstance(v, tuple):
                out[f.name] = list(v)
            else:
                out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        kwargs = dict(data)
        if "parts" in kwargs:
            kwargs["parts"] = tuple(cls.from_dict(p) for p in kwargs["parts"])
        for name in ("variables", "options", "correct", "shape"):
            if name in kwargs:
                kwargs[name] = tuple(kwargs[name])
        return cls(**kwargs)


@dataclass(frozen=True)
class Question:
    """One sampled question; renderers read it and never compute."""

    template_id: str
    seed: int
    title: str
    weeks: tuple[int, ...]
    track: str
    cell: str
    objective: str
    difficulty: str
    points: float
    prompt_latex: str
    solution_latex: str
    answer: Answer
    template_hash: str = ""
    calculator: bool = False          # the question (its form) needs a calculator
    form: str = ""                    # the template's form it was drawn in ("" if the template has none)
    minutes: float = 0.0              # working time a student needs
    fingerprint: str = ""             # hash of the drawn parameters: the same question has the same one

    @property
    def answer_kind(self) -> str:
        return self.answer.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "template_id": self.template_id,
            "seed": self.seed,
            "title": self.title,
            "weeks": list(self.weeks),
            "track": self.track,
            "cell": self.cell,
            "objective": self.objective,
            "difficulty": self.difficulty,
            "points": self.points,
            "answer_kind": self.answer.kind,
            "prompt_latex": self.prompt_latex,
            "solution_latex": self.solution_latex,
            "answer": self.answer.to_dict(),
            "choices": list(self.answer.options),
            "template_hash": self.template_hash,
            "calculator": self.calculator,
            "form": self.form,
            "minutes": self.minutes,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            template_id=data["template_id"],
            seed=data["seed"],
            title=data["title"],
            weeks=tuple(data["weeks"]),
            track=data["track"],
            cell=data["cell"],
            objective=data["objective"],
            difficulty=data["difficulty"],
            points=data["points"],
            prompt_latex=data["prompt_latex"],
            solution_latex=data["solution_latex"],
            answer=Answer.from_dict(data["answer"]),
            template_hash=data.get("template_hash", ""),
            calculator=data.get("calculator", False),
            form=data.get("form", ""),
            minutes=data.get("minutes", 0.0),
            fingerprint=data.get("fingerprint", ""),
        )


@dataclass(frozen=True)
class Slot:
    """One or more items of an exam, drawn from a pool of templates chosen by id or by metadata."""

    ids: tuple[str, ...] = ()          # explicit pool; empty means "select by metadata"
    cells: tuple[str, ...] = ()
    weeks: tuple[int, ...] = ()
    tracks: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    objective: str = ""                # case-insensitive substring of the objective
    points: float | None = None        # None: the template's own points
    count: int = 1


@dataclass(frozen=True)
class Section:
    title: str
    slots: tuple[Slot, ...]
    order: str = "interleave"          # interleave | shuffle | fixed
    instructions: str = ""


@dataclass(frozen=True)
class KindLimit:
    """At most `most` items of the exam may have one of these answer kinds."""

    kinds: tuple[str, ...]
    most: int


CALCULATOR_POLICIES = (
    "none",           # no calculator: no question that needs one is drawn
    "allowed",        # a calculator throughout
    "per-question",   # only for the questions marked as calculator questions
)


@dataclass(frozen=True)
class Blueprint:
    """What an exam contains; `text` is the YAML it was read from, kept for the exam record."""

    id: str
    title: str
    course: str
    minutes: int
    instructions: str
    sections: tuple[Section, ...]
    text: str = ""
    source: str = ""
    limits: tuple[KindLimit, ...] = ()
    calculator: str = "per-question"                  # one of CALCULATOR_POLICIES
    work_minutes: tuple[float, float] | None = None   # bounds on the sum of the questions' working times
    follows: str = ""                                 # id of the review before this one (no template reused)
    formula_sheet: bool = False                       # print the formula sheet (tables, derivatives) at the end


@dataclass(frozen=True)
class ExamItem:
    """A question in its place: number on the paper, slot of the blueprint, points it is worth."""

    number: int
    slot: int                          # index of the slot across the whole blueprint
    occurrence: int                    # bumped when a version's key repeated another version's
    points: float
    question: Question


@dataclass(frozen=True)
class ExamSection:
    title: str
    instructions: str
    items: tuple[ExamItem, ...]


@dataclass(frozen=True)
class Exam:
    """One version of an exam: ordered questions plus the identity printed on every page."""

    exam_id: str
    title: str
    course: str
    version: str
    master_seed: int
    code: str
    minutes: int
    instructions: str
    sections: tuple[ExamSection, ...]
    calculator: str = "per-question"   # the blueprint's policy, for the paper to state
    formula_sheet: bool = False        # the paper ends with the formula sheet

    @property
    def items(self) -> tuple[ExamItem, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def work_minutes(self) -> float:
        """The estimated working time: the sum of the questions' minutes."""
        return sum(item.question.minutes for item in self.items)

    @property
    def total_points(self) -> float:
        return sum(item.points for item in self.items)
