"""mathexams: seeded, self-checking math questions, quizzes and exams.

The package import stays light (no SymPy) so that `mathexams --help` starts fast.
"""

__version__ = "0.1.0"
