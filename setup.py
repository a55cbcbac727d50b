"""Packaging beyond pyproject.toml: the shipped bank and LaTeX layouts live at the top of the
repository (instructors and authors edit them there) and go into the wheel as package data,
`mathexams/question_bank` and `mathexams/templates` (found by mathexams.resources)."""

from setuptools import find_namespace_packages, find_packages, setup

DATA_FOLDERS = {"mathexams.question_bank": "question_bank", "mathexams.templates": "templates"}
DATA_FILES = ["*.yaml", "*.md", "*.tex"]
# the practice web app's pages, script, style, vendored KaTeX (with its licence) and Alembic migrations
PRACTICE_FILES = ["templates/*.html", "static/*.js", "static/*.css", "static/*.svg", "static/katex/*",
                  "static/katex/contrib/*", "static/katex/fonts/*", "migrations/*.py", "migrations/*.mako",
                  "migrations/versions/*.py"]


def data_packages() -> dict[str, str]:
    """Each data folder and every folder below it, as a package (setuptools copies packages)."""
    found = {}
    for package, folder in DATA_FOLDERS.items():
        found[package] = folder
        for sub in find_namespace_packages(folder):
            found[f"{package}.{sub}"] = f"{folder}/{sub.replace('.', '/')}"
    return found


DATA_PACKAGES = data_packages()

setup(
    packages=find_packages("src") + list(DATA_PACKAGES),
    package_dir={"": "src", **DATA_PACKAGES},
    package_data={"mathexams": ["py.typed"], "mathexams.practice": PRACTICE_FILES,
                  "mathexams.render": ["katex/*.js", "katex/*.css", "katex/LICENSE", "katex/fonts/*.woff2"],
                  **{package: DATA_FILES for package in DATA_PACKAGES}},
)
