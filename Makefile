# Two commands set everything up on a fresh machine with Python 3.10+:
#   make demo   builds .venv, installs readout, and runs it on the bundled sample article
#   make test   builds .venv with the test tools and runs every check CI runs
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck layers pytest bench fuzz clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("readout needs Python 3.10 or newer") if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	@true  # the stock pip of a new venv installs readout (tests/integration/test_install.py)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/readout assets/sample-article.txt

test: $(VENV)/.test-installed lint typecheck layers pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check readout tests benchmarks
	$(BIN)/ruff format --check readout tests benchmarks

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

layers: $(VENV)/.test-installed
	$(BIN)/lint-imports

pytest: $(VENV)/.test-installed
	$(BIN)/pytest

fuzz: $(VENV)/.test-installed
	READOUT_FUZZ_SCALE=20 $(BIN)/pytest tests/unit/test_loader_fuzz.py tests/unit/test_fuzz_regressions.py

bench: $(VENV)/.test-installed
	@# readability-lxml and jusText both ask for lxml[html_clean], which the pip of a new
	@# venv (< 23.3) cannot resolve; readout itself installs with that pip, the peers need a newer one
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.3"
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
