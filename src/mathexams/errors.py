"""The exceptions mathexams raises; each carries a one-line message a user can act on."""


class MathExamsError(Exception):
    """Base class: the CLI prints the message on one line and exits non-zero."""


class BadTemplate(MathExamsError):
    """A bank file breaks the template format or the sandbox rules."""

    def __init__(self, source: str, field: str, reason: str):
        self.source, self.field, self.reason = source, field, reason
        super().__init__(f"{source}: {field}: {reason}")

    def __reduce__(self):  # keep the three parts when crossing a process boundary
        return type(self), (self.source, self.field, self.reason)


class SandboxViolation(MathExamsError):
    """A template expression tried something the evaluator does not allow."""


class SamplingExhausted(MathExamsError):
    """A template rejected too many draws in a row: the template is buggy, not unlucky."""


class KeyMismatch(MathExamsError):
    """The independent check disagreed with the SymPy key."""


class BadBlueprint(MathExamsError):
    """A blueprint file is malformed or asks for more than the bank holds."""


class UnknownTemplate(MathExamsError):
    """An id that no loaded bank defines."""


class UnknownForm(MathExamsError):
    """A form name that the template does not declare."""


class CheckFailed(Exception):
    """An independent check disagreed with the key; the message says how.

    Not a MathExamsError: the sampler turns it into a KeyMismatch naming template and seed.
    """

    passthrough = True  # the evaluator lets it through to the sampler instead of wrapping it


class SimulationMiss(CheckFailed):
    """A Monte Carlo estimate fell outside its band around the key.

    A right key does this with a small, documented probability (a false alarm), so the sampler
    rejects the draw and records why, instead of failing the question or rerunning the simulation.
    """
