# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench browser clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

## demo: install into .venv, run the pipeline on samples/, write crosswire.duckdb and report.html
demo: $(STAMP)
	$(BIN)/crosswire run samples --db crosswire.duckdb
	$(BIN)/crosswire report --db crosswire.duckdb -o report.html
	@echo "wrote crosswire.duckdb and report.html"

## test: lint, type-check and run the whole test suite
test: $(STAMP) browser
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

## browser: Debian's Chromium for the dashboard tests (installed once, as root)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium chromium-driver'"; fi; }

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) crosswire.duckdb report.html .pytest_cache .mypy_cache .ruff_cache
