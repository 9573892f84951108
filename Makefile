# One target per habit. `make run` and `make test` work on a fresh machine (they set up .venv first).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
PORT ?= 8501

.PHONY: help setup browser run etl check where boundaries lint typecheck format test test-fast bench clean

help: ## list every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned requirements

# The browser tests need Debian's Chromium. Install it when we can (root with apt-get, as .ci/run is);
# otherwise stop at once with one line, instead of two minutes of browser-test errors.
browser: ## make sure /usr/bin/chromium is there (installs it as root with apt-get)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make test needs Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium', or 'make test-fast' to skip the browser tests"; \
		exit 1; \
	fi

run: setup ## set up, build the database if absent, serve on http://localhost:8501 (PORT=…)
	@$(PY) -m etl where >/dev/null 2>&1 || $(PY) -m etl build
	$(PY) -m streamlit run serve.py --server.port $(PORT)

etl: setup ## rebuild the database from data/seed and the upload manifest (python -m etl build)
	$(PY) -m etl build

check: setup ## run the data contracts on the current database
	$(PY) -m etl check

where: setup ## print the path of the database the app reads now
	@$(PY) -m etl where

boundaries: setup ## re-simplify ../shared/geo polygons into data/geo
	$(PY) -m etl boundaries

lint: setup ## ruff check + format check, and the SQL files with sqlfluff
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m sqlfluff lint etl/ddl etl/contracts etl/sql integritas/sql

typecheck: setup ## mypy, strict, on core/, etl/ and integritas/
	$(PY) -m mypy

format: setup ## ruff format + fixable lint
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Two workers, a test file each at a time (its session fixtures, servers and browser stay in one process): the
# browser tests spend most of their time waiting on a server or a browser, so two halve the wall time on 2 cores.
test: setup browser lint typecheck ## set up, lint, typecheck, unit + AppTest + browser tests (Chromium), 2 workers
	$(PY) -m pytest -n 2 --dist loadfile

test-fast: setup ## unit + AppTest only: no browser, no slow tests
	$(PY) -m pytest -m "not e2e and not slow"

bench: setup browser ## every page at 1×, 10×, 100×, 1000× (build, AppTest, Chromium, search, RSS) in one table; 1M-row upload
	$(PY) -m bench --factors 1,10,100,1000

clean: ## remove databases, screenshots and caches
	rm -rf data/db artifacts .pytest_cache .ruff_cache .mypy_cache
