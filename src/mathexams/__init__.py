"""mathexams: seeded, self-checking math questions, quizzes and exams.

The package import stays light (no SymPy) so that `mathexams --help` starts fast.
"""

__version__ = "0.2.0"

__all__ = ["check_answer", "Verdict", "__version__"]


def __getattr__(name: str):
    """`mathexams.check_answer` and `mathexams.Verdict`, imported on first use (they need SymPy)."""
    if name in ("check_answer", "Verdict"):
        from . import judge

        return getattr(judge, name)
    raise AttributeError(f"module 'mathexams' has no attribute {name!r}")
