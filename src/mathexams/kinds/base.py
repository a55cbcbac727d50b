"""What every answer kind provides, and the registry that finds a kind by name.

A kind is one class in one module of this package (`kinds/matrix.py`, ...): the fields a template
may give it and their checks, construction of a typed `Answer` from a computed SymPy value, its
key in LaTeX, the layout macro that draws its answer space on paper, the check of a typed
response, and how a key typed as text (`mathexams judge`) becomes a value. The registry is filled
when `mathexams.kinds` is imported; nothing outside this package switches on kind names.

Kinds are read by renderers, so at module level this file and every kind module import only the
data model: construction and checking import SymPy, the parser and the equivalence machinery
inside the methods that need them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..model import OPTION_LETTERS, Answer, space_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..judge import Verdict
    from ..parse import Parsed

LETTERS = OPTION_LETTERS


class AnswerError(ValueError):
    """A computed value does not fit the declared answer kind."""


@dataclass(frozen=True)
class Settings:
    """Everything a template (or a typed key) says about an answer besides its value."""

    label: str = ""
    points: float = 0
    prompt_latex: str = ""
    space: str = ""                              # working space the template states
    places: int | None = None
    abs_tol: float | None = None
    rel_tol: float | None = None
    exact_form: bool = False
    equivalence: str = ""
    constant_penalty: float = 0.0
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    parts: tuple[Answer, ...] = ()
    variables: tuple[str, ...] | None = None     # declared names (a typed key); None: the value's own
    extra: Mapping[str, Any] = field(default_factory=dict)   # fields only this kind knows (its `compile`)

    def common(self) -> dict[str, Any]:
        """The fields every kind's Answer carries."""
        return {"label": self.label, "points": self.points, "prompt_latex": self.prompt_latex, "space": self.space}


class SpecReader(Protocol):
    """The template compiler's view of one answer mapping, handed to `AnswerKind.compile`; each
    method reads and checks one field (errors name the file and the field)."""

    def fail(self, name: str, reason: str) -> Exception: ...
    def value(self) -> Any: ...
    def text(self, name: str) -> str: ...
    def places(self, default: int | None, most: int = 10) -> int | None: ...
    def tolerances(self) -> dict[str, float]: ...
    def flag(self, name: str) -> bool: ...
    def equivalence(self, allowed: tuple[str, ...]) -> str: ...
    def constant_penalty(self, equivalence: str) -> float: ...
    def options(self) -> dict[str, Any]: ...
    def parts(self) -> tuple[Any, ...]: ...


@dataclass(frozen=True)
class PaperSpace:
    """The macro of templates/answer_space.tex that draws a kind's answer space, with its arguments."""

    macro: str
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NumericKey:
    """A key that software grading numbers (an LMS's numerical fields) can check: one value per
    field, in the order the fields are shown, each with the absolute tolerance that accepts what
    the checker accepts; `shape` is () for one number, (n,) for a list, (rows, cols) for a matrix,
    and `layout` tells the student how to fill the fields in."""

    values: tuple[float, ...]
    tolerances: tuple[float, ...]
    shape: tuple[int, ...] = ()
    layout: str = ""


