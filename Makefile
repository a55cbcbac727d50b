# One verb per chore. `make test` and `make demo` install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TEX_PACKAGES := texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-pictures \
                lmodern latexmk poppler-utils

.PHONY: setup tex test test-fast demo check bench index lint clean

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
	@if command -v latexmk >/dev/null && command -v pdflatex >/dev/null && command -v pdftotext >/dev/null \
	    && kpsewhich exam.cls lmodern.sty tikz.sty >/dev/null; then :; else \
	  echo "Installing TeX Live from Debian packages: $(TEX_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES); fi

test: setup tex
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not latex and not slow"

demo: setup tex
	$(BIN)/mathexams check --seeds 5 > /dev/null
	mkdir -p output
	$(BIN)/mathexams sample calc.rules.chain -n 3 > output/sample.tex

check: setup
	$(BIN)/mathexams check --seeds 200

bench: setup
	$(BIN)/python bench/engine.py

index: setup
	$(BIN)/mathexams index > question_bank/INDEX.md

lint: setup
	$(BIN)/python -m compileall -q src tests

clean:
	rm -rf output .pytest_cache
