# One target per habit. `make run` and `make test` work on a fresh machine (they set up .venv first).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
PORT ?= 8501

.PHONY: help setup run etl check where boundaries lint format test test-fast bench clean

help:
	@echo "make run         set up, build the database if absent, serve on http://localhost:$(PORT)"
	@echo "make test        set up, ruff, unit + AppTest + browser tests (Chromium)"
	@echo "make etl         rebuild the database from data/seed (python -m etl build)"
	@echo "make check       run the data contracts on the current database"
	@echo "make boundaries  re-simplify ../shared/geo polygons into data/geo"
	@echo "make lint        ruff check + format check"
	@echo "make bench       ETL build, per-page AppTest reruns, 1M-row upload vs DuckDB read_csv"

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)

run: setup
	@$(PY) -m etl where >/dev/null 2>&1 || $(PY) -m etl build
	$(PY) -m streamlit run app.py --server.port $(PORT)

etl: setup
	$(PY) -m etl build

check: setup
	$(PY) -m etl check

where: setup
	@$(PY) -m etl where

boundaries: setup
	$(PY) -m etl boundaries

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: setup lint
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not e2e"

bench: setup
	$(PY) -m bench

clean:
	rm -rf data/db artifacts .pytest_cache .ruff_cache