class AnswerKind:
    """One kind of answer, from template to paper to verdict. Subclasses set the class attributes
    and override what differs; one instance per kind lives in the registry."""

    name: ClassVar[str]
    summary: ClassVar[str]                       # one line for `mathexams kinds` and docs/TEMPLATES.md
    fields_doc: ClassVar[str] = ""               # the extra fields, as the docs table shows them
    value_doc: ClassVar[str] = ""                # what `value` holds
    fields: ClassVar[frozenset[str]] = frozenset({"value"})   # template fields besides `kind`
    equivalences: ClassVar[tuple[str, ...]] = ("",)           # accepted `equivalence` values
    composite: ClassVar[bool] = False            # made of parts: not itself a part, not typed as one key
    approximate: ClassVar[bool] = False          # a rounded value: never the answer to "give the exact value"
    space: ClassVar[PaperSpace] = PaperSpace("box", {"work": "2.5cm", "box": "1cm"})
    # on screen (the practice app): one text box with the parser's live reading, or the kind's own inputs
    widget: ClassVar[str] = "text"               # text | radio | checkbox | entries (vector) | grid (matrix)
    input_hint: ClassVar[str] = ""               # what to type, as a text box's placeholder
    # default working space on paper: (cm per point, at least, at most); a template may state its own
    working_cm: ClassVar[tuple[float, float, float]] = (0.6, 2.0, 8.0)

    # ------------------------------------------------------------ templates

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        """The compiled fields of this kind's answer spec (value, places, options, ...; fields
        the engine does not know go under `extra` and come back in `Settings.extra`)."""
        return {"value": spec.value()}

    # ------------------------------------------------------------ construction

    def make(self, value: Any, settings: Settings) -> Answer:
        """A typed Answer from a computed value; AnswerError when the value does not fit."""
        raise NotImplementedError

    def answer_from_text(self, text: str, settings: Settings, option_count: int | None = None) -> Answer:
        """The Answer of a key typed like a response (`mathexams judge --expected`); choice kinds
        have `option_count` options."""
        return self.make(self.value_from_text(text, settings), settings)

    def value_from_text(self, text: str, settings: Settings) -> Any:
        """The value of a key typed like a response."""
        from ..judge import scalar
        from ..parse import parse

        return scalar(parse(text, variables=frozenset(settings.variables or ())).value)

    # ------------------------------------------------------------ presentation (no SymPy)

    def working_space(self, answer: Answer) -> str:
        """The space to leave for working on paper: the template's, or the kind's default for the
        answer's points ("" for a composite answer, whose parts have their own)."""
        if self.composite:
            return ""
        if answer.space:
            return answer.space
        per_point, least, most = self.working_cm
        return space_text(min(most, max(least, round(2 * per_point * answer.points) / 2)), "cm")

    def paper_space(self, answer: Answer) -> PaperSpace:
        """The macro of templates/spaces.tex (and its arguments) that draws this answer's space."""
        return self.space

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        """The key as LaTeX text for answer keys (`compact`: for the master key's table)."""
        return f"${answer.latex}$"

    def key_text(self, answer: Answer) -> str:
        """The key as plain text (terminal output, plain-text renderings)."""
        return answer.value

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        """(field, reason) when an Answer read from an exam record cannot be of this kind."""
        if answer.equivalence not in self.equivalences:
            return "equivalence", f"must be one of {', '.join(repr(e) for e in self.equivalences)}"
        for name in ("parts", "options", "correct"):
            if getattr(answer, name):
                return name, f"a {self.name} answer has no {name}"
        return None

    def key_positions(self, answer: Answer) -> tuple[int, tuple[int, ...]] | None:
        """Where the key sits among what a student picks from: (how many choices, the key's
        positions), or None for a constructed answer. The stress test checks that these positions
        are uniform over seeds (a key that is mostly option A, or mostly "false", is guessable)."""
        return None

    def credit_rule(self, answer: Answer) -> str:
        """How the answer earns points when it is partly right, as the key states it (LaTeX text;
        "" when it is simply right or wrong)."""
        return ""

    def unfit_key(self, value: Any, spec: Any) -> str | None:
        """Why a drawn key is unfit for this kind at the template's settings (the draw is redrawn), or
        None; `spec` is the compiled answer spec."""
        return None

    def input_values(self, answer: Answer) -> tuple[str, ...]:
        """The values a radio or checkbox input sends, one per option (as the response is typed)."""
        return ()

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        """The key as numbers within tolerances, for graders that compare numbers only (LMS
        exports); None when such a grader cannot judge this answer as the checker does."""
        return None

    # ------------------------------------------------------------ checking

    def blank_is_right(self, answer: Answer) -> bool:
        """Whether leaving the answer blank is the right answer (a select-all item none of whose
        options applies: on paper, no box ticked)."""
        return False

    def check(self, answer: Answer, text: str) -> str | Any:
        """The reason a non-empty response is right (or a judge.Partial); raise judge.Wrong or
        parse.ParseError otherwise."""
        return self.check_parsed(answer, self.parse(answer, text))

    def parse(self, answer: Answer, text: str) -> Parsed:
        from ..parse import parse

        return parse(text, variables=frozenset(answer.variables))

    def check_parsed(self, answer: Answer, parsed: Parsed) -> str | Any:
        raise NotImplementedError

    def verdict(self, answer: Answer, response: Any, max_points: float) -> Verdict:
        """The verdict on a response (text; composite kinds take more)."""
        from ..judge import judge_text

        return judge_text(answer, "" if response is None else str(response), max_points)


REGISTRY: dict[str, AnswerKind] = {}


def register(cls: type[AnswerKind]) -> type[AnswerKind]:
    """Class decorator: put one instance of the kind in the registry under its name."""
    if cls.name in REGISTRY:
        raise ValueError(f"answer kind {cls.name!r} is registered twice")
    REGISTRY[cls.name] = cls()
    return cls


def kind_named(name: str) -> AnswerKind:
    """The kind registered under `name`; KeyError when there is none."""
    return REGISTRY[name]


def kind_of(answer: Answer) -> AnswerKind:
    return REGISTRY[answer.kind]


def kind_names() -> tuple[str, ...]:
    """Every registered kind, sorted by name."""
    return tuple(sorted(REGISTRY))


def working_space(answer: Answer) -> str:
    """The space to leave on paper for working out an answer (its kind's rule)."""
    return kind_of(answer).working_space(answer)


def default_space(kind: str, points: float) -> str:
    """The default working space of an answer of `kind` worth `points`."""
    return kind_named(kind).working_space(Answer(kind=kind, points=points))


def kinds_table() -> str:
    """The Markdown table of kinds in docs/TEMPLATES.md (a test keeps the two equal)."""
    rows = ["| kind | extra fields | value | space on paper |", "|---|---|---|---|"]
    for kind in REGISTRY.values():
        rows.append(f"| `{kind.name}` | {kind.fields_doc} | {kind.value_doc} | `{kind.space.macro}` |")
    return "\n".join(rows)


def exact_numbers(values: Any, exact_form: bool) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """Floats and absolute tolerances for exact entries (SymPy numbers) as the checker accepts them:
    a decimal typed for an exact value counts within DECIMAL_FOR_EXACT_RTOL unless `exact_form`,
    and then only when the value terminates (1/4 = 0.25); None when an entry is not a finite number
    or a decimal cannot be right (1/3 with exact_form)."""
    import math

    import sympy

    from ..judge import DECIMAL_FOR_EXACT_RTOL, EXACT_RTOL, is_terminating
    from ..numeric import to_float

    floats, tolerances = [], []
    for v in values:
        if not isinstance(v, sympy.Basic) or v.free_symbols or v.is_infinite:
            return None
        f = to_float(v)
        if not math.isfinite(f):
            return None
        if exact_form and not is_terminating(v) and not isinstance(v, sympy.Integer):
            return None
        floats.append(f)
        tolerances.append(abs(f) * (EXACT_RTOL if exact_form else DECIMAL_FOR_EXACT_RTOL))
    return tuple(floats), tuple(tolerances)


def letters(indices: Any) -> str:
    """Option letters for indices: [0, 2] -> 'A,C'."""
    return ",".join(LETTERS[i] for i in indices)
