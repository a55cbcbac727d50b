# One verb per chore. `make test` and `make demo` install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TEX_PACKAGES := texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-pictures \
                lmodern poppler-utils

.PHONY: setup tex web practice-tools test test-fast demo check bench index golden lint wheel clean formula-sheet

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "Installing python3-venv from Debian packages"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# TeX Live from Debian's packages, only when the engine or poppler is missing (about 360 MB).
tex:
	@if command -v pdflatex >/dev/null && command -v pdftotext >/dev/null \
	    && kpsewhich lmodern.sty tikz.sty needspace.sty enumitem.sty fancyhdr.sty adjustbox.sty >/dev/null; then :; else \
	  echo "Installing TeX Live from Debian packages: $(TEX_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES); fi

# The practice app's browser and database tests: Debian's chromium (driven by Playwright's Python
# client; never `playwright install`) and PostgreSQL (a throw-away cluster per test run), only when missing.
practice-tools:
	@if [ -x /usr/bin/chromium ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; else \
	  echo "Installing chromium and postgresql from Debian packages"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends chromium postgresql fonts-dejavu-core; fi

# pandoc (bank LaTeX to HTML for the LMS and HTML exports) and chromium (the HTML pages' browser
# test, driven by Playwright's Python client: no browser download) from Debian's packages, when missing.
web:
	@command -v pandoc >/dev/null && command -v chromium >/dev/null || { \
	  echo "Installing pandoc and chromium from Debian packages"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends pandoc chromium; }

test: setup tex web practice-tools
	$(BIN)/python -m pytest

# Without the TeX and slow tests, in one worker process per core (pytest-xdist).
test-fast: setup web
	$(BIN)/python -m pytest -m "not latex and not slow" -n auto

# The main job: a biweekly review quiz and the final exam in two versions, with keys, as PDFs.
demo: setup tex web
	$(BIN)/mathexams quiz --weeks 3-4 --seed 2026 --force
	$(BIN)/mathexams final --seed 2026 --versions 2 --force

check: setup
	$(BIN)/mathexams check --seeds 300

bench: setup tex web practice-tools
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/judge.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/security.py
	$(BIN)/python bench/practice_app.py
	$(BIN)/python bench/seeds.py
	$(BIN)/python bench/export.py

index: setup
	$(BIN)/mathexams index > question_bank/INDEX.md

# Deliberately rebuild the golden exam records (tests/golden/) after a change that moves questions.
golden: setup
	$(BIN)/python tests/golden/golden.py

# The final's formula sheet (templates/formula_sheet.tex) from the bank's table functions.
formula-sheet: setup
	$(BIN)/python scripts/formula_sheet.py

# ruff (rules and the reasons for each ignore in pyproject.toml) and mypy on the engine.
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# The wheel as users get it: built, installed into a fresh venv outside the checkout, then
# `mathexams list`, a 2-version quiz to PDF and a self-check run from an empty folder (.ci/wheel-smoke).
wheel: setup tex
	rm -rf dist build
	$(BIN)/pip wheel . --no-deps --quiet -w dist
	rm -rf build
	PYTHON=$(PYTHON) .ci/wheel-smoke dist/mathexams-*.whl

clean:
	rm -rf output .pytest_cache dist build
